"""`contentlint serve`'s HTTP API through Starlette's TestClient: the lint endpoint answers
exactly what `contentlint check --format json` prints, and the safety rules hold."""

from __future__ import annotations

import builtins
import io
import json
import logging
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
from conftest import SAMPLES, SEED_TEXT
from starlette.testclient import TestClient

from lint.config import Config
from lint.serve.app import CONTENT_SECURITY_POLICY, ServeSettings, create_app
from lint.serve.drafts import DraftLinter, guess_format, safe_filename
from lint.serve.server import server_config

TEST_HOST = "testserver"  # the Host header TestClient sends
SEED = SEED_TEXT.read_text(encoding="utf-8")
SAMPLE_FILES = [SAMPLES / f"do-neurologists-do-botox.{extension}" for extension in ("txt", "md", "html")]


@pytest.fixture(scope="module")
def default_drafts() -> DraftLinter:
    drafts = DraftLinter(Config())
    drafts.warm_up()
    return drafts


def client_for(config: Config, drafts: DraftLinter | None = None, **settings: Any) -> TestClient:
    settings.setdefault("allowed_hosts", (TEST_HOST,))
    return TestClient(create_app(ServeSettings(config, **settings), drafts))


@pytest.fixture
def client(default_drafts: DraftLinter) -> TestClient:
    return client_for(default_drafts.config, default_drafts)


def cli_json(run_cli: Any, data: bytes, name: str, *options: str) -> str:
    code, stdout, _ = run_cli("check", "-", "--stdin-filename", name, "--format", "json", *options, input=data)
    assert code in (0, 1)
    return stdout


# --- the lint endpoint is the CLI's JSON report ------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.suffix)
def test_lint_endpoint_answers_what_check_prints(client: TestClient, run_cli: Any, path: Path) -> None:
    data = path.read_bytes()
    answer = client.post("/api/lint", json={"text": data.decode("utf-8"), "filename": path.name})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.text == cli_json(run_cli, data, path.name)
    assert json.loads(answer.text)["files"][0]["findings"], "the seed has findings in every format"


def test_keyphrase_and_format_are_the_cli_options(client: TestClient, run_cli: Any) -> None:
    request = {"text": SEED, "filename": "notes.md", "format": "txt", "keyphrase": "botox injections"}
    answer = client.post("/api/lint", json=request)
    expected = cli_json(run_cli, SEED.encode(), "notes.md", "--input-format", "txt", "--keyphrase", "botox injections")
    assert answer.text == expected
    report = json.loads(answer.text)["files"][0]
    assert (report["format"], report["keyphrase"], report["keyphrase_source"]) == ("txt", "botox injections", "cli")


def test_a_pasted_draft_is_named_after_its_detected_format(client: TestClient, run_cli: Any) -> None:
    markdown = (SAMPLES / "do-neurologists-do-botox.md").read_text(encoding="utf-8")
    answer = client.post("/api/lint", json={"text": markdown})
    assert json.loads(answer.text)["files"][0]["path"] == "draft.md"
    assert answer.text == cli_json(run_cli, markdown.encode(), "draft.md")


