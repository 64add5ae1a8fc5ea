"""YAML front matter: loading it, the metadata it declares, and where a value sits."""

from __future__ import annotations

import datetime
import re
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple, Sequence

import yaml

from lint.document import Metadata, Run
from lint.errors import InputError
from lint.parsers.markdown_inline import empty_runs
from lint.text import TextBuilder

# Metadata field → the front matter keys that fill it, first match wins.
FRONT_MATTER_KEYS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "title": ("title",),
        "description": ("description",),
        "keyphrase": ("keyphrase", "focus_keyword", "keyword", "focus-keyphrase"),
        "keywords": ("keywords",),
        "author": ("author",),
        "reviewer": ("reviewed_by", "reviewer", "medically_reviewed_by"),
        "date_published": ("date",),
        "date_modified": ("updated", "last_reviewed", "modified"),
        "canonical": ("canonical",),
        "slug": ("slug",),
        "language": ("lang", "language"),
        "robots": ("robots",),
    }
)
# Far more than any article's metadata; caps what alias expansion can make of a few lines.
MAX_FRONT_MATTER_VALUES = 100_000
_OPENING_FENCE = re.compile(r"(-{3,})[ \t]*$")
_CLOSING_FENCE = re.compile(r"(?: {0,3}(-{3,})|\.\.\.)[ \t]*$")
_TOP_LEVEL_KEY = re.compile(r"([^\s:#][^:]*?)[ \t]*:(?:[ \t]+|$)")
_VALUE_COMMENT = re.compile(r"[ \t]+#.*$")


class FrontMatter(NamedTuple):
    data: dict[Any, Any]
    blocks: tuple[tuple[str, str, tuple[Run, ...]], ...]  # (kind, text, runs): title, meta-description
    end: int  # where the article after it starts


def split_front_matter(source: str, starts: Sequence[int]) -> FrontMatter:
    """A Markdown file's front matter, given where its lines start.

    It opens with `---` on the first line and closes with a line of as many dashes or more
    (indented less than code), or YAML's document end `...`; unclosed, it is article text.
    Invalid YAML raises InputError.
    """
    opening = _OPENING_FENCE.match(_line(source, starts, 0)) if source.startswith("---") else None
    dashes = len(opening.group(1)) if opening is not None else 0
    closing_line = None
    for line in range(1, len(starts)) if opening is not None else ():
        closing = _CLOSING_FENCE.match(_line(source, starts, line))
        if closing is not None and (closing.group(1) is None or len(closing.group(1)) >= dashes):
            closing_line = line
            break
    if closing_line is None:
        return FrontMatter({}, (), 0)
    content = source[starts[1] : starts[closing_line]].rstrip("\r\n") if closing_line > 1 else ""
    data = load_front_matter(content, first_line=2)
    lines = [(starts[number], _line(source, starts, number)) for number in range(1, closing_line)]
    blocks = []
    for kind, key in (("title", "title"), ("meta-description", "description")):
        value = as_text(data.get(key))
        if value:
            blocks.append((kind, *value_text(lines, key, value)))
    end = starts[closing_line + 1] if closing_line + 1 < len(starts) else len(source)
    return FrontMatter(data, tuple(blocks), end)


def _line(source: str, starts: Sequence[int], line: int) -> str:
    end = starts[line + 1] if line + 1 < len(starts) else len(source)
    return source[starts[line] : end].rstrip("\r\n")


