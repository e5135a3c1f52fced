"""Publish staged output atomically: a failed or interrupted build leaves the last good output.

The target folders (site/ and packs/) are replaced together, all or none, so
that a reader never gets a new site with the old packs or the other way round.
Each one is replaced by renaming: the old folder is moved aside, the new one
moved in, and the old ones deleted once every new one is in place. Renames
within one file system are atomic; Ctrl-C and SIGTERM are held off during the
swap and acted on once it is complete. A journal written before the first rename
and removed after the last one tells the next run whether a publish was cut short
(by a crash or SIGKILL): if it was, every target is put back as it was. Every
build, `toolkit check` and the preview call recover() first, whatever they do next.

Only folders the toolkit made are ever deleted: each published folder carries the
marker of toolkit.outputs, and a target without it is left alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
from pathlib import Path

from .outputs import MARKER, UnsafeOutput, aside, discarded, mark


def recover(journal: Path) -> None:
    """Undo a publish that was cut short (its journal is still there). Safe to run again if itself cut short."""
    if not journal.exists():
        return
    with _interrupts_held("The interrupted publish was rolled back first; the previous output is unchanged."):
        entries = json.loads(journal.read_text(encoding="utf-8"))
        for entry in entries:
            target, previous = Path(entry["target"]), aside(Path(entry["target"]))
            if entry["had_previous"] and not previous.exists():
                continue  # never moved aside, or already put back: it is the previous output
            if target.exists():
                if not (target / MARKER).is_file():
                    raise UnsafeOutput(f"{target}: cannot roll back the interrupted publish recorded in {journal}: "
                                       f"{target} was not written by the toolkit. Move it away and build again.")
                _remove_leftovers([target], previous=False)  # a rollback cut short before it tidied up
                os.replace(target, discarded(target))  # the new output, which did not all arrive
            if entry["had_previous"]:
                os.replace(previous, target)
        journal.unlink()
        _remove_leftovers([Path(entry["target"]) for entry in entries])


def _remove_leftovers(targets: list[Path], *, previous: bool = True) -> None:
    """Delete what a swap leaves beside each target: the discarded new output and (unless told not to) the previous."""
    for target in targets:
        for leftover in (aside(target), discarded(target)) if previous else (discarded(target),):
            if leftover.exists():
                shutil.rmtree(leftover)


@contextlib.contextmanager
def _interrupts_held(done: str):
    """Delay Ctrl-C and SIGTERM until the block ends, so a swap is never left half done.

    A Ctrl-C that came meanwhile is raised at the end as KeyboardInterrupt(done), which says
    what state the output was left in; a SIGTERM is delivered again, to end the process.
    """
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
    if signal.SIGTERM in received:
        os.kill(os.getpid(), signal.SIGTERM)
    if received:
        raise KeyboardInterrupt(done)


def publish(pairs: list[tuple[Path, Path]], journal: Path) -> None:
    """Replace each target with its staged folder, all or none (each pair on one file system)."""
    targets = [target for _, target in pairs]
    recover(journal)
    _remove_leftovers(targets)  # left by a publish that completed but was stopped before tidying up
    for staged, target in pairs:
        mark(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
    with _interrupts_held("The new output was published in full first."):
        journal.parent.mkdir(parents=True, exist_ok=True)
        _write_synced(journal, json.dumps([{"target": str(target), "had_previous": target.exists()}
                                           for target in targets]))
        for target in targets:
            if target.exists():
                os.replace(target, aside(target))
        for staged, target in pairs:
            os.replace(staged, target)
        journal.unlink()  # from here on the new output stands
        _remove_leftovers(targets)


def _write_synced(path: Path, text: str) -> None:
    """Write a file and make sure it is on disk before anything it describes happens."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
