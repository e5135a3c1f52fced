"""Issue 6 item 1: axe-core finds no violation and nothing left to review, on every page of both editions.

At phone and desktop widths, with JavaScript on and off, with the menu, the
quick-exit announcement and search results open. No rule is turned off.
"""

from __future__ import annotations

import functools
import re

import pytest
from playwright.sync_api import expect

from tests.browser.harness import axe_context

WIDTHS = (390, 1280)
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
# "Incomplete" results a person has reviewed and found to pass: {rule id: why}. Empty: none needed.
REVIEWED_INCOMPLETE: dict[str, str] = {}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations", "incomplete"]});
  const describe = (list) => list.map((rule) => ({
    id: rule.id, nodes: rule.nodes.map((node) => node.target.join(" ") + " - " + (node.failureSummary || "")
      .replace(/\\s+/g, " ").slice(0, 200)),
  }));
  return {violations: describe(result.violations), incomplete: describe(result.incomplete)};
}"""


def page_strings(page):
    """The theme's texts in the page's own language (pages of every language tree are tested)."""
    return strings_for(page.evaluate("document.documentElement.lang"))


@functools.lru_cache
def strings_for(tag: str):
    from toolkit.content.strings import load_strings

    return load_strings([tag], [])[tag]


def open_every_control(page, name: str, width: int, javascript: bool) -> None:
    """Put the page in the state with the most on show: menu open, exit announcement, search results."""
    if width < 1220:
        page.locator(".tk-menu summary").click()
    if javascript:
        page.keyboard.press("Shift")
        words = page_strings(page)
        expect(page.locator("[data-tk-exit-status]")).to_have_text(words.text("exit.press_many", count=2))
        if name.endswith("search.html"):
            page.locator("#tk-search-input").fill("help")
            expect(page.locator("#tk-search-results")).not_to_be_empty()


def axe_problems(page, where: str) -> list[str]:
    # From the top: scrolled, the sticky header overlaps text and axe cannot tell its contrast.
    page.evaluate("window.scrollTo(0, 0)")
    result = page.evaluate(RUN_AXE, list(AXE_TAGS))
    problems = [
        f"{where}: {rule['id']}: {node}" for rule in result["violations"] for node in rule["nodes"]
    ]
    problems += [
        f"{where}: needs review: {rule['id']}: {node}"
        for rule in result["incomplete"]
        if rule["id"] not in REVIEWED_INCOMPLETE
        for node in rule["nodes"]
    ]
    return problems


def without_site_scripts(context) -> None:
    """The site's own scripts never run in this context (each is answered with an empty file).

    axe itself needs the JavaScript engine, so "off" means the page is exactly what a reader
    without JavaScript gets. test_without_javascript.py browses with JavaScript really disabled.
    """
    context.route(
        re.compile(r"^http://127\.0\.0\.1:\d+/.*\.js$"),
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=""),
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_on_every_page(browser, site, width, javascript):
    context = axe_context(browser, width=width)
    if not javascript:
        without_site_scripts(context)
    page = context.new_page()
    problems = []
    for edition, name, url in site.every_page():
        page.goto(url)
        open_every_control(page, name, width, javascript)
        problems += axe_problems(page, f"{edition}/{name}")
    context.close()
    assert problems == [], "\n".join(problems)
