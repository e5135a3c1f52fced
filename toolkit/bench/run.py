"""`scripts/bench`: our pipeline against vanilla Material for MkDocs, at several site sizes.

First, for each size: write a synthetic content tree, build it with `toolkit build --no-packs`
(load, compile, render, harden, every offline check, publish; both editions), and build the
public edition's Markdown with a two-line vanilla mkdocs.yml; at 1,000 modules
(--languages-at), build the same site with every text translated into Polish and Arabic too.
Each of those clean builds three times (--repeat), in turn, and keep the median run; then
build with Hugo once, when installed. Then, for each size: load a typical module page of each in headless Chromium,
build ours again unchanged and with one module changed, run `toolkit check` alone, and time how
long the live preview takes to show an edit. Then, once: the online link check against
LinkChecker, and the largest pack's PDF. (Every clean build comes before any step that deletes
files: see `set_aside`.)
Prints every figure with its ratio to the yardstick measured in the same run, and the load
average beside each size; judges no target when the load average was above the CPU count.
Writes them all to build/reports/bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .firstload import FirstLoad, launch_browser, measure_first_load
from .hugo import HUGO, build_hugo, write_hugo_project
from .hugo import available as hugo_available
from .incremental import time_one_module_change, time_unchanged_rebuild
from .measure import Run, build_toolkit, median_run, ratio, run_measured
from .synthetic import stamp_all, typical_module, write_content
from .targets import TARGETS, judge, too_loaded
from .vanilla import build_vanilla, page_url, write_vanilla_project

DEFAULT_SIZES = (20, 200, 1000)
LANGUAGES = ("pl", "ar")  # beside en-GB, for the three-languages figures
SITE_NAME = "Synthetic toolkit"


def outputs_of(project: Path, attempt: int = 0) -> Path | None:
    """Where attempt `attempt` of `build_ours` writes its site/ and build/: the project's own for the first
    (None), folders of its own for each later one."""
    return None if attempt == 0 else project.parent / f"again-{attempt}"


def reports_of(project: Path, attempt: int = 0) -> Path:
    """Where attempt `attempt` of `build_ours` writes its reports."""
    return (outputs_of(project, attempt) or project) / "build" / "reports"


def build_ours(project: Path, root: Path, attempt: int = 0):
    """`toolkit build --no-packs` of a project in its own process (into `outputs_of`); (run, timings, error count)."""
    run = build_toolkit(project, root, outputs=outputs_of(project, attempt))
    reports = reports_of(project, attempt)
    timings = json.loads((reports / "timings.json").read_text(encoding="utf-8"))
    findings = json.loads((reports / "findings.json").read_text(encoding="utf-8"))
    errors = [f for f in findings if f.get("severity") == "error"]
    return run, timings, errors


def make_project(folder: Path, root: Path, modules: int, languages: tuple[str, ...] = ()) -> Path:
    """A fresh project of `modules` synthetic modules (translated into `languages`, stamped) under folder."""
    if folder.exists():
        shutil.rmtree(folder)
    project = folder / "project"
    write_content(project / "content", modules, languages=languages)
    if languages:
        stamp_all(project / "content")
    shutil.copy(root / "mkdocs.yml", project / "mkdocs.yml")
    return project


def built_ok(project: Path, root: Path, what: str, attempt: int = 0):
    """Our build of `project` (`build_ours`), or stop the bench with its last output when it failed."""
    ours, timings, errors = build_ours(project, root, attempt)
    if errors or not ours.ok:
        raise SystemExit(f"bench: our build of {what} failed ({len(errors)} errors); see "
                         f"{reports_of(project, attempt)}/findings.json\n{ours.output[-2000:]}")
    return ours, timings


def public_docs(project: Path) -> Path:
    """The Markdown our compile step generated for the public edition in the source language."""
    return project / "build" / "projects" / "public" / "en-GB" / "docs"


def load_now() -> float:
    """The machine's load average over the last minute."""
    return round(os.getloadavg()[0], 2)


REPEAT = 3  # clean builds of each kind, one after the other in turn; the figures are the median run's


@dataclass
class CleanBuilds:
    """The clean builds of one size (ours, vanilla's, Hugo's, and ours in three languages), made first.

    `ours`, `vanilla` and `languages` are the median runs (by wall time) of `repeat` each; `walls` lists
    every run's wall time by kind; `load_average` is the machine's before and after them."""

    modules: int
    project: Path
    module: str
    ours: Run
    timings: dict
    vanilla: Run
    hugo: Run | None
    languages: tuple[Path, Run, dict] | None
    walls: dict[str, list[float]]
    load_average: list[float]


