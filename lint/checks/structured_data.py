"""structured_data: JSON-LD problems and FAQ markup that does not match the page.

`check` picks the problem a rule reports:
- "invalid": a JSON-LD script that does not parse, or an object without `@type` (the
  HTML parser records both in `meta.json_ld_errors` with the script's offset);
- "faq-missing": an FAQ section with questions but no `FAQPage` structured data;
- "faq-mismatch": `FAQPage` questions that are not the page's FAQ questions, or the reverse
  (search engines require marked-up FAQs to be visible on the page).
Only full HTML pages carry JSON-LD; a body fragment's schema comes from its template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Literal, Mapping

from lint.checks.page import is_full_page
from lint.document import Block, Document
from lint.errors import OptionError
from lint.findings import Finding
from lint.parsers.common import is_faq_heading
from lint.text import WORD, Span

# FAQ markup written as microdata instead of JSON-LD counts as present.
_MICRODATA_FAQ = re.compile(r"""itemtype\s*=\s*["']?https?://schema\.org/FAQPage""", re.IGNORECASE)
_SCRIPT_TAG_LENGTH = len("<script")


@dataclass(frozen=True, slots=True)
class Options:
    check: Literal["invalid", "faq-missing", "faq-mismatch"]
    # faq-missing: questions an FAQ section needs before structured data is worth adding.
    min_questions: int = 2

    def __post_init__(self) -> None:
        if self.min_questions < 1:
            raise OptionError("min-questions", "must be at least 1")


def check(doc: Document, rule: Any) -> Iterator[Finding]:
    if rule.options.check == "invalid":
        yield from _invalid(doc, rule)
    elif is_full_page(doc):
        if rule.options.check == "faq-missing":
            yield from _faq_missing(doc, rule)
        else:
            yield from _faq_mismatch(doc, rule)


def _invalid(doc: Document, rule: Any) -> Iterator[Finding]:
    for problem, offset in doc.meta.json_ld_errors:
        start = max(0, min(offset, len(doc.source)))
        yield rule.finding(doc, Span(start, min(len(doc.source), start + _SCRIPT_TAG_LENGTH)), problem=problem)


def _faq_missing(doc: Document, rule: Any) -> Iterator[Finding]:
    questions = faq_questions(doc)
    if len(questions) < rule.options.min_questions or faq_pages(doc.meta.json_ld):
        return
    if _MICRODATA_FAQ.search(doc.source):
        return
    anchor = faq_heading(doc) or questions[0]
    yield rule.finding(doc, anchor.source_extent, count=len(questions))


def _faq_mismatch(doc: Document, rule: Any) -> Iterator[Finding]:
    marked_up = [name for page in faq_pages(doc.meta.json_ld) for name in schema_questions(page)]
    if not marked_up:
        return
    on_page = faq_questions(doc)
    page_keys = {comparable(block.text) for block in on_page}
    schema_keys = {comparable(name) for name in marked_up}
    for block in on_page:
        if comparable(block.text) not in schema_keys:
            yield rule.finding(doc, block.source_extent, question=block.text, problem="is on the page but not in the FAQPage data")
    anchor = faq_heading(doc)
    for name in marked_up:
        if comparable(name) not in page_keys:
            span = anchor.source_extent if anchor is not None else None
            yield rule.finding(doc, span, question=name, problem="is in the FAQPage data but not on the page")


def faq_questions(doc: Document) -> list[Block]:
    return list(doc.blocks_in(["faq-question"]))


def faq_heading(doc: Document) -> Block | None:
    return next((block for block in doc.headings if is_faq_heading(block.text)), None)


def faq_pages(objects: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [item for item in objects if "FAQPage" in _types(item)]


def _types(item: Mapping[str, Any]) -> set[str]:
    value = item.get("@type")
    values = value if isinstance(value, list) else [value]
    # "https://schema.org/FAQPage" and "schema:FAQPage" name the same type.
    return {str(entry).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for entry in values if entry}


def schema_questions(page: Mapping[str, Any]) -> list[str]:
    entities = page.get("mainEntity") or []
    if isinstance(entities, Mapping):
        entities = [entities]
    if not isinstance(entities, list):
        return []
    return [str(item.get("name")) for item in entities if isinstance(item, Mapping) and item.get("name")]


def comparable(text: str) -> str:
    return " ".join(match.group().lower() for match in WORD.finditer(text.replace("’", "'")))
