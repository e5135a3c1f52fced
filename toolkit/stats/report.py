"""The funders' report: page views per month by audience, topic, module, language and pack download.

Counts come only from the usage logs (toolkit/stats/logs.py), which hold no
address, user agent, referrer or query string, so nothing here is per person.
Every published figure goes through the ONS rule for small counts: below 10 is
suppressed, the rest rounded to the nearest 5. Totals are rounded from the
true total, not added up from rounded cells.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from html import escape

from ..content import Content
from .logs import LogRead

SUPPRESS_BELOW = 10
ROUND_TO = 5
VIEWED = (200, 304)  # 304: a revalidated page (every page is revalidated) is a view too
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]+)?$")
DIMENSIONS = ("all pages", "audience", "topic", "module", "language", "pack download", "help page")
METHOD = (
    "Counted from the web server's usage log, which records only the date, the page's address (without "
    "anything typed into search) and whether it was found; no IP address, browser, referrer or anything "
    "that tells one reader from another, so these are page views, not people. A module page counts for "
    "its topic and for every audience it is written for. \"Help page\" is the page listing every service "
    "with its help card. Quick-exit uses are not counted: the button leaves for another site at once, "
    "and the site never reports it. Figures below 10 are shown as \"<10\" and the rest are rounded to the "
    "nearest 5 (the Office for National Statistics' rule for small counts), so a row may not add up."
)


def publishable(count: int) -> int | None:
    """The ONS rule: None (suppressed) below 10, else rounded to the nearest 5 (halves up)."""
    if count < SUPPRESS_BELOW:
        return None
    return (count + ROUND_TO // 2) // ROUND_TO * ROUND_TO


@dataclass
class Report:
    months: list[str]
    counts: dict[tuple[str, str, str], int]  # (dimension, value, month) -> true count
    lines: int
    bad_lines: int

    def rows(self) -> list[tuple[str, str, str, int | None]]:
        """(month, dimension, value, published figure) for every cell, in a stable order."""
        keys = sorted({(d, v) for d, v, _ in self.counts}, key=lambda k: (DIMENSIONS.index(k[0]), k[1]))
        return [(month, dimension, value, publishable(self.counts.get((dimension, value, month), 0)))
                for dimension, value in keys for month in self.months]


def classify(path: str, content: Content) -> list[tuple[str, str]]:
    """What one viewed address counts towards: [(dimension, value), ...]; [] for assets and unknown files."""
    if path.endswith("/"):
        path += "index.html"
    parts = path.strip("/").split("/")
    language = content.site.language
    if len(parts) > 1 and _LANGUAGE.match(parts[0]):
        language, parts = parts[0], parts[1:]
    if parts[0] == "downloads" and len(parts) == 2 and parts[1].endswith((".pdf", ".zip")):
        return [("pack download", parts[1])]
    if not parts[-1].endswith(".html") or parts[-1] == "404.html":
        return []
    found = [("all pages", "page views"), ("language", language)]
    name = parts[-1].removesuffix(".html")
    if len(parts) == 2 and parts[0] == "modules" and name in content.modules:
        module = content.modules[name]
        found += [("module", name), ("topic", module.topic)] + [("audience", a) for a in module.audiences]
    elif len(parts) == 2 and parts[0] == "topics":
        found.append(("topic", name))
    elif len(parts) == 2 and name == "index" and parts[0] in _audiences(content):
        found.append(("audience", parts[0]))
    elif parts == ["help.html"]:
        found.append(("help page", "Services that can help"))
    return found


def _audiences(content: Content) -> set[str]:
    return {audience for module in content.modules.values() for audience in module.audiences}


def make_report(read: LogRead, content: Content) -> Report:
    """Count every viewed page of the logs by month and dimension."""
    counts: Counter = Counter()
    months = set()
    for request in read.requests:
        if request.status not in VIEWED:
            continue
        months.add(request.month)
        for dimension, value in classify(request.path, content):
            counts[(dimension, value, request.month)] += 1
    return Report(sorted(months), dict(counts), read.lines, read.bad_lines)


def _shown(figure: int | None) -> str:
    return "<10" if figure is None else str(figure)


def report_csv(report: Report) -> str:
    """month,dimension,value,page_views: one row per cell, suppressed cells as "<10"."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["month", "dimension", "value", "page_views"])
    for month, dimension, value, figure in report.rows():
        writer.writerow([month, dimension, value, _shown(figure)])
    return out.getvalue()


def _chart(report: Report) -> str:
    """An inline SVG bar chart of page views per month (suppressed months drawn empty)."""
    figures = [publishable(report.counts.get(("all pages", "page views", m), 0)) for m in report.months]
    top = max([f for f in figures if f] or [1])
    width, bar, gap, height = 640, 48, 24, 220
    bars = []
    for index, (month, figure) in enumerate(zip(report.months, figures, strict=True)):
        x = 40 + index * (bar + gap)
        h = 0 if figure is None else round(160 * figure / top)
        bars.append(f'<rect x="{x}" y="{190 - h}" width="{bar}" height="{h}" fill="#1d4f91"/>'
                    f'<text x="{x + bar / 2}" y="{184 - h}" text-anchor="middle">{_shown(figure)}</text>'
                    f'<text x="{x + bar / 2}" y="210" text-anchor="middle">{escape(month)}</text>')
    width = max(width, 80 + len(report.months) * (bar + gap))
    return (f'<svg role="img" aria-labelledby="chart-title" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">'
            f'<title id="chart-title">Page views per month</title>'
            f'<line x1="30" y1="190" x2="{width - 10}" y2="190" stroke="#333"/>{"".join(bars)}</svg>')


def report_html(report: Report, site_name: str) -> str:
    """A self-contained page for trustees: the method, a chart, and one table per dimension."""
    tables = []
    rows = report.rows()
    for dimension in DIMENSIONS:
        cells = [row for row in rows if row[1] == dimension]
        if not cells:
            continue
        values = list(dict.fromkeys(row[2] for row in cells))
        head = "".join(f"<th scope=\"col\">{escape(m)}</th>" for m in report.months)
        body = "".join(
            f"<tr><th scope=\"row\">{escape(value)}</th>"
            + "".join(f"<td>{escape(_shown(row[3]))}</td>" for row in cells if row[2] == value) + "</tr>"
            for value in values)
        tables.append(f"<h2>By {escape(dimension)}</h2><table><thead><tr><th scope=\"col\">{escape(dimension)}</th>"
                      f"{head}</tr></thead><tbody>{body}</tbody></table>")
    style = ("body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}"
             "table{border-collapse:collapse;margin-bottom:1.5rem}th,td{border:1px solid #999;padding:.3rem .6rem;"
             "text-align:right}th[scope=row]{text-align:left}")
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(site_name)}: usage report</title><style>{style}</style></head><body>"
        f"<h1>{escape(site_name)}: usage report</h1>"
        f"<p>{escape(', '.join(report.months) or 'No months')}. {report.lines} log lines read; "
        f"{report.bad_lines} could not be read and were skipped.</p>"
        f"<h2>How these figures are made</h2><p>{escape(METHOD)}</p>"
        f"<h2>Page views per month</h2>{_chart(report)}{''.join(tables)}</body></html>\n"
    )
