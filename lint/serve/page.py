"""The page's HTML: controls, the draft editor and the results panel; filled in by serve.js."""

from __future__ import annotations

from html import escape

FORMATS = (("", "Auto"), ("html", "HTML"), ("md", "Markdown"), ("txt", "Plain text"))
UPLOAD_TYPES = ".html,.htm,.xhtml,.md,.markdown,.mdown,.txt,.text"


def page_html(version: str, audiences: tuple[str, ...], max_request_bytes: int) -> str:
    audience_options = "".join(
        f'<option value="{_e(name)}">{_e(name.capitalize())}</option>' for name in audiences
    )
    format_options = "".join(f'<option value="{value}">{label}</option>' for value, label in FORMATS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>contentlint</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/report.css">
<link rel="stylesheet" href="/assets/serve.css">
<script src="/assets/serve.js" defer></script>
</head>
<body data-max-bytes="{max_request_bytes}">
<header class="bar">
  <h1>contentlint</h1>
  <span class="version">{_e(version)}</span>
  <div class="downloads" role="group" aria-label="Download the report">
    <span class="label">Download report:</span>
    <button type="button" class="download" data-format="json">JSON</button>
    <button type="button" class="download" data-format="markdown">Markdown</button>
    <button type="button" class="download" data-format="html">HTML report</button>
  </div>
</header>
<main class="layout">
  <section class="editor-pane" aria-label="Draft">
    <form class="controls" id="controls" autocomplete="off">
      <label>Keyphrase <input type="text" id="keyphrase" name="keyphrase" spellcheck="false" placeholder="from the title"></label>
      <label>Audience <select id="audience" name="audience"><option value="auto">Auto</option>{audience_options}</select></label>
      <label>Format <select id="format" name="format">{format_options}</select></label>
      <span class="detected" id="detected" aria-live="polite"></span>
      <span class="file">
        <input type="file" id="file" class="visually-hidden" accept="{UPLOAD_TYPES}">
        <label for="file" class="button">Open file&hellip;</label>
        <span id="filename" class="filename"></span>
        <button type="button" id="forget-file" class="link" hidden title="Keep the text, stop reading it as this file">Forget file name</button>
      </span>
    </form>
    <div class="editor" id="editor">
      <div class="backdrop src" id="backdrop" aria-hidden="true"></div>
      <textarea id="draft" spellcheck="false" aria-label="Draft text" aria-describedby="status"
        placeholder="Paste or type your draft here (HTML, Markdown or plain text), or drop a file on this box."></textarea>
      <div class="drop-hint" id="drop-hint" hidden>Drop the file to open it</div>
    </div>
    <p id="status" class="status" role="status" aria-live="polite">Paste a draft to start.</p>
  </section>
  <section class="results-pane" id="results" aria-labelledby="results-title" tabindex="-1">
    <h2 id="results-title" class="visually-hidden">Results</h2>
    <div id="summary" class="summary"><p class="empty">Scores and findings appear here as you type.</p></div>
    <div id="findings" class="groups"></div>
  </section>
</main>
<noscript><p class="noscript">This page needs JavaScript; the command line works without it: <code>contentlint check FILE</code>.</p></noscript>
</body>
</html>
"""


def _e(text: str) -> str:
    return escape(text, quote=True)
