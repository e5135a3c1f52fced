"""Finding phone numbers in text.

The `phonenumbers` matcher at VALID leniency finds full national and
international numbers, but not short numbers (999, 111, 116 123, 85258) nor
mistyped numbers (which are, by definition, not valid). A second detector finds
those: known UK short-number shapes and any digit run long enough to be dialled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

# Digit groups separated by single spaces or hyphens, optionally starting with +.
_DIGIT_RUN = re.compile(r"(?<![\w.,/:#=-])(\+?\d[\d \-\u00a0]*\d)(?![\w,/]|\.\d)")
# UK short numbers people are told to call or text.
_SHORT = re.compile(r"^(999|112|111|101|116\d{3}|\d{5}|\d{6})$")
_YEARS = re.compile(r"^(1[89]\d{2}|20\d{2})([ -](1[89]\d{2}|20\d{2}|\d{2}))?$")


@dataclass(frozen=True)
class FoundNumber:
    """A number-like run of text: where it is, as written, and its digits."""

    start: int
    end: int
    text: str
    digits: str
    how: str  # "matcher" (a valid number) or "digits" (short or suspicious digit run)


def digits_of(text: str) -> str:
    """Only the digits, with a leading + kept (for international numbers)."""
    prefix = "+" if text.strip().startswith("+") else ""
    return prefix + re.sub(r"\D", "", text)


def national_digits(text: str) -> str:
    """Digits as dialled in the UK: +44 808... -> 0808..."""
    digits = digits_of(text)
    if digits.startswith("+44"):
        return "0" + digits[3:]
    return digits.lstrip("+")


def find_numbers(text: str, region: str = "GB") -> list[FoundNumber]:
    """Every phone number or phone-like digit run in `text`, in order, without overlaps."""
    found: list[FoundNumber] = []
    taken: list[tuple[int, int]] = []
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        found.append(FoundNumber(match.start, match.end, match.raw_string,
                                 digits_of(match.raw_string), "matcher"))
        taken.append((match.start, match.end))
    for match in _DIGIT_RUN.finditer(text):
        start, end = match.span(1)
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            continue
        raw = match.group(1).strip(" -\u00a0")
        end = start + len(raw)
        digits = re.sub(r"\D", "", raw)
        if _YEARS.match(raw):
            continue
        if _SHORT.match(digits) and (" " in raw or len(digits) in (3, 5, 6) or digits.startswith("116")):
            found.append(FoundNumber(start, end, raw, digits_of(raw), "digits"))
        elif len(digits) >= 8 and (digits.startswith("0") or raw.startswith("+")):
            found.append(FoundNumber(start, end, raw, digits_of(raw), "digits"))
    found.sort(key=lambda f: f.start)
    return found
