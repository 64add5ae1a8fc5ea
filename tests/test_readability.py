"""The readability pack: metric values against textstat, prose selection, audiences, passive
detection, offline operation and shared work. Rule behaviour on marked text lives in
tests/fixtures/readability/."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any, Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import textstat
from conftest import ROOT, SAMPLES, SEED_TEXT
from textstat.textstat import textstatistics

from lint.checks import readability
from lint.checks import readability_stats as stats
from lint.checks.passive import find_passive
from lint.checks.readability import sentence_counts, syllable_count
from lint.config import Config, FileSettings, Settings
from lint.engine import FileResult, Linter, LintOptions
from lint.errors import ConfigError
from lint.parsers import parse

PACK = Config(settings=Settings(packs=("readability",)), root=ROOT)
SYLLABLES = {"botulinum": 4, "contraindicated": 6}
TEXTSTAT_FUNCTIONS = {
    "flesch_reading_ease": stats.flesch_reading_ease,
    "flesch_kincaid_grade": stats.flesch_kincaid_grade,
    "smog_index": stats.smog_index,
    "gunning_fog": stats.gunning_fog,
    "coleman_liau_index": stats.coleman_liau_index,
    "automated_readability_index": stats.automated_readability_index,
    "dale_chall_readability_score": stats.dale_chall_score,
}
# Plain prose whose sentences textstat and the linter split alike (no abbreviations, decimals
# or colons) and without words from the syllable overrides: the figures must be identical.
EASY = (
    "Botox is made from a toxin. It stops nerves from telling a muscle to tighten. A small dose can "
    "calm a muscle that moves when you do not want it to. Doctors found this out many years ago. "
    "Yes, really. The effect wears off in about three months, so most people need more shots."
)
HARD = (
    "Neurologists pioneered the therapeutic administration of this neurotoxin for numerous "
    "neurological conditions characterized by involuntary muscular hyperactivity. Comprehensive "
    "evaluation, including detailed examination and individualized dosage determination, "
    "precedes treatment. Patients frequently experience considerable improvement."
)


def lint(text: str, fmt: str = "md", *, select: tuple[str, ...] = (), rules: dict[str, Any] | None = None) -> FileResult:
    """Lint with the readability pack only, so other packs' work in progress cannot interfere."""
    linter = Linter(LintOptions(select=select, config=PACK))
    return linter.lint_text(text, f"article.{fmt}", fmt, PACK, FileSettings(rules=rules or {}, config_path="test"))


def ids(result: FileResult, rule_id: str) -> list[tuple[int, str]]:
    return [(finding.line, finding.message) for finding in result.findings if finding.rule_id == rule_id]


def document_counts(text: str, fmt: str = "md", overrides: dict[str, int] | None = None) -> stats.Counts:
    doc = parse(text, f"article.{fmt}", fmt)
    return stats.total(sentence_counts(doc, overrides or {}).values())


# --- metric values ---------------------------------------------------------------------


def test_textstat_is_the_pinned_release() -> None:
    # 0.7.9+ reads NLTK's CMUdict and 0.7.10+ downloads it: the pin keeps the pack offline.
    assert textstat.__version__ == (0, 7, 8)


@pytest.mark.parametrize("text", [EASY, HARD], ids=["easy", "hard"])
@pytest.mark.parametrize("name", sorted(TEXTSTAT_FUNCTIONS))
def test_formulas_match_textstat_on_the_same_sentences(text: str, name: str) -> None:
    counts = document_counts(f"# Title\n\n{text}\n")
    assert TEXTSTAT_FUNCTIONS[name](counts) == pytest.approx(getattr(textstatistics(), name)(text), abs=1e-9)


def test_golden_values_for_fixed_texts() -> None:
    easy, hard = document_counts(f"# T\n\n{EASY}\n"), document_counts(f"# T\n\n{HARD}\n")
    # "Yes, really." has two words: textstat counts its words but not it as a sentence.
    assert (easy.words, easy.sentences, easy.syllables, easy.unfamiliar_words) == (54, 5, 67, 17)
    assert round(stats.flesch_reading_ease(easy), 2) == 90.91
    assert round(stats.flesch_kincaid_grade(easy), 2) == 3.26
    assert (hard.words, hard.sentences, hard.syllables, hard.polysyllables) == (33, 3, 108, 22)
    assert round(stats.flesch_kincaid_grade(hard), 2) == 27.32
    assert round(stats.smog_index(hard), 2) == 18.6