def build_clean(modules: int, work: Path, root: Path, *, languages_too: bool = False, repeat: int = REPEAT
                ) -> CleanBuilds:
    """Write the content of one size and build it clean `repeat` times in turn: ours, vanilla's (and ours in three
    languages), then Hugo's once. In turn, so that a slow minute of the machine falls on each kind alike.

    Every size's clean builds run before anything in the run deletes a file (`main`): see `set_aside`."""
    load_before = load_now()
    folder = work / str(modules)
    project = make_project(folder, root, modules)
    translated = make_project(work / f"{modules}-languages", root, modules, LANGUAGES) if languages_too else None
    module = typical_module(project / "content")
    ours, vanilla, languages = [], [], []
    for attempt in range(repeat):
        ours.append(built_ok(project, root, f"{modules} modules", attempt))
        if attempt == 0:  # vanilla renders the Markdown our first build generated
            write_vanilla_project(public_docs(project), folder / "vanilla", SITE_NAME)
        run = build_vanilla(folder / "vanilla", "site" if attempt == 0 else f"site-again-{attempt}")
        if not run.ok:
            raise SystemExit(f"bench: vanilla MkDocs build of {modules} modules failed:\n{run.output[-2000:]}")
        vanilla.append(run)
        if translated is not None:
            languages.append(built_ok(translated, root, f"{modules} modules in three languages", attempt))
    hugo = None
    if hugo_available():
        write_hugo_project(public_docs(project), folder / "hugo", SITE_NAME)
        hugo = build_hugo(folder / "hugo")
        if not hugo.ok:
            raise SystemExit(f"bench: Hugo build of {modules} modules failed:\n{hugo.output[-2000:]}")
    walls = {"ours": [run.seconds for run, _ in ours], "vanilla": [run.seconds for run in vanilla]}
    median_ours, timings = median_run(ours, _pair_wall)
    median_languages = None
    if translated is not None:
        walls["languages"] = [run.seconds for run, _ in languages]
        median_languages = (translated, *median_run(languages, _pair_wall))
    return CleanBuilds(modules, project, module, median_ours, timings, median_run(vanilla), hugo, median_languages,
                       walls, [load_before, load_now()])


def offline_check_seconds(timings: dict) -> float:
    """The checks' own time after the pages are built: the last stage of the first process ("check"), and the
    checks of the content alone where the smaller edition's process ran them ("check-content:<edition>")."""
    return timings.get("check", 0.0) + sum(seconds for key, seconds in timings.items()
                                           if key.split(":", 1)[0] == "check-content")


def _pair_wall(pair: tuple[Run, dict]) -> float:
    """The wall time of one of `built_ok`'s (run, timings) pairs."""
    return pair[0].seconds


