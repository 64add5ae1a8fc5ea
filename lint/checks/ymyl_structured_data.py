"""Reading people, dates and types out of front matter and JSON-LD (helpers, not a kind).

JSON-LD arrives as parsed objects in doc.meta.json_ld: one per script, each possibly an
array or an `@graph`, with people as strings, objects or lists of either.
"""

from __future__ import annotations

import datetime
from typing import Any, Iterable, Iterator, Mapping

from lint.document import Document

# Person properties that carry credentials ("MD", "Neurologist", "Board certification").
_CREDENTIAL_KEYS = ("honorificPrefix", "honorificSuffix", "jobTitle", "hasCredential", "medicalSpecialty", "description")


def nodes(json_ld: Iterable[Any]) -> Iterator[Mapping[str, Any]]:
    """Every object in the JSON-LD, nested ones included (depth-first, in order)."""
    stack = list(json_ld)[::-1]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            yield item
            stack.extend(reversed([value for value in item.values() if isinstance(value, (Mapping, list))]))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def types_of(node: Mapping[str, Any]) -> frozenset[str]:
    value = node.get("@type", ())
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return frozenset(str(item).rsplit("/", 1)[-1] for item in values)


def people(json_ld: Iterable[Any], keys: Iterable[str]) -> Iterator[str]:
    """Names (with any credentials appended) of the people under `keys` on any node."""
    for node in nodes(json_ld):
        for key in keys:
            yield from (name for name in _person_names(node.get(key)) if name)


def _person_names(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value.strip()
    elif isinstance(value, list):
        for item in value:
            yield from _person_names(item)
    elif isinstance(value, Mapping):
        name = value.get("name")
        extras = [_flatten(value.get(key)) for key in _CREDENTIAL_KEYS]
        yield ", ".join(part for part in [_flatten(name), *extras] if part)


def _flatten(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Mapping):
        return _flatten(value.get("name") or value.get("credentialCategory") or "")
    if isinstance(value, list):
        return ", ".join(part for part in (_flatten(item) for item in value) if part)
    return ""


def scalar_values(json_ld: Iterable[Any], keys: Iterable[str]) -> list[str]:
    """String values of `keys` on any node ("datePublished": "2024-05-01")."""
    found = []
    for node in nodes(json_ld):
        for key in keys:
            value = node.get(key)
            if isinstance(value, (str, int)) and str(value).strip():
                found.append(str(value).strip())
    return found


def front_matter_values(doc: Document, keys: Iterable[str]) -> Iterator[str]:
    """Front matter values as text: strings, YAML dates, names of {name: …} maps, list items."""
    for key in keys:
        yield from (text for text in _texts(doc.meta.front_matter.get(key)) if text)


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value.strip()
    elif isinstance(value, (datetime.date, datetime.datetime)):
        yield value.isoformat()
    elif isinstance(value, Mapping):
        yield ", ".join(part for part in (_flatten(value.get("name")), *map(_flatten, (value.get(k) for k in ("credentials", *_CREDENTIAL_KEYS)))) if part)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
