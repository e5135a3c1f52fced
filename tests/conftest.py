"""Shared test helpers: content trees, built fixture sites, a loopback server and the browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from toolkit.bench.firstload import CHROMIUM, launch_browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "sites" / "minimal" / "content"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text} under root; returns root."""
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def show_professional_worksheet(project: Path) -> None:
    """Make the public module first-steps show a professional-only worksheet: it loads, and leaks."""
    write_tree(project / "content", {"worksheets/case-notes.yml": (
        "id: case-notes\ntitle: Case notes for practitioners\nintro: Notes to keep after a session with a client.\n"
        "audiences: [professionals]\nedition: professional\nsections:\n  - heading: The session\n"
        "    fields:\n      - label: What did the client say about their week?\n")})
    body = project / "content" / "modules" / "first-steps" / "body.md"
    body.write_text(body.read_text(encoding="utf-8") + "\n{{ worksheet: case-notes }}\n", encoding="utf-8")


def copy_content(tmp_path: Path, source: Path = MINIMAL) -> Path:
    """A writable copy of a fixture content tree, inside a project folder with mkdocs.yml."""
    project = tmp_path / "project"
    shutil.copytree(source, project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


@pytest.fixture
def project(tmp_path) -> Path:
    """A project folder holding a copy of the minimal fixture content."""
    return copy_content(tmp_path)


def build_project(project: Path, **options):
    from toolkit.build import BuildOptions, build

    options.setdefault("packs", False)
    return build(BuildOptions(root=project, **options))


@pytest.fixture(scope="session")
def built_minimal(tmp_path_factory):
    """The minimal fixture, built once per test session (site/ under a temporary project)."""
    project = copy_content(tmp_path_factory.mktemp("built"))
    result = build_project(project)
    assert result.ok, [f.format() for f in result.findings]
    return project, result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# A deployment's local services (tests/packs, tests/editions): validated like the registry.
LOCAL_CONTACTS = """\
helplines:
  - id: fife-family-support
    name: Fife Family Support Line
    description: A local service in Fife for anyone worried about a child or about themselves.
    audiences: [self, family-friends, parents-carers]
    regions: [local]
    phones:
      - number: "0131 496 0018"
        e164: "+441314960018"
        cost: local-rate
    hours:
      weekly:
        - days: [mon, tue, wed]
          opens: "10:00"
          closes: "16:00"
    confidentiality: You can stay anonymous.
    verification:
      status: verified
      checked: 2026-10-20
"""


@pytest.fixture(scope="session")
def packs_build(tmp_path_factory):
    """(project, result): the minimal fixture built with packs and local contacts, published."""
    project = copy_content(tmp_path_factory.mktemp("packs"))
    write_tree(project, {"local/contacts.yml": LOCAL_CONTACTS})
    result = build_project(project, packs=True, local_contacts=project / "local" / "contacts.yml")
    assert result.ok, [f.format() for f in result.findings]
    return project, result


@pytest.fixture
def serve_dir():
    """Start a loopback HTTP server for a folder: serve_dir(path) -> base URL."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def browser_required() -> bool:
    return os.environ.get("TOOLKIT_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Fails (not skips) when TOOLKIT_REQUIRE_BROWSER=1."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if browser_required():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = launch_browser(playwright)
        yield instance
        instance.close()
