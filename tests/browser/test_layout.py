"""Issue 6 items 3 and 6, layout: reflow at 320 px, text spacing, target size and print, on every page."""

from __future__ import annotations

import pytest

from tests.browser.harness import plain_context

REFLOW_WIDTH = 320  # 1280 px at 400% zoom (WCAG 1.4.10)
# WCAG 1.4.12 text spacing, as in the W3C's own test bookmarklet.
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
)
SPACING_SHEET = "tk-test-text-spacing.css"

HORIZONTAL_OVERFLOW = """() => document.documentElement.scrollWidth > innerWidth
  ? Array.from(document.querySelectorAll("body *"))
      .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest(".tk-visually-hidden, .tk-skip"))
      .map((e) => e.tagName.toLowerCase() + "." + e.className).slice(0, 3).join(", ") || "page"
  : null"""

CLIPPED = """() => Array.from(document.querySelectorAll("body *")).filter((e) => {
  if (e.closest(".tk-visually-hidden") || !e.textContent.trim()) return false;
  const style = getComputedStyle(e);
  const hides = (value) => value === "hidden" || value === "clip";
  return (hides(style.overflowX) && e.scrollWidth > e.clientWidth + 1)
      || (hides(style.overflowY) && e.scrollHeight > e.clientHeight + 1);
}).map((e) => e.outerHTML.slice(0, 80))"""

# Controls smaller than 24 x 24 CSS px (WCAG 2.5.8), except links inside a sentence (the
# criterion's "inline" exception) and the skip link while it is off screen.
SMALL_TARGETS = """() => Array.from(document.querySelectorAll("a[href], button, input, select, textarea, summary"))
  .filter((e) => e.checkVisibility({visibilityProperty: true}) && !e.matches(".tk-skip"))
  .filter((e) => {
    const box = e.getBoundingClientRect();
    if (box.width >= 24 && box.height >= 24) return false;
    const block = e.closest("p, li, dd, td, th, figcaption, blockquote");
    const inSentence = getComputedStyle(e).display === "inline" && block
      && block.textContent.trim().length > e.textContent.trim().length;
    return !inSentence;
  })
  .map((e) => e.outerHTML.slice(0, 80) + " " + Math.round(e.getBoundingClientRect().width) + "x"
    + Math.round(e.getBoundingClientRect().height))"""


def every_page_problems(browser, site, width: int, check: str, prepare=None) -> list[str]:
    context = plain_context(browser, width=width)
    page = context.new_page()
    if prepare:
        prepare(context, page)
    problems = []
    for edition, name, url in site.walked_pages():
        page.goto(url)
        if prepare:
            page.evaluate(f"""() => {{ const link = document.createElement("link");
                link.rel = "stylesheet"; link.href = "/{SPACING_SHEET}"; document.head.appendChild(link);
                return new Promise((done) => link.onload = done); }}""")
        found = page.evaluate(check)
        if found:
            problems.append(f"{edition}/{name}: {found}")
    context.close()
    return problems


def test_no_horizontal_scrolling_at_320_px_on_every_page(browser, site):
    assert every_page_problems(browser, site, REFLOW_WIDTH, HORIZONTAL_OVERFLOW) == []


def serve_text_spacing(context, page) -> None:
    # Served as a file of the site's own origin, so the page's CSP (style-src 'self') lets it
    # apply without bypass_csp: the test sees the page under its real policy.
    context.route(
        f"**/{SPACING_SHEET}",
        lambda route: route.fulfill(content_type="text/css", body=TEXT_SPACING),
    )


@pytest.mark.parametrize("width", [REFLOW_WIDTH, 1280])
def test_text_spacing_clips_nothing_and_adds_no_scrolling_on_every_page(browser, site, width):
    problems = every_page_problems(
        browser,
        site,
        width,
        f"() => [({CLIPPED})(), ({HORIZONTAL_OVERFLOW})()].flat().filter(Boolean)",
        serve_text_spacing,
    )
    assert problems == []


@pytest.mark.parametrize("width", [390, 1280])
def test_targets_are_at_least_24_px_on_every_page(browser, site, width):
    problems = every_page_problems(browser, site, width, SMALL_TARGETS)
    assert problems == [], "\n".join(problems)


PRINTED = """() => ({
  hidden: [".tk-header", ".tk-bar", ".md-sidebar", ".tk-skip", ".tk-footer__links"]
    .filter((s) => document.querySelector(s))
    .filter((s) => Array.from(document.querySelectorAll(s)).some((e) => getComputedStyle(e).display !== "none")),
  urls: Array.from(document.querySelectorAll(".md-typeset a[href^='http']"))
    .filter((a) => !getComputedStyle(a, "::after").content.includes(a.getAttribute("href")))
    .map((a) => a.getAttribute("href")),
  split: Array.from(document.querySelectorAll(".tk-card, .tk-urgent"))
    .filter((e) => getComputedStyle(e).breakInside !== "avoid").length,
})"""


def test_print_shows_content_only_with_urls_and_whole_cards_on_every_page(browser, site):
    context = plain_context(browser)
    page = context.new_page()
    page.emulate_media(media="print")
    problems = []
    for edition, name, url in site.walked_pages():
        page.goto(url)
        printed = page.evaluate(PRINTED)
        if printed != {"hidden": [], "urls": [], "split": 0}:
            problems.append(f"{edition}/{name}: {printed}")
    pdf = page.pdf(format="A4")
    context.close()
    assert problems == []
    assert pdf.startswith(b"%PDF")
