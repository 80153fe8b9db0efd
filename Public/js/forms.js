// Forms, for every page (loaded with `defer` by layout/base.leaf). Without this script the
// server already keeps every typed value on a refused submit; this adds two comforts:
// 1. the error summary (#error-summary) takes the focus, so it is read first;
// 2. a form marked data-draft="key" keeps a draft in this browser while it is typed
//    (localStorage), offered back (« Reprendre le brouillon enregistré ») when the person
//    returns without having saved, and forgotten once a submit succeeds.
(function () {
  "use strict";

  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  var PREFIX = "maillage-draft:";
  var SENT = "maillage-draft-sent";

  function storage(kind) {
    try { return window[kind]; } catch (e) { return null; }
  }
  var local = storage("localStorage");
  var session = storage("sessionStorage");
  if (!local) { return; }

  // The fields a draft keeps: what the person typed or ticked, never a password or a token.
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "_csrf" && !el.disabled &&
        ["password", "hidden", "submit", "button", "reset", "file"].indexOf(el.type) < 0;
    });
  }
  function keyOf(el) { return el.type === "checkbox" || el.type === "radio" ? el.name + "=" + el.value : el.name; }
  function read(form) {
    var values = {};
    fields(form).forEach(function (el) {
      values[keyOf(el)] = el.type === "checkbox" || el.type === "radio" ? el.checked : el.value;
    });
    return values;
  }
  function write(form, values) {
    fields(form).forEach(function (el) {
      var v = values[keyOf(el)];
      if (v === undefined) { return; }
      if (el.type === "checkbox" || el.type === "radio") { el.checked = v === true; } else { el.value = v; }
    });
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function load(key) {
    try { return JSON.parse(local.getItem(PREFIX + key) || "null"); } catch (e) { return null; }
  }
  var signingOut = false;
  function save(key, values) {
    if (signingOut) { return; }   // leaving the page to sign out: keep nothing
    try { local.setItem(PREFIX + key, JSON.stringify({ at: Date.now(), values: values })); } catch (e) { /* full or refused */ }
  }
  function forget(key) { local.removeItem(PREFIX + key); }

  // Signing out forgets every draft kept in this browser: on a shared computer the next
  // person must not be offered someone else's answers.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-forget-drafts]"), function (f) {
    f.addEventListener("submit", function () {
      signingOut = true;
      for (var i = local.length - 1; i >= 0; i--) {
        var k = local.key(i);
        if (k && k.indexOf(PREFIX) === 0) { local.removeItem(k); }
      }
    });
  });

  function offer(form, key, draft) {
    var box = document.createElement("div");
    box.className = "draft-notice";
    box.setAttribute("role", "status");
    var text = document.createElement("p");
    var at = new Date(draft.at);
    text.textContent = "Un brouillon non enregistré de ce formulaire est conservé dans ce navigateur (" +
      at.toLocaleDateString("fr-FR") + " à " + at.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" }) + ").";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "button secondary";
    restore.id = "restore-draft";
    restore.textContent = "Reprendre le brouillon enregistré";
    var drop = document.createElement("button");
    drop.type = "button";
    drop.className = "link-button";
    drop.id = "drop-draft";
    drop.textContent = "Ignorer ce brouillon";
    restore.addEventListener("click", function () {
      write(form, draft.values);
      box.remove();
      var first = fields(form)[0];
      if (first) { first.focus(); }
    });
    drop.addEventListener("click", function () { forget(key); box.remove(); });
    box.appendChild(text);
    box.appendChild(restore);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(drop);
    form.parentNode.insertBefore(box, form);
  }

  // A submit that came back without an error summary succeeded: its draft is done with.
  var sent = session && session.getItem(SENT);
  if (session) { session.removeItem(SENT); }
  if (sent && !summary) { forget(sent); }

  document.querySelectorAll("form[data-draft]").forEach(function (form) {
    var key = form.getAttribute("data-draft");
    var shown = read(form);
    // The page shows typed values that are not saved (a refused submit): they are the draft.
    var unsaved = form.hasAttribute("data-unsaved");
    var draft = load(key);
    if (unsaved) {
      save(key, shown);
    } else if (draft && !same(draft.values, shown)) {
      offer(form, key, draft);
    } else if (draft) {
      forget(key);
    }
    var dirty = unsaved;
    var timer = null;
    function keep() {
      var now = read(form);
      if (!unsaved && same(now, shown)) { return; }
      dirty = true;
      save(key, now);
    }
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(keep, 400);
    });
    form.addEventListener("change", keep);
    window.addEventListener("beforeunload", function () { if (dirty) { keep(); } });
    form.addEventListener("submit", function () {
      keep();
      if (session) { session.setItem(SENT, key); }
    });
  });
})();
