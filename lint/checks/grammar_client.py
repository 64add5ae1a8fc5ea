"""A small LanguageTool HTTP client: a quick probe, then time-limited `/v2/check` requests.

language-tool-python's constructor queries the server at once, waits up to 300 s per
request and sends one request per text. Here one kept-alive connection carries every
request of a run, each request has its own time limit and is retried once, and the
caller sends whole documents (many blocks) per request. The protocol is plain form-encoded
POSTs and JSON answers, so the standard library is enough.
"""

from __future__ import annotations

import json
import socket
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, NamedTuple
from urllib.parse import urlencode, urlsplit

if TYPE_CHECKING:
    import http.client

PUBLIC_API_URL = "https://api.languagetool.org"
_USER_AGENT = "contentlint (LanguageTool client)"


class LanguageToolError(Exception):
    """The server cannot be used: its URL and the reason."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class _Retryable(Exception):
    """A failure worth one more try (connection, timeout, 5xx, a garbled answer)."""


class Match(NamedTuple):
    """One LanguageTool match; `offset` and `length` count code points of the sent text."""

    offset: int
    length: int
    message: str
    replacements: tuple[str, ...]
    rule_id: str
    rule_description: str
    issue_type: str
    category_id: str
    category_name: str


@dataclass(frozen=True)
class Endpoint:
    scheme: str
    host: str
    port: int | None
    base_path: str  # ends in "/v2/"

    @property
    def url(self) -> str:
        port = f":{self.port}" if self.port else ""
        return f"{self.scheme}://{self.host}{port}{self.base_path}"


def endpoint(url: str) -> Endpoint:
    """The API root of a server URL given with or without `/v2` (ValueError if not http(s))."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http:// or https:// URL")
    path = parts.path.rstrip("/")
    path = path.removesuffix("/v2")
    return Endpoint(parts.scheme, parts.hostname, parts.port, f"{path}/v2/")


class Client:
    """Requests to one LanguageTool server over one reused connection (not thread-safe)."""

    def __init__(self, server: Endpoint, *, timeout: float, probe_timeout: float) -> None:
        self.server = server
        self.timeout = timeout
        self.probe_timeout = probe_timeout
        self._connection: http.client.HTTPConnection | None = None

    def languages(self) -> frozenset[str]:
        """Language codes the server supports; a short time limit, no retry (the probe)."""
        body = self._request("GET", "languages", None, self.probe_timeout, attempts=1)
        if not isinstance(body, list):
            raise LanguageToolError(self.server.url, "the answer to /v2/languages is not LanguageTool's")
        codes = {str(item.get(key)) for item in body if isinstance(item, dict) for key in ("code", "longCode")}
        return frozenset(codes | {"auto"})

    def check(self, text: str, params: Mapping[str, str]) -> list[Match]:
        """Matches for `text`, offsets converted from UTF-16 units (Java) to code points."""
        body = self._request("POST", "check", urlencode({**params, "text": text}), self.timeout, attempts=2)
        return parse_matches(body, text, self.server.url)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _request(self, method: str, path: str, body: str | None, timeout: float, *, attempts: int) -> Any:
        reason = ""
        for _ in range(attempts):
            try:
                return self._send(method, path, body, timeout)
            except _Retryable as error:
                reason = str(error)
                self.close()  # a fresh connection for the retry
        raise LanguageToolError(self.server.url, reason)

    def _send(self, method: str, path: str, body: str | None, timeout: float) -> Any:
        import http.client  # here: with no server configured, runs never load it (≈ 10 ms)

        headers = {"Accept": "application/json", "User-Agent": _USER_AGENT}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        try:
            connection = self._connect(timeout)
            connection.request(method, self.server.base_path + path, body=body.encode() if body else None, headers=headers)
            response = connection.getresponse()
            payload = response.read()
        except TimeoutError:
            raise _Retryable(f"no answer within {timeout:g} s") from None
        except ConnectionRefusedError:
            raise _Retryable("connection refused") from None
        except socket.gaierror:
            raise _Retryable(f"host {self.server.host!r} not found") from None
        except (OSError, http.client.HTTPException) as error:
            raise _Retryable(f"connection failed ({type(error).__name__}: {error})") from None
        return _decoded(response.status, response.reason, payload, self.server.url)

    def _connect(self, timeout: float) -> http.client.HTTPConnection:
        import http.client

        if self._connection is None:
            kind = http.client.HTTPSConnection if self.server.scheme == "https" else http.client.HTTPConnection
            self._connection = kind(self.server.host, self.server.port, timeout=timeout)
        self._connection.timeout = timeout
        if self._connection.sock is not None:
            self._connection.sock.settimeout(timeout)
        return self._connection


def _decoded(status: int, reason: str, payload: bytes, url: str) -> Any:
    excerpt = payload[:200].decode("utf-8", "replace").strip()
    if status >= 500 or status == 429:
        raise _Retryable(f"HTTP {status} {reason}".strip() + (f": {excerpt}" if excerpt else ""))
    if status != 200:  # a request the server rejects will be rejected again: no retry
        raise LanguageToolError(url, f"HTTP {status} {reason}".strip() + (f": {excerpt}" if excerpt else ""))
    try:
        return json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _Retryable(f"the answer is not JSON ({excerpt[:60]!r})") from None


def parse_matches(body: Any, text: str, url: str) -> list[Match]:
    """The `matches` of a /v2/check answer; anything not shaped like LanguageTool's is an error."""
    if not isinstance(body, dict) or not isinstance(body.get("matches"), list):
        raise LanguageToolError(url, "the answer has no 'matches' list; is this a LanguageTool server?")
    to_code_points = utf16_converter(text)
    matches = []
    for raw in body["matches"]:
        try:
            matches.append(_match(raw, to_code_points))
        except (KeyError, TypeError, ValueError):
            raise LanguageToolError(url, "a match in the answer is not shaped like LanguageTool's") from None
    return matches


def _match(raw: Mapping[str, Any], to_code_points: Any) -> Match:
    offset, length = raw["offset"], raw["length"]
    if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length < 0:
        raise ValueError("offset")
    rule = raw["rule"]
    category = rule.get("category") or {}
    start, end = to_code_points(offset), to_code_points(offset + length)
    return Match(
        offset=start,
        length=end - start,
        message=str(raw.get("message") or raw.get("shortMessage") or rule.get("description") or rule["id"]),
        replacements=tuple(str(item.get("value", "")) for item in raw.get("replacements") or ()),
        rule_id=str(rule["id"]),
        rule_description=str(rule.get("description", "")),
        issue_type=str(rule.get("issueType", "")),
        category_id=str(category.get("id", "")),
        category_name=str(category.get("name", "")),
    )


def utf16_converter(text: str) -> Any:
    """A function from UTF-16 offsets (what Java's String counts) to code-point offsets."""
    if all(ord(char) <= 0xFFFF for char in text):
        return lambda offset: min(offset, len(text))
    units: list[int] = []  # units[i] = UTF-16 offset of code point i
    position = 0
    for char in text:
        units.append(position)
        position += 2 if ord(char) > 0xFFFF else 1
    units.append(position)
    return lambda offset: min(bisect_left(units, offset), len(text))
