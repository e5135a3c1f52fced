"""The parsed table of the theme's stylesheets, kept on disk beside the installed packages.

Every build prunes Material's stylesheet and ours (toolkit/harden/unused_css.py), and parsing them
(tinycss2, in pure Python) took 0.15 s of every build's first process on a quiet machine, 0.34 s on
a busy one: at 20 modules a tenth of what vanilla MkDocs needs for the whole build. The stylesheets
change only when Material (pinned) or our toolkit.css does, so the table is kept like the bytecode
Python keeps for a module: made once, in the virtual environment the toolkit runs in
(`<venv>/var/cache/prevention-toolkit/`), under a name that is a hash of what decides it (both
stylesheets' text, tinycss2's version, the parsing code), and read back in 5 ms.

Nothing is trusted: the file starts with a hash of the rest (toolkit/venvcache.py), and a file that is
missing, unreadable, damaged, made by other code or for other stylesheets is not used (the stylesheets are
parsed, and the table written again). Outside a virtual environment, or where its folder cannot be written, the
table is parsed every time, as before. The table is the same either way
(tests/harden/test_stored_rules.py builds with and without it and compares the stylesheets).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..venvcache import cache_folder, read_checked, write_checked

__all__ = ["cache_folder", "stored_table"]

_NAME = "rules-{}.json"


def stored_table(key: str, parse: Callable[[], Any], encode: Callable[[Any], list],
                 decode: Callable[[list], Any], folder: Path | None):
    """The table kept under `key` in `folder` (`decode` of what `encode` wrote), or `parse()`, then kept there.

    A file whose contents `decode` refuses (TypeError, ValueError, IndexError, RecursionError) is parsed again
    and replaced."""
    if folder is None:
        return parse()
    path = folder / _NAME.format(key)
    encoded = _read(path)
    if encoded is not None:
        try:
            return decode(encoded)
        except (TypeError, ValueError, IndexError, RecursionError):
            pass
    table = parse()
    _write(path, encode(table))
    return table


def _read(path: Path) -> list | None:
    body = read_checked(path)
    if body is None:
        return None
    try:
        table = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, or nested beyond what the parser follows
        return None
    return table if isinstance(table, list) else None


def _write(path: Path, table: list) -> None:
    """Write the table (toolkit.venvcache.write_checked), and delete the tables of other keys."""
    if write_checked(path, json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8")):
        for old in path.parent.glob(_NAME.format("*")):
            if old != path:
                old.unlink(missing_ok=True)
