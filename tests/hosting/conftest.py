"""One deployment of the minimal fixture (built with packs), and each real server started once and crawled once."""

from __future__ import annotations

import base64
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.hosting.harness import (
    EDITIONS,
    HOSTS,
    ONION,
    PASSWORD,
    SERVERS,
    USER,
    Client,
    Deployment,
    Response,
    make_deployment,
    require,
    start,
    stop,
)

AUTH = {"Authorization": "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()}
WRONG_AUTH = {"Authorization": "Basic " + base64.b64encode(f"{USER}:wrong".encode()).decode()}
ACCEPT = {"Accept-Encoding": "br, gzip"}
PRECOMPRESSED = (".gz", ".br")


@pytest.fixture(scope="session")
def deployment(packs_build) -> Deployment:
    project, _ = packs_build
    made = make_deployment(project)
    yield made
    shutil.rmtree(made.root, ignore_errors=True)


def site_files(site: Path) -> list[str]:
    """Every file a reader can ask for: all of the edition's files but the precompressed copies."""
    return sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.suffix not in PRECOMPRESSED)


@dataclass
class Crawl:
    """What one server answered: every file of both editions, and the special requests."""

    server: str
    files: dict[tuple[str, str], Response] = field(default_factory=dict)  # (edition, path) -> with br, gzip
    gzip_only: dict[tuple[str, str], Response] = field(default_factory=dict)
    special: dict[tuple[str, str], Response] = field(default_factory=dict)  # (edition, what) -> response
    usage_log: dict[str, str] = field(default_factory=dict)
    error_log: dict[str, str] = field(default_factory=dict)

    def all(self):
        """Every (edition, label, response), special ones included."""
        for store in (self.files, self.gzip_only, self.special):
            for (edition, label), response in store.items():
                yield edition, label, response


SPECIAL = {
    "missing page": "/no-such-page.html",
    "missing nested page": "/modules/no-such-module.html",
    "folder without index: assets": "/assets/",
    "folder without index: search": "/search/",
    "folder without index: modules": "/modules/",
    "folder with index": "/family-friends/",
    "root": "/",
    "query string": "/index.html?q=secret-search-words",
}


def crawl(server_name: str, deployment: Deployment) -> Crawl:
    server = start(server_name, deployment)
    result = Crawl(server_name)
    try:
        for edition in EDITIONS:
            host = HOSTS[edition]
            auth = AUTH if edition == "professional" else {}
            client = Client(server.ports.https, host)
            for path in site_files(deployment.site(edition)):
                result.files[(edition, path)] = client.get(path, {**ACCEPT, **auth})
                if path.endswith((".html", ".css", ".js")):
                    result.gzip_only[(edition, path)] = client.get(path, {"Accept-Encoding": "gzip", **auth})
            for label, path in SPECIAL.items():
                result.special[(edition, label)] = client.get(path, {**ACCEPT, **auth})
            if edition == "professional":
                result.special[(edition, "no login")] = client.get("/index.html", ACCEPT)
                result.special[(edition, "wrong password")] = client.get("/index.html", {**ACCEPT, **WRONG_AUTH})
                result.special[(edition, "no login, missing page")] = client.get("/no-such-page.html", ACCEPT)
            client.close()
            plain = Client(server.ports.http, host, tls=False)
            result.special[(edition, "port 80")] = plain.get("/modules/first-steps.html")
            plain.close()
        onion = Client(server.ports.onion, ONION, tls=False)
        result.special[("onion", "onion page")] = onion.get("/index.html", ACCEPT)
        result.special[("onion", "onion missing page")] = onion.get("/no-such-page.html", ACCEPT)
        onion.close()
    finally:
        stop(server)
    # Caddy writes errors to its own log (the main Caddyfile's), not one per site.
    caddy_errors = (server.run / "caddy-main.log").read_text(encoding="utf-8") if server_name == "caddy" else ""
    for edition in EDITIONS:
        result.error_log[edition] = caddy_errors
        for store, name in ((result.usage_log, f"{edition}-usage.log"), (result.error_log, f"{edition}-error.log")):
            path = deployment.logs / name
            store[edition] = store.get(edition, "") + (path.read_text(encoding="utf-8", errors="replace")
                                                       if path.exists() else "")
            if path.exists():
                path.unlink()  # the next server writes its own
    return result


@pytest.fixture(scope="session")
def crawls(deployment):
    """Start each server on demand, crawl it once, keep what it answered."""
    done: dict[str, Crawl] = {}

    def get(server: str) -> Crawl:
        require({"apache": "apache"}.get(server, server), "htpasswd", "openssl")
        if server not in done:
            done[server] = crawl(server, deployment)
        return done[server]

    return get


@pytest.fixture(params=SERVERS)
def served(request, crawls) -> Crawl:
    return crawls(request.param)


def responses_json(crawl: Crawl) -> str:
    """The crawl's responses as the Observatory grader reads them (tests/hosting/observatory.mjs)."""
    return json.dumps({f"{edition} {label}": {"status": r.status, "headers": r.headers}
                       for edition, label, r in crawl.all()})
