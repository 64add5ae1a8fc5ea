"""`contentlint serve` for real: the command in a subprocess on a free loopback port, driven
by Python Playwright and Debian's chromium (never `playwright install`).

Screenshots go to $CONTENTLINT_SCREENSHOTS when set (to look at them), else to tmp_path.
"""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from conftest import SAMPLES, SEED_TEXT, lint_file

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SEED = SEED_TEXT.read_text(encoding="utf-8")
KEYPHRASE = "Do Neurologists Do Botox?"
SETTLE_SECONDS = 15  # generous: CI machines are slow; the page normally answers in about 0.6 s
URL_LINE = re.compile(r"contentlint serve: (http://127\.0\.0\.1:\d+/)")


class Server:
    """`python -m lint serve --port 0` with its output collected (to check nothing is logged)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.output: list[str] = []
        self._lines: queue.Queue[str] = queue.Queue()
        environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lint", "serve", "--port", "0"], cwd=folder, env=environment,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
        )
        threading.Thread(target=self._collect, daemon=True).start()
        self.url = self._wait_for_url()

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            self._lines.put(line)

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=1)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            match = URL_LINE.search(line)
            if match:
                return match.group(1)
        self.stop()
        raise AssertionError("contentlint serve did not start:\n" + "".join(self.output))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("serve"))  # an empty folder: built-in defaults
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CONTENTLINT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Editor:
    """The page in a tab, recording console problems and dialogs."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type in ("error", "warning") and self.problems.append(message.text))
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(server.url)
        # Anything that even tries to break the policy shows up here.
        self.page.evaluate(
            "() => { window.__violations = []; document.addEventListener('securitypolicyviolation',"
            " (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI)); }"
        )

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def paste(self, text: str) -> None:
        self.page.click("#draft")
        self.page.keyboard.insert_text(text)

    def wait_until(self, condition: Callable[[], bool], what: str) -> float:
        """Seconds until `condition` held (polled from Python: the policy forbids eval)."""
        start = time.monotonic()
        while time.monotonic() - start < SETTLE_SECONDS:
            if condition():
                return time.monotonic() - start
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}; status: {self.status()!r}")

    def status(self) -> str:
        return str(self.page.inner_text("#status"))

    def checked(self) -> float:
        """Wait for the answer to the current draft: status "Checked" and no stale panel."""
        return self.wait_until(
            lambda: self.status().startswith("Checked") and not self.page.evaluate("document.getElementById('results').classList.contains('stale')"),
            "the findings",
        )

    def highlights(self, rule: str) -> list[dict[str, Any]]:
        """Each finding of `rule` listed on the page, with its marks' text, line and box."""
        return list(self.page.evaluate(
            """(rule) => Array.from(document.querySelectorAll('#findings li.item'))
                .filter((item) => item.querySelector('code.rule').textContent === rule)
                .map((item) => {
                  const marks = Array.from(document.querySelectorAll(`#backdrop mark[data-f~="d-f${item.dataset.index}"]`));
                  const box = marks.length ? marks[0].getClientRects()[0] : null;  // the first line's piece
                  return { index: Number(item.dataset.index), text: marks.map((mark) => mark.textContent).join(''),
                           line: marks.length ? Number(marks[0].closest('.ln').dataset.n) : 0,
                           message: item.querySelector('.msg').textContent,
                           box: box && { x: box.x, y: box.y, width: box.width, height: box.height } };
                })""",
            rule,
        ))

    def selection(self) -> dict[str, Any]:
        return dict(self.page.evaluate(
            "() => { const d = document.getElementById('draft'); return { start: d.selectionStart, end: d.selectionEnd,"
            " text: d.value.slice(d.selectionStart, d.selectionEnd), focused: document.activeElement === d }; }"
        ))

    def assert_clean(self) -> None:
        assert self.problems == [] and self.dialogs == []
        assert self.page.evaluate("window.__violations") == []

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def editor(browser: Any, server: Server) -> Iterator[Editor]:
    opened = Editor(browser, server)
    yield opened
    opened.close()


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_seed_shows_both_pasted_keyphrases_and_an_edit_removes_one(editor: Editor, shots: Path) -> None:
    page = editor.page
    editor.paste(SEED)
    editor.checked()
    found = editor.highlights("KW001")
    expected_lines = [line_of(SEED, "is that Do Neurologists"), line_of(SEED, "Remember that Do Neurologists")]
    assert [item["text"] for item in found] == [KEYPHRASE, KEYPHRASE]
    assert [item["line"] for item in found] == expected_lines
    page.click("#draft")
    page.keyboard.press("Control+Home")
    page.screenshot(path=str(shots / "serve-seed.png"))
    # The marks sit under the very words: clicking a mark's middle puts the caret inside the keyphrase.
    for item, needle in zip(found, ("is that ", "Remember that ")):
        page.click(f"#findings li.item[data-index='{item['index']}'] button.go")
        box = editor.highlights("KW001")[found.index(item)]["box"]
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        start = SEED.index(needle + KEYPHRASE) + len(needle)
        assert start < editor.selection()["start"] < start + len(KEYPHRASE)
        assert "KW001" in editor.status()
    # Click the first one in the list: its words are selected; type over them.
    page.click(f"#findings li.item[data-index='{found[0]['index']}'] button.go")
    selection = editor.selection()
    assert selection["text"] == KEYPHRASE and selection["focused"]
    page.keyboard.type("neurologists offer Botox")
    typed = time.monotonic()
    editor.wait_until(lambda: len(editor.highlights("KW001")) == 1, "one KW001 highlight")
    settled = time.monotonic() - typed
    remaining = editor.highlights("KW001")
    assert remaining[0]["line"] == expected_lines[1] and remaining[0]["text"] == KEYPHRASE
    assert "neurologists offer Botox solely" in page.input_value("#draft")
    assert settled < 3.0, f"findings took {settled:.2f} s after the last keystroke"
    page.screenshot(path=str(shots / "serve-edited.png"))
    editor.assert_clean()


