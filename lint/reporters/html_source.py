"""The article source as HTML lines with every finding highlighted in place (HTML report).

Overlapping findings are cut into pieces at every finding and line boundary; each piece
is one `<mark>` listing all findings that cover it, so nothing nests and the script can
switch a piece off when a filter hides every finding it carries.
"""

from __future__ import annotations

import re
from html import escape
from itertools import pairwise
from typing import Iterator, NamedTuple, Sequence

from lint.findings import SEVERITY_RANK, Finding

# Same line breaks as lint.document.LineIndex, so line numbers match the findings' lines.
LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
# C0/C1 controls would be invisible or garbled; show them as Unicode control pictures.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Mark(NamedTuple):
    """A finding as the source view needs it: its element id and source offsets."""

    key: str
    start: int
    end: int
    severity: str


class Piece(NamedTuple):
    start: int
    end: int
    keys: tuple[str, ...]  # findings covering the piece, in report order


def marks_for(findings: Sequence[Finding], prefix: str, source_length: int) -> list[Mark]:
    """One Mark per finding, keyed `<prefix>-f<n>` in report order, clamped to the source."""
    marks = []
    for number, finding in enumerate(findings):
        start = min(max(finding.start, 0), source_length)
        end = min(max(finding.end, start), source_length)
        marks.append(Mark(f"{prefix}-f{number}", start, end, finding.severity))
    return marks


def pieces(source: str, marks: Sequence[Mark]) -> Iterator[Piece]:
    """Consecutive pieces of `source`; line breaks are always pieces of their own."""
    cuts = {0, len(source)}
    for mark in marks:
        cuts.update((mark.start, mark.end))
    for match in LINE_BREAK.finditer(source):
        cuts.update(match.span())
    starting: dict[int, list[Mark]] = {}
    for mark in marks:
        if mark.end > mark.start:
            starting.setdefault(mark.start, []).append(mark)
    active: list[Mark] = []
    for start, end in pairwise(sorted(cuts)):
        active = [mark for mark in active if mark.end > start] + starting.get(start, [])
        yield Piece(start, end, tuple(mark.key for mark in sorted(active, key=_report_order)))


def _report_order(mark: Mark) -> int:
    return int(mark.key.rsplit("-f", 1)[1])


def render_source(source: str, marks: Sequence[Mark]) -> str:
    """`<div class="ln">` per source line, findings as `<mark>` pieces, points as empty marks."""
    inside_breaks = {match.start() + 1 for match in LINE_BREAK.finditer(source) if match.end() - match.start() == 2}
    marks = [_as_point_if_blank(source, _outside(mark, inside_breaks)) for mark in marks]
    severity = {mark.key: mark.severity for mark in marks}
    points: dict[int, list[str]] = {}
    for mark in marks:
        if mark.end == mark.start:
            points.setdefault(mark.start, []).append(mark.key)
    lines: list[str] = []
    current: list[str] = []
    for piece in pieces(source, marks):
        current.extend(_point(points.pop(piece.start, []), severity))
        text = source[piece.start : piece.end]
        if LINE_BREAK.fullmatch(text):
            lines.append("".join(current))
            current = []
        elif piece.keys:
            current.append(_mark(piece.keys, severity, "hl on", _text(text)))
        else:
            current.append(_text(text))
    for keys in points.values():  # points at the very end of the source
        current.extend(_point(keys, severity))
    lines.append("".join(current))
    return "".join(f'<div class="ln" data-n="{number}">{line}</div>' for number, line in enumerate(lines, 1))


def _outside(mark: Mark, inside_breaks: set[int]) -> Mark:
    """The mark with ends that split a CRLF moved before it, so the break stays one piece."""
    start = mark.start - (mark.start in inside_breaks)
    end = mark.end - (mark.end in inside_breaks)
    return mark._replace(start=start, end=max(start, end))


def _as_point_if_blank(source: str, mark: Mark) -> Mark:
    """A span of nothing but line breaks has no text to highlight: show it as a point."""
    if LINE_BREAK.sub("", source[mark.start : mark.end]):
        return mark
    return mark._replace(end=mark.start)


def _point(keys: list[str], severity: dict[str, str]) -> list[str]:
    return [_mark(tuple(keys), severity, "hl on point", "")] if keys else []


def _mark(keys: tuple[str, ...], severity: dict[str, str], classes: str, inner: str) -> str:
    top = max((severity[key] for key in keys), key=SEVERITY_RANK.__getitem__)
    multi = " multi" if len(keys) > 1 else ""
    return (
        f'<mark class="{classes}{multi}" data-f="{" ".join(keys)}" data-sev="{top}" '
        f'tabindex="0" role="button" aria-haspopup="dialog">{inner}</mark>'
    )


def _text(text: str) -> str:
    return escape(CONTROL.sub(_control_picture, text), quote=True)


def _control_picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)
