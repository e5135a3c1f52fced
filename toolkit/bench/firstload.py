"""What a browser downloads to show one page the first time: measured in headless Chromium.

The built site is served on the loopback interface by a server that records the body of
every response it sends (so requests made by workers count too). Chromium opens the page
in a fresh profile (empty cache), waits until the network has been idle, then waits a
little longer, until nothing new was fetched for two seconds, for anything fetched late
(Material's search worker fetches its index after the page has loaded). Requests to any other host are blocked and listed: offline, they
could not be measured, and a private site must not make them anyway.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("TOOLKIT_CHROMIUM", "/usr/bin/chromium")  # Debian's; the tests use it too
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
]
GZIP_LEVEL = 6  # the default of Apache mod_deflate and of most CDNs' gzip
QUIET_SECONDS = 2.0  # the load is over when nothing new was fetched for this long...
MAX_SECONDS = 30.0  # ...or after this long


@dataclass
class Fetched:
    path: str
    raw_bytes: int
    gzip_bytes: int


@dataclass
class FirstLoad:
    """Everything one page load fetched."""

    url: str
    fetched: list[Fetched] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)  # requests to other hosts

    @property
    def raw_bytes(self) -> int:
        return sum(f.raw_bytes for f in self.fetched)

    @property
    def gzip_bytes(self) -> int:
        return sum(f.gzip_bytes for f in self.fetched)

    @property
    def requests(self) -> int:
        return len(self.fetched)


class _RecordingHandler(http.server.SimpleHTTPRequestHandler):
    log: list[Fetched]

    def copyfile(self, source, outputfile) -> None:
        body = source.read()
        self.log.append(Fetched(urlsplit(self.path).path, len(body), len(gzip.compress(body, GZIP_LEVEL, mtime=0))))
        outputfile.write(body)

    def log_message(self, *args) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser or checker that closes a connection early is not an error worth a traceback here."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


class RecordingServer:
    """A loopback HTTP server for one folder that records every response body it sends."""

    def __init__(self, folder: Path):
        self.log: list[Fetched] = []
        handler = type("Handler", (_RecordingHandler,), {"log": self.log})
        self.server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> RecordingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def measure_first_load(browser, folder: Path, page: str) -> FirstLoad:
    """Load `page` (a path inside `folder`) once in a fresh browser context and record what it fetched."""
    with RecordingServer(folder) as server:
        url = server.base_url + page
        result = FirstLoad(url)
        context = browser.new_context()
        try:
            def route(route):
                if route.request.url.startswith(server.base_url) or route.request.url.startswith("data:"):
                    route.continue_()
                else:
                    result.blocked.append(route.request.url)
                    route.abort()

            context.route("**/*", route)
            tab = context.new_page()
            tab.goto(url, wait_until="networkidle")
            _wait_for_quiet(tab, server.log)
        finally:
            context.close()
        result.fetched = list(server.log)
    return result


def _wait_for_quiet(tab, log: list) -> None:
    """Late fetches (a search worker's index) come after "network idle" on a busy machine: wait them out."""
    started = time.monotonic()
    seen, quiet_since = len(log), time.monotonic()
    while time.monotonic() - quiet_since < QUIET_SECONDS and time.monotonic() - started < MAX_SECONDS:
        tab.wait_for_timeout(250)
        if len(log) != seen:
            seen, quiet_since = len(log), time.monotonic()


def launch_browser(playwright):
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
