"""Release readiness: placeholder text, and modules not yet reviewed, that must be dealt with before publishing.

While site.yml says `organisation.placeholder: true`, a module's review owner is
marked as a placeholder, a module has not had a practice review by a named role
(toolkit/compile/review.py), or a file still holds the "[Write ...]" text of a
`toolkit new` scaffold, a normal build warns and a release build fails.
"""

from __future__ import annotations

from ..compile.review import has_practice_review, is_placeholder
from ..content.files import display
from ..findings import Finding, error, warning
from ..scaffold import MARK
from .site import BuiltSite

NAME = "placeholders"
CONTENT_ONLY = True  # reads the content alone, never a built page (toolkit.checks.check_content)


def check(site: BuiltSite) -> list[Finding]:
    make = error if site.options.release else warning
    findings: list[Finding] = []
    config = site.content.site
    if config and config.organisation.placeholder:
        findings.append(make(NAME, "the publisher's details are still placeholders.",
                             hint="Fill in organisation: in site.yml and set placeholder: false.",
                             **config.where("organisation", "placeholder")))
    modules = list(site.content.modules.values())
    owners = sorted({m.review.owner for m in modules if is_placeholder(m.review.owner)})
    for owner in owners:
        named = [m for m in modules if m.review.owner == owner]
        findings.append(make(NAME, f"{len(named)} module(s) name '{owner}' as review owner.",
                             hint="Name the real role responsible for reviewing each module.",
                             **named[0].where("review", "owner")))
    unreviewed = [m for m in modules if not has_practice_review(m.review)]
    if unreviewed:
        findings.append(make(NAME, f"{len(unreviewed)} module(s) have not yet had a practice review "
                                   f"(first: {unreviewed[0].id}); their pages say so.",
                             hint="Once a named role has reviewed a module, write the role under review.owner "
                                  "and the date under review.last_reviewed.",
                             **unreviewed[0].where("review")))
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
                                 file=display(path, root),
                                 line=places[0]))
    return findings
