"""`scripts/bench`: our pipeline against vanilla Material for MkDocs, at several site sizes.

For each size: write a synthetic content tree, build it with `toolkit build --no-packs`
(load, compile, render, harden, every offline check, publish; both editions), build the
public edition's Markdown with a two-line vanilla mkdocs.yml, load a typical module page of
each in headless Chromium, and time how long the live preview takes to show an edit. Then,
once: the online link check against LinkChecker, and the largest pack's PDF.
Prints every figure with its ratio and writes them all to build/reports/bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
from pathlib import Path

from .firstload import FirstLoad, launch_browser, measure_first_load
from .measure import build_toolkit, ratio, run_measured
from .synthetic import typical_module, write_content
from .targets import TARGETS, judge
from .vanilla import build_vanilla, page_url, write_vanilla_project

DEFAULT_SIZES = (20, 200, 1000)
SITE_NAME = "Synthetic toolkit"


def build_ours(project: Path, root: Path):
    """`toolkit build --no-packs` of a project in its own process; (run, timings, error count)."""
    run = build_toolkit(project, root)
    reports = project / "build" / "reports"
    timings = json.loads((reports / "timings.json").read_text(encoding="utf-8"))
    findings = json.loads((reports / "findings.json").read_text(encoding="utf-8"))
    errors = [f for f in findings if f.get("severity") == "error"]
    return run, timings, errors


def bench_size(modules: int, work: Path, root: Path, browser) -> dict:
    """Every figure for one size of site."""
    from .serve_timing import time_preview_edit

    folder = work / str(modules)
    if folder.exists():
        shutil.rmtree(folder)
    project = folder / "project"
    write_content(project / "content", modules)
    shutil.copy(root / "mkdocs.yml", project / "mkdocs.yml")
    module = typical_module(project / "content")

    ours, timings, errors = build_ours(project, root)
    if errors or not ours.ok:
        raise SystemExit(f"bench: our build of {modules} modules failed ({len(errors)} errors); see "
                         f"{project}/build/reports/findings.json\n{ours.output[-2000:]}")
    # `toolkit check` alone over the published site: start-up, load, read every page from disk, every check.
    standalone = run_measured([sys.executable, "-m", "toolkit", "check", "--root", str(project)], cwd=root)
    write_vanilla_project(project / "build" / "projects" / "public" / "docs", folder / "vanilla", SITE_NAME)
    vanilla = build_vanilla(folder / "vanilla")
    if not vanilla.ok:
        raise SystemExit(f"bench: vanilla MkDocs build of {modules} modules failed:\n{vanilla.output[-2000:]}")

    our_load = measure_first_load(browser, project / "site" / "public", f"modules/{module}.html")
    their_load = measure_first_load(browser, folder / "vanilla" / "site", page_url(module))
    preview_s = time_preview_edit(project, module, root, edits=3 if modules <= 200 else 1)
    return {
        # Other work on the machine slows both sides; the ratios are from the same run.
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "modules": modules,
        "page": f"modules/{module}.html",
        "build_s": round(ours.seconds, 2),
        "vanilla_build_s": round(vanilla.seconds, 2),
        "build_ratio": ratio(ours.seconds, vanilla.seconds),
        "peak_rss_mb": round(ours.max_rss_bytes / 2**20, 1),
        "vanilla_peak_rss_mb": round(vanilla.max_rss_bytes / 2**20, 1),
        **_load_figures("", our_load),
        **_load_figures("vanilla_", their_load),
        "first_load_ratio": ratio(our_load.gzip_bytes, their_load.gzip_bytes),
        "first_load_raw_ratio": ratio(our_load.raw_bytes, their_load.raw_bytes),
        "check_offline_s": round(timings.get("check", 0.0), 2),
        "check_command_s": round(standalone.seconds, 2),
        "checks_s": {key.split(":", 1)[1]: round(value, 3) for key, value in sorted(timings.items())
                     if key.startswith("check:")},
        "stages_s": {key: round(value, 2) for key, value in sorted(timings.items()) if not key.startswith("check:")},
        "preview_edit_s": preview_s,
    }


def _load_figures(prefix: str, load: FirstLoad) -> dict:
    page = load.fetched[0] if load.fetched else None
    return {
        f"{prefix}first_load_raw_bytes": load.raw_bytes,
        f"{prefix}first_load_gzip_bytes": load.gzip_bytes,
        f"{prefix}first_load_requests": load.requests,
        f"{prefix}first_load_files": [[f.path, f.raw_bytes, f.gzip_bytes] for f in load.fetched],
        f"{prefix}page_html_bytes": page.raw_bytes if page else 0,
        f"{prefix}blocked_requests": load.blocked,
    }


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def format_size(r: dict) -> str:
    """The figures of one size, as printed."""
    lines = [
        f"{r['modules']} modules (page measured: {r['page']}; machine load average {r['load_average'][0]:.1f})",
        f"  build, both editions (load, compile, render, harden, check, publish): {r['build_s']:.2f} s; "
        f"vanilla {r['vanilla_build_s']:.2f} s; ratio {r['build_ratio']:.2f}",
        f"  peak memory (largest process): {r['peak_rss_mb']:.0f} MB; vanilla {r['vanilla_peak_rss_mb']:.0f} MB",
        f"  first load, gzip: {_kb(r['first_load_gzip_bytes'])} in {r['first_load_requests']} requests; "
        f"vanilla {_kb(r['vanilla_first_load_gzip_bytes'])} in {r['vanilla_first_load_requests']}; "
        f"ratio {r['first_load_ratio']:.3f}",
        f"  first load, raw: {_kb(r['first_load_raw_bytes'])}; vanilla {_kb(r['vanilla_first_load_raw_bytes'])}; "
        f"ratio {r['first_load_raw_ratio']:.3f}",
        f"  module page HTML: {_kb(r['page_html_bytes'])}; vanilla {_kb(r['vanilla_page_html_bytes'])}",
        f"  offline check: {r['check_offline_s']:.2f} s "
        f"({', '.join(f'{k} {v:.2f}' for k, v in sorted(r['checks_s'].items(), key=lambda kv: -kv[1])[:4])} ...; "
        f"pages were read as harden wrote them)",
        f"  toolkit check alone over site/ (start-up, load, read every page, check): {r['check_command_s']:.2f} s",
        f"  live preview shows an edit to one module after {r['preview_edit_s']:.2f} s",
    ]
    blocked = r["vanilla_blocked_requests"]
    if blocked:
        lines.append(f"  vanilla also asked other sites for {len(blocked)} file(s), blocked here and not counted: "
                     + ", ".join(sorted({b.split('/')[2] for b in blocked})))
    if r["blocked_requests"]:
        lines.append(f"  OURS ASKED OTHER SITES FOR: {', '.join(r['blocked_requests'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n")[0])
    parser.add_argument("--modules", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated site sizes in modules (default: 20,200,1000)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    parser.add_argument("--no-online", action="store_true", help="skip the online link check comparison")
    parser.add_argument("--no-packs", action="store_true", help="skip timing the largest pack")
    args = parser.parse_args(argv)
    try:
        sizes = [int(part) for part in args.modules.split(",") if part.strip()]
    except ValueError:
        parser.error(f"--modules: expected numbers separated by commas, got '{args.modules}'")
    if not sizes or min(sizes) < 2:
        parser.error("--modules: each size must be at least 2 modules")
    root = args.root.resolve()
    work = root / "build" / "bench"
    report: dict = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
                    "sizes": []}

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            for modules in sizes:
                print(f"Building {modules} modules, ours and vanilla...", file=sys.stderr, flush=True)
                result = bench_size(modules, work, root, browser)
                report["sizes"].append(result)
                print(format_size(result), flush=True)
        finally:
            browser.close()
    if not args.no_online:
        from .online import bench_online, format_online

        print("Checking 500 links online, ours and LinkChecker...", file=sys.stderr, flush=True)
        report["online"] = bench_online(work / "online", root)
        print(format_online(report["online"]), flush=True)
    if not args.no_packs:
        from .packs_timing import format_pack, time_largest_pack

        print("Building the packs of the real content...", file=sys.stderr, flush=True)
        report["packs"] = time_largest_pack(work / "packs", root)
        print(format_pack(report["packs"]), flush=True)

    report["targets"] = judge(report)
    print("\nTargets (issue 8):")
    for target in report["targets"]:
        print(f"  {'met ' if target['met'] else 'MISSED' if target['met'] is False else 'n/a '}  "
              f"{target['target']}: {target['figure']}")
    out = root / "build" / "reports" / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nEvery figure: {out.relative_to(root)}")
    return 0 if all(t["met"] is not False for t in report["targets"]) else 1


__all__ = ["DEFAULT_SIZES", "TARGETS", "bench_size", "main"]
