"""Phone numbers in the built pages: every one must be a registry number, written as published.

Looks at all text a reader sees or hears: page text, tooltips, alt text,
aria-labels, meta descriptions and the plain-text worksheets. `tel:` and
`sms:` links are the tel-links check's.
"""

from __future__ import annotations

from ..findings import Finding, error, warning
from ..phones import FoundNumber, RegisteredNumber, did_you_mean, find_numbers, registered_numbers
from .locate import merged_found, where
from .site import BuiltSite, EditionOutput, every_edition

NAME = "phone-numbers"
HINT = ("Numbers come only from content/helplines.yml: add the service there and write "
        "{{ phone: helpline-id }}, or correct the number.")


def judge(number: FoundNumber, registry: dict[str, RegisteredNumber], place: str) -> tuple[str, str, str] | None:
    """(severity, message, hint) for a number found in a page, or None if it is a registry number."""
    entry = registry.get(number.national)
    if entry is None:
        return ("error", f"'{number.text}'{place} is not a number in the helpline registry."
                + did_you_mean(number.national, registry), HINT)
    shown = " ".join(number.text.split())  # split() also splits at no-break spaces
    if not shown.startswith("+") and shown != entry.number:
        return ("warning", f"'{number.text}'{place} is written differently from the registry's "
                f"'{entry.number}' ({entry.helpline_id}).",
                "Write the number with the spacing the service publishes, or use {{ phone: "
                f"{entry.helpline_id} }}}}.")
    return None


def check_edition(site: BuiltSite, edition: EditionOutput) -> list[Finding]:
    """Every text block of one edition's pages and its plain-text files (repeats not merged yet)."""
    registry = registered_numbers(site.content.helplines)
    found_in: dict[str, list[FoundNumber]] = {}  # pages repeat the same header, footer and cards
    findings: list[Finding] = []

    def report(edition, page, text: str, line: int, attribute: str) -> None:
        if text not in found_in:
            found_in[text] = find_numbers(text)
        place = "" if attribute == "text" else f" (in the {attribute} attribute)"
        for number in found_in[text]:
            verdict = judge(number, registry, place)
            if verdict:
                severity, message, hint = verdict
                make = error if severity == "error" else warning
                findings.append(make(NAME, message, hint=hint,
                                     **where(site, edition, page, [number.text], line)))

    for page in edition.html_files:
        for block in edition.scan(page).blocks:
            report(edition, page, block.text, block.line, block.where)
    for path in edition.all_files:
        if path.endswith(".txt"):
            for line_number, line in enumerate(edition.text(path).splitlines(), 1):
                report(edition, path, line, line_number, "text")
    return findings


finish = merged_found


def check(site: BuiltSite) -> list[Finding]:
    return every_edition(site, check_edition, finish)
