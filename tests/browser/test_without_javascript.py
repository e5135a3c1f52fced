"""Issue 5 items 5 and 6: with JavaScript off every page is readable and reachable by its links.

The crawl starts at each edition's start page and follows links only, so a
page that nothing links to fails. Links must be relative (no link to the
site's own host, no root-absolute path): the site is served under
/<edition>/ here, so a root-absolute link would miss. This is what lets the
site work under an onion address, another host name or a file:// copy.
"""

from __future__ import annotations

from urllib.parse import urldefrag

from tests.browser.harness import EDITIONS, new_context, plain_context

LINKS = """(links) => links.map((a) => ({
    href: a.getAttribute("href"), url: a.href, sameOrigin: a.origin === location.origin,
    rel: Array.from(a.relList),
}))"""


def crawl(page, start: str, prefix: str) -> tuple[dict[str, int], list[str]]:
    """Follow every link under `prefix` from `start`: ({url: status}, problems)."""
    seen, queue, problems = {}, [start], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = page.goto(url)
        seen[url] = response.status
        where = url[len(prefix) :]
        if page.locator("h1").count() != 1 or page.locator("main").count() != 1:
            problems.append(f"{where}: expected one <h1> and one <main>")
        for link in page.eval_on_selector_all("a[href]", LINKS):
            href = link["href"]
            if link["sameOrigin"]:
                if href.startswith(("/", "http:", "https:")):
                    problems.append(f"{where}: link '{href}' is not relative")
                target = urldefrag(link["url"]).url
                if target.startswith(prefix) and target.endswith(".html"):
                    queue.append(target)
            elif href.startswith(("http:", "https:")):
                missing = {"noopener", "noreferrer"} - set(link["rel"])
                if missing:
                    problems.append(f"{where}: external link '{href}' lacks rel {sorted(missing)}")
    return seen, problems


def test_every_page_is_reachable_and_readable_without_javascript(browser, site):
    context, watch = new_context(browser, site, java_script_enabled=False)
    page = context.new_page()
    for edition in EDITIONS:
        prefix = site.url(edition, "")
        seen, problems = crawl(page, site.url(edition), prefix)
        assert problems == []
        assert {url: status for url, status in seen.items() if status != 200} == {}
        # No page links to a 404 page, in any language tree: the server sends it for a missing address.
        unreached = {p for p in site.pages(edition) if p.rsplit("/", 1)[-1] != "404.html"} - {
            url[len(prefix) :] for url in seen
        }
        assert unreached == set()
    assert watch.off_origin == []
    context.close()


def test_quick_exit_is_a_plain_link_without_javascript(browser, site):
    context, watch = new_context(browser, site, java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("public"))
    exit_link = page.locator("#tk-quick-exit")
    assert exit_link.get_attribute("href") == site.exit_destination
    assert {"nofollow", "noreferrer"} <= set(exit_link.get_attribute("rel").split())
    exit_link.click()
    page.wait_for_url(site.exit_destination)
    assert watch.exits == [{"url": site.exit_destination, "referer": None, "navigation": True}]
    context.close()


def test_menu_opens_and_search_points_to_a_to_z_without_javascript(browser, site):
    context = plain_context(browser, java_script_enabled=False, width=390)
    page = context.new_page()
    page.goto(site.url("public", "search.html"))
    assert not page.locator("#tk-search-input").is_visible()
    fallback = page.locator(".tk-search__nojs a")
    assert fallback.is_visible()
    assert fallback.get_attribute("href") == "a-z.html"
    menu = page.locator(".tk-menu .tk-nav__list--1")
    assert not menu.is_visible()
    page.locator(".tk-menu summary").click()
    assert menu.is_visible()
    assert menu.locator("a").count() >= 5
    context.close()
