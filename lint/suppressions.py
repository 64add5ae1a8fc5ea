"""Inline suppressions: comments in the article that turn rules off for part of it.

HTML and Markdown use comments anywhere outside code:

    <!-- contentlint-disable ED001, keyword-density -->   rules off until an enable (or the end)
    <!-- contentlint-enable -->                           every open disable ends here
    <!-- contentlint-enable ED001 -->                     only ED001's ends here
    <!-- contentlint-disable-next-line ED001 -->          findings starting on the next line

Plain text has no comments, so a directive is a line of its own in square brackets,
`[contentlint-disable ED001]`, `[contentlint-enable]`, `[contentlint-disable-next-line ED001]`
(an HTML comment alone on its line works too). Those lines are blanked before parsing, so
they never become article text. A directive without rule names applies to every rule; text
after ` -- ` is a free-form reason. Rules are named by code, name or alias.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator, Mapping, NamedTuple, Sequence

from lint.document import Document, LineIndex, Suppression
from lint.findings import Finding
from lint.rules import Rule, RuleDocs
from lint.text import Span

# The words inside a comment or brackets: an action, then rule names, then an optional reason.
DIRECTIVE_BODY = re.compile(r"\s*contentlint-(disable-next-line|disable|enable)(?![\w-])([^\n]*?)\s*")
HTML_COMMENT = re.compile(r"<!--((?:(?!-->)[^\n])*)-->")
# Plain text: a whole line in brackets, or a whole-line HTML comment.
TEXT_LINE = re.compile(r"^[ \t]*(?:\[([^\]\r\n]*)\]|<!--((?:(?!-->)[^\r\n])*)-->)[ \t]*$", re.MULTILINE)
_RULE_TOKEN = re.compile(r"[^\s,]+")
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")

UNUSED_RULE = Rule(
    id="contentlint/unused-suppression",
    name="unused-suppression",
    kind="suppression",
    severity="info",
    category="editorial",
    pack="contentlint",
    scope=(),
    message="{message}",
    docs=RuleDocs(
        why="A suppression comment that no longer hides a finding, or names no known rule, would "
        "silently hide a future real problem at that place.",
        fix="Delete the comment, or correct the rule code or name it lists.",
        example="<!-- contentlint-disable-next-line ED001 -->\nHow botox relaxes overactive muscles.",
        good="How botox relaxes overactive muscles.",
    ),
    options=None,
    prepared=None,
)


class Directive(NamedTuple):
    action: str  # "disable", "enable" or "disable-next-line"
    rules: tuple[str, ...]  # as written; empty means every rule
    start: int  # source span of the whole comment
    end: int


def directives(source: str, input_format: str) -> Iterator[Directive]:
    """Every directive in `source`, in order (code blocks are excluded later)."""
    for match in _comments(source, input_format):
        body = DIRECTIVE_BODY.fullmatch(match.group(1) if match.group(1) is not None else match.group(2))
        if body is not None:
            yield Directive(body.group(1), _rule_tokens(body.group(2)), match.start(), match.end())


def _comments(source: str, input_format: str) -> Iterator[re.Match[str]]:
    return TEXT_LINE.finditer(source) if input_format == "txt" else HTML_COMMENT.finditer(source)


def _rule_tokens(rest: str) -> tuple[str, ...]:
    reason = _REASON.search(rest)
    return tuple(_RULE_TOKEN.findall(rest[: reason.start()] if reason else rest))


def mask_directives(source: str, input_format: str) -> str:
    """Plain text with directive lines blanked (same length), so the parser skips them."""
    if input_format != "txt":
        return source
    pieces, last = [], 0
    for directive in directives(source, input_format):
        pieces += [source[last : directive.start], " " * (directive.end - directive.start)]
        last = directive.end
    return "".join(pieces) + source[last:]


def find_suppressions(document: Document, resolve: Callable[[str], str]) -> tuple[Suppression, ...]:
    """The document's suppressions: one per (comment, rule); `resolve` maps a name to a code."""
    code = [block.source_extent for block in document.blocks if block.kind == "code"]
    found: list[Suppression] = []
    open_ranges: dict[str, Directive] = {}  # rule ("" for all) → the disable that opened it
    lines = document.line_index
    for directive in directives(document.source, document.format):
        if any(span.start <= directive.start < span.end for span in code):
            continue  # an example in a code block, not an instruction
        rules = tuple(resolve(token) for token in directive.rules)
        if directive.action == "disable-next-line":
            found.extend(_next_line(directive, rules, lines))
        elif directive.action == "disable":
            for rule in rules or ("",):
                open_ranges.setdefault(rule, directive)
        else:
            for rule in rules or tuple(open_ranges):
                if rule in open_ranges:
                    found.append(_range(open_ranges.pop(rule), rule, directive.start))
    found.extend(_range(opened, rule, len(document.source)) for rule, opened in open_ranges.items())
    return tuple(sorted(found, key=lambda item: (item.comment_start, item.rules)))


