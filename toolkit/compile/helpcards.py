"""Help cards, call links and the urgent-help box, rendered from the registry.

Every number on the site is written by this module, from content/helplines.yml:
authors only name a service by id. The number's display text is the grouping
the service publishes ("0808 1000 900"), never a library's regrouping.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from html import escape

from babel.dates import format_date as babel_date
from babel.dates import format_time as babel_time

from ..content import schedules
from ..content.fields import Record
from ..content.model import DAYS
from ..content.strings import Strings
from . import links

CHANNEL_KEY = {"voice": "call"}  # strings key of each channel's label, where it is not the channel's name
# The strings group assets/open-now.js writes its sentences from ({time}, {minutes}, {day} filled in there).
BROWSER_KEYS = ("open_always", "open_until", "open_closing", "closed_today", "closed_tomorrow", "closed_day", "closed")


@functools.lru_cache(maxsize=8)  # one per language: the same attribute on every card
def browser_words(strings: Strings) -> str:
    """What assets/open-now.js needs to write its sentences, in the card's own attribute."""
    words = {key: strings.text(f"open_now.{key}") for key in BROWSER_KEYS}
    words["days"] = [strings.text(f"days.{day}") for day in DAYS]
    return escape(json.dumps(words, separators=(",", ":"), ensure_ascii=False))


@dataclass(frozen=True)
class NowContext:
    """What a card on a web page needs to say what is open now (print and packs have none)."""

    page_path: str
    helplines: tuple[Record, ...]  # the services of the edition, in registry order
    holidays: tuple[dt.date, ...]
    audiences: tuple[str, ...]  # who the page is for; empty: whoever the service is for
    grounding: str  # page of the grounding exercise
    plan: str = ""  # page of the coping plan worksheet, if the edition has one


def tel_uri(phone: Record) -> str:
    """RFC 3966 tel: URI (or an sms: URI for text numbers). Short numbers get phone-context."""
    digits = "".join(ch for ch in phone.number if ch.isdigit())
    if phone.channel == "text":
        # RFC 5724 sms: URIs take a global number or a plain short code.
        return f"sms:{phone.e164 or digits}"
    if phone.short or not phone.e164:
        return f"tel:{digits};phone-context=+44"
    return f"tel:{phone.e164}"


def phone_link(phone: Record) -> str:
    """The number as a link, its visible text exactly as published."""
    # dir="ltr" isolates the number: inside right-to-left text its digit groups are never reordered.
    return (f'<a class="tk-tel" href="{escape(tel_uri(phone))}">'
            f'<span class="tk-nowrap" dir="ltr">{escape(phone.number)}</span></a>')


def first_phone(helpline: Record) -> Record | None:
    return helpline.phones[0] if helpline.phones else None


def inline_phone(helpline: Record) -> str:
    """`{{ phone: id }}`: service name and its first number, for use inside a sentence (999 alone)."""
    phone = first_phone(helpline)
    name = escape(helpline.name)
    if phone is None:
        return name
    prefix = f"{escape(phone.label)} " if phone.label else ""
    if helpline.emergency:
        return f"{prefix}{phone_link(phone)}"  # "call 999" reads better than the service's long name
    return f"{name} ({prefix}{phone_link(phone)})"


def _format_time(value: str, strings: Strings) -> str:
    hour, minute = (int(part) for part in value.split(":"))
    if not strings.locale.startswith("en"):
        # Other languages write times their own way (CLDR's short form: 09:00, 9:00 ص).
        return babel_time(dt.time(hour % 24, minute), "short", locale=strings.locale.replace("-", "_"))
    if hour in (0, 24) and minute == 0:
        return strings.text("help.midnight")
    if hour == 12 and minute == 0:
        return strings.text("help.midday")
    suffix = strings.text("help.am" if hour < 12 else "help.pm")
    hour = hour % 12 or 12
    return f"{hour}{'' if minute == 0 else f':{minute:02d}'}{suffix}"


