"""The HTML report: highlighting, escaping, determinism, golden output, and a real browser.

Browser tests drive Debian's chromium through Playwright (never `playwright install`); they
skip only when /usr/bin/chromium is missing, which `.ci/run` prevents.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SAMPLES, lint_string
from lint.config import Config
from lint.document import LineIndex
from lint.engine import FileResult, Linter, LintOptions
from lint.findings import Finding
from lint.inputs import InputFile
from lint.reporters import ReportContext, html as html_report, render
from lint.reporters.html_source import Mark, pieces, render_source

GOLDEN = Path(__file__).resolve().parent / "golden" / "html"  # <sample>.html each, site.html all together
VERSION = "0.0.0-golden"  # fixed, as in test_report_golden.py, so a release does not touch goldens
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SAMPLE_FILES = sorted(
    path for path in [*SAMPLES.glob("*"), *SAMPLES.glob("clean/*")] if path.suffix in (".txt", ".md", ".html")
)


def sample_results(paths: list[Path] = SAMPLE_FILES) -> tuple[list[FileResult], dict[str, Any]]:
    """Samples linted with all built-in packs, reported under repository-relative paths."""
    linter = Linter(LintOptions(config=Config(root=ROOT)))
    results = [linter.lint_input(InputFile(path.relative_to(ROOT).as_posix(), path)) for path in paths]
    return results, linter.used_rules()


def sample_report(paths: list[Path] = SAMPLE_FILES) -> tuple[str, list[FileResult]]:
    results, rules = sample_results(paths)
    return render("html", results, ReportContext(VERSION, rules)), results


class Outline(HTMLParser):
    """What a test needs from rendered HTML: line texts, marks' keys and texts, attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []
        self.marks: list[tuple[tuple[str, ...], int, str]] = []  # keys, line number, text
        self.attributes: list[tuple[str, str, str | None]] = []  # tag, name, value
        self.tags: list[str] = []
        self._in_mark: tuple[str, ...] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend((tag, name, value) for name, value in attrs)
        values = dict(attrs)
        if tag == "div" and "ln" in (values.get("class") or "").split():
            self.lines.append((int(values["data-n"] or 0), ""))
        if tag == "mark":
            self._in_mark = tuple((values.get("data-f") or "").split())
            self.marks.append((self._in_mark, self.lines[-1][0] if self.lines else 0, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = None

    def handle_data(self, data: str) -> None:
        if self.lines:
            number, text = self.lines[-1]
            self.lines[-1] = (number, text + data)
        if self._in_mark is not None:
            keys, line, text = self.marks[-1]
            self.marks[-1] = (keys, line, text + data)


def outline(markup: str) -> Outline:
    parser = Outline()
    parser.feed(markup)
    parser.close()
    return parser


# --- highlighting -------------------------------------------------------------------------


def test_overlapping_findings_become_pieces_covered_by_both() -> None:
    marks = [Mark("a0-f0", 0, 10, "info"), Mark("a0-f1", 5, 15, "error")]
    found = [(piece.start, piece.end, piece.keys) for piece in pieces("x" * 20, marks)]
    assert found == [(0, 5, ("a0-f0",)), (5, 10, ("a0-f0", "a0-f1")), (10, 15, ("a0-f1",)), (15, 20, ())]


def test_overlap_takes_the_highest_severity_and_is_marked_multi() -> None:
    markup = render_source("abcdefghij", [Mark("a0-f0", 0, 6, "info"), Mark("a0-f1", 3, 9, "error")])
    assert '<mark class="hl on multi" data-f="a0-f0 a0-f1" data-sev="error"' in markup
    assert '<mark class="hl on" data-f="a0-f0" data-sev="info"' in markup


def test_finding_across_lines_is_split_per_line_and_points_render_as_empty_marks() -> None:
    source = "first line\r\nsecond\u2028third"
    marks = [Mark("a0-f0", 6, 17, "warning"), Mark("a0-f1", 0, 0, "info"), Mark("a0-f2", len(source), len(source), "error")]
    parsed = outline(render_source(source, marks))
    assert [number for number, _ in parsed.lines] == [1, 2, 3]
    assert parsed.marks == [(("a0-f1",), 1, ""), (("a0-f0",), 1, "line"), (("a0-f0",), 2, "secon"), (("a0-f2",), 3, "")]


def test_control_characters_are_shown_not_passed_through() -> None:
    markup = render_source("tab\there\x00bell\x07", [])
    assert "\x00" not in markup and "\x07" not in markup
    assert "\u2400" in markup and "\u2407" in markup and "\t" in markup


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\r\u2028\u2029é")), max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=6),
)
def test_source_round_trips_and_every_mark_covers_exactly_its_span(source: str, spans: list[tuple[int, int]]) -> None:
    marks = [
        Mark(f"a0-f{number}", min(start, len(source)), min(start + length, len(source)), "warning")
        for number, (start, length) in enumerate(spans)
    ]
    parsed = outline(render_source(source, marks))
    breaks = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
    assert [text for _, text in parsed.lines] == breaks.split(source)
    for mark in marks:
        covered = "".join(text for keys, _, text in parsed.marks if mark.key in keys)
        assert covered == breaks.sub("", source[mark.start : mark.end])
        text_start = next((offset for offset in range(mark.start, mark.end) if not breaks.match(source[offset])), mark.start)
        line = LineIndex(source).position(text_start).line  # the line its first character is on
        assert any(mark.key in keys and shown_on == line for keys, shown_on, _ in parsed.marks)


# --- the page -----------------------------------------------------------------------------


def test_page_is_self_contained_with_a_hash_based_policy() -> None:
    report, _ = sample_report()
    parsed = outline(report)
    policy = next(value for tag, name, value in parsed.attributes if tag == "meta" and name == "content" and "default-src" in (value or ""))
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy
    for tag, body in (("style", html_report.STYLE), ("script", html_report.SCRIPT)):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy
        assert report.count(f"<{tag}>{body}</{tag}>") == 1
    assert parsed.tags.count("script") == 1 and parsed.tags.count("style") == 1
    assert not [name for _, name, _ in parsed.attributes if name.startswith("on") or name in ("src", "style")]
    hrefs = [value or "" for _, name, value in parsed.attributes if name == "href"]
    assert hrefs and all(href.startswith("#") or href == "data:," for href in hrefs)


def test_output_is_deterministic_and_articles_are_sorted_worst_first() -> None:
    first, results = sample_report()
    second, _ = sample_report()
    assert first == second
    headings = re.findall(r'<h2 id="art-\d+-title"><span class="score \w+">(\d+)</span> ([^<]+)</h2>', first)
    assert sorted(path for _, path in headings) == sorted(result.path for result in results)
    scores = [int(score) for score, _ in headings]
    assert scores == sorted(scores)


def test_seed_leave_a_comment_is_highlighted_on_line_117() -> None:
    result = lint_string(SAMPLES.joinpath("do-neurologists-do-botox.txt").read_text(encoding="utf-8"), "txt", select=["ED001"])
    report = render("html", [result], ReportContext("test", {}))
    parsed = outline(report)
    assert (("a0-f0",), 117, "Leave a Comment") in parsed.marks
    assert 'data-f="a0-f0" data-sev="error" data-cat="editorial" data-rule="ED001"' in report


def test_unreadable_files_are_listed_not_scored() -> None:
    broken = FileResult("bad/<b>file</b>.md", "md", error="cannot decode as utf-8 <here>")
    report = render("html", [broken], ReportContext("test", {}))
    assert "<code>bad/&lt;b&gt;file&lt;/b&gt;.md</code>: cannot decode as utf-8 &lt;here&gt;" in report
    assert "No articles were linted." in report and 'class="article"' not in report


@pytest.mark.parametrize("name", [*(path.relative_to(SAMPLES).as_posix() for path in SAMPLE_FILES), "site"])
def test_golden_report(name: str) -> None:
    """Each sample alone (tests/golden/html/<sample>.html), and all of them as one site."""
    report, _ = sample_report([SAMPLES / name] if name != "site" else SAMPLE_FILES)
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(report.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden.relative_to(ROOT)}: run with UPDATE_GOLDEN=1"
    assert report == golden.read_bytes().decode("utf-8"), (
        f"HTML report of {name} changed: review, then UPDATE_GOLDEN=1 pytest tests/test_report_html.py"
    )


# --- in a real browser --------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Loaded:
    """A report open in a page, recording console errors, page errors and dialogs."""

    def __init__(self, browser: Any, report: str, folder: Path) -> None:
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("console", lambda message: message.type in ("error", "warning") and self.problems.append(message.text))
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.page.on("dialog", self._dialog)
        path = folder / "report.html"
        path.write_text(report, encoding="utf-8")
        self.page.goto(path.as_uri())

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visible_entries(self) -> list[dict[str, str]]:
        return self.page.eval_on_selector_all("li.finding:not([hidden])", "items => items.map(item => ({...item.dataset}))")

    def lit_marks_match(self, shown: list[dict[str, str]]) -> bool:
        """Whether lit marks are those with a shown finding, overlap-marked when several are."""
        keys = {entry["f"]: entry["sev"] for entry in shown}
        marks = self.page.eval_on_selector_all(
            "mark.hl", "marks => marks.map(mark => [mark.dataset.f, mark.classList.contains('on'), mark.classList.contains('multi'), mark.dataset.sev])"
        )
        rank = {"info": 0, "warning": 1, "error": 2}
        for joined, lit, multi, severity in marks:
            showing = [keys[key] for key in joined.split() if key in keys]
            if lit != bool(showing) or multi != (len(showing) > 1):
                return False
            if showing and severity != max(showing, key=rank.__getitem__):
                return False
        return True


@pytest.fixture
def samples_page(browser: Any, tmp_path: Path) -> Iterator[tuple[Loaded, list[FileResult]]]:
    report, results = sample_report()
    loaded = Loaded(browser, report, tmp_path)
    yield loaded, results
    loaded.page.close()


def test_report_loads_without_console_errors(samples_page: tuple[Loaded, list[FileResult]]) -> None:
    loaded, results = samples_page
    total = sum(len(result.findings) for result in results)
    assert loaded.page.title() == "contentlint report"
    assert len(loaded.visible_entries()) == total > 0
    assert loaded.page.text_content("#shown-count") == str(total)
    assert loaded.problems == [] and loaded.dialogs == []


def test_filters_hide_and_show_findings(samples_page: tuple[Loaded, list[FileResult]]) -> None:
    loaded, results = samples_page
    page = loaded.page
    findings = [finding for result in results for finding in result.findings]
    page.uncheck('#filters input[name=severity][value=error]')
    shown = loaded.visible_entries()
    assert len(shown) == sum(finding.severity != "error" for finding in findings)
    assert all(entry["sev"] != "error" for entry in shown)
    assert loaded.lit_marks_match(shown)
    page.click("#filters button.none[data-group=rule]")
    assert loaded.visible_entries() == [] and loaded.page.locator("mark.hl.on").count() == 0
    assert page.text_content("#shown-count") == "0"
    page.click("#filters button.all[data-group=severity]")
    page.check('#filters input[name=rule][value=ED001]')
    shown = loaded.visible_entries()
    assert {entry["rule"] for entry in shown} == {"ED001"}
    assert len(shown) == sum(finding.rule_id == "ED001" for finding in findings)
    assert loaded.lit_marks_match(shown)
    page.click("#filters button.all[data-group=rule]")
    categories = sorted({finding.category for finding in findings})
    page.uncheck(f'#filters input[name=category][value="{categories[0]}"]')
    assert len(loaded.visible_entries()) == sum(finding.category != categories[0] for finding in findings)
    assert loaded.problems == []


def test_clicking_an_entry_shows_its_highlight_and_explanation(samples_page: tuple[Loaded, list[FileResult]]) -> None:
    loaded, results = samples_page
    page = loaded.page
    section = page.locator("section.article", has=page.locator("h2", has_text="samples/do-neurologists-do-botox.txt"))
    entry = section.locator("li.finding[data-rule=ED001]")
    key = entry.get_attribute("data-f")
    entry.locator("button.jump").click()
    mark = page.locator(f'mark.hl[data-f~="{key}"]').first
    assert mark.text_content() == "Leave a Comment"
    assert mark.evaluate("mark => mark.closest('.ln').dataset.n") == "117"
    box, viewport = mark.bounding_box(), page.viewport_size
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"]
    assert mark.evaluate("mark => document.activeElement === mark")
    popover = page.locator("#popover")
    assert popover.is_visible()
    rules = sample_results()[1]
    assert rules["ED001"].docs.why in popover.text_content()
    assert rules["ED001"].docs.fix in popover.text_content()
    assert popover.bounding_box()["y"] >= box["y"] + box["height"]
    page.keyboard.press("Escape")
    assert not popover.is_visible() and mark.evaluate("mark => document.activeElement === mark")
    page.keyboard.press("Enter")
    assert popover.is_visible()
    page.keyboard.press("Shift+Tab")  # keyboard users move between highlights with Tab
    previous = page.evaluate("document.activeElement.dataset.f")
    assert previous and previous != key and page.evaluate("document.activeElement.matches('mark.hl.on')")
    assert popover.is_visible() and popover.text_content() != ""
    page.mouse.click(5, 5)
    assert not popover.is_visible()
    mark.hover()
    assert popover.is_visible()
    page.mouse.move(5, 5)
    assert not popover.is_visible()
    assert loaded.problems == []


PAYLOADS = (
    "<script>window.__xss=1;alert('script')</script>",
    '<img src=x onerror="window.__xss=1;alert(\'img\')">',
    "javascript:window.__xss=1;alert('url')",
    "</textarea><script>window.__xss=1</script>",
    '"><svg onload="window.__xss=1;alert(\'double\')">',
    "'><svg onload='window.__xss=1;alert(\"single\")'>",
    "</style></script></pre></mark><iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
)
JOINED = " ".join(PAYLOADS)


def hostile_results() -> tuple[list[FileResult], dict[str, Any]]:
    """Articles whose path, title, keyphrase, text, metadata and findings carry payloads."""
    quoted = JOINED.replace("\\", "\\\\").replace('"', '\\"')
    markdown = (
        f'---\ntitle: "{quoted}"\nkeyphrase: "{quoted}"\nauthor: "{quoted}"\n---\n\n# {JOINED}\n\n'
        f"Leave a Comment\n\nRead [the guide](javascript:window.__xss=1) and {JOINED} today.\n\nLeave a Comment\n"
    )
    page = (
        f"<html><head><title>{JOINED}</title><meta name=\"keywords\" content='{PAYLOADS[4]}'></head>"
        f"<body><article><h1>{PAYLOADS[1]}</h1><p>Leave a Comment</p><p>{JOINED}</p>"
        f"<a href=\"javascript:window.__xss=1\">Read More</a></article></body></html>\n"
    )
    first = lint_string(markdown, "md", path=f"site/{PAYLOADS[1]}")
    second = lint_string(page, "html", path=f"site/{PAYLOADS[4]}")
    hostile = Finding(
        rule_id=PAYLOADS[4], name=PAYLOADS[5], category=PAYLOADS[0], severity="warning", message=JOINED,
        path=first.path, line=1, column=1, end_line=1, end_column=3, start=0, end=3, text="---", suggestion=JOINED,
    )
    first = replace(first, findings=(*first.findings, hostile), metrics={**first.metrics, "keyword_" + PAYLOADS[1]: JOINED, "note": [JOINED]})
    unreadable = FileResult(f"site/{PAYLOADS[3]}.md", "md", error=JOINED)
    base = {rule.id: rule for rule in Linter(LintOptions(config=Config(root=ROOT))).base_rules(Config(root=ROOT))}
    rules = {**base, PAYLOADS[4]: replace(base["ED001"], id=PAYLOADS[4], name=PAYLOADS[5], category=PAYLOADS[0],
                                          docs=replace(base["ED001"].docs, why=JOINED, fix=JOINED, example=JOINED, good=JOINED))}
    return [first, second, unreadable], rules


def test_hostile_articles_run_no_script(browser: Any, tmp_path: Path) -> None:
    results, rules = hostile_results()
    assert results[0].findings and results[1].findings, "payload articles must produce findings to highlight"
    loaded = Loaded(browser, render("html", results, ReportContext("test", rules)), tmp_path)
    page = loaded.page
    for mark in page.locator("mark.hl.on").all():  # every popover is built from the payloads
        mark.click()
        page.keyboard.press("Escape")
        mark.hover()
        page.mouse.move(0, 0)
    for button in page.locator("button.jump").all():
        button.click()
        page.keyboard.press("Escape")
    for link in page.locator("a").all():
        link.click()
    page.click("#filters button.none[data-group=category]")
    page.click("#filters button.all[data-group=category]")
    assert page.evaluate("window.__xss") is None
    assert loaded.dialogs == [] and loaded.problems == []
    text = page.locator("body").inner_text()
    for payload in PAYLOADS:
        assert payload in text  # shown as text, not swallowed
    assert page.evaluate("document.querySelectorAll('img, iframe, textarea, script[src]').length") == 0
    assert page.evaluate("document.querySelectorAll('svg').length") == page.evaluate("document.querySelectorAll('figure.chart svg').length")
    page.close()
