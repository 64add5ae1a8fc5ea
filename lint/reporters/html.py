"""HTML report: one self-contained page for SEO staff reviewing a whole site.

A site overview (articles by quality score, counts by category and rule, readability and
keyword figures, a score chart) and every article's source with its findings highlighted,
filterable by severity, category and rule. Every string from input is escaped; a
Content-Security-Policy allows only the page's own style and script (by hash), so even a
missed escape could not load or run anything.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from html import escape
from importlib import resources
from typing import Sequence

from lint.engine import FileResult
from lint.findings import SEVERITIES, Finding
from lint.reporters import ReportContext, documenting_rule, finding_names, summary
from lint.reporters.html_figures import figures_list
from lint.reporters.html_overview import Article, band, overview, ranked_articles
from lint.reporters.html_source import marks_for, render_source

# Package data, read once at import like a compiled regex; render() itself stays pure.
_ASSETS = resources.files("lint.reporters") / "assets"
STYLE = (_ASSETS / "report.css").read_text(encoding="utf-8")
SCRIPT = (_ASSETS / "report.js").read_text(encoding="utf-8")


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    ranked = ranked_articles(results)
    body = "\n".join(
        (
            _header(results, context),
            overview(ranked, results),
            _filters(results),
            *(_article(article) for article in ranked),
            _rule_docs(results, context),
            '<div id="popover" class="popover" role="dialog" aria-live="polite" aria-label="Finding details" hidden></div>',
        )
    )
    return _page(body)


def _page(body: str) -> str:
    policy = (
        "default-src 'none'; "
        f"style-src '{_csp_hash(STYLE)}'; script-src '{_csp_hash(SCRIPT)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'
        "<title>contentlint report</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _header(results: Sequence[FileResult], context: ReportContext) -> str:
    counts = summary(results)
    totals = ", ".join(f"{counts[key + 's']} {key}{'s' if counts[key + 's'] != 1 else ''}" for key in SEVERITIES)
    files = f"{counts['files']} file{'s' if counts['files'] != 1 else ''}"
    unreadable = f"; {counts['unreadable']} could not be linted" if counts["unreadable"] else ""
    return (
        f"<header><h1>contentlint report</h1><p class=\"totals\">{files}: {totals}{unreadable}"
        f" <span class=\"version\">contentlint {_e(context.version)}</span></p></header>"
    )


def _filters(results: Sequence[FileResult]) -> str:
    findings = [finding for result in results for finding in result.findings]
    severities = Counter(finding.severity for finding in findings)
    categories = Counter(finding.category for finding in findings)
    rules = Counter(finding.rule_id for finding in findings)
    names = {finding.rule_id: finding.name for finding in findings}
    groups = (
        _checkboxes("severity", "Severity", [(key, key, severities[key]) for key in SEVERITIES if severities[key]]),
        _checkboxes("category", "Category", [(key, key, count) for key, count in sorted(categories.items())]),
        _checkboxes("rule", "Rule", [(key, f"{key} {names[key]}", count) for key, count in sorted(rules.items())]),
    )
    return (
        '<section id="filters" aria-labelledby="filters-title"><h2 id="filters-title">Filters</h2>'
        f'<div class="groups">{"".join(groups)}</div>'
        f'<p class="shown" aria-live="polite"><span id="shown-count">{len(findings)}</span> of {len(findings)} findings shown</p></section>'
    )


def _checkboxes(name: str, legend: str, options: list[tuple[str, str, int]]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="{name}" value="{_e(value)}" checked> {_e(label)} <span class="count">{count}</span></label>'
        for value, label, count in options
    )
    buttons = f'<button type="button" class="all" data-group="{name}">All</button><button type="button" class="none" data-group="{name}">None</button>'
    return f'<fieldset class="group-{name}"><legend>{legend}</legend><div class="bulk">{buttons}</div><div class="boxes">{boxes}</div></fieldset>'


def _article(article: Article) -> str:
    result, number = article.result, article.position
    prefix = f"a{number}"
    findings = result.findings
    chips = "".join(
        f'<span class="chip {band(score)}">{_e(category)} {score}</span>'
        for category, score in sorted(article.categories.items())
        if score < 100
    )
    keyphrase = (
        f'<p class="keyphrase">Keyphrase: <q>{_e(result.keyphrase)}</q> <span class="muted">({_e(result.keyphrase_source or "unknown")})</span></p>'
        if result.keyphrase
        else ""
    )
    items = "".join(_finding_item(finding, f"{prefix}-f{index}") for index, finding in enumerate(findings))
    source = (
        render_source(result.source, marks_for(findings, prefix, len(result.source)))
        if result.source is not None
        else '<p class="empty">Source not available.</p>'
    )
    return (
        f'<section class="article" id="art-{number}" aria-labelledby="art-{number}-title">'
        f'<h2 id="art-{number}-title"><span class="score {band(article.score)}">{article.score}</span> {_e(result.path)}</h2>'
        '<a class="to-filters" href="#filters">Filters</a>'
        f'<div class="chips">{chips}</div>{keyphrase}{figures_list(result.metrics)}'
        f'<h3>Findings <span class="muted">(<span class="article-shown" data-article="{prefix}">{len(findings)}</span> of {len(findings)} shown)</span></h3>'
        f'<ol class="findings">{items}</ol>'
        f'<h3>Text</h3><div class="src" data-format="{_e(result.format or "")}">{source}</div></section>'
    )


def _finding_item(finding: Finding, key: str) -> str:
    suggestion = f' <span class="suggestion">Suggestion: {_e(finding.suggestion)}</span>' if finding.suggestion else ""
    return (
        f'<li class="finding" data-f="{key}" data-sev="{finding.severity}" data-cat="{_e(finding.category)}" data-rule="{_e(finding.rule_id)}">'
        f'<button type="button" class="jump" data-f="{key}">Line {finding.line}:{finding.column}</button> '
        f'<span class="sev sev-{finding.severity}">{finding.severity}</span> <code class="rule">{_e(finding.rule_id)}</code> '
        f'<span class="text"><span class="msg">{_e(finding.message)}</span> <span class="name">{_e(finding.name)}</span>{suggestion}</span></li>'
    )


def _rule_docs(results: Sequence[FileResult], context: ReportContext) -> str:
    names = finding_names(results)
    sections: list[str] = []
    described: set[str] = set()
    for rule_id in sorted(names):
        rule = documenting_rule(context.rules, rule_id, names[rule_id])
        if rule is None or rule.id in described:  # grammar/* findings share GR001's docs
            continue
        described.add(rule.id)
        docs = rule.docs
        sections.append(
            f'<section class="rule-doc" data-rule="{_e(rule.id)}"><h3><code>{_e(rule.id)}</code> {_e(rule.name)} '
            f'<span class="muted">{_e(rule.category)}, {_e(rule.severity)}</span></h3>'
            f'<p><b>Why:</b> <span class="why">{_e(docs.why)}</span></p><p><b>Fix:</b> <span class="fix">{_e(docs.fix)}</span></p>'
            f'<div class="examples"><div><b>Example</b><pre>{_e(docs.example.strip())}</pre></div>'
            f"<div><b>Fixed</b><pre>{_e(docs.good.strip())}</pre></div></div></section>"
        )
    if not sections:
        return ""
    return f'<section id="rules" aria-labelledby="rules-title"><h2 id="rules-title">Rules</h2>{"".join(sections)}</section>'


def _e(text: str) -> str:
    return escape(text, quote=True)
