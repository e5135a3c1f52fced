"""Publish staged output atomically: a failed or interrupted build leaves the last good output.

The target folders (site/ and packs/) are replaced together, all or none, so
that a reader never gets a new site with the old packs or the other way round.
Each one is replaced by renaming: the old folder is moved aside, the new one
moved in, and the old ones deleted once every new one is in place. Renames
within one file system are atomic; interrupts are held off during the swaps.
A journal written before the first rename and removed after the last one tells
the next build whether a publish was cut short by a crash: if it was, every
target is put back as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
from pathlib import Path


def _aside(target: Path) -> Path:
    return target.with_name(target.name + ".previous")


def recover(journal: Path) -> None:
    """Undo a publish that was cut short (its journal is still there); tidy up after one that was not."""
    if journal.exists():
        for entry in json.loads(journal.read_text(encoding="utf-8")):
            target, aside = Path(entry["target"]), _aside(Path(entry["target"]))
            if entry["had_previous"] and not aside.exists():
                continue  # never moved aside: it is still the previous output
            if target.exists():
                shutil.rmtree(target)  # the new output, which did not all arrive
            if entry["had_previous"]:
                os.replace(aside, target)
        journal.unlink()


def _remove_asides(targets: list[Path]) -> None:
    for target in targets:
        if _aside(target).exists():
            shutil.rmtree(_aside(target))


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


def publish(pairs: list[tuple[Path, Path]], journal: Path) -> None:
    """Replace each target with its staged folder, all or none (each pair on one file system)."""
    targets = [target for _, target in pairs]
    recover(journal)
    _remove_asides(targets)  # left by a publish that completed but was stopped before tidying up
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
    with _interrupts_held():
        journal.parent.mkdir(parents=True, exist_ok=True)
        _write_synced(journal, json.dumps([{"target": str(target), "had_previous": target.exists()}
                                           for target in targets]))
        for target in targets:
            if target.exists():
                os.replace(target, _aside(target))
        for staged, target in pairs:
            os.replace(staged, target)
        journal.unlink()  # from here on the new output stands
    _remove_asides(targets)


def _write_synced(path: Path, text: str) -> None:
    """Write a file and make sure it is on disk before anything it describes happens."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
