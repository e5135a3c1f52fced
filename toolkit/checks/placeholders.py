"""Release readiness: placeholder text that must be replaced before the toolkit is published.

While site.yml says `organisation.placeholder: true`, a module's review owner
is marked as a placeholder, or a file still holds the "[Write ...]" text of a
`toolkit new` scaffold, a normal build warns and a release build fails.
"""

from __future__ import annotations

from ..findings import Finding, error, warning
from ..scaffold import MARK
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
    findings += scaffold_text(site, make)
    return findings


def scaffold_text(site: BuiltSite, make) -> list[Finding]:
    """Every content file that still has text a scaffold asked the author to write."""
    root = site.content.root
    findings = []
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".yml", ".md") and p.is_file()):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        places = [number for number, line in enumerate(lines, 1) if MARK in line]
        if places:
            findings.append(make(NAME, f"{len(places)} line(s) still have scaffold text '{MARK} ...]'.",
                                 hint="Replace each [Write ...] with the real text, or delete it.",
                                 file=str(path.relative_to(root.parent)) if root.parent in path.parents else str(path),
                                 line=places[0]))
    return findings
