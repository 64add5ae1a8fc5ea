"""Article variants for benchmarks and scale tests: a sample's text with a random few of its
key words swapped and an edition line added, so no two articles of a corpus are identical
and no per-text cache can make a run look faster than it is."""

from __future__ import annotations

import random
from typing import Sequence

SWAPS = (("Botox", "Dysport"), ("neurologist", "specialist"), ("migraine", "headache"), ("muscle", "nerve"))


def variant(text: str, rng: random.Random, number: int, swaps: Sequence[tuple[str, str]] = SWAPS) -> str:
    """`text` with a random subset of `swaps` applied, then "Edition `number`." as a last paragraph."""
    for old, new in rng.sample(list(swaps), k=rng.randint(0, len(swaps))):
        text = text.replace(old, new)
    return text + f"\n\nEdition {number}.\n"
