"""With --online: each registry number is looked for on the service's own web page.

A number that the service's page does not show is worth a human look (the
page may have moved, or the number changed). Every number gets a result:
found, not found, no page to look on, or the page could not be read. Never
run by default: it needs the network.
"""

from __future__ import annotations

import re

import lxml.html

from .. import linkcheck  # the package: its engine is imported when a build checks online
from ..findings import Finding, info, warning
from ..linkcheck import Outcome
from ..phones import digits_of
from .external_links import settings_for
from .site import BuiltSite

NAME = "number-sources"
CONTENT_ONLY = True  # reads the content alone, never a built page (toolkit.checks.check_content)
_SEPARATORS = r"[\s\u00a0().\-]*"


def source_page(helpline) -> str:
    """The page to look on: a source for the number, else the verification source, else the website."""
    for source in helpline.sources or ():
        if "number" in (source.fact or "").lower() and source.source.startswith("https://"):
            return source.source.split()[0]
    verification_source = helpline.verification.source or ""
    if verification_source.startswith("https://"):
        return verification_source.split()[0]
    return helpline.website or ""


def number_pattern(phone) -> re.Pattern:
    """The number's digits with any spacing, in national or international (+44) form."""
    national = digits_of(phone.e164 if phone.e164 and not phone.short else phone.number).lstrip("+")
    forms = [national]
    if phone.e164 and not phone.short and national.startswith("44"):
        forms = ["0" + national[2:], national]
    alternatives = "|".join(_SEPARATORS.join(form) for form in forms)
    return re.compile(rf"(?<!\d)(?:\+{_SEPARATORS})?(?:{alternatives})(?!\d)")


def page_text(body: bytes) -> str:
    if not body.strip():
        return ""
    try:
        doc = lxml.html.document_fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return body.decode("utf-8", "replace")
    for element in doc.xpath("//script|//style"):
        element.drop_tree()
    hrefs = " ".join(doc.xpath("//a/@href"))
    return doc.text_content() + " " + hrefs


def check(site: BuiltSite) -> list[Finding]:
    if not site.options.online:
        return []
    helplines = site.content.helplines.values()
    pages = {helpline.id: source_page(helpline) for helpline in helplines}
    run = linkcheck.fetch_pages([url for url in pages.values() if url], settings_for(site))
    findings = []
    for helpline in helplines:
        url = pages[helpline.id]
        for index, phone in enumerate(helpline.phones or ()):
            where = helpline.where("phones", index, "number")
            if not url:
                findings.append(warning(NAME, f"'{phone.number}' could not be corroborated: "
                                        f"'{helpline.id}' has no https web page to look on.",
                                        hint="Add the service's website, or a source with an https address "
                                             "for the number.", **where))
                continue
            result = run.results[url]
            if result.outcome is not Outcome.OK:
                findings.append(warning(NAME, f"'{phone.number}' could not be corroborated: {url} answered "
                                        f"{result.outcome.value} ({result.detail}).",
                                        hint="Open the page in a browser and look for the number.", **where))
            elif number_pattern(phone).search(page_text(run.bodies.get(url, b""))):
                findings.append(info(NAME, f"'{phone.number}' appears on {url}.", **where))
            else:
                findings.append(warning(NAME, f"'{phone.number}' does not appear on {url}.",
                                        hint="The service may have changed its number or moved the page: "
                                             "check with the service.", **where))
    return findings
