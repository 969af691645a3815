// The office's admin: accessible names that Django's widgets leave out.
// - The autocomplete's search box (select2 builds it, without a label) takes the name
//   of the field it searches: "Verwante onderdelen in de profielen, zoeken".
// - A wide inline table scrolls in its own box; the box is keyboard-reachable and named.
// - The inline tables' empty column headers (the row's object, the delete column) get a
//   name for screen readers (axe: empty-table-header).
(function (script) {
  "use strict";
  // The word comes translated from the template (data-search-label).
  var SEARCH = (script && script.dataset.searchLabel) || "zoeken";
  var ROW = (script && script.dataset.rowLabel) || "Regel";
  var DELETE = (script && script.dataset.deleteLabel) || "Verwijderen";

  function fieldLabel(select) {
    if (!select || !select.id) return "";
    var label = document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/[:*]\s*$/, "").trim() : "";
  }

  function nameSearchBoxes(root) {
    root.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (box) {
      var container = box.closest(".select2-container");
      var select = container && container.previousElementSibling;
      var name = fieldLabel(select);
      if (name) box.setAttribute("aria-label", name + ", " + SEARCH);
    });
  }

  // select2 puts a non-item (its "clear" cross) in the list of chosen values; the list
  // says it is one explicitly, so the cross is not read as a broken list.
  function markChosenLists(root) {
    root.querySelectorAll("ul.select2-selection__rendered:not([role])").forEach(function (ul) {
      ul.setAttribute("role", "list");
    });
  }

  function nameScrollBoxes(root) {
    root.querySelectorAll(".inline-group .tabular:not([tabindex])").forEach(function (box) {
      var heading = box.querySelector("h2");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (heading) box.setAttribute("aria-label", heading.textContent.trim());
    });
  }

  function nameEmptyHeaders(root) {
    root.querySelectorAll(".inline-group .tabular thead th").forEach(function (th) {
      if (th.textContent.trim() || th.querySelector(".visually-hidden")) return;
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = th.classList.contains("original") ? ROW : DELETE;
      th.appendChild(name);
    });
  }

  function run() {
    nameSearchBoxes(document);
    nameEmptyHeaders(document);
    nameScrollBoxes(document);
    markChosenLists(document);
    new MutationObserver(function () {
      nameSearchBoxes(document);
      markChosenLists(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})(document.currentScript);
