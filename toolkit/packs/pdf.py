"""Print a pack's HTML to a tagged A4 PDF (PDF/UA-1) with WeasyPrint.

Runs in worker processes (one pack per task): WeasyPrint is single-threaded
and the packs are independent. Each task returns its page count and the
problems WeasyPrint reported, so the parent can turn them into findings.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..content.pictures import openmoji_folder
from .document import ASSETS_DIR, PackDocument


@dataclass
class PrintedPack:
    """What printing one pack produced."""

    path: Path
    pages: int = 0
    seconds: float = 0.0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (url, why)
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def print_pdf(document: PackDocument, target: Path, allowed_folders: list[Path]) -> PrintedPack:
    """Write `document` as a PDF/UA-1 file at `target`."""
    # Imported here: the worker processes need WeasyPrint, the build process does not.
    import weasyprint

    from .fetcher import LocalOnlyFetcher, RefusedURL

    started = time.perf_counter()
    result = PrintedPack(target)
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        fetcher = LocalOnlyFetcher([ASSETS_DIR, openmoji_folder(), *allowed_folders])
        html = weasyprint.HTML(string=document.html, base_url=ASSETS_DIR.as_uri() + "/", url_fetcher=fetcher)
        rendered = html.render()
        result.pages = len(rendered.pages)
        # A fixed identifier (from the HTML) keeps the file byte-identical for identical content.
        identifier = hashlib.sha256(document.html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        target.parent.mkdir(parents=True, exist_ok=True)
        rendered.write_pdf(target, pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    except RefusedURL as refusal:
        result.refused.append((refusal.url, refusal.reason))
    finally:
        logger.removeHandler(collect)
    result.warnings = collect.messages
    result.seconds = time.perf_counter() - started
    return result
