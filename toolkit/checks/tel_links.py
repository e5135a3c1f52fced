"""Links that call or message a number: each one dials a registry number, the same one the link shows.

RFC 3966: a global number is `tel:+448081000900`; a local number (every UK
short number) must say where it is local to: `tel:999;phone-context=+44`.
Spaces are not allowed. `sms:` links (RFC 5724) take the same numbers; a
short code may be written bare (`sms:85258`), as phones' messaging apps expect.

Apps' links dial too: wa.me and api.whatsapp.com, Signal, Telegram, Viber,
callto:, facetime: and skype:. Their number must be a registry number (the
url-schemes check also refuses the schemes that are not https).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..findings import Finding, error
from ..phones import (
    DialLink,
    RegisteredNumber,
    dial_link,
    did_you_mean,
    national_digits,
    registered_numbers,
)
from .locate import merged_found, where
from .site import BuiltSite, EditionOutput, every_edition

NAME = "tel-links"

_GLOBAL = r"\+[\d\-.()]*\d[\d\-.()]*"
_LOCAL = r"[\dA-Fa-f*#\-.()]*[\dA-Fa-f*#][\dA-Fa-f*#\-.()]*"
_PARAMS = r"(?:;[A-Za-z0-9-]+(?:=[A-Za-z0-9\-_.!~*'()\[\]/:&+$%]+)?)*"
TEL_URI = re.compile(rf"^(?P<number>{_GLOBAL}|{_LOCAL})(?P<params>{_PARAMS})$")
_CONTEXT = re.compile(r";phone-context=([^;]*)", re.I)
HINT = "Write {{ phone: helpline-id }}: the build makes the link from content/helplines.yml."


def syntax_problem(scheme: str, params: str, local: bool) -> str:
    """Why a tel:/sms: URI is not valid, or ''."""
    context = _CONTEXT.search(params)
    if scheme == "tel" and local and not context:
        return "a local number needs ';phone-context=+44' (RFC 3966)"
    if context and context.group(1) != "+44" and local:
        return f"phone-context is '{context.group(1)}', but UK numbers are local to '+44'"
    return ""


def check_link(url: str, shown: str, registry: dict[str, RegisteredNumber]) -> tuple[str, str] | None:
    """(message, hint) for a broken tel:/sms: link, or None."""
    scheme, _, rest = url.partition(":")
    scheme = scheme.lower()
    rest = unquote(rest)
    if scheme == "sms":
        rest = rest.split("?", 1)[0]
    match = TEL_URI.match(rest)
    if not match:
        reason = "spaces are not allowed" if " " in rest else "it is not a phone number"
        return f"'{url}' is not a valid {scheme}: link ({reason}).", HINT
    number, params = match.group("number"), match.group("params")
    local = not number.startswith("+")
    problem = syntax_problem(scheme, params, local)
    if problem:
        return f"'{url}' is not a valid {scheme}: link: {problem}.", HINT
    digits = national_digits(number)
    entry = registry.get(digits)
    if entry is None and not local and digits.startswith("0"):
        entry = registry.get(digits[1:])  # tel:+44999 is 999 written as an international number
        entry = entry if entry and entry.short else None
    if entry is None:
        return f"'{url}' dials a number that is not in the helpline registry." + did_you_mean(digits, registry), HINT
    if entry.short and not local:
        return (f"'{url}' dials the short number {entry.number} in international form, which does not connect.",
                f"Short numbers are local: tel:{entry.digits};phone-context=+44.")
    if re.search(r"\d", shown) and national_digits(shown.strip()) != digits:
        return (f"'{url}' shows '{' '.join(shown.split())}' but dials {entry.number} ({entry.helpline_id}).",
                "The visible number and the link must be the same number: " + HINT)
    return None


def check_app_link(url: str, link: DialLink, registry: dict[str, RegisteredNumber]) -> tuple[str, str] | None:
    """(message, hint) for an app's link (WhatsApp, Signal...) whose number is not the registry's, or None."""
    if link.digits in registry:
        return None
    return (f"'{url}' ({link.service}) {link.verb} a number that is not in the helpline registry."
            + did_you_mean(link.digits, registry), HINT)


def verdict(url: str, shown: str, registry: dict[str, RegisteredNumber]) -> tuple[str, str] | None:
    """(message, hint) for a link that calls or messages the wrong number, or None (also for other links)."""
    link = dial_link(url)
    if link is None:
        return None
    if link.service in ("tel:", "sms:"):
        return check_link(url, shown, registry)
    return check_app_link(url, link, registry)


def check_edition(site: BuiltSite, edition: EditionOutput) -> list[Finding]:
    """Every link of one edition's pages (repeats not merged yet)."""
    registry = registered_numbers(site.content.helplines)
    verdicts: dict[tuple[str, str], tuple[str, str] | None] = {}
    findings: list[Finding] = []
    for page in edition.html_files:
        for link in edition.scan(page).links:
            key = (link.url, link.text)
            if key not in verdicts:
                verdicts[key] = verdict(link.url, link.text, registry)
            if verdicts[key]:
                message, hint = verdicts[key]
                needles = [link.url, " ".join(link.text.split())]
                findings.append(error(NAME, message, hint=hint, **where(site, edition, page, needles, link.line)))
    return findings


finish = merged_found


def check(site: BuiltSite) -> list[Finding]:
    return every_edition(site, check_edition, finish)
