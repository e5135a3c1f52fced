"""Phone numbers: finding them in text, and knowing which ones the registry holds.

The `phonenumbers` matcher at VALID leniency finds full national and
international numbers, but not short numbers (999, 111, 116 123, 85258) nor
mistyped numbers (which are, by definition, not valid). A second detector finds
those: UK short-number shapes where the words around them say "call" or
"text", and any digit run long enough to be dialled.

Every number is compared by its national digits (+44 808 1000 900 and
0808 1000 900 are both 08081000900), so one registry entry matches however a
page writes it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

import phonenumbers

# Digit groups separated by single spaces or hyphens, optionally starting with +.
# A comma or full stop may end a number ("text 85258, or call"), not separate its digits ("12,345");
# Markdown's _emphasis_ around a number does not make it part of a word.
_DIGIT_RUN = re.compile(r"(?<![^\W_]|[.,/:#=-])(\+?\d[\d \-\u00a0]*\d)(?![^\W_]|/|[.,]\d)")
_OPENERS = {"(": ")", "[": "]"}
# UK short numbers people are told to call or text.
_SHORT = re.compile(r"^(999|112|111|101|116\d{3}|\d{5}|\d{6})$")
# Shapes that are phone numbers whatever the words around them say.
_ALWAYS_SHORT = re.compile(r"^(999|116[ \u00a0]\d{3})$")
# Words that, shortly before a short digit run, make it a number to call or text.
_PHONE_WORDS = re.compile(r"\b(call|calls|calling|ring|phone|dial|text|texting|txt|sms|telephone|tel|"
                          r"helpline|freephone|hotline|number)\b[^.!?\d]{0,30}$", re.I)
_YEARS = re.compile(r"^(1[89]\d{2}|20\d{2})([ -](1[89]\d{2}|20\d{2}|\d{2}))?$")
# No valid non-short number anywhere has fewer digits than this; text with
# fewer is not worth the (slow) library matcher.
_MATCHER_MIN_DIGITS = 7
_DIGIT = re.compile(r"\d")
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # a decimal digit of any script but ASCII's
# Every decimal digit of every script (Arabic-Indic ٠-٩, Extended Arabic-Indic ۰-۹, fullwidth ０-９...)
# to its ASCII digit (the scripts in the Basic Multilingual Plane): one character for one, so positions
# in the text stay the same.
# Made when a text first has one (8 ms: every code point is asked).
@functools.cache
def _to_ascii_digits() -> dict[int, str]:
    return {code: str(unicodedata.decimal(chr(code))) for code in range(0x80, 0x10000) if chr(code).isdecimal()}


@dataclass(frozen=True)
class FoundNumber:
    """A number-like run of text: where it is, as written, and its digits as dialled in the UK."""

    start: int
    end: int
    text: str
    national: str


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


def _counting(raw: str) -> bool:
    """A run like "0 1 2 3 4 5" (a scale), not a number: several one-digit groups."""
    return sum(1 for group in re.split(r"[ \-\u00a0]+", raw) if len(group) == 1) >= 2


def _is_short_candidate(text: str, start: int, raw: str, digits: str) -> bool:
    if not _SHORT.match(digits):
        return False
    if _ALWAYS_SHORT.match(raw):
        return True
    return bool(_PHONE_WORDS.search(text[max(0, start - 60):start]))


def find_numbers(text: str, region: str = "GB") -> list[FoundNumber]:
    """Every phone number or phone-like digit run in `text`, in order, without overlaps, in digits of any script."""
    written = text
    if _OTHER_DIGIT.search(text):  # translate looks up every character: only for text with digits of other scripts
        text = text.translate(_to_ascii_digits())
    return [FoundNumber(number.start, number.end, written[number.start:number.end], number.national)
            for number in _find_ascii_numbers(text, region)]


def _find_ascii_numbers(text: str, region: str) -> list[FoundNumber]:
    found: list[FoundNumber] = []
    taken: list[tuple[int, int]] = []
    if len(_DIGIT.findall(text)) >= _MATCHER_MIN_DIGITS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            start, raw = match.start, match.raw_string
            # "helpline (0808 1000 900)", "[0808 1000 900](...)": the bracket is prose or Markdown.
            if raw[0] in _OPENERS and _OPENERS[raw[0]] not in raw:
                start, raw = start + 1, raw[1:]
            found.append(FoundNumber(start, match.end, raw, national_digits(raw)))
            taken.append((start, match.end))
    for match in _DIGIT_RUN.finditer(text):
        start, end = match.span(1)
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            continue
        raw = match.group(1).strip(" -\u00a0")
        end = start + len(raw)
        digits = re.sub(r"\D", "", raw)
        if _YEARS.match(raw) or _counting(raw):
            continue
        if _is_short_candidate(text, start, raw, digits) or (
                len(digits) >= 8 and (digits.startswith("0") or raw.startswith("+"))):
            found.append(FoundNumber(start, end, raw, national_digits(raw)))
    found.sort(key=lambda f: f.start)
    return found


@dataclass(frozen=True)
class RegisteredNumber:
    """One number of the helpline registry, keyed by its national digits."""

    helpline_id: str
    index: int  # position in the helpline's `phones`
    number: str  # as the service publishes it
    digits: str  # national digits: 08081000900, 116123
    short: bool
    channel: str


def registered_numbers(helplines: dict) -> dict[str, RegisteredNumber]:
    """Every registry number by its national digits. The first entry wins if two share a number."""
    numbers: dict[str, RegisteredNumber] = {}
    for helpline in helplines.values():
        for index, phone in enumerate(helpline.phones or ()):
            digits = national_digits(phone.e164) if phone.e164 and not phone.short else national_digits(phone.number)
            entry = RegisteredNumber(helpline.id, index, phone.number, digits, bool(phone.short), phone.channel)
            numbers.setdefault(digits, entry)
            # A display text whose digits differ from e164 is the registry-numbers check's
            # finding; pages showing that text must not report it a second time.
            numbers.setdefault(national_digits(phone.number), entry)
    return numbers


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: the fewest digits to add, remove or change to turn a into b."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def closest_number(digits: str, registry: dict[str, RegisteredNumber]) -> RegisteredNumber | None:
    """The registry number a mistyped one most probably meant (at most two digits off), or None."""
    best, best_distance = None, 3
    for candidate in registry.values():
        distance = edit_distance(digits, candidate.digits)
        if distance < best_distance and distance <= max(1, len(candidate.digits) // 3):
            best, best_distance = candidate, distance
    return best


def did_you_mean(digits: str, registry: dict[str, RegisteredNumber]) -> str:
    """A sentence naming the entry a mistyped number probably meant, or an empty string."""
    match = closest_number(digits, registry)
    return f" {_meant(match)}" if match else ""


def _meant(match: RegisteredNumber) -> str:
    return f"Did you mean '{match.number}' ({match.helpline_id})?"


def shortcode_hint(digits: str, registry: dict[str, RegisteredNumber],
                   lead: str = "Numbers come only from the helpline registry: write") -> str:
    """The hint for a number typed into content: the shortcode of the registry entry it is, or probably meant."""
    exact = registry.get(digits)
    match = exact or closest_number(digits, registry)
    if match is None:
        return f"{lead} {{{{ phone: helpline-id }}}} or {{{{ help-card: helpline-id }}}}."
    which = (f"That is the registry's number for {match.helpline_id}." if exact
             else _meant(match))
    return f"{which} {lead} {{{{ phone: {match.helpline_id} }}}} or {{{{ help-card: {match.helpline_id} }}}}."


@dataclass(frozen=True)
class DialLink:
    """A link that calls or messages a number: which app or scheme, and the number's national digits."""

    service: str  # "tel:", "sms:", "WhatsApp", "Signal", ...
    verb: str  # "calls" or "messages"
    digits: str


