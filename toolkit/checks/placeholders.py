"""Release readiness: placeholder text that must be replaced before the toolkit is published.

While site.yml says `organisation.placeholder: true`, or a module's review owner
is marked as a placeholder, a normal build warns and a release build fails.
"""

from __future__ import annotations

from ..findings import Finding, error, warning
from .site import BuiltSite

NAME = "placeholders"


def check(site: BuiltSite) -> list[Finding]:
    make = error if site.options.release else warning
    findings: list[Finding] = []
    config = site.content.site
    if config and config.organisation.placeholder:
        findings.append(make(NAME, "the publisher's details are still placeholders.",
                             hint="Fill in organisation: in site.yml and set placeholder: false.",
                             **config.where("organisation", "placeholder")))
    owners = sorted({m.review.owner for m in site.content.modules.values() if "placeholder" in m.review.owner.lower()})
    for owner in owners:
        modules = [m for m in site.content.modules.values() if m.review.owner == owner]
        findings.append(make(NAME, f"{len(modules)} module(s) name '{owner}' as review owner.",
                             hint="Name the real role responsible for reviewing each module.",
                             **modules[0].where("review", "owner")))
    return findings
