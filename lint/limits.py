"""Per-file resource limits: a time limit, so one pathological input cannot stall a run.

The limit is a SIGALRM timer (POSIX, main thread only: the CLI, forked `--jobs` workers).
Python's regex engine and the pure-Python parsers check for signals, so the timer stops a
runaway pattern or parse. Elsewhere (threads of `contentlint serve`, Dask workers, Windows)
files run without a time limit.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator


class TimeLimitExceeded(BaseException):
    """The file's time ran out. A BaseException, so the `except Exception` that turns a
    crashing check into a finding does not swallow it; `rule` names the rule that was running."""

    def __init__(self, seconds: float, rule: str | None = None) -> None:
        super().__init__(seconds, rule)
        self.seconds = seconds
        self.rule = rule

    @property
    def message(self) -> str:
        where = f" (in rule {self.rule})" if self.rule else ""
        return f"took longer than the {self.seconds:g}-second time limit{where} (time-limit); not linted"


def can_limit_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded in this block once `seconds` pass (None or 0: no limit)."""
    if not seconds or not can_limit_time():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
