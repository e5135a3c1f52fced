"""Name CSS, JavaScript and search files by their content, so servers can let browsers keep them for good.

A post-processing step on built output, so the theme keeps plain names
(`assets/toolkit.css`): after MkDocs has written an edition, every stylesheet and
script under `assets/` that is not named by its content yet is renamed
(`toolkit.3f2a9c01d4.css`), and harden rewrites each page's references as it
writes the page (toolkit/harden/pages.py), so the checks read the final
bytes. The search index is named by content as it is written
(toolkit/harden/search_index.py); `point_search_at` then gives the search
page the name of its first file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..pagescan import PageScan, read_page
from .policy import FINGERPRINTED

HASH_LENGTH = 10
FINGERPRINTED_SUFFIXES = (".css", ".js")
# lxml writes the empty attribute without a value; other data-tk-search-words attributes may follow.
SEARCH_MARKER = re.compile(rb"data-tk-search(?=[\s>])")


def content_name(name: str, data: bytes) -> str:
    """`toolkit.css` with its content's hash: `toolkit.<10 hex digits>.css`.

    A name that already carries a hash (Material's `main.57a0d79d.min.css`, a hash of the file
    as Material ships it, before pruning) gets the hash of the content instead.
    """
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    named = FINGERPRINTED.search(name)  # matches from the dot before the hash
    if named:
        end = name.index(".", named.start() + 1)
        return f"{name[:named.start()]}.{digest}{name[end:]}"
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}{dot}{suffix}"


def fingerprint_assets(site_dir: Path) -> dict[str, str]:
    """Rename every stylesheet and script under an assets/ folder by its content; returns {old path: new path}.

    Any assets/ folder, not only the edition's own: a language's subtree may have one too.
    """
    renamed: dict[str, str] = {}
    for path in sorted(site_dir.rglob("*")):
        # The name first: a stat per file is what the listing costs on a slow disk.
        if (path.suffix not in FINGERPRINTED_SUFFIXES or "assets" not in path.relative_to(site_dir).parts[:-1]
                or not path.is_file()):
            continue
        target = path.with_name(content_name(path.name, path.read_bytes()))
        if target != path:
            path.rename(target)
            renamed[path.relative_to(site_dir).as_posix()] = target.relative_to(site_dir).as_posix()
    return renamed


def renamed_reference(value: str, target: str, renamed: dict[str, str]) -> str:
    """A page's reference to `target` (site path), pointed at its renamed file if it was renamed."""
    new = renamed.get(target)
    if new is None:
        return value
    old_name, new_name = target.rsplit("/", 1)[-1], new.rsplit("/", 1)[-1]
    cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
    return value[: cut - len(old_name)] + new_name + value[cut:]


def point_search_at(site_dir: Path, docs_name: str, urls: list[str]) -> dict[str, PageScan]:
    """Write the search index's first file name into each of the pages at `urls` that holds the search form (harden
    notes which do: HardenedPage.searches); returns those pages' new scans."""
    scans = {}
    for url in urls:
        path = site_dir / url
        raw = path.read_bytes()
        if SEARCH_MARKER.search(raw):
            written = SEARCH_MARKER.sub(f'data-tk-search="{docs_name}"'.encode(), raw, count=1)
            path.write_bytes(written)
            scans[url] = read_page(written)
    return scans
