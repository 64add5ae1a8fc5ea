"""`contentlint serve`: a Starlette app for editors who lint drafts in their browser.

Endpoints (all POST bodies are JSON drafts `{text, filename?, format?, keyphrase?, audience?}`):

    GET  /                    the page (its script and styles are package data)
    POST /api/lint            the report, exactly as `contentlint check --format json` prints it
    POST /api/view            that report plus the highlighted draft and rule docs, for the page
    POST /api/report/{format} a download: json, markdown or the self-contained html report
    POST /api/upload          an uploaded file's raw bytes → its text and format (decoded, not kept)

Drafts live only in memory for the request: nothing is written to disk or logged, no
endpoint opens a file named by a request, and every response forbids remote loads and
inline script.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lint import __version__
from lint.config import Config
from lint.errors import InputError
from lint.serve.drafts import (
    Draft,
    DraftError,
    DraftLinter,
    LintedDraft,
    decode_upload,
    draft_from_json,
)
from lint.serve.page import page_html
from lint.serve.view import (
    DOWNLOADS,
    download_name,
    preload_reporters,
    report_text,
    view_data,
)

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
DEFAULT_MAX_REQUEST_BYTES = 5_000_000  # a long article is ~100 kB; an HTML page with inline CSS a few MB
# Only the page's own files; no inline script or style, no remote anything, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),  # drafts must not land in the browser's disk cache either
)
_ASSETS = resources.files("lint.serve") / "assets"
_REPORT_ASSETS = resources.files("lint.reporters") / "assets"
_LOG = logging.getLogger("contentlint.serve")
TOO_LARGE = "the draft is larger than this server accepts (--max-request-size)"


@dataclass(frozen=True)
class ServeSettings:
    config: Config
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS  # Host headers accepted ("*" for any)
    version: str = __version__


class Refused(Exception):
    """A request refused before linting, with its HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def create_app(settings: ServeSettings, linter: DraftLinter | None = None) -> Starlette:
    """The app for one config; `linter` may be passed in already warmed up."""
    drafts = linter or DraftLinter(settings.config)
    preload_reporters()
    assets = _load_assets()
    page = page_html(settings.version, drafts.audiences, settings.max_request_bytes)

    async def index(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8")

    def asset(name: str) -> Callable[[Request], Awaitable[Response]]:
        content, media_type = assets[name]

        async def serve_asset(request: Request) -> Response:
            return Response(content, media_type=media_type)

        return serve_asset

    async def lint(request: Request) -> Response:
        linted = await _lint_request(request, drafts, settings)
        return _json_text(await run_in_threadpool(report_text, linted, "json", settings.version))

    async def view(request: Request) -> Response:
        linted = await _lint_request(request, drafts, settings)
        data = await run_in_threadpool(view_data, linted, settings.version)
        return _json_text(json.dumps(data, ensure_ascii=False, sort_keys=True))

    async def report(request: Request) -> Response:
        report_format = request.path_params["format"]
        if report_format not in DOWNLOADS:
            return _error(404, f"no report format {report_format!r} (known: {', '.join(DOWNLOADS)})")
        linted = await _lint_request(request, drafts, settings)
        name = download_name(linted, report_format)
        media = {"json": "application/json", "markdown": "text/markdown", "html": "text/html"}[report_format]
        return Response(
            await run_in_threadpool(report_text, linted, report_format, settings.version),
            media_type=f"{media}; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{_header_safe(name)}"'},
        )

    async def upload(request: Request) -> Response:
        _require_type(request, "application/octet-stream")
        data = await _body(request, settings.max_request_bytes)
        filename = unquote(request.headers.get("x-filename", ""))
        try:
            text, input_format = decode_upload(data, filename)
        except InputError as error:
            return _error(422, f"cannot read this file: {error}")
        return _json_text(json.dumps({"text": text, "format": input_format}, ensure_ascii=False))

    routes = [
        Route("/", index),
        *(Route(f"/assets/{name}", asset(name)) for name in assets),
        Route("/api/lint", _guarded(lint), methods=["POST"]),
        Route("/api/view", _guarded(view), methods=["POST"]),
        Route("/api/report/{format}", _guarded(report), methods=["POST"]),
        Route("/api/upload", _guarded(upload), methods=["POST"]),
    ]
    return Starlette(routes=routes, middleware=[Middleware(_Guard, settings=settings)])


def _load_assets() -> dict[str, tuple[bytes, str]]:
    """The page's script and styles, read once from package data (never from a request)."""
    return {
        "serve.js": ((_ASSETS / "serve.js").read_bytes(), "text/javascript; charset=utf-8"),
        "serve.css": ((_ASSETS / "serve.css").read_bytes(), "text/css; charset=utf-8"),
        "report.css": ((_REPORT_ASSETS / "report.css").read_bytes(), "text/css; charset=utf-8"),
    }


async def _lint_request(request: Request, drafts: DraftLinter, settings: ServeSettings) -> LintedDraft:
    _require_type(request, "application/json")
    body = await _body(request, settings.max_request_bytes)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DraftError("the request body is not JSON") from None
    draft: Draft = draft_from_json(data, drafts.audiences)
    return await run_in_threadpool(drafts.lint, draft)


def _require_type(request: Request, expected: str) -> None:
    """Insist on the content type: a cross-site form cannot send these without a CORS preflight."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != expected:
        raise Refused(415, f"send the body as {expected}")


async def _body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, TOO_LARGE)
        chunks.append(chunk)
    return b"".join(chunks)


def _guarded(endpoint: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """Errors become short JSON answers; an unexpected one is logged by type only, never with
    its message or traceback, which could quote the draft."""

    async def guarded(request: Request) -> Response:
        try:
            return await endpoint(request)
        except DraftError as error:
            return _error(400, str(error))
        except Refused as error:
            return _error(error.status, str(error))
        except Exception as error:  # noqa: BLE001 - see the docstring
            _LOG.error("internal error while linting a draft (%s)", type(error).__name__)
            return _error(500, f"internal error ({type(error).__name__}); please report it")

    return guarded


def _error(status: int, message: str) -> Response:
    return _json_text(json.dumps({"error": message}, ensure_ascii=False), status)


def _json_text(text: str, status: int = 200) -> Response:
    return Response(text, status_code=status, media_type="application/json; charset=utf-8")


def _header_safe(name: str) -> str:
    return "".join(character if character.isascii() and character.isprintable() and character not in '"\\' else "_" for character in name)


class _Guard:
    """Every response: security headers. Every request: a known Host (no DNS rebinding)
    and a declared size within the limit, refused before the body is read."""

    def __init__(self, app: ASGIApp, settings: ServeSettings) -> None:
        self.app = app
        self.allowed_hosts = frozenset(host.lower() for host in settings.allowed_hosts)
        self.limit = settings.max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        refusal = self._refusal(headers)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, headers: Mapping[str, str]) -> Response | None:
        if "*" not in self.allowed_hosts and _hostname(headers.get("host", "")) not in self.allowed_hosts:
            return _error(400, "unknown Host header; open the address contentlint serve printed")
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            return _error(413, TOO_LARGE)
        return None


def _headers(scope: Scope) -> dict[str, str]:
    return {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope.get("headers", [])}


def _hostname(host: str) -> str:
    """The host without its port: `[::1]:8765` → `::1`, `localhost:8765` → `localhost`."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
