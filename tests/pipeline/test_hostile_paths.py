"""Dangerous output folders are refused before anything is touched: through the real command line.

Each case runs `python -m toolkit` in a copy of the repository (the toolkit's code, README.md,
mkdocs.yml and the minimal content), so that if a refusal ever broke, the copy would be lost
and not this checkout. The whole copy is compared byte for byte before and after.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, write_tree

HINT = ("    hint: Each build replaces its output folders whole: give a new or empty folder (or one an earlier "
        "build wrote), outside the content folder and the toolkit's code. Nothing was changed.")


@pytest.fixture
def repo(tmp_path) -> Path:
    """A copy of the repository: code, README.md, mkdocs.yml and the minimal fixture as content/."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "toolkit", copy / "toolkit", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("README.md", "mkdocs.yml"):
        shutil.copy(ROOT / name, copy / name)
    shutil.copytree(MINIMAL, copy / "content")
    return copy


def toolkit(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the copy's own toolkit (python -m finds it in the working folder), writing no bytecode."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=120)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, files with their SHA-256."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize(("args", "reasons"), [
    (["--site", "content"], ["--site content: is the content folder ({repo}/content)."]),
    (["--site", "content/modules/first-steps"],
     ["--site content/modules/first-steps: is inside the content folder ({repo}/content)."]),
    (["--packs", "content/pages"], ["--packs content/pages: is inside the content folder ({repo}/content)."]),
    (["--site", "toolkit"], ["--site toolkit: is the toolkit's code ({repo}/toolkit)."]),
    (["--site", "toolkit/theme"], ["--site toolkit/theme: is inside the toolkit's code ({repo}/toolkit)."]),
    (["--site", "."], ["--site .: is the project folder ({repo})."]),
    (["--site", ".."], ["--site ..: contains the project folder ({repo})."]),
    (["--site", "build"], ["--site build: is the build folder (--build {repo}/build)."]),
    (["--site", "build/site"], ["--site build/site: is inside the build folder (--build {repo}/build)."]),
    (["--site", "out", "--packs", "out/packs"], ["--site out: contains the packs folder (--packs out/packs)."]),
    (["--build", "content"], ["--build content: is the content folder ({repo}/content)."]),
    (["--site", "README.md"], ["--site README.md: is a file, not a folder."]),
    (["--site", "content", "--packs", "README.md"],
     ["--site content: is the content folder ({repo}/content).", "--packs README.md: is a file, not a folder."]),
])
def test_a_dangerous_output_folder_is_refused_and_nothing_changes(repo, args, reasons):
    before = snapshot(repo)
    run = toolkit(repo, "build", "--root", ".", *args)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"toolkit build: error: {reason.format(repo=repo)}" for reason in reasons] + [HINT]
    assert run.stdout == ""
    assert snapshot(repo) == before


FOREIGN = ("is a folder the toolkit did not make (it has no .toolkit-output file and holds other files); "
           "the build never deletes such a folder.")


@pytest.mark.parametrize(("args", "files"), [
    (["--site", "notes"], {"notes/diary.txt": "mine"}),
    (["--packs", "notes"], {"notes/diary.txt": "mine", "notes/self.pdf": "a pack"}),
    (["--build", "notes"], {"notes/diary.txt": "mine"}),
    # site/ as an earlier version left it, but with a file of someone else's in it:
    (["--site", "site"], {"site/public/index.html": "old", "site/nginx-public.conf": "old", "site/todo.txt": "mine"}),
])
def test_a_folder_the_toolkit_did_not_make_is_never_replaced(repo, args, files):
    write_tree(repo, files)
    before = snapshot(repo)
    run = toolkit(repo, "build", "--root", ".", *args)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"toolkit build: error: {args[0]} {args[1]}: {FOREIGN}", HINT]
    assert snapshot(repo) == before


def test_a_foreign_folder_in_the_way_of_the_swap_is_refused(repo):
    write_tree(repo, {"site.previous/diary.txt": "mine"})
    before = snapshot(repo)
    run = toolkit(repo, "build", "--root", ".")
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        f"toolkit build: error: --site {repo}/site: needs {repo}/site.previous for the swap, "
        "and that is not the toolkit's.", HINT]
    assert snapshot(repo) == before


@pytest.mark.parametrize(("command", "args", "reason"), [
    ("check", ["--build", "content/modules"], "--build content/modules: is inside the content folder ({repo}/content)."),
    ("serve", ["--build", "toolkit", "--port", "0"], "--build toolkit: is the toolkit's code ({repo}/toolkit)."),
])
def test_check_and_serve_refuse_a_dangerous_build_folder(repo, command, args, reason):
    before = snapshot(repo)
    run = toolkit(repo, command, "--root", ".", *args)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"toolkit {command}: error: {reason.format(repo=repo)}", HINT]
    assert snapshot(repo) == before


def test_a_site_an_earlier_version_built_is_still_replaced_and_then_marked(repo):
    # As published before the marker existed: only editions and nginx examples.
    write_tree(repo, {"site/public/index.html": "old", "site/professional/index.html": "old",
                      "site/nginx-public.conf": "old", "packs/self.pdf": "old", "packs/public-offline.zip": "old"})
    run = toolkit(repo, "build", "--root", ".", "--no-packs")
    assert run.returncode == 0, run.stderr
    assert "Exit this page" in (repo / "site/public/index.html").read_text(encoding="utf-8")
    assert (repo / "site/.toolkit-output").read_text(encoding="utf-8") == (
        "Written by the toolkit build. The next build replaces this folder whole; keep nothing else here.\n")
    assert (repo / "packs/self.pdf").read_text(encoding="utf-8") == "old"  # --no-packs: not touched


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_project_without_mkdocs_yml_is_a_usage_error_not_a_crash(repo, command):
    (repo / "mkdocs.yml").unlink()
    before = snapshot(repo)
    run = toolkit(repo, command, "--root", ".", *(["--port", "0"] if command == "serve" else []))
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        f"toolkit {command}: error: mkdocs.yml not found: the renderer's base settings are missing.",
        "    hint: Run the command in the project folder (the one with content/ and mkdocs.yml), or give it "
        "with --root. Nothing was changed."]
    assert snapshot(repo) == before
