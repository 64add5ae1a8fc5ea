"""Which LanguageTool server the grammar kind talks to, and what it does when it fails.

One `GrammarService` per configured rule (the rule's `prepared` value) holds the client,
so a run reuses one connection. Nothing contacts a server until the first document is
checked: loading rules stays offline and fast. After a failure the server is left alone
for `retry-after` seconds, so an outage costs one time-out, not one per file; the failure
is raised once (the caller turns it into one finding) and the documents checked while it
cools down are skipped quietly.
"""

from __future__ import annotations

import os
import time
from typing import Any, Mapping

from lint.checks.grammar_client import (
    PUBLIC_API_URL,
    Client,
    LanguageToolError,
    Match,
    endpoint,
)
from lint.checks.vocabulary import Vocabulary
from lint.errors import ConfigError

GRAMMAR_EXTRA_HINT = "pip install 'contentlint[grammar]' (language-tool-python, GPL-3.0; needs Java)"


class CoolingDown(Exception):
    """The server failed recently; this document is not sent."""


class GrammarService:
    """A lazily connected LanguageTool for one rule's options (not thread-safe)."""

    def __init__(self, options: Any) -> None:
        self.options = options
        self.vocabulary = Vocabulary.of(options.medical_words, options.words)  # spelling matches to drop
        self._client: Client | None = None
        self._languages: frozenset[str] = frozenset()
        self._local_tool: Any = None  # language-tool-python's LanguageTool, kept alive for its server
        self._down_until = 0.0
        self._pid = os.getpid()

    @property
    def url(self) -> str:
        """The server, as the user configured it (for messages)."""
        if self.options.mode == "public-api":
            return PUBLIC_API_URL
        if self.options.mode == "local":
            return self._client.server.url if self._client else "a local LanguageTool (language-tool-python)"
        return str(self.options.url)

    def is_configured(self) -> bool:
        return self.options.mode != "server" or bool(self.options.url)

    def check(self, text: str, language: str) -> list[Match]:
        """LanguageTool's matches for `text`; LanguageToolError once per outage, then CoolingDown."""
        if time.monotonic() < self._down_until:
            raise CoolingDown
        try:
            client = self._ready_client()
            supported = language if language in self._languages else self.options.language
            return client.check(text, request_parameters(self.options, supported))
        except LanguageToolError:
            self._down_until = time.monotonic() + self.options.retry_after
            self._disconnect()
            raise

    def _ready_client(self) -> Client:
        """The client, after a quick probe that the server answers and knows the language."""
        if self._client is not None and self._pid != os.getpid():
            self._client = None  # a forked worker: the connection is the parent's, open our own
        if self._client is not None:
            return self._client
        client = Client(endpoint(self._server_url()), timeout=self.options.timeout, probe_timeout=self.options.probe_timeout)
        try:
            languages = client.languages()
        except LanguageToolError:
            client.close()
            raise
        if self.options.language not in languages:
            client.close()
            raise LanguageToolError(client.server.url, f"the server does not support language {self.options.language!r}")
        self._client, self._languages, self._pid = client, languages, os.getpid()
        return client

    def _server_url(self) -> str:
        if self.options.mode == "public-api":
            return PUBLIC_API_URL
        if self.options.mode == "local":
            return self._local_server_url()
        return str(self.options.url)

    def _local_server_url(self) -> str:
        """Start LanguageTool through language-tool-python (imported only here, GPL-3.0)."""
        if self._local_tool is None:
            try:
                import language_tool_python  # type: ignore[import-not-found,unused-ignore]
            except ImportError:
                raise ConfigError(f"grammar: mode = \"local\" needs language-tool-python: {GRAMMAR_EXTRA_HINT}") from None
            try:
                # Downloads LanguageTool on first use and starts its Java server.
                self._local_tool = language_tool_python.LanguageTool(self.options.language)
            except Exception as error:  # its errors vary by version: no Java, no download, no port
                raise LanguageToolError(self.url, f"language-tool-python did not start it: {error}") from None
        return str(getattr(self._local_tool, "url", None) or self._local_tool._url)

    def _disconnect(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None


def request_parameters(options: Any, language: str) -> Mapping[str, str]:
    """The /v2/check form fields for the rule's rule selection and level."""
    params = {"language": language}
    lists = {
        "enabledRules": options.enabled_rules,
        "disabledRules": options.disabled_rules,
        "enabledCategories": options.enabled_categories,
        "disabledCategories": options.disabled_categories,
    }
    params.update({key: ",".join(values) for key, values in lists.items() if values})
    if options.enabled_only:
        params["enabledOnly"] = "true"
    if options.picky:
        params["level"] = "picky"
    return params
