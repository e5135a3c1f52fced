"""`toolkit stats`: a generated month of usage logs (nginx/Apache lines and Caddy JSON, some malformed) to a report."""

from __future__ import annotations

import csv
import io
import json
import random

from toolkit.cli import main
from toolkit.stats.report import publishable

PLAIN = '2026-11-{day:02d} "{path}" {status}'


def caddy(day: int, path: str, status: int) -> str:
    return json.dumps({"ts": f"2026-11-{day:02d}", "request": {"uri": path}, "status": status})


def month_of_logs() -> tuple[list[str], list[str]]:
    """(nginx-style lines, Caddy lines) for November 2026, shuffled, with five malformed lines."""
    views = [("/modules/first-steps.html", 200, 123), ("/modules/first-steps.html", 304, 4),
             ("/modules/talking-to-your-child.html", 200, 7), ("/self/", 200, 12), ("/help.html", 200, 13),
             ("/downloads/self.pdf", 200, 22), ("/cy/modules/first-steps.html", 200, 10),
             ("/modules/no-such-module.html", 404, 50), ("/assets/toolkit.0123456789.css", 200, 300)]
    rng = random.Random(20)
    plain, structured = [], []
    for path, status, count in views:
        for n in range(count):
            day = rng.randint(1, 30)
            if n % 2:
                structured.append(caddy(day, path, status))
            else:  # Apache logs the precompressed copy it sent
                plain.append(PLAIN.format(day=day, path=path + (".br" if n % 4 == 0 and path.endswith(".html") else ""),
                                          status=status))
    plain += [
        "garbage",
        '203.0.113.9 - alice [03/Nov/2026:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512',
        '2026-13-01 "/index.html" 200',
        '2026-11-04 "/index.html',
        "",
    ]
    structured.append('{"ts":"2026-11-05","request":{"uri":"/index.html"}}')
    rng.shuffle(plain)
    rng.shuffle(structured)
    return plain, structured


def test_ons_rule_suppresses_below_ten_and_rounds_to_five():
    assert [publishable(n) for n in (0, 9, 10, 12, 13, 137, 144)] == [None, None, 10, 10, 15, 135, 145]


def test_stats_turns_a_month_of_logs_into_the_report(project, tmp_path, capsys):
    plain, structured = month_of_logs()
    (tmp_path / "public-usage.log").write_text("\n".join(plain) + "\n", encoding="utf-8")
    (tmp_path / "caddy-usage.log").write_text("\n".join(structured) + "\n", encoding="utf-8")
    out = tmp_path / "report"
    code = main(["stats", str(tmp_path / "public-usage.log"), str(tmp_path / "caddy-usage.log"),
                 "--root", str(project), "--out", str(out)])
    assert code == 0
    total = 123 + 4 + 7 + 12 + 13 + 22 + 10 + 50 + 300 + 5
    assert capsys.readouterr().out.splitlines() == [
        f"{total} log lines, 5 skipped (not a usage log line); months: 2026-11.",
        f"Report written to {out / 'usage.csv'} and {out / 'usage.html'}.",
    ]
    rows = {(r["dimension"], r["value"]): r["page_views"]
            for r in csv.DictReader(io.StringIO((out / "usage.csv").read_text(encoding="utf-8")))}
    assert rows == {
        ("all pages", "page views"): "170",  # 169 views of pages: not the 404s, not the stylesheet
        ("audience", "self"): "150",  # 137 views of its module and 12 of its start page
        ("audience", "parents-carers"): "<10",
        ("topic", "coping-strategies"): "145",
        ("module", "first-steps"): "135",  # 127 in English, 10 in Welsh
        ("module", "talking-to-your-child"): "<10",
        ("language", "en-GB"): "160",
        ("language", "cy"): "10",
        ("pack download", "self.pdf"): "20",
        ("help page", "Services that can help"): "15",
    }
    html = (out / "usage.html").read_text(encoding="utf-8")
    assert "Figures below 10 are shown as &quot;&lt;10&quot; and the rest are rounded to the nearest 5" in html
    assert f"{total} log lines read; 5 could not be read and were skipped." in html
    assert "<svg" in html and "http" not in html.replace("http://www.w3.org", "")  # nothing loaded from elsewhere
    assert "203.0.113.9" not in html and "alice" not in html


def test_stats_names_a_missing_log(project, tmp_path, capsys):
    assert main(["stats", str(tmp_path / "nope.log"), "--root", str(project)]) == 2
    assert capsys.readouterr().err == f"toolkit stats: error: log file not found: {tmp_path / 'nope.log'}\n"
