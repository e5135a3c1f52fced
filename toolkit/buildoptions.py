"""What a build is asked to do: its folders and options (toolkit.build runs it).

A module of its own, importing nothing heavy, so that the command line can decide whether
anything changed since the last build (toolkit.unchanged) before it imports the pipeline.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .buildcache import BuildCache
from .content.names import EDITIONS
from .outputs import Output, refuse_unsafe
from .publish import recover

if TYPE_CHECKING:
    from .content import Content

# From this many modules (and with more than one CPU), the editions are built at the same
# time in separate processes. Starting a second Python costs about 0.4 s, which a small
# site does not win back. A forked copy of the command line's process starts at once with
# everything imported, so there the editions overlap at any size.
PARALLEL_FROM = 100


@dataclass
class BuildOptions:
    root: Path
    content_dir: Path | None = None
    site_dir: Path | None = None
    packs_dir: Path | None = None
    build_dir: Path | None = None
    local_contacts: Path | None = None
    strict: bool = False
    release: bool = False
    online: bool = False
    packs: bool = True
    editions: tuple[str, ...] = EDITIONS
    parallel_from: int = PARALLEL_FROM
    # The command line sets this: its process may fork, when it runs no other thread, and makes this one build.
    may_fork: bool = False
    cache: bool = True  # reuse what earlier builds made from the same inputs (toolkit.buildcache)
    # The editions convert a page's Markdown once when it is the same in both (toolkit.render_shared); a test
    # compares builds with and without.
    share_conversions: bool = True
    # Set by toolkit.build for one build: the cache held nothing when it began, so its stages do not ask it.
    cache_held_nothing: bool = False

    def forks(self) -> bool:
        """Whether a second process is forked from this one (else a new Python is spawned).

        Only a process with no other thread forks: a fork copies locks that another thread may hold
        (the tests, the live preview's server), and the child could wait on them for ever."""
        import multiprocessing
        import threading

        return (self.may_fork and threading.active_count() == 1
                and "fork" in multiprocessing.get_all_start_methods())

    def builds_once(self) -> bool:
        """Whether the process makes this one build and ends (the command line's, and the edition's process it
        forks), so that what lives after a stage may be kept out of later collections (toolkit.build)."""
        return self.may_fork

    def parallel(self, content: Content) -> bool:
        """Whether this build is large enough, and the machine has the CPUs, to use a second process."""
        return (os.cpu_count() or 1) > 1 and (self.forks() or len(content.modules) >= self.parallel_from)

    def collects_after_render(self) -> bool:
        """Whether each render is followed by a full collection of what MkDocs built (peak memory: toolkit.build.
        release_rendered). The live preview's options say no: it collects after its checks, while nobody waits."""
        return True

    def store(self) -> BuildCache | None:
        """The build cache under the build folder, or None when this build makes everything anew."""
        return BuildCache(self.build_dir, empty=self.cache_held_nothing) if self.cache else None

    def for_one_build(self) -> BuildOptions:
        """These options as one build runs with them: with what the build cache held when it began."""
        return replace(self, cache_held_nothing=self.cache and BuildCache(self.build_dir).held_nothing())

    def outputs(self, *, publishes: bool = True) -> list[Output]:
        """The folders this run writes, each with the option that names it (only build/ unless it publishes)."""
        published = [Output("--site", "site", self.site_dir)] + (
            [Output("--packs", "packs", self.packs_dir)] if self.packs else [])
        return (published if publishes else []) + [Output("--build", "build", self.build_dir)]

    @property
    def journal(self) -> Path:
        """The publish journal: present only while (or because) a publish was cut short."""
        return self.build_dir / "publishing.json"

    def prepare(self, *, publishes: bool = True) -> None:
        """Refuse unsafe output folders (toolkit.outputs), then roll back a publish cut short."""
        refuse_unsafe(self.outputs(publishes=publishes), root=self.root, content=self.content_dir)
        recover(self.journal)

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        self.content_dir = Path(self.content_dir or self.root / "content")
        self.site_dir = Path(self.site_dir or self.root / "site")
        self.packs_dir = Path(self.packs_dir or self.root / "packs")
        self.build_dir = Path(self.build_dir or self.root / "build")
