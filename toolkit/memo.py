"""Per-file and per-page results the live preview keeps in memory between rebuilds.

A build runs once and keeps nothing: outside `remembering()`, `remembered()` only calls `make`.
The live preview (toolkit/serve.py) runs each rebuild inside `remembering(memo)`, so the loader's
per-file work (toolkit/content/loader.py) and harden's per-page work (toolkit/harden/) are done
again only for the files and pages whose bytes changed. Every key holds everything its value
depends on (the bytes, and the name or place the value mentions), so a remembered value is the one
`make` would return. Values are shared between rebuilds: callers never change them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

_current: ContextVar[Memo | None] = ContextVar("toolkit_memo", default=None)


class Memo:
    """Values by key, for one preview: what a rebuild did not use is dropped at the next sweep."""

    def __init__(self) -> None:
        self._kept: dict = {}
        self._used: dict = {}

    def get(self, key, make: Callable[[], Any]):
        """The value remembered under `key`, or `make()` remembered (None is never remembered)."""
        if key in self._used:
            return self._used[key]
        value = self._kept[key] if key in self._kept else make()
        if value is not None:
            self._used[key] = value
        return value

    def holds(self, key) -> bool:
        """Whether a value is remembered under `key`."""
        return key in self._used or key in self._kept

    def put(self, key, value) -> None:
        """Remember a value made elsewhere."""
        self._used[key] = value

    def sweep(self) -> None:
        """Keep only what was used since the last sweep: about one site's worth, never every version of it."""
        self._kept, self._used = self._used, {}


def remembered(key, make: Callable[[], Any]):
    """`make()`, remembered under `key` while a preview's rebuild runs (toolkit.serve), else made each time."""
    memo = _current.get()
    return make() if memo is None else memo.get(key, make)


def remembered_with(key, findings: list, make: Callable[[list], Any]):
    """`make(found)`, which adds what it reports to `found` and returns a value, remembered under `key` with what it
    reported; what it reported is added to `findings` every time, remembered or not."""
    def run() -> tuple[list, Any]:
        found: list = []
        return found, make(found)

    found, value = remembered(key, run)
    findings.extend(found)
    return value


def previous(key):
    """What `keep` left under `key` in the preview's last rebuild (or in this one), or None; always None in a build.

    For a value that a rebuild updates from the last one, instead of a value made from its key alone."""
    memo = _current.get()
    return None if memo is None else memo.get(key, lambda: None)


def keep(key, value) -> None:
    """Leave `value` under `key` for the next rebuild's `previous` (nothing in a build)."""
    memo = _current.get()
    if memo is not None:
        memo.put(key, value)


def remembers() -> bool:
    """Whether a memo is in use (so a caller may skip hashing bytes for a key no one reads)."""
    return _current.get() is not None


@contextlib.contextmanager
def remembering(memo: Memo):
    """Run the block with `memo` answering `remembered()`."""
    token = _current.set(memo)
    try:
        yield memo
    finally:
        _current.reset(token)


# A file whose status changed this recently is read every time, never remembered: its times move in clock ticks
# (several milliseconds on Linux), and a second write of the same size within the tick would leave them as they were.
SETTLED_NS = 2_000_000_000


def while_unchanged(kind, path: str, make: Callable[[], Any], info: os.stat_result | None = None):
    """`make()`, which reads `path` (a file or a folder). In the live preview, remembered by the place, identity, size
    and times of `path` (`info`: its os.stat, when the caller has it) with `kind`, so a rebuild reads again only what
    changed since the last. What changed in the last SETTLED_NS is read every time. The change time is in the key
    because no program can set it: a file copied with its old modification time (cp -p, rsync -t) reads as changed.

    This trusts the file system to update a folder's times when its entries change and to report times as they
    are: true of ext4, XFS, Btrfs, tmpfs and APFS; a network or FUSE mount that caches them may show an edit late."""
    return _by_status(kind, path, info, lambda: (make(), None))


def from_file(path: str, make: Callable[[bytes], Any], info: os.stat_result | None = None):
    """`make(the file's bytes)`, remembered in the live preview while the file is unchanged (`while_unchanged`).
    What is remembered is what was read from the file the status describes: a path switched to another file between
    the two (a link pointed elsewhere) is read, and not remembered."""
    def read() -> tuple[Any, os.stat_result]:
        data, opened = _read_with_status(path)
        return make(data), opened

    return _by_status(make, path, info, read)


def _by_status(kind, path: str, info: os.stat_result | None, read: Callable[[], tuple[Any, os.stat_result | None]]):
    """What `read()` returns first, remembered by `path`'s status as `while_unchanged` says; `read` may also return
    the status of what it read, and the value is then remembered only if that is the status the key was made from."""
    memo = _current.get()
    if memo is None:
        return read()[0]
    info = info or os.stat(path)
    key = _status_key(kind, path, info)
    if memo.holds(key):
        return memo.get(key, lambda: read()[0])
    value, read_status = read()
    if _settled(info) and (read_status is None or _status_key(kind, path, read_status) == key):
        memo.put(key, value)
    return value


def _status_key(kind, path: str, info: os.stat_result) -> tuple:
    return kind, path, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _settled(info: os.stat_result) -> bool:
    return time.time_ns() - info.st_ctime_ns > SETTLED_NS


def _read_with_status(path: str) -> tuple[bytes, os.stat_result]:
    """The file's bytes and, after reading them, the status of the file they came from."""
    with open(path, "rb") as file:
        data = file.read()
        return data, os.fstat(file.fileno())


def file_bytes(path: str, info: os.stat_result | None = None) -> bytes:
    """The file's bytes, remembered as `from_file` says in the live preview."""
    return from_file(path, _same, info)


def _same(data: bytes) -> bytes:
    return data


def bytes_key(data: bytes) -> bytes:
    """A short key for a page's or file's bytes (the memo then never holds the bytes themselves)."""
    return hashlib.sha256(data).digest()[:20]  # SHA-256: in hardware, faster than BLAKE2b (toolkit.buildcache)
