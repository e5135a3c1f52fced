/* Toolkit behaviour. Optional: every page works without it.
   Writes no cookie and no storage; makes no network request of its own. */
(function () {
  "use strict";
  var html = document.documentElement;
  html.classList.remove("no-js");
  html.classList.add("tk-js");

  /* The sticky header's height, for the scroll padding that keeps focus clear of it
     (toolkit.css): it grows when a long site name wraps or text is enlarged. */
  var header = document.querySelector(".tk-header");
  if (header && window.ResizeObserver) {
    new ResizeObserver(function () {
      html.style.setProperty("--tk-header-size", header.offsetHeight + "px");
    }).observe(header);
  }

  /* Quick exit (modelled on GOV.UK "Exit this page"): hide the page at once and
     replace this history entry with a neutral site. The link works without JS. */
  var exitLink = document.querySelector("[data-tk-exit]");
  var status = document.createElement("div");
  status.className = "tk-visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("data-tk-exit-status", "");
  document.body.appendChild(status);

  function exitNow(event) {
    if (event) { event.preventDefault(); }
    html.classList.add("tk-exiting");
    document.title = "";
    window.location.replace(exitLink.href);
  }

  if (exitLink) {
    exitLink.addEventListener("click", exitNow);
    var presses = 0;
    var timer = null;
    var interrupted = false;
    function reset() { presses = 0; clearTimeout(timer); }
    /* Only Shift pressed on its own counts: Shift held to type a capital letter,
       or any other key pressed between, starts the count again. */
    document.addEventListener("keydown", function (event) {
      if (event.key === "Shift") { interrupted = false; return; }
      interrupted = true;
      if (presses) { reset(); status.textContent = ""; }
    });
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift" || interrupted) { return; }
      presses += 1;
      clearTimeout(timer);
      if (presses >= 3) {
        reset();
        status.textContent = exitLink.dataset.tkExiting;
        exitNow();
        return;
      }
      var left = 3 - presses;
      /* The words come from the page (its language's strings file), so one script serves every language. */
      status.textContent = (left === 1 ? exitLink.dataset.tkPressOne : exitLink.dataset.tkPressMany)
        .replace("{count}", left);
      timer = setTimeout(function () {
        presses = 0;
        status.textContent = exitLink.dataset.tkExpired;
      }, 5000);
    });
  }

  /* Back/forward cache: if the reader comes back, show the page again. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { html.classList.remove("tk-exiting"); }
  });

  /* Worksheets: nothing is kept. Clear answers when the page is left, so that
     going back does not bring them back. Offer a print button. */
  var sheets = document.querySelectorAll("[data-tk-worksheet]");
  Array.prototype.forEach.call(sheets, function (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    /* Focusing a text field scrolls only far enough to show its caret; show the whole field
       (below the sticky header: the scroll padding in toolkit.css), the space being written in. */
    form.addEventListener("focusin", function (event) {
      if (event.target.tagName === "TEXTAREA") { event.target.scrollIntoView({block: "nearest"}); }
    });
  });
  window.addEventListener("pagehide", function () {
    Array.prototype.forEach.call(sheets, function (form) { form.reset(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-tk-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
