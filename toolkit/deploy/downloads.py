"""The packs and the offline zip, served from the site itself (`downloads/`), each edition only its own.

The public edition's downloads page links only public packs, and only the
public files are copied into it: a professional pack is never reachable from
the public host (the edition-leakage check looks at every file).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..content.variants import EASY
from ..packs import pack_files

DOWNLOADS_DIR = "downloads"


def copy_downloads(packs_dir: Path, site_dir: Path, edition: str) -> list[Path]:
    """Copy the edition's packs (its easy read packs too) and offline zip into site_dir/downloads/; the copies."""
    copies = []
    for name in pack_files(edition, [EASY]):  # easy read packs exist only where there is easy read
        source = packs_dir / name
        if source.is_file():
            target = site_dir / DOWNLOADS_DIR / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copies.append(target)
    return copies
