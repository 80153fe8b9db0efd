// Layout behaviours, all optional: without this script the page still works.
// 1. Main menu under 600 px: a button opens and closes it. Without the script the button stays
//    hidden and the menu stays open (the stylesheet only folds it once the script has run).
// 2. A table wider than its box scrolls inside it: the box is made reachable by keyboard, so
//    it can be scrolled without a mouse.
(function () {
  "use strict";
  var button = document.getElementById("menu-toggle");
  var nav = button && document.getElementById(button.getAttribute("aria-controls"));
  if (button && nav) {
    document.documentElement.classList.add("menu-js");
    button.hidden = false;
    var set = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("open", open);
    };
    set(false);
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        set(false);
        button.focus();
      }
    });
  }

  function scrollBoxes() {
    var boxes = document.querySelectorAll(".table-wrap, .table-scroll, table.data");
    Array.prototype.forEach.call(boxes, function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible";
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        if (box.tagName !== "TABLE") {
          var caption = box.querySelector("caption");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", caption && caption.textContent.trim() ? caption.textContent.trim() : "Tableau");
        }
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scrollBoxes);
  } else {
    scrollBoxes();
  }
  window.addEventListener("resize", scrollBoxes);
})();
