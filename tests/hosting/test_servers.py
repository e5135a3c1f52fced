"""nginx, Apache and Caddy serving both editions of a fixture build with the generated configurations.

Every assertion is about what the real server answered (tests/hosting/conftest.py).
"""

from __future__ import annotations

import gzip
import json
import re

import brotli

from tests.hosting.harness import HOSTS, ONION, USER

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; media-src 'self'; object-src 'none'; frame-src 'none'; worker-src 'none'; "
       "manifest-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY = {
    "content-security-policy": CSP,
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "strict-transport-security": "max-age=31536000",
}
CONTENT_NAMED = re.compile(r"\.[0-9a-f]{8,}(\.min)?\.(css|js)$")
TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml")


def expected_security(edition: str, *, onion: bool = False) -> dict[str, str]:
    expected = dict(SECURITY)
    if edition == "professional":
        expected["x-robots-tag"] = "noindex, nofollow, noarchive"
    if onion:
        del expected["strict-transport-security"]
    return expected


def test_every_response_carries_every_security_header_once(served):
    problems = []
    for edition, label, response in served.all():
        for name, value in expected_security(edition if edition != "onion" else "public",
                                             onion=edition == "onion").items():
            if response.header(name) != value:
                problems.append(f"{edition} {label} ({response.status}): {name} = {response.header(name)!r}")
        assert response.header("permissions-policy", ) and "camera=()" in response.header("permissions-policy")
        problems += [f"{edition} {label}: {name} sent twice" for name in response.repeated
                     if name in SECURITY or name == "cache-control"]
    assert problems == []


def test_every_file_of_both_editions_is_served(served, deployment):
    failed = [(edition, path, r.status) for (edition, path), r in served.files.items()
              if r.status != 200 and not path.endswith("/404.html")]
    assert failed == []
    assert len(served.files) > 60


def test_cache_control_per_kind_of_file(served):
    wrong = []
    for (edition, path), response in served.files.items():
        private = "private, " if edition == "professional" else ""
        if CONTENT_NAMED.search(path):
            expected = f"{private}max-age=31536000, immutable"
        else:
            expected = f"{private}no-cache"
        if response.header("cache-control") != expected:
            wrong.append((edition, path, response.header("cache-control")))
    assert wrong == []
    named = [path for (_, path) in served.files if CONTENT_NAMED.search(path)]
    assert any(p.startswith("/assets/toolkit.") and p.endswith(".css") for p in named)
    assert any(p.startswith("/search/docs.") for p in named)
    for edition in HOSTS:
        assert served.special[(edition, "missing page")].header("cache-control") == (
            "private, no-cache" if edition == "professional" else "no-cache")


def _decoded(response) -> bytes:
    encoding = response.header("content-encoding")
    if encoding == "br":
        return brotli.decompress(response.body)
    if encoding == "gzip":
        return gzip.decompress(response.body)
    assert encoding is None, encoding
    return response.body


def test_text_is_compressed_and_precompressed_files_are_served(served, deployment):
    problems = []
    for (edition, path), response in served.files.items():
        site = deployment.site(edition)
        original = (site / path.lstrip("/")).read_bytes()
        if _decoded(response) != original and not path.endswith("404.html"):
            problems.append(f"{edition} {path}: body differs from the file")
        if path.endswith(TEXT) and len(original) >= 256:
            if response.header("content-encoding") != "br":
                problems.append(f"{edition} {path}: content-encoding {response.header('content-encoding')!r}")
            if "accept-encoding" not in (response.header("vary") or "").lower():
                problems.append(f"{edition} {path}: no Vary: Accept-Encoding")
            # Files asked for by name come from the build's .br copies, not compressed again per request.
            precompressed = site / (path.lstrip("/") + ".br")
            if not precompressed.is_file():
                problems.append(f"the build did not write {precompressed}")
            elif response.body != precompressed.read_bytes() and not path.endswith("404.html"):
                problems.append(f"{edition} {path}: not the build's .br file")
    for (edition, path), response in served.gzip_only.items():
        site = deployment.site(edition)
        if len((site / path.lstrip("/")).read_bytes()) >= 256 and response.header("content-encoding") != "gzip":
            problems.append(f"{edition} {path} (gzip only): {response.header('content-encoding')!r}")
    assert problems == []


