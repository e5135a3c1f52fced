"""How long the printable packs take: a full build (with packs) of a copy of the real content/.

Each PDF's seconds in the build are its own print time, as the pack step records it
(timings.json, "pack:<file>"); the PDFs print two at a time on this machine, so each of those
figures includes sharing the processor. The largest audience pack (the standard PDF with the
most pages) is then printed again on its own: that is the figure the target is judged on.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..packs.plan import VARIANTS
from .measure import build_toolkit


def print_alone(project: Path, audience: str, folder: Path) -> float:
    """Seconds to print one audience's standard PDF with nothing else running (as the pack step does it)."""
    import datetime as dt

    from ..content import load_content
    from ..packs.document import pack_document
    from ..packs.pdf import print_pdf
    from ..packs.plan import plan_pack

    content = load_content(project / "content")
    document = pack_document(plan_pack(content, audience), VARIANTS[0], built=dt.date(2026, 11, 1),
                             base_config=project / "mkdocs.yml")
    folder.mkdir(parents=True, exist_ok=True)
    return print_pdf(document, folder / f"{audience}.pdf", [content.root]).seconds


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
    run = build_toolkit(project, root, packs=True)
    timings = json.loads((project / "build" / "reports" / "timings.json").read_text(encoding="utf-8"))
    pdfs = {key.split(":", 1)[1]: seconds for key, seconds in timings.items()
            if key.startswith("pack:") and key.endswith(".pdf")}
    packs = project / "packs"
    if not pdfs or not packs.is_dir():
        return {"skipped": f"the build of content/ made no packs (exit code {run.returncode}); "
                           f"see {project}/build/reports/findings.json"}
    pages = {name: _pages(packs / name) for name in pdfs}
    standard = [name for name in pdfs if not name.endswith(f"-{VARIANTS[1]}.pdf")]
    largest = max(standard, key=lambda name: (pages[name], pdfs[name]))
    slowest = max(pdfs, key=pdfs.get)
    alone = print_alone(project, largest.removesuffix(".pdf"), work / "alone")
    return {
        "largest_pdf": largest,
        "largest_pdf_pages": pages[largest],
        "largest_pdf_s": round(alone, 2),
        "largest_pdf_in_build_s": round(pdfs[largest], 2),
        "slowest_pdf": slowest,
        "slowest_pdf_s": round(pdfs[slowest], 2),
        "pdfs": {name: {"pages": pages[name], "s": round(seconds, 2)} for name, seconds in sorted(pdfs.items())},
        "pack_step_s": round(timings.get("packs", 0.0), 2),
        "build_with_packs_s": round(run.seconds, 2),
    }


def format_pack(r: dict) -> str:
    if "skipped" in r:
        return f"Packs: skipped: {r['skipped']}"
    return (f"Packs of the real content: largest audience pack {r['largest_pdf']} ({r['largest_pdf_pages']} pages) "
            f"printed alone in {r['largest_pdf_s']:.2f} s ({r['largest_pdf_in_build_s']:.2f} s in the build, two "
            f"PDFs at a time); slowest PDF in the build {r['slowest_pdf']} {r['slowest_pdf_s']:.2f} s; all "
            f"{len(r['pdfs'])} PDFs and the offline zips {r['pack_step_s']:.1f} s; whole build with packs "
            f"{r['build_with_packs_s']:.1f} s")
