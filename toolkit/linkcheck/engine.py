"""Check many URLs at once, politely: asyncio schedules, worker threads talk HTTP.

Requests to different hosts run side by side (up to `concurrency`); requests
to one host never exceed `per_host_limit` at a time, and start at least
`per_host_delay` seconds apart. Each redirect hop, retry and fallback is a new
request that waits for its own host's turn, so the limits hold across
redirects too. Waits for Retry-After or backoff happen outside the host's
slots, so one slow host never holds up another.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ..urls import without_fragment
from .classify import (
    REDIRECT_STATUSES,
    RETRY_STATUSES,
    classify_error,
    classify_status,
    is_challenge,
    retry_after,
    status_words,
)
from .fetch import Reply, exchange, pool_manager
from .results import LinkResult, Outcome, now_utc


@dataclass(frozen=True)
class Settings:
    """How hard and how long to try. Every limit is configurable; the defaults are polite."""

    concurrency: int = 32  # requests in flight across all hosts
    per_host_limit: int = 4  # requests in flight to one host
    per_host_delay: float = 0.1  # seconds between the starts of two requests to one host
    timeout: float = 10.0  # seconds to connect, and between bytes of an answer
    retries: int = 2  # further tries after a timeout, 429 or 5xx
    backoff: float = 1.0  # first wait between tries, doubled each time
    max_wait: float = 30.0  # the longest Retry-After honoured; longer means inconclusive
    max_redirects: int = 10
    body_cap: int = 1024 * 1024  # bytes of a body read (for bot-check pages and number lookups)


@dataclass
class Run:
    """The results of one run, and the most requests ever in flight to each host."""

    results: dict[str, LinkResult] = field(default_factory=dict)
    bodies: dict[str, bytes] = field(default_factory=dict)
    peak_per_host: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


class HostGate:
    """At most `limit` requests in flight to one host, starting at least `delay` seconds apart."""

    def __init__(self, limit: int, delay: float):
        self.slots = asyncio.Semaphore(limit)
        self.delay = delay
        self.next_start = 0.0
        self.active = 0
        self.peak = 0

    async def __aenter__(self):
        await self.slots.acquire()
        loop = asyncio.get_running_loop()
        start = max(loop.time(), self.next_start)
        self.next_start = start + self.delay
        if start > loop.time():
            await asyncio.sleep(start - loop.time())
        self.active += 1
        self.peak = max(self.peak, self.active)

    async def __aexit__(self, *exc):
        self.active -= 1
        self.slots.release()


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


class Checker:
    def __init__(self, settings: Settings, executor: ThreadPoolExecutor):
        self.settings = settings
        self.executor = executor
        self.pool = pool_manager(settings.per_host_limit, settings.timeout)
        self.gates: dict[str, HostGate] = {}

    async def _send(self, method: str, url: str, cookies: dict[str, str], want_body: bool) -> Reply:
        host = host_of(url)
        gate = self.gates.setdefault(host, HostGate(self.settings.per_host_limit, self.settings.per_host_delay))
        async with gate:
            cap = self.settings.body_cap if want_body or method == "GET" else 0
            return await asyncio.get_running_loop().run_in_executor(
                self.executor, lambda: exchange(self.pool, method, url, dict(cookies), body_cap=cap,
                                                read_deadline=self.settings.timeout))

    async def check(self, url: str, want_body: bool = False) -> tuple[LinkResult, bytes]:
        """Follow one URL to an outcome: HEAD first (GET when the body is wanted or HEAD is refused)."""
        settings = self.settings
        method = "GET" if want_body else "HEAD"
        current, chain, cookies = url, [url], {}
        seen = {(url, ())}
        tries = 0

        def result(outcome: Outcome, detail: str, status: int | None = None) -> LinkResult:
            final = current if current != url else ""
            return LinkResult(url, outcome, status, final, now_utc(), detail)

        while True:
            reply = await self._send(method, current, cookies, want_body)
            if reply.error is not None:
                outcome, detail, transient = classify_error(reply.error)
                if transient and tries < settings.retries:
                    await asyncio.sleep(settings.backoff * 2 ** tries)
                    tries += 1
                    continue
                if transient and tries:
                    detail += f" ({tries + 1} tries)"
                return result(outcome, detail), b""
            status = reply.status
            location = reply.headers.get("location")
            if status in REDIRECT_STATUSES and location:
                cookies.update(reply.cookies)
                current = without_fragment(urljoin(current, location.strip()))
                key = (current, tuple(sorted(cookies.items())))
                if key in seen:
                    chain.append(current)
                    return result(Outcome.BROKEN, "redirect loop: " + " -> ".join(chain), status), b""
                if len(chain) > settings.max_redirects:
                    return result(Outcome.BROKEN, f"more than {settings.max_redirects} redirects", status), b""
                seen.add(key)
                chain.append(current)
                if status == 303:
                    method = "GET"
                continue
            if status in RETRY_STATUSES and not is_challenge(reply.headers, reply.body):
                wait = retry_after(reply.headers.get("retry-after"))
                if wait is not None and wait > settings.max_wait:
                    return result(Outcome.INCONCLUSIVE, f"{status_words(status)}; the site asked to wait "
                                  f"{wait:.0f} s (more than {settings.max_wait:.0f} s)", status), b""
                if tries < settings.retries:
                    await asyncio.sleep(settings.backoff * 2 ** tries if wait is None else wait)
                    tries += 1
                    continue
                return result(Outcome.INCONCLUSIVE, f"{status_words(status)} after {tries + 1} tries",
                              status), b""
            if method == "HEAD" and status >= 400:
                # Many servers answer HEAD wrongly (405, 403, even 404): ask again with GET.
                method = "GET"
                continue
            outcome, detail = classify_status(status, reply.headers, reply.body)
            if reply.truncated and outcome is Outcome.OK:
                detail += f" (read the first {len(reply.body) // 1024} KiB)"
            return result(outcome, detail, status), reply.body


async def _run(urls: list[str], settings: Settings, want_body: bool) -> Run:
    run = Run()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=settings.concurrency, thread_name_prefix="linkcheck") as executor:
        checker = Checker(settings, executor)
        try:
            answers = await asyncio.gather(*(checker.check(url, want_body) for url in urls))
        finally:
            checker.pool.clear()
    for url, (result, body) in zip(urls, answers, strict=True):
        run.results[url] = result
        if want_body:
            run.bodies[url] = body
    run.peak_per_host = {host: gate.peak for host, gate in checker.gates.items()}
    run.seconds = time.perf_counter() - started
    _distrust_total_failure(run)
    return run


def _distrust_total_failure(run: Run) -> None:
    """If no site answered at all, this machine is probably offline: nothing is 'broken'."""
    if not run.results or any(result.status is not None for result in run.results.values()):
        return
    for url, result in run.results.items():
        if result.outcome is Outcome.BROKEN:
            run.results[url] = LinkResult(url, Outcome.INCONCLUSIVE, None, result.final_url, result.checked_at,
                                          f"{result.detail}; but no site answered at all, so this machine "
                                          "may be offline")


def _run_to_end(urls: list[str], settings: Settings, *, want_body: bool) -> Run:
    """Run the checks to completion, also when the caller is already inside an event loop.

    asyncio.run refuses to start inside a running loop (Playwright's sync API
    keeps one running, for example), so then the checks get a thread of their own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_run(urls, settings, want_body=want_body))
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(lambda: asyncio.run(_run(urls, settings, want_body=want_body))).result()


def check_urls(urls: Iterable[str], settings: Settings | None = None) -> Run:
    """Check each distinct URL (fragments ignored) and classify it: ok, broken or inconclusive."""
    unique = list(dict.fromkeys(without_fragment(url) for url in urls))
    return _run_to_end(unique, settings or Settings(), want_body=False)


def fetch_pages(urls: Iterable[str], settings: Settings | None = None) -> Run:
    """GET each distinct URL and keep the first `body_cap` bytes of each page (in `Run.bodies`)."""
    unique = list(dict.fromkeys(without_fragment(url) for url in urls))
    return _run_to_end(unique, settings or Settings(), want_body=True)