def test_config_is_discovered_from_the_current_folder_like_check(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "contentlint.toml").write_text(
        '[tool.contentlint]\npacks = ["keyword", "readability"]\n[tool.contentlint.rules]\nKW001 = "off"\nRD002 = { max-words = 12 }\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    client = client_for(server_config(None))
    answer = client.post("/api/lint", json={"text": SEED, "filename": "seed.txt"})
    assert answer.text == cli_json(run_cli, SEED.encode(), "seed.txt")
    rules = {finding["rule"] for finding in json.loads(answer.text)["files"][0]["findings"]}
    assert "KW001" not in rules and "MED001" not in rules and "RD002" in rules


def test_config_flag_is_used_like_checks(run_cli: Any, tmp_path: Path) -> None:
    config_file = tmp_path / "strict.toml"
    config_file.write_text('[tool.contentlint]\npacks = ["editorial"]\n', encoding="utf-8")
    client = client_for(server_config(config_file))
    answer = client.post("/api/lint", json={"text": SEED, "filename": "seed.txt"})
    assert answer.text == cli_json(run_cli, SEED.encode(), "seed.txt", "--config", str(config_file))
    assert {finding["category"] for finding in json.loads(answer.text)["files"][0]["findings"]} == {"editorial"}


# --- audience: a per-request rule option, as a config would set it ----------------------


def audience_of(client: TestClient, text: str, audience: str, filename: str = "seed.txt") -> dict[str, Any]:
    answer = client.post("/api/view", json={"text": text, "filename": filename, "audience": audience})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_audience_is_the_rule_option_a_config_would_set(
    client: TestClient, default_drafts: DraftLinter, run_cli: Any, tmp_path: Path
) -> None:
    assert default_drafts.audiences == ("general", "patient")
    general = audience_of(client, SEED, "general")
    assert general["audience"] == {"name": "general", "source": "config"}
    grade = [finding["message"] for finding in general["report"]["files"][0]["findings"] if finding["rule"] == "RD001"]
    assert grade and "the general target is grade 9" in grade[0]
    # The same run from the CLI, with the option in a config file for every profiled rule.
    profiled = [rule.id for rule in default_drafts.rules if "general" in getattr(rule.options, "profiles", {})]
    lines = "".join(f'{rule_id} = {{ audience = "general" }}\n' for rule_id in profiled)
    config_file = tmp_path / "general.toml"
    config_file.write_text(f"[tool.contentlint.rules]\n{lines}", encoding="utf-8")
    lint = client.post("/api/lint", json={"text": SEED, "filename": "seed.txt", "audience": "general"})
    assert lint.text == cli_json(run_cli, SEED.encode(), "seed.txt", "--config", str(config_file))


def test_auto_audience_follows_the_article_and_front_matter_wins(client: TestClient) -> None:
    assert audience_of(client, SEED, "auto")["audience"] == {"name": "patient", "source": "medical"}
    draft = "---\ntitle: Choosing a neurologist\naudience: patient\n---\n\n# Choosing a neurologist\n\nAsk your doctor.\n"
    assert audience_of(client, draft, "general", "draft.md")["audience"] == {"name": "patient", "source": "front-matter"}


def test_audience_keeps_rules_the_config_switched_off(run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "contentlint.toml").write_text('[tool.contentlint.rules]\nRD001 = "off"\nRD002 = "error"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    client = client_for(server_config(None))
    findings = audience_of(client, SEED, "general")["report"]["files"][0]["findings"]
    assert "RD001" not in {finding["rule"] for finding in findings}
    assert {finding["severity"] for finding in findings if finding["rule"] == "RD002"} == {"error"}


def test_unknown_audience_and_fields_are_refused(client: TestClient) -> None:
    assert client.post("/api/lint", json={"text": SEED, "audience": "toddler"}).status_code == 400
    assert client.post("/api/lint", json={"text": SEED, "path": "/etc/passwd"}).status_code == 400
    assert client.post("/api/lint", json={"text": 3}).status_code == 400
    assert client.post("/api/lint", json={"text": SEED, "format": "docx"}).status_code == 400
    assert client.post("/api/lint", content=b"{not json", headers={"content-type": "application/json"}).status_code == 400


# --- uploads ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.suffix)
def test_upload_decodes_the_file_and_lints_like_check_on_it(client: TestClient, run_cli: Any, path: Path) -> None:
    data = path.read_bytes()
    answer = client.post("/api/upload", content=data, headers={"content-type": "application/octet-stream", "x-filename": path.name})
    assert answer.status_code == 200
    upload = answer.json()
    assert upload == {"text": data.decode("utf-8"), "format": {".txt": "txt", ".md": "md", ".html": "html"}[path.suffix]}
    lint = client.post("/api/lint", json={"text": upload["text"], "filename": path.name})
    assert lint.text == cli_json(run_cli, data, path.name)


def test_upload_honours_a_declared_charset_and_refuses_binary(client: TestClient) -> None:
    page = '<html><head><meta charset="iso-8859-1"><title>Caf\u00e9</title></head><body><p>Cr\u00e8me br\u00fbl\u00e9e.</p></body></html>'
    headers = {"content-type": "application/octet-stream", "x-filename": "caf%C3%A9.html"}
    answer = client.post("/api/upload", content=page.encode("latin-1"), headers=headers)
    assert answer.json() == {"text": page, "format": "html"}
    binary = client.post("/api/upload", content=b"\x89PNG\r\n\x1a\n\x00\x00", headers={**headers, "x-filename": "x.txt"})
    assert binary.status_code == 422 and "binary" in binary.json()["error"]
    assert client.post("/api/upload", content=b"text", headers={"content-type": "text/plain"}).status_code == 415


def test_formats_are_detected_from_the_text() -> None:
    assert [guess_format(path.read_text(encoding="utf-8")) for path in SAMPLE_FILES] == ["txt", "md", "html"]
    assert guess_format("Plain words.\n- a dash line\n") == "txt"
    assert guess_format("Intro\n\n- one\n- two\n") == "md"
    assert guess_format("<p>Hello</p>") == "html"
    assert guess_format("Intro <b>bold</b> and <i>more</i> text.") == "html"
    assert guess_format("# Title\n\nA line<br>with<br>breaks<br>here.\n\n- one\n") == "md"
    assert guess_format("---\ntitle: Sleep\n---\nPlain words.\n") == "md"


# --- safety -------------------------------------------------------------------------------


def test_request_size_limit(default_drafts: DraftLinter) -> None:
    client = client_for(default_drafts.config, default_drafts, max_request_bytes=2_000)
    small = client.post("/api/lint", json={"text": "A short note about sleep."})
    assert small.status_code == 200
    declared = client.post("/api/lint", json={"text": SEED})
    assert declared.status_code == 413 and "larger" in declared.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies while reading
        yield b'{"text": "'
        for _ in range(10):
            yield b"x" * 500
        yield b'"}'

    streamed = client.post("/api/lint", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    upload = client.post("/api/upload", content=SEED.encode(), headers={"content-type": "application/octet-stream"})
    assert upload.status_code == 413


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def test_every_response_carries_the_policy_and_the_page_has_nothing_inline(client: TestClient) -> None:
    for answer in (
        client.get("/"), client.get("/assets/serve.js"), client.get("/missing"),
        client.post("/api/lint", json={"text": SEED}), client.post("/api/lint", content=b"x"),
    ):
        assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert answer.headers["x-content-type-options"] == "nosniff"
    policy = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert policy["default-src"] == "'none'" and policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY and "http" not in CONTENT_SECURITY_POLICY
    page = _Tags()
    page.feed(client.get("/").text)
    assert not [tag for tag, _ in page.tags if tag == "style"]
    for tag, attributes in page.tags:
        assert not [name for name in attributes if name.startswith("on") or name == "style"], tag
        if tag == "script":
            assert attributes["src"] == "/assets/serve.js"
        for name in ("src", "href"):
            value = attributes.get(name) or ""
            assert not value.startswith(("http:", "https:", "//")), (tag, value)
    for asset in ("serve.js", "serve.css", "report.css"):
        assert client.get(f"/assets/{asset}").status_code == 200


def test_draft_text_is_escaped_in_the_highlighted_view(client: TestClient) -> None:
    draft = '# <img src=x onerror="alert(1)"> title\n\nText with <script>alert(2)</script> and "quotes" & more.\n'
    view = client.post("/api/view", json={"text": draft, "format": "md"}).json()
    assert "<script" not in view["highlighted"] and "<img" not in view["highlighted"]
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in view["highlighted"]
    text = _Tags()
    text.feed(view["highlighted"])
    assert "".join(text.data) == draft.replace("\n", "")  # every character is there, as text


def test_no_endpoint_reads_files(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Any] = []
    real_open = io.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    for path in ("/etc/passwd", "/assets/../../../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd", "/static/serve.js"):
        assert client.get(path).status_code == 404
    hostile = {"text": "", "filename": "../../../../etc/passwd", "keyphrase": "/etc/passwd"}
    answer = client.post("/api/lint", json=hostile)
    assert answer.status_code == 200 and "root:" not in answer.text
    assert json.loads(answer.text)["files"][0]["path"] == "passwd"
    for audience in ("auto", "general", "patient"):
        for suffix in ("txt", "md", "html"):
            client.post("/api/view", json={"text": SEED, "filename": f"seed.{suffix}", "audience": audience})
    client.post("/api/report/html", json={"text": SEED})
    client.post("/api/upload", content=b"hello", headers={"content-type": "application/octet-stream", "x-filename": "/etc/hosts"})
    assert opened == []


def test_filenames_lose_their_folders() -> None:
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\Users\\me\\draft.md") == "draft.md"
    assert safe_filename("..") is None and safe_filename("") is None
    assert safe_filename("bad\x00name\n.txt") == "badname.txt"


def test_unknown_hosts_are_refused(default_drafts: DraftLinter) -> None:
    """A page on another site that rebinds its DNS name to 127.0.0.1 must not reach the API."""
    client = client_for(default_drafts.config, default_drafts, allowed_hosts=("127.0.0.1", "localhost", "::1"))
    assert client.get("/", headers={"host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8765"}).status_code == 200
    assert client.get("/", headers={"host": "localhost"}).status_code == 200
    refused = client.post("/api/lint", json={"text": SEED}, headers={"host": "attacker.example:8765"})
    assert refused.status_code == 400 and "Host" in refused.json()["error"]


def test_errors_never_log_the_draft(
    client: TestClient, default_drafts: DraftLinter, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Confidential draft sentence 7f3a"

    def crash(draft: Any) -> Any:
        raise ValueError(f"cannot handle {draft.text}")

    monkeypatch.setattr(default_drafts, "lint", crash)
    with caplog.at_level(logging.DEBUG):
        answer = client.post("/api/lint", json={"text": secret})
    assert answer.status_code == 500 and secret not in answer.text
    assert "ValueError" in caplog.text and secret not in caplog.text


def test_downloads_are_the_reporters_output(client: TestClient, run_cli: Any) -> None:
    for report_format, extension in (("json", "json"), ("markdown", "md"), ("html", "html")):
        answer = client.post(f"/api/report/{report_format}", json={"text": SEED, "filename": "seed.txt"})
        assert answer.status_code == 200
        assert answer.headers["content-disposition"] == f'attachment; filename="contentlint-seed.{extension}"'
        expected = run_cli("check", "-", "--stdin-filename", "seed.txt", "--format", report_format, input=SEED.encode())[1]
        assert answer.text == expected
    assert client.post("/api/report/sarif", json={"text": SEED}).status_code == 404


# --- the command ----------------------------------------------------------------------------


def test_serve_warns_off_loopback_and_reports_a_taken_port(run_cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    import uvicorn

    from lint.serve import server

    served: list[Any] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: served.append(self.config.app))
    real_listen = server.listen
    monkeypatch.setattr(server, "listen", lambda host, port: real_listen("127.0.0.1", 0))  # nothing off loopback
    code, stdout, _ = run_cli("serve", "--host", "0.0.0.0", "--port", "0")
    assert code == 0 and "warning: listening on 0.0.0.0, not loopback" in stdout
    assert len(served) == 1
    monkeypatch.undo()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        code, stdout, stderr = run_cli("serve", "--port", str(taken.getsockname()[1]))
    assert code == 2 and stderr.startswith("contentlint: error: cannot listen on 127.0.0.1:")
    assert "warning" not in stdout
