"""Editions that share their Markdown conversions (toolkit.render_shared) build exactly what editions that each
convert every page build: in one process, in two, and in every language."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, build_project, copy_content
from tests.pipeline.test_output_guarantees import snapshot
from tests.test_render_shared import count_conversions
from toolkit import build as toolkit_build
from toolkit.checks import DEFAULT_CHECKS
from toolkit.findings import to_json

LANGUAGES = FIXTURES / "sites" / "languages" / "content"


def _same_markdown(project: Path) -> dict[str, int]:
    """For each language tree: how many of the public edition's generated pages have byte for byte the same
    Markdown in the professional edition."""
    projects = project / "build" / "projects"
    same = {}
    for tree in sorted(path.name for path in (projects / "public").iterdir()):
        public, professional = projects / "public" / tree / "docs", projects / "professional" / tree / "docs"
        same[tree] = sum(1 for page in public.rglob("*.md")
                         if (professional / page.relative_to(public)).is_file()
                         and page.read_bytes() == (professional / page.relative_to(public)).read_bytes())
    return same


@pytest.mark.parametrize("source", [None, LANGUAGES], ids=["minimal", "languages"])
def test_shared_conversions_build_what_unshared_ones_build(tmp_path, monkeypatch, source):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    copy = (lambda folder: copy_content(folder)) if source is None else (lambda folder: copy_content(folder, source))
    alone = build_project(copy(tmp_path / "alone"), share_conversions=False)

    converted: list[str] = []
    count_conversions(monkeypatch, lambda page: converted.append(page.file.src_uri))
    shared = build_project(copy(tmp_path / "shared"))  # one process: the second edition takes from memory
    converted_in_one = len(converted)
    content_checked = []
    run_checks = toolkit_build.run_checks

    def noting(site, checks, checked=None, content_checked_here=None):
        content_checked.append(content_checked_here)
        return run_checks(site, checks, checked, content_checked_here)

    monkeypatch.setattr(toolkit_build, "run_checks", noting)
    parallel = build_project(copy(tmp_path / "parallel"), parallel_from=0)  # two processes, through files
    assert alone.ok and shared.ok and parallel.ok
    expected = snapshot(tmp_path / "alone" / "project" / "site")
    assert snapshot(tmp_path / "shared" / "project" / "site") == expected
    assert snapshot(tmp_path / "parallel" / "project" / "site") == expected
    assert [f.format() for f in shared.findings] == [f.format() for f in alone.findings]
    assert [f.format() for f in parallel.findings] == [f.format() for f in alone.findings]
    assert shared.built_site.reports == alone.built_site.reports

    # In one process, every page whose Markdown the professional edition has too was converted once, for both.
    pages = {name: len(edition.pages) for name, edition in alone.compiled.items()}
    same = _same_markdown(tmp_path / "shared" / "project")
    assert sum(same.values()) > 10
    assert converted_in_one == pages["public"] + pages["professional"] - sum(same.values())
    # Between them, the two processes ran every check of the content alone, each once.
    assert sorted(content_checked[0]) == sorted(module.NAME for module in DEFAULT_CHECKS
                                                if getattr(module, "CONTENT_ONLY", False))
    # The files the two processes exchanged are gone with the build.
    assert not (tmp_path / "parallel" / "project" / "build" / "stage" / "conversions").exists()


def test_the_command_lines_forked_editions_share_and_build_what_unshared_ones_build(tmp_path, monkeypatch):
    """The command line forks the second edition's process (the tests' own builds spawn it)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    alone = build_project(copy_content(tmp_path / "alone"), share_conversions=False)
    project = copy_content(tmp_path / "forked")
    done = subprocess.run([sys.executable, "-m", "toolkit", "build", "--no-packs", "--root", str(project)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert snapshot(project / "site") == snapshot(tmp_path / "alone" / "project" / "site")
    findings = json.loads((project / "build" / "reports" / "findings.json").read_text(encoding="utf-8"))
    assert findings == json.loads(to_json(alone.findings))
