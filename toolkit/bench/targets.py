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


def _row(target: str, figure: str, met: bool | None) -> dict:
    return {"target": target, "figure": figure, "met": met}


def judge(report: dict) -> list[dict]:
    """One row per target: the figure it was judged on and whether it was met (None: not measured)."""
    small, large, medium = _size(report, 20), _size(report, 1000), _size(report, 200)
    rows = []
    if large:
        rows.append(_row(TARGETS[0], f"{large['build_ratio']:.2f}x ({large['build_s']:.1f} s against "
                                     f"{large['vanilla_build_s']:.1f} s)", large["build_ratio"] <= 0.5))
    else:
        rows.append(_row(TARGETS[0], "1,000 modules not run", None))
    if small:
        rows.append(_row(TARGETS[1], f"{small['first_load_ratio']:.3f}x", small["first_load_ratio"] <= 0.5))
    else:
        rows.append(_row(TARGETS[1], "20 modules not run", None))
    if large:
        rows.append(_row(TARGETS[2], f"{large['first_load_ratio']:.3f}x", large["first_load_ratio"] <= 0.15))
    else:
        rows.append(_row(TARGETS[2], "1,000 modules not run", None))
    if small and large:
        growth = large["first_load_gzip_bytes"] / small["first_load_gzip_bytes"] - 1
        rows.append(_row(TARGETS[3], f"{growth:+.1%} ({small['first_load_gzip_bytes']} -> "
                                     f"{large['first_load_gzip_bytes']} bytes)", growth <= 0.2))
    else:
        rows.append(_row(TARGETS[3], "needs 20 and 1,000 modules", None))
    if large:
        rows.append(_row(TARGETS[4], f"{large['check_offline_s']:.2f} s", large["check_offline_s"] < 3))
    else:
        rows.append(_row(TARGETS[4], "1,000 modules not run", None))
    online = report.get("online")
    if online and "ours_s" in online:
        rows.append(_row(TARGETS[5], f"{online['ours_s']:.2f} s, at most {online['ours_peak_per_host']} at once to "
                                     f"one host (limit {online['per_host_limit']}); LinkChecker "
                                     f"{online['linkchecker_s']:.2f} s",
                         online["ours_s"] < 5 and online["ours_peak_per_host"] <= online["per_host_limit"]))
    else:
        rows.append(_row(TARGETS[5], (online or {}).get("skipped", "not run"), None))
    if medium:
        rows.append(_row(TARGETS[6], f"{medium['preview_edit_s']:.2f} s", medium["preview_edit_s"] < 1))
    else:
        rows.append(_row(TARGETS[6], "200 modules not run", None))
    packs = report.get("packs")
    if packs and "largest_pdf_s" in packs:
        rows.append(_row(TARGETS[7], f"{packs['largest_pdf_s']:.2f} s ({packs['largest_pdf']}, "
                                     f"{packs['largest_pdf_pages']} pages)", packs["largest_pdf_s"] < 10))
    else:
        rows.append(_row(TARGETS[7], (packs or {}).get("skipped", "not run"), None))
    return rows
