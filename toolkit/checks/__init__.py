"""Checks over the built output. One module per check, each `check(site) -> list[Finding]`.

Checks of built pages read what each page holds from `EditionOutput.scan`
(toolkit.pagescan): every page is read once, by the harden step as it writes
the page, or on first use.

The default checks are the tuple `DEFAULT_CHECKS`, run by one loop in
`run_checks`; a check's findings can be re-graded per check in site.yml
(`checks.severity`), and `--strict` fails a build on warnings.

A check that reads built pages comes in two parts: `check_edition(site, edition)`
reads one edition's pages and returns what it found there (small, and picklable),
and `finish(site, found)` makes the findings from what every edition gave
(`found` maps edition names to those results, in the site's order); its
`check(site)` is the two in a row. The build runs the first part as soon as an
edition is built, in the process that built it (`check_edition` here), so that
no process holds the scans of two editions at once (peak memory); `run_checks`
then finishes what was found.

A check that says `CONTENT_ONLY = True` reads the content alone, never a built page
or pack (readability, help routes, review dates...). When the editions are built in
two processes, each runs these too once its edition is built and checked
(`check_content`, with a site of no editions), taking them one at a time, so that
the process done first runs most of them while the other is still building; `run_checks`
then takes what they found.
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

__all__ = ["DEFAULT_CHECKS", "BuiltSite", "CheckOptions", "ContentChecked", "EditionChecked", "EditionOutput",
           "check_content", "check_edition", "run_checks"]

# Check name -> (what its check_edition found in one edition, seconds it took).
EditionChecked = dict[str, tuple[object, float]]
# Check name -> (the findings of a check that reads only the content, seconds it took, the reports it made).
ContentChecked = dict[str, tuple[list[Finding], float, dict[str, object]]]


def check_edition(site: BuiltSite, edition: str, checks=DEFAULT_CHECKS) -> EditionChecked:
    """The part of every check that reads built pages, over one edition of `site` (see the module's docstring)."""
    checked: EditionChecked = {}
    for module in checks:
        if hasattr(module, "check_edition"):
            started = time.perf_counter()
            found = module.check_edition(site, site.editions[edition])
            checked[module.NAME] = (found, time.perf_counter() - started)
    return checked


def check_content(site: BuiltSite, checks=DEFAULT_CHECKS, claim=None) -> ContentChecked:
    """Every check that reads only the content (`CONTENT_ONLY`): its findings, time and reports. With `claim`
    (a check's name -> whether this process may run it), only those it may."""
    checked: ContentChecked = {}
    for module in checks:
        if getattr(module, "CONTENT_ONLY", False) and (claim is None or claim(module.NAME)):
            before = set(site.reports)
            started = time.perf_counter()
            found = module.check(site)
            seconds = time.perf_counter() - started
            checked[module.NAME] = (found, seconds, {name: site.reports.pop(name) for name in list(site.reports)
                                                     if name not in before})
    return checked


def run_checks(site: BuiltSite, checks=DEFAULT_CHECKS, checked: dict[str, EditionChecked] | None = None,
               content_checked: ContentChecked | None = None) -> list[Finding]:
    """Run every check; apply the severity each check is given in site.yml.

    `checked` holds, by edition, what `check_edition` found while the build had the edition's pages
    in memory; an edition without it is read now. `content_checked` holds what the checks that read only
    the content found (`check_content`), when they ran elsewhere; without it they run now."""
    findings: list[Finding] = []
    overrides = site.severity_overrides()
    checked = dict(checked or {})
    for name in site.editions:
        if name not in checked:
            checked[name] = check_edition(site, name, checks)
    for module in checks:
        started = time.perf_counter()
        if hasattr(module, "check_edition"):
            parts = {name: checked[name][module.NAME] for name in site.editions}
            found = module.finish(site, {name: part[0] for name, part in parts.items()})
            started -= sum(part[1] for part in parts.values())
        elif content_checked is not None and module.NAME in content_checked:
            found, seconds, reports = content_checked[module.NAME]
            site.reports.update(reports)
            started -= seconds
        else:
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
