"""What the browser suites share: the served site, a request guard, CSP-violation capture and axe.

Every suite looks at every page of both editions. Each edition is served over
loopback HTTP at the root of its own origin, as it would be deployed, by a
server that sends the headers of the edition's generated `_headers` file, so
the headers a host would send are in force too.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT

EDITIONS = ("public", "professional")
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><p>Elsewhere.</p></html>"

# Records CSP violations the page reports, before any page script runs.
CSP_LISTENER = """
window.__tkViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__tkViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline code"));
});
"""


def read_headers_file(path: Path) -> dict[str, str]:
    """The headers for `/*` in a Netlify-style `_headers` file (not the rules for single files after it)."""
    headers = {}
    rule = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            rule = line.strip()
        elif rule == "/*" and line.startswith("  ") and ":" in line:
            name, value = line.strip().split(":", 1)
            headers[name] = value.strip()
    return headers


class HeadersHandler(http.server.SimpleHTTPRequestHandler):
    """Serves an edition folder with the headers of its `_headers` file, as Netlify would."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real hosts do

    def end_headers(self):
        for name, value in read_headers_file(Path(self.directory) / "_headers").items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


def serve_forever(folder: str) -> None:
    """Serve `folder` on a free loopback port; print the port first."""
    handler = functools.partial(HeadersHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


@contextlib.contextmanager
def served(folder: Path):
    """Serve a folder from a separate process (a server thread in this process would wait
    on the test's Python thread and slow every page load): yields the origin."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from tests.browser.harness import serve_forever; serve_forever({str(folder)!r})",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{process.stdout.readline().strip()}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@dataclass
class ServedSite:
    """A built site served on loopback, each edition at the root of its own origin, as deployed."""

    name: str
    folder: Path
    origins: dict[str, str]
    exit_destination: str
    translations: tuple[str, ...] = ()  # the language tags with a tree of their own (<tag>/)

    def pages(self, edition: str) -> list[str]:
        """Every HTML page of an edition, as paths relative to the edition folder."""
        root = self.folder / edition
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))

    def url(self, edition: str, page: str = "index.html") -> str:
        return f"{self.origins[edition]}/{page}"

    def every_page(self):
        """(edition, page, url) for every page of both editions, in every language."""
        for edition in EDITIONS:
            for page in self.pages(edition):
                yield edition, page, self.url(edition, page)

    def walked_pages(self):
        """(edition, page, url) for the suites that act on every control of a page (keyboard, layout):
        every page of the source language, and one page of each kind in each other language tree.

        Translated pages share their templates with the source pages, and the languages fixture is
        walked in full by those suites (right to left included); axe, privacy, valid HTML and the
        no-JavaScript crawl still read every page of every language.
        """
        for edition in EDITIONS:
            seen: set[tuple[str, str]] = set()
            for page in self.pages(edition):
                tree, _, rest = page.partition("/")
                if tree not in self.translations:
                    yield edition, page, self.url(edition, page)
                    continue
                kind = rest.split("/", 1)[0] if "/" in rest else rest
                if (tree, kind) not in seen:
                    seen.add((tree, kind))
                    yield edition, page, self.url(edition, page)


@dataclass
class Watch:
    """Watches a browser context: every request, what was blocked, CSP reports, script errors.

    Requests to the site's origin pass. The quick-exit destination is answered
    with a neutral page and recorded (it is off-origin by design). Anything
    else is stopped before it leaves the machine, and recorded as a failure.
    """

    origins: tuple[str, ...]
    exit_destination: str
    requests: list[str] = field(default_factory=list)
    off_origin: list[str] = field(default_factory=list)
    exits: list[dict] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, context) -> Watch:
        context.add_init_script(CSP_LISTENER)
        context.on("request", lambda request: self.requests.append(request.url))
        # Only off-origin requests are routed (the pattern is matched inside the browser driver,
        # so the site's own files load without a round trip through Python).
        own = "|".join(re.escape(origin + "/") for origin in self.origins)
        context.route(re.compile(f"^(?!{own})"), self._off_origin)
        context.on(
            "response",
            lambda response: (
                response.status >= 400
                and self.failed.append(f"HTTP {response.status} {response.url}")
            ),
        )
        context.on("console", self._console)
        context.on("weberror", lambda error: self.errors.append(str(error.error)))
        return self

    def _off_origin(self, route):
        request = route.request
        if request.url == self.exit_destination:
            self.exits.append(
                {
                    "url": request.url,
                    "referer": request.headers.get("referer"),
                    "navigation": request.is_navigation_request(),
                }
            )
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
        else:
            self.off_origin.append(request.url)
            route.abort("blockedbyclient")

    def _console(self, message):
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text}")

    def csp_violations(self, page) -> list[str]:
        """CSP violations reported in the console or to the page's listener so far."""
        reported = (
            page.evaluate("window.__tkViolations || []")
            if page.url.startswith(self.origins)
            else []
        )
        console = [
            line
            for line in self.console
            if "Content Security Policy" in line or "Refused to" in line
        ]
        return reported + console


def plain_context(browser, *, width: int = 1280, height: int = 900, **options):
    """A fresh browser context without a Watch: for suites that look at pages, not at requests
    (the Watch's routing slows every page load, and test_privacy.py already watches every page)."""
    return browser.new_context(viewport={"width": width, "height": height}, **options)


def new_context(browser, site: ServedSite, *, width: int = 1280, height: int = 900, **options):
    """A fresh browser context with a Watch attached: (context, watch)."""
    context = plain_context(browser, width=width, height=height, **options)
    watch = Watch(tuple(site.origins.values()), site.exit_destination).attach(context)
    return context, watch


def axe_context(browser, *, width: int):
    """A context whose pages have axe-core loaded before anything else.

    Init scripts are added through the DevTools protocol, which the page's
    Content-Security-Policy does not govern, so axe runs under the real policy
    and no `bypass_csp` is needed (add_script_tag would be blocked by the CSP).
    """
    context = plain_context(browser, width=width)
    context.add_init_script(path=AXE_SOURCE)
    return context
