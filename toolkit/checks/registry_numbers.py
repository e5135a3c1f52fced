"""Registry numbers: every number in content/helplines.yml is real, allowed and written consistently.

Each full number is parsed with `phonenumbers`: it must be valid for its
region, of a type a worried person can afford to call (freephone, geographic,
mobile, UAN; never premium-rate), and the published display text must have the
same digits as its E.164 form. Short numbers (999, 116 123, 85258) are checked
against the library's short-number data instead, and relay numbers (18001 101)
as a Relay UK prefix followed by a valid number.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberType, ShortNumberCost, shortnumberinfo

from ..findings import Finding, error, warning
from ..phones import digits_of
from .site import BuiltSite

NAME = "registry-numbers"
CONTENT_ONLY = True  # reads the content alone, never a built page (toolkit.checks.check_content)

ALLOWED_TYPES = {
    PhoneNumberType.TOLL_FREE: "freephone",
    PhoneNumberType.FIXED_LINE: "geographic",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "geographic or mobile",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.UAN: "UAN (non-geographic, charged as geographic)",
}
TYPE_NAMES = {
    PhoneNumberType.PREMIUM_RATE: "premium-rate", PhoneNumberType.SHARED_COST: "shared-cost",
    PhoneNumberType.VOIP: "VoIP", PhoneNumberType.PERSONAL_NUMBER: "personal number",
    PhoneNumberType.PAGER: "pager", PhoneNumberType.VOICEMAIL: "voicemail", PhoneNumberType.UNKNOWN: "unknown",
}
REFUSED_HINT = "Only freephone, geographic, mobile and UAN (03) numbers are allowed: callers must not pay a premium."


def _parse(text: str, region: str):
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def check_short(phone, where: dict) -> list[Finding]:
    digits = digits_of(phone.number).lstrip("+")
    findings = []
    if phone.e164:
        findings.append(error(NAME, f"short number '{phone.number}' has an e164 value '{phone.e164}'.",
                              hint="Short numbers are dialled as they are and have no international form: "
                                   "remove e164.", **where))
    parsed = _parse(digits, phone.region)
    if parsed is None or not shortnumberinfo.is_valid_short_number_for_region(parsed, phone.region):
        return [*findings, error(NAME, f"'{phone.number}' is not a valid short number in {phone.region}.",
                                 hint="Check the number with the service. A full number needs short: false "
                                      "and an e164 value.", **where)]
    if shortnumberinfo.expected_cost_for_region(parsed, phone.region) == ShortNumberCost.PREMIUM_RATE:
        findings.append(error(NAME, f"'{phone.number}' is a premium-rate short number.", hint=REFUSED_HINT,
                              **where))
    return findings


def check_full(helpline, index: int, phone) -> list[Finding]:
    where = helpline.where("phones", index, "number")
    if not phone.e164:
        parsed = _parse(phone.number, phone.region)
        if parsed is not None and shortnumberinfo.is_valid_short_number_for_region(parsed, phone.region):
            return [error(NAME, f"'{phone.number}' is a short number but is not marked short.",
                          hint="Add short: true to this phone.", **where)]
        suggestion = ""
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            suggestion = f" Its E.164 form is {phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)}."
        return [error(NAME, f"'{phone.number}' has no e164 value.",
                      hint="Write the full international form, for example e164: \"+448081000900\"." + suggestion,
                      **where)]
    e164_where = helpline.where("phones", index, "e164")
    number = _parse(phone.e164, phone.region)
    if number is None or not phonenumbers.is_valid_number(number):
        return [error(NAME, f"'{phone.e164}' is not a valid phone number.",
                      hint="Check the number with the service; a digit may be missing or extra.", **e164_where)]
    region = phonenumbers.region_code_for_number(number)
    if region != phone.region:
        return [error(NAME, f"'{phone.e164}' is a {region} number, not {phone.region}.",
                      hint=f"Set region: {region}, or check the number.", **e164_where)]
    findings = []
    kind = phonenumbers.number_type(number)
    if kind not in ALLOWED_TYPES:
        findings.append(error(NAME, f"'{phone.number}' is a {TYPE_NAMES.get(kind, 'disallowed')} number.",
                              hint=REFUSED_HINT, **where))
    shown = _parse(phone.number, phone.region)
    if shown is None or (shown.country_code, shown.national_number) != (number.country_code, number.national_number):
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        findings.append(error(NAME, f"'{phone.number}' does not have the same digits as e164 '{phone.e164}' "
                              f"({national}).",
                              hint="Correct whichever one differs from what the service publishes.", **where))
    elif phone.cost == "free" and kind in ALLOWED_TYPES and kind != PhoneNumberType.TOLL_FREE:
        findings.append(warning(NAME, f"cost is 'free' but '{phone.number}' is a {ALLOWED_TYPES[kind]} number.",
                                hint="Only 0800 and 0808 numbers are free from every phone; check the cost "
                                     "with the service.", **helpline.where("phones", index, "cost")))
    return findings


RELAY_PREFIXES = ("18000", "18001", "18002")  # Relay UK: emergency, then text to voice and voice to text


def check_relay(phone, where: dict) -> list[Finding]:
    """A relay number is a Relay UK prefix, then the number it reaches (short, or full without e164)."""
    digits = digits_of(phone.number).lstrip("+")
    prefix = next((p for p in RELAY_PREFIXES if digits.startswith(p)), None)
    if prefix is None:
        return [error(NAME, f"relay number '{phone.number}' does not start with a Relay UK prefix "
                      f"({', '.join(RELAY_PREFIXES)}).",
                      hint="Write it as the service publishes it, for example 18001 101.", **where)]
    rest = digits[len(prefix):]
    if not rest:
        return [] if prefix == "18000" else [error(NAME, f"relay number '{phone.number}' has no number after "
                                                   f"{prefix}.", hint="Write the number the relay call reaches.",
                                                   **where)]
    parsed = _parse(rest, phone.region)
    if parsed is None or not (phonenumbers.is_valid_number(parsed)
                              or shortnumberinfo.is_valid_short_number_for_region(parsed, phone.region)):
        return [error(NAME, f"'{rest}' after the relay prefix in '{phone.number}' is not a valid number.",
                      hint="Check the number with the service.", **where)]
    return []


def check(site: BuiltSite) -> list[Finding]:
    findings: list[Finding] = []
    for helpline in site.content.helplines.values():
        for index, phone in enumerate(helpline.phones or ()):
            if phone.channel == "relay":
                findings += check_relay(phone, helpline.where("phones", index, "number"))
            elif phone.short:
                findings += check_short(phone, helpline.where("phones", index, "number"))
            else:
                findings += check_full(helpline, index, phone)
    return findings
