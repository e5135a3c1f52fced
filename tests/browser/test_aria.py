"""Issue 16 item 4: what a screen reader hears, from Chromium's accessibility tree.

For one page of each kind of the fixture site (not the real content, so that
content edits do not change them) the test takes Playwright's ARIA snapshot of
the page and

- asserts its structure: one main landmark and one banner, every navigation
  named, a headings outline that starts at level 1 and skips no level, the quick
  exit named for what it does, help-card numbers as call links inside a region
  named after the service, worksheet fields with their labels, and the
  quick-exit shortcut announced in a live region;
- compares it with the reviewed snapshot in tests/browser/aria/. A changed page
  fails until a person has looked at the difference and accepted it (README there).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.harness import plain_context

SNAPSHOTS = Path(__file__).with_name("aria")
UPDATE = "TOOLKIT_UPDATE_ARIA"  # set to 1 to rewrite the snapshots, for a person to review
SHIFT_ANNOUNCEMENT = "Shift, press 2 more times to exit."

# Page kind: (edition, page).
KINDS = {
    "start": ("public", "index.html"),
    "audience": ("public", "self/index.html"),
    "topic": ("public", "topics/coping-strategies.html"),
    "module": ("public", "modules/first-steps.html"),
    "help-directory": ("public", "help.html"),
    "worksheet-fill-in": ("public", "worksheets/coping-plan.html"),
    "search": ("public", "search.html"),
    "not-found": ("public", "404.html"),
    "professional-module": ("professional", "modules/responding-to-disclosure.html"),
}

# Help cards say whether a service is open now: the snapshots are taken at one fixed moment,
# a Wednesday morning in December (UK time), when the fixture's Stop It Now line is open.
CLOCK = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)

HEADING = re.compile(r'- heading "(?P<name>[^"]*)" \[level=(?P<level>\d)\]')


def snapshot(page) -> str:
    """The page's accessibility tree as Playwright writes it, with the Shift announcement in it."""
    page.keyboard.press("Shift")
    expect(page.get_by_role("status")).to_have_text(SHIFT_ANNOUNCEMENT)
    return page.locator("body").aria_snapshot() + "\n"


def structure_problems(page, tree: str) -> list[str]:
    """What a screen-reader user relies on, checked in the tree and through role queries."""
    problems = []
    lines = tree.splitlines()
    for role in ("main", "banner", "contentinfo"):
        count = sum(1 for line in lines if line.strip().rstrip(":") == f"- {role}")
        if count != 1:
            problems.append(f"{count} {role} landmarks")
    unnamed = [line.strip() for line in lines if line.strip() in ("- navigation:", "- navigation")]
    if unnamed:
        problems.append(f"{len(unnamed)} navigation landmarks without a name")
    levels = [int(m["level"]) for m in HEADING.finditer(tree)]
    if not levels or levels[0] != 1 or levels.count(1) != 1:
        problems.append(f"headings outline does not start with the one level 1: {levels}")
    problems += [f"heading level skipped: {a} to {b}" for a, b in itertools.pairwise(levels) if b > a + 1]
    if page.get_by_role("banner").get_by_role("link", name="Exit this page", exact=True).count() != 1:
        problems.append("no quick exit named 'Exit this page' in the banner")
    for card in page.locator(".tk-card").all():
        service = card.locator(".tk-card__title").inner_text()
        region = page.get_by_role("region", name=service, exact=True)
        for number in card.locator("a[href^='tel:']").all():
            text = number.inner_text()
            if region.get_by_role("link", name=text, exact=True).count() < 1:
                problems.append(f"{text} is not a call link inside the region '{service}'")
    for field in page.locator("textarea, input:not([type='hidden'])").all():
        if re.search(r'- (textbox|spinbutton|checkbox|searchbox)\s*(\[|:|$)', field.aria_snapshot()):
            problems.append(f"a field without a label: {field.evaluate('e => e.outerHTML.slice(0, 80)')}")
    if f"- status: {SHIFT_ANNOUNCEMENT}" not in tree:
        problems.append("the quick-exit shortcut is not announced in a live region")
    return problems


@pytest.mark.parametrize("site", ["fixture"], indirect=True)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_accessibility_tree_of_each_page_kind(browser, site, kind):
    edition, name = KINDS[kind]
    context = plain_context(browser)
    page = context.new_page()
    page.clock.set_fixed_time(CLOCK)
    page.goto(site.url(edition, name))
    if kind == "search":
        page.locator("#tk-search-input").fill("help")
        expect(page.locator("#tk-search-results")).to_contain_text("found")
    tree = snapshot(page)
    problems = structure_problems(page, tree)
    context.close()
    assert problems == [], "\n".join(problems)
    stored = SNAPSHOTS / f"{kind}.yml"
    if os.environ.get(UPDATE) == "1":
        stored.write_text(tree, encoding="utf-8")
        pytest.fail(f"{stored.name} rewritten ({UPDATE}=1): review it with git diff before committing")
    assert stored.exists(), f"no reviewed snapshot {stored}: see tests/browser/aria/README.md"
    assert tree == stored.read_text(encoding="utf-8"), (
        f"what a screen reader hears on the {kind} page changed: review it (tests/browser/aria/README.md)"
    )
