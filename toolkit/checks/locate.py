"""Point a finding on a built page back at the content file, and line, an author must change.

A built page comes from one content file (EditionOutput.source_of), but its
help cards and urgent-help box come from the registry and site.yml. So the
offending text is looked for in the page's own source first, then in those
shared files; the first file that contains it gets the finding, with its line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..findings import Finding, Severity
from .site import BuiltSite, EditionOutput


class SourceTexts:
    """Content files read on demand, once per check run."""

    def __init__(self, site: BuiltSite):
        content = site.content
        self.base = Path(content.root).parent
        shared = [helpline.source_file for helpline in content.helplines.values()]
        if content.site is not None:
            shared.append(content.site.source_file)
        self.shared = list(dict.fromkeys(name for name in shared if name))
        self._texts: dict[str, str] = {}

    def text(self, name: str) -> str:
        if name not in self._texts:
            try:
                self._texts[name] = (self.base / name).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._texts[name] = ""
        return self._texts[name]

    def find(self, name: str, needles: Iterable[str]) -> tuple[int, int] | None:
        """(line, column) of the first needle found in the file, both counted from 1."""
        text = self.text(name)
        for needle in needles:
            index = _whole(text, needle)
            if index >= 0:
                line = text.count("\n", 0, index) + 1
                return line, index - (text.rfind("\n", 0, index) + 1) + 1
        return None


def _whole(text: str, needle: str) -> int:
    """Index of `needle` where it is not part of a longer word or number ('0808 1000 90' is not in
    '0808 1000 900'), or -1."""
    index = text.find(needle) if needle else -1
    while index >= 0:
        end = index + len(needle)
        if not (index and text[index - 1].isalnum() and needle[0].isalnum()) and \
                not (end < len(text) and text[end].isalnum() and needle[-1].isalnum()):
            return index
        index = text.find(needle, index + 1)
    return -1


def source_texts(site: BuiltSite) -> SourceTexts:
    cache = site.__dict__
    if "_source_texts" not in cache:
        cache["_source_texts"] = SourceTexts(site)
    return cache["_source_texts"]


def where(site: BuiltSite, edition: EditionOutput, page: str, needles: Iterable[str],
          built_line: int | None = None) -> dict:
    """Finding keywords (file, line, column, page) for text on a built page."""
    texts = source_texts(site)
    needles = [needle for needle in needles if needle]
    own = edition.source_of(page)
    built = edition.shown(page)
    for name in ([own] if own else []) + texts.shared:
        found = texts.find(name, needles)
        if found:
            return {"file": name, "line": found[0], "column": found[1], "page": built}
    if own:
        return {"file": own, "page": built}
    return {"page": built, "line": built_line or None}


def merge_repeats(findings: list[Finding]) -> list[Finding]:
    """One finding per file, line and message, naming how many built pages show it.

    A wrong number in the registry appears on every page that shows its help
    card; the author needs to hear about it once, at the registry line.
    """
    merged: dict[tuple, list[Finding]] = {}
    for finding in findings:
        key = (finding.severity, finding.check, finding.message, finding.file or finding.page,
               finding.line, finding.column, finding.field)
        merged.setdefault(key, []).append(finding)
    result = []
    for group in merged.values():
        first = group[0]
        pages = sorted({f.page for f in group if f.page})
        if len(pages) > 1 and first.file:
            first = replace(first, message=f"{first.message} (on {len(pages)} built pages)",
                            extra={**first.extra, "pages": pages})
        result.append(first)
    return result


def found_in_order(site: BuiltSite, found: dict[str, list[Finding]]) -> list[Finding]:
    """The finish (toolkit.checks) of a check whose editions give findings: all of them, edition after edition."""
    return [finding for findings in found.values() for finding in findings]


def merged_found(site: BuiltSite, found: dict[str, list[Finding]]) -> list[Finding]:
    """The finish of a check whose editions give findings that repeat across pages: merge_repeats of them all."""
    return merge_repeats(found_in_order(site, found))


# Built-page checks that find again what the loader reports in the source (by the loader's check name):
# a typed number or tel: link, a refused address scheme, an image on another site.
RESTATES = {"phone-numbers": {"numbers"}, "tel-links": {"numbers", "links"}, "url-schemes": {"links"},
            "inline-code": {"links"}, "off-origin": {"files", "links"}}


def without_restated(findings: list[Finding], source_findings: list[Finding]) -> list[Finding]:
    """`findings` of built pages without those a source-level error already reports at the same file and line.

    A build with errors still renders and checks its pages (toolkit.build), so a typed number is
    in the body and on the page: the author hears about it once, at the body's line, with the
    loader's message.
    """
    reported = {(finding.check, finding.file, finding.line) for finding in source_findings
                if finding.severity is Severity.ERROR and finding.line is not None}
    return [finding for finding in findings
            if not any((check, finding.file, finding.line) in reported for check in RESTATES.get(finding.check, ()))]
