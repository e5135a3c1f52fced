"""Translated, right-to-left and easy read pages in Chromium: axe finds nothing, nothing leaves the site,
nothing is stored.

Only a handful of pages of the translated fixture (tests/fixtures/sites/languages, with the easy read
versions of tests/fixtures/sites/easy-read added), at both widths: the full suites already run on every
page of every language the real content publishes. Easy read pages are read with JavaScript on and off.
"""

from __future__ import annotations

import pytest

from tests.browser.harness import axe_context, new_context
from tests.browser.test_axe import WIDTHS, axe_problems, without_site_scripts
from tests.browser.test_privacy import NOTHING_LEFT, what_is_left

PAGES = ("pl/modules/first-steps.html", "pl/worksheets/coping-plan.html", "ar/modules/first-steps.html",
         "ar/modules/talking-to-your-child.html", "ar/privacy.html", "ar/help.html", "ar/index.html",
         "ar/search.html", "ar/404.html")
EASY_READ_PAGES = ("easy-read/index.html", "easy-read/modules/first-steps.html",
                   "easy-read/modules/talking-to-your-child.html", "easy-read/help.html", "easy-read/privacy.html",
                   "easy-read/search.html", "easy-read/404.html", "modules/first-steps.html")


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_on_translated_and_right_to_left_pages(browser, translated_site, width, javascript):
    context = axe_context(browser, width=width)
    if not javascript:
        without_site_scripts(context)
    page = context.new_page()
    problems = []
    # Without JavaScript only the easy read pages: the other suites read every page both ways.
    for name in (*PAGES, *EASY_READ_PAGES) if javascript else EASY_READ_PAGES:
        page.goto(translated_site.url("public", name))
        if width < 1220:
            page.locator(".tk-menu summary").click()
        problems += axe_problems(page, name)
    context.close()
    assert problems == [], "\n".join(problems)


def test_translated_pages_and_arabic_search_stay_on_origin_and_store_nothing(browser, translated_site):
    context, watch = new_context(browser, translated_site)
    page = context.new_page()
    for name in PAGES:
        page.goto(translated_site.url("public", name))
    page.goto(translated_site.url("public", "ar/search.html"))
    page.locator("#tk-search-input").fill("الصعبة")
    results = page.locator("#tk-search-results")
    results.locator("a").first.wait_for()
    found = results.locator("a").all_text_contents()
    state, left = what_is_left(context, page)
    context.close()
    assert "ماذا يمكنني أن أفعل اليوم؟" in found
    assert watch.off_origin == [] and watch.errors == [] and watch.failed == []
    assert state == {"cookies": [], "origins": []} and left == NOTHING_LEFT
