"""SP001 (spelling kind): offline dictionary plus medical, everyday, project and article words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLES, lint_file, lint_string

from lint.errors import ConfigError

SEED_TERMS = ("botulinum", "acetylcholine", "blepharospasm", "dystonia", "hemifacial", "spasticity", "Clostridium")
# Common misspellings, each placed mid-sentence; the dictionary must not know them.
MISSPELLINGS = """accomodate acheive accross agressive apparantly arguement basicly begining beleive bizzare buisness
cemetary cheif collegue commitee completly concious definately disapear embarass enviroment existance familar finaly
foriegn freind goverment happend harrass immediatly independant interupt irrelevent knowlege libary maintainance
medecine millenium neccessary noticable occassion occured occurence paralell persistant posession prefered realy
recieve reccomend relevent remeber repitition seperate similiar sucessful suprise tendancy therfore tommorow truely
untill wierd wich writting acident allready alot becuase carefull excercise febuary greatful hospitial medicaton
symtoms paitent perscription pharmacey nausia diarhea headach asprin inflamation alergy vacine injectioin
neurologsit botulnum spasticty procedue treatmnet musles appointmnet""".split()


def spelling(text: str, fmt: str = "md", **options: Any) -> list[Any]:
    rules = {"SP001": options} if options else {}
    return [f for f in lint_string(text, fmt, select=["SP001"], rules=rules).findings if f.rule_id == "SP001"]


@pytest.mark.parametrize("name", ["do-neurologists-do-botox.txt", "do-neurologists-do-botox.md", "do-neurologists-do-botox.html"])
def test_seed_article_has_no_misspellings(name: str) -> None:
    assert [f.text for f in lint_file(SAMPLES / name, select=["SP001"]).findings] == []


@pytest.mark.parametrize("path", sorted((SAMPLES / "clean").glob("*")), ids=lambda path: path.name)
def test_clean_samples_get_no_spelling_findings(path: Path) -> None:
    assert [f.text for f in lint_file(path, select=["SP001"]).findings] == []


def test_seed_medical_terms_are_known_in_any_case_and_form() -> None:
    sentences = [f"The report mentions {term} twice, and {term.capitalize()}'s role too." for term in SEED_TERMS]
    sentences += [f"Some notes list {term}s in passing." for term in ("dystonia", "blepharospasm")]
    assert spelling("# Terms\n\n" + "\n\n".join(sentences)) == []


def test_common_misspellings_are_found_with_corrections() -> None:
    text = "# Notes\n\n" + "\n\n".join(f"The nurse said the {word} was noted in the chart." for word in MISSPELLINGS)
    findings = spelling(text)
    found = {f.text for f in findings}
    recall = len(found & set(MISSPELLINGS)) / len(MISSPELLINGS)
    assert recall >= 0.97, sorted(set(MISSPELLINGS) - found)
    assert found <= set(MISSPELLINGS)
    suggestions = {f.text: f.suggestion for f in findings}
    assert suggestions["recieve"].split(" / ")[0] == "receive"
    assert "medication" in suggestions["medicaton"]


def test_a_word_too_long_to_correct_is_reported_without_a_suggestion() -> None:
    """Words longer than the dictionary's longest plus three are not corrected (found by the
    CLI fuzzer: the word came back as its own candidate and ranking it raised KeyError,
    which turned every spelling finding of the page into one internal-error finding)."""
    long_word = "averyveryverylongwordthatnobodywouldeverwriteinarealsentenceatall"
    findings = spelling(f"# Footer\n\nThe page ends with {long_word} and one recieve in the footer.\n")
    assert [(f.text, f.suggestion) for f in findings] == [(long_word, None), ("recieve", "receive / relieve")]


def test_positions_point_at_the_word_in_every_format() -> None:
    for fmt, text in (
        ("md", "# Title\n\nMost patients **recieve** a dose.\n"),
        ("html", "<html><body><article><h1>Title</h1><p>Most patients <b>recieve</b> a&nbsp;dose.</p></article></body></html>"),
        ("txt", "Title\n\nMost patients recieve a dose.\n"),
    ):
        [finding] = spelling(text, fmt)
        assert text[finding.start : finding.end] == "recieve"
        assert finding.suggestion is not None and finding.suggestion.startswith("receive")


def test_names_acronyms_code_urls_and_digits_are_skipped() -> None:
    text = (
        "# Notes\n\nWe spoke to Dr. Aoki and the Allergan team about FAQs, CGRP and eGFR.\n\n"
        "Type `npm instal` or see https://example.org/leaflt and www.examplehealth.org/recieve.\n\n"
        "The 5mg dose, the 2nd visit and H2O are not words; clinic@exampel.org is an address.\n"
    )
    assert spelling(text) == []


def test_sentence_starts_are_names_unless_configured() -> None:
    text = "# Notes\n\nRecieve the leaflet first.\nXeomin is another product.\n"
    assert spelling(text) == []
    assert [f.text for f in spelling(text, check_sentence_start=True)] == ["Recieve", "Xeomin"]


def test_british_spellings_and_inflections_are_accepted() -> None:
    text = "# Notes\n\nThe colour of the centre changed; we summarised the oedema in paediatric patients and travelled home.\n"
    assert spelling(text) == []
    assert {f.text for f in spelling(text, british_spellings=False)} >= {"colour", "centre", "summarised"}


def test_medical_shaped_words_are_accepted_unless_turned_off() -> None:
    text = "# Notes\n\nDoxylamine helps; chorionic and paraspinal are clinical words.\n"
    assert spelling(text) == []
    assert {f.text for f in spelling(text, medical_shapes=False)} == {"chorionic", "paraspinal"}


def test_project_words_inline_and_from_front_matter() -> None:
    text = "# Notes\n\nBook at the sleepwise desk with the medibook form.\n"
    assert {f.text for f in spelling(text)} == {"sleepwise", "medibook"}
    assert spelling(text, words=["sleepwise", "Medibook"]) == []
    front = "---\nspelling-words: sleepwise, medibook\n---\n" + text
    assert spelling(front) == []


def test_project_word_list_file_next_to_the_config(run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "article.md").write_text("# Notes\n\nBook at the sleepwise desk.\n", encoding="utf-8")
    (tmp_path / "words.txt").write_text("# our terms\nsleepwise\n", encoding="utf-8")
    (tmp_path / "contentlint.toml").write_text('packs = ["spelling"]\n[rules]\nSP001 = { words = "words.txt" }\n', encoding="utf-8")
    assert run_cli("check", "docs/article.md")[0] == 0
    (tmp_path / "words.txt").unlink()
    code, _, err = run_cli("check", "docs/article.md")
    assert code == 2 and "words.txt" in err


def test_bad_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no dictionary for 'xx'"):
        spelling("# Notes\n\nText.\n", language="xx")


@pytest.mark.parametrize("language", ["en", "de"])
def test_own_dictionary_loader_agrees_with_pyspellchecker(language: str) -> None:
    """The loader and corrections that skip pyspellchecker's start-up give its answers."""
    from spellchecker import SpellChecker

    from lint.checks.spelling_dictionary import load_dictionary

    theirs = SpellChecker(language=language, distance=1)
    ours = load_dictionary(language)
    assert ours.frequency == dict(theirs.word_frequency.dictionary)
    assert ours.letters == theirs.word_frequency.letters and ours.longest == theirs.word_frequency.longest_word_length
    words = [*MISSPELLINGS, "the", "Recieve", "x", "3.5", "nan", "", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "naïve"]
    assert [ours.candidates(word) for word in words] == [theirs.candidates(word) for word in words]
    assert [word in ours for word in words] == [word in theirs for word in words]


def test_non_word_spans_mark_exactly_the_tokens_the_token_pattern_finds() -> None:
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from lint.checks.vocabulary import NON_WORD_TOKEN, non_word_spans

    pieces = st.sampled_from(
        ["www.", "x.com", "a.comb", "://", "@", "_", "/", "\\", "=", "#", "{", "}", "<", ">", "|", "~", "^", "1", "٣", "aB",
         "ab", "AB", "(", "’", "-", ".", "é", "x.co", "x.uk.", "x.html", "x.pdfs", " ", "\n", "\t", "\u00a0", "\u200b", "word"]
    )

    @settings(max_examples=500, deadline=None)
    @given(st.lists(pieces, max_size=14).map("".join))
    def same(text: str) -> None:
        expected = tuple((token.start(), token.end()) for token in re.finditer(r"\S+", text) if NON_WORD_TOKEN.search(token.group()))
        assert tuple((span.start, span.end) for span in non_word_spans(text)) == expected

    same()