def bench_size(clean: CleanBuilds, work: Path, root: Path, browser) -> dict:
    """Every figure for one size of site, from its clean builds and what is measured after them."""
    from .serve_timing import time_preview_edit

    load_before = load_now()
    modules, project, module, ours, timings = clean.modules, clean.project, clean.module, clean.ours, clean.timings
    vanilla, hugo = clean.vanilla, clean.hugo
    folder = work / str(modules)
    our_load = measure_first_load(browser, project / "site" / "public", f"modules/{module}.html")
    # Built again with nothing changed (the last output reused), then with one module changed (the build cache).
    unchanged = time_unchanged_rebuild(project, root)
    one_changed = time_one_module_change(project, module, root)
    # `toolkit check` alone over the published site: start-up, load, read every page from disk, every check.
    standalone = run_measured([sys.executable, "-m", "toolkit", "check", "--root", str(project)], cwd=root)
    their_load = measure_first_load(browser, folder / "vanilla" / "site", page_url(module))
    preview_s = time_preview_edit(project, module, root, edits=3 if modules <= 200 else 1)
    result = {
        "modules": modules,
        "page": f"modules/{module}.html",
        **_run_figures("", ours),
        **_run_figures("vanilla_", vanilla),
        **_run_figures("hugo_", hugo),
        "build_ratio": ratio(ours.seconds, vanilla.seconds),
        "cpu_ratio": ratio(ours.cpu_seconds, vanilla.cpu_seconds),
        "hugo_ratio": ratio(ours.seconds, hugo.seconds) if hugo else None,
        "hugo_cpu_ratio": ratio(ours.cpu_seconds, hugo.cpu_seconds) if hugo else None,
        "rebuild_unchanged_s": round(unchanged.seconds, 2),
        "rebuild_unchanged_ratio": ratio(unchanged.seconds, vanilla.seconds),
        "rebuild_one_module_s": round(one_changed.seconds, 2),
        "rebuild_one_module_ratio": ratio(one_changed.seconds, vanilla.seconds),
        "peak_rss_ratio": ratio(ours.max_rss_bytes, vanilla.max_rss_bytes),
        **_load_figures("", our_load),
        **_load_figures("vanilla_", their_load),
        "first_load_ratio": ratio(our_load.gzip_bytes, their_load.gzip_bytes),
        "first_load_raw_ratio": ratio(our_load.raw_bytes, their_load.raw_bytes),
        "check_offline_s": round(offline_check_seconds(timings), 2),
        "check_offline_ratio": ratio(offline_check_seconds(timings), vanilla.seconds),
        "check_command_s": round(standalone.seconds, 2),
        "check_command_ratio": ratio(standalone.seconds, vanilla.seconds),
        "checks_s": {key.split(":", 1)[1]: round(value, 3) for key, value in sorted(timings.items())
                     if key.startswith("check:")},
        "stages_s": _stages(timings),
        "preview_edit_s": preview_s,
        "preview_edit_ratio": ratio(preview_s, vanilla.seconds),
    }
    if clean.languages:
        result["languages"] = bench_languages(*clean.languages, browser, result)
        # The live preview in every language: the edit is to the English text, so each translation of the module
        # says it is out of date and every tree has pages to rebuild.
        preview_project = clean.languages[0]
        preview_languages = time_preview_edit(preview_project, typical_module(preview_project / "content"), root,
                                              edits=1)
        result["languages"]["preview_edit_s"] = preview_languages
        result["languages"]["preview_edit_s_ratio"] = ratio(preview_languages, preview_s)
    # Other work on the machine slows both sides; the ratios are from the same run. Before the clean builds,
    # the load is other work's; after them, it is theirs, and not judged.
    result["load_average"] = [load_before, load_now()]
    result["clean_load_average"] = clean.load_average
    result["clean_build_walls_s"] = {kind: [round(w, 2) for w in walls] for kind, walls in clean.walls.items()}
    result["load_average_max"] = max(result["load_average"] + clean.load_average[:1])
    return result


def bench_languages(project: Path, run: Run, timings: dict, browser, one: dict) -> dict:
    """The same site with a Polish and an Arabic translation of every text, against `one` (English only)."""
    page = one["page"]
    loads = {"en-GB": measure_first_load(browser, project / "site" / "public", page)}
    for tag in LANGUAGES:
        loads[tag] = measure_first_load(browser, project / "site" / "public", f"{tag}/{page}")
    return {
        "tags": ["en-GB", *LANGUAGES],
        **_run_figures("", run),
        "build_s_ratio": ratio(run.seconds, one["build_s"]),
        "cpu_s_ratio": ratio(run.cpu_seconds, one["cpu_s"]),
        "peak_rss_mb_ratio": ratio(run.max_rss_bytes / 2**20, one["peak_rss_mb"]),
        "first_load_gzip_bytes": loads["en-GB"].gzip_bytes,
        "first_load_gzip_bytes_ratio": ratio(loads["en-GB"].gzip_bytes, one["first_load_gzip_bytes"]),
        "first_load_gzip_bytes_by_language": {tag: load.gzip_bytes for tag, load in loads.items()},
        "stages_s": _stages(timings),
    }


def _run_figures(prefix: str, run) -> dict:
    """A build's wall time, processor time and peak memory under bench.json's names (None: not run)."""
    names = (f"{prefix}build_s", f"{prefix}cpu_s", f"{prefix}peak_rss_mb")
    if run is None:
        return dict.fromkeys(names)
    return dict(zip(names, (round(run.seconds, 2), round(run.cpu_seconds, 2), round(run.max_rss_bytes / 2**20, 1)),
                    strict=True))


def _stages(timings: dict) -> dict:
    """The time of each stage (the checks are listed apart)."""
    return {key: round(value, 2) for key, value in sorted(timings.items()) if not key.startswith("check:")}


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


def _loads(r: dict) -> str:
    """The load averages of a size: around its clean builds (when measured apart), and around the rest."""
    rest = f"{r['load_average'][0]:.1f} before, {r['load_average'][1]:.1f} after"
    clean = r.get("clean_load_average")
    if not clean:
        return rest
    return f"{clean[0]:.1f} before and {clean[1]:.1f} after the clean builds, {rest} the other figures"


