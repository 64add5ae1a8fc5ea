"""Parsers: each module's `parse(source, path, **options) -> Document` is pure."""

from __future__ import annotations

import importlib
from pathlib import PurePath
from typing import Any

from lint.document import Document

PARSERS = {"html": "lint.parsers.html", "md": "lint.parsers.markdown", "txt": "lint.parsers.text"}
EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".txt": "txt",
    ".text": "txt",
}
FORMAT_NAMES = {"html": "html", "htm": "html", "md": "md", "markdown": "md", "txt": "txt", "text": "txt"}


def format_for(path: str) -> str | None:
    """The input format a file name implies, or None when the extension is unknown."""
    return EXTENSIONS.get(PurePath(path).suffix.lower())


def parse(source: str, path: str, input_format: str, **options: Any) -> Document:
    module = importlib.import_module(PARSERS[input_format])
    document: Document = module.parse(source, path, **options)
    return document
