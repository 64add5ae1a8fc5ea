"""Per-file resource limits: a time limit, so one pathological input cannot stall a run.

In the main thread the limit is a SIGALRM timer (POSIX: the CLI, forked `--jobs` workers).
Python's regex engine and the pure-Python parsers check for signals, so the timer stops a
runaway pattern or parse.

Other threads (`contentlint serve`'s request threads, Dask workers) get no signals: there one
watchdog thread per process raises the exception in the linting thread through CPython's
PyThreadState_SetAsyncExc. It lands at the thread's next Python instruction, so one long
call into C (a single regex search) finishes before the file stops; every parser and check
loops in Python, so that is soon. The watchdog also serves a main thread without SIGALRM
(Windows). Interpreters without that API (PyPy) run files without a limit off the main thread.

Either way the exception is raised again every REFIRE_SECONDS while the block runs: Python
ignores an exception raised inside a garbage-collector callback or a `__del__` (Dask workers
install a gc callback), so one that lands there would be lost. A limit only fires while the
frame that entered the block is still running, so a limit whose exit was cut short by its
own exception cannot fire into the code that runs after it.
"""

from __future__ import annotations

import ctypes
import os
import queue
import signal
import sys
import threading
import time
from functools import lru_cache
from types import FrameType, TracebackType
from typing import Any

REFIRE_SECONDS = 0.5


class TimeLimitExceeded(BaseException):
    """The file's time ran out. A BaseException, so the `except Exception` that turns a
    crashing check into a finding does not swallow it; `rule` names the rule that was running.

    `seconds` is None only for an exception raised by hand without it.
    """

    def __init__(self, seconds: float | None = None, rule: str | None = None) -> None:
        super().__init__(seconds, rule)
        self.seconds = seconds
        self.rule = rule

    @property
    def message(self) -> str:
        where = f" (in rule {self.rule})" if self.rule else ""
        limit = f"the {self.seconds:g}-second" if self.seconds is not None else "the"
        return f"took longer than {limit} time limit{where} (time-limit); not linted"


class _Expired(TimeLimitExceeded):
    """What the watchdog raises: the thread API raises a class, not an instance, so each
    limit's class carries its seconds (see `_expired`)."""

    limit: float = 0.0

    def __init__(self) -> None:
        super().__init__(self.limit)


@lru_cache(maxsize=16)  # a run has one or two limits (the flag, the config)
def _expired(seconds: float) -> type[_Expired]:
    return type("TimeLimitExceeded", (_Expired,), {"limit": seconds})


def _async_exception_api() -> Any:
    """CPython's PyThreadState_SetAsyncExc, or None where the interpreter lacks it."""
    api = getattr(ctypes, "pythonapi", None) if sys.implementation.name == "cpython" else None
    if api is None:
        return None
    function = api.PyThreadState_SetAsyncExc
    function.restype = ctypes.c_int
    return function


_SET_ASYNC_EXC = _async_exception_api()


def _uses_signal() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def can_limit_time() -> bool:
    """Whether `time_limit` can stop work in the calling thread."""
    return _uses_signal() or _SET_ASYNC_EXC is not None


def _is_running(frame: FrameType, current: FrameType | None) -> bool:
    """Whether `frame` is `current` or one of its callers."""
    while current is not None:
        if current is frame:
            return True
        current = current.f_back
    return False


class time_limit:  # noqa: N801 - used as a function: `with time_limit(seconds):`
    """Raise TimeLimitExceeded in this block once `seconds` pass (None or 0: no limit)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._way: _SignalTimer | _ThreadTimer | None = None

    def __enter__(self) -> None:
        if not self.seconds or not can_limit_time():
            return
        caller = sys._getframe(1)
        self._way = _SignalTimer(self.seconds, caller) if _uses_signal() else _ThreadTimer(self.seconds, caller)
        self._way.arm()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None) -> None:
        if self._way is not None:
            self._way.disarm()


class _SignalTimer:
    def __init__(self, seconds: float, frame: FrameType) -> None:
        self.seconds = seconds
        self.frame = frame
        self._previous: Any = None

    def arm(self) -> None:
        self._previous = signal.signal(signal.SIGALRM, self._expire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds, REFIRE_SECONDS)

    def _expire(self, signum: int, current: FrameType | None) -> None:
        if _is_running(self.frame, current):
            raise TimeLimitExceeded(self.seconds)
        signal.setitimer(signal.ITIMER_REAL, 0)  # the block is over and its exit was cut short

    def disarm(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)


class _ThreadTimer:
    def __init__(self, seconds: float, frame: FrameType) -> None:
        self.seconds = seconds
        self.frame = frame
        self.thread_id = threading.get_ident()

    def arm(self) -> None:
        _watchdog().arm(self)

    def disarm(self) -> None:
        _watchdog().disarm(self)


class _Watchdog:
    """A daemon thread that raises TimeLimitExceeded in limited threads whose time is up.

    The limited thread touches only a C-level lock, dict and queue here, where an exception
    landing mid-way cannot leave any half-updated; firing and disarming hold the same lock, and
    disarming withdraws an exception set but not yet raised.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._timers: dict[int, tuple[_ThreadTimer, float, bool]] = {}  # thread → (timer, due, fired)
        # A C-level queue, not an Event: an exception landing in the limited thread while it
        # is inside an Event's Python code could leave the Event's lock held.
        self._wakeup: queue.SimpleQueue[None] = queue.SimpleQueue()
        threading.Thread(target=self._run, name="contentlint-time-limit", daemon=True).start()

    def arm(self, timer: _ThreadTimer) -> None:
        with self._lock:
            self._timers[timer.thread_id] = (timer, time.monotonic() + timer.seconds, False)
        self._wakeup.put(None)

    def disarm(self, timer: _ThreadTimer) -> None:
        with self._lock:
            entry = self._timers.get(timer.thread_id)
            if entry is not None and entry[0] is timer:
                del self._timers[timer.thread_id]
                if entry[2]:
                    _SET_ASYNC_EXC(ctypes.c_ulong(timer.thread_id), None)  # NULL: withdraw a pending one

    def _run(self) -> None:
        while True:
            try:
                self._wakeup.get(timeout=self._fire_due())
            except queue.Empty:
                pass

    def _fire_due(self) -> float | None:
        """Fire every limit that is due; seconds until the next one (None: none armed)."""
        with self._lock:
            now = time.monotonic()
            due = [thread for thread, (_, when, _) in self._timers.items() if when <= now]
            frames = sys._current_frames() if due else {}
            for thread in due:
                timer = self._timers[thread][0]
                if _is_running(timer.frame, frames.get(thread)):
                    _SET_ASYNC_EXC(ctypes.c_ulong(thread), ctypes.py_object(_expired(timer.seconds)))
                    self._timers[thread] = (timer, now + REFIRE_SECONDS, True)
                else:  # the block is over and its exit was cut short
                    del self._timers[thread]
            if not self._timers:
                return None
            return max(0.0, min(when for _, when, _ in self._timers.values()) - now)


# One watchdog per process, started on first use. A forked child has no watchdog thread,
# so it starts its own.
_WATCHDOG_LOCK = threading.Lock()
_WATCHDOGS: dict[int, _Watchdog] = {}


def _watchdog() -> _Watchdog:
    pid = os.getpid()
    found = _WATCHDOGS.get(pid)
    if found is None:
        with _WATCHDOG_LOCK:
            found = _WATCHDOGS.get(pid)
            if found is None:
                found = _WATCHDOGS[pid] = _Watchdog()
    return found
