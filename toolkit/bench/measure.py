"""Run a command in a child process and measure its wall time and peak memory."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    """One finished child process."""

    command: list[str]
    seconds: float
    max_rss_bytes: int
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_measured(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `command` to the end; the peak memory is the child's own maximum resident set size.

    os.wait4 reports the resources of exactly this child (with any children it waited for),
    unlike getrusage(RUSAGE_CHILDREN), which keeps the maximum over every child so far.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    output = b""
    assert process.stdout is not None
    for chunk in iter(lambda: process.stdout.read(65536), b""):  # drain so a chatty child never blocks
        output += chunk
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux.
    return Run(command, seconds, usage.ru_maxrss * 1024, process.returncode, output.decode("utf-8", "replace"))
