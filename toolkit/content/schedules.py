"""Opening hours: each channel's periods by weekday and by date, and what can be wrong with them.

Every time is Europe/London wall-clock time, as services publish their hours.
A period is kept in minutes from its day's midnight; one that closes the next
morning (`closes_next_day`) ends after 1440. Help cards embed these periods and
the reader's browser works out "open now" from them (assets/open-now.js), so
this module only shapes and validates them: it never asks what time it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..findings import Finding, error
from .fields import Record, did_you_mean
from .model import DAYS

DAY = 24 * 60
WEEK = 7 * DAY
NEXT_DAY_HINT = "Check the times. If it is open past midnight, add closes_next_day: true; for midnight write 24:00."


@dataclass(frozen=True)
class Period:
    """One opening, in minutes from its day's midnight (Europe/London); `end` passes 1440 overnight."""

    start: int
    end: int
    opens: str
    closes: str


def minutes(value: str) -> int:
    """'09:30' -> 570; '24:00' -> 1440."""
    hour, minute = value.split(":")
    return int(hour) * 60 + int(minute)


def period(opening: Record) -> Period:
    """The period of a weekly opening or a dated exception."""
    end = minutes(opening.closes) + (DAY if opening.closes_next_day else 0)
    return Period(minutes(opening.opens), end, opening.opens, opening.closes)


ALWAYS = Period(0, DAY, "00:00", "24:00")


def channels(helpline: Record) -> list[Record]:
    """Every way to reach the service: its numbers, then its other contacts."""
    return [*helpline.phones, *helpline.contacts]


def channel_hours(helpline: Record, channel: Record | None) -> Record | None:
    """The hours of one channel: its own, else the service's."""
    own = channel.hours if channel is not None else None
    return own if own is not None else helpline.hours


def has_schedule(hours: Record | None) -> bool:
    """True when the hours say when the channel is open (not only a note)."""
    if hours is None:
        return False
    return hours.always or bool(hours.weekly) or any(not exception.closed for exception in hours.exceptions)


def weekly(hours: Record) -> list[list[Period]]:
    """Periods for each weekday, Monday first."""
    if hours.always:
        return [[ALWAYS] for _ in DAYS]
    days: list[list[Period]] = [[] for _ in DAYS]
    for opening in hours.weekly:
        for day in opening.days:
            days[DAYS.index(day)].append(period(opening))
    return [sorted(periods, key=lambda p: p.start) for periods in days]


def dated(hours: Record, holidays: list[dt.date]) -> dict[dt.date, list[Period]]:
    """Dates whose periods differ from their weekday's: bank holidays (if closed on them), then exceptions."""
    days: dict[dt.date, list[Period]] = {}
    if hours.bank_holidays == "closed":
        days.update((day, []) for day in holidays)
    for exception in hours.exceptions:
        days[exception.date] = [] if exception.closed else [period(exception)]
    return dict(sorted(days.items()))


def holiday_dates(holidays: Record | None) -> list[dt.date]:
    """The bank holidays of content/holidays.yml, in date order (none without the file)."""
    return sorted(entry.date for entry in holidays.holidays) if holidays is not None else []


def check_registry(helplines: dict[str, Record], site: Record | None, holidays: Record | None,
                   findings: list[Finding]) -> None:
    """Report every schedule, channel and address of the registry that cannot be right."""
    for helpline in helplines.values():
        _check_urls(helpline, findings)
        if helpline.hours is not None:
            _check_hours(helpline.hours, findings)
        for channel in channels(helpline):
            if channel.hours is not None:
                _check_hours(channel.hours, findings)
        for index, contact in enumerate(helpline.contacts):
            _check_contact(helpline, index, contact, findings)
        _check_while_closed(helpline, helplines, findings)
    if holidays is not None:
        _check_holidays(holidays, findings)
    if site is not None:
        _check_urgent_box(site, helplines, findings)


def _check_hours(hours: Record, findings: list[Finding]) -> None:
    if hours.always and hours.weekly:
        findings.append(error("schedule", "says always: true and lists weekly hours too.",
                              hint="Keep always: true for a 24-hour service, or the weekly hours, not both.",
                              **hours.where("always")))
    for index, opening in enumerate(hours.weekly):
        _check_period(opening, ("weekly", index), hours, findings)
    _check_overlaps(hours, findings)
    seen: dict[dt.date, int] = {}
    for index, exception in enumerate(hours.exceptions):
        where = ("exceptions", index)
        if exception.date in seen:
            findings.append(error("schedule", f"the date {exception.date.isoformat()} is listed twice "
                                  f"(first as exceptions[{seen[exception.date]}]).",
                                  hint="Give each date one entry.", **hours.where(*where, "date")))
        seen.setdefault(exception.date, index)
        timed = exception.opens is not None or exception.closes is not None
        if exception.closed and timed:
            findings.append(error("schedule", "says closed: true and gives opening times too.",
                                  hint="Remove opens and closes for a day it is closed, or remove closed: true.",
                                  **hours.where(*where)))
        elif not exception.closed and (exception.opens is None or exception.closes is None):
            findings.append(error("schedule", "needs closed: true, or both opens and closes.",
                                  hint="Write the hours that day, or closed: true if it does not open.",
                                  **hours.where(*where)))
        elif not exception.closed:
            _check_period(exception, where, hours, findings)


