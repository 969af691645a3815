// The assessor's workbench (assessment/score.html): move between the items to score with
// the keyboard, mark the current one in the index (portal.js opens the index on wide screens).
// Loaded as a file (the CSP forbids inline scripts); the page works without it.
(function () {
  "use strict";

  var WIDE = "(min-width: 992px)";

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-score-item]"));
  }

  // Where typing a letter means text, j and k are letters.
  function typing(element) {
    if (!element || !element.closest) return false;
    if (element.closest("textarea, select, [contenteditable]")) return true;
    return element.matches("input") && !element.matches("[type=radio], [type=checkbox], [type=button], [type=submit]");
  }

  // The item with the focus, else the last one whose top has scrolled past (-1: none).
  function current(list) {
    var active = document.activeElement;
    var holder = active && active.closest ? active.closest("[data-score-item]") : null;
    if (holder) return list.indexOf(holder);
    var found = -1;
    list.forEach(function (item, i) {
      if (item.getBoundingClientRect().top <= 1) found = i;
    });
    return found;
  }

  function mark(item) {
    document.querySelectorAll(".score-index-link[aria-current]").forEach(function (link) {
      link.removeAttribute("aria-current");
    });
    var link = item && document.querySelector(".score-index-link[href='#" + item.id + "']");
    if (link) link.setAttribute("aria-current", "location");
  }

  function go(item) {
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "start" });
    mark(item);
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
    var step = 0;
    if (event.altKey && !event.shiftKey) {
      if (event.key === "ArrowDown") step = 1;
      if (event.key === "ArrowUp") step = -1;
    } else if (!event.altKey && !typing(event.target)) {
      if (event.key === "j") step = 1;
      if (event.key === "k") step = -1;
    }
    if (!step) return;
    var list = items();
    if (!list.length) return;
    var next = Math.min(Math.max(current(list) + step, 0), list.length - 1);
    event.preventDefault();
    go(list[next]);
  });

  // An entry of the index: to its item, focused; on a small screen the list closes again.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".score-index-link") : null;
    if (!link) return;
    var item = document.getElementById(link.getAttribute("href").slice(1));
    if (!item) return;
    event.preventDefault();
    history.replaceState(null, "", "#" + item.id);
    var list = link.closest("details");
    if (list && !window.matchMedia(WIDE).matches) list.open = false;
    go(item);
  });

  document.addEventListener("focusin", function (event) {
    var item = event.target.closest ? event.target.closest("[data-score-item]") : null;
    if (item) mark(item);
  });

  // An autosave swaps the item's index entry (out of band): mark it again.
  document.addEventListener("htmx:afterSettle", function () {
    var active = document.activeElement;
    var item = active && active.closest ? active.closest("[data-score-item]") : null;
    if (item) mark(item);
  });
})();
