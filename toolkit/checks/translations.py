"""Translations: each one follows the current version of its source, and has been reviewed.

A translation records the hash of the source text it translates (`toolkit translations
stamp` writes it). When the source changes afterwards, the translation is out of date:
the finding says since when and which paragraphs of the source changed. A `draft`
(not yet checked by a fluent reviewer) is published with a notice. Both are warnings
in a normal build and errors with `--release`.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from ..translations.freshness import freshness_findings
from .site import BuiltSite

NAME = "translations"
CONTENT_ONLY = True  # reads the content alone, never a built page (toolkit.checks.check_content)


def check(site: BuiltSite) -> list[Finding]:
    """Out-of-date, unstamped and draft translations: warnings, or errors in a release build."""
    severity = Severity.ERROR if site.options.release else Severity.WARNING
    return freshness_findings(site.content, severity)
