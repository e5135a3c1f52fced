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

from ..content import schedules
from ..content.fields import Record
from ..content.model import DAYS
from . import links
from .card_words import CARD_WORDS

WORDS = CARD_WORDS
# What assets/open-now.js needs to write its sentences, in the card's own attribute.
BROWSER_WORDS = escape(json.dumps({**WORDS["browser"], "days": [WORDS["days"][day] for day in DAYS]},
                                  separators=(",", ":"), ensure_ascii=False))


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
    return (f'<a class="tk-tel" href="{escape(tel_uri(phone))}">'
            f'<span class="tk-nowrap">{escape(phone.number)}</span></a>')


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


def _format_time(value: str) -> str:
    hour, minute = (int(part) for part in value.split(":"))
    if hour in (0, 24) and minute == 0:
        return WORDS["midnight"]
    if hour == 12 and minute == 0:
        return WORDS["midday"]
    suffix = WORDS["am"] if hour < 12 else WORDS["pm"]
    hour = hour % 12 or 12
    return f"{hour}{'' if minute == 0 else f':{minute:02d}'}{suffix}"


def _format_days(days: list[str]) -> str:
    ordered = sorted(days, key=DAYS.index)
    indexes = [DAYS.index(day) for day in ordered]
    names = WORDS["days"]
    if len(ordered) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return WORDS["day_range"].format(first=names[ordered[0]], last=names[ordered[-1]])
    shown = [names[day] for day in ordered]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + WORDS["day_list_and"] + shown[-1]


def _periods_text(hours: Record) -> str:
    """The full hours in words: weekly periods, bank holidays, dated exceptions, the note."""
    parts = []
    if hours.always:
        parts.append(WORDS["always"])
    for opening in hours.weekly:
        template = WORDS["period_next_day" if opening.closes_next_day else "period"]
        parts.append(template.format(days=_format_days(opening.days), opens=_format_time(opening.opens),
                                     closes=_format_time(opening.closes)) + ".")
    if hours.bank_holidays == "closed":
        parts.append(WORDS["bank_holidays_closed"])
    for exception in hours.exceptions:
        day = format_date(exception.date)
        parts.append(WORDS["closed_on"].format(date=day) if exception.closed else WORDS["date_hours"].format(
            date=day, opens=_format_time(exception.opens), closes=_format_time(exception.closes)))
    if hours.note:
        parts.append(hours.note)
    return " ".join(parts)


def hours_text(hours: Record | None) -> str:
    """A service's opening hours as a sentence or two, for readers without JavaScript and for print."""
    text = _periods_text(hours) if hours is not None else ""
    if not text:
        return WORDS["hours_unknown"]
    return f"{text} {WORDS['uk_time']}" if schedules.has_schedule(hours) and not hours.always else text


def schedule_data(hours: Record, holidays) -> dict:
    """One channel's periods for assets/open-now.js: by weekday (Monday first) and by date.

    Each period is [start, end, opens, closes]: minutes from that day's midnight
    (Europe/London; end passes 1440 overnight) and the times in words.
    """
    def row(period: schedules.Period) -> list:
        return [period.start, period.end, _format_time(period.opens), _format_time(period.closes)]

    return {"w": [[row(p) for p in day] for day in schedules.weekly(hours)],
            "d": {day.isoformat(): [row(p) for p in periods]
                  for day, periods in schedules.dated(hours, list(holidays)).items()}}


@functools.lru_cache(maxsize=1024)  # the same few services are cards or alternatives on every page
def combined_data(helpline: Record, holidays: tuple[dt.date, ...]) -> dict | None:
    """The service as a whole: open whenever any of its channels is (None if no channel has hours)."""
    parts = [schedule_data(hours, holidays) for hours in _scheduled_hours(helpline)]
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


def format_date(value: dt.date) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"


def checked_text(helpline: Record) -> str:
    verification = helpline.verification
    if verification.status == "verified" and verification.checked:
        return WORDS["checked"].format(date=format_date(verification.checked))
    return WORDS["not_checked"]


def display_url(url: str) -> str:
    """https://www.example.org/path/ -> www.example.org/path"""
    return url.split("://", 1)[-1].rstrip("/")


def _channel_extras(helpline: Record, channel: Record, now: NowContext | None) -> str:
    """A channel's own hours (and whether it is open now) and its interpreters, after its address."""
    extras = ""
    if channel.hours is not None:
        extras += f' <span class="tk-card__channel-hours">{escape(_periods_text(channel.hours))}</span>'
        if now is not None and schedules.has_schedule(channel.hours):
            extras += (f' <span class="tk-card__now" data-tk-open="{_open_attribute(schedule_data(channel.hours, now.holidays))}"'
                       " hidden></span>")
    if channel.interpreters is not None:
        offered = [channel.interpreters.provider, *channel.interpreters.languages, channel.interpreters.note]
        detail = ", ".join(escape(part) for part in offered if part)
        extras += f" ({WORDS['interpreters']}{': ' + detail if detail else ''})"
    return extras


