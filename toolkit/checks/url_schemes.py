"""Every address in every built page has a scheme the site allows (toolkit/schemes.py), whatever wrote it.

The loader refuses the same schemes in content, with file and line; this
check catches what reaches a page any other way (the theme, a help card, a
future template). http:// is left to the external-links and off-origin checks,
which have always reported it.
"""

from __future__ import annotations

from .. import schemes
from ..findings import Finding, error
from .locate import merged_found, where
from .site import BuiltSite, EditionOutput, every_edition

NAME = "url-schemes"


def check_edition(site: BuiltSite, edition: EditionOutput) -> list[Finding]:
    """Every link of one edition's pages (repeats not merged yet)."""
    findings: list[Finding] = []
    verdicts: dict[str, tuple[str, str] | None] = {}
    for page in edition.html_files:
        for link in edition.scan(page).links:
            if link.url not in verdicts:
                problem = schemes.problem(link.url)
                verdicts[link.url] = None if problem and schemes.scheme_of(link.url) == "http" else problem
            problem = verdicts[link.url]
            if problem:
                message, hint = problem
                findings.append(error(NAME, f"<{link.tag} {link.attribute}>: {message}", hint=hint,
                                      **where(site, edition, page, [link.url], link.line)))
    return findings


finish = merged_found


def check(site: BuiltSite) -> list[Finding]:
    return every_edition(site, check_edition, finish)
