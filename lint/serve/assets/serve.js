// contentlint serve: lints the draft as the editor types and shows the findings.
// Everything from the draft or the report is written with textContent. The one piece of
// markup inserted is the server's highlighted draft, which the HTML reporter escapes; the
// page's Content-Security-Policy forbids inline script, so nothing in a draft can run.
(function () {
  "use strict";
  var DEBOUNCE_MS = 500;
  var LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;
  var FORMAT_LABEL = { html: "HTML", md: "Markdown", txt: "plain text" };
  var CATEGORY_LABEL = { seo: "SEO" };
  var AUDIENCE_SOURCE = {
    "front-matter": "set in the front matter", config: "chosen above or in the config",
    medical: "medical article", "default": "default",
  };
  var KEYPHRASE_SOURCE = {
    cli: "entered above", "front-matter": "from the front matter", meta: "from the meta keywords",
    config: "from the config", title: "from the title",
  };

  function byId(id) { return document.getElementById(id); }
  var draft = byId("draft"), backdrop = byId("backdrop"), editor = byId("editor");
  var statusLine = byId("status"), results = byId("results");
  var keyphrase = byId("keyphrase"), audience = byId("audience"), format = byId("format");
  var fileInput = byId("file"), forget = byId("forget-file"), dropHint = byId("drop-hint");
  var maxBytes = Number(document.body.dataset.maxBytes) || 5000000;
  var state = { filename: null, timer: null, sequence: 0, view: null, viewText: null, units: null, atCaret: "" };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function labelled(label, text, className) {
    var paragraph = element("p", className || "");
    paragraph.appendChild(element("span", "label", label + " "));
    paragraph.appendChild(document.createTextNode(text));
    return paragraph;
  }

  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  function setStatus(text, isProblem) {
    statusLine.textContent = text;
    statusLine.title = text;  // the line is cut to one row; the whole text on hover
    statusLine.classList.toggle("problem", Boolean(isProblem));
  }

  function requestBody() {
    return {
      text: draft.value, filename: state.filename, format: format.value || "auto",
      keyphrase: keyphrase.value, audience: audience.value,
    };
  }

  function post(url, body, headers) {
    return fetch(url, { method: "POST", headers: headers || { "Content-Type": "application/json" }, body: body })
      .then(function (response) {
        return response.json().then(
          function (data) { return { ok: response.ok, status: response.status, data: data }; },
          function () { return { ok: false, status: response.status, data: {} }; });
      });
  }

  // Code points (Python's offsets) to UTF-16 units (the textarea's), only when they differ.
  function unitMap(text) {
    if (!/[\uD800-\uDBFF]/.test(text)) return null;
    var map = [], unit = 0;
    for (var character of text) { map.push(unit); unit += character.length; }
    map.push(unit);
    return map;
  }

  function toUnits(codePoint) {
    if (!state.units) return codePoint;
    return state.units[Math.min(codePoint, state.units.length - 1)];
  }

  // While the editor types, the old marks no longer fit the text: show the lines unmarked
  // (they keep the line numbers and wrapping in step) until the next answer arrives.
  function plainBackdrop() {
    var lines = draft.value.split(LINE_BREAK), fragment = document.createDocumentFragment();
    lines.forEach(function (line, index) {
      var row = element("div", "ln", line);
      row.dataset.n = String(index + 1);
      fragment.appendChild(row);
    });
    backdrop.replaceChildren(fragment);
    syncScroll();
  }

  function syncScroll() {
    backdrop.scrollTop = draft.scrollTop;
    backdrop.scrollLeft = draft.scrollLeft;
  }

  function edited() {
    state.view = null;
    results.classList.add("stale");
    plainBackdrop();
    clearTimeout(state.timer);
    state.timer = setTimeout(lintNow, DEBOUNCE_MS);
  }

  function lintNow() {
    clearTimeout(state.timer);
    var body = requestBody();
    var sequence = ++state.sequence;
    if (!body.text.trim()) { showEmpty(); return; }
    if (new Blob([body.text]).size > maxBytes) { setStatus("This draft is larger than the server accepts.", true); return; }
    setStatus("Checking\u2026");
    post("/api/view", JSON.stringify(body)).then(function (answer) {
      if (sequence !== state.sequence) return;  // a newer request is on its way
      if (!answer.ok) { setStatus(answer.data.error || "The server answered " + answer.status + ".", true); return; }
      if (draft.value !== body.text) return;  // edited meanwhile: the pending lint will show it
      show(answer.data, body.text);
    }).catch(function () {
      if (sequence === state.sequence) setStatus("The contentlint server did not answer; is it still running?", true);
    });
  }

  function showEmpty() {
    state.view = null;
    results.classList.remove("stale");
    plainBackdrop();
    var summary = byId("summary");
    summary.replaceChildren(element("p", "empty", "Scores and findings appear here as you type."));
    byId("findings").replaceChildren();
    byId("detected").textContent = "";
    setStatus("Paste a draft to start.");
  }

  function show(data, text) {
    var file = data.report.files[0];
    state.view = data;
    state.viewText = text;
    state.units = unitMap(text);
    state.atCaret = "";
    results.classList.remove("stale");
    if (data.highlighted) {
      backdrop.innerHTML = data.highlighted;  // escaped by the HTML reporter (see the top)
      syncScroll();
    }
    byId("detected").textContent = file.format ? "Read as " + FORMAT_LABEL[file.format] : "";
    keyphrase.placeholder = file.keyphrase && file.keyphrase_source !== "cli" ? file.keyphrase : "from the title";
    renderSummary(file, data);
    renderFindings(file, data);
    if (file.error) { setStatus("Could not lint this draft: " + file.error, true); return; }
    var counts = data.report.summary;
    setStatus("Checked: " + plural(counts.errors, "error") + ", " + plural(counts.warnings, "warning") + ", " +
      plural(counts.infos, "info") + ".");
  }

  function renderSummary(file, data) {
    var summary = byId("summary");
    summary.replaceChildren();
    var top = element("div", "top");
    var score = element("span", "score big " + (data.band || ""), file.score === null ? "\u2013" : file.score);
    score.title = "Quality score: 100 minus points per finding";
    top.appendChild(score);
    var counts = element("div", "counts-line");
    var totals = data.report.summary;
    [["errors", "error"], ["warnings", "warning"], ["infos", "info"]].forEach(function (pair, index) {
      if (index) counts.appendChild(document.createTextNode(" \u00b7 "));
      counts.appendChild(element("b", "sev-" + pair[1], totals[pair[0]]));
      counts.appendChild(document.createTextNode(" " + pair[1] + (totals[pair[0]] === 1 ? "" : "s")));
    });
    top.appendChild(counts);
    summary.appendChild(top);
    var chips = element("div", "chips");
    Object.keys(file.category_scores || {}).sort().forEach(function (category) {
      var value = file.category_scores[category];
      if (value < 100) chips.appendChild(element("span", "chip " + data.category_bands[category], category + " " + value));
    });
    if (chips.childNodes.length) summary.appendChild(chips);
    if (file.keyphrase) {
      var line = labelled("Keyphrase:", file.keyphrase, "keyphrase");
      line.appendChild(element("span", "muted", " (" + (KEYPHRASE_SOURCE[file.keyphrase_source] || file.keyphrase_source) + ")"));
      summary.appendChild(line);
    }
    if (data.audience) {
      var who = labelled("Audience:", data.audience.name, "audience");
      who.appendChild(element("span", "muted", " (" + (AUDIENCE_SOURCE[data.audience.source] || data.audience.source) + ")"));
      summary.appendChild(who);
    }
    var figures = element("dl", "metrics");
    data.figures.forEach(function (pair) {
      var item = element("div");
      item.appendChild(element("dt", "", pair[0]));
      item.appendChild(element("dd", "", pair[1]));
      figures.appendChild(item);
    });
    summary.appendChild(figures);
  }

  function renderFindings(file, data) {
    var container = byId("findings");
    container.replaceChildren();
    var byCategory = new Map();
    file.findings.forEach(function (finding, index) {
      if (!byCategory.has(finding.category)) byCategory.set(finding.category, []);
      byCategory.get(finding.category).push(index);
    });
    var order = data.categories.concat(Array.from(byCategory.keys()).filter(function (name) {
      return data.categories.indexOf(name) < 0;
    }).sort());
    order.forEach(function (category) {
      var indexes = byCategory.get(category);
      if (!indexes) return;
      var group = element("div", "group");
      var heading = element("h3", "", CATEGORY_LABEL[category] || category.charAt(0).toUpperCase() + category.slice(1));
      heading.appendChild(element("span", "count muted", plural(indexes.length, "finding")));
      group.appendChild(heading);
      var list = element("ol", "items");
      indexes.forEach(function (index) { list.appendChild(findingItem(file.findings[index], index, data.rules)); });
      group.appendChild(list);
      container.appendChild(group);
    });
    if (!file.findings.length && !file.error) container.appendChild(element("p", "empty", "No findings."));
  }

  function findingItem(finding, index, rules) {
    var item = element("li", "item sev-" + finding.severity);
    item.dataset.index = String(index);
    var button = element("button", "go");
    button.type = "button";
    button.dataset.index = String(index);
    var head = element("span", "head");
    head.appendChild(element("span", "sev sev-" + finding.severity, finding.severity));
    head.appendChild(element("code", "rule", finding.rule));
    head.appendChild(element("span", "name", finding.name));
    head.appendChild(element("span", "where", "line " + finding.line + ":" + finding.column));
    button.appendChild(head);
    button.appendChild(element("span", "msg", finding.message));
    item.appendChild(button);
    if (finding.suggestion) item.appendChild(labelled("Suggestion:", finding.suggestion, "suggestion"));
    var docs = rules[finding.rule];
    if (docs) {
      var details = element("details", "docs");
      details.appendChild(element("summary", "", "Why it matters and how to fix it"));
      details.appendChild(labelled("Why:", docs.why));
      details.appendChild(labelled("Fix:", docs.fix));
      item.appendChild(details);
    }
    return item;
  }

  // A finding's click selects its text in the draft and scrolls the draft to it.
  function select(index) {
    if (!state.view || draft.value !== state.viewText) { setStatus("Updating the findings\u2026"); lintNow(); return; }
    var span = state.view.spans[index], finding = state.view.report.files[0].findings[index];
    draft.focus({ preventScroll: true });
    draft.setSelectionRange(toUnits(span[0]), toUnits(span[1]));
    backdrop.querySelectorAll("mark.current").forEach(function (mark) { mark.classList.remove("current"); });
    var marks = backdrop.querySelectorAll('mark[data-f~="d-f' + index + '"]');
    marks.forEach(function (mark) { mark.classList.add("current"); });
    if (marks.length) {
      var top = marks[0].getBoundingClientRect().top - backdrop.getBoundingClientRect().top + backdrop.scrollTop;
      draft.scrollTop = Math.max(0, top - draft.clientHeight / 3);
      syncScroll();
    }
    editor.scrollIntoView({ block: "nearest" });
    setStatus("Selected line " + finding.line + ": " + finding.rule + " " + finding.message);
  }

  // Keyboard users learn which findings cover the cursor, and the list marks them.
  function caretMoved() {
    if (!state.view || draft.value !== state.viewText) return;
    var caret = draft.selectionStart, here = [];
    state.view.spans.forEach(function (span, index) {
      var start = toUnits(span[0]), end = toUnits(span[1]);
      if (start <= caret && (caret < end || (caret === start && start === end))) here.push(index);
    });
    var key = here.join(",");
    if (key === state.atCaret) return;
    state.atCaret = key;
    byId("findings").querySelectorAll("li.item").forEach(function (item) {
      item.classList.toggle("at-caret", here.indexOf(Number(item.dataset.index)) >= 0);
    });
    if (!here.length) return;
    var findings = state.view.report.files[0].findings;
    if (here.length === 1) {
      setStatus("At the cursor: " + findings[here[0]].rule + " " + findings[here[0]].message);
      return;
    }
    var rules = here.map(function (index) { return findings[index].rule; }).filter(function (rule, position, all) {
      return all.indexOf(rule) === position;
    });
    setStatus("At the cursor: " + plural(here.length, "finding") + " (" + rules.join(", ") + "), marked in the list.");
  }

  function openFile(file) {
    if (file.size > maxBytes) { setStatus(file.name + " is larger than the server accepts.", true); return; }
    setStatus("Opening " + file.name + "\u2026");
    post("/api/upload", file, {
      "Content-Type": "application/octet-stream", "X-Filename": encodeURIComponent(file.name),
    }).then(function (answer) {
      if (!answer.ok) { setStatus(answer.data.error || "Could not open " + file.name + ".", true); return; }
      state.filename = file.name;
      byId("filename").textContent = file.name;
      forget.hidden = false;
      format.value = "";  // the file's extension decides, unless the editor picks a format
      draft.value = answer.data.text;
      draft.scrollTop = 0;
      plainBackdrop();
      lintNow();
    }).catch(function () { setStatus("The contentlint server did not answer; is it still running?", true); });
  }

  // The text stays (an editor's work is never thrown away by one click); only the file's
  // name, which chose the format and names the reports, is dropped.
  function forgetFile() {
    state.filename = null;
    byId("filename").textContent = "";
    forget.hidden = true;
    draft.focus();
    lintNow();
  }

  function download(reportFormat) {
    var body = requestBody();
    if (!body.text.trim()) { setStatus("Nothing to download yet: paste a draft first.", true); return; }
    fetch("/api/report/" + reportFormat, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    }).then(function (response) {
      if (!response.ok) throw new Error("The server answered " + response.status + ".");
      var disposition = response.headers.get("Content-Disposition") || "";
      var match = /filename="([^"]+)"/.exec(disposition);
      return response.blob().then(function (blob) { save(blob, match ? match[1] : "contentlint-report"); });
    }).catch(function (error) { setStatus("Download failed: " + error.message, true); });
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = element("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
    setStatus("Downloaded " + name + ".");
  }

  function hasFiles(event) {
    return event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0;
  }

  draft.addEventListener("input", edited);
  draft.addEventListener("scroll", syncScroll);
  ["keyup", "click", "select"].forEach(function (name) { draft.addEventListener(name, caretMoved); });
  keyphrase.addEventListener("input", function () { clearTimeout(state.timer); state.timer = setTimeout(lintNow, DEBOUNCE_MS); });
  audience.addEventListener("change", lintNow);
  format.addEventListener("change", lintNow);
  byId("controls").addEventListener("submit", function (event) { event.preventDefault(); lintNow(); });
  fileInput.addEventListener("change", function () {
    if (fileInput.files.length) openFile(fileInput.files[0]);
    fileInput.value = "";
  });
  forget.addEventListener("click", forgetFile);
  byId("findings").addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button.go") : null;
    if (button) select(Number(button.dataset.index));
  });
  document.querySelectorAll("button.download").forEach(function (button) {
    button.addEventListener("click", function () { download(button.dataset.format); });
  });
  editor.addEventListener("dragover", function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dropHint.hidden = false;
  });
  editor.addEventListener("dragleave", function () { dropHint.hidden = true; });
  editor.addEventListener("drop", function (event) {
    dropHint.hidden = true;
    if (!hasFiles(event) || !event.dataTransfer.files.length) return;
    event.preventDefault();
    openFile(event.dataTransfer.files[0]);
  });
  window.addEventListener("resize", syncScroll);
  showEmpty();
})();
