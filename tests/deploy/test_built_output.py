"""Content-named assets, precompressed files and downloads, as a build writes them."""

from __future__ import annotations

import gzip
import hashlib
import re
import zipfile

import brotli

from toolkit.deploy.fingerprint import content_name, renamed_reference

NAMED = re.compile(r"\.[0-9a-f]{10}\.(css|js)$")


def test_content_name_is_the_sha256_prefix():
    data = b"body{}"
    assert content_name("toolkit.css", data) == f"toolkit.{hashlib.sha256(data).hexdigest()[:10]}.css"
    assert renamed_reference("../assets/a.css?v=1", "assets/a.css", {"assets/a.css": "assets/a.0123456789.css"}) == (
        "../assets/a.0123456789.css?v=1")


def test_every_stylesheet_and_script_is_named_by_content_and_every_page_points_at_it(built_minimal):
    project, result = built_minimal
    assert result.ok
    for edition in ("public", "professional"):
        site = project / "site" / edition
        scripts = [p for p in site.rglob("*") if p.suffix in (".css", ".js")]
        assert scripts and all(NAMED.search(p.name) for p in scripts)
        for path in scripts:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            assert f".{digest}." in path.name
        for page in ("index.html", "404.html", "modules/first-steps.html"):
            html = (site / page).read_text(encoding="utf-8")
            refs = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html)
            assert refs and all(NAMED.search(ref) for ref in refs), refs
        search = (site / "search.html").read_text(encoding="utf-8")
        docs = re.search(r'data-tk-search="(docs\.[0-9a-f]{10}\.js)"', search).group(1)
        assert (site / "search" / docs).is_file()
        assert not (site / "search" / "docs.js").exists()


def test_text_files_are_precompressed_and_identical_when_decompressed(built_minimal):
    project, _ = built_minimal
    site = project / "site" / "public"
    page = (site / "index.html").read_bytes()
    assert gzip.decompress((site / "index.html.gz").read_bytes()) == page
    assert brotli.decompress((site / "index.html.br").read_bytes()) == page
    css = next((site / "assets").glob("toolkit.*.css"))
    assert brotli.decompress(css.with_name(css.name + ".br").read_bytes()) == css.read_bytes()
    assert not list(site.rglob("*.pdf.gz")) and not list(site.rglob("*.png.br"))


def test_downloads_are_served_from_the_site_and_the_zip_holds_no_copies(packs_build):
    project, _ = packs_build
    public = sorted(p.name for p in (project / "site" / "public" / "downloads").iterdir())
    assert public == ["family-friends-large-print.pdf", "family-friends.pdf", "parents-carers-large-print.pdf",
                      "parents-carers.pdf", "public-offline.zip", "self-large-print.pdf", "self.pdf"]
    professional = sorted(p.name for p in (project / "site" / "professional" / "downloads").iterdir())
    assert professional == ["professional-offline.zip", "professionals-large-print.pdf", "professionals.pdf"]
    with zipfile.ZipFile(project / "packs" / "public-offline.zip") as bundle:
        names = bundle.namelist()
    assert not [n for n in names if n.endswith((".gz", ".br")) or "/downloads/" in n]


def test_brotlis_window_is_the_smallest_that_holds_the_file():
    from toolkit.deploy.precompress import brotli_window

    # Brotli's window holds 2**lgwin - 16 bytes; lgwin goes from 10 to 24, and 22 is its default.
    assert [brotli_window(size) for size in (0, 1008, 1009, 16_368, 16_369, 4 * 2**20, 2**30)] == [
        10, 10, 11, 14, 15, 22, 22]
    text = b"".join(b"line %d of a page that repeats itself\n" % (i % 700) for i in range(3_000))
    packed = brotli.compress(text, quality=6, lgwin=brotli_window(len(text)))
    assert brotli.decompress(packed) == text and len(packed) <= len(brotli.compress(text, quality=6))
