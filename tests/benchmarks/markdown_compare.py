"""Compare how two checkouts of contentlint read the same Markdown files. Not part of the test run.

Usage: python tests/benchmarks/markdown_compare.py OTHER_CHECKOUT [--other-python PY] PATH...

Run it before upgrading the Markdown parser (pyromark / pulldown-cmark) or changing
lint/parsers/markdown*.py: each checkout parses every `.md` file under PATH in its own
process (OTHER_CHECKOUT with `--other-python`, for a virtual environment that has its
dependencies), and the files whose blocks (kind and text) differ are listed with the first
differing blocks. Package READMEs (a node_modules folder, a virtual environment's
site-packages) make a good corpus of real-world Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Runs inside each checkout: file paths on stdin, one JSON line of blocks (or the error) out.
_DUMP = """
import json, sys
from lint.errors import InputError
from lint.parsers import parse
for name in sys.stdin.read().splitlines():
    try:
        text = open(name, encoding="utf-8").read()
        blocks = [[block.kind, block.text] for block in parse(text, name, "md").blocks]
    except (InputError, UnicodeDecodeError) as error:
        blocks = [["error", str(error)]]
    print(json.dumps(blocks))
"""


def markdown_files(paths: list[str]) -> list[str]:
    found: list[str] = []
    for path in map(Path, paths):
        candidates = [path] if path.is_file() else sorted(path.rglob("*"))
        found += [str(candidate) for candidate in candidates if candidate.suffix.lower() in (".md", ".markdown") and candidate.is_file()]
    return found


def dump(checkout: Path, python: str, files: list[str]) -> list[list[list[str]]]:
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(
        [python, "-c", _DUMP], input="\n".join(files), capture_output=True, text=True, env=environment, cwd=checkout, check=True
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("other", type=Path, help="the other checkout's root folder")
    parser.add_argument("paths", nargs="+", help="Markdown files or folders")
    parser.add_argument("--other-python", default=sys.executable)
    parser.add_argument("--show", type=int, default=10, help="files to show in detail")
    args = parser.parse_args()
    files = markdown_files(args.paths)
    ours, theirs = dump(ROOT, sys.executable, files), dump(args.other.resolve(), args.other_python, files)
    differing = [(name, a, b) for name, a, b in zip(files, ours, theirs, strict=True) if a != b]
    print(f"{len(files)} Markdown files: {len(files) - len(differing)} read alike, {len(differing)} differ")
    for name, a, b in differing[: args.show]:
        first = next((index for index, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        print(f"== {name}: {len(a)} blocks here, {len(b)} there; first difference at block {first}")
        print(f"   here:  {a[first:first + 1]!r:.200}")
        print(f"   there: {b[first:first + 1]!r:.200}")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
