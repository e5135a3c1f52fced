"""The targets of issues 8, 14 and 18, judged from one bench report.

A target whose size was not run is 'n/a'. When the machine's load average was above its CPU
count while any size was measured, no target is judged: other work then slows the two sides
of a ratio unevenly (our build uses two CPUs, vanilla one), and a verdict would say more
about the machine than about the build.
"""

from __future__ import annotations

FIRST_LOAD_CEILING = 16 * 1024  # bytes gzip (issue 18)
LANGUAGE_GROWTH = 3.3  # three languages at most this many times one (issue 18; issue 14: linear)
FIRST_LOAD_SAME = 0.05  # three languages' first load within 5% of one language's (issue 14)

TARGETS = (
    "18: build at 20 modules at most 1.0x vanilla",
    "18: build at 200 modules at most 1.0x vanilla",
    "18: build at 1,000 modules at most 0.3x vanilla",
    "18: unchanged rebuild at 1,000 modules under 1 s",
    "18: live preview shows an edit in under 0.3 s at 200 modules",
    "18: live preview shows an edit in under 1 s at 1,000 modules",
    "18: live preview shows an edit in under 1 s at 1,000 modules in three languages",
    "18: first load (gzip) of a module page at most 16 KB at every size",
    "18: peak memory at 1,000 modules at most 1.5x vanilla",
    "18: three languages at 1,000 modules: build time at most 3.3x one language",
    "18: three languages at 1,000 modules: peak memory at most 3.3x one language",
    "14: three languages at 1,000 modules: first load within 5% of one language",
    "8: first load (gzip) of a module page at most 0.5x vanilla at 20 modules",
    "8: first load (gzip) of a module page at most 0.15x vanilla at 1,000 modules",
    "8: first load (gzip) grows by at most 20% from 20 to 1,000 modules",
    "8: offline check of 1,000 modules under 3 s",
    "8: online check of 500 links under 5 s, never over its per-host limit",
    "8: PDF of the largest audience pack in under 10 s",
)


def _size(report: dict, modules: int) -> dict | None:
    return next((r for r in report.get("sizes", []) if r["modules"] == modules), None)


def too_loaded(report: dict) -> str | None:
    """Why targets cannot be judged from this report (load average above the CPU count), or None."""
    cpus = report.get("cpus") or 1
    worst = max((r["load_average_max"] for r in report.get("sizes", [])), default=0.0)
    if worst > cpus:
        return (f"the machine's load average reached {worst:.1f} during the run, above its {cpus} CPUs: other work "
                "was competing for the processors, so no target is judged. Run again on a quieter machine.")
    return None


def judge(report: dict) -> list[dict]:
    """One row per target: the figure it was judged on and whether it was met (None: not measured or not judged)."""
    small, medium, large = _size(report, 20), _size(report, 200), _size(report, 1000)
    online, packs = report.get("online") or {}, report.get("packs") or {}
    languages = (large or {}).get("languages") or {}

    def build(size: dict, limit: float):
        return lambda: (f"{size['build_ratio']:.2f}x ({size['build_s']:.2f} s against {size['vanilla_build_s']:.2f} s; "
                        f"processor time {size['cpu_ratio']:.2f}x)", size["build_ratio"] <= limit)

    def preview(size: dict, limit: float):
        return lambda: (f"{size['preview_edit_s']:.2f} s", size["preview_edit_s"] < limit)

    def first_load_everywhere():
        sizes = report["sizes"]
        worst = max(r["first_load_gzip_bytes"] for r in sizes)
        return (", ".join(f"{r['first_load_gzip_bytes'] / 1024:.1f} KB at {r['modules']}" for r in sizes),
                worst <= FIRST_LOAD_CEILING)

    def growth():
        grown = large["first_load_gzip_bytes"] / small["first_load_gzip_bytes"] - 1
        return (f"{grown:+.1%} ({small['first_load_gzip_bytes']} -> {large['first_load_gzip_bytes']} bytes)",
                grown <= 0.2)

    def language_ratio(key: str, unit: str, limit: float):
        return lambda: (f"{languages[key + '_ratio']:.2f}x ({languages[key]:.1f} {unit} against "
                        f"{large[key]:.1f} {unit})", languages[key + "_ratio"] <= limit)

    # For each target, in TARGETS' order: whether it was measured, what to say if not, and its verdict.
    verdicts = [
        (small, "20 modules not run", build(small, 1.0)),
        (medium, "200 modules not run", build(medium, 1.0)),
        (large, "1,000 modules not run", build(large, 0.3)),
        (large and large.get("rebuild_unchanged_s") is not None, "1,000 modules not run", lambda: (
            f"{large['rebuild_unchanged_s']:.2f} s", large["rebuild_unchanged_s"] < 1)),
        (medium, "200 modules not run", preview(medium, 0.3)),
        (large, "1,000 modules not run", preview(large, 1.0)),
        (languages.get("preview_edit_s") is not None, "three languages at 1,000 modules not run", preview(languages, 1.0)),
        (report.get("sizes"), "no size run", first_load_everywhere),
        (large, "1,000 modules not run", lambda: (
            f"{large['peak_rss_ratio']:.2f}x ({large['peak_rss_mb']:.0f} MB against {large['vanilla_peak_rss_mb']:.0f} MB)",
            large["peak_rss_ratio"] <= 1.5)),
        (languages, "three languages at 1,000 modules not run", language_ratio("build_s", "s", LANGUAGE_GROWTH)),
        (languages, "three languages at 1,000 modules not run",
         language_ratio("peak_rss_mb", "MB", LANGUAGE_GROWTH)),
        (languages, "three languages at 1,000 modules not run", lambda: (
            f"{languages['first_load_gzip_bytes_ratio'] - 1:+.1%} ({large['first_load_gzip_bytes']} -> "
            f"{languages['first_load_gzip_bytes']} bytes)",
            abs(languages["first_load_gzip_bytes_ratio"] - 1) <= FIRST_LOAD_SAME)),
        (small, "20 modules not run", lambda: (f"{small['first_load_ratio']:.3f}x", small["first_load_ratio"] <= 0.5)),
        (large, "1,000 modules not run", lambda: (
            f"{large['first_load_ratio']:.3f}x", large["first_load_ratio"] <= 0.15)),
        (small and large, "needs 20 and 1,000 modules", growth),
        (large, "1,000 modules not run", lambda: (f"{large['check_offline_s']:.2f} s", large["check_offline_s"] < 3)),
        ("ours_s" in online, online.get("skipped", "not run"), lambda: (
            f"{online['ours_s']:.2f} s, at most {online['ours_peak_per_host']} at once to one host (limit "
            f"{online['per_host_limit']}); LinkChecker {online['linkchecker_s']:.2f} s",
            online["ours_s"] < 5 and online["ours_peak_per_host"] <= online["per_host_limit"])),
        ("largest_pdf_s" in packs, packs.get("skipped", "not run"), lambda: (
            f"{packs['largest_pdf_s']:.2f} s ({packs['largest_pdf']}, {packs['largest_pdf_pages']} pages)",
            packs["largest_pdf_s"] < 10)),
    ]
    refused = too_loaded(report)
    rows = []
    for target, (measured, missing, verdict) in zip(TARGETS, verdicts, strict=True):
        figure, met = verdict() if measured else (missing, None)
        # When not judged, what the figure would say is kept, marked as such.
        rows.append({"target": target, "figure": figure, "met": None if refused else met,
                     **({"unjudged_verdict": met} if refused and met is not None else {})})
    return rows