def load_front_matter(content: str, *, first_line: int) -> dict[Any, Any]:
    """The front matter mapping; `first_line` is the 1-based file line `content` starts on.

    Raises InputError("front matter: <problem> (line N)"); the engine adds the path.
    """
    try:
        data = yaml.safe_load(content)
        size = expanded_size(data, MAX_FRONT_MATTER_VALUES)
    except yaml.MarkedYAMLError as error:
        line = first_line + (error.problem_mark.line if error.problem_mark else 0)
        raise InputError(f"front matter: {error.problem or error.context} (line {line})") from None
    except RecursionError:
        raise InputError(f"front matter: nested too deeply (line {first_line})") from None
    except Exception as error:  # PyYAML also raises ValueError (bad dates)
        raise InputError(f"front matter: {error} (line {first_line})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise InputError(f"front matter: expected a mapping of keys to values, got {kind} (line {first_line})")
    if size > MAX_FRONT_MATTER_VALUES:
        raise InputError(
            f"front matter: more than {MAX_FRONT_MATTER_VALUES:,} values once its aliases are expanded (line {first_line})"
        )
    return data


def expanded_size(data: Any, limit: int) -> int:
    """How many values `data` holds counted as a tree (a YAML alias counts each time it is
    used), stopping once past `limit`: metadata code walks values as trees, so eight lines of
    nested aliases ("billion laughs") would otherwise take it hours. A value that contains
    itself counts as over the limit."""
    sizes: dict[int, int] = {}
    open_ids: set[int] = set()

    def size(value: Any) -> int:
        if not isinstance(value, (dict, list)):
            return 1
        key = id(value)
        if key in sizes:
            return sizes[key]
        if key in open_ids:
            return limit + 1
        open_ids.add(key)
        items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        total = 1
        for item in items:
            total += size(item)
            if total > limit:
                break
        open_ids.discard(key)
        sizes[key] = total
        return total

    return size(data)


def front_matter_metadata(front_matter: dict[Any, Any]) -> Metadata:
    values = {name: _first_value(front_matter, keys) for name, keys in FRONT_MATTER_KEYS.items()}
    keywords = values.pop("keywords")
    words = keywords.split(",") if isinstance(keywords, str) else keywords if isinstance(keywords, list) else []
    texts = {name: as_text(value) for name, value in values.items()}
    return Metadata(
        title=texts["title"],
        description=texts["description"],
        keyphrase=texts["keyphrase"],
        keyphrase_source="front-matter" if texts["keyphrase"] else None,
        keywords=tuple(text for text in (as_text(word) for word in words) if text),
        language=texts["language"],
        author=texts["author"],
        reviewer=texts["reviewer"],
        date_published=texts["date_published"],
        date_modified=texts["date_modified"],
        canonical=texts["canonical"],
        slug=texts["slug"],
        robots=texts["robots"],
        front_matter=MappingProxyType(front_matter),
    )


def _first_value(front_matter: Mapping[Any, Any], keys: Sequence[str]) -> Any:
    return next((front_matter[key] for key in keys if front_matter.get(key) is not None), None)


def as_text(value: Any) -> str | None:
    """A front matter value as text: dates in ISO 8601, a person mapping by its name,
    a list joined with commas; None when there is nothing to show."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        names = [text for text in (as_text(item) for item in value) if text]
        return ", ".join(names) or None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, dict):
        return None
    text = str(value).strip()
    return text or None


def value_text(lines: Sequence[tuple[int, str]], key: str, value: str) -> tuple[str, tuple[Run, ...]]:
    """Text and runs of top-level `key`'s `value`, given the front matter's (offset, line) pairs.

    Exact when the line holds the value verbatim (inside quotes, before a comment); else one
    unit over the raw value (escapes, folded or multi-line values).
    """
    for line_start, line in lines:
        match = _TOP_LEVEL_KEY.match(line)
        if match is None or match.group(1) != key:
            continue
        start, raw = line_start + match.end(), line[match.end() :].rstrip()
        close = raw.rfind(raw[0]) if raw[:1] in ("'", '"') else 0
        if close > 0:
            start, raw = start + 1, raw[1:close]
        else:
            raw = _VALUE_COMMENT.sub("", raw)
        builder = TextBuilder()
        if raw == value:
            builder.add(raw, start)
        else:
            builder.add_mapped(value, start, start + len(raw))
        text, runs = builder.build()
        return text, runs or empty_runs(start, start + len(raw))
    # Not on a line of its own (a flow mapping): point at the opening `---`.
    builder = TextBuilder()
    builder.add_mapped(value, 0, 3)
    return builder.build()
