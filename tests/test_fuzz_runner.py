"""The CI fuzz runner's handling of libFuzzer's slow-unit inputs (tests/fuzz/run.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz import run

ORDINARY = b"# Title\n\nA short paragraph about sleep. It has two sentences.\n"


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    folder = tmp_path / "crashes-markdown"
    folder.mkdir()
    (folder / "slow-unit-0001").write_bytes(ORDINARY)
    return folder


def test_a_slow_unit_that_is_fast_without_instrumentation_is_dropped(artifacts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run.drop_fast_slow_units("markdown", artifacts)
    assert list(artifacts.iterdir()) == []
    assert "fast without instrumentation, dropped" in capsys.readouterr().out


def test_a_slow_unit_still_over_the_limit_stays(artifacts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run.drop_fast_slow_units("cli", artifacts, limit=0.0)  # any real run takes longer than no time
    assert [path.name for path in artifacts.iterdir()] == ["slow-unit-0001"]
    assert "still slow" in capsys.readouterr().out


def test_plain_seconds_times_the_real_target(artifacts: Path) -> None:
    seconds = run.plain_seconds("cli", artifacts / "slow-unit-0001")
    assert 0 < seconds < run.SLOW_SECONDS


def test_an_input_whose_target_raises_counts_as_endlessly_slow(tmp_path: Path) -> None:
    # Not a fuzz target's name: the helper process raises, which must never pass as fast.
    path = tmp_path / "slow-unit-0002"
    path.write_bytes(ORDINARY)
    assert run.plain_seconds("no-such-target", path) == float("inf")
