"""Inflections and British spellings of dictionary words, so neither reads as a typo.

pyspellchecker's English dictionary is American and misses many plurals; an article in
British English ("colour", "centre", "summarise", "oedema", "travelled") must not fill a
report with warnings. A word is accepted when one of these regular rewrites of it is in
the dictionary; the rewrites are narrow (suffixes, fixed stems), so a real typo rarely
turns into a known word.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

# British → American suffix rewrites, longest first.
_SUFFIXES = (
    (re.compile(r"our(s|ed|ing|ite|ites|able|ful|less|al|ally)?$"), r"or\1"),  # colour, behavioural
    (re.compile(r"tre(s|d)?$"), r"ter\1"),  # centre, litres, metres
    (re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing|er|ers|ation|ations|able)$"), r"iz\1"),  # summarise, moisturisers
    (re.compile(r"ys(e|es|ed|ing|er|ers)$"), r"yz\1"),  # analyse, paralysed
    (re.compile(r"ogue(s)?$"), r"og\1"),  # catalogue
    (re.compile(r"(?<=[aeiou])ll(ed|ing|er|ers|or|ors)$"), r"l\1"),  # travelled, counsellor
    (re.compile(r"(?<=[aeiou])lment(s)?$"), r"llment\1"),  # fulfilment, enrolment
)
# Whole stems that differ (prefix match, so inflections come along).
_STEMS = (
    ("programme", "program"), ("jewellery", "jewelry"), ("aluminium", "aluminum"), ("grey", "gray"),
    ("tyre", "tire"), ("mould", "mold"), ("plough", "plow"), ("sceptic", "skeptic"), ("cheque", "check"),
    ("kerb", "curb"), ("manoeuvr", "maneuver"), ("pyjama", "pajama"), ("draught", "draft"), ("storey", "story"),
    ("licence", "license"), ("defence", "defense"), ("offence", "offense"), ("pretence", "pretense"),
)
_VOWELS = frozenset("aeiouy")
# Prefixes written with a hyphen ("pre-existing", "non-invasive"): the part alone is no word.
HYPHEN_PREFIXES = frozenset(
    "pre post non anti co re un semi sub multi inter intra over under mid self ex bi tri mini micro de dis".split()
)
# Greek/Latin digraphs in medical words: oedema, anaemia, paediatric, oestrogen, foetus.
_DIGRAPHS = (("ae", "e"), ("oe", "e"))


def inflection_bases(word: str) -> Iterator[str]:
    """Singulars of a plural-looking word (dictionaries list "podcast" more than "podcasts")."""
    if word.endswith("ies") and len(word) > 4:
        yield word[:-3] + "y"
    if word.endswith("es") and len(word) > 4:
        yield word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        yield word[:-1]


def derivation_bases(word: str) -> Iterator[str]:
    """Bases of past tenses and gerunds that cannot hide a doubling typo: "templated" →
    "template", "bolded" → "bold"; not "occured" → "occur" (that one must be "occurred")."""
    if word.endswith("d") and word[:-1].endswith("e") and len(word) > 4:
        yield word[:-1]
    for suffix in ("ed", "ing"):
        base = word.removesuffix(suffix)
        if base != word and len(base) > 2 and _ends_in_consonant_pair(base):
            yield base


def _ends_in_consonant_pair(base: str) -> bool:
    return base[-1] not in _VOWELS and base[-2] not in _VOWELS and base[-1] != base[-2]


# Endings of drug names and clinical terms (doxylamine, chorionic, tendinopathy, erenumab).
# Medical vocabulary is open-ended; a typo hiding in such a word is the cheaper miss.
MEDICAL_SUFFIX = re.compile(
    r"(?:itis|osis|oses|a?emia|a?emic|ectomy|otomy|ostomy|plasty|scopy|pathy|algia|ologist|ology|ological|oma|omas"
    r"|mab|nib|pril|sartan|olol|azole|mycin|cillin|statin|glutide|gliflozin|gepant|triptan|amine|azepam|azine"
    r"|idine|oxacin|cycline|profen|oxetine|afil|vir|parin|onide|asone|olone|terol|dronate|caine|uria|ionic|ergic"
    r"|genic|trophic|plasia|rrhea|rrhoea|cytes?|blasts?|philia|phobia|ptosis|lysis|tropin|kinase|globulin)$"
)
# Combining forms glued to an ordinary word: paraspinal, neurotoxic, periocular, subdermal.
MEDICAL_PREFIXES = (
    "para", "peri", "hyper", "hypo", "intra", "inter", "supra", "sub", "trans", "neuro", "cardio", "gastro",
    "myo", "osteo", "derm", "dermo", "endo", "epi", "micro", "macro", "poly", "pseudo", "retro", "anti", "pre", "post",
)
MEDICAL_MIN_LENGTH = 8


def looks_medical(word: str, is_known: Callable[[str], bool]) -> bool:
    """Whether an unknown word is shaped like a clinical term or a drug name."""
    if len(word) < MEDICAL_MIN_LENGTH:
        return False
    if MEDICAL_SUFFIX.search(word):
        return True
    return any(word.startswith(prefix) and len(word) - len(prefix) > 3 and is_known(word[len(prefix):]) for prefix in MEDICAL_PREFIXES)


def american_forms(word: str) -> Iterator[str]:
    """American spellings a British spelling of `word` may stand for."""
    for pattern, replacement in _SUFFIXES:
        if pattern.search(word):
            yield pattern.sub(replacement, word)
    for british, american in _STEMS:
        if british in word:
            yield word.replace(british, american)
    for digraph, plain in _DIGRAPHS:
        if digraph in word:
            yield word.replace(digraph, plain)
