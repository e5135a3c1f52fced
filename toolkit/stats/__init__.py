"""Usage figures without tracking: `toolkit stats` turns the servers' address-free usage logs into a report.

See toolkit/stats/logs.py for what a log line holds and toolkit/stats/report.py
for how the figures are counted, suppressed and rounded.
"""

from __future__ import annotations

from pathlib import Path

from ..content import load_content
from .logs import read_logs
from .report import Report, make_report, report_csv, report_html


def write_stats(logs: list[Path], content_dir: Path, out_dir: Path) -> tuple[Report, list[Path]]:
    """Read the logs, write usage.csv and usage.html into out_dir; returns the report and the files."""
    content = load_content(content_dir)
    report = make_report(read_logs(logs), content)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {out_dir / "usage.csv": report_csv(report), out_dir / "usage.html": report_html(report, content.site.name)}
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return report, list(files)
