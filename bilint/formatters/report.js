(function () {
  "use strict";
  // Filters, next/previous finding (j/n, k/p) and going to a finding from the list.
  // The page works without this script: every finding is shown and the links still scroll.
  var items = Array.prototype.slice.call(document.querySelectorAll("#findings li[data-f]"));
  var marks = {};
  Array.prototype.forEach.call(document.querySelectorAll("mark[data-f]"), function (mark) {
    (marks[mark.getAttribute("data-f")] = marks[mark.getAttribute("data-f")] || []).push(mark);
  });
  var form = document.getElementById("filters");
  var shown = document.getElementById("shown");
  var current = -1;

  function apply() {
    var off = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
      if (!box.checked) { off[box.name + "\u0000" + box.value] = true; }
    });
    var count = 0;
    items.forEach(function (item) {
      var hide = off["rule\u0000" + item.getAttribute("data-rule")] ||
                 off["severity\u0000" + item.getAttribute("data-severity")] ||
                 off["lang\u0000" + item.getAttribute("data-lang")];
      item.hidden = !!hide;
      if (!hide) { count += 1; }
      (marks[item.getAttribute("data-f")] || []).forEach(function (mark) {
        mark.classList.toggle("off", !!hide);
      });
    });
    if (shown) { shown.textContent = String(count); }
  }

  function select(index) {
    if (current >= 0 && items[current]) {
      items[current].removeAttribute("aria-current");
      (marks[items[current].getAttribute("data-f")] || []).forEach(function (m) { m.classList.remove("current"); });
    }
    current = index;
    var item = items[index];
    var number = item.getAttribute("data-f");
    var target = document.getElementById("f" + number);
    item.setAttribute("aria-current", "true");
    (marks[number] || []).forEach(function (m) { m.classList.add("current"); });
    if (target) {
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "center" });
    }
    item.scrollIntoView({ block: "nearest" });
  }

  function step(direction) {
    var index = current;
    for (var tries = 0; tries < items.length; tries += 1) {
      index = (index + direction + items.length) % items.length;
      if (!items[index].hidden) { select(index); return; }
    }
  }

  if (form) {
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    Array.prototype.forEach.call(form.querySelectorAll("button[data-all]"), function (button) {
      button.addEventListener("click", function () {
        var on = button.getAttribute("data-all") === "on";
        Array.prototype.forEach.call(form.querySelectorAll("input[name=" + button.getAttribute("data-name") + "]"),
          function (box) { box.checked = on; });
        apply();
      });
    });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.goto");
    if (!link) { return; }
    var item = link.closest("li[data-f]");
    var index = items.indexOf(item);
    if (index < 0) { return; }
    event.preventDefault();
    select(index);
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" && event.target.type !== "checkbox" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    if (event.key === "j" || event.key === "n") { event.preventDefault(); step(1); }
    else if (event.key === "k" || event.key === "p") { event.preventDefault(); step(-1); }
  });
  apply();
  document.documentElement.classList.add("js");   // the filters and keys work: show them
  if (window.performance && performance.mark) { performance.mark("bilint-ready"); }   // for bench/html_report.py
}());
