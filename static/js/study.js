/* Study page enhancements. Everything here is optional: without JavaScript the same forms
   post and redirect, and the ordering buttons move events through the server. */
(function () {
  "use strict";

  function announce(list, item) {
    var form = list.closest("form");
    var live = form && form.querySelector("[data-announcer]");
    var template = form && form.querySelector("[data-announce-template]");
    if (!live || !template) return;
    var items = Array.prototype.slice.call(list.children);
    var text = template.innerHTML
      .replace("{label}", item.getAttribute("data-label"))
      .replace("{position}", String(items.indexOf(item) + 1))
      .replace("{total}", String(items.length));
    live.textContent = "";
    // A fresh text node each time so screen readers announce repeated moves too.
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  function renumber(list) {
    var items = Array.prototype.slice.call(list.children);
    var form = list.closest("form");
    var template = form && form.querySelector("[data-position-template]");
    items.forEach(function (item, i) {
      item.querySelector(".ordering-position").textContent = String(i + 1);
      var text = item.querySelector("[data-position-text]");
      if (text && template) {
        text.textContent = template.innerHTML
          .replace("{position}", String(i + 1))
          .replace("{total}", String(items.length));
      }
      var up = item.querySelector('[data-move="up"]');
      var down = item.querySelector('[data-move="down"]');
      up.setAttribute("aria-disabled", i === 0 ? "true" : "false");
      down.setAttribute("aria-disabled", i === items.length - 1 ? "true" : "false");
    });
  }

  function move(button) {
    var item = button.closest("li");
    var list = item.parentElement;
    var up = button.getAttribute("data-move") === "up";
    var sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) return;
    if (up) list.insertBefore(item, sibling);
    else list.insertBefore(sibling, item);
    renumber(list);
    // Keep focus with the moved event; at an end, on the button that can still move it.
    var keep = button.getAttribute("aria-disabled") === "true"
      ? item.querySelector('[data-move="' + (up ? "down" : "up") + '"]')
      : button;
    keep.focus();
    announce(list, item);
  }

  function enhanceOrdering(root) {
    var lists = root.querySelectorAll("[data-ordering]");
    Array.prototype.forEach.call(lists, function (list) {
      if (list.hasAttribute("data-enhanced")) return;
      list.setAttribute("data-enhanced", "");
      renumber(list);
      if (window.Sortable) {
        var hint = document.querySelector("[data-drag-hint]");
        if (hint) hint.textContent = hint.getAttribute("data-drag-hint");
        window.Sortable.create(list, {
          animation: 150,
          filter: "button",
          preventOnFilter: false,
          onEnd: function (event) { renumber(list); announce(list, event.item); }
        });
      }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-move]");
    if (!button) return;
    event.preventDefault();
    if (button.getAttribute("aria-disabled") !== "true") move(button);
  });

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (document.querySelector("dialog[open]")) return;  // the shortcut help is open
    var body = document.querySelector(".study-body");
    if (!body) return;
    if ((event.key === " " || event.key === "Enter") && !event.target.closest("button, a")) {
      // Space turns a flashcard over; after an answer, Space or Enter goes on to the next.
      var go = body.querySelector('[data-shortcut="next"]') ||
        (event.key === " " && body.querySelector('[data-shortcut="reveal"]'));
      if (go) { event.preventDefault(); go.click(); }
      return;
    }
    if (/^[1-4]$/.test(event.key)) {
      var rating = body.querySelector('[data-shortcut="' + event.key + '"]');
      var choice = body.querySelectorAll("button.choice")[Number(event.key) - 1];
      var target = rating || choice;
      if (target) { event.preventDefault(); target.click(); }
    }
  });

  // A request that fails (connection lost, signed out in another tab) must not leave the
  // button looking dead: say so, and let the learner try again or reload.
  function showRequestError(show) {
    var box = document.querySelector("[data-request-error]");
    if (box) box.hidden = !show;
  }
  document.addEventListener("htmx:sendError", function () { showRequestError(true); });
  document.addEventListener("htmx:responseError", function () { showRequestError(true); });
  document.addEventListener("htmx:beforeRequest", function () { showRequestError(false); });

  document.addEventListener("htmx:afterSwap", function (event) {
    enhanceOrdering(event.detail.target);
    var focus = event.detail.target.querySelector("[data-focus]");
    if (focus) focus.focus();
  });

  document.addEventListener("DOMContentLoaded", function () {
    enhanceOrdering(document);
    // A question opened as a whole page starts where a swapped one does: on its heading, so a
    // screen reader reads it and Tab goes on to its answers.
    var focus = document.querySelector("#study-card [data-focus]");
    if (focus && !window.location.hash) focus.focus();
  });
})();
