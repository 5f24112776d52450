// Settings: a learner who never chose a time zone (the server marks the field) finds this
// browser's zone selected in its place, and a line saying so. Nothing is saved until they
// press Save; without JavaScript the field shows what is stored.
(function () {
  "use strict";
  var select = document.querySelector('select[data-browser-zone="preselect"]');
  if (!select) return;
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone || zone === select.value) return;
  var option = Array.prototype.find.call(select.options, function (candidate) {
    return candidate.value === zone;
  });
  if (!option) {
    // The browser may name the place by an older alias (Asia/Calcutta for Asia/Kolkata):
    // ask it which listed zone it knows by the same canonical name.
    option = Array.prototype.find.call(select.options, function (candidate) {
      try {
        var name = new Intl.DateTimeFormat("en", { timeZone: candidate.value });
        return name.resolvedOptions().timeZone === zone;
      } catch (error) {
        return false;
      }
    });
  }
  if (!option) return;
  select.value = option.value;
  var note = document.getElementById("zone-preselected");
  if (note) note.hidden = false;
})();
