// Keyboard shortcuts for reviewing figures (no inline script: the CSP forbids it).
// j/k: next/previous card · a: accept · r: reject (type the reason, Enter) ·
// d: duplicate (type the id, Enter) · c: correct · o: open the figure.
(function () {
  "use strict";
  function cards() { return Array.prototype.slice.call(document.querySelectorAll("[data-review-card]")); }
  function current() {
    var all = cards();
    var found = all.filter(function (c) { return c.classList.contains("current"); })[0];
    return found || all[0] || null;
  }
  function select(card) {
    cards().forEach(function (c) { c.classList.toggle("current", c === card); });
    if (card) { card.scrollIntoView({ block: "nearest" }); }
  }
  function move(step) {
    var all = cards();
    var i = all.indexOf(current());
    var next = all[Math.min(all.length - 1, Math.max(0, i + step))];
    select(next);
  }
  document.addEventListener("DOMContentLoaded", function () { select(current()); });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable]")) {
      if (event.key === "Escape") { target.blur(); }
      return;
    }
    var card = current();
    if (!card) { return; }
    var form;
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a":
        form = card.querySelector("form[data-action=accept]");
        if (form) { form.requestSubmit(); }
        break;
      case "r":
        form = card.querySelector("form[data-action=reject] input[name=reason]");
        if (form) { form.focus(); }
        break;
      case "d":
        form = card.querySelector("form[data-action=duplicate] input[name=duplicate_of]");
        if (form) { form.focus(); }
        break;
      case "c":
        if (document.getElementById("correct")) {
          var first = document.querySelector("#correct input[name=value]");
          if (first) { first.focus(); first.select(); }
        } else { window.location.href = card.dataset.figureUrl + "#correct"; }
        break;
      case "o": window.location.href = card.dataset.figureUrl; break;
      default: return;
    }
    event.preventDefault();
  });
})();
