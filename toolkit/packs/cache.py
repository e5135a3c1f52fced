"""Reuse a PDF printed from exactly the same input: printing is most of a build's time.

The key covers everything that decides the PDF's bytes: the pack's HTML (which
holds the build date), the print stylesheets, every local file the HTML refers
to, the printing code and WeasyPrint's version. An author who changes one
module re-prints only the packs that contain it. The cache lives in
build/pack-cache/ and keeps only the entries the last build used.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .document import ASSETS_DIR, PackDocument

_FILE_URL = re.compile(r"""file://[^"'\s)]+""")
PRINTING_CODE = [Path(__file__).with_name("pdf.py"), Path(__file__).with_name("fetcher.py")]


class PrintCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()

    def key(self, document: PackDocument) -> str:
        digest = hashlib.sha256(document.html.encode("utf-8"))
        digest.update(version("weasyprint").encode("ascii"))
        referenced = [Path(url2pathname(unquote(urlsplit(url).path))) for url in _FILE_URL.findall(document.html)]
        for path in [*sorted(ASSETS_DIR.iterdir()), *PRINTING_CODE, *referenced]:
            digest.update(path.as_posix().encode("utf-8"))
            digest.update(path.read_bytes() if path.is_file() else b"missing")
        return digest.hexdigest()

    def fetch(self, key: str, target: Path) -> dict | None:
        """Copy a cached PDF to `target`; returns what was recorded with it (pages, warnings), or None."""
        pdf, record = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        if not (pdf.is_file() and record.is_file()):
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
        self.used.add(key)
        return json.loads(record.read_text(encoding="utf-8"))

    def store(self, key: str, source: Path, pages: int, warnings: list[str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, self.folder / f"{key}.pdf")
        (self.folder / f"{key}.json").write_text(json.dumps({"pages": pages, "warnings": warnings}),
                                                 encoding="utf-8")
        self.used.add(key)

    def prune(self) -> None:
        """Forget every entry this build did not use."""
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.stem not in self.used:
                    path.unlink()
