"""Where the build may write: output folders are checked before anything is touched.

A build replaces site/ and packs/ whole and deletes its own work folders under
build/. So an output folder may not be, contain or lie inside the content folder
or the toolkit's code, may not be or contain the project folder, may not overlap
another output folder, and may not be an existing file. A folder is replaced only
when the toolkit made it: every folder it publishes carries a marker file
(`.toolkit-output`). A folder without the marker is accepted only when it is empty
or holds nothing but what the build writes there (site/ and packs/ published by
versions before the marker; build/ with the build's own work folders); anything
else is someone else's folder and is never deleted.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

MARKER = ".toolkit-output"
MARKER_TEXT = "Written by the toolkit build. The next build replaces this folder whole; keep nothing else here.\n"

# What each kind of output folder holds when the build made it. A site or packs folder is
# replaced whole, so every entry must be one of these; a build folder is only ever cleared
# of these entries, so one of them is enough to know it.
ENTRIES = {
    "site": ("public", "professional", "nginx-*.conf"),
    "packs": ("*.pdf", "*-offline.zip"),
    "build": ("stage", "projects", "reports", "pack-cache", "preview", "publishing.json"),
}
REPLACED_WHOLE = {"site", "packs"}
CODE = Path(__file__).resolve().parent
HINT = ("Each build replaces its output folders whole: give a new or empty folder (or one an earlier build "
        "wrote), outside the content folder and the toolkit's code. Nothing was changed.")


class UnsafeOutput(Exception):
    """An output folder the build must not write to; the message lists every reason."""


@dataclass(frozen=True)
class Output:
    """One output folder: the option that names it, its kind (site, packs, build) and the path given."""

    option: str
    kind: str
    path: Path


def is_ours(folder: Path, kind: str) -> bool:
    """True when the toolkit made `folder` (it has the marker, or holds only what the build writes there)."""
    if (folder / MARKER).is_file():
        return True
    names = [entry.name for entry in folder.iterdir()]
    known = [name for name in names if any(fnmatch.fnmatch(name, pattern) for pattern in ENTRIES[kind])]
    if kind in REPLACED_WHOLE:
        return len(known) == len(names)
    return bool(known) or not names


def mark(folder: Path) -> None:
    """Write the marker that lets later builds replace `folder`."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def aside(target: Path) -> Path:
    """Where the previous output waits while the new one is moved in."""
    return target.with_name(target.name + ".previous")


def discarded(target: Path) -> Path:
    """Where a rollback puts new output that did not all arrive, before deleting it."""
    return target.with_name(target.name + ".discarded")


def _relation(path: Path, other: Path) -> str | None:
    if path == other:
        return "is"
    if path.is_relative_to(other):
        return "is inside"
    if other.is_relative_to(path):
        return "contains"
    return None


def problems(outputs: list[Output], *, root: Path, content: Path) -> list[str]:
    """Why each output folder is unsafe (empty when all are fine). Reads the file system, writes nothing."""
    root, content = root.resolve(), content.resolve()
    # (folder, its name, whether an output inside it is unsafe too)
    protected = [(root, "the project folder", False), (CODE.parent, "the folder holding the toolkit's code", False),
                 (content, "the content folder", True), (CODE, "the toolkit's code", True)]
    found = []
    for output in outputs:
        text = _reason(output, outputs, protected)
        if text:
            found.append(f"{output.option} {output.path}: {text}.")
    return found


def _reason(output: Output, outputs: list[Output], protected: list[tuple[Path, str, bool]]) -> str | None:
    path = output.path.resolve()
    if path.exists() and not path.is_dir():
        return "is a file, not a folder"
    for folder, name, inside_too in protected:
        relation = _relation(path, folder)
        if relation and (inside_too or relation != "is inside"):
            return f"{relation} {name} ({folder})"
    for other in outputs[outputs.index(output) + 1:]:  # each pair once, named by the first of the two
        relation = _relation(path, other.path.resolve())
        if relation:
            return f"{relation} the {other.kind} folder ({other.option} {other.path})"
    if path.is_dir() and not is_ours(path, output.kind):
        return (f"is a folder the toolkit did not make (it has no {MARKER} file and holds other files); "
                "the build never deletes such a folder")
    for leftover in (aside(path), discarded(path)) if output.kind in REPLACED_WHOLE else ():
        if leftover.exists() and not (leftover.is_dir() and is_ours(leftover, output.kind)):
            return f"needs {leftover} for the swap, and that is not the toolkit's"
    return None


def refuse_unsafe(outputs: list[Output], *, root: Path, content: Path) -> None:
    """Raise UnsafeOutput, naming every problem, unless every output folder is safe to write."""
    found = problems(outputs, root=root, content=content)
    if found:
        raise UnsafeOutput("\n".join(found))
