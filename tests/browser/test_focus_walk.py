"""Issue 16 item 2: a keyboard walk as a sighted keyboard user makes it, on every page of both editions.

At 390 and 1280 px, forwards and backwards, with the menu open and closed, and
on the search page with results shown: every focus stop is inside the viewport,
not covered, has a focus indicator of at least 3:1 against its surroundings
(from computed styles) and follows the visual order. What is checked at each
stop, and how, is written at the top of walk.js.

The walk runs inside the page, one evaluate per page and state: key presses from
Python cost a round trip per stop. `element.focus()` scrolls as Tab does, and the
first test below proves it against real key presses, so the fast walk is also the
true one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.harness import plain_context
from tests.browser.test_axe import WIDTHS

WALK = Path(__file__).with_name("walk.js").read_text(encoding="utf-8")
# The layout's regions, in reading order: focus order is compared within each, and between them.
REGIONS = (".tk-header", ".tk-bar", ".md-sidebar--primary", ".md-content", ".md-sidebar--secondary", ".tk-footer")
HEIGHT = 900
MENU_SHOWN_BELOW = 1220  # toolkit.css hides the menu from 76.25em (1220 px) up: the sidebar is shown

SETTLE = """(open) => {
  document.activeElement.blur();
  const menu = document.querySelector(".tk-menu");
  if (menu) menu.open = open;
  scrollTo(0, 0);
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""

# The scroll position after each Tab press, read in the page: one round trip per press, not two.
RECORD_SCROLLS = """() => { window.__tkScrolls = [];
  addEventListener("keyup", (event) => event.key === "Tab" && window.__tkScrolls.push([scrollX, scrollY]), true); }"""


def walk(page, width: int, *, menu_open: bool = False) -> dict:
    """Resize the page, open or close the menu, scroll to the top, and walk it."""
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.evaluate(SETTLE, menu_open)  # a frame, so toolkit.js has measured the header at this width
    return page.evaluate(WALK, list(REGIONS))


def page_states(width: int) -> list[bool]:
    """The menu states to walk at a width: closed, and open where the menu is shown."""
    return [False, True] if width < MENU_SHOWN_BELOW else [False]


@pytest.mark.parametrize("site", ["fixture"], indirect=True)  # browser behaviour, not content
def test_the_walk_scrolls_exactly_as_tab_and_shift_tab_do(browser, site):
    """Real key presses through a long page, compared stop by stop with the in-page walk."""
    context = plain_context(browser)
    page = context.new_page()
    differences = []
    for name, width in (("modules/first-steps.html", 1280), ("worksheets/coping-plan.html", 390)):
        page.set_viewport_size({"width": width, "height": HEIGHT})
        page.goto(site.url("public", name))
        page.keyboard.press("Tab")
        walked = walk(page, width)
        count = walked["stops"] // 2
        # The walk's first backward stop is the last control again (focus stays put).
        expected = walked["scrolls"][:count] + walked["scrolls"][count + 1 :]
        assert len({tuple(position) for position in expected}) > 2, f"{name} does not scroll: it proves nothing"
        page.goto(site.url("public", name))
        page.evaluate(RECORD_SCROLLS)
        for key in ["Tab"] * count + ["Shift+Tab"] * (count - 1):
            page.keyboard.press(key)
        pressed = page.evaluate("window.__tkScrolls")
        if pressed != expected:
            stop = next(i for i, (a, b) in enumerate(zip(pressed, expected, strict=True)) if a != b)
            differences.append(f"{name} at {width} px: stop {stop}: keys {pressed[stop]}, walk {expected[stop]}")
    context.close()
    assert differences == []


def test_keyboard_walk_finds_no_hidden_covered_faint_or_out_of_order_stop_on_every_page(browser, site):
    context = plain_context(browser)
    page = context.new_page()
    problems = []
    stops = 0
    for edition, name, url in site.walked_pages():
        page.goto(url)
        page.keyboard.press("Tab")  # keyboard modality, so focus() shows :focus-visible as Tab does
        for width in WIDTHS:
            for menu_open in page_states(width):
                walked = walk(page, width, menu_open=menu_open)
                stops += walked["stops"]
                state = f"{width} px, menu {'open' if menu_open else 'closed'}"
                problems += [f"{edition}/{name} ({state}): {problem}" for problem in walked["problems"]]
    context.close()
    print(f"keyboard walk: {stops} focus stops on {site.name}")
    assert stops > 0
    assert problems == [], "\n".join(problems)


def test_keyboard_walk_on_right_to_left_and_translated_pages(browser, translated_site):
    """Every page of the translated fixture: Arabic pages are read from the right."""
    context = plain_context(browser)
    page = context.new_page()
    problems = []
    for edition, name, url in translated_site.every_page():
        page.goto(url)
        page.keyboard.press("Tab")
        for width in WIDTHS:
            for menu_open in page_states(width):
                walked = walk(page, width, menu_open=menu_open)
                problems += [f"{edition}/{name} ({width} px): {problem}" for problem in walked["problems"]]
    context.close()
    assert problems == [], "\n".join(problems)


def test_keyboard_walk_with_search_results_open(browser, site):
    context = plain_context(browser)
    page = context.new_page()
    problems = []
    for edition in ("public", "professional"):
        page.goto(site.url(edition, "search.html"))
        page.locator("#tk-search-input").fill("help")
        expect(page.locator("#tk-search-results a").first).to_be_visible()
        page.keyboard.press("Tab")
        for width in WIDTHS:
            walked = walk(page, width)
            results = page.locator("#tk-search-results a").count()
            assert walked["stops"] >= 2 * results > 0
            problems += [f"{edition}/search.html ({width} px): {problem}" for problem in walked["problems"]]
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("site", ["fixture"], indirect=True)
def test_scroll_padding_follows_a_header_that_grows(browser, site):
    """A long site name wraps and makes the header taller: toolkit.js measures it again."""
    context = plain_context(browser, width=390)
    page = context.new_page()
    page.goto(site.url("public", "modules/first-steps.html"))
    before = page.evaluate("document.querySelector('.tk-header').offsetHeight")
    page.evaluate("document.querySelector('.tk-header__title').textContent = 'A site name long enough to wrap "
                  "onto three lines on a phone screen'")
    page.keyboard.press("Tab")
    walked = walk(page, 390)
    after = page.evaluate("document.querySelector('.tk-header').offsetHeight")
    context.close()
    assert after > before + 20
    assert walked["problems"] == []
