"""The pack step: every audience's PDF (standard and large print) and each edition's offline zip.

PDFs are printed in worker processes, largest first, while the main process
writes the zips. Problems come back as findings: a refused URL is an error
(the pack would have contacted another site), WeasyPrint's own warnings are
warnings.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..content.loader import Content
from ..content.variants import localized
from ..findings import Finding, error, warning
from .cache import PrintCache
from .document import pack_document
from .offline import write_bundle
from .pdf import PrintedPack, print_pdf
from .plan import PACK_EDITIONS, offline_name, pdf_name, plan_pack, print_html_dir, variants_of

CHECK = "packs"


@dataclass
class PackOutput:
    """One file the pack step wrote to packs/."""

    name: str
    edition: str
    audience: str = ""
    variant: str = ""
    pages: int = 0
    seconds: float = 0.0
    reused: bool = False  # copied from build/pack-cache: same input as a PDF printed before


def make_packs(content: Content, stage_site: Path, packs_dir: Path, *, editions: tuple[str, ...],
               built: dt.datetime, base_config: Path,
               cache_dir: Path | None = None) -> tuple[list[PackOutput], list[Finding]]:
    """Write the packs of the given editions into `packs_dir` (a staging folder).

    With `cache_dir`, a PDF whose inputs are unchanged since the last build is copied, not printed.
    """
    packs_dir.mkdir(parents=True, exist_ok=True)
    documents = []
    for language in content.languages:
        local = localized(content, language)
        tag = "" if language.tag == content.source_language else language.tag
        for audience, edition in PACK_EDITIONS.items():
            if edition not in editions:
                continue
            plan = plan_pack(local, audience)
            if language.easy and not plan.modules:
                continue  # an audience with no easy read module gets no easy read pack (only the services)
            documents += [(pdf_name(audience, variant, tag),
                           pack_document(plan, variant, built=built.date(), base_config=base_config))
                          for variant in variants_of(language.tag, edition)]
    html_dir = print_html_dir(packs_dir)
    html_dir.mkdir(parents=True, exist_ok=True)
    for name, document in documents:
        # Kept for the edition-leakage check and for anyone tuning the print layout.
        (html_dir / f"{name}.html").write_text(document.html, encoding="utf-8")
    outputs: list[PackOutput] = []
    findings: list[Finding] = []
    cache = PrintCache(cache_dir) if cache_dir else None
    keys = {name: cache.key(document) for name, document in documents} if cache else {}
    to_print = []
    for name, document in documents:
        record = cache.fetch(keys[name], packs_dir / name) if cache else None
        if record is None:
            to_print.append((name, document))
            continue
        outputs.append(PackOutput(name, document.edition, document.audience, document.variant, record["pages"],
                                  reused=True))
        findings += _findings(name, PrintedPack(packs_dir / name, warnings=record["warnings"]), content)
    # Longest first, so the workers finish at about the same time.
    to_print.sort(key=lambda item: len(item[1].html), reverse=True)
    workers = max(1, min(len(to_print), os.cpu_count() or 1, 4))
    # spawn, not fork: the build may run inside a threaded process (tests, a live preview).
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        jobs = [(name, document, pool.submit(print_pdf, document, packs_dir / name, [content.root]))
                for name, document in to_print]
        for edition in editions:
            zip_started = time.perf_counter()
            write_bundle(stage_site / edition, packs_dir / offline_name(edition), site_name=content.site.name,
                         edition=edition, built=built)
            outputs.append(PackOutput(offline_name(edition), edition, seconds=time.perf_counter() - zip_started))
        for name, document, job in jobs:
            printed: PrintedPack = job.result()
            outputs.append(PackOutput(name, document.edition, document.audience, document.variant, printed.pages,
                                      printed.seconds))
            findings += _findings(name, printed, content)
            if cache and not printed.refused:
                cache.store(keys[name], packs_dir / name, printed.pages, printed.warnings)
    if cache:
        cache.prune()
    return sorted(outputs, key=lambda output: output.name), findings


def _findings(name: str, printed: PrintedPack, content: Content) -> list[Finding]:
    found = []
    for url, reason in printed.refused:
        found.append(error(CHECK, f"pack {name}: refused to load {url} ({reason}).",
                           file=_source_mentioning(url, content),
                           hint="Packs are printed only from files in content/ and the toolkit's print "
                                "assets. Save the file in the module folder and refer to it by name."))
    found += [warning(CHECK, f"pack {name}: WeasyPrint: {message}",
                      hint="A print layout problem; see toolkit/packs/assets/print.css.")
              for message in printed.warnings]
    return found


def _source_mentioning(url: str, content: Content) -> str:
    for item in [*content.modules.values(), *content.pages.values()]:
        if url in item.body:
            return item.body_file
    return ""
