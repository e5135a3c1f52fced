"""Help cards, call links and the urgent-help box, rendered from the registry.

Every number on the site is written by this module, from content/helplines.yml:
authors only name a service by id. The number's display text is the grouping
the service publishes ("0808 1000 900"), never a library's regrouping.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from babel.dates import format_date as babel_date
from babel.dates import format_time as babel_time

from ..content.fields import Record
from ..content.model import DAYS
from ..content.strings import Strings

CHANNEL_KEY = {"voice": "call"}  # strings key of each channel's label, where it is not the channel's name


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
    if not strings.tag.startswith("en"):
        # Other languages write times their own way (CLDR's short form: 09:00, 9:00 ص).
        return babel_time(dt.time(hour % 24, minute), "short", locale=strings.tag.replace("-", "_"))
    if hour in (0, 24) and minute == 0:
        return "midnight"
    if hour == 12 and minute == 0:
        return "midday"
    suffix = "am" if hour < 12 else "pm"
    hour = hour % 12 or 12
    return f"{hour}{'' if minute == 0 else f':{minute:02d}'}{suffix}"


def _format_days(days: list[str], strings: Strings) -> str:
    ordered = sorted(days, key=DAYS.index)
    indexes = [DAYS.index(day) for day in ordered]
    names = [strings.text(f"days.{day}") for day in ordered]
    if len(ordered) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return strings.text("help.range", start=names[0], end=names[-1])
    return names[0] if len(names) == 1 else strings.text("help.both", first=", ".join(names[:-1]), last=names[-1])


def hours_text(helpline: Record, strings: Strings) -> str:
    hours = helpline.hours
    if hours is None:
        return strings.text("help.hours_unknown")
    parts = []
    if hours.always:
        parts.append(strings.text("help.always_open"))
    for opening in hours.weekly:
        times = strings.text("help.range", start=_format_time(opening.opens, strings),
                             end=_format_time(opening.closes, strings))
        parts.append(f"{_format_days(opening.days, strings)}: {times}.")
    if hours.note:
        parts.append(hours.note)
    return " ".join(parts) or strings.text("help.hours_unknown")


def format_date(value: dt.date, tag: str = "en-GB") -> str:
    """A date as the language writes it: 1 December 2026, 1 grudnia 2026."""
    if tag.startswith("en"):
        return f"{value.day} {value.strftime('%B %Y')}"
    return babel_date(value, "long", locale=tag.replace("-", "_"))


def checked_text(helpline: Record, strings: Strings) -> str:
    verification = helpline.verification
    if verification.status == "verified" and verification.checked:
        return strings.text("help.checked", date=format_date(verification.checked, strings.tag))
    return strings.text("help.unconfirmed")


def display_url(url: str) -> str:
    """https://www.example.org/path/ -> www.example.org/path"""
    return url.split("://", 1)[-1].rstrip("/")


def help_card(helpline: Record, strings: Strings, *, heading_level: int = 3, id_prefix: str = "help-") -> str:
    """A full help card: what it is, how to reach it, when, cost, confidentiality, when checked."""
    anchor = f"{id_prefix}{helpline.id}"
    h = f"h{heading_level}"
    rows = []
    for phone in helpline.phones:
        verb = escape(phone.label) if phone.label else strings.text("help." + CHANNEL_KEY.get(phone.channel, phone.channel))
        cost = "" if phone.cost == "unknown" else strings.text(f"help.{phone.cost.replace('-', '_')}")
        rows.append((verb, phone_link(phone) + (f" ({cost})" if cost else "")))
    for contact in helpline.contacts:
        label = escape(contact.label or contact.channel.replace("-", " ").capitalize())
        if contact.url:
            rows.append((label, f'<a href="{escape(contact.url)}" dir="ltr">{escape(display_url(contact.url))}</a>'))
        elif contact.address:
            rows.append((label, f'<a href="mailto:{escape(contact.address)}" dir="ltr">{escape(contact.address)}</a>'))
    if helpline.website:
        # dir="ltr": a web address reads left to right inside right-to-left text too.
        rows.append((strings.text("help.website"), f'<a href="{escape(helpline.website)}" dir="ltr">'
                                                   f'{escape(display_url(helpline.website))}</a>'))
    rows.append((strings.text("help.hours"), escape(hours_text(helpline, strings))))
    rows.append((strings.text("help.private"), escape(helpline.confidentiality)))
    facts = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    status = "" if helpline.status == "active" else \
        f'<p class="tk-card__status">{strings.text(f"help.{helpline.status}")}</p>'
    return (
        f'<section class="tk-card" id="{anchor}" aria-labelledby="{anchor}-title">\n'
        f'<{h} class="tk-card__title" id="{anchor}-title">{escape(helpline.name)}</{h}>\n'
        f"<p>{escape(helpline.description)}</p>\n{status}"
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