def test_findings_are_reachable_by_keyboard(editor: Editor) -> None:
    page = editor.page
    editor.paste(SEED)
    editor.checked()
    page.keyboard.press("Tab")  # from the draft to the first finding
    assert page.evaluate("document.activeElement.matches('#findings button.go')")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    index = page.evaluate("Number(document.activeElement.closest('li.item').dataset.index)")
    page.keyboard.press("Enter")
    marks = page.evaluate(
        "(index) => Array.from(document.querySelectorAll(`#backdrop mark[data-f~=\"d-f${index}\"]`)).map((m) => m.textContent).join('')",
        index,
    )
    selection = editor.selection()
    assert selection["focused"] and selection["text"] and re.sub(r"\n", "", selection["text"]) == marks
    assert page.evaluate("document.querySelectorAll('#backdrop mark.current').length") >= 1
    editor.assert_clean()


def test_upload_the_html_sample(editor: Editor, shots: Path) -> None:
    page = editor.page
    sample = SAMPLES / "do-neurologists-do-botox.html"
    page.set_input_files("#file", str(sample))
    editor.checked()
    assert page.input_value("#draft") == sample.read_text(encoding="utf-8")
    assert page.inner_text("#detected") == "Read as HTML"
    assert page.inner_text("#filename") == sample.name
    found = editor.highlights("KW001")
    assert [item["text"] for item in found] == [KEYPHRASE, KEYPHRASE]
    html = sample.read_text(encoding="utf-8")
    assert [item["line"] for item in found] == [line_of(html, "is that Do Neurologists"), line_of(html, "Remember that Do Neurologists")]
    expected = lint_file(sample)
    assert page.locator("#findings li.item").count() == len(expected.findings)
    page.screenshot(path=str(shots / "serve-html.png"))
    editor.assert_clean()


