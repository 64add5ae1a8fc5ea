"""Text primitives shared by parsers and checks: spans, sentence and word splitting,
and a builder that records where each piece of block text came from in the source."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Iterator, NamedTuple

if TYPE_CHECKING:
    from lint.document import Run


class Span(NamedTuple):
    start: int
    end: int


# Span from a (start, end) pair without NamedTuple's __new__ wrapper, mappable in C.
_as_span = partial(tuple.__new__, Span)
_match_span = re.Match.span


WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A run of sentence-ending punctuation, closing quotes/brackets, then white space or the end.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_PRECEDING_TOKEN = re.compile(r"([\w.]+)\.$")
_NEXT_CHAR = re.compile(r"\s*(\S)")
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2028\u2029]+")
_NEEDS_COLLAPSE = re.compile(r"[\t\r\n\f\v\u00a0\u2028\u2029]|  ")
# Abbreviations that do not end a sentence even before a capital ("Dr. Smith", "U.S. Army").
ABBREVIATIONS = frozenset(
    """dr mr mrs ms prof sr jr st vs e.g i.e u.s u.k u.s.a inc ltd co approx
    cf al ca mt gen col lt sgt rev ave blvd dept univ ph.d m.d b.sc ft oz lb lbs mg kg
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# Abbreviations only before a number ("No. 5", "Fig. 2"); elsewhere "no." ends a sentence.
NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "fig", "figs", "vol", "pp", "p", "ch", "sec"})


def word_spans(text: str) -> tuple[Span, ...]:
    # Mapped in C: every block's words are split, so per-word costs add up.
    return tuple(map(_as_span, map(_match_span, WORD.finditer(text))))


def sentence_spans(text: str) -> Iterator[Span]:
    """Split prose into sentences.

    A boundary is final punctuation followed by white space and a word that does not start
    in lower case, so a pasted "Title? lower-case words" stays one sentence. Abbreviations,
    initials and decimals ("3.5 mg": no white space after the dot) do not end sentences.
    """
    start = _skip_space(text, 0)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if end <= start or not _is_boundary(text, match):
            continue
        yield Span(start, end)
        start = _skip_space(text, end)
    tail_end = len(text.rstrip())
    if tail_end > start:
        yield Span(start, tail_end)


def _skip_space(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    following = _NEXT_CHAR.match(text, match.end())
    if following is None:
        return True
    next_char = following.group(1)
    if next_char.islower():
        return False
    punctuation = match.group()
    if punctuation.startswith(".") and len(punctuation.rstrip("\"'”’)]")) == 1:
        return not _ends_with_abbreviation(text, match.start() + 1, next_char)
    return True


def _ends_with_abbreviation(text: str, end: int, next_char: str) -> bool:
    """Whether `text[:end]` ends with an abbreviation (only its last 24 characters are read)."""
    token = _PRECEDING_TOKEN.search(text, max(0, end - 24), end)
    if token is None:
        return False
    word = token.group(1).lower()
    if word in NUMBER_ABBREVIATIONS:
        return next_char.isdigit()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or _is_dotted_initials(word)


def _is_dotted_initials(word: str) -> bool:
    parts = word.split(".")
    return len(parts) > 1 and all(len(part) == 1 and part.isalpha() for part in parts)


class TextBuilder:
    """Accumulates block text and the runs that map it back to source offsets.

    White space collapses to one space (or one newline where a line break is kept), and
    the text is trimmed at both ends, the runs adjusted to match.
    """

    __slots__ = ("_parts", "_runs", "_length", "_ends_with_space")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs: list[tuple[int, int, int, int]] = []
        self._length = 0
        self._ends_with_space = True  # leading white space is dropped

    def add(self, text: str, source_start: int) -> None:
        """Append source text that appears verbatim at `source_start`."""
        if not (self._ends_with_space and text[:1] == " ") and not _NEEDS_COLLAPSE.search(text):
            self._add_verbatim(text, source_start)  # nothing to collapse: one run
            return
        position = 0
        for space in _SPACE.finditer(text):
            self._add_verbatim(text[position : space.start()], source_start + position)
            self.add_space(source_start + space.start(), source_start + space.end())
            position = space.end()
        self._add_verbatim(text[position:], source_start + position)

    def add_mapped(self, text: str, source_start: int, source_end: int) -> None:
        """Append text that stands for a source stretch of another length (an entity)."""
        if not text:
            return
        if text.isspace():
            self.add_space(source_start, source_end)
            return
        self._append(text, source_start, source_end - source_start)

    def add_space(self, source_start: int, source_end: int, *, newline: bool = False) -> None:
        if self._ends_with_space:
            if newline and self._parts and self._parts[-1].endswith(" "):
                self._parts[-1] = self._parts[-1][:-1] + "\n"
            return
        self._append("\n" if newline else " ", source_start, source_end - source_start)
        self._ends_with_space = True

    def _add_verbatim(self, text: str, source_start: int) -> None:
        if text:
            self._append(text, source_start, len(text))

    def _append(self, text: str, source_start: int, source_length: int) -> None:
        length = len(text)
        last = self._runs[-1] if self._runs else None
        if (
            last is not None
            and length == source_length
            and last[2] == last[3]
            and last[1] + last[3] == source_start
        ):
            self._runs[-1] = (last[0], last[1], last[2] + length, last[3] + length)
        else:
            self._runs.append((self._length, source_start, length, source_length))
        self._parts.append(text)
        self._length += length
        self._ends_with_space = text[-1].isspace()

    def build(self) -> tuple[str, tuple["Run", ...]]:
        from lint.document import Run

        text = "".join(self._parts)
        stripped = text.rstrip()
        runs = []
        for text_start, source_start, text_length, source_length in self._runs:
            if text_start >= len(stripped):
                break
            overhang = text_start + text_length - len(stripped)
            if overhang > 0:  # the run ended in white space that was stripped
                is_verbatim = text_length == source_length
                text_length -= overhang
                source_length = text_length if is_verbatim else source_length
            runs.append(Run(text_start, source_start, text_length, source_length))
        return stripped, tuple(runs)


def verbatim(text: str, source_start: int) -> tuple[str, tuple["Run", ...]]:
    """Block text and runs for source text taken as it is (white space collapsed)."""
    builder = TextBuilder()
    builder.add(text, source_start)
    return builder.build()
