"""A progress bar on standard error for long runs: files done, articles/s and time left.

Shown only on a terminal, never in CI (`CI` set) or with --quiet, and only once a run
has taken `DELAY` seconds, so short runs print nothing extra.
"""

from __future__ import annotations

import os
import time
from typing import Callable, Iterable, Iterator, TextIO, TypeVar

DELAY = 2.0  # seconds before the bar first appears
REFRESH = 0.2  # seconds between redraws
WIDTH = 24  # characters of bar
T = TypeVar("T")


def wants_progress(stream: TextIO, quiet: bool) -> bool:
    is_terminal = hasattr(stream, "isatty") and stream.isatty()
    return is_terminal and not quiet and not os.environ.get("CI")


def line(done: int, total: int, elapsed: float) -> str:
    """`[#####-------] 120/500 files  48.0 articles/s  ETA 0:08`"""
    filled = WIDTH * done // total if total else WIDTH
    rate = done / elapsed if elapsed > 0 else 0.0
    remaining = (total - done) / rate if rate > 0 else 0.0
    minutes, seconds = divmod(int(remaining + 0.5), 60)
    bar = "#" * filled + "-" * (WIDTH - filled)
    return f"[{bar}] {done}/{total} files  {rate:.1f} articles/s  ETA {minutes}:{seconds:02d}"


class Progress:
    """Call `advance()` once per file and `close()` at the end (clears the bar)."""

    def __init__(self, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.done = 0
        self._drawn_at: float | None = None

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if now - self.started < DELAY:
            return
        if self._drawn_at is None or now - self._drawn_at >= REFRESH or self.done == self.total:
            self._draw(now)

    def _draw(self, now: float) -> None:
        self.stream.write("\r" + line(self.done, self.total, now - self.started) + "\x1b[K")
        self.stream.flush()
        self._drawn_at = now

    def close(self) -> None:
        if self._drawn_at is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


class NoProgress:
    def advance(self, count: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def with_progress(results: Iterable[T], total: int, quiet: bool, stream: TextIO) -> Iterator[T]:
    """`results` unchanged, drawing the bar on `stream` as they pass (when it should)."""
    progress: Progress | NoProgress = Progress(total, stream) if wants_progress(stream, quiet) else NoProgress()
    try:
        for result in results:
            progress.advance()
            yield result
    finally:
        progress.close()
