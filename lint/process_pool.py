"""`ProcessPoolExecutor`, with CPython's fix for gh-94777 on the releases that lack it.

CPython 3.11.0 to 3.11.4 (Debian 12's `python3` is 3.11.2) hang for ever once a worker dies
while a task is being written to the workers' pipe: the pool's manager thread waits for the
queue's writer thread, which waits in `write` for a reader that no longer exists. Our tasks
carry article texts, so a task is almost always being written; a `--jobs` run whose worker
was killed then wrote its report and never exited. 3.11.5 closes the parent's reading end of
the pipe in `terminate_broken`, once the workers are stopped, so the write fails at once;
`Pool` does the same on the releases without it. The code it replaces is frozen in those
releases, so leaning on their private names is safe there; later releases use the stdlib's.
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import process as _process
from typing import Any

LACKS_GH94777_FIX = sys.version_info < (3, 11, 5)


if LACKS_GH94777_FIX:  # the private names exist in these releases; later ones may drop them

    class _ManagerThread(_process._ExecutorManagerThread):  # type: ignore[name-defined,misc]
        def terminate_broken(self, cause: Any) -> None:
            # The workers stop first: a reader still alive would keep the write blocked.
            for process in self.processes.values():
                process.terminate()
            self.call_queue._reader.close()  # type: ignore[attr-defined]
            super().terminate_broken(cause)


class Pool(ProcessPoolExecutor):
    """A `ProcessPoolExecutor` that ends cleanly after losing a worker on every supported
    Python (see the module's text)."""

    if LACKS_GH94777_FIX:

        def _start_executor_manager_thread(self) -> None:
            # 3.11.0-3.11.4's own method, with the manager thread above.
            if self._executor_manager_thread is None:
                if not self._safe_to_dynamically_spawn_children:  # fork: start workers now
                    self._launch_processes()
                self._executor_manager_thread = _ManagerThread(self)
                self._executor_manager_thread.start()
                _process._threads_wakeups[self._executor_manager_thread] = self._executor_manager_thread_wakeup
