"""A whole run: inputs → results in input order, through the cache and an executor.

The parent reads and resolves inputs a window at a time, answers what it can from the
cache, and hands the rest to the executor (this process, forked workers or a Dask
cluster). The next window is queued before the current one is handed on, so workers
never wait for the parent, and at most two windows of texts are held at once: a run over
100,000 articles needs no more memory than one over 2,000.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from lint.engine import FileResult, Linter, PreparedInput
from lint.inputs import InputFile
from lint.parallel import Executor, ProcessExecutor, SerialExecutor, lint_one, worker_count

# Inputs read ahead of the results being written. 250 keeps two workers busy (ten batches
# each) while the parent holds a third of the memory 1,000 took (122 against 184 MB).
WINDOW = 250


@dataclass(frozen=True)
class RunSettings:
    jobs: int | None = None  # None: every core for big runs, else serial (see worker_count)
    cache_dir: Path | None = None  # None: no result cache
    keep_source: bool = True  # attach each file's text (text excerpts, HTML report, baselines)
    dask: Any = None  # a distributed.Client or a scheduler address


@dataclass
class _Slot:
    """One input's place in the output order."""

    prepared: PreparedInput | None
    result: FileResult | None = None
    key: str | None = None  # cache key; None when not cached (stdin, no cache)
    is_cached: bool = False


def lint_all(
    linter: Linter, items: Sequence[InputFile], stdin: bytes | None = None, settings: RunSettings = RunSettings()
) -> Iterator[FileResult]:
    """Every input's result, in input order (the same whatever the executor)."""
    run = _Run(linter, settings, len(items))
    try:
        pending: tuple[list[_Slot], Iterator[FileResult]] | None = None
        for window in _windows(items, run.window):
            slots = [run.slot(item, stdin) for item in window]
            started = (slots, run.start(slots))
            if pending is not None:
                yield from run.finish(*pending)
            pending = started
        if pending is not None:
            yield from run.finish(*pending)
    except BaseException:  # interrupted, or the reader stopped early: workers' results are not wanted
        run.abort()
        raise
    finally:
        run.close()


def _windows(items: Sequence[InputFile], size: int) -> Iterator[Sequence[InputFile]]:
    iterator = iter(items)
    while window := list(islice(iterator, size)):
        yield window


class _Run:
    def __init__(self, linter: Linter, settings: RunSettings, total: int) -> None:
        self.linter = linter
        self.settings = settings
        self.total = total
        self.executor: Executor | None = None
        self.window = WINDOW
        self._contexts: dict[tuple[str | None, str], str] = {}
        self.cache = None
        if settings.cache_dir is not None:
            from lint.cache import ResultCache

            self.cache = ResultCache(settings.cache_dir)
        if settings.dask is not None:
            self.executor = _dask_executor(linter, settings.dask)
            self.window = getattr(self.executor, "window", WINDOW)

    def slot(self, item: InputFile, stdin: bytes | None) -> _Slot:
        prepared = self.linter.prepare_input(item, stdin)
        if isinstance(prepared, FileResult):
            return _Slot(None, prepared)
        if self.cache is None or prepared.is_stdin:
            return _Slot(prepared)
        key = self.cache.key(self._context(prepared), prepared.display, prepared.format, prepared.text.encode("utf-8", "surrogatepass"))
        cached = self.cache.get(key)
        return _Slot(prepared, cached, key, is_cached=cached is not None)

    def _context(self, prepared: PreparedInput) -> str:
        """What besides the text decides an input's result (once per config and settings):
        the rule packs' files, the config's data files, settings and command-line choices.
        Hashing the files instead of loading the rules keeps a warm run from paying for them."""
        from lint.cache import canonical, files_fingerprint, named_files
        from lint.rule_sets import pack_dirs

        config, settings = prepared.config, prepared.settings
        pair = (config.path, settings.cache_key)
        if pair not in self._contexts:
            base = Path(config.path).parent if config.path else Path.cwd()
            files = files_fingerprint(pack_dirs(config), named_files(settings, base))
            text = repr((files, canonical((self.linter.options, config.settings, settings))))
            self._contexts[pair] = hashlib.sha256(text.encode()).hexdigest()
        return self._contexts[pair]

    def start(self, slots: list[_Slot]) -> Iterator[FileResult]:
        """Hand the window's uncached inputs to the executor (creating it on first need)."""
        jobs = [slot for slot in slots if slot.result is None and slot.prepared is not None]
        if not jobs:
            return iter(())
        if self.executor is None:
            workers = worker_count(self.settings.jobs, self.total)
            if workers > 1 and len(jobs) > 1:
                # Lint one input here first: rules and dictionaries then load once, in the
                # parent, and every forked worker starts with them.
                first = jobs.pop(0)
                assert first.prepared is not None
                first.result = lint_one(self.linter, first.prepared)
                self.executor = ProcessExecutor(self.linter, workers)
            else:
                self.executor = SerialExecutor(self.linter)
        return self.executor.run([slot.prepared for slot in jobs if slot.prepared is not None])

    def finish(self, slots: list[_Slot], results: Iterator[FileResult]) -> Iterator[FileResult]:
        for slot in slots:
            result = slot.result if slot.result is not None else next(results)
            if self.cache is not None and slot.key is not None and not slot.is_cached:
                self.cache.put(slot.key, result)
            if slot.is_cached and slot.prepared is not None:
                self.linter.note_rule_set(slot.prepared.config, slot.prepared.settings)
            self.linter.record(result)
            if slot.prepared is not None:
                result = replace(result, source=slot.prepared.text if self.settings.keep_source else None)
            yield result

    def abort(self) -> None:
        abort = getattr(self.executor, "abort", None)
        if abort is not None:
            abort()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.close()
        if self.cache is not None:
            self.cache.close()


def _dask_executor(linter: Linter, dask: Any) -> Executor:
    from lint.cluster import DaskExecutor, connect

    if isinstance(dask, str):
        return DaskExecutor(connect(dask), linter.options, owns_client=True)
    return DaskExecutor(dask, linter.options)


def lint_paths(linter: Linter, items: Iterable[InputFile], settings: RunSettings = RunSettings()) -> list[FileResult]:
    """All results as a list (for small runs and the Python API)."""
    return list(lint_all(linter, list(items), None, settings))
