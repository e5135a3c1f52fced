"""The offline bundle: a zip of one built edition that works from file://.

The built site already works from a folder: every link is relative, pages are
plain .html files, search loads its index as <script> files (browsers refuse
fetch() from file://), and nothing is loaded from another site. So the bundle
is the edition as built, plus a note on how to open it. Entries are sorted and
dated from the build date, so the same site gives the same zip.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from ..compile.helpcards import format_date

README = """{name}: offline copy ({edition})

How to open it
1. Unzip this file (on most devices: open it, then choose Extract all).
2. Open the folder, then open index.html. It opens in your web browser.

It works without the internet. Nothing you read, search or type is sent
anywhere or saved. The worksheets folder has each worksheet as a page you can
fill in and print, and as a plain text file (.txt) you can open in any editor.

Built {built}. Phone numbers and opening hours change: each service shows whether
its details have been confirmed with the service, and when.
"""


def bundle_folder(site_name: str, edition: str) -> str:
    """The single top folder inside the zip, so unzipping never scatters files."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in site_name.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"{slug}-{edition}-offline"


def write_bundle(site_dir: Path, target: Path, *, site_name: str, edition: str, built: dt.datetime) -> int:
    """Zip `site_dir` into `target`; returns the number of files."""
    folder = bundle_folder(site_name, edition)
    stamp = built.timetuple()[:6]
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        readme = README.format(name=site_name, edition=edition, built=format_date(built.date()))
        bundle.writestr(_entry(f"{folder}/README.txt", stamp), readme)
        for path in files:
            bundle.writestr(_entry(f"{folder}/{path.relative_to(site_dir).as_posix()}", stamp), path.read_bytes())
    return len(files) + 1


def _entry(name: str, stamp: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
