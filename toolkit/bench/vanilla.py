"""The project a new user of Material for MkDocs would write for the same pages.

The Markdown is the public edition our compile step generated (build/projects/public/docs),
so both sides render the same pages with the same text, help cards and links; the
configuration is the two lines of Material's "getting started": a site name and the theme.
The copy is without the marks around the compile step's HTML blocks (toolkit.compile.blocks),
which only our renderer reads: vanilla parses those blocks, as it would without them.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from ..compile.blocks import without_marks
from .measure import Run, run_measured

VANILLA_CONFIG = "site_name: {name}\ntheme:\n  name: material\n"


def fresh_copy(docs: Path, folder: Path, name: str) -> None:
    """A new `folder` holding a copy of `docs` as `folder`/`name` (what an earlier run left there is removed), its
    Markdown without our renderer's marks."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(docs, folder / name, copy_function=_copy_unmarked)


def _copy_unmarked(source: str, target: str) -> None:
    if source.endswith(".md"):
        Path(target).write_text(without_marks(Path(source).read_text(encoding="utf-8")), encoding="utf-8")
    else:
        shutil.copy2(source, target)


def write_vanilla_project(docs: Path, folder: Path, site_name: str) -> Path:
    """Copy `docs` into `folder`/docs and write its mkdocs.yml; returns the config file."""
    fresh_copy(docs, folder, "docs")
    config = folder / "mkdocs.yml"
    config.write_text(VANILLA_CONFIG.format(name=json.dumps(site_name)), encoding="utf-8")
    return config


def build_vanilla(folder: Path, site: str = "site") -> Run:
    """`mkdocs build` of the vanilla project into `folder`/`site`, in its own process, with the MkDocs and
    Material we pin."""
    return run_measured([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", site], cwd=folder,
                        env={"NO_MKDOCS_2_WARNING": "1"})


def page_url(module_id: str) -> str:
    """Address of a module page in the vanilla site (MkDocs' default directory URLs)."""
    return f"modules/{module_id}/"