def _meanwhile(helpline: Record, now: NowContext) -> str:
    """What a reader can do while the service is closed: another service open now, an exercise, a plan.

    The services are the registry's `while_closed` for this one that are in the edition and for the
    page's readers, all written hidden: the browser shows those open at that moment.
    """
    wanted = set(now.audiences or helpline.audiences)
    in_edition = {other.id: other for other in now.helplines}
    items = []
    for other in (in_edition[i] for i in helpline.while_closed if i in in_edition):
        data = combined_data(other, now.holidays)
        if other.status == "active" and other.phones and wanted & set(other.audiences) and data is not None:
            items.append(f'<li data-tk-alt hidden>{inline_phone(other)}: <span data-tk-open="{_open_attribute(data)}">'
                         "</span></li>")
    items.append(f'<li><a href="{escape(links.relative(now.page_path, links.html_path(now.grounding)))}">'
                 f"{escape(WORDS['meanwhile_grounding'])}</a></li>")
    if now.plan:
        items.append(f'<li><a href="{escape(links.relative(now.page_path, links.html_path(now.plan)))}">'
                     f"{escape(WORDS['meanwhile_plan'])}</a></li>")
    return (f'<div class="tk-card__meanwhile" data-tk-meanwhile hidden><p>{escape(WORDS["meanwhile"])}</p>'
            f'<ul>{"".join(items)}</ul></div>\n')


def help_card(helpline: Record, *, heading_level: int = 3, id_prefix: str = "help-",
              now: NowContext | None = None) -> str:
    """A full help card: what it is, how to reach it, when, cost, confidentiality, when checked.

    With `now` (a web page), the card also carries its hours for the reader's browser, which
    says whether it is open now and, when it is closed, what the reader can do meanwhile.
    """
    anchor = f"{id_prefix}{helpline.id}"
    h = f"h{heading_level}"
    rows = []
    for phone in helpline.phones:
        verb = escape(phone.label) if phone.label else WORDS["verbs"][phone.channel]
        cost = WORDS["costs"][phone.cost]
        rows.append((verb, phone_link(phone) + (f" ({cost})" if cost else "") + _channel_extras(helpline, phone, now)))
    for contact in helpline.contacts:
        label = escape(contact.label or contact.channel.replace("-", " ").capitalize())
        if contact.url:
            value = f'<a href="{escape(contact.url)}">{escape(display_url(contact.url))}</a>'
        elif contact.address:
            value = f'<a href="mailto:{escape(contact.address)}">{escape(contact.address)}</a>'
        else:
            value = ""
        rows.append((label, value + _channel_extras(helpline, contact, now)))
    if helpline.website:
        rows.append((WORDS["website"],
                     f'<a href="{escape(helpline.website)}">{escape(display_url(helpline.website))}</a>'))
    rows.append((WORDS["opening_hours"], escape(hours_text(helpline.hours))))
    rows.append((WORDS["private"], escape(helpline.confidentiality)))
    facts = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    status = ("" if helpline.status == "active" else
              f'<p class="tk-card__status">{escape(WORDS["status"].format(status=helpline.status))}</p>')
    now_html = words = ""
    data = combined_data(helpline, now.holidays) if now is not None and helpline.status == "active" else None
    if data is not None:
        words = f' data-tk-words="{BROWSER_WORDS}"'
        now_html = f'<p class="tk-card__now" data-tk-open="{_open_attribute(data)}" hidden></p>\n'
        if not _always_open(data):
            now_html += _meanwhile(helpline, now)
    return (
        f'<section class="tk-card" id="{anchor}" aria-labelledby="{anchor}-title"{words}>\n'
        f'<{h} class="tk-card__title" id="{anchor}-title">{escape(helpline.name)}</{h}>\n'
        f"<p>{escape(helpline.description)}</p>\n{status}{now_html}"
        f'<dl class="tk-card__facts">{facts}</dl>\n'
        f'<p class="tk-card__checked">{escape(checked_text(helpline))}</p>\n'
        f"</section>"
    )


def urgent_routes(site: Record, audiences=()) -> list[Record]:
    """The urgent-help lines for a page or pack of these audiences: every general line, and those for its audiences."""
    return [route for route in site.urgent_help.routes
            if not route.audiences or set(route.audiences) & set(audiences)]


def _urgent_contact(helpline: Record) -> str:
    phone = first_phone(helpline)
    if phone is not None:
        verb = "call" if phone.channel == "voice" else "text"
        name = "" if helpline.emergency else f"{escape(helpline.name)}: "
        return f"{name}{verb} {phone_link(phone)}"
    if helpline.website:  # a service reached online only (chat, email) still needs a way in from the box
        return f'{escape(helpline.name)}: <a href="{escape(helpline.website)}">{escape(display_url(helpline.website))}</a>'
    return escape(helpline.name)


def urgent_box(site: Record, helplines: dict[str, Record], audiences=()) -> str:
    """The urgent-help box on a page or pack of these audiences: each situation, what to do first, who to contact."""
    items = []
    for route in urgent_routes(site, audiences):
        contacts = " or ".join(_urgent_contact(helplines[helpline_id]) for helpline_id in route.helplines)
        steps = f"{escape(route.steps)} " if route.steps else ""
        items.append(f"<li><strong>{escape(route.when)}:</strong> {steps}{contacts}</li>")
    # Not a heading: it sits before each page's h1, and screen-reader users
    # navigating by headings should land on the page title first.
    return (
        f'<aside class="tk-urgent" aria-label="{escape(site.urgent_help.title)}">'
        f'<p class="tk-urgent__title">{escape(site.urgent_help.title)}</p>'
        f'<ul>{"".join(items)}</ul></aside>'
    )
