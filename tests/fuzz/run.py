"""Fuzz every target for a bounded time (CI's fuzz step): `python tests/fuzz/run.py [SECONDS]`.

With atheris installed each target (markdown, html, text, cli) gets an equal share of
SECONDS (default 60), starting from a seed corpus of the samples and the hostile corpus.
Without atheris the hypothesis property tests run with a large example budget instead.
Prints how many inputs each target tried; exits 1 if any crashed, leaving the input in
the printed folder.

libFuzzer also keeps inputs that took over 10 s under instrumentation ("slow-unit-*"). Such
an input has found real super-linear blowups, but on a loaded machine an ordinary one can
cross the line, so each is timed again without instrumentation and fails the run only if
it still takes over `SLOW_SECONDS` (an ordinary 20 KB input takes about 0.1 s).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TARGETS = ("markdown", "html", "text", "cli")
SUFFIXES = {"markdown": (".md",), "html": (".html",), "text": (".txt",), "cli": (".md", ".html", ".txt")}
MAX_SEED_BYTES = 200_000  # libFuzzer's inputs stay small; big seeds only slow it down
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")
SLOW_SECONDS = 3.0
_SLOW_PREFIX = "slow-unit-"


def seed_corpus(target: str, folder: Path) -> Path:
    """Samples and the small hostile files with the target's extensions, copied to `folder`."""
    sys.path.insert(0, str(HERE.parent))
    from hostile.generate import write_files

    hostile = write_files(folder / "hostile")
    corpus = folder / f"corpus-{target}"
    corpus.mkdir()
    sources = [*sorted((ROOT / "samples").rglob("*")), *hostile.values()]
    for index, path in enumerate(sources):
        if path.suffix in SUFFIXES[target] and path.is_file() and path.stat().st_size <= MAX_SEED_BYTES:
            shutil.copyfile(path, corpus / f"{index:03d}{path.suffix}")
    return corpus


def fuzz(target: str, seconds: int, folder: Path) -> tuple[int, bool]:
    """(inputs tried, crashed?) for one target."""
    corpus = seed_corpus(target, folder)
    artifacts = folder / f"crashes-{target}"
    artifacts.mkdir()
    command = [
        sys.executable, str(HERE / "fuzz.py"), target, str(corpus), f"-max_total_time={seconds}",
        f"-artifact_prefix={artifacts}/", "-max_len=20000", "-timeout=30", "-rss_limit_mb=4096",
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=folder, env={**os.environ, "NO_COLOR": "1"})
    runs = _DONE.search(done.stderr)
    drop_fast_slow_units(target, artifacts)
    crashed = done.returncode != 0 or any(artifacts.iterdir())
    if crashed:
        print(done.stderr[-4000:], file=sys.stderr)
    return (int(runs.group(1)) if runs else 0), crashed


def drop_fast_slow_units(target: str, artifacts: Path, limit: float = SLOW_SECONDS) -> None:
    """Delete the slow-unit inputs in `artifacts` that take at most `limit` seconds without
    instrumentation; the others stay, and fail the run."""
    for slow in sorted(artifacts.glob(f"{_SLOW_PREFIX}*")):
        taken = plain_seconds(target, slow)
        verdict = "still slow" if taken > limit else "fast without instrumentation, dropped"
        print(f"fuzz {target}: slow input {slow.name} takes {taken:.1f} s un-instrumented: {verdict}")
        if taken <= limit:
            slow.unlink()


def plain_seconds(target: str, path: Path) -> float:
    """Wall seconds the un-instrumented `target` takes on the input at `path` (in a fresh
    process, so nothing of the instrumented run is reused); inf when it raises."""
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); from targets import seconds_for; "
        "print(seconds_for(sys.argv[2], Path(sys.argv[3]).read_bytes()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(HERE), target, str(path)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_COLOR": "1", "CONTENTLINT_DEBUG": "1"},
    )
    if done.returncode != 0:  # it raised: a crash the instrumented run did not see
        print(done.stderr[-2000:], file=sys.stderr)
        return float("inf")
    return float(done.stdout.split()[-1])


def with_hypothesis(seconds: int) -> int:
    """The property tests with many examples, when atheris is not installed."""
    examples = str(max(200, seconds * 20))
    env = {**os.environ, "CONTENTLINT_FUZZ_EXAMPLES": examples}
    print(f"atheris is not installed; running the hypothesis property tests with {examples} examples each")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(HERE.parent / "test_properties.py")]
    return subprocess.run(command, env=env, cwd=ROOT).returncode


def main() -> int:
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    try:
        import atheris  # noqa: F401
    except ImportError:
        return with_hypothesis(seconds)
    share = max(5, seconds // len(TARGETS))
    failed = False
    with tempfile.TemporaryDirectory(prefix="contentlint-fuzz-") as temp:
        for target in TARGETS:
            folder = Path(temp) / target
            folder.mkdir()
            runs, crashed = fuzz(target, share, folder)
            print(f"fuzz {target}: {runs} inputs in {share} s, {'CRASHED' if crashed else 'no crash'}")
            if crashed:
                kept = Path(tempfile.mkdtemp(prefix=f"contentlint-crash-{target}-"))
                shutil.copytree(folder / f"crashes-{target}", kept, dirs_exist_ok=True)
                print(f"  crashing inputs kept in {kept}")
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
