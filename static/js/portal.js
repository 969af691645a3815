// Portal behaviour. Loaded as a file (CSP forbids inline scripts).
(function () {
  "use strict";

  // Print buttons: <button data-action="print">.
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-action='print']");
    if (target) {
      event.preventDefault();
      window.print();
    }
  });

  // Forms marked data-once submit once: a double click sends one request.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-once]")) return;
    if (form.dataset.submitted) {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "1";
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  });

  // htmx: the CSRF token with every request; a 409 (saved in another tab), a 403 and a
  // 400 (refused input: a control character, a text too long) are shown in place too.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name='csrf-token']");
    if (token) event.detail.headers["X-CSRFToken"] = token.content;
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 409 || status === 403 || status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
    // 401: the session has expired (portal.middleware). Show the message but keep the
    // request an error, so the form stays marked unsaved; retried after a new login.
    if (status === 401) {
      event.detail.shouldSwap = true;
      event.detail.elt.setAttribute("data-session-expired", "");
    }
  });

  // Back in this tab after logging in again elsewhere: the login gave the browser a new
  // CSRF token, so fetch this page for it, then send the unsaved input again.
  function retryExpired() {
    var pending = document.querySelectorAll("[data-session-expired]");
    if (!pending.length || !window.fetch) return;
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok && !response.redirected ? response.text() : null;
      })
      .then(function (html) {
        if (!html) return; // still logged out: the message stays
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("meta[name='csrf-token']");
        if (!fresh) return;
        document.querySelector("meta[name='csrf-token']").content = fresh.content;
        document.querySelectorAll("input[name='csrfmiddlewaretoken']").forEach(function (input) {
          input.value = fresh.content;
        });
        pending.forEach(function (elt) {
          elt.removeAttribute("data-session-expired");
          htmx.trigger(elt, "change");
        });
      });
  }
  window.addEventListener("focus", retryExpired);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") retryExpired();
  });
  // Closing the tab while input is unsaved because of an expired session: ask first.
  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector("[data-session-expired]")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // Live word counts against the framework's guide (a warning, never a block).
  function countWords(text) {
    var words = text.trim().split(/\s+/).filter(Boolean);
    return words.length;
  }
  function updateCount(textarea) {
    var form = textarea.closest("form");
    var counter = form && form.querySelector(".word-count");
    if (!counter) return;
    var n = countWords(textarea.value);
    var guide = parseInt(textarea.dataset.wordGuide || "", 10);
    var lang = document.documentElement.lang;
    var word = lang === "en" ? (n === 1 ? "word" : "words") : (n === 1 ? "woord" : "woorden");
    // The guide (a target, not a maximum) is said beside the count, in the page's words.
    counter.textContent = n + " " + word;
    var over = guide && n > guide;
    counter.classList.toggle("text-warning-emphasis", !!over);
    counter.classList.toggle("fw-semibold", !!over);
  }
  function initCounts(root) {
    root.querySelectorAll("textarea.answer-text").forEach(updateCount);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches("textarea.answer-text")) {
      updateCount(event.target);
      event.target.closest("form").dataset.dirty = "1";
    }
  });
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosave]");
    if (form) form.dataset.dirty = "1";
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.matches && form.matches("form[data-autosave]") && event.detail.successful) {
      delete form.dataset.dirty;
    }
  });
  document.addEventListener("DOMContentLoaded", function () { initCounts(document); });

  // A message about one part of a long page (an upload, a signature: the address ends in
  // #that-part) is shown in that part and focused, so it is seen where the person is.
  function showMessagesAtAnchor() {
    var messages = document.querySelector(".messages[data-follow-anchor]");
    var id = window.location.hash.slice(1);
    var part = id && document.getElementById(decodeURIComponent(id));
    if (!messages || !part || part.contains(messages)) return;
    part.insertBefore(messages, part.firstChild);
    messages.classList.add("mt-2");
    messages.dataset.moved = "1";
    focusMovedMessages();
  }
  function focusMovedMessages() {
    var messages = document.querySelector(".messages[data-moved]");
    if (!messages) return;
    var active = document.activeElement;
    // Taken from the page or the part itself (focusable parts get the focus with the
    // scroll), never from a field the person is already in.
    var free = [null, document.body, messages, messages.parentNode];
    if (free.indexOf(active) === -1) return;
    messages.focus();
    messages.scrollIntoView({ block: "center" });
  }
  document.addEventListener("DOMContentLoaded", showMessagesAtAnchor);
  // Chromium scrolls to the address's #part after DOMContentLoaded and moves the focus
  // (to the part, or away when it is not focusable): focus the message again once loaded.
  window.addEventListener("load", focusMovedMessages);

  // An in-page index (the task page's portfolio/_page_index.html, the workbench's
  // assessment/_score_index.html) is open beside the items on a wide screen and a list
  // that opens on demand on a phone. On the task page an entry takes the focus to its
  // item, and on a phone the list closes again.
  var WIDE = "(min-width: 992px)";
  function openIndexWhenWide() {
    var wide = window.matchMedia(WIDE).matches;
    document.querySelectorAll("details[data-open-when-wide]").forEach(function (details) {
      details.open = wide;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    openIndexWhenWide();
    window.matchMedia(WIDE).addEventListener("change", openIndexWhenWide);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".page-index-link") : null;
    if (!link) return;
    var item = document.getElementById(link.getAttribute("href").slice(1));
    if (!item) return;
    event.preventDefault();
    history.replaceState(null, "", "#" + item.id);
    var list = link.closest("details");
    if (list && !window.matchMedia(WIDE).matches) list.open = false;
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "start" });
  });

  // Leaving the page: send unsaved boxes with sendBeacon (survives a closed tab).
  function flush() {
    document.querySelectorAll("form[data-autosave][data-dirty]").forEach(function (form) {
      if (navigator.sendBeacon(form.action, new FormData(form))) {
        delete form.dataset.dirty;
      }
    });
  }
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });
})();
