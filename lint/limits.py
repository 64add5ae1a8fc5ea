"""Per-file resource limits: a time limit, so one pathological input cannot stall a run.

In the main thread the limit is a SIGALRM timer (POSIX: the CLI, forked `--jobs` workers).
Python's regex engine and the pure-Python parsers check for signals, so the timer stops a
runaway pattern or parse.

Other threads (`contentlint serve`'s request threads, Dask workers) get no signals: there a
watchdog timer raises the exception in the linting thread through CPython's
PyThreadState_SetAsyncExc. It lands at the thread's next Python instruction, so one long
call into C (a single regex search) finishes before the file stops; every parser and check
loops in Python, so that is soon. The same watchdog serves a main thread without SIGALRM
(Windows). Interpreters without that API (PyPy) run files without a limit off the main thread.
"""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Any, Iterator


class TimeLimitExceeded(BaseException):
    """The file's time ran out. A BaseException, so the `except Exception` that turns a
    crashing check into a finding does not swallow it; `rule` names the rule that was running.

    `seconds` is None only while a watchdog's exception travels up (the thread API raises a
    bare class); `time_limit` fills it in before the exception leaves its block.
    """

    def __init__(self, seconds: float | None = None, rule: str | None = None) -> None:
        super().__init__(seconds, rule)
        self.seconds = seconds
        self.rule = rule

    @property
    def message(self) -> str:
        where = f" (in rule {self.rule})" if self.rule else ""
        return f"took longer than the {self.seconds:g}-second time limit{where} (time-limit); not linted"


def _uses_signal() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _async_exception_api() -> Any:
    """CPython's PyThreadState_SetAsyncExc, or None where the interpreter lacks it."""
    api = getattr(ctypes, "pythonapi", None) if sys.implementation.name == "cpython" else None
    if api is None:
        return None
    function = api.PyThreadState_SetAsyncExc
    function.restype = ctypes.c_int
    return function


_SET_ASYNC_EXC = _async_exception_api()


def can_limit_time() -> bool:
    """Whether `time_limit` can stop work in the calling thread."""
    return _uses_signal() or _SET_ASYNC_EXC is not None


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded in this block once `seconds` pass (None or 0: no limit)."""
    if not seconds or not can_limit_time():
        yield
        return
    try:
        with _signal_timer(seconds) if _uses_signal() else _watchdog(seconds):
            yield
    except TimeLimitExceeded as error:
        if error.seconds is None:
            raise TimeLimitExceeded(seconds, error.rule) from None
        raise


@contextmanager
def _signal_timer(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Watchdog:
    """Raises TimeLimitExceeded in one thread when its timer fires, unless disarmed first.

    The lock orders firing against disarming: once `disarm` returns, nothing is raised in
    the thread, and an exception set but not yet raised is withdrawn, so it can never land
    in the code after the limited block.
    """

    def __init__(self, seconds: float, thread_id: int) -> None:
        self._thread_id = thread_id
        self._lock = threading.Lock()
        self._armed = True
        self._fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def start(self) -> None:
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._armed:
                self._fired = True
                _SET_ASYNC_EXC(ctypes.c_ulong(self._thread_id), ctypes.py_object(TimeLimitExceeded))

    def disarm(self) -> None:
        with self._lock:
            self._armed = False
            if self._fired:
                _SET_ASYNC_EXC(ctypes.c_ulong(self._thread_id), None)  # NULL: withdraw it if still pending
        self._timer.cancel()


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    watchdog = _Watchdog(seconds, threading.get_ident())
    watchdog.start()
    try:
        yield
    finally:
        watchdog.disarm()
