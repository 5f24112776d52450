/* Session shortcuts beside study.js: Ctrl+Z (or U) undoes the last flashcard rating, "?"
   opens the shortcut help. Without JavaScript the Undo button posts, and the same help is a
   <details> section at the foot of the page. */
(function () {
  "use strict";

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]");
  }

  var opener = null;

  function openHelp() {
    var dialog = document.getElementById("shortcut-help");
    if (!dialog || dialog.open || typeof dialog.showModal !== "function") return false;
    opener = document.activeElement;
    dialog.showModal();
    return true;
  }

  document.addEventListener("close", function (event) {
    // Escape or Close: focus goes back where it was when "?" was pressed.
    if (event.target.id !== "shortcut-help") return;
    if (opener && document.contains(opener)) opener.focus();
    opener = null;
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || typing(event.target)) return;
    if (document.querySelector("dialog[open]")) return;
    // "?" is Shift+/ on most layouts; an Arabic layout types "؟" on the same key.
    if ((event.key === "?" || event.key === "\u061F") && !event.ctrlKey && !event.metaKey) {
      if (openHelp()) event.preventDefault();
      return;
    }
    // Letters by their key's place too (event.code): on an Arabic layout Z types "ئ", U "ع".
    var z = event.key === "z" || event.key === "Z" || event.code === "KeyZ";
    var u = event.key === "u" || event.key === "U" || event.code === "KeyU";
    var undo = ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && z) ||
      (!event.ctrlKey && !event.metaKey && !event.altKey && u);
    if (!undo) return;
    var button = document.querySelector('#study-card [data-shortcut="undo"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
