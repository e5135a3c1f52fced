"""Content-Security-Policy: every page carries the policy, and nothing inline would break it.

The policy forbids inline scripts, inline styles and event-handler attributes,
so any of them in the output is a bug: a browser would block it, and a page
that relies on it would fail silently for the reader.
"""

from __future__ import annotations

from ..findings import Finding, error
from ..harden.csp import meta_policy
from . import locate
from .site import BuiltSite, EditionOutput, every_edition

NAME = "inline-code"


def check_edition(site: BuiltSite, edition: EditionOutput) -> list[Finding]:
    """Every page of one edition (repeats not merged yet)."""
    policy = meta_policy()
    findings: list[Finding] = []
    for page in edition.html_files:
        scan = edition.scan(page)
        where = edition.where(page)
        policies = [meta.content for meta in scan.metas if meta.http_equiv == "content-security-policy"]
        if not policies:
            findings.append(error(NAME, "page has no Content-Security-Policy.", **where))
        elif policies[0] != policy:
            findings.append(error(NAME, "page's Content-Security-Policy differs from the toolkit's policy.",
                                  **where))
        for script in scan.elements("script"):
            findings.append(error(NAME, "inline <script> (the policy blocks it).",
                                  hint="Move the code to a file under toolkit/theme/assets/.",
                                  **locate.where(site, edition, page, [script.value, "<script"], script.line)))
        for style in scan.elements("style"):
            findings.append(error(NAME, "<style> element (the policy blocks it).",
                                  hint="Move the rules to toolkit/theme/assets/toolkit.css.",
                                  **locate.where(site, edition, page, [style.value, "<style"], style.line)))
        for handler in scan.attributes(lambda name: name.startswith("on")):
            findings.append(error(NAME, f"event handler attribute {handler.attribute} on "
                                  f"<{handler.tag}> (the policy blocks it).",
                                  **locate.where(site, edition, page, [handler.attribute + "="], handler.line)))
        for link in scan.links:
            if link.url.strip().lower().startswith("javascript:"):
                findings.append(error(NAME, f"javascript: URL in {link.attribute}.",
                                      **locate.where(site, edition, page, [link.url], link.line)))
    return findings


finish = locate.merged_found


def check(site: BuiltSite) -> list[Finding]:
    return every_edition(site, check_edition, finish)
