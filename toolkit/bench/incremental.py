"""How long a build takes when nothing changed, and after one module's body changed (toolkit/buildcache.py).

Run after a full build of the project (toolkit/bench/run.py's build_ours), so the cache is warm.
Each rebuild is a `toolkit build --no-packs` in its own process, timed from process start,
imports included, as an author would wait for it.
"""

from __future__ import annotations

from pathlib import Path

from ..cli import REUSED
from .measure import Run, build_toolkit


def time_unchanged_rebuild(project: Path, root: Path) -> Run:
    """A second build of unchanged content; raises if it rebuilt instead of reusing the last output."""
    run = build_toolkit(project, root)
    if not run.ok or REUSED not in run.output:
        raise RuntimeError(f"the unchanged rebuild did not reuse the last build:\n{run.output[-2000:]}")
    return run


def time_one_module_change(project: Path, module: str, root: Path) -> Run:
    """A build after one sentence was added to `module`'s body.md (its pages, lists and search re-made)."""
    body = project / "content" / "modules" / module / "body.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nThe willow tree is calm.\n", encoding="utf-8")
    run = build_toolkit(project, root)
    if not run.ok or REUSED in run.output:
        raise RuntimeError(f"the rebuild after one module changed failed or built nothing:\n{run.output[-2000:]}")
    return run
