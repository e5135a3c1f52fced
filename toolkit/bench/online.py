"""The online link check against LinkChecker, on the same local site in the same run.

A small site (20 synthetic modules) links to 500 distinct pages on 50 "other websites":
loopback addresses 127.0.1.1 to 127.0.1.50, all answered by one slow server that waits
100 ms before each answer and counts the requests in flight to each address. Ours is
`toolkit check --online` over the built site (the command behind `scripts/check --online`),
with its default per-host limit; LinkChecker crawls the same site, served locally, with
`--check-extern` and its defaults. The links are http:// (a local HTTPS server would need a
certificate both checkers trust), so our check also reports each one as not https: that
changes nothing in the timing.
"""

from __future__ import annotations

import http.server
import json
import shutil
import sys
import threading
import time
from pathlib import Path

from .firstload import QuietServer, RecordingServer
from .measure import build_toolkit, ratio, run_measured
from .synthetic import write_content

HOSTS = 50
LINKS = 500
LATENCY = 0.1
LINKCHECKER_TIMEOUT = 600


class SlowServers:
    """One HTTP server per loopback address, all on one port, each answer 100 ms late."""

    def __init__(self, hosts: int = HOSTS):
        self.lock = threading.Lock()
        self.in_flight: dict[str, int] = {}
        self.peak: dict[str, int] = {}
        self.requests = 0
        self.servers: list[http.server.ThreadingHTTPServer] = []
        self.addresses = [f"127.0.1.{n}" for n in range(1, hosts + 1)]
        handler = self._handler()
        port = 0
        for address in self.addresses:
            server = QuietServer((address, port), handler)
            port = server.server_address[1]
            self.servers.append(server)
        self.port = port

    def _handler(self):
        counter = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self, body: bool) -> None:
                host = self.server.server_address[0]
                with counter.lock:
                    counter.requests += 1
                    counter.in_flight[host] = counter.in_flight.get(host, 0) + 1
                    counter.peak[host] = max(counter.peak.get(host, 0), counter.in_flight[host])
                try:
                    time.sleep(LATENCY)
                    page = b"<!doctype html><title>A page</title><p>Some text.</p>"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(page)))
                    self.end_headers()
                    if body:
                        self.wfile.write(page)
                finally:
                    with counter.lock:
                        counter.in_flight[host] -= 1

            def do_GET(self) -> None:
                self._answer(True)

            def do_HEAD(self) -> None:
                self._answer(False)

            def log_message(self, *args) -> None:
                pass

        return Handler

    def urls(self, count: int = LINKS) -> list[str]:
        """`count` distinct page addresses spread evenly over the hosts."""
        return [f"http://{self.addresses[i % len(self.addresses)]}:{self.port}/page-{i}.html" for i in range(count)]

    def reset(self) -> None:
        with self.lock:
            self.peak.clear()
            self.requests = 0

    def __enter__(self) -> SlowServers:
        for server in self.servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


def _our_check(project: Path, root: Path) -> tuple[float, int, dict]:
    """`toolkit check --online`: (seconds, busiest host per our engine, its report line's figures)."""
    run = run_measured([sys.executable, "-m", "toolkit", "check", "--online", "--root", str(project)], cwd=root)
    findings = json.loads((project / "build" / "reports" / "findings.json").read_text(encoding="utf-8"))
    note = next((f for f in findings if f.get("check") == "external-links" and "seconds" in f.get("extra", {})), None)
    if note is None:
        raise SystemExit(f"bench: the online check reported no network run:\n{run.output[-2000:]}")
    return run.seconds, max(note["extra"]["peak_per_host"].values(), default=0), note


def bench_online(work: Path, root: Path) -> dict:
    """Both checkers on the same site and the same 500 links."""
    if work.exists():
        shutil.rmtree(work)
    project = work / "project"
    linkchecker = Path(sys.executable).with_name("linkchecker")
    if not linkchecker.exists():
        return {"skipped": "LinkChecker is not installed (pip install -r requirements/bench.txt)"}
    with SlowServers() as slow:
        urls = slow.urls()
        write_content(project / "content", 20, further_reading_urls=urls)
        shutil.copy(root / "mkdocs.yml", project / "mkdocs.yml")
        built = build_toolkit(project, root)
        if not (project / "build" / "stage" / "site" / "public").exists():
            raise SystemExit(f"bench: the link-check site did not build:\n{built.output[-2000:]}")
        site = project / "site"
        if not site.exists():  # http:// links fail the build's own checks: check the staged pages instead
            shutil.copytree(project / "build" / "stage" / "site", site)

        slow.reset()
        ours_s, ours_engine_peak, _ = _our_check(project, root)
        ours_peak, ours_requests = max(slow.peak.values(), default=0), slow.requests

        slow.reset()
        with RecordingServer(site / "public") as local:
            theirs = run_measured([str(linkchecker), "--check-extern", "--no-status", "-o", "none",
                                   local.base_url + "index.html"], cwd=work)
        theirs_peak, theirs_requests = max(slow.peak.values(), default=0), slow.requests
    from ..linkcheck import Settings

    return {
        "links": len(urls),
        "hosts": HOSTS,
        "latency_s": LATENCY,
        "ours_s": round(ours_s, 2),
        "ours_peak_per_host": max(ours_peak, ours_engine_peak),
        "ours_requests": ours_requests,
        "per_host_limit": Settings().per_host_limit,
        "linkchecker_s": round(theirs.seconds, 2),
        "linkchecker_peak_per_host": theirs_peak,
        "linkchecker_requests": theirs_requests,
        "ratio": ratio(ours_s, theirs.seconds),
    }


def format_online(r: dict) -> str:
    if "skipped" in r:
        return f"Online link check: skipped: {r['skipped']}"
    return (f"Online link check, {r['links']} links on {r['hosts']} hosts answering after {r['latency_s'] * 1000:.0f} ms:\n"
            f"  ours (toolkit check --online): {r['ours_s']:.2f} s, {r['ours_requests']} requests, at most "
            f"{r['ours_peak_per_host']} at once to one host (limit {r['per_host_limit']})\n"
            f"  LinkChecker 10.6 (--check-extern, defaults): {r['linkchecker_s']:.2f} s, "
            f"{r['linkchecker_requests']} requests, at most {r['linkchecker_peak_per_host']} at once to one host\n"
            f"  ratio {r['ratio']:.3f}")