def test_seed_document_metrics_are_pinned() -> None:
    """Golden values for the seed. textstat on the raw file gives FRE 20.28 / FK 14.26: it also
    reads the title, headings, bullet fragments and the flattened table, splits at every full
    stop, and counts "botulinum" as 2 syllables; the linter measures prose sentences only."""
    metrics = lint(SEED_TEXT.read_text(encoding="utf-8"), "txt").metrics["readability"]
    assert metrics["audience"] == "patient" and metrics["audience_source"] == "medical"
    document = metrics["document"]
    assert (document["words"], document["sentences"], document["paragraphs"]) == (969, 65, 20)
    assert {key: document[key] for key in ("flesch_reading_ease", "flesch_kincaid_grade", "smog_index")} == {
        "flesch_reading_ease": 21.46,
        "flesch_kincaid_grade": 13.97,
        "smog_index": 15.26,
    }
    assert (document["gunning_fog"], document["coleman_liau_index"], document["automated_readability_index"]) == (
        17.65,
        16.44,
        14.43,
    )
    assert (document["dale_chall_score"], document["passive_sentence_share"], document["long_sentence_share"]) == (
        12.33,
        0.123,
        0.138,
    )
    assert round(textstatistics().flesch_reading_ease(SEED_TEXT.read_text(encoding="utf-8")), 2) == 20.28


def test_sections_are_keyed_by_heading_and_line() -> None:
    sections = lint(SEED_TEXT.read_text(encoding="utf-8"), "txt").metrics["readability"]["sections"]
    hardest = max(sections, key=lambda section: section["flesch_kincaid_grade"])
    assert (hardest["heading"], hardest["line"]) == ("The Therapeutic Origins of Botox", 11)
    assert hardest["flesch_kincaid_grade"] == 17.34
    faq = next(section for section in sections if section["heading"].startswith("Frequently"))
    assert (faq["line"], faq["words"], faq["sentences"], faq["paragraphs"]) == (67, 427, 29, 12)
    assert sum(section["words"] for section in sections) == 969


def test_the_three_formats_of_the_seed_measure_alike() -> None:
    documents = [
        lint((SAMPLES / f"do-neurologists-do-botox.{fmt}").read_text(encoding="utf-8"), fmt).metrics["readability"]["document"]
        for fmt in ("txt", "md", "html")
    ]
    assert documents[0] == documents[1] == documents[2]


def test_direct_dictionary_lookup_counts_like_textstat() -> None:
    """readability.syllable_count reads CMUdict itself for speed; it must agree with textstat."""
    counter = textstatistics()
    counter.set_rm_apostrophe(False)
    words = {
        word.lower()
        for path in [SEED_TEXT, *sorted((SAMPLES / "clean").glob("*.md"))]
        for word in counter.remove_punctuation(path.read_text(encoding="utf-8")).split()
    }
    assert len(words) > 500
    assert {word: syllable_count(word, {}) for word in words} == {word: counter.syllable_count(word) for word in words}


def test_syllable_overrides_fix_words_missing_from_cmudict() -> None:
    text = "# T\n\nBotulinum is contraindicated in some people with weak muscles.\n"
    plain, fixed = document_counts(text), document_counts(text, overrides=SYLLABLES)
    assert textstatistics().syllable_count("botulinum") == 2  # pyphen's undercount
    assert fixed.syllables - plain.syllables == (4 - 2) + (6 - textstatistics().syllable_count("contraindicated"))
    assert stats.flesch_kincaid_grade(fixed) > stats.flesch_kincaid_grade(plain)


def test_abbreviations_and_decimals_do_not_split_sentences_unlike_textstat() -> None:
    text = "Dr. Lee gave 2.5 units to each of the small muscles around the eye."
    counts = document_counts(f"# T\n\n{text}\n")
    assert counts.sentences == 1
    assert textstatistics().sentence_count(text) > 1


# --- prose only -------------------------------------------------------------------------


def test_headings_fragments_and_tables_do_not_bend_the_metrics() -> None:
    prose = "Botox relaxes muscles for about three months. Most people need repeat shots."
    with_furniture = f"""# Botox basics

{prose}

## What the injections treat in adults and children with long-term conditions

- Headache
- Muscle weakness

| Condition | Typical dose for adults in units per session as agreed with the neurologist |
| --- | --- |
| Chronic migraine in adults who have tried other preventive medicines first | 155 units |
"""
    assert document_counts(with_furniture) == document_counts(f"# Botox basics\n\n{prose}\n")


