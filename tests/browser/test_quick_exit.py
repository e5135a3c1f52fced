"""Issue 5 item 1: the quick exit, modelled on GOV.UK "Exit this page".

Click or Shift pressed three times within five seconds (announced to screen
readers; Esc does nothing); the page is blanked at once and the history entry
replaced by the neutral destination from site.yml. The button is sticky and
never covered, on every page, at phone and desktop widths.
"""

from __future__ import annotations

import pytest

from tests.browser.harness import new_context, plain_context

STATUS = "[data-tk-exit-status]"


def open_page(browser, site, page_name="index.html", **options):
    context, watch = new_context(browser, site, **options)
    page = context.new_page()
    page.clock.install()
    page.goto(site.url("public", page_name))
    return context, watch, page


# Clicks in the page and reads the page in the same task, before the browser leaves it.
CLICK_AND_LOOK = """() => {
  document.getElementById("tk-quick-exit").click();
  return {
    exiting: document.documentElement.classList.contains("tk-exiting"),
    title: document.title,
    shown: Array.from(document.body.children).filter((e) => getComputedStyle(e).display !== "none").length,
  };
}"""


def test_click_blanks_the_page_at_once_and_replaces_the_history_entry(browser, site):
    context, watch = new_context(browser, site)
    page = context.new_page()
    page.goto(site.url("public", "index.html"))
    page.goto(site.url("public", "a-z.html"))
    assert page.evaluate(CLICK_AND_LOOK) == {"exiting": True, "title": "", "shown": 0}
    page.wait_for_url(site.exit_destination)
    page.go_back()
    assert page.url == site.url("public", "index.html")  # a-z.html was replaced, not kept
    assert watch.exits == [{"url": site.exit_destination, "referer": None, "navigation": True}]
    context.close()


def test_shift_three_times_exits_with_announcements(browser, site):
    context, watch, page = open_page(browser, site)
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status"
    page.keyboard.press("Shift")
    assert status.text_content() == "Shift, press 2 more times to exit."
    page.keyboard.press("Shift")
    assert status.text_content() == "Shift, press 1 more time to exit."
    page.keyboard.press("Shift")
    page.wait_for_url(site.exit_destination)
    assert [exit["url"] for exit in watch.exits] == [site.exit_destination]
    context.close()


def test_shift_presses_expire_after_five_seconds(browser, site):
    context, watch, page = open_page(browser, site)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5001)
    assert page.locator(STATUS).text_content() == "Exit this page expired."
    page.keyboard.press("Shift")
    assert page.locator(STATUS).text_content() == "Shift, press 2 more times to exit."
    assert watch.exits == []
    context.close()


@pytest.mark.parametrize("keys", [["Escape"] * 3, ["Shift+A", "Shift+B", "Shift+C"]])
def test_escape_and_capital_letters_do_not_exit(browser, site, keys):
    context, watch, page = open_page(browser, site, "search.html")
    page.locator("#tk-search-input").focus()
    for key in keys:
        page.keyboard.press(key)
    page.clock.run_for(1000)
    assert watch.exits == []
    assert page.url == site.url("public", "search.html")
    context.close()


def test_returning_through_the_back_forward_cache_clears_the_blank_page(browser, site):
    context, _, page = open_page(browser, site)
    page.evaluate("document.documentElement.classList.add('tk-exiting')")
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert "tk-exiting" not in page.evaluate("document.documentElement.className")
    context.close()


# What keeps the button from being seen and clicked, or null. Off screen is said in words:
# elementFromPoint answers null there, which must not read as "uncovered".
COVERED = """(button) => {
  const box = button.getBoundingClientRect();
  if (box.top < 0 || box.bottom > innerHeight) { return `off screen (top ${Math.round(box.top)} px)`; }
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  if (hit === button || button.contains(hit)) { return null; }
  return hit ? hit.outerHTML.slice(0, 80) : "nothing at its centre";
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_quick_exit_stays_visible_and_uncovered_on_every_page(browser, site, width):
    context = plain_context(browser, width=width, height=700)
    page = context.new_page()
    problems = []
    for edition, name, url in site.walked_pages():
        page.goto(url)
        button = page.locator("#tk-quick-exit")
        for position in ("0", "document.body.scrollHeight / 2", "document.body.scrollHeight"):
            page.evaluate(f"window.scrollTo(0, {position})")
            covered = button.evaluate(COVERED)
            if covered is not None:
                problems.append(f"{edition}/{name} scrolled to {position}: covered by {covered}")
        if width == 390 and name == "index.html":
            page.locator(".tk-menu summary").click()
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            if button.evaluate(COVERED) is not None:
                problems.append(f"{edition}/{name}: covered with the menu open")
    context.close()
    assert problems == []
