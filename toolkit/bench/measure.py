"""Run a command in a child process and measure its wall time, processor time and peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A child's peak memory (ru_maxrss) includes the memory it had between fork and exec, which is
# its parent's: from inside the benchmark (Playwright loaded) or pytest, that is 90 MB or more.
# So the command is started by this small Python, whose own size is all a child can inherit.
# The processor time (user and system) includes the child's own children that it waited for
# (the second edition's process): on a shared machine it is the figure other work disturbs least.
_STARTER = """\
import json, os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime, "max_rss_kb": usage.ru_maxrss}, out)
sys.exit(os.waitstatus_to_exitcode(status))
"""


@dataclass
class Run:
    """One finished child process."""

    command: list[str]
    seconds: float
    cpu_seconds: float
    max_rss_bytes: int
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_measured(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `command` to the end; its wall time and its own maximum resident set size (os.wait4)."""
    # What the steps before wrote is on the disk first, so the command does not wait for their writes.
    os.sync()
    with tempfile.TemporaryDirectory() as folder:
        figures = Path(folder) / "figures.json"
        done = subprocess.run([sys.executable, "-c", _STARTER, str(figures), *command], cwd=cwd,
                              env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              check=False)
        measured = json.loads(figures.read_text(encoding="utf-8"))
    # ru_maxrss is in kilobytes on Linux.
    return Run(command, measured["seconds"], measured["cpu_seconds"], measured["max_rss_kb"] * 1024, done.returncode,
               done.stdout.decode("utf-8", "replace"))


EPOCH = "1790000000"  # a fixed build date, so runs are comparable


def build_toolkit(project: Path, root: Path, *, packs: bool = False, outputs: Path | None = None) -> Run:
    """`toolkit build` of a project in its own process, with the benchmark's fixed build date; with `outputs`,
    into `outputs`/site and `outputs`/build instead of the project's own (a clean build again)."""
    flags = [] if packs else ["--no-packs"]
    if outputs is not None:
        flags += ["--site", str(outputs / "site"), "--build", str(outputs / "build")]
    return run_measured([sys.executable, "-m", "toolkit", "build", *flags, "--root", str(project)], cwd=root,
                        env={"SOURCE_DATE_EPOCH": EPOCH})


def median_run(runs: list, wall: Callable[[Any], float] = lambda run: run.seconds):
    """The run of median wall time (of an odd number; the shorter middle one of an even number); `wall` reads
    it from each item, for runs kept with what came with them."""
    return sorted(runs, key=wall)[(len(runs) - 1) // 2]


def ratio(ours: float, theirs: float) -> float | None:
    """ours / theirs, to three places; None when there is nothing to divide by."""
    return round(ours / theirs, 3) if theirs else None
