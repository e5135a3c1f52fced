"""Read the usage logs the server recipes write: one request per line, date, path and status only.

nginx and Apache write `2026-11-03 "/modules/x.html" 200`; Caddy writes
`{"ts":"2026-11-03","request":{"uri":"/modules/x.html"},"status":200}`.
A line of any other shape is counted and skipped, never fatal.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_PLAIN = re.compile(r'^(\d{4}-\d{2}-\d{2}) "([^"\s]*)" (\d{3})$')
# Apache logs the path it served, which is the .br or .gz copy when one was sent.
_PRECOMPRESSED = (".br", ".gz")


@dataclass(frozen=True)
class Request:
    month: str  # 2026-11
    path: str  # /modules/x.html, without query string or precompressed suffix
    status: int


@dataclass
class LogRead:
    requests: list[Request] = field(default_factory=list)
    bad_lines: int = 0
    lines: int = 0


def parse_line(line: str) -> Request | None:
    """One log line as a request, or None if it is not a line of a toolkit usage log."""
    line = line.strip()
    if line.startswith("{"):
        try:
            entry = json.loads(line)
            day, path, status = entry["ts"], entry["request"]["uri"], int(entry["status"])
        except (ValueError, KeyError, TypeError):
            return None
        if not isinstance(day, str) or not isinstance(path, str) or not path.startswith("/"):
            return None
    else:
        match = _PLAIN.match(line)
        if not match:
            return None
        day, path, status = match.group(1), match.group(2), int(match.group(3))
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        return None
    path = path.split("?", 1)[0]
    for suffix in _PRECOMPRESSED:
        path = path.removesuffix(suffix)
    return Request(f"{date.year:04d}-{date.month:02d}", path, status)


def read_lines(lines: Iterable[str], into: LogRead) -> LogRead:
    for line in lines:
        if not line.strip():
            continue
        into.lines += 1
        request = parse_line(line)
        if request is None:
            into.bad_lines += 1
        else:
            into.requests.append(request)
    return into


def read_logs(paths: list[Path]) -> LogRead:
    """Every request in the given log files (bad lines counted, not raised)."""
    result = LogRead()
    for path in paths:
        with path.open(encoding="utf-8", errors="replace") as handle:
            read_lines(handle, result)
    return result
