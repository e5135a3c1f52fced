"""Registry numbers validated with phonenumbers, and review dates (warnings, errors on --release)."""

from __future__ import annotations

import datetime as dt

from tests.checks.conftest import formatted, make_site, page
from tests.conftest import copy_content
from toolkit.checks import registry_numbers, review_dates


def _site(tmp_path, edits: dict[str, str] = (), **options):
    project = copy_content(tmp_path)
    registry = project / "content/helplines.yml"
    text = registry.read_text(encoding="utf-8")
    for old, new in dict(edits).items():
        assert old in text
        text = text.replace(old, new)
    registry.write_text(text, encoding="utf-8")
    return make_site(tmp_path / "site", {"index.html": page("<p>x</p>")}, content_dir=project / "content",
                     **options)


def test_fixture_registry_is_valid(tmp_path):
    assert registry_numbers.check(_site(tmp_path)) == []


def test_wrong_registry_numbers(tmp_path):
    site = _site(tmp_path, {
        '"0808 1000 900"\n        e164: "+448081000900"': '"0808 1000 90"\n        e164: "+448081000900"',
        'number: "999"\n        short: true': 'number: "0909 123 4567"\n        e164: "+449091234567"',
        'number: "116 123"': 'number: "116 999"',
    })
    assert formatted(registry_numbers.check(site)) == [
        "content/helplines.yml:34:17: error: helplines[1].phones[0].number: '0909 123 4567' is a premium-rate "
        "number.\n"
        "    hint: Only freephone, geographic, mobile and UAN (03) numbers are allowed: callers must not pay a "
        "premium.",
        "content/helplines.yml:49:17: error: helplines[2].phones[0].number: '116 999' is not a valid short "
        "number in GB.\n"
        "    hint: Check the number with the service. A full number needs short: false and an e164 value.",
        "content/helplines.yml:9:17: error: helplines[0].phones[0].number: '0808 1000 90' does not have the "
        "same digits as e164 '+448081000900' (0808 100 0900).\n"
        "    hint: Correct whichever one differs from what the service publishes.",
    ]


def test_invalid_e164_and_missing_short_flag(tmp_path):
    site = _site(tmp_path, {
        'e164: "+448081000900"': 'e164: "+44808100090"',
        'number: "116 123"\n        short: true': 'number: "116 123"',
    })
    assert [f.message for f in registry_numbers.check(site)] == [
        "'+44808100090' is not a valid phone number.",
        "'116 123' is a short number but is not marked short.",
    ]


def test_review_dates_warn_then_fail_release(tmp_path):
    site = _site(tmp_path, today=dt.date(2027, 6, 1))
    assert formatted(review_dates.check(site)) == [
        "content/helplines.yml:25:16: warning: helplines[0].verification.checked: 'stop-it-now' was last "
        "checked on 1 November 2026 and was due again on 30 April 2027 (32 days ago).\n"
        "    hint: Check the entry with the service and update verification.checked. A release build "
        "(--release) refuses this entry until someone checks it.",
        "content/helplines.yml:42:16: warning: helplines[1].verification.checked: 'emergency-services' was last "
        "checked on 1 November 2026 and was due again on 30 April 2027 (32 days ago).\n"
        "    hint: Check the entry with the service and update verification.checked. A release build "
        "(--release) refuses this entry until someone checks it.",
        "content/helplines.yml:56:15: warning: helplines[2].verification.status: 'samaritans' has not been "
        "verified with the service.\n"
        "    hint: Confirm the numbers, hours and terms with the service itself, then set verification.status: "
        "verified and verification.checked: 2027-06-01. A release build (--release) refuses this entry until "
        "someone checks it.",
    ]
    released = review_dates.check(_site(tmp_path / "r", today=dt.date(2027, 6, 1), release=True))
    assert {f.severity.value for f in released} == {"error"}
    assert site.reports["review-dates"][0] == {
        "helpline": "stop-it-now", "name": "Stop It Now! helpline", "status": "verified", "state": "overdue",
        "checked": "2026-11-01", "next_due": "2027-04-30"}


def test_review_due_soon_is_info(tmp_path):
    site = _site(tmp_path, today=dt.date(2027, 4, 10))
    assert [f.message for f in review_dates.check(site) if f.severity.value == "info"] == [
        "'stop-it-now' is due for checking on 30 April 2027 (in 20 days).",
        "'emergency-services' is due for checking on 30 April 2027 (in 20 days).",
    ]
