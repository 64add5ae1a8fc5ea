"""grammar: LanguageTool's grammar, style and spelling matches, at the right source position.

Off unless configured: a self-hosted server (`url`), `mode = "local"` (language-tool-python
starts one; Java needed) or `mode = "public-api"` with `allow-public-api = true` (sends the
text to languagetool.org). The default sends text nowhere.

Only block text is sent (scope: headings and prose), a document's blocks batched into as
few requests as the size limit allows; every match is mapped back through the block's runs
to the source. Findings carry LanguageTool's rule id as `grammar/<LT rule id>`, its message
and category, and its first replacements as the suggestion; they are documented by the rule
that emitted them (their `name`). Documents are not batched together: LanguageTool's
paragraph-level rules would then compare one article's last paragraph with the next one's first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, Any, Iterator, Literal

from lint.checks.grammar_batches import Batch, batches
from lint.checks.grammar_client import LanguageToolError, Match, endpoint
from lint.checks.grammar_service import CoolingDown, GrammarService
from lint.checks.vocabulary import Vocabulary, code_spans, front_matter_words, in_spans
from lint.document import Document
from lint.errors import ConfigError, OptionError
from lint.findings import Finding
from lint.options import FROM_FILE

FINDING_PREFIX = "grammar/"  # findings are `grammar/<LanguageTool rule id>`
SUGGESTIONS_SHOWN = 3


@dataclass(frozen=True, slots=True)
class Options:
    url: str = ""  # a LanguageTool server, e.g. "http://localhost:8081" (with or without /v2)
    mode: Literal["server", "local", "public-api"] = "server"
    allow_public_api: bool = False  # the explicit opt-in to send article text to languagetool.org
    language: str = "en-US"
    follow_document_language: bool = True  # <html lang="en-GB"> or front matter `lang` picks the variant
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_only: bool = False
    picky: bool = False
    medical_words: Annotated[tuple[str, ...], FROM_FILE] = ()  # spelling matches on these are dropped
    words: Annotated[tuple[str, ...], FROM_FILE] = ()  # the project's own list
    front_matter_keys: tuple[str, ...] = ("spelling-words",)
    info_issue_types: tuple[str, ...] = ("style", "register", "locale-violation")
    timeout: float = 15.0  # seconds per request (retried once)
    probe_timeout: float = 3.0  # seconds for the first contact
    retry_after: float = 60.0  # seconds a failed server is left alone
    max_request_chars: int = 20_000  # the public API accepts 20 KB per request
    unavailable_severity: Literal["error", "warning", "info"] = "error"

    def __post_init__(self) -> None:
        if self.mode == "public-api" and not self.allow_public_api:
            raise OptionError("mode", '"public-api" sends article text to languagetool.org; also set allow-public-api = true')
        if self.url and self.mode != "server":
            raise OptionError("url", f'a url is for mode = "server", not {self.mode!r}')
        if self.url:
            try:
                endpoint(self.url)
            except ValueError as error:
                raise OptionError("url", str(error)) from None
        if self.enabled_only and not (self.enabled_rules or self.enabled_categories):
            raise OptionError("enabled-only", "needs enabled-rules or enabled-categories")
        if min(self.timeout, self.probe_timeout) <= 0 or self.retry_after < 0:
            raise OptionError("timeout", "timeouts must be positive, retry-after not negative")
        if self.max_request_chars < 1000:
            raise OptionError("max-request-chars", "must be at least 1000")


def prepare(options: Options) -> GrammarService:
    """No network here: rules load (and `contentlint rules` runs) offline."""
    return GrammarService(options)


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    """Send the document's blocks to LanguageTool and report its matches where they are."""
    service: GrammarService = rule.prepared
    blocks = [block for block in doc.blocks_in(rule.scope) if block.text.strip()]
    if not blocks:
        return
    if not service.is_configured():
        raise ConfigError(
            f"{rule.id} ({rule.name}) is on but no LanguageTool server is configured: set "
            '[tool.contentlint.languagetool] url = "http://localhost:8081", or mode = "local"'
        )
    options: Options = rule.options
    vocabulary = service.vocabulary.with_words(front_matter_words(doc, options.front_matter_keys))
    for batch in batches(blocks, options.max_request_chars):
        try:
            matches = service.check(batch.text, document_language(doc, options))
        except CoolingDown:
            return
        except LanguageToolError as error:
            yield unavailable_finding(doc, rule, error)
            return
        for match in matches:
            finding = match_finding(doc, rule, batch, match, vocabulary)
            if finding is not None:
                yield finding


def match_finding(doc: Document, rule: Any, batch: Batch, match: Match, vocabulary: Vocabulary) -> Finding | None:
    """The finding for one match, or None when it crosses blocks, is in code or is a known word."""
    located = batch.locate(match.offset, match.offset + match.length)
    if located is None:
        return None
    block, start, end = located
    if match.issue_type == "misspelling" and vocabulary.knows(block.text[start:end]):
        return None
    span = block.source_span(start, end)
    if in_spans(span.start, code_spans(doc)):
        return None
    severity = "info" if match.issue_type in rule.options.info_issue_types else None
    finding: Finding = rule.finding(
        doc, span, suggestion=suggestion(match.replacements), severity=severity,
        message=match.message, lt_category=match.category_name or match.category_id or "LanguageTool",
        lt_rule=match.rule_id, lt_description=match.rule_description,
    )
    return replace(finding, rule_id=FINDING_PREFIX + match.rule_id)


def suggestion(replacements: tuple[str, ...]) -> str | None:
    shown = [value if value else "(delete)" for value in replacements[:SUGGESTIONS_SHOWN]]
    return " / ".join(shown) or None


def unavailable_finding(doc: Document, rule: Any, error: LanguageToolError) -> Finding:
    """One document-level finding per outage; `--fail-on` decides whether it fails the run."""
    base: Finding = rule.finding(doc, None, severity=rule.options.unavailable_severity)
    message = (
        f"LanguageTool at {error.url} is unavailable ({error.reason}); grammar is not checked "
        f"in this file, nor in later ones until the server answers again."
    )
    return replace(base, message=message)


def document_language(doc: Document, options: Options) -> str:
    """The configured language, or the document's declared variant of it (en-GB for en-US)."""
    declared = (doc.meta.language or "").strip().replace("_", "-")
    primary, _, region = declared.partition("-")
    configured = options.language.partition("-")[0]
    if options.follow_document_language and region and primary.lower() == configured.lower():
        return f"{primary.lower()}-{region.upper()}"
    return options.language
