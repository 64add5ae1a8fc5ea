"""Result cache: an unchanged file, linted with unchanged config and rules by the same
contentlint, is not linted again.

An entry's key hashes the file's bytes, how it is reported (display path, format), the
rule set that applies to it (every active rule's settings and options, the config's
settings, the command-line choices) and the code fingerprint (version plus the size and
modification time of every module of the package, so an edited checkout never reuses a
stale result). Entries live in one SQLite file under the cache folder; all cache I/O
happens in the parent process, never in workers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Mapping

from lint import __version__
from lint.engine import FileResult
from lint.findings import Finding

CACHE_ENV = "CONTENTLINT_CACHE_DIR"
DATABASE = "results-v1.sqlite"
COMMIT_EVERY = 500  # entries per transaction: fewer fsyncs on long runs
_PACKAGE = Path(__file__).parent
_FINDING_FIELDS = tuple(field.name for field in dataclasses.fields(Finding))


def default_cache_dir() -> Path:
    """$CONTENTLINT_CACHE_DIR, else $XDG_CACHE_HOME/contentlint, else ~/.cache/contentlint."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "contentlint"


def cache_folder(named: Path | None) -> Path | None:
    """The folder a run caches in: the one named (--cache-dir), else the default; None
    (no cache) under pytest unless named, since tests patch code no cache key can see."""
    if named is not None:
        return named
    return None if "PYTEST_CURRENT_TEST" in os.environ else default_cache_dir()


# GR001 reports its grammar matches as "grammar/<id>"; a finding under its own code is the
# "LanguageTool unavailable" one, which must not outlive the outage.
OUTAGE_RULE = "GR001"


def is_cacheable(result: FileResult) -> bool:
    """Whether a result may be replayed: not one of a passing condition (a LanguageTool
    outage, a time limit hit on a busy machine) nor any other per-file error."""
    return result.error is None and not any(finding.rule_id == OUTAGE_RULE for finding in result.findings)


def code_fingerprint() -> str:
    """contentlint's version plus the size and mtime of each of its modules and rule files."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(_PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def canonical(value: Any) -> Any:
    """A structure whose repr is the same in every process (sets sorted, mappings as items),
    so equal settings give equal keys whatever the hash seed."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = (field.name for field in dataclasses.fields(value))
        return (type(value).__name__, tuple((name, canonical(getattr(value, name))) for name in fields))
    if isinstance(value, Mapping):
        return tuple(sorted((str(key), canonical(item)) for key, item in value.items()))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted((canonical(item) for item in value), key=repr))
    if isinstance(value, (list, tuple)):
        return tuple(canonical(item) for item in value)
    if isinstance(value, re.Pattern):
        return ("re", value.pattern, value.flags)
    if isinstance(value, Path):
        return str(value)
    return value


def files_fingerprint(folders: Iterable[Path], files: Iterable[Path] = ()) -> str:
    """Names and bytes of every file in `folders` (rule packs and their data files) and of
    `files`: what rule loading reads, hashed without the cost of parsing it."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(item for item in folder.rglob("*") if item.is_file()):
            digest.update(f"{path.relative_to(folder)}\0".encode())
            digest.update(path.read_bytes())
    for path in files:
        digest.update(f"{path}\0".encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def named_files(settings: Any, base: Path) -> list[Path]:
    """Data files that rule tables in a config name (`tokens = "ours.txt"`), relative to it."""
    names = (value for table in settings.rules.values() if isinstance(table, Mapping) for value in table.values())
    return sorted({base / name for name in names if isinstance(name, str) and (base / name).is_file()})


def rules_fingerprint(rules: Iterable[Any], known: Iterable[str], extra: Any) -> str:
    """What decides a file's findings besides its bytes: the active rules as configured, the
    codes inline suppressions may name, and `extra` (settings and command-line choices)."""
    parts = [
        (rule.id, rule.name, rule.kind, rule.severity, rule.category, rule.scope, rule.message,
         rule.aliases, rule.enabled, canonical(rule.options))
        for rule in rules
    ]
    text = repr((parts, sorted(known), canonical(extra)))
    return hashlib.sha256(text.encode()).hexdigest()


def _record(result: FileResult) -> tuple[Any, ...]:
    """A FileResult as plain tuples: unpickling slotted dataclasses field by field costs
    more than the rest of a cache hit."""
    findings = [tuple(getattr(finding, name) for name in _FINDING_FIELDS) for finding in result.findings]
    return (result.path, result.format, result.keyphrase, result.keyphrase_source, dict(result.metrics), findings, result.error)


def _from_record(record: tuple[Any, ...]) -> FileResult:
    path, input_format, keyphrase, keyphrase_source, metrics, findings, error = record
    return FileResult(path, input_format, keyphrase, keyphrase_source, metrics, tuple(Finding(*values) for values in findings), error)


class ResultCache:
    """FileResults (without their source text) by key, in an SQLite file.

    Any database problem (read-only folder, a corrupt file, a locked database) turns the
    cache off for the run instead of failing it.
    """

    def __init__(self, folder: Path, fingerprint: str | None = None) -> None:
        self.folder = folder
        self.fingerprint = fingerprint or code_fingerprint()
        self.hits = self.misses = 0
        self._pending = 0
        self._connection: sqlite3.Connection | None = self._open()

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.folder / DATABASE, timeout=5)
            connection.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, code TEXT, value BLOB)")
            # Results of other contentlint builds can never be read again.
            connection.execute("DELETE FROM results WHERE code != ?", (self.fingerprint,))
            connection.commit()
            return connection
        except (OSError, sqlite3.Error):
            return None

    @property
    def is_active(self) -> bool:
        return self._connection is not None

    def key(self, context: str, display: str, input_format: str, data: bytes) -> str:
        digest = hashlib.sha256(f"{self.fingerprint}\0{context}\0{display}\0{input_format}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> Any | None:
        if self._connection is None:
            return None
        try:
            row = self._connection.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
            result = _from_record(pickle.loads(row[0])) if row is not None else None
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
            result = None
        self.hits += result is not None
        self.misses += result is None
        return result

    def put(self, key: str, result: Any) -> None:
        if self._connection is None or not is_cacheable(result):
            return
        value = pickle.dumps(_record(result), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self._connection.execute(
                "INSERT OR REPLACE INTO results (key, code, value) VALUES (?, ?, ?)", (key, self.fingerprint, value)
            )
            self._pending += 1
            if self._pending >= COMMIT_EVERY:
                self._commit()
        except sqlite3.Error:
            self._close_quietly()

    def _commit(self) -> None:
        if self._connection is not None:
            self._connection.commit()
        self._pending = 0

    def _close_quietly(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except sqlite3.Error:
                pass
        self._connection = None

    def close(self) -> None:
        try:
            self._commit()
        except sqlite3.Error:
            pass
        self._close_quietly()
