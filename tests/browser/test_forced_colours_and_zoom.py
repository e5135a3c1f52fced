"""Issue 16 item 3: forced colours, zoom and reduced motion.

Forced colours (Windows contrast themes) are emulated with Playwright's
`forced_colors="active"`. Zoom is emulated as the window a zoomed browser lays
out: a 1280 x 900 window at 200% is 640 x 450 CSS pixels drawn at a device scale
factor of 2, and at 400% 320 x 225 CSS pixels at a factor of 4. Layout depends
only on the CSS pixels; the scale factor makes the screenshots what a reader sees.
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from tests.browser.harness import plain_context
from tests.browser.test_focus_walk import REGIONS, WALK
from tests.browser.test_layout import CLIPPED, HORIZONTAL_OVERFLOW

ZOOMS = {200: (640, 450), 400: (320, 225)}

# What must keep a visible edge of its own when the system replaces every colour.
BOUNDED = (".tk-quick-exit", ".tk-urgent", ".tk-card", ".tk-worksheet textarea", ".tk-worksheet input[type='number']")

EDGES = """(selectors) => {
  const channels = (colour) => colour.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (x, y) => { const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
  const backdrop = (e) => {
    for (let node = e; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (!colour.startsWith("rgba") || colour.endsWith(", 1)")) return channels(colour);
    }
    return [255, 255, 255];
  };
  return selectors.flatMap((selector) => Array.from(document.querySelectorAll(selector)).map((e) => {
    const style = getComputedStyle(e);
    const sides = ["Top", "Right", "Bottom", "Left"].filter((side) => style[`border${side}Style`] !== "none"
      && parseFloat(style[`border${side}Width`]) >= 2
      && contrast(channels(style[`border${side}Color`]), backdrop(e.parentElement)) >= 3);
    return sides.length === 4 ? null : `${selector}: edges drawn on ${sides.join(", ") || "no side"}`;
  })).filter(Boolean);
}"""

MOVING = """() => Array.from(document.querySelectorAll("*")).filter((e) => {
  const style = getComputedStyle(e);
  const moves = (list) => list.split(",").some((value) => parseFloat(value) > 0);
  return moves(style.transitionDuration) || (style.animationName !== "none" && moves(style.animationDuration))
    || style.scrollBehavior === "smooth";
}).map((e) => e.tagName.toLowerCase() + "." + e.className).slice(0, 5)"""


def one_page_per_kind(site, edition: str) -> list[str]:
    """A page of each kind (start, audience, topic, module, worksheet, help...), from the built files."""
    kinds = {}
    for name in site.pages(edition):
        html = (site.folder / edition / name).read_text(encoding="utf-8")
        kind = re.search(r'<body[^>]*class="([^"]*)"', html)[1]
        kinds.setdefault(kind, name)
    return sorted(kinds.values())


def luminance(pixel) -> float:
    def linear(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(v) for v in pixel[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a, b) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def edge_contrast(page, selector: str) -> float:
    """From a screenshot: on each of the element's four sides, at its middle, the best contrast
    between a pixel of the 3 px just inside its box and the page 3 px outside it; the weakest side."""
    box = page.locator(selector).first.bounding_box()
    margin = 6
    clip = {"x": box["x"] - margin, "y": box["y"] - margin,
            "width": box["width"] + 2 * margin, "height": box["height"] + 2 * margin}
    image = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    width, height = image.size
    x, y = width // 2, height // 2
    sides = [
        ([(margin + d, y) for d in range(3)], (margin - 3, y)),
        ([(width - 1 - margin - d, y) for d in range(3)], (width - 1 - margin + 3, y)),
        ([(x, margin + d) for d in range(3)], (x, margin - 3)),
        ([(x, height - 1 - margin - d) for d in range(3)], (x, height - 1 - margin + 3)),
    ]
    return min(
        max(contrast(image.getpixel(point), image.getpixel(outside)) for point in band)
        for band, outside in sides
    )


def test_forced_colours_keep_every_boundary_and_focus_indicator(browser, site):
    context = plain_context(browser, forced_colors="active")
    page = context.new_page()
    problems = []
    for edition in ("public", "professional"):
        for name in one_page_per_kind(site, edition):
            page.goto(site.url(edition, name))
            assert page.evaluate("matchMedia('(forced-colors: active)').matches")
            problems += [f"{edition}/{name}: {problem}" for problem in page.evaluate(EDGES, list(BOUNDED))]
            page.keyboard.press("Tab")
            page.evaluate("document.activeElement.blur()")
            walked = page.evaluate(WALK, list(REGIONS))
            problems += [f"{edition}/{name}: {problem}" for problem in walked["problems"]]
    context.close()
    assert problems == [], "\n".join(problems)


# These two look at the theme's CSS, the same for any content: the fixture site is enough.
@pytest.mark.parametrize("site", ["fixture"], indirect=True)
@pytest.mark.parametrize("selector,page_name", [
    (".tk-quick-exit", "help.html"),
    (".tk-urgent", "help.html"),
    (".tk-card", "help.html"),
    (".tk-worksheet textarea", "worksheets/coping-plan.html"),
])
def test_forced_colours_screenshots_show_each_edge(browser, site, selector, page_name):
    """Screenshots with and without forced colours: the colours change, the edge stays visible."""
    shots = {}
    for mode in ("none", "active"):
        context = plain_context(browser, forced_colors=mode, device_scale_factor=1)
        page = context.new_page()
        page.goto(site.url("public", page_name))
        # Centred, not just into view: edge_contrast reads 6 px outside the box, which must be on screen
        # (a help card is taller while its service is closed, and reached the viewport's edge).
        page.locator(selector).first.evaluate("element => element.scrollIntoView({block: 'center'})")
        shots[mode] = (page.locator(selector).first.screenshot(), edge_contrast(page, selector))
        context.close()
    assert shots["none"][0] != shots["active"][0]
    assert shots["active"][1] >= 3, f"{selector}: edge contrast {shots['active'][1]:.2f}:1"


@pytest.mark.parametrize("zoom", sorted(ZOOMS))
def test_zoom_clips_hides_and_covers_nothing_on_every_page_of_each_kind(browser, site, zoom):
    width, height = ZOOMS[zoom]
    context = plain_context(browser, width=width, height=height, device_scale_factor=zoom // 100)
    page = context.new_page()
    problems = []
    for edition in ("public", "professional"):
        for name in one_page_per_kind(site, edition):
            page.goto(site.url(edition, name))
            found = page.evaluate(f"() => [({CLIPPED})(), ({HORIZONTAL_OVERFLOW})()].flat().filter(Boolean)")
            exit_box = page.locator(".tk-quick-exit").bounding_box()
            if exit_box is None or exit_box["y"] < 0 or exit_box["y"] + exit_box["height"] > height:
                found.append(f"quick exit not on screen: {exit_box}")
            page.keyboard.press("Tab")
            page.evaluate("document.activeElement.blur()")
            found += page.evaluate(WALK, list(REGIONS))["problems"]
            problems += [f"{edition}/{name} at {zoom}%: {problem}" for problem in found]
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("site", ["fixture"], indirect=True)
def test_nothing_moves_when_reduced_motion_is_asked_for(browser, site):
    moving = {}
    for preference in ("no-preference", "reduce"):
        context = plain_context(browser, reduced_motion=preference)
        page = context.new_page()
        moving[preference] = []
        for edition in ("public", "professional"):
            for name in one_page_per_kind(site, edition):
                page.goto(site.url(edition, name))
                moving[preference] += [f"{edition}/{name}: {e}" for e in page.evaluate(MOVING)]
        context.close()
    assert moving["no-preference"], "nothing moves even without the preference: the check would prove nothing"
    assert moving["reduce"] == []
