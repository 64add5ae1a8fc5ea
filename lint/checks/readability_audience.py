"""Audience profiles: which thresholds an article is held to, and why.

Every readability rule takes its thresholds from a named profile (`rules/readability/
audiences.toml`: `general`, `patient`) unless its own option sets one. The profile of an
article is, in order: front matter `audience:`, the rule option `audience`, and for
`audience = "auto"` (the default) `patient` when the article is medical, else `general`.
An article is medical when front matter says `medical: true|false`; otherwise when its
prose uses at least MIN_MEDICAL_TERMS distinct words from a small list of clinical terms.
That list is deliberately short and cheap: the full topic detector lives in the medical
pack, and readability must not depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Annotated, Any, Mapping, NamedTuple

from lint.document import Document
from lint.errors import OptionError
from lint.options import FROM_FILE

AUTO = "auto"
MIN_MEDICAL_TERMS = 3
EMPTY: Mapping[str, Any] = MappingProxyType({})
# Words rare outside health writing; three distinct ones make an article "medical".
MEDICAL_TERMS = frozenset(
    """
    symptom symptoms diagnosis diagnosed treatment treatments therapy therapies medication
    medications medicine dose doses dosage prescription prescribed side-effects patient
    patients doctor doctors physician physicians clinic clinical hospital nurse surgery
    surgeon disease diseases disorder disorders infection infections chronic condition
    injection injections vaccine vaccines cancer diabetes migraine migraines blood
    pregnancy pregnant neurologist neurologists dermatologist cardiologist pediatrician
    paediatrician gp nhs fda healthcare inflammation antibiotics antibiotic allergy
    allergies pain
    """.split()
)


@dataclass(frozen=True, slots=True)
class AudienceOptions:
    """Options every readability kind shares (subclassed by each kind's `Options`)."""

    audience: str = AUTO  # auto | a profile name
    profiles: Annotated[Mapping[str, Mapping[str, float]], FROM_FILE] = field(default_factory=lambda: EMPTY)
    # Syllable counts for words CMUdict lacks ("botulinum" = 4); hyphenation undercounts them.
    syllables: Annotated[Mapping[str, int], FROM_FILE] = field(default_factory=lambda: EMPTY)

    def __post_init__(self) -> None:
        if self.audience != AUTO and self.audience not in self.profiles:
            known = ", ".join([AUTO, *sorted(self.profiles)])
            raise OptionError("audience", f"unknown audience {self.audience!r} (known: {known})")

    def require(self, key: str, explicit: float | None) -> None:
        """Raise unless `key` is set explicitly or by every profile (checked at load time)."""
        if explicit is not None:
            return
        missing = [name for name, profile in self.profiles.items() if key not in profile]
        if not self.profiles or missing:
            where = f"profile {missing[0]!r}" if missing else "no profiles file"
            raise OptionError(key, f"no value: set it or give it in every profile ({where})")


class Audience(NamedTuple):
    name: str
    source: str  # front-matter | config | medical | default
    thresholds: Mapping[str, float]


def audience_for(doc: Document, options: AudienceOptions) -> Audience:
    """The profile this article is held to, and where that choice came from."""
    chosen = doc.meta.front_matter.get("audience")
    if isinstance(chosen, str) and chosen.strip().lower() in options.profiles:
        name = chosen.strip().lower()
        return Audience(name, "front-matter", options.profiles[name])
    if options.audience != AUTO:
        return Audience(options.audience, "config", options.profiles[options.audience])
    name, source = ("patient", "medical") if is_medical(doc) else ("general", "default")
    return Audience(name, source, options.profiles.get(name, EMPTY))


def threshold(doc: Document, options: AudienceOptions, key: str, explicit: float | None) -> float:
    """A rule's explicit option, else the value in the article's audience profile."""
    if explicit is not None:
        return explicit
    profile = audience_for(doc, options).thresholds
    if key in profile:
        return float(profile[key])
    # The article's profile lacks the key (a custom front-matter profile): fall back safely.
    return max(float(values[key]) for values in options.profiles.values() if key in values)


def is_medical(doc: Document) -> bool:
    """Front matter `medical:` if given, else whether the prose uses clinical vocabulary."""
    declared = doc.meta.front_matter.get("medical")
    if isinstance(declared, bool):
        return declared
    return doc.cached("readability.is-medical", lambda: _uses_medical_terms(doc))


def _uses_medical_terms(doc: Document) -> bool:
    found = MEDICAL_TERMS.intersection(map(str.lower, doc.words))
    return len(found) >= MIN_MEDICAL_TERMS
