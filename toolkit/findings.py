"""Findings: what loading, validation and checks report, and how they are shown.

Every problem anywhere in the pipeline is a `Finding`. Stages collect them and
return them all together; the command line prints them grouped by file and
decides the exit code once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from dataclasses import field as dataclass_field
from enum import Enum


class Severity(str, Enum):
    """How much a finding matters. `error` fails the build; `warning` fails `--strict`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=False)
class Finding:
    """One problem, with where it is, what was expected and how to fix it."""

    severity: Severity
    check: str
    message: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    field: str = ""
    hint: str = ""
    page: str = ""
    extra: dict = dataclass_field(default_factory=dict, compare=False, hash=False)

    def location(self) -> str:
        """`file:line:column`, with the parts that are known."""
        text = self.file or self.page or "(site)"
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text

    def format(self) -> str:
        """The one-paragraph form printed to authors."""
        text = f"{self.location()}: {self.severity.value}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.page and self.file and self.page != self.file:
            text += f" (in built page {self.page})"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def to_json(self) -> dict:
        # The fields as they are (asdict's deep copy of each was two thirds of to_json's time): a build with
        # nothing changed writes findings.json again from the recorded findings (toolkit.unchanged).
        data = {item.name: getattr(self, item.name) for item in fields(self)}
        data["severity"] = self.severity.value
        return {key: value for key, value in data.items() if value not in ("", None, {})}


def error(check: str, message: str, **where) -> Finding:
    return Finding(Severity.ERROR, check, message, **where)


def warning(check: str, message: str, **where) -> Finding:
    return Finding(Severity.WARNING, check, message, **where)


def info(check: str, message: str, **where) -> Finding:
    return Finding(Severity.INFO, check, message, **where)


def sort_key(finding: Finding) -> tuple:
    return (
        finding.file or finding.page,
        finding.line or 0,
        finding.column or 0,
        finding.severity.rank,
        finding.field,
        finding.message,
    )


def count(findings: Iterable[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity is severity)


def has_errors(findings: Iterable[Finding], *, strict: bool = False) -> bool:
    """True when the findings fail a build: any error, or any warning under `strict`."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(f.severity in failing for f in findings)


def format_report(findings: Iterable[Finding], *, show_info: bool = False) -> str:
    """Findings grouped by file, most severe first inside each file."""
    shown = [f for f in findings if show_info or f.severity is not Severity.INFO]
    lines: list[str] = []
    current = None
    for finding in sorted(shown, key=sort_key):
        group = finding.file or finding.page or "(site)"
        if group != current:
            if current is not None:
                lines.append("")
            current = group
        lines.append(finding.format())
    return "\n".join(lines)


def to_json(findings: Iterable[Finding]) -> str:
    return json.dumps([f.to_json() for f in sorted(findings, key=sort_key)], indent=2, ensure_ascii=False)
