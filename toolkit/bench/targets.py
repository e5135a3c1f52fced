"""The targets of issue 8, judged from one bench report. A target whose size was not run is 'n/a'."""

from __future__ import annotations

TARGETS = (
    "full build at 1,000 modules at most 0.5x vanilla",
    "first load (gzip) of a module page at most 0.5x vanilla at 20 modules",
    "first load (gzip) of a module page at most 0.15x vanilla at 1,000 modules",
    "first load (gzip) grows by at most 20% from 20 to 1,000 modules",
    "offline check of 1,000 modules under 3 s",
    "online check of 500 links under 5 s, never over its per-host limit",
    "live preview shows an edit to one module in under 1 s at 200 modules",
    "PDF of the largest audience pack in under 10 s",
)


def _size(report: dict, modules: int) -> dict | None:
    return next((r for r in report.get("sizes", []) if r["modules"] == modules), None)


def judge(report: dict) -> list[dict]:
    """One row per target: the figure it was judged on and whether it was met (None: not measured)."""
    small, medium, large = _size(report, 20), _size(report, 200), _size(report, 1000)
    online, packs = report.get("online") or {}, report.get("packs") or {}

    def growth() -> tuple[str, bool]:
        grown = large["first_load_gzip_bytes"] / small["first_load_gzip_bytes"] - 1
        return (f"{grown:+.1%} ({small['first_load_gzip_bytes']} -> {large['first_load_gzip_bytes']} bytes)",
                grown <= 0.2)

    # For each target, in TARGETS' order: whether it was measured, what to say if not, and its verdict.
    verdicts = [
        (large, "1,000 modules not run", lambda: (
            f"{large['build_ratio']:.2f}x ({large['build_s']:.1f} s against {large['vanilla_build_s']:.1f} s)",
            large["build_ratio"] <= 0.5)),
        (small, "20 modules not run", lambda: (f"{small['first_load_ratio']:.3f}x", small["first_load_ratio"] <= 0.5)),
        (large, "1,000 modules not run", lambda: (
            f"{large['first_load_ratio']:.3f}x", large["first_load_ratio"] <= 0.15)),
        (small and large, "needs 20 and 1,000 modules", growth),
        (large, "1,000 modules not run", lambda: (f"{large['check_offline_s']:.2f} s", large["check_offline_s"] < 3)),
        ("ours_s" in online, online.get("skipped", "not run"), lambda: (
            f"{online['ours_s']:.2f} s, at most {online['ours_peak_per_host']} at once to one host (limit "
            f"{online['per_host_limit']}); LinkChecker {online['linkchecker_s']:.2f} s",
            online["ours_s"] < 5 and online["ours_peak_per_host"] <= online["per_host_limit"])),
        (medium, "200 modules not run", lambda: (f"{medium['preview_edit_s']:.2f} s", medium["preview_edit_s"] < 1)),
        ("largest_pdf_s" in packs, packs.get("skipped", "not run"), lambda: (
            f"{packs['largest_pdf_s']:.2f} s ({packs['largest_pdf']}, {packs['largest_pdf_pages']} pages)",
            packs["largest_pdf_s"] < 10)),
    ]
    rows = []
    for target, (measured, missing, verdict) in zip(TARGETS, verdicts, strict=True):
        figure, met = verdict() if measured else (missing, None)
        rows.append({"target": target, "figure": figure, "met": met})
    return rows
