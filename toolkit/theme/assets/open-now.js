/* Help cards: "Open now, until 9pm" or "Closed now, opens Monday at 9am".
   Worked out here from the hours written into each card (data-tk-open) and this
   device's own clock, converted to UK time with Intl; nothing is requested or
   stored. The words come from the card (data-tk-words). Without JavaScript the
   card lists the full hours, which stay on screen either way. */
(function () {
  "use strict";
  var DAY = 1440;
  var AHEAD = 8; // days looked ahead for the next opening
  var london = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });

  /* UK wall-clock time as {day, minute}: day counts days since 1970-01-01 on the
     UK calendar, so hours written in UK time compare directly, summer or winter. */
  function ukNow() {
    var parts = {};
    london.formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
    return {
      day: Date.UTC(+parts.year, +parts.month - 1, +parts.day) / 86400000,
      minute: (+parts.hour % 24) * 60 + +parts.minute
    };
  }

  function periodsOn(schedule, day) {
    var date = new Date(day * 86400000);
    var iso = date.toISOString().slice(0, 10);
    if (Object.prototype.hasOwnProperty.call(schedule.d, iso)) { return schedule.d[iso]; }
    return schedule.w[(date.getUTCDay() + 6) % 7]; // Monday first
  }

  /* Opening periods from yesterday (it may still be open overnight) to AHEAD days on,
     in minutes since the start of day 0, with touching periods joined (24:00 then 00:00). */
  function spans(schedule, today) {
    var all = [];
    for (var day = today - 1; day <= today + AHEAD; day += 1) {
      periodsOn(schedule, day).forEach(function (p) {
        all.push({start: day * DAY + p[0], end: day * DAY + p[1], opens: p[2], closes: p[3]});
      });
    }
    all.sort(function (a, b) { return a.start - b.start; });
    var joined = [];
    all.forEach(function (span) {
      var last = joined[joined.length - 1];
      if (last && span.start <= last.end) {
        if (span.end > last.end) { last.end = span.end; last.closes = span.closes; }
      } else {
        joined.push(span);
      }
    });
    return joined;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  /* {open, text} for one schedule at this moment. */
  function status(schedule, words) {
    var now = ukNow();
    var at = now.day * DAY + now.minute;
    var list = spans(schedule, now.day);
    for (var i = 0; i < list.length; i += 1) {
      var span = list[i];
      if (span.start <= at && at < span.end) {
        if (span.start <= (now.day - 1) * DAY && span.end >= (now.day + AHEAD) * DAY) {
          return {open: true, text: words.open_always};
        }
        var left = span.end - at;
        return {open: true, text: left <= 60
          ? fill(words.open_closing, {time: span.closes, minutes: left})
          : fill(words.open_until, {time: span.closes})};
      }
      if (span.start > at) {
        var day = Math.floor(span.start / DAY);
        var key = day === now.day ? "closed_today" : day === now.day + 1 ? "closed_tomorrow" : "closed_day";
        if (day - now.day > 6) { break; }
        var weekday = (new Date(day * 86400000).getUTCDay() + 6) % 7;
        return {open: false, text: fill(words[key], {time: span.opens, day: words.days[weekday]})};
      }
    }
    return {open: false, text: words.closed};
  }

  function show(element, words) {
    var result = status(JSON.parse(element.getAttribute("data-tk-open")), words);
    element.textContent = result.text;
    element.hidden = false;
    return result.open;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-tk-words]"), function (card) {
    var words = JSON.parse(card.getAttribute("data-tk-words"));
    var open = false;
    Array.prototype.forEach.call(card.querySelectorAll(".tk-card__now[data-tk-open]"), function (element, index) {
      var isOpen = show(element, words);
      if (index === 0) { open = isOpen; }
      element.classList.add(isOpen ? "tk-card__now--open" : "tk-card__now--closed");
    });
    var meanwhile = card.querySelector("[data-tk-meanwhile]");
    if (!meanwhile || open) { return; }
    Array.prototype.forEach.call(meanwhile.querySelectorAll("[data-tk-alt]"), function (item) {
      item.hidden = !show(item.querySelector("[data-tk-open]"), words);
    });
    meanwhile.hidden = false;
  });
})();
