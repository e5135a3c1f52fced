"""Publish staged output atomically: a failed or interrupted build leaves the last good output.

Each target folder (site/, packs/) is replaced by renaming: the old folder is
moved aside, the new one moved in, the old one deleted. Renames within one
file system are atomic; interrupts are held off during the swap, and a swap cut
short by a crash is repaired at the start of the next build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
from pathlib import Path


def _aside(target: Path) -> Path:
    return target.with_name(target.name + ".previous")


def recover(target: Path) -> None:
    """Undo a swap that was cut short: put the previous output back if the new one never arrived."""
    aside = _aside(target)
    if aside.exists():
        if not target.exists():
            os.replace(aside, target)
        else:
            shutil.rmtree(aside)


@contextlib.contextmanager
def _interrupts_held():
    """Delay Ctrl-C and SIGTERM until the block ends, so a swap is never left half done."""
    received: list[int] = []

    def hold(signum, frame):
        received.append(signum)

    try:
        previous = {sig: signal.signal(sig, hold) for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not in the main thread: signals cannot be caught here
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received:
            os.kill(os.getpid(), received[0])


def publish(staged: Path, target: Path) -> None:
    """Replace `target` with `staged` (both folders on the same file system)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    aside = _aside(target)
    with _interrupts_held():
        if target.exists():
            os.replace(target, aside)
        os.replace(staged, target)
    if aside.exists():
        shutil.rmtree(aside)
