"""The build's reports under build/reports/: findings.json, timings.json and one table per check that keeps one."""

from __future__ import annotations

import json
from pathlib import Path


def write_reports(folder: Path, findings_json: str, timings: dict, tables: dict | None = None) -> None:
    """Write the findings (as toolkit.findings.to_json made them), the timings and each table."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "findings.json").write_text(findings_json + "\n", encoding="utf-8")
    (folder / "timings.json").write_text(json.dumps(timings, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for name, table in (tables or {}).items():
        (folder / f"{name}.json").write_text(json.dumps(table, indent=2, ensure_ascii=False, default=str) + "\n",
                                             encoding="utf-8")