def _range(opened: Directive, rule: str, end: int) -> Suppression:
    return Suppression((rule,) if rule else (), opened.end, end, opened.start)


def _next_line(directive: Directive, rules: tuple[str, ...], lines: LineIndex) -> Iterator[Suppression]:
    line = lines.position(max(directive.start, directive.end - 1)).line + 1
    span = lines.line_span(line) if line <= lines.line_count else Span(directive.end, directive.end)
    for rule in rules or ("",):
        yield Suppression((rule,) if rule else (), span.start, span.end, directive.start)


def covers(suppression: Suppression, finding: Finding, emitted_by: str | None = None) -> bool:
    """Whether the suppression hides the finding; a per-finding id (`grammar/EN_A_VS_AN`) is
    hidden by its own name or by the code of the rule that `emitted_by` it."""
    return suppression.start <= finding.start < suppression.end and (
        not suppression.rules
        or finding.rule_id in suppression.rules
        or finding.name in suppression.rules
        or emitted_by in suppression.rules
    )


def apply(
    suppressions: Sequence[Suppression], findings: Iterable[Finding], emitted_by: Mapping[str, str] | None = None
) -> tuple[list[Finding], set[Suppression]]:
    """Findings no suppression covers, and the suppressions that covered something."""
    kept: list[Finding] = []
    used: set[Suppression] = set()
    parents = emitted_by or {}
    for finding in findings:
        hits = [suppression for suppression in suppressions if covers(suppression, finding, parents.get(finding.rule_id))]
        used.update(hits)
        if not hits:
            kept.append(finding)
    return kept, used


def reports_unused(select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Whether unused suppressions are reported: they obey --select/--ignore like a rule."""
    if select and not any(UNUSED_RULE.matches(selector) for selector in select):
        return False
    return not any(UNUSED_RULE.matches(selector) for selector in ignore)


def unused_findings(
    document: Document,
    used: set[Suppression],
    active: frozenset[str],
    known: frozenset[str],
    *,
    whole_rule_set: bool,
) -> Iterator[Finding]:
    """Info findings for suppressions that hid nothing.

    Only rules that ran count: a suppression of a rule left out by --select or turned off
    may be needed in other runs. A blanket one is judged only when every rule ran.
    """
    for suppression in document.suppressions:
        if suppression in used:
            continue
        span = _comment_span(document, suppression)
        rule = suppression.rules[0] if suppression.rules else ""
        if rule and rule not in known:
            message = f"Suppression names no known rule '{rule}'."
        elif rule in active or (not rule and whole_rule_set):
            target = f"'{rule}'" if rule else "any rule"
            message = f"Suppression of {target} hides no finding; remove the comment."
        else:
            continue
        yield UNUSED_RULE.finding(document, span, message=message)


def _comment_span(document: Document, suppression: Suppression) -> Span:
    for directive in directives(document.source[suppression.comment_start :], document.format):
        return Span(suppression.comment_start, suppression.comment_start + directive.end)
    return Span(suppression.comment_start, suppression.comment_start)