def test_flattened_text_table_is_not_one_long_sentence() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    result = lint(text, "txt", select=("RD002",))
    assert not [line for line, _ in ids(result, "RD002") if 53 <= line <= 57]


def test_list_labels_and_citation_sections_are_left_out() -> None:
    labelled = "# T\n\n- **Chronic migraine:** Botox can reduce headache days.\n"
    assert document_counts(labelled).words == 5
    cited = "# T\n\nBotox eases migraine.\n\n## References\n\n- Simpson DM, et al. Practice guideline update summary. Neurology. 2016.\n"
    assert document_counts(cited).words == 3


def test_disclaimers_are_boilerplate() -> None:
    notice = "This article is for general information only and is not a substitute for professional medical advice."
    assert document_counts(f"# T\n\nBotox eases migraine.\n\n{notice}\n").words == 3


# --- offline ------------------------------------------------------------------------------


def test_metrics_run_with_networking_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    text = (SAMPLES / "clean" / "neurologists-and-botox.md").read_text(encoding="utf-8")
    result = lint(text.replace("Botox", "Dysport"))  # new strings: no cached textstat results
    assert result.metrics["readability"]["document"]["flesch_reading_ease"] > 0
    assert "nltk" not in sys.modules


def test_fresh_interpreter_needs_no_network(tmp_path: Path) -> None:
    """A new process (cold textstat and cmudict) with sockets disabled still measures the seed."""
    script = tmp_path / "offline.py"
    script.write_text(
        "import json, socket, sys\n"
        "def refuse(*args, **kwargs):\n    raise OSError('network access attempted')\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from pathlib import Path\n"
        "from lint.checks.readability_metrics import readability_metrics\n"
        "from lint.checks.readability import Options\nfrom lint.options import parse_options\nfrom lint.parsers import parse\n"
        f"source = Path({str(SEED_TEXT)!r}).read_text(encoding='utf-8')\n"
        f"options = parse_options(Options, {{'profiles': 'audiences.toml', 'syllables': 'syllables.toml'}}, "
        f"Path({str(ROOT / 'rules' / 'readability')!r}))\n"
        "metrics = readability_metrics(parse(source, 'seed.txt', 'txt'), options)\n"
        "print(json.dumps([metrics['document']['flesch_reading_ease'], 'nltk' in sys.modules]))\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "no-nltk-data")}
    completed = subprocess.run([sys.executable, str(script)], check=False, capture_output=True, text=True, env=env, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == [21.46, False]


# --- shared work --------------------------------------------------------------------------


def test_each_word_is_counted_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve rules and the metrics share one pass: no word's syllables are looked up twice."""
    calls: list[str] = []
    original = readability.syllable_count

    def counting(word: str, overrides: Mapping[str, int]) -> int:
        calls.append(word)
        return original(word, overrides)

    monkeypatch.setattr(readability, "syllable_count", counting)
    result = lint(SEED_TEXT.read_text(encoding="utf-8"), "txt")
    assert {finding.rule_id for finding in result.findings} >= {"RD001", "RD002", "RD007", "RD008"}
    assert "readability" in result.metrics
    assert len(calls) > 300 and len(calls) == len(set(calls))


# --- rules on the samples -----------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((SAMPLES / "clean").glob("neurologists-and-botox.*")), ids=lambda path: path.name)
def test_clean_samples_pass_the_patient_profile(path: Path) -> None:
    result = lint(path.read_text(encoding="utf-8"), path.suffix[1:])
    assert result.metrics["readability"]["audience"] == "patient"
    assert [finding.message for finding in result.findings if finding.severity != "info"] == []


def test_seed_findings_point_at_the_hardest_sections_and_sentences() -> None:
    result = lint(SEED_TEXT.read_text(encoding="utf-8"), "txt", select=("RD001",))
    findings = ids(result, "RD001")
    lines = [line for line, _ in findings]
    assert lines[0] == 1 and "The article reads at US grade 14.0" in findings[0][1]
    assert {11, 32, 67} <= set(lines)  # "Therapeutic Origins", "Why Choose…", the FAQ
    assert 39 not in lines  # "Potential Risks" has 17 words of prose: too short to grade
    origins = dict(findings)[11]
    assert "line 13 “Botox, derived from Clostridium botulinum" in origins


def test_config_option_overrides_the_profile() -> None:
    sentence = "Most people who have Botox for chronic migraine notice fewer headache days after the second or third round of injections, and some notice it much sooner than that. "
    text = "# T\n\n" + sentence * 2
    assert ids(lint(text, select=("RD002",)), "RD002")
    assert not ids(lint(text, select=("RD002",), rules={"RD002": {"max-words": 30}}), "RD002")


def test_unknown_audience_in_config_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="audience"):
        lint("# T\n\nText.\n", select=("RD001",), rules={"RD001": {"audience": "experts"}})


# --- audiences ----------------------------------------------------------------------------

FINANCE = (SAMPLES.parent / "tests" / "fixtures" / "readability" / "RD001-audience.md").read_text(encoding="utf-8")
FINANCE = FINANCE.replace(" {RD001}", "")


def test_front_matter_audience_sets_the_profile() -> None:
    patient = lint(FINANCE, select=("RD001",))
    general = lint(FINANCE.replace("audience: patient", "audience: general"), select=("RD001",))
    assert patient.metrics["readability"]["audience_source"] == "front-matter"
    assert ids(patient, "RD001") and not ids(general, "RD001")


def test_non_medical_article_defaults_to_general_and_front_matter_can_say_medical() -> None:
    automatic = FINANCE.replace("audience: patient\n", "")
    assert lint(automatic, select=("RD001",)).metrics["readability"]["audience"] == "general"
    declared = automatic.replace("---\n---", "---\nmedical: true\n---")
    assert lint(declared, select=("RD001",)).metrics["readability"]["audience"] == "patient"
    assert ids(lint(declared, select=("RD001",)), "RD001")


def test_medical_vocabulary_selects_the_patient_profile() -> None:
    text = "# T\n\nAsk your doctor about the symptoms before any treatment.\n"
    assert lint(text).metrics["readability"]["audience"] == "patient"
    opted_out = "---\nmedical: false\n---\n" + text
    assert lint(opted_out).metrics["readability"]["audience"] == "general"


def test_non_english_articles_are_skipped() -> None:
    text = "---\nlang: de\n---\n# Botox\n\nDie Behandlung wird von einem Neurologen durchgeführt, der sehr erfahren ist.\n"
    result = lint(text)
    assert result.findings == ()
    assert "skipped" in result.metrics["readability"]


# --- structure rules --------------------------------------------------------------------


def test_section_and_wall_rules_do_not_double_report() -> None:
    paragraph = "Most people notice fewer headache days after two rounds of Botox injections given in the clinic. " * 4
    wall = "# T\n\n" + "\n\n".join([paragraph] * 5) + "\n"
    result = lint(wall, select=("RD005", "RD006"))
    assert [finding.rule_id for finding in result.findings] == ["RD006"]
    sectioned = wall.replace("\n\n" + paragraph, "\n\n## More\n\n" + paragraph, 1)
    assert [finding.rule_id for finding in lint(sectioned, select=("RD005", "RD006")).findings] == ["RD005"]


def test_reference_lists_are_not_long_sections() -> None:
    citation = "- Simpson DM, Hallett M, Ashman EJ, et al. Practice guideline update summary: botulinum neurotoxin for the treatment of blepharospasm. Neurology. 2016;86(19):1818-1826.\n"
    text = "# T\n\n## Treatment\n\nBotox eases migraine.\n\n## References\n\n" + citation * 20
    assert not lint(text, select=("RD005",)).findings
    assert lint(text.replace("## References", "## Other treatments"), select=("RD005",)).findings


def test_shares_need_enough_sentences() -> None:
    text = "# T\n\nThe dose is decided by your neurologist after a careful examination. Botox is given every twelve weeks.\n"
    assert not lint(text, select=("RD003", "RD007")).findings
    assert len(ids(lint(text, select=("RD008",)), "RD008")) == 2


# --- passive detection ------------------------------------------------------------------

PASSIVE = [
    ("Botox is generally considered safe.", "is generally considered"),
    ("The dose was given in small amounts.", "was given"),
    ("It is known to relax muscles.", "is known"),
    ("Your next dose will be determined by your doctor.", "be determined"),
    ("It has been shown to help.", "been shown"),
    ("It’s also contraindicated in pregnancy.", "It’s also contraindicated"),
    ("The condition being treated matters.", "being treated"),
    ("Botox is used to treat migraine.", "is used"),
    ("Results were not guaranteed.", "were not guaranteed"),
    ("The results are well known.", "are well known"),
]
ACTIVE = [
    "Some people are tired after treatment.",
    "Most people are interested in the results.",
    "The clinic is very limited in what it offers.",
    "You are supposed to rest afterwards.",
    "I'm used to the injections.",
    "The needles used are very fine.",
    "Side effects are usually mild and temporary.",
    "The neurologist is a qualified doctor.",
    "The seeds are red.",
    "More research is indeed necessary.",
]


@pytest.mark.parametrize(("sentence", "construction"), PASSIVE)
def test_passive_constructions_are_found(sentence: str, construction: str) -> None:
    match = find_passive(sentence)
    assert match is not None and sentence[slice(*match.span)] == construction


@pytest.mark.parametrize("sentence", ACTIVE)
def test_adjectives_and_idioms_are_not_passive(sentence: str) -> None:
    assert find_passive(sentence) is None


_SENTENCE_TEXT = st.lists(
    st.sampled_from([*"abcXYZ é'’-.,;:!?()\"\t\n0123_ —ﬁ", "isn't", "we've", "rock 'n' roll", "'s", "'ll"]), max_size=40
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_SENTENCE_TEXT)
def test_sentence_counting_primitives_equal_textstats(text: str) -> None:
    """lint.checks.syllables counts a sentence as textstat 0.7.8 does (rm_apostrophe off)."""
    from lint.checks import syllables

    counter = textstatistics()
    counter.set_rm_apostrophe(False)
    assert syllables.textstat_words(text) == counter.remove_punctuation(text).split()
    assert syllables.textstat_letters(text) == counter.letter_count(text)
    assert syllables.textstat_characters(text) == counter.char_count(text, ignore_spaces=True)
    assert syllables.textstat_tokens(text) == counter.lexicon_count(text, removepunct=False)


# --- shortcuts equal the plain computations -----------------------------------------------


@settings(max_examples=300, deadline=None)
@given(text=_SENTENCE_TEXT)
def test_records_derive_letters_and_characters_as_textstat_counts_them(text: str) -> None:
    """_records takes letters and characters from its two splits instead of two regex passes."""
    from lint.checks import syllables

    doc = parse(f"{text}.", "article.txt", "txt")
    for sentence, record in readability.sentence_records(doc).items():
        assert record.letters == syllables.textstat_letters(sentence.text)
        assert record.characters == syllables.textstat_characters(sentence.text)
        assert record.tokens == syllables.textstat_tokens(sentence.text)


def test_alnum_pattern_is_str_isalnum() -> None:
    from lint.checks.readability_prose import _ALNUM

    assert all((_ALNUM.match(chr(code)) is not None) == chr(code).isalnum() for code in range(sys.maxunicode + 1))


def test_running_totals_equal_summed_sentence_counts() -> None:
    doc = parse(SEED_TEXT.read_text(encoding="utf-8"), "article.txt", "txt")
    counts = sentence_counts(doc, SYLLABLES)
    article, per_section = readability.section_totals(doc, SYLLABLES)
    assert article == stats.total(counts.values())
    sections = readability.sections(doc)
    assert list(per_section) == [stats.total(counts[sentence] for sentence in section.sentences) for section in sections]
    for sentence, record in readability.sentence_records(doc).items():
        lowered = [word.lower() for word in record.words]
        syllables = [syllable_count(word, SYLLABLES) for word in lowered]
        assert counts[sentence].words == len(record.words)
        assert counts[sentence].syllables == sum(syllables)
        assert counts[sentence].polysyllables == sum(count >= 3 for count in syllables)


def _screened_rules() -> list[Any]:
    pack = Linter(LintOptions(config=PACK)).rules_for(PACK, FileSettings(rules={}, config_path="test"))
    return [rule for rule in pack if rule.kind in ("substitution", "explained_terms", "transition_words")]


SCREENED_RULES = _screened_rules()


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(["In order to", "in\norder  to", "ALSO", "also", "so", "[so", "ſo", "K", "Kelvin",
                                      "administer", "xadminister", "prior to", "however", "-", " ", ".", "é", "_", "Benign", "anesthetic-", "(a"]),
                     max_size=12).map(" ".join))
def test_ascii_screens_keep_every_match(text: str) -> None:
    """Searching from the screen's first hit finds what the full patterns find from the start."""
    from lint.checks import patterns

    assert len(SCREENED_RULES) >= 3
    for rule in SCREENED_RULES:
        prepared = rule.prepared
        start = patterns.earliest_match(prepared.screen, text)
        expected = [match.span() for match in prepared.pattern.finditer(text)]
        assert ([] if start is None else [match.span() for match in prepared.pattern.finditer(text, start)]) == expected
