"""Issue 6 item 3, keyboard: skip link, quick exit early, visible focus, logical order, no trap.

Focus styles and the skip link are checked on every page. The full Tab walk
(real key presses through the whole page) is made on one page of each kind
per edition (start, audience, topic, module, worksheet, help, search...):
every page of a kind comes from the same template.
"""

from __future__ import annotations

from tests.browser.harness import plain_context

# Visible, keyboard-focusable controls in document order.
FOCUSABLES = """() => Array.from(document.querySelectorAll(
    "a[href], button, input, select, textarea, summary, [tabindex]"))
  .filter((e) => e.tabIndex >= 0 && !e.disabled && e.checkVisibility({visibilityProperty: true}))"""

# For each control: does it look different with keyboard focus (outline or box-shadow)?
UNFOCUSED_LOOK = f"""() => ({FOCUSABLES})().map((e) => {{
  document.activeElement.blur();
  const before = getComputedStyle(e);
  const look = [before.outlineStyle, before.outlineWidth, before.boxShadow, before.backgroundColor].join();
  e.focus();
  const after = getComputedStyle(e);
  const width = parseFloat(after.outlineWidth);
  const visible = (after.outlineStyle !== "none" && width >= 2) || after.boxShadow !== "none";
  const changed = [after.outlineStyle, after.outlineWidth, after.boxShadow, after.backgroundColor].join() !== look;
  return visible && changed ? null : e.outerHTML.slice(0, 100);
}}).filter(Boolean)"""

DESCRIBE_ACTIVE = """() => {
  const e = document.activeElement;
  return e === document.body || !e ? null : e.outerHTML.slice(0, 100);
}"""


def test_focus_is_visible_on_every_control_of_every_page(browser, site):
    context = plain_context(browser)
    page = context.new_page()
    problems = []
    for edition, name, url in site.walked_pages():
        page.goto(url)
        page.keyboard.press("Tab")  # keyboard modality, so script focus shows :focus-visible
        problems += [
            f"{edition}/{name}: no visible focus on {html}"
            for html in page.evaluate(UNFOCUSED_LOOK)
        ]
    context.close()
    assert problems == [], "\n".join(problems)


def test_skip_link_comes_first_and_quick_exit_early_on_every_page(browser, site):
    context = plain_context(browser)
    page = context.new_page()
    problems = []
    for edition, name, url in site.walked_pages():
        page.goto(url)
        first_three = []
        for _ in range(3):
            page.keyboard.press("Tab")
            first_three.append(page.evaluate("document.activeElement.className"))
        if first_three[0] != "tk-skip" or "tk-quick-exit" not in first_three:
            problems.append(f"{edition}/{name}: first tab stops are {first_three}")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        skip_box = page.locator(".tk-skip").bounding_box()
        if skip_box is None or skip_box["y"] < 0:
            problems.append(f"{edition}/{name}: skip link not on screen when focused")
        page.keyboard.press("Enter")
        if page.evaluate("document.activeElement.id") != "tk-main":
            problems.append(f"{edition}/{name}: skip link does not move focus to the main content")
    context.close()
    assert problems == [], "\n".join(problems)


def one_page_per_kind(site, edition: str, page) -> list[str]:
    kinds = {}
    for name in site.pages(edition):
        page.goto(site.url(edition, name))
        kinds.setdefault(page.evaluate("document.body.className"), name)
    return sorted(kinds.values())


def test_tab_walks_every_control_in_order_without_a_trap(browser, site):
    context = plain_context(browser, width=390)
    page = context.new_page()
    problems = []
    for edition in ("public", "professional"):
        for name in one_page_per_kind(site, edition, page):
            page.goto(site.url(edition, name))
            expected = page.evaluate(
                f"() => ({FOCUSABLES})().map((e) => e.outerHTML.slice(0, 100))"
            )
            reached = []
            for _ in range(len(expected) + 2):
                page.keyboard.press("Tab")
                active = page.evaluate(DESCRIBE_ACTIVE)
                if active is None or (reached and active == reached[0]):
                    break  # focus left the last control: no trap
                reached.append(active)
            if reached != expected:
                problems.append(f"{edition}/{name}: Tab reached {reached}, expected {expected}")
    context.close()
    assert problems == [], "\n".join(problems)
