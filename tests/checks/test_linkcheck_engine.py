"""The online engine against a real HTTP server on 127.0.0.1: every outcome classified."""

from __future__ import annotations

import threading
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from toolkit.linkcheck import Outcome, Settings, check_urls

FAST = Settings(per_host_limit=4, per_host_delay=0.0, timeout=0.5, retries=1, backoff=0.05, max_wait=2.0)


@pytest.fixture(scope="module")
def server():
    server = HTTPServer("127.0.0.1", 0, threaded=True)
    server.start()
    routes(server)
    yield server
    server.clear()
    server.stop()


# When the server was asked for /busy-once: the gap between the 429 and the retry is what the engine waited.
BUSY_ONCE_ASKED: list[float] = []


def routes(server: HTTPServer) -> None:
    server.expect_request("/ok").respond_with_data("<title>fine</title>")
    for hop, target in (("a", "/chain/b"), ("b", "/chain/c"), ("c", "/ok")):
        server.expect_request(f"/chain/{hop}").respond_with_data("", 301, {"Location": target})
    server.expect_request("/loop/1").respond_with_data("", 302, {"Location": "/loop/2"})
    server.expect_request("/loop/2").respond_with_data("", 302, {"Location": "/loop/1"})
    server.expect_request("/missing").respond_with_data("no", 404)
    server.expect_request("/gone").respond_with_data("gone", 410)
    server.expect_request("/forbidden").respond_with_data("no robots", 403)
    server.expect_request("/busy-forever").respond_with_data("slow down", 429)
    server.expect_request("/busy-long").respond_with_data("slow down", 429, {"Retry-After": "3600"})
    server.expect_request("/challenge").respond_with_data(
        "<html><title>Just a moment...</title></html>", 503, {"cf-mitigated": "challenge"})
    server.expect_request("/linkedin").respond_with_data("", 999)
    server.expect_request("/head-refused", method="HEAD").respond_with_data("", 405)
    server.expect_request("/head-refused", method="GET").respond_with_data("fine")
    server.expect_request("/huge", method="HEAD").respond_with_data("", 405)
    server.expect_request("/huge", method="GET").respond_with_data(b"x" * (10 * 1024 * 1024))
    server.expect_request("/slow").respond_with_handler(_slow)
    lock = threading.Lock()

    def busy_then_ok(request):
        with lock:
            BUSY_ONCE_ASKED.append(time.monotonic())
            first = len(BUSY_ONCE_ASKED) == 1
        if first:
            return Response("wait", 429, {"Retry-After": "1"})
        return Response("fine", 200)

    server.expect_request("/busy-once").respond_with_handler(busy_then_ok)


def _slow(request):
    time.sleep(1.5)
    return Response("late")


def outcome(server, path: str, settings: Settings = FAST):
    url = server.url_for(path)
    return check_urls([url, server.url_for("/ok")], settings).results[url]


@pytest.mark.parametrize(("path", "expected", "status", "detail"), [
    ("/ok", Outcome.OK, 200, "HTTP 200 OK"),
    ("/missing", Outcome.BROKEN, 404, "HTTP 404 Not Found"),
    ("/gone", Outcome.BROKEN, 410, "HTTP 410 Gone"),
    ("/forbidden", Outcome.INCONCLUSIVE, 403, "HTTP 403 Forbidden (the site refused an automated request)"),
    ("/busy-forever", Outcome.INCONCLUSIVE, 429, "HTTP 429 Too Many Requests after 2 tries"),
    ("/busy-long", Outcome.INCONCLUSIVE, 429,
     "HTTP 429 Too Many Requests; the site asked to wait 3600 s (more than 2 s)"),
    ("/challenge", Outcome.INCONCLUSIVE, 503,
     "HTTP 503 Service Unavailable with a bot-check page; open it in a browser"),
    ("/linkedin", Outcome.INCONCLUSIVE, 999, "HTTP 999 (the site refuses automated requests)"),
    ("/head-refused", Outcome.OK, 200, "HTTP 200 OK"),
    ("/slow", Outcome.INCONCLUSIVE, None, "timed out (2 tries)"),
])
def test_outcomes(server, path, expected, status, detail):
    result = outcome(server, path)
    assert (result.outcome, result.status, result.detail) == (expected, status, detail)


