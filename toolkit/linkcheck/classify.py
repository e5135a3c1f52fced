"""Turn what a site answered into an outcome, erring towards 'inconclusive'.

The classic false failures of link checkers come from treating a refusal as a
dead page: a 403 from a bot filter, a 429 from a rate limiter, a challenge page
served with 200 or 503, a timeout. None of those says the page is gone, so none
of them is 'broken'. Only 404, 410, a host name that does not resolve and a
certificate a browser would refuse are.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http
import ssl

from urllib3 import exceptions as u3

from .results import Outcome

BROKEN_STATUSES = {404: "Not Found", 410: "Gone"}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# Answers that may change if asked again later.
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}
# Markers of the pages bot filters show instead of the real page.
CHALLENGE_MARKERS = (
    b"<title>just a moment...</title>", b"/cdn-cgi/challenge-platform/", b"attention required! | cloudflare",
    b"_incapsula_resource", b"captcha-delivery.com", b"px-captcha", b"pardon our interruption",
    b"ddos protection by", b"checking your browser before accessing", b"/.well-known/sgcaptcha/",
)


def status_words(status: int) -> str:
    try:
        return f"HTTP {status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def is_challenge(headers, body: bytes) -> bool:
    """True for a bot-filter page (Cloudflare, Imperva, DataDome, PerimeterX and similar)."""
    if (headers.get("cf-mitigated") or "").lower() == "challenge":
        return True
    head = body[:65536].lower()
    return any(marker in head for marker in CHALLENGE_MARKERS)


def classify_status(status: int, headers, body: bytes) -> tuple[Outcome, str]:
    """Outcome and words for a final (non-redirect) answer."""
    if is_challenge(headers, body):
        return Outcome.INCONCLUSIVE, f"{status_words(status)} with a bot-check page; open it in a browser"
    if 200 <= status < 300:
        return Outcome.OK, status_words(status)
    if status in BROKEN_STATUSES:
        return Outcome.BROKEN, status_words(status)
    if status == 999:
        return Outcome.INCONCLUSIVE, "HTTP 999 (the site refuses automated requests)"
    if status in (401, 403):
        return Outcome.INCONCLUSIVE, f"{status_words(status)} (the site refused an automated request)"
    return Outcome.INCONCLUSIVE, status_words(status)


def classify_error(error: BaseException) -> tuple[Outcome, str, bool]:
    """Outcome, words and whether trying again might help, for a request that got no answer."""
    if isinstance(error, u3.NameResolutionError):
        return Outcome.BROKEN, "the host name does not exist (DNS lookup failed)", False
    if isinstance(error, u3.SSLError | ssl.SSLError):
        return Outcome.BROKEN, f"the site's TLS certificate or connection was refused ({_reason(error)})", False
    # urllib3's NewConnectionError is a subclass of its TimeoutError: test it first.
    if isinstance(error, u3.NewConnectionError):
        return Outcome.INCONCLUSIVE, f"could not connect ({_reason(error)})", True
    if isinstance(error, u3.TimeoutError | TimeoutError):
        return Outcome.INCONCLUSIVE, "timed out", True
    return Outcome.INCONCLUSIVE, f"the connection failed ({_reason(error)})", True


def _reason(error: BaseException) -> str:
    text = str(error)
    return text.rsplit(": ", 1)[-1][:160] if text else type(error).__name__


def retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())
