// An export being prepared (exports/show): asks the page again every 1.5 s and puts its new
// state in place, until the file is ready or the preparation failed. An extra: without the
// script the page says « Actualiser » and works the same.
(function () {
  "use strict";
  var body = document.getElementById("export-body");
  var state = document.getElementById("export-state");
  if (!body || !state || !body.getAttribute("data-poll") || !window.fetch || !window.DOMParser) return;
  var url = body.getAttribute("data-poll");
  var refresh = document.getElementById("export-refresh");
  if (refresh) refresh.hidden = true;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (res) { return res.ok ? res.text() : Promise.reject(res.status); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var nextBody = doc.getElementById("export-body");
        var nextState = doc.getElementById("export-state");
        if (!nextBody || !nextState) return;
        body.innerHTML = nextBody.innerHTML;
        body.setAttribute("data-state", nextBody.getAttribute("data-state") || "");
        // The status line is a live region: changing its text is what a screen reader announces.
        if (state.textContent !== nextState.textContent) state.textContent = nextState.textContent;
        state.setAttribute("data-state", nextState.getAttribute("data-state") || "");
        var again = document.getElementById("export-refresh");
        if (again) again.hidden = true;
        if (nextBody.getAttribute("data-poll")) setTimeout(poll, 1500);
      })
      .catch(function () {
        var link = document.getElementById("export-refresh");
        if (link) link.hidden = false;  // the server did not answer: let the person reload by hand
      });
  }
  setTimeout(poll, 1000);
})();
