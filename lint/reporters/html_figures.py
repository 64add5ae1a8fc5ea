"""Metrics as the HTML report shows them: headline figures and every scalar, flattened."""

from __future__ import annotations

from html import escape
from typing import Any, Iterator, Mapping

# Column title and the metric name it shows, wherever a kind nests it (the shallowest wins,
# so the base word count beats readability's prose-only one). Absent metrics hide the column.
HEADLINE = (
    ("Words", "words"),
    ("Minutes", "reading_time_minutes"),
    ("Reading ease", "flesch_reading_ease"),
    ("Grade", "flesch_kincaid_grade"),
    ("Keyphrase uses", "keyphrase_count"),
    ("Keyphrase density", "keyphrase_density"),
)


def flat_metrics(metrics: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Scalar leaves as (path, value); lists of scalars join into one value.

    Lists of records (per-section readability) do not fit one line and are left out.
    """
    for key in sorted(metrics, key=str):
        value, path = metrics[key], (*prefix, str(key))
        if isinstance(value, Mapping):
            yield from flat_metrics(value, path)
        elif isinstance(value, (list, tuple)):
            if not any(isinstance(item, (Mapping, list, tuple)) for item in value):
                yield path, ", ".join(value_text(item) for item in value)
        else:
            yield path, value


def headline(metrics: Mapping[str, Any]) -> dict[str, Any]:
    """Headline column title → value, for the headline metrics this article has."""
    leaves = sorted(flat_metrics(metrics), key=lambda leaf: len(leaf[0]))
    found: dict[str, Any] = {}
    for title, name in HEADLINE:
        value = next((value for path, value in leaves if path[-1] == name), None)
        if value is not None:
            found[title] = value
    return found


def figures_list(metrics: Mapping[str, Any]) -> str:
    """The headline figures, then every figure in a collapsed list."""
    if not metrics:
        return ""
    top = "".join(_item(title, value) for title, value in headline(metrics).items())
    leaves = list(flat_metrics(metrics))
    everything = "".join(_item(" \u203a ".join(part.replace("_", " ") for part in path), value) for path, value in leaves)
    return (
        f'<dl class="metrics">{top}</dl>'
        f'<details class="all-figures"><summary>All figures ({len(leaves)})</summary><dl class="metrics">{everything}</dl></details>'
    )


def _item(name: str, value: Any) -> str:
    return f"<div><dt>{escape(name)}</dt><dd>{escape(value_text(value))}</dd></div>"


def value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")  # 2 decimals: densities are small
    return str(value)
