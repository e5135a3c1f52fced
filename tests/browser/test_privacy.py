"""Issue 5 items 2 to 4: every page of both editions, in Chromium, under the real policy and headers.

No request leaves the origin, no CSP violation is reported, no script fails,
the headers are in force, and nothing is left in the browser afterwards.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.harness import new_context

SEARCH_WORDS = ("help", "child", "zzzz", "the")
NOTHING_LEFT = {
    "local": 0,
    "session": 0,
    "indexedDB": 0,
    "caches": 0,
    "serviceWorkers": 0,
    "cookie": "",
}


def search(page, words=SEARCH_WORDS) -> None:
    """Type words into the search page and wait for each answer."""
    field = page.locator("#tk-search-input")
    results = page.locator("#tk-search-results")
    for word in words:
        field.fill("")
        expect(results).to_have_text("")
        field.fill(word)
        expect(results).to_contain_text("found")


def what_is_left(context, page) -> tuple[dict, dict]:
    """(Playwright's storage state, what the page's own APIs report) for the site's origin."""
    state = context.storage_state(indexed_db=True)
    left = page.evaluate("""async () => ({
        local: localStorage.length,
        session: sessionStorage.length,
        indexedDB: (await indexedDB.databases()).length,
        caches: (await caches.keys()).length,
        serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
        cookie: document.cookie,
    })""")
    return state, left


def test_every_page_search_and_quick_exit_stay_on_origin_and_leave_no_trace(browser, site):
    context, watch = new_context(browser, site)
    page = context.new_page()
    problems = []
    for edition, name, url in site.every_page():
        watch.console.clear()
        response = page.goto(url)
        if name == "search.html":
            search(page)
        problems += [f"{edition}/{name}: {line}" for line in watch.csp_violations(page)]
        if response.status != 200:
            problems.append(f"{edition}/{name}: HTTP {response.status}")
        state, left = what_is_left(context, page)
        if state["cookies"] or state["origins"] or left != NOTHING_LEFT:
            problems.append(f"{edition}/{name}: left {state} {left}")
    page.goto(site.url("public", "index.html"))
    page.locator("#tk-quick-exit").click()
    page.wait_for_url(site.exit_destination)
    page.goto(site.url("public", "index.html"))
    state, left = what_is_left(context, page)
    context.close()

    assert problems == []
    assert watch.off_origin == []
    assert watch.errors == []
    assert watch.failed == []
    assert [exit["url"] for exit in watch.exits] == [site.exit_destination]
    assert state == {"cookies": [], "origins": []}
    assert left == NOTHING_LEFT


def test_search_sends_nothing_and_changes_no_address(browser, site):
    context, watch = new_context(browser, site)
    page = context.new_page()
    page.goto(site.url("public", "search.html"), wait_until="networkidle")
    before, entries = len(watch.requests), page.evaluate("history.length")
    search(page)
    sent = watch.requests[before:]
    assert re.fullmatch(re.escape(site.url("public", "search/docs.")) + r"[0-9a-f]{10}\.js", sent[0])
    assert all(url.startswith(site.url("public", "search/")) and "?" not in url for url in sent)
    assert not any(word in url for url in sent for word in SEARCH_WORDS)
    assert page.url == site.url("public", "search.html")
    assert page.evaluate("history.length") == entries
    context.close()


def test_headers_deny_framing_powerful_features_and_referrers(browser, site):
    context, watch = new_context(browser, site)
    page = context.new_page()
    response = page.goto(site.url("professional", "index.html"))
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-robots-tag"] == "noindex, nofollow, noarchive"
    allowed = page.evaluate(
        "['camera', 'microphone', 'geolocation', 'usb', 'payment']"
        ".filter((feature) => document.featurePolicy.allowsFeature(feature))"
    )
    assert allowed == []

    before = len(watch.requests)
    with page.expect_request(lambda request: request.url.endswith(".html")) as followed:
        page.locator("main a[href$='.html']").first.click()
    assert followed.value.headers.get("referer") is None
    page.wait_for_load_state()
    assert page.evaluate("document.referrer") == ""
    assert all(url.startswith(site.origins["professional"]) for url in watch.requests[before:])

    page.set_content(f"<iframe src='{site.url('public', 'index.html')}' title='framed'></iframe>")
    page.wait_for_load_state()
    assert page.frames[1].url == "chrome-error://chromewebdata/"
    context.close()