def test_no_version_token_and_no_directory_listing(served, deployment):
    for edition, label, response in served.all():
        server = response.header("server") or ""
        assert not re.search(r"\d", server), f"{edition} {label}: Server: {server}"
    page_404 = {edition: (deployment.site(edition) / "404.html").read_bytes() for edition in HOSTS}
    for edition in HOSTS:
        for folder in ("assets", "search", "modules"):
            response = served.special[(edition, f"folder without index: {folder}")]
            assert response.status == 404, (edition, folder, response.status)
            assert _decoded(response) == page_404[edition]


def test_the_sites_own_404_page_with_status_404(served, deployment):
    for edition in HOSTS:
        expected = (deployment.site(edition) / "404.html").read_bytes()
        for label in ("missing page", "missing nested page"):
            response = served.special[(edition, label)]
            assert response.status == 404
            assert response.header("content-type").startswith("text/html")
            assert _decoded(response) == expected
        assert served.special[(edition, "folder with index")].status == 200
        assert _decoded(served.special[(edition, "root")]) == (deployment.site(edition) / "index.html").read_bytes()


def test_professional_edition_needs_the_login(served):
    for label in ("no login", "wrong password", "no login, missing page"):
        response = served.special[("professional", label)]
        assert response.status == 401, label
        assert response.header("www-authenticate") == 'Basic realm="Professional edition"'
    assert all(r.status in (200, 404) for (edition, _), r in served.files.items() if edition == "professional")


def test_port_80_redirects_to_https(served):
    for edition, host in HOSTS.items():
        response = served.special[(edition, "port 80")]
        assert response.status in (301, 308)
        assert response.header("location") == f"https://{host}/modules/first-steps.html"


def test_packs_and_offline_zip_are_linked_and_served_only_in_their_edition(served):
    public = {path for (edition, path) in served.files if edition == "public"}
    professional = {path for (edition, path) in served.files if edition == "professional"}
    assert {"/downloads/self.pdf", "/downloads/self-large-print.pdf", "/downloads/public-offline.zip"} <= public
    assert not [path for path in public if "professional" in path]
    assert {"/downloads/professionals.pdf", "/downloads/professional-offline.zip"} <= professional
    page = served.files[("public", "/downloads.html")]
    assert b'href="downloads/public-offline.zip"' in _decoded(page)
    assert served.files[("public", "/downloads/self.pdf")].header("content-type") == "application/pdf"
    assert served.files[("public", "/downloads/public-offline.zip")].header("content-type") == "application/zip"


def test_onion_mirror_and_onion_location(served):
    page = served.special[("onion", "onion page")]
    assert page.status == 200
    assert page.header("onion-location") is None  # not on the mirror itself
    assert served.special[("onion", "onion missing page")].status == 404
    response = served.files[("public", "/modules/first-steps.html")]
    assert response.header("onion-location") == f"http://{ONION}/modules/first-steps.html"


USAGE_LINE = re.compile(r'^\d{4}-\d{2}-\d{2} "/[^"?\s]*" \d{3}$')


def test_usage_log_records_only_date_path_and_status(served):
    for edition in HOSTS:
        lines = served.usage_log[edition].splitlines()
        assert len(lines) >= len([1 for (e, _) in served.files if e == edition])
        if served.server == "caddy":
            for line in lines:
                entry = json.loads(line)
                assert sorted(entry) == ["request", "status", "ts"], entry
                assert sorted(entry["request"]) == ["uri"]
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["ts"]), entry["ts"]
                assert "?" not in entry["request"]["uri"]
        else:
            assert [line for line in lines if not USAGE_LINE.match(line)] == []
        text = served.usage_log[edition]
        assert "127.0.0.1" not in text and "secret-search-words" not in text and USER not in text
        assert "python" not in text.lower()  # no user agent


def test_error_log_names_no_address_and_no_user(served):
    """The crawl made 404s, 401s and a wrong password: none of it names the reader."""
    for edition in HOSTS:
        text = served.error_log[edition]
        # nginx writes "client: 1.2.3.4", Apache "[client 1.2.3.4:port]", Caddy "remote_ip" / "client_ip"
        for marker in ("client:", "[client ", "remote_ip", "client_ip", USER):
            assert marker not in text, (edition, marker)
