"""Every public module has what a reader needs: a pause point, an exercise, help routes and what to read next.

Summary and key points are required by the content model itself; this check
covers what the model cannot require without knowing the edition.
"""

from __future__ import annotations

import re

from ..findings import Finding, warning
from .site import BuiltSite

NAME = "module-structure"
CONTENT_ONLY = True  # reads the content alone, never a built page (toolkit.checks.check_content)
_PAUSE = re.compile(r"\{\{\s*pause\s*\}\}")
_WORKSHEET = re.compile(r"\{\{\s*worksheet\s*:")


def check(site: BuiltSite) -> list[Finding]:
    findings: list[Finding] = []
    for module in sorted(site.content.modules.values(), key=lambda m: m.id):
        if module.edition != "public":
            continue
        if not _PAUSE.search(module.body):
            findings.append(warning(NAME, "public module has no pause point.", file=module.body_file,
                                    hint="Add {{ pause }} where a reader might need a break, about halfway."))
        if not module.worksheets and not _WORKSHEET.search(module.body):
            findings.append(warning(NAME, "public module has no worksheet or exercise.",
                                    hint="Add a worksheet id under worksheets:, or {{ worksheet: id }} in the text.",
                                    **module.where("worksheets")))
        if not module.helplines and "{{ help-card" not in module.body and "{{ phone" not in module.body:
            findings.append(warning(NAME, "public module names no service to contact.",
                                    hint="Add at least one helpline id under helplines:.", **module.where("helplines")))
        if not module.read_next:
            findings.append(warning(NAME, "public module suggests nothing to read next.",
                                    hint="Add one to three module ids under read_next:.", **module.where("read_next")))
    return findings
