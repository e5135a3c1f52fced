"""Translated and right-to-left pages in Chromium: axe finds nothing, nothing leaves the site, nothing is stored.

Only a handful of pages of the translated fixture (tests/fixtures/sites/languages), at both widths:
the full suites already run on every page of every language the real content publishes.
"""

from __future__ import annotations

import pytest

from tests.browser.harness import axe_context, new_context
from tests.browser.test_axe import WIDTHS, axe_problems
from tests.browser.test_privacy import NOTHING_LEFT, what_is_left

PAGES = ("pl/modules/first-steps.html", "pl/worksheets/coping-plan.html", "ar/modules/first-steps.html",
         "ar/modules/talking-to-your-child.html", "ar/privacy.html", "ar/help.html", "ar/index.html",
         "ar/search.html", "ar/404.html")


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_on_translated_and_right_to_left_pages(browser, translated_site, width):
    context = axe_context(browser, width=width)
    page = context.new_page()
    problems = []
    for name in PAGES:
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