def _walls(r: dict) -> str:
    """Each clean build's wall time, when there were several (the figures are the median run's)."""
    walls = r.get("clean_build_walls_s") or {}
    if len(walls.get("ours", [])) < 2:
        return ""
    listed = "; ".join(f"{kind} {', '.join(f'{w:.2f}' for w in runs)}" for kind, runs in walls.items())
    return f"\n  (median of {len(walls['ours'])} clean builds each, in turn: {listed} s)"


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def _ratio(value) -> str:
    return f"{value:.2f}x" if value is not None else "n/a"


def format_size(r: dict) -> str:
    """The figures of one size, as printed: each with its ratio to the yardstick measured in the same run."""
    lines = [
        f"{r['modules']} modules (page measured: {r['page']}; machine load average {_loads(r)})",
        f"  build, both editions (load, compile, render, harden, check, publish): {r['build_s']:.2f} s, "
        f"{_ratio(r['build_ratio'])} vanilla's {r['vanilla_build_s']:.2f} s; processor time {r['cpu_s']:.2f} s, "
        f"{_ratio(r['cpu_ratio'])} vanilla's {r['vanilla_cpu_s']:.2f} s{_walls(r)}",
        f"  rebuild with nothing changed: {r['rebuild_unchanged_s']:.2f} s ({_ratio(r['rebuild_unchanged_ratio'])} "
        f"vanilla's build); with one module changed: {r['rebuild_one_module_s']:.2f} s "
        f"({_ratio(r['rebuild_one_module_ratio'])})",
        f"  peak memory (largest process): {r['peak_rss_mb']:.0f} MB, {_ratio(r['peak_rss_ratio'])} vanilla's "
        f"{r['vanilla_peak_rss_mb']:.0f} MB",
        f"  first load, gzip: {_kb(r['first_load_gzip_bytes'])} in {r['first_load_requests']} requests, "
        f"{r['first_load_ratio']:.3f}x vanilla's {_kb(r['vanilla_first_load_gzip_bytes'])} in "
        f"{r['vanilla_first_load_requests']}",
        f"  first load, raw: {_kb(r['first_load_raw_bytes'])}, {r['first_load_raw_ratio']:.3f}x vanilla's "
        f"{_kb(r['vanilla_first_load_raw_bytes'])}",
        f"  module page HTML: {_kb(r['page_html_bytes'])}; vanilla {_kb(r['vanilla_page_html_bytes'])}",
        f"  offline check: {r['check_offline_s']:.2f} s, {_ratio(r['check_offline_ratio'])} vanilla's build "
        f"({', '.join(f'{k} {v:.2f}' for k, v in sorted(r['checks_s'].items(), key=lambda kv: -kv[1])[:4])} ...; "
        f"pages were read as harden wrote them)",
        f"  toolkit check alone over site/ (start-up, load, read every page, check): {r['check_command_s']:.2f} s, "
        f"{_ratio(r['check_command_ratio'])} vanilla's build",
        f"  live preview shows an edit to one module after {r['preview_edit_s']:.2f} s, "
        f"{_ratio(r['preview_edit_ratio'])} vanilla's build",
    ]
    if r["hugo_build_s"] is None:
        lines.append(f"  Hugo: skipped, '{HUGO}' is not installed (Debian: apt-get install hugo)")
    else:
        lines.append(f"  Hugo (no target): {r['hugo_build_s']:.2f} s, processor {r['hugo_cpu_s']:.2f} s, "
                     f"{r['hugo_peak_rss_mb']:.0f} MB; our build is {_ratio(r['hugo_ratio'])} Hugo's "
                     f"({_ratio(r['hugo_cpu_ratio'])} in processor time)")
    languages = r.get("languages")
    if languages:
        by_language = ", ".join(f"{tag} {_kb(n)}" for tag, n in languages["first_load_gzip_bytes_by_language"].items())
        lines += [
            f"  three languages ({', '.join(languages['tags'])}), same modules, every text translated:",
            f"    build {languages['build_s']:.2f} s, {_ratio(languages['build_s_ratio'])} one language's; processor "
            f"{languages['cpu_s']:.2f} s, {_ratio(languages['cpu_s_ratio'])}; peak memory "
            f"{languages['peak_rss_mb']:.0f} MB, {_ratio(languages['peak_rss_mb_ratio'])}",
            f"    first load of the English page {_kb(languages['first_load_gzip_bytes'])}, "
            f"{languages['first_load_gzip_bytes_ratio']:.3f}x one language's (gzip; {by_language})",
            f"    live preview shows an edit to one module's English text after {languages['preview_edit_s']:.2f} s, "
            f"{_ratio(languages['preview_edit_s_ratio'])} one language's",
        ]
    blocked = r["vanilla_blocked_requests"]
    if blocked:
        lines.append(f"  vanilla also asked other sites for {len(blocked)} file(s), blocked here and not counted: "
                     + ", ".join(sorted({b.split('/')[2] for b in blocked})))
    if r["blocked_requests"]:
        lines.append(f"  OURS ASKED OTHER SITES FOR: {', '.join(r['blocked_requests'])}")
    return "\n".join(lines)


