"""Pruning Material's stylesheet changes no pixel: every page kind, both editions, phone and desktop.

Each page is drawn twice in Chromium: with the stylesheet as built (only the rules the
edition's pages can use) and with Material's full stylesheet put in its place, and the two
screenshots must be the same pixel for pixel; also with the menu open, with search results
shown, and with JavaScript off.
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageChops

from tests.browser.harness import EDITIONS, plain_context
from toolkit.harden.unused_css import PRUNED, theme_original

WIDTHS = (390, 1280)
# One page of each kind for the real content; the fixture is small enough to take every page.
KINDS = (r"index\.html", r"self/index\.html", r"topics/[^/]+\.html", r"modules/[^/]+\.html", r"help\.html",
         r"worksheets/index\.html", r"worksheets/[^/]+\.html", r"search\.html", r"404\.html", r"a-z\.html",
         r"privacy\.html", r"professionals/index\.html")


def pages_to_compare(site, edition: str) -> list[str]:
    pages = site.pages(edition)
    if site.name == "fixture":
        return pages
    chosen = []
    for kind in KINDS:
        matching = [page for page in pages if re.fullmatch(kind, page)]
        if matching:
            chosen.append(matching[0])
    return chosen


def full_stylesheet(context) -> list[str]:
    """Answer every request for the built (pruned) stylesheet with Material's full one; returns the requests."""
    css = theme_original(PRUNED[0]).read_bytes()
    served: list[str] = []

    def answer(route, request=None) -> None:
        served.append(route.request.url)
        route.fulfill(status=200, content_type="text/css", body=css)

    # The built copy is pruned and named by its content: main.<hash>.min.css.
    context.route("**/assets/stylesheets/main.*.min.css", answer)
    return served


def same_pixels(first: bytes, second: bytes) -> bool:
    if first == second:
        return True
    a, b = Image.open(io.BytesIO(first)).convert("RGBA"), Image.open(io.BytesIO(second)).convert("RGBA")
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def shots(browser, urls: list[str], width: int, *, full: bool, javascript: bool = True, action=None) -> list[bytes]:
    context = plain_context(browser, width=width, java_script_enabled=javascript)
    served = full_stylesheet(context) if full else None
    page = context.new_page()
    taken = []
    for url in urls:
        page.goto(url)
        if action:
            action(page)
        taken.append(page.screenshot(full_page=True, animations="disabled"))
    context.close()
    assert served is None or served, "the full stylesheet was never put in place of the built one"
    return taken


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_kind_looks_the_same_with_the_full_stylesheet(browser, site, edition, width):
    pages = pages_to_compare(site, edition)
    urls = [site.url(edition, page) for page in pages]
    pruned, full = shots(browser, urls, width, full=False), shots(browser, urls, width, full=True)
    assert [page for page, a, b in zip(pages, pruned, full, strict=True) if not same_pixels(a, b)] == []


def open_menu(page) -> None:
    page.locator("details.tk-menu > summary").click()


def show_results(page) -> None:
    page.fill("#tk-search-input", "help")
    page.wait_for_selector("#tk-search-results li")


@pytest.mark.parametrize(("name", "page_name", "width", "javascript", "action"), [
    ("menu open", "index.html", 390, True, open_menu),
    ("search results", "search.html", 1280, True, show_results),
    ("search results on a phone", "search.html", 390, True, show_results),
    ("JavaScript off", "index.html", 390, False, None),
])
def test_states_look_the_same_with_the_full_stylesheet(browser, site, name, page_name, width, javascript, action):
    urls = [site.url("public", page_name)]
    pruned = shots(browser, urls, width, full=False, javascript=javascript, action=action)
    full = shots(browser, urls, width, full=True, javascript=javascript, action=action)
    assert same_pixels(pruned[0], full[0]), name
