"""The review desk: everything in the content that has a review date, in one list.

`toolkit review` shows, by owner and overdue first, each module's practice review, each
registry entry's check with its service, and the link cache; it writes a CSV and an iCalendar
file (one all-day event per review) that a team can import into a shared calendar. With
`--release` it fails while anything is overdue, as a release build does.

Each kind of item says in one line what its review means, so that whoever opens the calendar
knows what to do without reading the content model.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from .checks.review_dates import schedule
from .checks.site import check_setting
from .compile.review import has_practice_review
from .content.files import display
from .content.variants import EASY
from .linkcheck.cache import CacheError, LinkCache

WHAT = {
    "module": "Read the module with a practitioner: facts, law, tone and every help route still right.",
    "helpline": "Confirm the numbers, hours, costs and confidentiality terms with the service itself.",
    "link-cache": "Run scripts/check --online on a machine with internet access and commit link-cache.json.",
    "easy-read": "Check the easy read version with a review group of people with learning disabilities (and bring it "
                 "up to date with its source); then set status: reviewed and reviewed_by: the group.",
}
EASY_READ_OWNER = "Easy read review group"
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class Item:
    """One thing that has to be reviewed by a date."""

    kind: str  # module | helpline | link-cache | easy-read
    id: str
    title: str
    owner: str
    due: dt.date | None  # None: never reviewed, due now
    last: dt.date | None
    file: str

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days if self.due else 0

    def state(self, today: dt.date) -> str:
        if self.due is None:
            return "never reviewed"
        days = self.days_left(today)
        if days < 0:
            return f"overdue by {-days} day{'s' if days != -1 else ''}"
        if days <= DUE_SOON_DAYS:
            return f"due in {days} day{'s' if days != 1 else ''}"
        return "ok"

    def overdue(self, today: dt.date) -> bool:
        return self.due is None or self.due < today


def _plus(day: dt.date, delta: dt.timedelta) -> dt.date:
    """day + delta, or the last representable date for a date near year 9999."""
    try:
        return day + delta
    except OverflowError:
        return dt.date.max


def items(content, root: Path, today: dt.date) -> list[Item]:
    """Every review the content holds, by owner (owners with overdue items first), overdue first, then by date."""
    found: list[Item] = []
    interval = dt.timedelta(days=check_setting(content, "review_interval_days"))
    registry = display(content.root / "helplines.yml", content.root)
    for module in content.modules.values():
        review = module.review
        # Not yet reviewed by a named role (the page says so): due now, whatever dates it has.
        due = (review.next_review or _plus(review.last_reviewed, interval)) if has_practice_review(review) else None
        found.append(Item("module", module.id, module.title, review.owner or "(no owner)", due,
                          review.last_reviewed, module.source_file))
    for entry in schedule(content, today):
        helpline = content.helplines[entry.helpline_id]
        due = entry.next_due if entry.state not in ("unverified", "no-date") else None
        owner = helpline.verification.by or "Helpline registry"
        found.append(Item("helpline", entry.helpline_id, entry.name, owner, due, entry.checked,
                          "local contacts" if getattr(helpline, "local", False) else registry))
    found.append(_link_cache_item(content, root))
    for (kind, item_id, tag), variant in sorted(content.variants.items()):
        # An easy read draft, or one its source has left behind, is due for its review group now.
        if tag == EASY and (variant.draft or variant.stale):
            found.append(Item("easy-read", f"{kind}:{item_id}" if item_id else kind, variant.file, EASY_READ_OWNER,
                              None, variant.block.date, variant.file))
    behind = {item.owner for item in found if item.overdue(today)}
    return sorted(found, key=lambda item: (item.owner not in behind, item.owner.lower(), not item.overdue(today),
                                           item.due or dt.date.min, item.kind, item.id))


def _link_cache_item(content, root: Path) -> Item:
    """The link cache is due when its oldest result passes the cache's maximum age."""
    try:
        cache = LinkCache.load(root / "link-cache.json")
    except CacheError:
        cache = LinkCache(None)
    dates = [d for d in (result.checked_date() for result in cache.entries.values()) if d]
    oldest = min(dates) if dates else None
    max_age = dt.timedelta(days=check_setting(content, "link_cache_max_age_days"))
    return Item("link-cache", "link-cache", "External links (link-cache.json)", "Site maintainer",
                _plus(oldest, max_age) if oldest else None, oldest, "link-cache.json")


def table(rows: list[Item], today: dt.date) -> str:
    """The list as printed: grouped by owner, one line per item and one for what it means."""
    lines: list[str] = []
    owner = None
    for item in rows:
        if item.owner != owner:
            owner = item.owner
            lines.append(f"{owner}:")
        due = item.due.isoformat() if item.due else "now"
        lines.append(f"  {due:<11} {item.state(today):<20} {item.kind:<10} {item.id}")
    kinds = dict.fromkeys(item.kind for item in rows)
    lines += ["What each review means:"] + [f"  {kind}: {WHAT[kind]}" for kind in kinds]
    return "\n".join(lines)


def to_csv(rows: list[Item], today: dt.date) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["owner", "due", "state", "kind", "id", "title", "last_reviewed", "file", "what_to_do"])
    for item in rows:
        writer.writerow([item.owner, item.due.isoformat() if item.due else "", item.state(today), item.kind,
                         item.id, item.title, item.last.isoformat() if item.last else "", item.file, WHAT[item.kind]])
    return out.getvalue()


def _ical_text(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _folded(line: str) -> list[str]:
    """RFC 5545 lines are at most 75 octets; longer ones continue on lines that start with a space."""
    data = line.encode("utf-8")
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74
    return [parts[0]] + [" " + part for part in parts[1:]] if parts else [""]


def to_ical(rows: list[Item], today: dt.date, site_name: str) -> str:
    """One all-day event per review, on its due date (today for anything never reviewed or overdue)."""
    stamp = f"{today.strftime('%Y%m%d')}T000000Z"  # the same file for the same content and day
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//prevention-toolkit//review desk//EN",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_ical_text(site_name + ' reviews')}"]
    for item in rows:
        day = item.due if item.due and item.due >= today else today
        uid = hashlib.sha256(f"{item.kind}:{item.id}".encode()).hexdigest()[:24]
        summary = f"Review due: {item.title} ({item.kind})"
        description = f"{WHAT[item.kind]} Owner: {item.owner}. File: {item.file}. State on {today.isoformat()}: " \
                      f"{item.state(today)}."
        lines += ["BEGIN:VEVENT", f"UID:{uid}@review.toolkit", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{_plus(day, dt.timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{_ical_text(summary)}", f"DESCRIPTION:{_ical_text(description)}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _folded(line))
