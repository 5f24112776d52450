// The assignment form: each topic's "N of M ticked" follows the ticks, and the number of
// questions follows the facts ticked until the teacher types one of their own (the server
// does the same at each page load, so without JavaScript nothing is wrong, only later).
(function () {
  "use strict";
  var form = document.getElementById("assignment-form");
  if (!form) return;
  var most = Number(form.dataset.defaultCount) || 10;

  function update() {
    var ticked = 0;
    form.querySelectorAll(".fact-group").forEach(function (group) {
      var n = group.querySelectorAll('input[name="facts"]:checked').length;
      ticked += n;
      var meta = group.querySelector("[data-ticked-count]");
      // The count comes first in every language's "N of M ticked".
      if (meta) meta.textContent = meta.textContent.replace(/\d+/, String(n));
    });
    var count = form.querySelector('input[name="question_count"]');
    var suggested = form.querySelector('input[name="suggested_count"]');
    if (!count || !suggested || ticked === 0) return;
    if (count.value === "" || count.value === suggested.value) {
      count.value = suggested.value = String(Math.min(most, ticked));
    }
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "facts") update();
  });
  // After "Tick their facts" swaps the fact list in, and when the browser restores the form.
  document.body.addEventListener("htmx:afterSwap", update);
  window.addEventListener("pageshow", update);
})();
