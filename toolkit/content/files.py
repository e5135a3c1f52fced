"""Reading content files safely: UTF-8 only, regular files of a bounded size, nothing from outside content/."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from ..findings import Finding, error
from ..limits import MAX_MARKDOWN_BYTES, MAX_YAML_BYTES
from ..memo import from_file, while_unchanged

# What a file that is not a regular file is, in words an author knows.
SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                 (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
SPECIAL_HINT = "Replace it with an ordinary file; the build reads only ordinary files and folders."
LOOP_HINT = "Remove the link, or point it at a real file inside content/."


def display(path: Path, root: Path) -> str:
    """Path as authors see it: relative to the project folder (content/modules/x/module.yml)."""
    # The text of the path when it starts with the folder's: what relative_to gives, without its parsing
    # (asked for every file of every load: 30 ms of a preview's rebuild at 200 modules).
    text, folder = str(path), str(root.parent)
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if text.startswith(prefix):
        return text[len(prefix):]
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def special_kind(mode: int) -> str | None:
    """'a named pipe', 'a socket' or 'a device' for a special file's mode; None for files and folders."""
    return next((kind for test, kind in SPECIAL_KINDS if test(mode)), None)


@dataclass(frozen=True)
class Entry:
    """One entry of content/ as the listing found it."""

    link: bool
    mode: int | None  # its file type with links followed; None for a dangling link or a link loop
    loop: bool = False  # a link the system cannot follow because it leads back to itself


class ContentFiles:
    """A folder as one load sees it: resolved once and, unless `listed` is False, listed once.

    Every check that lists files or asks whether one is inside the folder asks this object instead of the file
    system again: at a thousand modules the same few thousand calls were made over and over. The listing
    follows no link (a link is recorded, with what it points at), so an entry reached through it is by
    construction inside the folder; anything it did not list (a path through a link, a path with '..') is
    resolved and compared with the folder as before.
    """

    def __init__(self, root: Path, *, listed: bool = True) -> None:
        self.root = root
        try:
            self.resolved: Path | None = root.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
            self.resolved = None
        # Each folder listed, in the order os.walk visits them, with its entries sorted by name.
        self.folders: dict[Path, list[Path]] = {}
        self.entries: dict[Path, Entry] = {}
        if listed:
            self._list()

    def _list(self) -> None:
        """Walk the tree once, top down in os.walk's order, into real folders only (links are not followed)."""
        stack = [self.root]
        while stack:
            folder = stack.pop()
            listed = _listing(folder)
            if listed is None:
                continue  # as os.walk does: a folder that cannot be listed is passed over
            names, found = listed
            self.folders[folder] = list(names)
            below = []
            for path, entry in found:  # in the system's order, which os.walk follows into subfolders (findings keep it)
                if entry.link:
                    entry = _link_entry(path)  # where a link leads may change without its folder changing
                self.entries[path] = entry
                if not entry.link and entry.mode is not None and stat.S_ISDIR(entry.mode):
                    below.append(path)
            stack.extend(reversed(below))

    def inside(self, path: Path) -> bool:
        """True when `path`, with every link followed, is inside the folder (False for a link loop)."""
        entry = self.entries.get(path)
        if entry is not None and not entry.link:
            return True  # listed, and reached through real folders only
        if self.resolved is None:
            return False
        try:
            path.resolve().relative_to(self.resolved)
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
            return False
        return True

    def _mode(self, path: Path) -> int | None:
        """The file type of `path` with links followed, None when it does not exist; listed paths cost nothing."""
        entry = self.entries.get(path)
        if entry is not None:
            return entry.mode
        if path.parent in self.folders:
            return None  # not there when the folder was listed
        try:
            return path.stat().st_mode
        except (OSError, ValueError):
            return None

    def exists(self, path: Path) -> bool:
        """Path.exists() from the listing."""
        return self._mode(path) is not None

    def is_dir(self, path: Path) -> bool:
        """Path.is_dir() from the listing."""
        mode = self._mode(path)
        return mode is not None and stat.S_ISDIR(mode)

    def is_file(self, path: Path) -> bool:
        """Path.is_file() from the listing."""
        mode = self._mode(path)
        return mode is not None and stat.S_ISREG(mode)

    def children(self, folder: Path) -> list[Path]:
        """The entries of `folder`, sorted by name (sorted(folder.iterdir())); a folder behind a link is read."""
        listed = self.folders.get(folder)
        return sorted(folder.iterdir()) if listed is None else listed

    def glob(self, pattern: str) -> list[Path]:
        """sorted(root.glob(pattern)) for a pattern of names and '*' wildcards (no '**'), from the listing."""
        *folders, last = pattern.split("/")
        found = [self.root]
        for part in folders:
            found = [path for folder in found for path in self.children(folder)
                     if fnmatchcase(path.name, part) and self.is_dir(path)]
        return sorted(path for folder in found for path in self.children(folder) if fnmatchcase(path.name, last))

    def below(self, folder: Path) -> list[Path]:
        """Everything under `folder` at any depth, links not followed, sorted (sorted(folder.rglob('*')))."""
        if folder not in self.folders:
            return sorted(folder.rglob("*"))
        # Depth first through name-sorted folders is sorted order: a folder sorts just before what it holds.
        found, stack = [], self.folders[folder][::-1]
        while stack:
            path = stack.pop()
            found.append(path)
            stack.extend(self.folders.get(path, ())[::-1])
        return found


