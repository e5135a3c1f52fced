"""Every word a help card prints, in one table (the page's and the browser's alike).

The words for "open now" travel to the reader's browser inside each card
(`data-tk-words`), so assets/open-now.js holds no text of its own. A language
version of the site replaces this table, nothing else.
"""

from __future__ import annotations

CARD_WORDS = {
    "days": {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
             "fri": "Friday", "sat": "Saturday", "sun": "Sunday"},
    "costs": {"free": "free to call", "local-rate": "local rate", "standard-rate": "standard rate",
              "mobile-rate": "mobile rate", "unknown": ""},
    "verbs": {"voice": "Call", "text": "Text", "textphone": "Textphone", "relay": "Relay UK"},
    "midnight": "midnight",
    "midday": "midday",
    "am": "am",
    "pm": "pm",
    "day_range": "{first} to {last}",
    "day_list_and": " and ",
    "period": "{days}: {opens} to {closes}",
    "period_next_day": "{days}: {opens} to {closes} the next day",
    "always": "Open 24 hours a day, every day.",
    "bank_holidays_closed": "Closed on Scottish bank holidays.",
    "closed_on": "Closed on {date}.",
    "date_hours": "{date}: {opens} to {closes}.",
    "uk_time": "Times are UK time.",
    "hours_unknown": "Opening hours not confirmed: check with the service.",
    "interpreters": "interpreters available",
    "website": "Website",
    "opening_hours": "Opening hours",
    "private": "What stays private",
    "status": "This service is {status}.",
    "checked": "Details checked with the service on {date}.",
    "not_checked": "These details have not yet been confirmed with the service. Check before you rely on them.",
    "meanwhile": "While it is closed, you can:",
    "meanwhile_grounding": "Try a short grounding exercise",
    "meanwhile_plan": "Look at your coping plan",
    # In the reader's browser (assets/open-now.js fills in {time}, {minutes} and {day}).
    "browser": {
        "open_always": "Open now, 24 hours",
        "open_until": "Open now, until {time}",
        "open_closing": "Open now, closes at {time} (in {minutes} min)",
        "closed_today": "Closed now, opens today at {time}",
        "closed_tomorrow": "Closed now, opens tomorrow at {time}",
        "closed_day": "Closed now, opens {day} at {time}",
        "closed": "Closed now",
    },
}
