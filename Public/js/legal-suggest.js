// Suggests published notes while a question's subject is typed: the input carrying
// `data-suggest-url` is sent (debounced) to that address; the HTML fragment fills
// `#note-suggestions`. Without the script, the question form's « Chercher des fiches » button does it.
(function () {
  "use strict";
  var input = document.querySelector("[data-suggest-url]");
  var target = document.getElementById("note-suggestions");
  if (!input || !target || !window.fetch) return;
  var url = input.getAttribute("data-suggest-url");
  var timer = null;
  var last = "";
  var controller = null;
  function update() {
    var q = input.value.trim();
    if (q === last) return;
    last = q;
    if (q.length < 3) { target.innerHTML = ""; return; }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(url + "?q=" + encodeURIComponent(q), {
      credentials: "same-origin",
      headers: { "Accept": "text/html" },
      signal: controller ? controller.signal : undefined
    }).then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { if (input.value.trim() === q) target.innerHTML = html; })
      .catch(function () {});
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 300);
  });
})();