def test_switching_audience_changes_the_readability_targets(editor: Editor, shots: Path) -> None:
    page = editor.page
    editor.paste(SEED)
    editor.checked()

    def grade_message() -> str:
        return str(editor.highlights("RD001")[0]["message"])

    assert "patient target is grade 8" in grade_message()
    assert "patient" in page.inner_text("#summary .audience")
    page.select_option("#audience", "general")
    editor.wait_until(lambda: "general target is grade 9" in grade_message(), "the general audience")
    assert page.inner_text("#summary .audience").startswith("Audience: general")
    page.screenshot(path=str(shots / "serve-general.png"))
    page.select_option("#audience", "patient")
    editor.wait_until(lambda: "patient target is grade 8" in grade_message(), "the patient audience")
    editor.assert_clean()


def test_download_the_html_report(editor: Editor, browser: Any, tmp_path: Path) -> None:
    page = editor.page
    editor.paste(SEED)
    editor.checked()
    with page.expect_download() as download_info:
        page.click("button.download[data-format=html]")
    download = download_info.value
    assert download.suggested_filename == "contentlint-draft.html"
    report = tmp_path / download.suggested_filename
    download.save_as(report)
    content = report.read_text(encoding="utf-8")
    assert content.startswith("<!DOCTYPE html>") and "<title>contentlint report</title>" in content
    with page.expect_download() as json_info:
        page.click("button.download[data-format=json]")
    assert json_info.value.suggested_filename == "contentlint-draft.json"
    # The downloaded report works on its own: highlights, the keyphrase findings, no errors.
    viewer = browser.new_page()
    problems: list[str] = []
    viewer.on("console", lambda message: message.type == "error" and problems.append(message.text))
    viewer.goto(report.as_uri())
    assert viewer.locator("mark.hl.on").count() > 0
    assert viewer.locator("li.finding[data-rule=KW001]").count() == 2
    assert problems == []
    viewer.close()
    editor.assert_clean()


PAYLOADS = (
    "<script>window.__pwned=1;alert('script')</script>",
    '<img src=x onerror="window.__pwned=2;alert(\'img\')">',
    '"><svg onload="window.__pwned=3;alert(\'svg\')">',
    "</textarea><script>window.__pwned=4</script>",
    "</mark></div><iframe srcdoc=\"<script>parent.__pwned=5</script>\"></iframe>",
    "javascript:window.__pwned=6",
)


def test_script_payloads_in_an_article_run_nothing(editor: Editor, shots: Path, tmp_path: Path) -> None:
    page = editor.page
    joined = " ".join(PAYLOADS)
    article = (
        f"<!DOCTYPE html><html><head><title>Botox {PAYLOADS[0]}</title></head><body><article>"
        f"<h1>Do neurologists do Botox? {PAYLOADS[1]}</h1><p>Leave a Comment</p><p>{joined}</p>"
        f"<p><a href=\"{PAYLOADS[5]}\">Read More</a> TK</p></article></body></html>\n"
    )
    editor.paste(article)
    page.fill("#keyphrase", PAYLOADS[2])
    editor.checked()
    assert page.inner_text("#detected") == "Read as HTML"
    for item in page.locator("#findings button.go").all():
        item.click()
    markdown = tmp_path / f"{PAYLOADS[1]}.md".replace("/", "_")
    markdown.write_text(f"---\ntitle: x\n---\n\n# {joined}\n\nLeave a Comment {joined}\n", encoding="utf-8")
    page.set_input_files("#file", str(markdown))
    editor.checked()
    assert page.inner_text("#filename") == markdown.name  # shown as text
    assert page.locator("#findings li.item").count() > 0
    page.screenshot(path=str(shots / "serve-payloads.png"))
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, iframe, svg, script:not([src])').length") == 0
    assert PAYLOADS[0] in page.inner_text("#backdrop")  # the text is there, as text
    editor.assert_clean()


def test_the_server_logged_no_draft(server: Server) -> None:
    """Runs after the others in this module: their drafts must not be in the server's output."""
    output = "".join(server.output)
    assert server.process.poll() is None, output
    for sentence in ("Another misconception is that", "Remember that Do Neurologists", "window.__pwned"):
        assert sentence not in output
    assert list(server.folder.iterdir()) == []  # nothing written where it runs
