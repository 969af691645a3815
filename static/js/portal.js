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
  // htmx: send the CSRF token with every request made by htmx.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name='csrf-token']");
    if (token) {
      event.detail.headers["X-CSRFToken"] = token.content;
    }
  });
})();
