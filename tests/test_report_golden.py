"""Every report format on every sample matches tests/golden/<format>/<sample>.<ext>.

Rules change the findings, so goldens change with them: refresh with
`UPDATE_GOLDEN=1 python -m pytest tests/test_report_golden.py` and review the diff like code.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

from lint.config import Config
from lint.engine import Linter, LintOptions
from lint.inputs import InputFile
from lint.reporters import REPORTERS, ReportContext, extension, render

GOLDEN = Path(__file__).parent / "golden"
# The HTML report has its own tests (tests/test_report_html.py: browser and XSS checks).
FORMATS = sorted(name for name in REPORTERS if name != "html")
SAMPLE_FILES = sorted(
    path for path in [*SAMPLES.glob("*"), *SAMPLES.glob("clean/*")] if path.suffix in (".txt", ".md", ".html")
)
VERSION = "0.0.0-golden"  # fixed, so a release does not touch every golden file


def sample_id(path: Path) -> str:
    return path.relative_to(SAMPLES).as_posix()


@pytest.fixture(scope="module")
def linted() -> dict[Path, tuple[object, ReportContext]]:
    """Each sample linted once, by the path a user in the repository root would type."""
    done = {}
    for path in SAMPLE_FILES:
        linter = Linter(LintOptions(config=Config(root=ROOT)))
        result = linter.lint_input(InputFile(path.relative_to(ROOT).as_posix(), path))
        done[path] = (result, ReportContext(VERSION, linter.used_rules()))
    return done


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=sample_id)
@pytest.mark.parametrize("name", FORMATS)
def test_golden(name: str, sample: Path, linted: dict[Path, tuple[object, ReportContext]]) -> None:
    result, context = linted[sample]
    report = render(name, [result], context)  # type: ignore[list-item]
    golden = GOLDEN / name / f"{sample_id(sample)}.{extension(name)}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(report.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden.relative_to(ROOT)}: run with UPDATE_GOLDEN=1"
    assert report == golden.read_bytes().decode("utf-8"), (
        f"{name} report of {sample_id(sample)} changed: review, then UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    )