def _format_days(days: list[str], strings: Strings) -> str:
    ordered = sorted(days, key=DAYS.index)
    indexes = [DAYS.index(day) for day in ordered]
    names = [strings.text(f"days.{day}") for day in ordered]
    if len(ordered) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return strings.text("help.range", start=names[0], end=names[-1])
    return names[0] if len(names) == 1 else strings.text("help.both", first=", ".join(names[:-1]), last=names[-1])


def _periods_text(hours: Record, strings: Strings) -> str:
    """The full hours in words: weekly periods, bank holidays, dated exceptions, the note."""
    parts = []
    if hours.always:
        parts.append(strings.text("help.always_open"))
    for opening in hours.weekly:
        days, opens, closes = (_format_days(opening.days, strings), _format_time(opening.opens, strings),
                               _format_time(opening.closes, strings))
        if opening.closes_next_day:
            parts.append(strings.text("help.period_next_day", days=days, opens=opens, closes=closes))
        else:
            parts.append(f"{days}: {strings.text('help.range', start=opens, end=closes)}.")
    if hours.bank_holidays == "closed":
        parts.append(strings.text("help.bank_holidays_closed"))
    for exception in hours.exceptions:
        day = format_date(exception.date, strings.locale)
        if exception.closed:
            parts.append(strings.text("help.closed_on", date=day))
        else:
            times = strings.text("help.range", start=_format_time(exception.opens, strings),
                                 end=_format_time(exception.closes, strings))
            parts.append(f"{day}: {times}.")
    if hours.note:
        parts.append(hours.note)
    return " ".join(parts)


def hours_text(hours: Record | None, strings: Strings) -> str:
    """A service's opening hours as a sentence or two, for readers without JavaScript and for print."""
    text = _periods_text(hours, strings) if hours is not None else ""
    if not text:
        return strings.text("help.hours_unknown")
    return f"{text} {strings.text('help.uk_time')}" if schedules.has_schedule(hours) and not hours.always else text


def schedule_data(hours: Record, holidays, strings: Strings) -> dict:
    """One channel's periods for assets/open-now.js: by weekday (Monday first) and by date.

    Each period is [start, end, opens, closes]: minutes from that day's midnight
    (Europe/London; end passes 1440 overnight) and the times in words.
    """
    def row(period: schedules.Period) -> list:
        return [period.start, period.end, _format_time(period.opens, strings), _format_time(period.closes, strings)]

    return {"w": [[row(p) for p in day] for day in schedules.weekly(hours)],
            "d": {day.isoformat(): [row(p) for p in periods]
                  for day, periods in schedules.dated(hours, list(holidays)).items()}}


@functools.lru_cache(maxsize=1024)  # the same few services are cards or alternatives on every page
def combined_data(helpline: Record, holidays: tuple[dt.date, ...], strings: Strings) -> dict | None:
    """The service as a whole: open whenever any of its channels is (None if no channel has hours)."""
    parts = [schedule_data(hours, holidays, strings) for hours in _scheduled_hours(helpline)]
    if not parts:
        return None
    dates = sorted({day for part in parts for day in part["d"]})

    def on(part: dict, day: str) -> list:
        return part["d"].get(day, part["w"][dt.date.fromisoformat(day).weekday()])

    return {"w": [sorted(p for part in parts for p in part["w"][index]) for index in range(len(DAYS))],
            "d": {day: sorted(p for part in parts for p in on(part, day)) for day in dates}}


def _scheduled_hours(helpline: Record) -> list[Record]:
    """The distinct hours of a service's channels (the service's own hours once) that say when it is open."""
    found = [schedules.channel_hours(helpline, channel) for channel in schedules.channels(helpline)]
    if not found:
        found = [helpline.hours]
    unique = []
    for hours in found:
        if schedules.has_schedule(hours) and all(hours is not other for other in unique):
            unique.append(hours)
    return unique


def _always_open(data: dict) -> bool:
    return not data["d"] and all(any(p[0] <= 0 and p[1] >= schedules.DAY for p in day) for day in data["w"])


def _open_attribute(data: dict) -> str:
    return escape(json.dumps(data, separators=(",", ":"), ensure_ascii=False))


