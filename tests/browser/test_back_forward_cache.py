"""Real returns through the back/forward cache, in a Chromium that keeps one.

Playwright starts Chromium with --disable-back-forward-cache, so a plain `go_back` reloads the
page and would pass without the code these promises rest on. Here that flag is dropped, and each
test proves the page really came back from the cache (a value set in the page before leaving is
still there) before it looks at what the reader sees.
"""

from __future__ import annotations

import pytest

from tests.browser.harness import NEUTRAL_PAGE
from toolkit.bench.firstload import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

MARK = "window.__tkStillHere = true"
RESTORED = "window.__tkStillHere === true"


@pytest.fixture(scope="module")
def caching_browser(browser):
    launched = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                           ignore_default_args=["--disable-back-forward-cache"])
    yield launched
    launched.close()


@pytest.fixture
def public_url(packs_build, serve_dir):
    project, _ = packs_build
    return serve_dir(project / "site" / "public")


def leave_and_come_back(page, link_name: str | None = None, *, to: str = "") -> None:
    """Follow a link (or go to a page), then press Back."""
    page.evaluate(MARK)
    if link_name:
        page.get_by_role("link", name=link_name).first.click()
    else:
        page.goto(to)
    page.wait_for_load_state("load")
    # A page restored from the cache fires pageshow, not load: wait only for the navigation.
    page.go_back(wait_until="commit")
    assert page.evaluate(RESTORED), "the page was loaded again, not restored from the back/forward cache"


def test_worksheet_answers_are_gone_after_a_real_return_from_the_cache(caching_browser, public_url):
    page = caching_browser.new_page()
    page.goto(public_url + "worksheets/coping-plan.html")
    page.get_by_label("What do I notice when things start to go wrong?").fill("I stay up late")
    page.get_by_label("I feel lonely").check()
    leave_and_come_back(page, "Plain text version of this worksheet")
    values = page.evaluate("""() => Array.from(document.querySelectorAll('[data-tk-worksheet] textarea, '
        + '[data-tk-worksheet] input')).map(f => f.type === 'checkbox' ? f.checked : f.value)""")
    assert values == ["", False, False, ""]
    page.close()


def test_a_page_blanked_by_the_quick_exit_shows_again_after_a_real_return(caching_browser, public_url):
    context = caching_browser.new_context()
    context.route("https://**/*", lambda route: route.fulfill(status=200, content_type="text/html",
                                                              body=NEUTRAL_PAGE))
    page = context.new_page()
    page.goto(public_url + "index.html")
    page.evaluate("document.documentElement.classList.add('tk-exiting')")  # what the exit does first
    leave_and_come_back(page, to=public_url + "privacy.html")  # the blanked page has no links to click
    assert "tk-exiting" not in page.evaluate("document.documentElement.className")
    assert page.locator("main").is_visible()
    context.close()
