"""A module's practice review: whether it has happened, and the sentence its page prints.

A page may claim a review only once a named role has done it: `review.last_reviewed`
is set and `review.owner` is not marked as a placeholder. Until then the page says
plainly that it has not been reviewed, and a release build refuses it
(toolkit/checks/placeholders.py).
"""

from __future__ import annotations

from html import escape

from ..content.fields import Record
from ..content.strings import Strings
from .helpcards import format_date


def is_placeholder(owner: str) -> bool:
    """True for a review owner that still says it is a placeholder."""
    return "placeholder" in owner.lower()


def has_practice_review(review: Record) -> bool:
    """True once a named role (not a placeholder) has reviewed the module on a recorded date."""
    return review.last_reviewed is not None and not is_placeholder(review.owner)


def review_note(review: Record, strings: Strings, *, with_next_review: bool = True) -> str:
    """The review line at the foot of a module, as an HTML paragraph."""
    if not has_practice_review(review):
        return f'<p class="tk-review">{escape(strings.text("module.not_reviewed"))}</p>'
    text = strings.text("module.reviewed", date=format_date(review.last_reviewed, strings.locale), owner=review.owner)
    if with_next_review and review.next_review:
        text += " " + strings.text("module.next_review", date=format_date(review.next_review, strings.locale))
    return f'<p class="tk-review">{escape(text)}</p>'
