"""Reading content files safely: UTF-8 only, regular files of a bounded size, nothing from outside content/."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..findings import Finding, error
from ..limits import MAX_MARKDOWN_BYTES, MAX_YAML_BYTES

# What a file that is not a regular file is, in words an author knows.
SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                 (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
SPECIAL_HINT = "Replace it with an ordinary file; the build reads only ordinary files and folders."
LOOP_HINT = "Remove the link, or point it at a real file inside content/."


def display(path: Path, root: Path) -> str:
    """Path as authors see it: relative to the project folder (content/modules/x/module.yml)."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def inside(path: Path, root: Path) -> bool:
    """True when `path`, with every link followed, is inside `root` (False for a link loop)."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
        return False
    return True


def special_kind(mode: int) -> str | None:
    """'a named pipe', 'a socket' or 'a device' for a special file's mode; None for files and folders."""
    return next((kind for test, kind in SPECIAL_KINDS if test(mode)), None)


def entry_problems(root: Path) -> list[Finding]:
    """Every entry under content/ the build must not read: links leading outside it, link loops, special files.

    Nothing is opened: a named pipe blocks whoever opens it until something writes to it.
    """
    findings = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(folder) / name
            shown = display(path, root)
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                if path.is_symlink() and exc.errno == errno.ELOOP:
                    findings.append(error("files", "is a link that leads back to itself.", file=shown,
                                          hint=LOOP_HINT))
                    continue
                mode = None  # a dangling link: reported below as pointing outside
            kind = special_kind(mode) if mode is not None else None
            if path.is_symlink() and mode is not None and stat.S_ISDIR(mode) and inside(path, root) and \
                    Path(folder).resolve().is_relative_to(path.resolve()):
                # a link to a folder around it: endless for whoever follows links (editors, backups, watchers)
                findings.append(error("files", "is a link that leads back to itself.", file=shown, hint=LOOP_HINT))
            elif kind:
                findings.append(error("files", f"is {kind}, not a file.", file=shown, hint=SPECIAL_HINT))
            elif path.is_symlink() and not inside(path, root):
                target = os.readlink(path)
                findings.append(
                    error(
                        "files",
                        f"is a link to '{target}', which is outside content/.",
                        file=shown,
                        hint="Copy the file into content/ instead of linking to it; the build reads only content/.",
                    )
                )
    return findings


def read_text(path: Path, root: Path, findings: list[Finding]) -> str | None:
    """The file's text, or None after reporting why it cannot be used."""
    shown = display(path, root)
    if not inside(path, root):
        if path.is_symlink() or path.is_relative_to(root):
            return None  # entry_problems() has reported it
        findings.append(error("files", "points outside content/.", file=shown,
                              hint="Keep every content file inside content/."))
        return None
    try:
        info = path.stat()
    except OSError as exc:
        findings.append(error("files", f"cannot be read ({exc.strerror}).", file=shown))
        return None
    if not stat.S_ISREG(info.st_mode):
        found = error("files", f"is {special_kind(info.st_mode) or 'a folder'}, not a file.", file=shown,
                      hint=SPECIAL_HINT)
        if found not in findings:  # entry_problems() reports those under content/ already
            findings.append(found)
        return None
    limit = MAX_MARKDOWN_BYTES if path.suffix == ".md" else MAX_YAML_BYTES
    if info.st_size > limit:
        findings.append(error("files", f"is {info.st_size:,} bytes; a {path.suffix} file may have at most "
                                       f"{limit:,}.", file=shown,
                              hint="A file this large is usually a mistake (a pasted document or a binary "
                                   "file); split long text into several modules or pages."))
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
