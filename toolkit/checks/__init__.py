"""Checks over the built output. One module per check, each `check(site) -> list[Finding]`.

Checks of built pages read what each page holds from `EditionOutput.scan`
(toolkit.pagescan): every page is read once, by the harden step as it writes
the page, or on first use.

The default checks are the tuple `DEFAULT_CHECKS`, run by one loop in
`run_checks`; a check's findings can be re-graded per check in site.yml
(`checks.severity`), and `--strict` fails a build on warnings.
"""

from __future__ import annotations

import time

from ..findings import Finding, Severity
from . import (
    easy_read,
    edition_leakage,
    external_links,
    help_routes,
    holiday_list,
    inline_code,
    internal_links,
    module_structure,
    number_sources,
    offorigin,
    phone_numbers,
    placeholders,
    readability,
    registry_numbers,
    review_dates,
    tel_links,
    translations,
    url_schemes,
)
from .site import BuiltSite, CheckOptions, EditionOutput

DEFAULT_CHECKS = (offorigin, inline_code, readability, module_structure, placeholders, registry_numbers,
                  phone_numbers, tel_links, url_schemes, internal_links, external_links, review_dates,
                  number_sources, edition_leakage, translations, easy_read, help_routes, holiday_list)

__all__ = ["DEFAULT_CHECKS", "BuiltSite", "CheckOptions", "EditionOutput", "run_checks"]


def run_checks(site: BuiltSite, checks=DEFAULT_CHECKS) -> list[Finding]:
    """Run every check; apply the severity each check is given in site.yml."""
    findings: list[Finding] = []
    overrides = site.severity_overrides()
    for module in checks:
        started = time.perf_counter()
        found = module.check(site)
        site.timings[module.NAME] = time.perf_counter() - started
        level = overrides.get(module.NAME)
        if level == "ignore":
            continue
        if level:
            severity = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}[level]
            found = [_regrade(f, severity) for f in found]
        findings.extend(found)
    return findings


def _regrade(finding: Finding, severity: Severity) -> Finding:
    from dataclasses import replace

    return replace(finding, severity=severity)
