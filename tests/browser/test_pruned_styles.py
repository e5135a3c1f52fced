"""Pruning the stylesheets changes no pixel: every page kind, both editions, phone and desktop.

Each page is drawn twice in Chromium: with the stylesheet as built (only the rules of Material's
and ours the edition's pages can use, and the custom properties and animations those use) and
with both full stylesheets put in its place, and the two screenshots must be the same pixel for
pixel; also with the menu open, with search results shown, and with JavaScript off; and right to
left and in easy read, whose trees have stylesheets of their own.
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageChops

from tests.browser.harness import EDITIONS, plain_context
from toolkit.harden.unused_css import full_stylesheet

WIDTHS = (390, 1280)
# One page of each kind for the real content; the fixture is small enough to take every page.
PUBLIC_KINDS = (r"index\.html", r"self/index\.html", r"topics/[^/]+\.html", r"modules/[^/]+\.html", r"help\.html",
                r"worksheets/index\.html", r"worksheets/[^/]+\.html", r"search\.html", r"404\.html", r"a-z\.html",
                r"privacy\.html")
KINDS = (*PUBLIC_KINDS, r"professionals/index\.html")


# Right to left and easy read, in the languages fixture: each tree has a stylesheet of its own. Every
# kind of page in the Arabic tree; in easy read the kinds whose layout it changes (pictures beside each
# idea, large numbers on help cards, worksheets); the professional edition's own Arabic page and a module.
TREES = (("public", "ar/", PUBLIC_KINDS),
         ("public", "easy-read/", (r"index\.html", r"modules/[^/]+\.html", r"help\.html", r"worksheets/[^/]+\.html",
                                   r"search\.html")),
         ("professional", "ar/", (r"modules/[^/]+\.html", r"professionals/index\.html")))


def one_of_each(pages: list[str], kinds: tuple[str, ...], tree: str = "") -> list[str]:
    """The first page of each kind (a pattern of its path inside the tree)."""
    chosen = []
    for kind in kinds:
        matching = [page for page in pages if re.fullmatch(re.escape(tree) + kind, page)]
        if matching:
            chosen.append(matching[0])
    return chosen


def pages_to_compare(site, edition: str) -> list[str]:
    pages = site.pages(edition)
    return pages if site.name == "fixture" else one_of_each(pages, KINDS)


def serve_full_stylesheet(context) -> list[str]:
    """Answer every request for the built (pruned) stylesheet with the full ones; returns the requests."""
    css = full_stylesheet().encode()
    served: list[str] = []

    def answer(route, request=None) -> None:
        served.append(route.request.url)
        route.fulfill(status=200, content_type="text/css", body=css)

    # The built file is pruned and named by its content: toolkit.<hash>.css.
    context.route("**/assets/toolkit.*.css", answer)
    return served


def same_pixels(first: bytes, second: bytes) -> bool:
    if first == second:
        return True
    a, b = Image.open(io.BytesIO(first)).convert("RGBA"), Image.open(io.BytesIO(second)).convert("RGBA")
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def shots(browser, urls: list[str], width: int, *, full: bool, javascript: bool = True, action=None) -> list[bytes]:
    context = plain_context(browser, width=width, java_script_enabled=javascript)
    served = serve_full_stylesheet(context) if full else None
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


def compared(browser, site, edition: str, pages: list[str], width: int) -> list[str]:
    """The pages that do not look the same with the built and with the full stylesheets."""
    urls = [site.url(edition, page) for page in pages]
    pruned, full = shots(browser, urls, width, full=False), shots(browser, urls, width, full=True)
    return [page for page, a, b in zip(pages, pruned, full, strict=True) if not same_pixels(a, b)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_kind_looks_the_same_with_the_full_stylesheet(browser, site, edition, width):
    assert compared(browser, site, edition, pages_to_compare(site, edition), width) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_right_to_left_and_easy_read_pages_look_the_same_with_the_full_stylesheet(browser, translated_site, width):
    different = []
    for edition, tree, kinds in TREES:
        pages = one_of_each(translated_site.pages(edition), kinds, tree)
        assert len(pages) == len(kinds), f"the languages fixture lacks a kind of page in {edition} {tree}"
        different += compared(browser, translated_site, edition, pages, width)
    assert different == []


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
