"""Files the toolkit keeps in the virtual environment it runs in, as Python keeps bytecode: made once, read back.

What is kept is work that depends only on the installed code, never on content: the theme stylesheets'
parsed table (toolkit/harden/stored_rules.py) and the theme's compiled templates (toolkit/render.py).
It lives in `<venv>/var/cache/prevention-toolkit/`. Nothing is trusted: each file starts with a hash of
the rest and a newline, and a file that is missing, unreadable, damaged or cut short reads as none, so
the work is done again. A file is written whole or not at all (a temporary name, then renamed), and a
folder that cannot be written only costs the work.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from pathlib import Path

_DIGEST_SIZE = 32


def cache_folder() -> Path | None:
    """Where the files are kept: inside the virtual environment this Python runs in, else nowhere."""
    if sys.prefix == sys.base_prefix:
        return None
    return Path(sys.prefix) / "var" / "cache" / "prevention-toolkit"


def read_checked(path: Path) -> bytes | None:
    """The body of a file write_checked wrote, or None if there is none or its hash does not match."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    check, _, body = data.partition(b"\n")
    return body if check == _check(body) else None


def write_checked(path: Path, body: bytes) -> bool:
    """Write `body` under its hash at `path`, whole or not at all; False if it could not be written.

    The temporary file is named `.<name>.<random>` beside it: another process may be reading or writing the
    same file (the editions are built in two)."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(_check(body) + b"\n" + body)
            os.replace(temporary, path)
            return True
        except OSError:
            os.unlink(temporary)
            raise
    return False


def _check(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=_DIGEST_SIZE).hexdigest().encode()