def _listing(folder: Path) -> tuple[tuple[Path, ...], tuple[tuple[Path, Entry], ...]] | None:
    """One folder's entries: (their paths sorted by name, (path, entry) in the system's order), or None when it cannot
    be listed. The live preview lists again only the folders whose entries changed (toolkit.memo.while_unchanged:
    adding, removing or renaming an entry changes its folder's times)."""
    def listed():
        with os.scandir(folder) as listing:
            found = list(listing)
        paths = {item.name: folder / item.name for item in found}
        return (tuple(paths[name] for name in sorted(paths)),
                tuple((paths[item.name], _entry(item)) for item in found))

    try:
        return while_unchanged(_listing, str(folder), listed)
    except OSError:
        return None


# A link as the listing keeps it: where it leads is looked up by ContentFiles._list on every load (_link_entry).
_LINK = Entry(True, None)


def _entry(item: os.DirEntry) -> Entry:
    """What one listed entry is; only special files cost a call (the listing says what the rest are)."""
    try:
        if item.is_symlink():
            return _LINK
        if item.is_dir(follow_symlinks=False):
            return Entry(False, stat.S_IFDIR)
        if item.is_file(follow_symlinks=False):
            return Entry(False, stat.S_IFREG)
        return Entry(False, stat.S_IFMT(item.stat(follow_symlinks=False).st_mode))
    except OSError:
        return Entry(False, None)


def _link_entry(path: Path) -> Entry:
    """A link, with what it leads to."""
    try:
        return Entry(True, os.stat(path).st_mode)
    except OSError as exc:
        return Entry(True, None, exc.errno == errno.ELOOP)  # a dangling link: reported as pointing outside


def entry_problems(files: ContentFiles) -> list[Finding]:
    """Every entry under content/ the build must not read: links leading outside it, link loops, special files.

    Nothing is opened: a named pipe blocks whoever opens it until something writes to it.
    """
    findings = []
    root = files.root
    for folder, paths in files.folders.items():
        for path in paths:
            entry = files.entries[path]
            if not entry.link and entry.mode in (stat.S_IFDIR, stat.S_IFREG):
                continue  # a file or a folder: nothing to report (and no name to show, for a thousand of them)
            shown = display(path, root)
            if entry.loop:
                findings.append(error("files", "is a link that leads back to itself.", file=shown, hint=LOOP_HINT))
                continue
            kind = special_kind(entry.mode) if entry.mode is not None else None
            if entry.link and entry.mode is not None and stat.S_ISDIR(entry.mode) and files.inside(path) and \
                    folder.resolve().is_relative_to(path.resolve()):
                # a link to a folder around it: endless for whoever follows links (editors, backups, watchers)
                findings.append(error("files", "is a link that leads back to itself.", file=shown, hint=LOOP_HINT))
            elif kind:
                findings.append(error("files", f"is {kind}, not a file.", file=shown, hint=SPECIAL_HINT))
            elif entry.link and not files.inside(path):
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


def read_text(path: Path, files: ContentFiles, findings: list[Finding]) -> str | None:
    """The file's text, or None after reporting why it cannot be used."""
    shown = display(path, files.root)
    if not files.inside(path):
        if path.is_symlink() or path.is_relative_to(files.root):
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
        text = from_file(str(path), _decoded, info)  # the live preview reads only the files an edit changed
    except OSError as exc:
        findings.append(error("files", f"cannot be read ({exc.strerror}).", file=shown))
        return None
    if isinstance(text, UnicodeDecodeError):
        data, start = text.object, text.start
        line = data[:start].count(b"\n") + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        findings.append(
            error(
                "files",
                f"is not UTF-8 text (byte 0x{data[start]:02x} cannot be read).",
                file=shown,
                line=line,
                column=column,
                hint="Save the file as UTF-8 in your editor (in Word-like editors: 'Save as... Plain text, UTF-8').",
            )
        )
        return None
    return text


def _decoded(data: bytes) -> str | UnicodeDecodeError:
    """A file's bytes as the loader reads them (UTF-8, no byte order mark, Unix line ends), or why they are not text."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        return exc
