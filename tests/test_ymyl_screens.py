"""The pre-screens and fast paths of the YMYL kinds (lint/checks/ymyl_topic.py, ymyl_lexicon.py): a screen
may only ever rule out text its pattern cannot match, and each fast path must give what
the plain code gives. Random texts mix rule examples, lexicon words, case changes and the
characters case-insensitive matching treats specially ("İ", "ſ", the Kelvin sign, "µ"/"μ")."""

from __future__ import annotations

import random
import re
import sys
from typing import Any, Iterator

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from conftest import FIXTURES, ROOT

from lint.checks import regex_screens, ymyl_citations, ymyl_lexicon
from lint.rules import load_rules

RULES = {rule.id: rule for pack in ("medical", "finance") for rule in load_rules([ROOT / "rules" / pack])}
ODD = ["İ", "ı", "ſ", "K", "µ", "μ", "Μ", "Σ", "ς", "’", "—", "–", "é", "ß", "\u0307", "\n", "\u00a0"]


def screened() -> Iterator[tuple[str, Any, regex_screens.Screen | None]]:
    """(name, pattern, screen) for every screen the YMYL kinds use."""
    for rule_id in ("MED001", "FIN001"):
        phrasings = RULES[rule_id].prepared.phrasings
        yield f"{rule_id} standalone", phrasings.standalone, phrasings.standalone_screen
        yield f"{rule_id} statements", phrasings.statements, phrasings.statements_screen
        yield f"{rule_id} either", _Either(phrasings.standalone, phrasings.statements), phrasings.either_screen
    prepared = RULES["MED004"].prepared
    yield "MED004 any claim", prepared.any_claim, prepared.any_claim_screen
    for claim in prepared.claims:
        yield f"MED004 {claim.label}", claim.pattern, claim.screen
    for rule_id in ("MED008", "FIN002"):
        prepared = RULES[rule_id].prepared
        yield f"{rule_id} claims", prepared.claims, prepared.claims_screen
        yield f"{rule_id} needs-citation", prepared.needs_citation, prepared.needs_citation_screen
        yield f"{rule_id} reporting", prepared.reporting, prepared.reporting_screen
        yield f"{rule_id} either", _Either(prepared.claims, prepared.needs_citation), prepared.any_claim_screen
    yield "markers", ymyl_citations.MARKERS, ymyl_citations._MARKERS_SCREEN
    yield "url", ymyl_citations.URL, ymyl_citations._URL_SCREEN
    for rule_id in ("MED001", "FIN001"):
        for pattern in RULES[rule_id].prepared.topic.patterns:
            yield f"{rule_id} topic {pattern.regex.pattern[:20]}", pattern.regex, pattern.screen


class _Either:
    def __init__(self, *patterns: re.Pattern[str] | None) -> None:
        self.patterns = [pattern for pattern in patterns if pattern is not None]

    def search(self, text: str) -> object:
        return next((found for pattern in self.patterns if (found := pattern.search(text))), None)


def corpus(count: int, seed: int) -> list[str]:
    sentences = [text for values in tomllib.loads((FIXTURES / "medical" / "disclaimers.toml").read_text()).values()
                 if isinstance(values, list) for text in values]
    for rule in RULES.values():
        sentences += re.split(r"(?<=[.!?])\s+", rule.docs.example + " " + rule.docs.good)
    words = [word for path in (ROOT / "rules").rglob("*.toml") for word in re.findall(r"[\w'’%$./\[\]()-]+", path.read_text())]
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        if rng.random() < 0.5:
            text = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 3)))
        else:
            text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))
        chars = [rng.choice(ODD) if rng.random() < 0.02 else char.swapcase() if rng.random() < 0.05 else char for char in text]
        texts.append("".join(chars) if rng.random() < 0.6 else text)
    return texts


# Patterns without a screen always run: nothing to test for them.
SCREENED = [(name, pattern, found) for name, pattern, found in screened() if pattern is not None and found is not None]


@pytest.mark.parametrize("name, pattern, screen", SCREENED, ids=lambda value: value if isinstance(value, str) else "")
def test_screens_rule_out_only_text_without_matches(name: str, pattern: Any, screen: regex_screens.Screen) -> None:
    texts = corpus(400, seed=len(name))
    document = "\n".join(regex_screens.fold(text) or "" for text in texts[:20])
    narrowed = screen.within(document)
    for index, text in enumerate(texts):
        folded = regex_screens.fold(text)
        if folded is not None:
            assert len(folded) == len(text)
        tests = [screen, narrowed] if index < 20 and folded is not None else [screen]
        for test in tests:
            if not test.admits(text, folded):
                assert pattern.search(text) is None, (name, text)


def test_screens_rule_out_most_text() -> None:
    screen = RULES["MED001"].prepared.phrasings.either_screen
    assert screen is not None
    texts = [sentence for sentence in corpus(200, seed=1) if regex_screens.fold(sentence) is not None]
    assert sum(screen.admits(text, regex_screens.fold(text)) for text in texts) < len(texts) / 2


@pytest.mark.parametrize("text", [
    "Parkinson’s DISEASE and ΟΔΟΣ.Α Σ", "İstanbul İ", "ſome Kelvin", "a_b don't x-ray 3.5mg", "", "Σ", "ΣΑΣ'Α",
])
def test_body_words_are_term_words(text: str) -> None:
    for sample in (text, text * 3, text.upper()):
        assert ymyl_lexicon.body_words(sample, regex_screens.fold(sample)) == ymyl_lexicon.term_words(sample)


def test_topic_pattern_fast_search_finds_what_the_regex_finds() -> None:
    texts = corpus(200, seed=7) + ["155 units, 5mg, 3.5 ml, 10 µg, $5,000, €20 and 5% a year or 7 % APY; 2 mg/kg"]
    for rule_id in ("MED001", "FIN001"):
        for pattern in RULES[rule_id].prepared.topic.patterns:
            for text in texts:
                assert [match.span() for match in pattern.finditer(text)] == [match.span() for match in pattern.regex.finditer(text)]


def test_lookalikes_are_all_the_non_ascii_characters_ignorecase_equates_with_ascii_letters() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(code) for code in range(0x80, sys.maxunicode + 1) if letter.fullmatch(chr(code))}
    assert found == set(regex_screens.ASCII_LOOKALIKES)
    assert all(re.fullmatch(char, ascii_char, re.IGNORECASE) for char, ascii_char in regex_screens.ASCII_LOOKALIKES.items())


def test_lower_casing_keeps_word_characters_where_they_are() -> None:
    """What `fold` and `_body_words` rely on: a character that lower-cases to one character
    stays a word character (or not) in lower case."""
    word_char = re.compile(r"[^\W_]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lower = char.lower()
        if len(lower) == 1:
            assert bool(word_char.match(char)) == bool(word_char.match(lower)), hex(code)