@functools.lru_cache(maxsize=1024)
def format_date(value: dt.date, tag: str = "en-GB") -> str:
    """A date as the language writes it: 1 December 2026, 1 grudnia 2026.

    Remembered: every help card of every page shows its service's dates, and Babel's formatting took a
    tenth of a millisecond each time (a few thousand times per translated tree at 200 modules)."""
    if tag.startswith("en"):
        return f"{value.day} {value.strftime('%B %Y')}"
    return babel_date(value, "long", locale=tag.replace("-", "_"))


def checked_text(helpline: Record, strings: Strings) -> str:
    verification = helpline.verification
    if verification.status == "verified" and verification.checked:
        return strings.text("help.checked", date=format_date(verification.checked, strings.locale))
    return strings.text("help.unconfirmed")


def display_url(url: str) -> str:
    """https://www.example.org/path/ -> www.example.org/path"""
    return url.split("://", 1)[-1].rstrip("/")


def _channel_extras(channel: Record, strings: Strings, now: NowContext | None) -> str:
    """A channel's own hours (and whether it is open now) and its interpreters, after its address."""
    extras = ""
    if channel.hours is not None:
        extras += f' <span class="tk-card__channel-hours">{escape(_periods_text(channel.hours, strings))}</span>'
        if now is not None and schedules.has_schedule(channel.hours):
            extras += (f' <span class="tk-card__now" data-tk-open="{_open_attribute(schedule_data(channel.hours, now.holidays, strings))}"'
                       " hidden></span>")
    if channel.interpreters is not None:
        offered = [channel.interpreters.provider, *channel.interpreters.languages, channel.interpreters.note]
        detail = ", ".join(escape(part) for part in offered if part)
        extras += f" ({escape(strings.text('help.interpreters'))}{': ' + detail if detail else ''})"
    return extras


def _meanwhile(helpline: Record, strings: Strings, now: NowContext) -> str:
    """What a reader can do while the service is closed: another service open now, an exercise, a plan.

    The services are the registry's `while_closed` for this one that are in the edition and for the
    page's readers, all written hidden: the browser shows those open at that moment.
    """
    wanted = set(now.audiences or helpline.audiences)
    in_edition = {other.id: other for other in now.helplines}
    items = []
    for other in (in_edition[i] for i in helpline.while_closed if i in in_edition):
        data = combined_data(other, now.holidays, strings)
        if other.status == "active" and other.phones and wanted & set(other.audiences) and data is not None:
            items.append(f'<li data-tk-alt hidden>{inline_phone(other)}: <span data-tk-open="{_open_attribute(data)}">'
                         "</span></li>")
    items.append(f'<li><a href="{escape(links.relative(now.page_path, links.html_path(now.grounding)))}">'
                 f"{escape(strings.text('help.meanwhile_grounding'))}</a></li>")
    if now.plan:
        items.append(f'<li><a href="{escape(links.relative(now.page_path, links.html_path(now.plan)))}">'
                     f"{escape(strings.text('help.meanwhile_plan'))}</a></li>")
    return (f'<div class="tk-card__meanwhile" data-tk-meanwhile hidden><p>{escape(strings.text("help.meanwhile"))}</p>'
            f'<ul>{"".join(items)}</ul></div>\n')


