"""The HTML report's site overview: score chart, articles table, counts by category and rule."""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Mapping, NamedTuple, Sequence, cast

from lint.engine import FileResult
from lint.findings import SEVERITIES, Finding
from lint.reporters import severity_counts
from lint.reporters.html_figures import HEADLINE, headline, value_text
from lint.score import COST, REPEATS_COUNTED, article_scores

CHART_ROW, CHART_LABEL, CHART_BAR = 22, 330, 300  # pixels: row height, label and bar widths
LABEL_CHARACTERS = 48


class Article(NamedTuple):
    position: int  # in the report, worst score first; names the article's elements
    result: FileResult
    score: int
    categories: Mapping[str, int]


def ranked_articles(results: Sequence[FileResult]) -> list[Article]:
    """Linted files, worst quality score first (then by path, for a stable order)."""
    scored = sorted(
        (_scores(result) + (result.path, result) for result in results if result.error is None),
        key=lambda item: (item[0], item[2]),
    )
    return [Article(position, result, total, categories) for position, (total, categories, _, result) in enumerate(scored)]


def _scores(result: FileResult) -> tuple[int, Mapping[str, int]]:
    """The shared quality scores (lint/score.py), typed."""
    scores = article_scores(result.findings)
    return cast(int, scores["score"]), cast("Mapping[str, int]", scores["categories"])


def overview(articles: list[Article], results: Sequence[FileResult]) -> str:
    findings = [finding for result in results for finding in result.findings]
    return (
        '<section id="overview" aria-labelledby="overview-title"><h2 id="overview-title">Site overview</h2>'
        f"{_score_chart(articles)}{_articles_table(articles)}{_unreadable(results)}"
        f'<div class="counts">{_category_table(findings, articles)}{_rule_table(findings)}</div>'
        f"<p class=\"note\">Quality score: 100 minus {COST['error']} per error, {COST['warning']} per warning and "
        f"{COST['info']} per info; a rule counts at most {REPEATS_COUNTED} times per article; never below 0. "
        "A category score is the same over that category's findings.</p></section>"
    )


def _score_chart(articles: list[Article]) -> str:
    if not articles:
        return '<p class="empty">No articles were linted.</p>'
    height = CHART_ROW * len(articles) + 24
    width = CHART_LABEL + CHART_BAR + 50
    rows = []
    for row, article in enumerate(articles):
        y = row * CHART_ROW
        path = article.result.path
        label = path if len(path) <= LABEL_CHARACTERS else "\u2026" + path[-LABEL_CHARACTERS + 1 :]
        bar = round(CHART_BAR * article.score / 100)
        rows.append(
            f'<g transform="translate(0,{y})"><title>{_e(path)}: {article.score}</title>'
            f'<text x="{CHART_LABEL - 8}" y="15" text-anchor="end" class="label">{_e(label)}</text>'
            f'<rect x="{CHART_LABEL}" y="3" width="{CHART_BAR}" height="15" class="track"/>'
            f'<rect x="{CHART_LABEL}" y="3" width="{bar}" height="15" class="bar {band(article.score)}"/>'
            f'<text x="{CHART_LABEL + bar + 6}" y="15" class="value">{article.score}</text></g>'
        )
    axis = "".join(
        f'<text x="{CHART_LABEL + CHART_BAR * tick // 100}" y="{height - 6}" text-anchor="middle" class="tick">{tick}</text>'
        for tick in (0, 50, 100)
    )
    return (
        f'<figure class="chart"><figcaption>Quality score per article (worst first)</figcaption>'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Quality score per article" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">{"".join(rows)}{axis}</svg></figure>'
    )


def band(score: int) -> str:
    return "good" if score >= 90 else "fair" if score >= 70 else "poor"


def _articles_table(articles: list[Article]) -> str:
    figures = [headline(article.result.metrics) for article in articles]
    titles = [title for title, _ in HEADLINE if any(title in found for found in figures)]
    rows = []
    for article, found in zip(articles, figures, strict=True):
        result = article.result
        counts = severity_counts(result)
        keyphrase = f'<div class="keyphrase muted">{_e(result.keyphrase)}</div>' if result.keyphrase else ""
        rows.append(
            f'<tr><td class="num"><span class="score {band(article.score)}">{article.score}</span></td>'
            f'<th scope="row"><a href="#art-{article.position}">{_e(result.path)}</a>{keyphrase}</th>'
            + "".join(f'<td class="num">{counts[severity]}</td>' for severity in SEVERITIES)
            + "".join(f'<td class="num">{_e(value_text(found[title])) if title in found else ""}</td>' for title in titles)
            + "</tr>"
        )
    head = "".join(f'<th scope="col">{title}</th>' for title in ("Score", "Article and keyphrase", "Errors", "Warnings", "Infos", *titles))
    return (
        '<table class="articles"><caption>Articles by quality score</caption>'
        f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _unreadable(results: Sequence[FileResult]) -> str:
    failed = [result for result in results if result.error is not None]
    if not failed:
        return ""
    items = "".join(f"<li><code>{_e(result.path)}</code>: {_e(result.error or '')}</li>" for result in failed)
    return f'<div class="unreadable"><h3>Not linted</h3><ul>{items}</ul></div>'


def _category_table(findings: list[Finding], articles: list[Article]) -> str:
    counts = Counter((finding.category, finding.severity) for finding in findings)
    categories = sorted({finding.category for finding in findings})
    rows = []
    for category in categories:
        scores = [article.categories.get(category, 100) for article in articles]
        average = round(sum(scores) / len(scores)) if scores else 100
        cells = "".join(f'<td class="num">{counts[category, severity]}</td>' for severity in SEVERITIES)
        rows.append(f'<tr><th scope="row">{_e(category)}</th>{cells}<td class="num">{average}</td></tr>')
    head = "<tr><th scope=\"col\">Category</th><th scope=\"col\">Errors</th><th scope=\"col\">Warnings</th><th scope=\"col\">Infos</th><th scope=\"col\">Mean score</th></tr>"
    return _table("Findings by category", head, rows)


def _rule_table(findings: list[Finding]) -> str:
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    rows = []
    for rule_id, found in sorted(by_rule.items(), key=lambda item: (-len(item[1]), item[0])):
        first = found[0]
        articles = len({finding.path for finding in found})
        rows.append(
            f'<tr><th scope="row"><code>{_e(rule_id)}</code></th><td>{_e(first.name)}</td><td>{_e(first.category)}</td>'
            f'<td class="sev-{first.severity}">{first.severity}</td><td class="num">{len(found)}</td><td class="num">{articles}</td></tr>'
        )
    head = "<tr><th scope=\"col\">Rule</th><th scope=\"col\">Name</th><th scope=\"col\">Category</th><th scope=\"col\">Severity</th><th scope=\"col\">Findings</th><th scope=\"col\">Articles</th></tr>"
    return _table("Findings by rule", head, rows)


def _table(caption: str, head: str, rows: list[str]) -> str:
    body = "".join(rows) or '<tr><td colspan="6" class="empty">No findings.</td></tr>'
    return f"<table><caption>{caption}</caption><thead>{head}</thead><tbody>{body}</tbody></table>"


def _e(text: str) -> str:
    return escape(text, quote=True)
