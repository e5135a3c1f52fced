"""A publish cut short is rolled back by whatever runs next, and signals wait for the swap: real processes.

A real `toolkit build` runs in its own process with one change: before the Nth rename of
the swap it says so on stdout and waits for a line on stdin. The test then kills it from
outside (SIGKILL, which nothing can hold off) or sends it SIGINT or SIGTERM and lets it go
on. The next runs are real `toolkit` commands too.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_content

# The build, with a pause before the Nth rename the publish step makes. Only toolkit.publish
# sees the pausing os.replace.
PAUSING_BUILD = """
import os, sys, types
import toolkit.publish
from toolkit.cli import main

pause_at, renames = int(os.environ["PAUSE_BEFORE_RENAME"]), []

def replace(source, destination):
    if len(renames) == pause_at:
        print(f"PAUSED before rename {pause_at}: {source} -> {destination}", flush=True)
        sys.stdin.readline()
    renames.append(destination)
    os.replace(source, destination)

toolkit.publish.os = types.SimpleNamespace(**{**vars(os), "replace": replace})
sys.exit(main(sys.argv[1:]))
"""
# The four renames of a swap: site aside, packs aside, new site in, new packs in.
RENAMES = ["site -> site.previous", "packs -> packs.previous", "stage/site -> site", "stage/packs -> packs"]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", "PYTHONDONTWRITEBYTECODE": "1"}
BROKEN_META = "id: first-steps\ntitle: [\n"
SYNTAX_ERROR = "content/modules/first-steps/module.yml:3:1: error: YAML syntax error"


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def outputs(project: Path) -> tuple[dict, dict]:
    return snapshot(project / "site"), snapshot(project / "packs")


def toolkit(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *args, "--root", str(project)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=300)


def paused_build(project: Path, rename: int) -> subprocess.Popen:
    """A real build of `project`, stopped before the given rename of its publish step."""
    process = subprocess.Popen([sys.executable, "-c", PAUSING_BUILD, "build", "--root", str(project)], cwd=ROOT,
                               env={**ENV, "PAUSE_BEFORE_RENAME": str(rename)}, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert line.startswith(f"PAUSED before rename {rename}: "), line + process.stderr.read()
    return process


def set_privacy_version(project: Path, version: str) -> None:
    """A visible change to the site and its offline zips (the PDFs do not hold this page)."""
    page = project / "content/pages/privacy.md"
    text = page.read_text(encoding="utf-8").split("\nThis is version ")[0]
    page.write_text(f"{text}\nThis is version {version} of this page.\n", encoding="utf-8")


def leftovers(project: Path) -> list[str]:
    names = ["site.previous", "packs.previous", "site.discarded", "packs.discarded", "build/publishing.json"]
    return [name for name in names if (project / name).exists()]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The minimal fixture with site/ and packs/ built and published once."""
    project = copy_content(tmp_path_factory.mktemp("interrupted"))
    set_privacy_version(project, "A")
    assert toolkit(project, "build").returncode == 0
    return project


def test_a_build_killed_at_each_rename_is_rolled_back_by_a_build_that_fails_validation(project):
    meta = project / "content/modules/first-steps/module.yml"
    good_meta = meta.read_text(encoding="utf-8")
    old_site, old_packs = outputs(project)
    set_privacy_version(project, "B")
    for rename, what in enumerate(RENAMES):
        build = paused_build(project, rename)
        build.kill()  # SIGKILL, from outside
        build.communicate()
        assert build.returncode == -signal.SIGKILL
        assert (project / "build/publishing.json").exists(), what

        meta.write_text(BROKEN_META, encoding="utf-8")
        failing = toolkit(project, "build")
        meta.write_text(good_meta, encoding="utf-8")
        assert failing.returncode == 1, what
        assert SYNTAX_ERROR in failing.stderr, what
        assert outputs(project) == (old_site, old_packs), f"killed before {what}: not rolled back"
        assert leftovers(project) == [], f"killed before {what}"

    passing = toolkit(project, "build")
    assert passing.returncode == 0, passing.stderr
    assert "This is version B of this page." in (project / "site/public/privacy.html").read_text(encoding="utf-8")
    assert outputs(project)[1] != old_packs  # the offline zips hold the new page
    assert leftovers(project) == []


def test_check_rolls_back_a_killed_publish_before_it_checks(project):
    old_site, old_packs = outputs(project)
    set_privacy_version(project, "C")
    build = paused_build(project, 3)  # the new site is in, the new packs are not
    build.kill()
    build.communicate()
    validate = toolkit(project, "validate")  # reads only content/: it leaves the journal for the next run
    assert validate.returncode == 0
    assert leftovers(project) == ["site.previous", "packs.previous", "build/publishing.json"]
    check = toolkit(project, "check")
    assert check.returncode == 0, check.stderr
    assert outputs(project) == (old_site, old_packs)
    assert leftovers(project) == []


@pytest.mark.parametrize(("sent", "returncode", "stderr"), [
    (signal.SIGINT, 130, "Interrupted. The new output was published in full first.\n"),
    (signal.SIGTERM, -signal.SIGTERM, ""),
])
def test_a_signal_during_the_swap_waits_until_the_swap_is_complete(project, sent, returncode, stderr):
    set_privacy_version(project, f"signal {sent.name}")
    build = paused_build(project, 2)  # both old folders aside, nothing new in yet
    build.send_signal(sent)
    _, err = build.communicate("go on\n", timeout=120)
    assert build.returncode == returncode
    assert err == stderr
    page = (project / "site/public/privacy.html").read_text(encoding="utf-8")
    assert f"This is version signal {sent.name} of this page." in page
    assert (project / "packs/public-offline.zip").is_file()
    assert leftovers(project) == []