def set_aside(work: Path) -> Path | None:
    """Move an earlier run's folder out of the way, to be deleted once this run's clean builds are made (`main`);
    None if there was none.

    Not deleted first: on a file system without a journal (ext4 here), Linux's inode allocator steps over
    each inode freed in the last minute or more (`recently_deleted` in fs/ext4/ialloc.c), so every file
    a build creates after a large deletion costs more system time (0.14 s of it for a 20-module build on
    a quiet disk, up to 1.2 s after the deletion of an earlier build's tree), and our
    build creates about seven times as many files as vanilla's (.gz and .br copies, the search chunks).
    The clean builds of every size run before anything in the run deletes a file for the same reason
    (the rebuilds replace site/, and the old one is deleted)."""
    if not work.exists():
        return None
    aside = work.with_name(f"{work.name}.earlier-{os.getpid()}-{time.time_ns()}")
    work.rename(aside)
    return aside


def settle(below: float = 1.0, longest: float = 90.0, at_least: float = 60.0) -> None:
    """Wait `at_least` seconds (past the minute in which the kernel steps over the inodes just freed: see
    `set_aside`), then until the load average is under `below` (at most `longest` seconds in all): the clean
    builds (two processes each, for minutes) leave the one-minute average near 2, which would count
    against the figures measured next as if other work had been running."""
    time.sleep(at_least)
    waited = at_least
    while load_now() >= below and waited < longest:
        time.sleep(5)
        waited += 5


def _bench_sizes(report: dict, clean: dict, work: Path, root: Path) -> None:
    """What is measured after the clean builds, size by size, in one browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            for modules, builds in clean.items():
                print(f"Measuring {modules} modules: first load, rebuilds, check, preview...", file=sys.stderr,
                      flush=True)
                result = bench_size(builds, work, root, browser)
                report["sizes"].append(result)
                print(format_size(result), flush=True)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n")[0])
    parser.add_argument("--modules", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated site sizes in modules (default: 20,200,1000)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    parser.add_argument("--no-online", action="store_true", help="skip the online link check comparison")
    parser.add_argument("--no-packs", action="store_true", help="skip timing the largest pack")
    parser.add_argument("--languages-at", type=int, default=1000, metavar="N",
                        help="at this size, also build the site in three languages (default: 1000)")
    parser.add_argument("--repeat", type=int, default=REPEAT, metavar="N",
                        help=f"clean builds of each kind, in turn; the median run is judged (default: {REPEAT})")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat: at least 1")
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
    set_aside(work)
    clean = {}
    for modules in sizes:  # every clean build first, before anything in this run deletes a file
        print(f"Building {modules} modules clean, ours and vanilla...", file=sys.stderr, flush=True)
        clean[modules] = build_clean(modules, work, root, languages_too=modules == args.languages_at,
                                     repeat=args.repeat)
    # Earlier runs' folders go now, between the clean builds and the rest, which the deletion may slow
    # (as may the rebuilds' own), and not at the end, where it would slow the next run's clean builds.
    for earlier in work.parent.glob(f"{work.name}.earlier-*"):
        shutil.rmtree(earlier, ignore_errors=True)
    os.sync()
    settle()
    _bench_sizes(report, clean, work, root)
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
    refused = too_loaded(report)
    print("\nTargets (issues 18, 14 and 8):")
    if refused:
        print(f"  NOT JUDGED: {refused}")
    for target in report["targets"]:
        unjudged = {True: " (would be met)", False: " (would be missed)"}.get(target.get("unjudged_verdict"), "")
        print(f"  {'met ' if target['met'] else 'MISSED' if target['met'] is False else 'n/a '}  "
              f"{target['target']}: {target['figure']}{unjudged}")
    out = root / "build" / "reports" / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nEvery figure: {out.relative_to(root)}")
    return 0 if all(t["met"] is not False for t in report["targets"]) else 1


__all__ = ["DEFAULT_SIZES", "TARGETS", "bench_size", "main"]
