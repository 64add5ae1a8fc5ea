"""English passive-voice detection: a form of "be", optional adverbs, a past participle.

Regular participles end in "-ed"; irregular ones ("given", "known", "taken") come from a
list. Precision guards, because a false passive costs more than a missed one:
- "-ed" words that are not verbs ("need", "hundred", "sacred") are ignored;
- common adjectives after "be" ("is tired", "are interested", "was qualified") are not
  passives unless an agent follows ("is determined by"), nor is an "-ed" word after a
  degree adverb ("is very limited");
- "supposed to", "used to" after a person, "bound to", "set to" are modal idioms;
- "get" passives ("got hurt") are left out: "get" + adjective is too common ("get tired").
Reduced passives without "be" ("when administered by a nurse") are not detected.
"""

from __future__ import annotations

import re
from typing import NamedTuple

BE_FORMS = frozenset(
    """am is are was were be been being isn't aren't wasn't weren't it's that's he's she's
    who's i'm we're you're they're""".split()
)
# Words that may stand between "be" and the participle ("is often given", "was not known").
ADVERBS = frozenset(
    """not never also often always still then already usually generally sometimes typically
    frequently commonly rarely widely well even just now only mostly largely further later
    first best easily increasingly currently originally initially traditionally routinely""".split()
)
# Before an "-ed" word these make it an adjective ("is very limited", "is more complicated").
DEGREE_ADVERBS = frozenset("very so too quite rather extremely highly more most less least fairly pretty".split())
IRREGULAR_PARTICIPLES = frozenset(
    """arisen awoken beaten become begun bent bet bid bitten bled blown born borne bound bred
    brought broadcast built burnt burst bought cast caught chosen clung cost crept cut dealt
    done drawn dreamt drunk driven dug eaten fallen fed felt fought found fled flung flown
    forbidden forecast forgotten forgiven frozen given gotten ground grown hung heard hidden
    hit held hurt kept knelt known laid led leant leapt learnt left lent lit lost made meant
    met mistaken misunderstood overcome overlooked overseen overtaken overthrown paid proven
    put quit read rebuilt rid ridden rung risen run sawn said seen sought sold sent set sewn
    shaken shed shone shot shown shrunk shut slain slid slung smelt sown spoken sped spelt
    spent spilt spun split spoilt spread sprung stood stolen stuck stung stridden struck
    strung sworn swept swollen swum taken taught torn told thought thrown thrust trodden
    understood undergone undertaken undone upheld upset woken worn woven wept won wound
    withdrawn withheld withstood written""".split()
)
# "-ed" words that are not past participles of a verb.
NOT_PARTICIPLES = frozenset(
    """bed red sled zed hundred kindred sacred naked wicked rugged ragged crooked beloved
    jagged wretched dogged aged""".split()
)
# "-eed" words are mostly not verbs ("need", "indeed"); these are.
EED_PARTICIPLES = frozenset("agreed disagreed freed guaranteed decreed refereed".split())
# Adjectives in "-ed" (or irregular forms) that read as states, not actions, after "be".
ADJECTIVES = frozenset(
    """tired interested worried excited bored married divorced concerned pleased
    surprised scared frightened confused disappointed satisfied embarrassed exhausted
    qualified experienced skilled talented complicated sophisticated advanced detailed
    related crowded balanced varied dedicated determined prepared unprepared ashamed
    amazed annoyed delighted depressed stressed relaxed motivated committed devoted
    engaged informed organized organised overwhelmed puzzled relieved shocked thrilled
    upset certified licensed""".split()
)
MODAL_IDIOMS = frozenset({"supposed", "bound", "set", "meant", "about"})
PERSON_SUBJECTS = frozenset("i you we they he she i'm you're we're they're he's she's".split())
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*")
MIN_ED_LENGTH = 4
# A sentence with no form of "be" as a token has no passive: one search rules most out
# before tokenising. ASCII-only so it finds every token _TOKEN would ("is", "they're").
_BE_SCREEN = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(sorted((form.replace("'", "['’]") for form in BE_FORMS), key=len, reverse=True)) + r")(?![A-Za-z])",
    re.IGNORECASE | re.ASCII,
)


class PassiveMatch(NamedTuple):
    auxiliary: tuple[int, int]  # span of the "be" form in the sentence
    participle: tuple[int, int]  # span of the participle

    @property
    def span(self) -> tuple[int, int]:
        return self.auxiliary[0], self.participle[1]


def find_passive(sentence: str) -> PassiveMatch | None:
    """The first passive construction in an English sentence, or None."""
    if _BE_SCREEN.search(sentence) is None:
        return None
    if sentence.isascii():  # lower-casing keeps every offset: fold the sentence once
        tokens = [(match.group(), match.span()) for match in _TOKEN.finditer(sentence.lower())]
    else:
        tokens = [(match.group().lower().replace("’", "'"), match.span()) for match in _TOKEN.finditer(sentence)]
    for index, (word, span) in enumerate(tokens):
        if word in BE_FORMS:
            participle = _participle_after(tokens, index)
            if participle is not None:
                return PassiveMatch(span, participle)
    return None


def _participle_after(tokens: list[tuple[str, tuple[int, int]]], index: int) -> tuple[int, int] | None:
    position = index + 1
    while position < len(tokens) and _is_adverb(tokens[position][0]):
        position += 1
    if position >= len(tokens) or tokens[position - 1][0] in DEGREE_ADVERBS:
        return None
    word, span = tokens[position]
    followed_by_by = position + 1 < len(tokens) and tokens[position + 1][0] == "by"
    # "is determined by your doctor" is a passive even though "she is determined" is not.
    if word in ADJECTIVES and followed_by_by:
        return span
    if not is_participle(word) or _is_idiom(tokens, index, position):
        return None
    return span


def _is_adverb(word: str) -> bool:
    return word in ADVERBS or word in DEGREE_ADVERBS or (word.endswith("ly") and len(word) > 4)


def _is_idiom(tokens: list[tuple[str, tuple[int, int]]], be_index: int, position: int) -> bool:
    """"is supposed to", "is set to" and a person "used to" something are not passives."""
    word = tokens[position][0]
    followed_by_to = position + 1 < len(tokens) and tokens[position + 1][0] == "to"
    if not followed_by_to:
        return False
    if word in MODAL_IDIOMS:
        return True
    subject = tokens[be_index - 1][0] if be_index > 0 else ""
    return word == "used" and (subject in PERSON_SUBJECTS or tokens[be_index][0] in PERSON_SUBJECTS)


def is_participle(word: str) -> bool:
    """Whether `word` (lower case) is a past participle, not a common adjective."""
    if word in ADJECTIVES or word in NOT_PARTICIPLES:
        return False
    if word in IRREGULAR_PARTICIPLES:
        return True
    if word in EED_PARTICIPLES:
        return True
    return word.endswith("ed") and len(word) >= MIN_ED_LENGTH and not word.endswith("eed") and "-" not in word
