"""Coverage-guided fuzzing with atheris (libFuzzer), one target at a time.

    python tests/fuzz/fuzz.py TARGET [CORPUS_DIR ...] [-max_total_time=N ...]

TARGET is markdown, html, text or cli (see targets.py). libFuzzer options pass through;
it prints "Done N runs in S second(s)" at the end and writes a crashing input to
`crash-<hash>` (set -artifact_prefix=DIR/ to choose where). `run.py` runs every target
for a bounded time, as CI does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["CONTENTLINT_DEBUG"] = "1"  # crashes must surface, not become per-file errors

with atheris.instrument_imports(include=["lint"]):
    import lint.parsers.html  # noqa: F401 - instrumented before first use
    import lint.parsers.markdown  # noqa: F401
    import lint.parsers.text  # noqa: F401
    from targets import BY_NAME as TARGETS


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: fuzz.py {{{','.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