def test_redirect_chain_reports_where_it_ends(server):
    result = outcome(server, "/chain/a")
    assert (result.outcome, result.final_url) == (Outcome.OK, server.url_for("/ok"))


def test_redirect_loop_is_broken(server):
    result = outcome(server, "/loop/1")
    assert result.outcome is Outcome.BROKEN
    assert result.detail == (f"redirect loop: {server.url_for('/loop/1')} -> {server.url_for('/loop/2')} -> "
                             f"{server.url_for('/loop/1')}")


def test_retry_after_is_honoured(server):
    result = outcome(server, "/busy-once")
    assert (result.outcome, result.status) == (Outcome.OK, 200)
    first, retry = BUSY_ONCE_ASKED
    assert retry - first >= 1.0  # Retry-After: 1, a lower bound that a slow machine only makes longer


def test_huge_body_is_capped(server):
    # The detail counts what was read: 1024 KiB of the 10 MiB body (how long it took is scripts/bench's business).
    result = outcome(server, "/huge")
    assert (result.outcome, result.detail) == (Outcome.OK, "HTTP 200 OK (read the first 1024 KiB)")


def test_dns_and_tls_failures_are_broken(server):
    dns = "http://no-such-host.invalid/"
    tls = server.url_for("/ok").replace("http://", "https://")
    results = check_urls([dns, tls, server.url_for("/ok")], FAST).results
    assert (results[dns].outcome, results[dns].detail) == (
        Outcome.BROKEN, "the host name does not exist (DNS lookup failed)")
    assert results[tls].outcome is Outcome.BROKEN
    assert results[tls].detail.startswith("the site's TLS certificate or connection was refused")


def test_nothing_is_broken_when_no_site_answers():
    result = check_urls(["http://no-such-host.invalid/"], FAST).results["http://no-such-host.invalid/"]
    assert result.outcome is Outcome.INCONCLUSIVE
    assert result.detail.endswith("but no site answered at all, so this machine may be offline")


def test_per_host_limit_holds_and_hosts_run_side_by_side():
    """Two hosts (127.0.0.1 and localhost), 12 URLs each, 0.2 s per answer, at most 3 at once per host."""
    active, peak, lock = {}, {}, threading.Lock()
    both = {"peak": 0}

    def handler(request):
        host = request.host
        with lock:
            active[host] = active.get(host, 0) + 1
            peak[host] = max(peak.get(host, 0), active[host])
            both["peak"] = max(both["peak"], sum(active.values()))
        time.sleep(0.2)
        with lock:
            active[host] -= 1
        return Response("fine")

    server = HTTPServer("127.0.0.1", 0, threaded=True)
    server.expect_request("/page", method="HEAD").respond_with_handler(handler)
    server.start()
    try:
        port = server.port
        urls = [f"http://{host}:{port}/page?n={n}" for host in ("127.0.0.1", "localhost") for n in range(12)]
        run = check_urls(urls, Settings(per_host_limit=3, per_host_delay=0.0, timeout=2))
    finally:
        server.stop()
    assert {result.outcome for result in run.results.values()} == {Outcome.OK}
    assert max(peak.values()) == 3
    assert run.peak_per_host == {f"127.0.0.1:{port}": 3, f"localhost:{port}": 3}
    # Side by side: at some moment both hosts were answering their full share at once.
    assert both["peak"] == 6


def test_engine_runs_inside_a_running_event_loop(server):
    """Callers such as Playwright's sync API keep an event loop running; the engine must still work."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def inside_a_loop():
        return check_urls([server.url_for("/ok"), server.url_for("/missing")], FAST)

    # A thread of its own, so the test does not depend on whether pytest's thread already has a loop.
    with ThreadPoolExecutor(max_workers=1) as thread:
        run = thread.submit(asyncio.run, inside_a_loop()).result()
    assert [run.results[server.url_for(p)].outcome for p in ("/ok", "/missing")] == [Outcome.OK, Outcome.BROKEN]
