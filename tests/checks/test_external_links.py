"""External links: https only; offline answers from the cache with ages; --online classifies and caches."""

from __future__ import annotations

import json

import pytest
from pytest_httpserver import HTTPServer

from tests.checks.conftest import formatted, page
from tests.conftest import copy_content, write_tree
from toolkit.checks import external_links
from toolkit.cli import main

LINKS = page('<p><a href="https://www.stopitnow.org.uk/scotland">Stop It Now</a></p>\n'
             '<p><a href="https://example.org/old">old</a> <a href="https://example.org/busy#top">busy</a></p>\n'
             '<p><a href="https://example.org/new">new</a> <a href="https://example.org/stale">stale</a></p>\n'
             '<p><a href="http://example.org/plain">plain</a> <a href="mailto:help@@example">mail</a></p>')
CACHE = {"version": 1, "links": {
    "https://www.stopitnow.org.uk/scotland": {"outcome": "ok", "status": 200, "final_url": "",
                                              "checked_at": "2026-11-20T10:00:00Z", "detail": "HTTP 200 OK"},
    "https://example.org/old": {"outcome": "broken", "status": 404, "final_url": "",
                                "checked_at": "2026-11-23T10:00:00Z", "detail": "HTTP 404 Not Found"},
    "https://example.org/busy": {"outcome": "inconclusive", "status": 429, "final_url": "",
                                 "checked_at": "2026-11-24T08:00:00Z",
                                 "detail": "HTTP 429 Too Many Requests after 3 tries"},
    "https://example.org/stale": {"outcome": "ok", "status": 200, "final_url": "",
                                  "checked_at": "2026-09-01T10:00:00Z", "detail": "HTTP 200 OK"},
}}


@pytest.fixture
def cached_site(tmp_path, site_in):
    cache = tmp_path / "link-cache.json"
    cache.write_text(json.dumps(CACHE), encoding="utf-8")
    return lambda **options: site_in({"modules/a.html": LINKS}, link_cache=cache, **options)


def test_offline_results_come_from_the_cache_with_their_age(cached_site):
    messages = formatted(external_links.check(cached_site()))
    assert [m.split("\n")[0] for m in messages] == [
        "content/helplines.yml:12:14: info: 'https://www.stopitnow.org.uk/scotland' works (HTTP 200 OK; "
        "checked 4 days ago). (in built page public/modules/a.html)",
        "public/modules/a.html:3: error: 'https://example.org/old' is broken: HTTP 404 Not Found (checked 1 day ago).",
        "public/modules/a.html:3: warning: 'https://example.org/busy' could not be confirmed: HTTP 429 Too Many "
        "Requests after 3 tries (checked today).",
        "public/modules/a.html:4: warning: 'https://example.org/new' has not been checked: it is not in "
        "link-cache.json.",
        "public/modules/a.html:4: warning: 'https://example.org/stale' has not been checked: its cached result is "
        "84 days old (the limit is 30).",
        "public/modules/a.html:5: error: 'http://example.org/plain' uses http://, which lets anyone on the network "
        "see and change what the reader gets.",
        "public/modules/a.html:5: error: 'mailto:help@@example' is not a valid email link ('help@@example' is not "
        "an email address).",
        "public/modules/a.html:5: warning: 'http://example.org/plain' has not been checked: it is not in "
        "link-cache.json.",
    ]


def test_unchecked_links_fail_only_release(cached_site):
    unchecked = [f for f in external_links.check(cached_site(release=True)) if "has not been checked" in f.message]
    assert {f.severity.value for f in unchecked} == {"error"}


def test_check_online_against_a_local_server(tmp_path):
    """`toolkit check --online` over a built page linking to every case; the cache is written."""
    server = HTTPServer("127.0.0.1", 0, threaded=True)
    server.expect_request("/ok").respond_with_data("fine")
    server.expect_request("/missing").respond_with_data("no", 404)
    server.expect_request("/blocked").respond_with_data("no", 403)
    server.expect_request("/moved").respond_with_data("", 301, {"Location": "/ok"})
    server.start()
    try:
        project = copy_content(tmp_path)
        urls = {name: server.url_for(f"/{name}") for name in ("ok", "missing", "blocked", "moved")}
        body = "".join(f'<p><a href="{url}">{name}</a></p>\n' for name, url in urls.items())
        write_tree(project / "site" / "public", {"links.html": page(body)})
        code = main(["check", "--root", str(project), "--online", "--per-host-delay", "0", "--timeout", "2"])
    finally:
        server.stop()
    cache = json.loads((project / "link-cache.json").read_text(encoding="utf-8"))["links"]
    assert {url: entry["outcome"] for url, entry in cache.items()} == {
        urls["ok"]: "ok", urls["missing"]: "broken", urls["blocked"]: "inconclusive", urls["moved"]: "ok"}
    assert cache[urls["moved"]]["final_url"] == urls["ok"]
    assert code == 1  # the broken link (and the http:// links) fail the check
    report = json.loads((project / "build" / "reports" / "external-links.json").read_text(encoding="utf-8"))
    assert {row["url"]: row["outcome"] for row in report} == {
        urls["ok"]: "ok", urls["missing"]: "broken", urls["blocked"]: "inconclusive", urls["moved"]: "ok"}