def _check_period(opening: Record, where: tuple, hours: Record, findings: list[Finding]) -> None:
    opens, closes = minutes(opening.opens), minutes(opening.closes)
    if not opening.closes_next_day and closes <= opens:
        findings.append(error("schedule", f"closes at {opening.closes}, not after it opens at {opening.opens}.",
                              hint=NEXT_DAY_HINT, **hours.where(*where, "closes")))
    elif opening.closes_next_day and closes > opens:
        findings.append(error("schedule", f"with closes_next_day, opening at {opening.opens} and closing at "
                              f"{opening.closes} the next day is longer than 24 hours.",
                              hint=NEXT_DAY_HINT, **hours.where(*where, "closes")))


def _check_overlaps(hours: Record, findings: list[Finding]) -> None:
    """Two weekly periods open at the same moment: one of them is a typing mistake."""
    spans = []  # (start, end, index, day) in minutes from Monday 00:00
    for index, opening in enumerate(hours.weekly):
        each = period(opening)
        for day in opening.days:
            start = DAYS.index(day) * DAY
            spans.append((start + each.start, start + each.end, index, day))
            if start + each.end > WEEK:  # Sunday night runs into Monday morning
                spans.append((start + each.start - WEEK, start + each.end - WEEK, index, day))
    reported: set[tuple[int, int]] = set()
    for first in spans:
        for second in spans:
            pair = (first[2], second[2])
            if first[2] < second[2] and pair not in reported and first[0] < second[1] and second[0] < first[1]:
                reported.add(pair)
                later, earlier = hours.weekly[second[2]], hours.weekly[first[2]]
                findings.append(error(
                    "schedule", f"{later.opens} to {later.closes} on '{second[3]}' overlaps weekly[{first[2]}] "
                    f"({earlier.opens} to {earlier.closes} on '{first[3]}').",
                    hint="List each day's hours once: split the days so that no two periods overlap.",
                    **hours.where("weekly", second[2])))


def _check_contact(helpline: Record, index: int, contact: Record, findings: list[Finding]) -> None:
    where = helpline.where("contacts", index)
    if contact.channel == "email" and not (contact.address or contact.url):
        findings.append(error("schedule", "email contact has no address.",
                              hint="Add address: (the email address), or url: (the service's secure email page), "
                                   "as the service publishes it.", **where))
    elif contact.channel in ("chat", "web-form") and not contact.url:
        findings.append(error("schedule", f"{contact.channel} contact has no web address.",
                              hint="Add url: with the https:// address the service publishes for it.", **where))


def _check_while_closed(helpline: Record, helplines: dict[str, Record], findings: list[Finding]) -> None:
    for index, other in enumerate(helpline.while_closed):
        where = helpline.where("while_closed", index)
        if other == helpline.id:
            findings.append(error("references", "a service cannot be suggested while it is itself closed.",
                                  hint="Name other services, open when this one is not.", **where))
        elif other not in helplines:
            findings.append(error("references", f"unknown helpline '{other}'.",
                                  hint=did_you_mean(other, helplines) or "Use a helpline id from this registry.",
                                  **where))


def _check_urls(helpline: Record, findings: list[Finding]) -> None:
    urls = [(("website",), helpline.website)]
    urls += [(("contacts", index, "url"), contact.url) for index, contact in enumerate(helpline.contacts)]
    for path, url in urls:
        if url and "@" in urlsplit(url).netloc:
            # The message does not repeat the address: it would print the password into every report.
            findings.append(error("schedule", "the web address has a user name or password in it.",
                                  hint="Remove the part before '@': everyone who reads the page would see it. "
                                       "Write the address as the service publishes it.",
                                  **helpline.where(*path)))


def _check_holidays(holidays: Record, findings: list[Finding]) -> None:
    seen: set[dt.date] = set()
    for index, entry in enumerate(holidays.holidays):
        if entry.date in seen:
            findings.append(error("schedule", f"the date {entry.date.isoformat()} is listed twice.",
                                  hint="Give each bank holiday one entry.",
                                  **holidays.where("holidays", index, "date")))
        seen.add(entry.date)


def _check_urgent_box(site: Record, helplines: dict[str, Record], findings: list[Finding]) -> None:
    """The urgent box tells people in danger who to call now: each service there must say when it answers."""
    for index, route in enumerate(site.urgent_help.routes):
        for n, helpline_id in enumerate(route.helplines):
            helpline = helplines.get(helpline_id)
            if helpline is None:
                continue  # an unknown id is reported by the reference check
            first = helpline.phones[0] if helpline.phones else None
            if not has_schedule(channel_hours(helpline, first)):
                findings.append(error(
                    "schedule", f"'{helpline_id}' is in the urgent-help box but has no opening hours.",
                    hint=f"Give '{helpline_id}' its hours in content/helplines.yml (always: true for a "
                         "24-hour service), or take it out of the urgent-help box.",
                    **site.where("urgent_help", "routes", index, "helplines", n)))
