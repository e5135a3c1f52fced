"""The bank holiday list runs ahead: services closed on bank holidays must not show as open on one.

content/holidays.yml is a dated list (there is no rule to compute Scottish bank
holidays from: some are set by proclamation each year). This check warns when
the list ends within `checks.holiday_notice_days` of today, or is missing while
a service says it closes on bank holidays.
"""

from __future__ import annotations

import datetime as dt

from ..content import schedules
from ..findings import Finding, warning
from .site import BuiltSite, check_setting

NAME = "holiday-list"
CONTENT_ONLY = True  # reads the content alone, never a built page (toolkit.checks.check_content)


def _closes_on_bank_holidays(helpline) -> bool:
    every = [helpline.hours, *(channel.hours for channel in schedules.channels(helpline))]
    return any(hours is not None and hours.bank_holidays == "closed" for hours in every)


def check(site: BuiltSite) -> list[Finding]:
    content = site.content
    holidays = content.holidays
    if holidays is None:
        closing = sorted(h.id for h in content.helplines.values() if _closes_on_bank_holidays(h))
        if not closing:
            return []
        return [warning(NAME, f"{', '.join(closing)} close on bank holidays, but there is no list of bank holidays.",
                        file="content/holidays.yml",
                        hint="Create content/holidays.yml with each bank holiday's date and the list's source; "
                             "until then their cards show them open on bank holidays.")]
    notice = check_setting(content, "holiday_notice_days")
    last = max(schedules.holiday_dates(holidays))
    if last >= site.options.today + dt.timedelta(days=notice):
        return []
    return [warning(NAME, f"the last bank holiday listed is {last.isoformat()}, less than {notice} days ahead.",
                    hint=f"Add the next bank holidays from {holidays.source}, with the date you read them (checked:).",
                    **holidays.where("holidays"))]
