"""Review dates: every registry entry was confirmed with its service, recently enough.

An entry that was never verified, or whose last check is older than its
review interval (default 180 days), is a warning in a normal build and an
error in a release build: nobody should publish a number that nobody checked.
`schedule()` also feeds the build summary's table of services and due dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..compile.helpcards import format_date
from ..findings import Finding, error, info, warning
from .site import BuiltSite, check_setting

NAME = "review-dates"
CONTENT_ONLY = True  # reads the content alone, never a built page (toolkit.checks.check_content)
DUE_SOON_DAYS = 30
RELEASE_NOTE = "A release build (--release) refuses this entry until someone checks it."


@dataclass(frozen=True)
class Review:
    helpline_id: str
    name: str
    status: str  # verified, unverified
    checked: dt.date | None
    next_due: dt.date | None
    state: str  # ok, due-soon, overdue, unverified, no-date

    def to_json(self) -> dict:
        return {"helpline": self.helpline_id, "name": self.name, "status": self.status, "state": self.state,
                "checked": self.checked.isoformat() if self.checked else None,
                "next_due": self.next_due.isoformat() if self.next_due else None}


def schedule(content, today: dt.date) -> list[Review]:
    """Each service's last check and next due date, in registry order."""
    reviews = []
    for helpline in content.helplines.values():
        verification = helpline.verification
        checked = verification.checked
        interval = verification.review_interval_days or check_setting(content, "review_interval_days")
        next_due = verification.next_review or (checked + dt.timedelta(days=interval) if checked else None)
        if verification.status != "verified":
            state = "unverified"
        elif checked is None:
            state = "no-date"
        elif next_due < today:
            state = "overdue"
        elif (next_due - today).days <= DUE_SOON_DAYS:
            state = "due-soon"
        else:
            state = "ok"
        reviews.append(Review(helpline.id, helpline.name, verification.status, checked, next_due, state))
    return reviews


def check(site: BuiltSite) -> list[Finding]:
    today = site.options.today
    failing = error if site.options.release else warning
    findings = []
    reviews = schedule(site.content, today)
    site.reports[NAME] = [review.to_json() for review in reviews]
    for review in reviews:
        helpline = site.content.helplines[review.helpline_id]
        extra = {"review": review.to_json()}
        if review.state == "unverified":
            findings.append(failing(NAME, f"'{review.helpline_id}' has not been verified with the service.",
                                    hint="Confirm the numbers, hours and terms with the service itself, then "
                                         "set verification.status: verified and verification.checked: "
                                         f"{today.isoformat()}. {RELEASE_NOTE}",
                                    extra=extra, **helpline.where("verification", "status")))
        elif review.state == "no-date":
            findings.append(failing(NAME, f"'{review.helpline_id}' is marked verified but has no "
                                    "verification.checked date.",
                                    hint=f"Add the date it was confirmed with the service. {RELEASE_NOTE}",
                                    extra=extra, **helpline.where("verification", "status")))
        elif review.state == "overdue":
            days = (today - review.next_due).days
            findings.append(failing(NAME, f"'{review.helpline_id}' was last checked on "
                                    f"{format_date(review.checked)} and was due again on "
                                    f"{format_date(review.next_due)} ({days} days ago).",
                                    hint=f"Check the entry with the service and update verification.checked. "
                                         f"{RELEASE_NOTE}",
                                    extra=extra, **helpline.where("verification", "checked")))
        elif review.state == "due-soon":
            days = (review.next_due - today).days
            findings.append(info(NAME, f"'{review.helpline_id}' is due for checking on "
                                 f"{format_date(review.next_due)} (in {days} days).",
                                 extra=extra, **helpline.where("verification", "checked")))
    return findings


def table(rows: list[dict]) -> list[str]:
    """Summary lines: each service with its last check and next due date (rows from the report)."""
    if not rows:
        return []
    state_words = {"ok": "", "due-soon": "due soon", "overdue": "OVERDUE", "unverified": "not verified",
                   "no-date": "no check date"}
    width = max(len(row["helpline"]) for row in rows) + 2
    lines = [f"Helpline reviews:\n  {'service':<{width}}{'last checked':<15}{'next due':<15}state"]
    for row in rows:
        lines.append(f"  {row['helpline']:<{width}}{row['checked'] or 'never':<15}{row['next_due'] or 'now':<15}"
                     f"{state_words[row['state']]}".rstrip())
    return lines