def help_card(helpline: Record, strings: Strings, *, heading_level: int = 3, id_prefix: str = "help-",
              now: NowContext | None = None) -> str:
    """A full help card: what it is, how to reach it, when, cost, confidentiality, when checked.

    With `now` (a web page), the card also carries its hours for the reader's browser, which
    says whether it is open now and, when it is closed, what the reader can do meanwhile.
    """
    anchor = f"{id_prefix}{helpline.id}"
    h = f"h{heading_level}"
    rows = []
    for phone in helpline.phones:
        verb = escape(phone.label) if phone.label else strings.text("help." + CHANNEL_KEY.get(phone.channel, phone.channel))
        cost = "" if phone.cost == "unknown" else strings.text(f"help.{phone.cost.replace('-', '_')}")
        rows.append((verb, phone_link(phone) + (f" ({cost})" if cost else "") + _channel_extras(phone, strings, now)))
    for contact in helpline.contacts:
        label = escape(contact.label or contact.channel.replace("-", " ").capitalize())
        if contact.url:
            value = f'<a href="{escape(contact.url)}" dir="ltr">{escape(display_url(contact.url))}</a>'
        elif contact.address:
            value = f'<a href="mailto:{escape(contact.address)}" dir="ltr">{escape(contact.address)}</a>'
        else:
            value = ""
        rows.append((label, value + _channel_extras(contact, strings, now)))
    if helpline.website:
        # dir="ltr": a web address reads left to right inside right-to-left text too.
        rows.append((strings.text("help.website"), f'<a href="{escape(helpline.website)}" dir="ltr">'
                                                   f'{escape(display_url(helpline.website))}</a>'))
    rows.append((strings.text("help.hours"), escape(hours_text(helpline.hours, strings))))
    rows.append((strings.text("help.private"), escape(helpline.confidentiality)))
    facts = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    status = "" if helpline.status == "active" else \
        f'<p class="tk-card__status">{strings.text(f"help.{helpline.status}")}</p>'
    now_html = words = ""
    data = combined_data(helpline, now.holidays, strings) if now is not None and helpline.status == "active" else None
    if data is not None:
        words = f' data-tk-words="{browser_words(strings)}"'
        now_html = f'<p class="tk-card__now" data-tk-open="{_open_attribute(data)}" hidden></p>\n'
        if not _always_open(data):
            now_html += _meanwhile(helpline, strings, now)
    return (
        f'<section class="tk-card" id="{anchor}" aria-labelledby="{anchor}-title"{words}>\n'
        f'<{h} class="tk-card__title" id="{anchor}-title">{escape(helpline.name)}</{h}>\n'
        f"<p>{escape(helpline.description)}</p>\n{status}{now_html}"
        f'<dl class="tk-card__facts">{facts}</dl>\n'
        f'<p class="tk-card__checked">{escape(checked_text(helpline, strings))}</p>\n'
        f"</section>"
    )


def urgent_routes(site: Record, audiences=()) -> list[Record]:
    """The urgent-help lines for a page or pack of these audiences: every general line, and those for its audiences."""
    return [route for route in site.urgent_help.routes
            if not route.audiences or set(route.audiences) & set(audiences)]


def _urgent_contact(helpline: Record, strings: Strings) -> str:
    phone = first_phone(helpline)
    if phone is not None:
        verb = strings.text("help.call_lower" if phone.channel == "voice" else "help.text_lower")
        name = "" if helpline.emergency else f"{escape(helpline.name)}: "
        return f"{name}{verb} {phone_link(phone)}"
    if helpline.website:  # a service reached online only (chat, email) still needs a way in from the box
        return f'{escape(helpline.name)}: <a href="{escape(helpline.website)}">{escape(display_url(helpline.website))}</a>'
    return escape(helpline.name)


def urgent_box(site: Record, helplines: dict[str, Record], strings: Strings, audiences=(), *,
               title_tag: str = "p") -> str:
    """The urgent-help box on a page or pack of these audiences: each situation, what to do first, who to contact.

    Web pages pass title_tag="h2" (the theme puts the box straight after the h1); packs keep a
    paragraph, because the box repeats in every printed page's footer and must not be a bookmark.
    """
    items = []
    for route in urgent_routes(site, audiences):
        contacts = [_urgent_contact(helplines[helpline_id], strings) for helpline_id in route.helplines]
        either = contacts[0]
        for contact in contacts[1:]:
            either = strings.text("help.either", first=either, second=contact)
        steps = f"{escape(route.steps)} " if route.steps else ""
        items.append(f"<li><strong>{escape(route.when)}:</strong> {steps}{either}</li>")
    title = escape(site.urgent_help.title)
    return (
        f'<aside class="tk-urgent" aria-label="{title}">'
        f'<{title_tag} class="tk-urgent__title">{title}</{title_tag}>'
        f'<ul>{"".join(items)}</ul></aside>'
    )
