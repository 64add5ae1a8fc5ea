// contentlint HTML report: filters and finding details. Reads only the page's own DOM and
// writes text with textContent, never innerHTML, so report data can never become markup.
(function () {
  "use strict";
  var SEVERITY_RANK = { info: 0, warning: 1, error: 2 };
  var entries = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#filters input[type=checkbox]"));
  var popover = document.getElementById("popover");
  var entryById = new Map();
  var docsByRule = new Map();
  var active = new Set();
  var pinned = null;  // the mark whose details stay open until closed
  var shownFor = null;  // the mark whose details are showing

  entries.forEach(function (entry) { entryById.set(entry.dataset.f, entry); });
  document.querySelectorAll("section.rule-doc").forEach(function (section) {
    docsByRule.set(section.dataset.rule, section);
  });

  function keysOf(mark) { return mark.dataset.f.split(" "); }

  function checked(group) {
    var values = new Set();
    boxes.forEach(function (box) { if (box.name === group && box.checked) values.add(box.value); });
    return values;
  }

  function applyFilters() {
    var severities = checked("severity"), categories = checked("category"), rules = checked("rule");
    var perArticle = new Map();
    active = new Set();
    entries.forEach(function (entry) {
      var shown = severities.has(entry.dataset.sev) && categories.has(entry.dataset.cat) && rules.has(entry.dataset.rule);
      entry.hidden = !shown;
      if (shown) {
        active.add(entry.dataset.f);
        var article = entry.dataset.f.split("-")[0];
        perArticle.set(article, (perArticle.get(article) || 0) + 1);
      }
    });
    marks.forEach(updateMark);
    document.querySelectorAll(".article-shown").forEach(function (counter) {
      counter.textContent = String(perArticle.get(counter.dataset.article) || 0);
    });
    document.getElementById("shown-count").textContent = String(active.size);
    if (shownFor && !shownFor.classList.contains("on")) hide();
  }

  function updateMark(mark) {
    var top = null, count = 0;
    keysOf(mark).forEach(function (key) {
      if (!active.has(key)) return;
      var severity = entryById.get(key).dataset.sev;
      count += 1;
      if (top === null || SEVERITY_RANK[severity] > SEVERITY_RANK[top]) top = severity;
    });
    var on = count > 0;
    // Write only what changes: a big report has tens of thousands of marks.
    if (mark.classList.contains("on") !== on) {
      mark.classList.toggle("on", on);
      mark.tabIndex = on ? 0 : -1;
    }
    if (mark.classList.contains("multi") !== count > 1) mark.classList.toggle("multi", count > 1);
    if (on && mark.dataset.sev !== top) mark.dataset.sev = top;
  }

  function textElement(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = text;
    return element;
  }

  function labelled(label, text) {
    var paragraph = document.createElement("p");
    paragraph.appendChild(textElement("span", "label", label + " "));
    paragraph.appendChild(document.createTextNode(text));
    return paragraph;
  }

  function details(entry) {
    var item = textElement("div", "item", "");
    var docs = docsByRule.get(entry.dataset.rule);
    var name = entry.querySelector(".name").textContent;
    item.appendChild(textElement("div", "head sev-" + entry.dataset.sev,
      entry.dataset.sev.toUpperCase() + " " + entry.dataset.rule + " " + name));
    item.appendChild(textElement("p", "message", entry.querySelector(".msg").textContent));
    var suggestion = entry.querySelector(".suggestion");
    if (suggestion) item.appendChild(textElement("p", "", suggestion.textContent));
    if (docs) {
      item.appendChild(labelled("Why:", docs.querySelector(".why").textContent));
      item.appendChild(labelled("Fix:", docs.querySelector(".fix").textContent));
    }
    return item;
  }

  function show(mark, pin) {
    var shown = keysOf(mark).filter(function (key) { return active.has(key); });
    if (shown.length === 0) return;
    var close = textElement("button", "close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close details");
    popover.replaceChildren(close);
    shown.forEach(function (key) { popover.appendChild(details(entryById.get(key))); });
    if (shownFor) shownFor.classList.remove("current");
    shownFor = mark;
    pinned = pin ? mark : null;
    mark.classList.add("current");
    popover.hidden = false;
    place(mark);
  }

  function place(mark) {
    var box = mark.getBoundingClientRect();
    var width = popover.offsetWidth;
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    popover.style.left = (left + window.scrollX) + "px";
    popover.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  function hide() {
    if (shownFor) shownFor.classList.remove("current");
    popover.hidden = true;
    pinned = null;
    shownFor = null;
  }

  function markOf(target) {
    var mark = target instanceof Element ? target.closest("mark.hl.on") : null;
    return mark;
  }

  function jumpTo(key) {
    var mark = document.querySelector('mark.hl[data-f~="' + key + '"]');
    if (!mark || !mark.classList.contains("on")) return;
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    show(mark, true);
  }

  document.getElementById("filters").addEventListener("change", applyFilters);
  document.getElementById("filters").addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button[data-group]") : null;
    if (!button) return;
    var value = button.classList.contains("all");
    boxes.forEach(function (box) { if (box.name === button.dataset.group) box.checked = value; });
    applyFilters();
  });
  document.addEventListener("click", function (event) {
    var target = event.target;
    var mark = markOf(target);
    if (mark) { show(mark, true); return; }
    if (target instanceof Element && target.closest("button.jump")) { jumpTo(target.closest("button.jump").dataset.f); return; }
    if (target instanceof Element && target.closest(".popover .close")) {
      var back = shownFor; hide(); if (back) back.focus(); return;
    }
    if (!(target instanceof Element && target.closest(".popover"))) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shownFor) {
      var back = shownFor; hide(); back.focus(); return;
    }
    var mark = markOf(event.target);
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); show(mark, true); }
  });
  document.addEventListener("mouseover", function (event) {
    var mark = markOf(event.target);
    if (mark && !pinned && mark !== shownFor) show(mark, false);
  });
  document.addEventListener("mouseout", function (event) {
    var mark = markOf(event.target);
    if (mark && !pinned && !mark.contains(event.relatedTarget)) hide();
  });
  document.addEventListener("focusin", function (event) {
    var mark = markOf(event.target);
    if (mark && mark !== pinned) show(mark, false);  // moving on by keyboard unpins
  });
  document.addEventListener("focusout", function (event) {
    var mark = markOf(event.target);
    if (mark && !pinned && mark === shownFor) hide();
  });
  window.addEventListener("resize", function () { if (shownFor) place(shownFor); });
  applyFilters();
})();
