"""The test-proven part of the accessibility statement, rendered from tested.yml."""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path

import yaml

TESTED = Path(__file__).with_name("tested.yml")
STATEMENT_PAGE = "accessibility.md"


@cache
def tested() -> dict:
    return yaml.safe_load(TESTED.read_text(encoding="utf-8"))


def statement_html() -> str:
    """An HTML section saying what the automated tests check on every page."""
    data = tested()
    widths = " and ".join(f"{width} pixels" for width in data["widths"])
    items = [
        f"no problems found by the axe-core {data['axe_core']} accessibility checker "
        f"(WCAG 2.0, 2.1 and 2.2 levels A and AA, and best practice), on screens {widths} wide, "
        f"with JavaScript {' and '.join(data['javascript'])}",
        "no errors found by the Nu Html Checker",
        "every page can be reached and read with JavaScript turned off",
        "a skip link comes first and every link, button and field shows where the keyboard focus is",
        f"moving through every page with the keyboard, forwards and backwards, on screens {widths} wide "
        "and with the menu open: each place the focus stops is on screen, not hidden under anything, "
        f"marked clearly enough (at least {data['focus_contrast']} to 1 contrast) and in the order the page is read",
        "with a high-contrast colour theme (Windows contrast themes), the quick exit, help cards, "
        "the urgent help box, worksheet fields and the keyboard focus can still be seen",
        f"at {' and '.join(f'{zoom}%' for zoom in data['zoom'])} zoom nothing is cut off, hidden or covered",
        "nothing moves when your device is set to reduce motion",
        "what a screen reader is given on each kind of page (its parts, headings, and the names of links "
        "and fields) is the same as a version a person has checked",
        f"no sideways scrolling on a screen {data['reflow_width']} pixels wide (400% zoom)",
        "nothing is cut off when the spacing between letters, words, lines and paragraphs is increased",
        f"every button and stand-alone link is at least {data['target_size']} by {data['target_size']} pixels",
        "pages print without menus, with the address of each link to another website",
    ]
    rows = "".join(f"<li>{escape(item)}.</li>" for item in items)
    return (
        '<section class="tk-tested" aria-labelledby="tk-tested">'
        '<h2 id="tk-tested">What our automated tests check</h2>'
        "<p>Every time this site is built, automated tests check every page of it for:</p>"
        f"<ul>{rows}</ul>"
        "<p>Automated tests cannot find every problem. People also check the site by hand.</p>"
        "</section>"
    )
