"""contentlint: a content-quality and SEO linter for articles in HTML, Markdown and text.

The Python API (`check_text`, `check_paths`, `iter_results`) is imported on first use so that
`contentlint --version` stays fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "check_text", "check_paths", "iter_results"]


def __getattr__(name: str) -> Any:
    if name in ("check_text", "check_paths", "iter_results"):
        from lint import api

        return getattr(api, name)
    raise AttributeError(f"module 'lint' has no attribute {name!r}")
