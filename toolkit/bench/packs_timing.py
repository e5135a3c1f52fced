"""How long the printable packs take: a full build (with packs) of a copy of the real content/.

Each PDF's seconds are its own print time, as the pack step records it (timings.json,
"pack:<file>"); the PDFs print two at a time on this machine, so each figure includes
sharing the processor with another. The largest pack is the one with the most pages.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from .measure import run_measured


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def time_largest_pack(work: Path, root: Path) -> dict:
    """Build the real content with its packs; figures for the largest and the slowest PDF."""
    if not (root / "content").is_dir():
        return {"skipped": f"no content/ in {root}"}
    if work.exists():
        shutil.rmtree(work)
    project = work / "project"
    shutil.copytree(root / "content", project / "content")
    for name in ("mkdocs.yml", "link-cache.json"):
        if (root / name).is_file():
            shutil.copy(root / name, project / name)
    run = run_measured([sys.executable, "-m", "toolkit", "build", "--root", str(project)], cwd=root,
                       env={"SOURCE_DATE_EPOCH": "1790000000"})
    timings = json.loads((project / "build" / "reports" / "timings.json").read_text(encoding="utf-8"))
    pdfs = {key.split(":", 1)[1]: seconds for key, seconds in timings.items()
            if key.startswith("pack:") and key.endswith(".pdf")}
    packs = project / "packs"
    if not pdfs or not packs.is_dir():
        return {"skipped": f"the build of content/ made no packs (exit code {run.returncode}); "
                           f"see {project}/build/reports/findings.json"}
    pages = {name: _pages(packs / name) for name in pdfs}
    largest = max(pages, key=lambda name: (pages[name], pdfs[name]))
    slowest = max(pdfs, key=pdfs.get)
    return {
        "largest_pdf": largest,
        "largest_pdf_pages": pages[largest],
        "largest_pdf_s": round(pdfs[largest], 2),
        "slowest_pdf": slowest,
        "slowest_pdf_s": round(pdfs[slowest], 2),
        "pdfs": {name: {"pages": pages[name], "s": round(seconds, 2)} for name, seconds in sorted(pdfs.items())},
        "pack_step_s": round(timings.get("packs", 0.0), 2),
        "build_with_packs_s": round(run.seconds, 2),
    }


def format_pack(r: dict) -> str:
    if "skipped" in r:
        return f"Packs: skipped: {r['skipped']}"
    return (f"Packs of the real content: largest PDF {r['largest_pdf']} ({r['largest_pdf_pages']} pages) in "
            f"{r['largest_pdf_s']:.2f} s; slowest {r['slowest_pdf']} {r['slowest_pdf_s']:.2f} s; all "
            f"{len(r['pdfs'])} PDFs and the offline zips {r['pack_step_s']:.1f} s; whole build with packs "
            f"{r['build_with_packs_s']:.1f} s")
