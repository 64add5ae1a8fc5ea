"""Counts every report carries; rule kinds add their own metrics next to these."""

from __future__ import annotations

from typing import Any

from lint.document import Document

WORDS_PER_MINUTE = 238  # average silent reading speed for adult non-fiction


def compute(document: Document) -> dict[str, Any]:
    words = len(document.words)
    return {
        "words": words,
        "sentences": len(document.sentences),
        "paragraphs": sum(1 for block in document.prose_blocks if block.kind in ("paragraph", "faq-answer")),
        "headings": len(document.headings),
        "blocks": len(document.article_blocks),
        "reading_time_minutes": round(words / WORDS_PER_MINUTE, 1),
    }
