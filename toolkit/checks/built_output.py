"""`toolkit check`: run every check over the last published output, without rebuilding.

The content is loaded again (the checks need the registry and the page ->
source map), but nothing is compiled or rendered: the pages checked are the
ones in site/<edition>/ that readers get.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..compile import links
from ..compile.pages import Edition, edition_pages
from ..content import Content, load_content
from ..content.model import EDITIONS
from ..findings import Finding, error, has_errors
from . import DEFAULT_CHECKS, BuiltSite, CheckOptions, EditionOutput, run_checks


def page_sources(content: Content, edition: str) -> dict[str, str]:
    """Built page -> content file, as the compile step records it."""
    return {links.html_path(page.path): page.source for page in edition_pages(Edition.of(content, edition))
            if page.source}


def check_built_output(root: Path, site_dir: Path, options: CheckOptions, *, content_dir: Path | None = None,
                       local_contacts: Path | None = None,
                       checks=DEFAULT_CHECKS) -> tuple[Content, BuiltSite | None, list[Finding], dict]:
    """Load the content and check site_dir/<edition>/: (content, site, findings, timings)."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    content = load_content(content_dir or root / "content", local_contacts=local_contacts)
    timings["load"] = time.perf_counter() - started
    findings = list(content.findings)
    if has_errors(findings):
        return content, None, findings, timings
    editions = {name: EditionOutput(name, site_dir / name, page_sources(content, name))
                for name in EDITIONS if (site_dir / name).is_dir()}
    if not editions:
        findings.append(error("check", f"no built site in {site_dir}/.", hint="Run scripts/build first."))
        return content, None, findings, timings
    site = BuiltSite(content=content, editions=editions, options=options)
    started = time.perf_counter()
    findings += run_checks(site, checks)
    timings["check"] = time.perf_counter() - started
    timings.update({f"check:{name}": seconds for name, seconds in site.timings.items()})
    return content, site, findings, timings
