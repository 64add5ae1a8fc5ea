"""A loopback stand-in for a LanguageTool server: `/v2/languages` and `/v2/check`.

Answers are shaped like LanguageTool 6.x's (software, warnings, language with
detectedLanguage, matches with message, shortMessage, replacements, offset, length, context,
sentence, type, rule{id, description, issueType, urls, category{id, name}, isPremium},
ignoreForIncompleteSentence, contextForSureMatch; sentenceRanges), and offsets count
UTF-16 code units as the real (Java) server does. Its "grammar" is a few deterministic
rules with LanguageTool's real ids: EN_A_VS_AN, ENGLISH_WORD_REPEAT_RULE and a speller
(MORFOLOGIK_RULE_EN_US / _EN_GB) that knows a short list of typos and, like a general
dictionary, some medical terms it does not know. It honours `language`, `enabledRules`,
`disabledRules`, `enabledOnly` and `disabledCategories`, and can be told to fail:
`behaviour` = "ok" | "error" (HTTP 500) | "garbage" (200, not JSON) | "sleep" | "fail-once".
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from urllib.parse import parse_qs

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
SOFTWARE = {
    "name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28 13:33:46 +0000", "apiVersion": 1,
    "premium": False, "premiumHint": "You might be missing errors only the Premium version can find. Contact us at support<at>languagetoolplus.com.",
    "status": "",
}
TYPOS = {
    "recieve": ["receive"], "occured": ["occurred"], "seperate": ["separate", "desperate"],
    "definately": ["definitely", "defiantly"], "teh": ["the", "tech", "ten"], "medicaton": ["medication"],
    "paitents": ["patients"], "injectoins": ["injections"], "usualy": ["usually"], "symtoms": ["symptoms"],
    # A general dictionary's blind spots: real terms the vocabulary must rescue.
    "blepharospasm": ["blepharospasms"], "hemifacial": ["semifacial"], "botulinum": ["botulism"],
}
A_VS_AN = re.compile(r"\b([Aa])\s+(?=[aeioAEIO]\w)")
REPEAT = re.compile(r"\b(\w+)\s+(\1)\b", re.IGNORECASE)
WORD = re.compile(r"[A-Za-z]+")


def utf16_offset(text: str, index: int) -> int:
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


class FakeLanguageTool:
    """Serves on 127.0.0.1:<free port> in a daemon thread; records what it was sent."""

    def __init__(self) -> None:
        self.behaviour = "ok"
        self.delay = 2.0  # seconds, for "sleep"
        self.checks: list[dict[str, str]] = []  # form fields of every /v2/check request
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request
        self.connections = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def reset(self) -> None:
        with self._lock:
            self.behaviour, self.checks, self.requests, self.connections = "ok", [], [], 0

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def record(self, method: str, path: str, fields: dict[str, str] | None) -> None:
        with self._lock:
            self.requests.append((method, path))
            if fields is not None:
                self.checks.append(fields)


def _handler_for(fake: FakeLanguageTool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the real server (Jetty) speaks

        def setup(self) -> None:
            super().setup()
            with fake._lock:
                fake.connections += 1

        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            fake.record("GET", self.path, None)
            if self.path.rstrip("/") == "/v2/languages":
                self._send(200, json.dumps(LANGUAGES), "application/json")
            else:
                self._send(404, "Not found", "text/plain")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            fields = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
            fake.record("POST", self.path, fields)
            if self.path.rstrip("/") != "/v2/check":
                self._send(404, "Not found", "text/plain")
                return
            behaviour = fake.behaviour
            if behaviour == "fail-once":
                fake.behaviour = "ok"
                behaviour = "error"
            if behaviour == "sleep":
                time.sleep(fake.delay)
            if behaviour == "error":
                self._send(500, "Error: Internal Error: java.lang.RuntimeException: checking failed", "text/plain")
            elif behaviour == "garbage":
                self._send(200, "<html><body>Bad Gateway</body></html>", "text/html")
            elif fields.get("language") not in {item["longCode"] for item in LANGUAGES} | {"auto"}:
                self._send(400, f"Error: '{fields.get('language')}' is not a language code known to LanguageTool.", "text/plain")
            else:
                self._send(200, json.dumps(check_response(fields)), "application/json")

        def _send(self, status: int, body: str, content_type: str) -> None:
            data = body.encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", f"{content_type};charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (time-out tests)
                pass

    return Handler


def check_response(fields: dict[str, str]) -> dict[str, Any]:
    text, language = fields.get("text", ""), fields["language"]
    enabled = set(filter(None, fields.get("enabledRules", "").split(",")))
    disabled = set(filter(None, fields.get("disabledRules", "").split(",")))
    disabled_categories = set(filter(None, fields.get("disabledCategories", "").split(",")))
    matches = []
    for start, end, kind, word in sorted(_raw_matches(text)):
        rule = _rule(kind, language)
        if rule["id"] in disabled or rule["category"]["id"] in disabled_categories:
            continue
        if fields.get("enabledOnly") == "true" and rule["id"] not in enabled:
            continue
        matches.append(_match(text, start, end, kind, word, rule))
    return {
        "software": SOFTWARE,
        "warnings": {"incompleteResults": False},
        "language": {
            "name": next(item["name"] for item in LANGUAGES if item["longCode"] == language) if language != "auto" else "English (US)",
            "code": language,
            "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.99, "source": "ngram"},
        },
        "matches": matches,
        "sentenceRanges": [[utf16_offset(text, start), utf16_offset(text, end)] for start, end in _sentences(text)],
    }


def _raw_matches(text: str) -> Iterator[tuple[int, int, str, str]]:
    for found in A_VS_AN.finditer(text):
        yield found.start(1), found.end(1), "a-vs-an", found.group(1)
    for found in REPEAT.finditer(text):
        yield found.start(1), found.end(2), "repeat", found.group(1)
    for found in WORD.finditer(text):
        if found.group().lower() in TYPOS:
            yield found.start(), found.end(), "typo", found.group()


def _rule(kind: str, language: str) -> dict[str, Any]:
    if kind == "a-vs-an":
        return {
            "id": "EN_A_VS_AN", "description": "Use of 'a' vs. 'an'", "issueType": "misspelling",
            "urls": [{"value": "https://languagetool.org/insights/post/indefinite-articles/"}],
            "category": {"id": "MISC", "name": "Miscellaneous"}, "isPremium": False,
        }
    if kind == "repeat":
        return {
            "id": "ENGLISH_WORD_REPEAT_RULE", "description": "Word repetition (e.g. 'will will')", "issueType": "duplication",
            "category": {"id": "MISC", "name": "Miscellaneous"}, "isPremium": False,
        }
    variant = language.split("-")[-1].upper() if "-" in language else "US"
    return {
        "id": f"MORFOLOGIK_RULE_EN_{variant}", "description": "Possible spelling mistake", "issueType": "misspelling",
        "category": {"id": "TYPOS", "name": "Possible Typo"}, "isPremium": False,
    }


def _match(text: str, start: int, end: int, kind: str, word: str, rule: dict[str, Any]) -> dict[str, Any]:
    messages = {
        "a-vs-an": ("Use “an” instead of ‘a’ if the following word starts with a vowel sound, e.g. ‘an article’, ‘an hour’.", "Wrong article", ["an" if word == "a" else "An"]),
        "repeat": ("Possible typo: you repeated a word.", "Word repetition", [word]),
        "typo": ("Possible spelling mistake found.", "Spelling mistake", TYPOS.get(word.lower(), [])),
    }
    message, short, replacements = messages[kind]
    context_start, context_end = max(0, start - 40), min(len(text), end + 40)
    prefix = "..." if context_start > 0 else ""
    context = prefix + text[context_start:context_end].replace("\n", " ") + ("..." if context_end < len(text) else "")
    sentence = next((text[a:b] for a, b in _sentences(text) if a <= start < b), text)
    return {
        "message": message,
        "shortMessage": short,
        "replacements": [{"value": value} for value in replacements],
        "offset": utf16_offset(text, start),
        "length": utf16_offset(text, end) - utf16_offset(text, start),
        "context": {"text": context, "offset": len(prefix) + start - context_start, "length": end - start},
        "sentence": sentence,
        "type": {"typeName": "UnknownWord" if kind == "typo" else "Other"},
        "rule": rule,
        "ignoreForIncompleteSentence": kind != "typo",
        "contextForSureMatch": 0 if kind == "typo" else -1,
    }


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for found in re.finditer(r"[.!?](?=\s|$)|\n\n", text):
        spans.append((start, found.end()))
        start = found.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_SHARED: list[FakeLanguageTool] = []


def shared_server() -> FakeLanguageTool:
    """One fake per test session, started on first use (the fixture harness's GR001 server)."""
    if not _SHARED:
        _SHARED.append(FakeLanguageTool())
    return _SHARED[0]


def with_fake_server(select: tuple[str, ...] | list[str], rules: dict[str, Any]) -> dict[str, Any]:
    """`rules` with GR001 pointed at the shared fake when GR001 is selected without a server."""
    if not any(selector in ("GR001", "grammar") for selector in select):
        return rules
    table = rules.get("GR001")
    if isinstance(table, dict) and ("url" in table or "mode" in table):
        return rules
    server = shared_server()
    server.behaviour = "ok"
    return {**rules, "GR001": {**(table if isinstance(table, dict) else {}), "url": server.url}}