# Links that call or message a number without tel: or sms:. Numbers in WhatsApp, Signal, Telegram and
# Viber links are international, written with or without "+".
_DIAL_LINKS = tuple((service, verb, international, re.compile(pattern, re.I)) for service, verb, international, pattern in (
    ("callto:", "calls", False, r"^callto:(?://)?(?P<n>[^;?&]*)"),
    ("FaceTime", "calls", False, r"^facetime(?:-audio)?:(?://)?(?P<n>[^;?&]*)"),
    ("Skype", "calls", False, r"^skype:(?P<n>[^;?&]*)"),
    ("WhatsApp", "messages", True, r"^(?:https?://)?(?:www\.)?wa\.me/(?P<n>[^/?#]*)"),
    ("WhatsApp", "messages", True,
     r"^(?:(?:https?://)?(?:api|web|www)\.whatsapp\.com/send/?|whatsapp://send/?)\?(?:[^#]*&)?phone=(?P<n>[^&#]*)"),
    ("Signal", "messages", True, r"^(?:https?|sgnl)://signal\.me/#p/(?P<n>[^/?&]*)"),
    ("Telegram", "messages", True, r"^(?:https?://)?(?:t|telegram)\.me/(?P<n>\+[^/?#]*)"),
    ("Telegram", "messages", True, r"^tg://resolve\?(?:[^#]*&)?phone=(?P<n>[^&#]*)"),
    ("Viber", "messages", True, r"^viber://(?:chat|contact|add)\?(?:[^#]*&)?number=(?P<n>[^&#]*)"),
))
_TEL_OR_SMS = re.compile(r"^(?P<scheme>tel|sms):(?P<n>[^;?,]*)", re.I)
_NUMBER_TEXT = re.compile(r"^\+?[\d\-.() ]*\d[\d\-.() ]*$")


def dial_link(url: str) -> DialLink | None:
    """What number `url` calls or messages, or None when it is not such a link (a Skype name, a group invite)."""
    address = unquote(url.strip())
    match = _TEL_OR_SMS.match(address)
    if match:
        scheme = match["scheme"].lower()
        return DialLink(f"{scheme}:", "calls" if scheme == "tel" else "messages", national_digits(match["n"]))
    for service, verb, international, pattern in _DIAL_LINKS:
        match = pattern.match(address)
        if match and _NUMBER_TEXT.match(match["n"].strip()):
            number = match["n"].strip()
            if international and not number.startswith("+"):
                number = "+" + number
            return DialLink(service, verb, national_digits(number))
    return None
