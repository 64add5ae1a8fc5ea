"""Reports written as results arrive, so a long run holds no more than a few articles.

Formats that are a list of files (`jsonl`, `csv`, `csv-summary`, `text`, `github`,
`json`) stream: each file's part is written when its result comes, the run's totals at the
end. The others (`sarif`, `junit`, `markdown`, `html`) need every file before they can
start; they keep the results (without the article text, except `html`, which shows it)
and render at the end. Either way the output is byte for byte what `render` gives.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Mapping, Protocol, Sequence

from lint.engine import FileResult
from lint.reporters import REPORTERS, ReportContext, summary
from lint.sinks import EchoSink, FileSink, StepSummarySink

# Collected formats that read the article's text: HTML shows it, SARIF fingerprints the
# sentence around each finding.
_NEEDS_SOURCE = frozenset({"html", "sarif"})


class Writer(Protocol):
    def start(self, context: ReportContext) -> str: ...

    def add(self, result: FileResult, context: ReportContext) -> str: ...

    def finish(self, context: ReportContext) -> str: ...


@dataclass
class Totals:
    """The run's counts, as `lint.reporters.summary` gives them for a list of results."""

    counts: dict[str, int] = field(default_factory=lambda: summary([]))

    def add(self, result: FileResult) -> None:
        for key, value in summary([result]).items():
            self.counts[key] += value


class Collecting:
    """For formats that need every result first: keep them, render at the end."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.results: list[FileResult] = []

    def start(self, context: ReportContext) -> str:
        return ""

    def add(self, result: FileResult, context: ReportContext) -> str:
        self.results.append(result if self.name in _NEEDS_SOURCE else replace(result, source=None))
        return ""

    def finish(self, context: ReportContext) -> str:
        from lint.reporters import render

        return render(self.name, self.results, context)


class PerFile:
    """A format that is a header, one part per file and a footer computed from totals."""

    def __init__(self, part: Callable[[FileResult, ReportContext], str], footer: Callable[[Totals, ReportContext], str], header: str = "") -> None:
        self.part, self.footer, self.header = part, footer, header
        self.totals = Totals()

    def start(self, context: ReportContext) -> str:
        return self.header

    def add(self, result: FileResult, context: ReportContext) -> str:
        self.totals.add(result)
        return self.part(result, context)

    def finish(self, context: ReportContext) -> str:
        return self.footer(self.totals, context)


class JsonReport:
    """The JSON report with its `files` written one by one (json.dumps's exact layout)."""

    def __init__(self) -> None:
        self.totals = Totals()
        self.count = 0

    def start(self, context: ReportContext) -> str:
        return self._shell(context)[0]

    def add(self, result: FileResult, context: ReportContext) -> str:
        from lint.reporters.json import file_data

        self.totals.add(result)
        entry = json.dumps(file_data(result), indent=2, sort_keys=True, ensure_ascii=False)
        self.count += 1
        # split("\n"), not splitlines(): a raw U+2028 or \x1c inside a JSON string is no line break.
        return ("\n" if self.count == 1 else ",\n") + "\n".join("    " + line for line in entry.split("\n"))

    def finish(self, context: ReportContext) -> str:
        return ("\n  " if self.count else "") + self._shell(context)[1]

    def _shell(self, context: ReportContext) -> tuple[str, str]:
        """The report without files, split where the file entries go."""
        from lint.reporters.json import SCHEMA_VERSION

        data = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "contentlint", "version": context.version},
            "files": [],
            "summary": self.totals.counts,
        }
        text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        head, _, tail = text.partition('"files": [')
        return head + '"files": [', tail


def _text_writer() -> Writer:
    from lint.reporters import text

    return PerFile(
        lambda result, context: "".join(line + "\n" for line in text.file_lines(result, context)),
        lambda totals, context: text.overall(totals.counts, context) + "\n",
    )


def _github_writer() -> Writer:
    from lint.reporters import github

    return PerFile(
        lambda result, context: "".join(line + "\n" for line in github.file_lines(result)),
        lambda totals, context: github.overall(totals.counts, context) + "\n",
    )


def _jsonl_writer() -> Writer:
    from lint.reporters import jsonl

    return PerFile(lambda result, context: jsonl.line(result), lambda totals, context: "")


def _csv_writer(is_summary: bool) -> Writer:
    from lint.reporters import csv

    columns = csv.SUMMARY_COLUMNS if is_summary else csv.FINDING_COLUMNS
    return PerFile(
        lambda result, context: csv.rows_text(csv.summary_rows([result]) if is_summary else csv.finding_rows([result])),
        lambda totals, context: "",
        header=csv.rows_text([columns], escape=False),
    )


STREAMING: dict[str, Callable[[], Writer]] = {
    "text": _text_writer,
    "json": JsonReport,
    "jsonl": _jsonl_writer,
    "github": _github_writer,
    "csv": lambda: _csv_writer(False),
    "csv-summary": lambda: _csv_writer(True),
}


def writer_for(name: str) -> Writer:
    if name in STREAMING:
        return STREAMING[name]()
    assert name in REPORTERS, name
    importlib.import_module(REPORTERS[name].partition(":")[0])  # fail early on a broken reporter
    return Collecting(name)


def needs_source(names: list[str], quiet: bool) -> bool:
    """Whether results must carry the article text: text excerpts, HTML, SARIF fingerprints."""
    return any(name in _NEEDS_SOURCE for name in names) or ("text" in names and not quiet)



@dataclass
class Tally:
    """What the exit code needs, counted as results pass."""

    threshold: str
    has_unreadable: bool = False
    is_failing: bool = False
    warnings: int = 0

    def add(self, result: FileResult) -> None:
        from lint.findings import reaches

        self.has_unreadable |= result.error is not None
        self.is_failing |= any(reaches(finding.severity, self.threshold) for finding in result.findings)
        self.warnings += sum(finding.severity == "warning" for finding in result.findings)


@dataclass
class Report:
    """One report being written: its writer, where it goes and how it is styled."""

    writer: Writer
    sink: FileSink | EchoSink | StepSummarySink
    context: ReportContext


def open_reports(outputs: Sequence[Any], version: str, quiet: bool, stdout_color: bool) -> list[Report]:
    """A writer and sink per planned output; a folder that cannot be written is a usage error."""
    from lint.errors import UserError

    reports: list[Report] = []
    for item in outputs:
        color = item.path is None and item.format == "text" and stdout_color
        try:
            sink: FileSink | EchoSink = FileSink(item.path) if item.path is not None else EchoSink(color)
        except OSError as error:
            for report in reports:
                report.sink.abort()
            raise UserError(f"{item.path}: cannot write: {error.strerror or error}") from None
        reports.append(Report(writer_for(item.format), sink, ReportContext(version, {}, color=color, quiet=quiet)))
    return reports


def write_reports(results: Iterable[FileResult], reports: list[Report], rules: Callable[[], Mapping[str, Any]], tally: Tally) -> None:
    """Feed every result to every report as it comes; `rules()` (the rules that ran) is
    read at the end, for the formats that describe them."""
    try:
        for report in reports:
            report.sink.write(report.writer.start(report.context))
        for result in results:
            tally.add(result)
            for report in reports:
                report.sink.write(report.writer.add(result, report.context))
        # Only collected formats describe rules; loading them is what a warm run saves.
        used = rules() if any(isinstance(report.writer, Collecting) for report in reports) else {}
        for report in reports:
            report.sink.write(report.writer.finish(replace(report.context, rules=used)))
    except BaseException:
        for report in reports:
            report.sink.abort()
        raise
    for report in reports:
        report.sink.close()
