// Tells the server this browser's time zone, so that a new learner's study day starts at their
// own 4 a.m. Without JavaScript the day follows UTC until it is changed in Settings.
(function () {
  "use strict";
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // Names of the tz database (Asia/Riyadh, America/New_York) need no quoting in a cookie.
    if (!zone || !/^[A-Za-z0-9_+\/-]+$/.test(zone)) return;
    var secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie =
      "tz=" + zone + "; path=/; max-age=31536000; samesite=lax" + secure;
  } catch (error) {
    // A browser without Intl time zones: the default applies.
  }
})();
