"""Reading content files safely: UTF-8 only, and nothing from outside content/."""

from __future__ import annotations

import os
from pathlib import Path

from ..findings import Finding, error


def display(path: Path, root: Path) -> str:
    """Path as authors see it: relative to the project folder (content/modules/x/module.yml)."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def inside(path: Path, root: Path) -> bool:
    """True when `path`, with every link followed, is inside `root`."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


def outside_links(root: Path) -> list[Finding]:
    """Every symlink under content/ whose target lies outside it (or does not exist)."""
    findings = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(folder) / name
            if path.is_symlink() and not inside(path, root):
                target = os.readlink(path)
                findings.append(
                    error(
                        "files",
                        f"is a link to '{target}', which is outside content/.",
                        file=display(path, root),
                        hint="Copy the file into content/ instead of linking to it; the build reads only content/.",
                    )
                )
    return findings


def read_text(path: Path, root: Path, findings: list[Finding]) -> str | None:
    """The file's text, or None after reporting why it cannot be used."""
    shown = display(path, root)
    if not inside(path, root):
        if path.is_symlink():
            return None  # outside_links() has reported it
        findings.append(error("files", "points outside content/.", file=shown,
                              hint="Keep every content file inside content/."))
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        findings.append(error("files", f"cannot be read ({exc.strerror}).", file=shown))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        findings.append(
            error(
                "files",
                f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read).",
                file=shown,
                line=line,
                column=column,
                hint="Save the file as UTF-8 in your editor (in Word-like editors: 'Save as... Plain text, UTF-8').",
            )
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")
