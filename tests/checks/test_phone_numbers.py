"""Numbers in built pages and tel: links: real UK helpline formats, with planted typos."""

from __future__ import annotations

from tests.checks.conftest import formatted, page
from toolkit.checks import phone_numbers, tel_links
from toolkit.phones import find_numbers

SOURCE = {"modules/a.html": "content/modules/first-steps/body.md"}


def test_registry_numbers_pass_in_text_and_links(site_in):
    site = site_in({"modules/a.html": page(
        '<p>Call <a href="tel:+448081000900"><span>0808 1000 900</span></a> or '
        '<a href="tel:999;phone-context=+44">999</a>. Samaritans: call '
        '<a href="tel:116123;phone-context=+44">116 123</a>, or +44 808 1000 900 from abroad.</p>'
        '<p>Last reviewed 1 November 2026. Rate it 0 1 2 3 4 5 6 7 8 9 10. 45000 people called in 2025.</p>')},
        sources=SOURCE)
    assert phone_numbers.check(site) == []
    assert tel_links.check(site) == []


def test_typo_and_unregistered_numbers_in_text(site_in):
    site = site_in({"modules/a.html": page(
        "<p>Call 0808 1000 90 today.</p>\n<p>Or ring 0808 1000 9000.</p>\n"
        "<p>Text 85258 for help.</p>\n<p>Call 0808 100 0900.</p>\n"
        '<p><img src="x.png" alt="Call 0800 1111 free"></p>')}, sources=SOURCE)
    assert formatted(phone_numbers.check(site)) == [
        "content/modules/first-steps/body.md: error: '0800 1111' (in the alt attribute) is not a number in the "
        "helpline registry. (in built page public/modules/a.html)\n"
        "    hint: Numbers come only from content/helplines.yml: add the service there and write "
        "{{ phone: helpline-id }}, or correct the number.",
        "content/modules/first-steps/body.md: error: '0808 1000 90' is not a number in the helpline registry. "
        "Did you mean '0808 1000 900' (stop-it-now)? (in built page public/modules/a.html)\n"
        "    hint: Numbers come only from content/helplines.yml: add the service there and write "
        "{{ phone: helpline-id }}, or correct the number.",
        "content/modules/first-steps/body.md: error: '0808 1000 9000' is not a number in the helpline registry. "
        "Did you mean '0808 1000 900' (stop-it-now)? (in built page public/modules/a.html)\n"
        "    hint: Numbers come only from content/helplines.yml: add the service there and write "
        "{{ phone: helpline-id }}, or correct the number.",
        "content/modules/first-steps/body.md: error: '85258' is not a number in the helpline registry. "
        "(in built page public/modules/a.html)\n"
        "    hint: Numbers come only from content/helplines.yml: add the service there and write "
        "{{ phone: helpline-id }}, or correct the number.",
        "content/modules/first-steps/body.md: warning: '0808 100 0900' is written differently from the "
        "registry's '0808 1000 900' (stop-it-now). (in built page public/modules/a.html)\n"
        "    hint: Write the number with the spacing the service publishes, or use {{ phone: stop-it-now }}.",
    ]


def test_number_in_registry_text_points_at_registry_line(tmp_path, site_in):
    """A mistyped number on a page without its own source is found in helplines.yml or site.yml."""
    site = site_in({"help.html": page("<p>Open 24 hours: call 116 132.</p>")})
    [finding] = phone_numbers.check(site)
    assert finding.format() == (
        "public/help.html:2: error: '116 132' is not a number in the helpline registry. "
        "Did you mean '116 123' (samaritans)?\n"
        "    hint: Numbers come only from content/helplines.yml: add the service there and write "
        "{{ phone: helpline-id }}, or correct the number.")


def test_tel_link_errors(site_in):
    site = site_in({"modules/a.html": page(
        '<p><a href="tel:+44808100090">0808 1000 90</a></p>\n'
        '<p><a href="tel:+448081000900">0808 1000 90</a></p>\n'
        '<p><a href="tel:0808 1000 900">0808 1000 900</a></p>\n'
        '<p><a href="tel:999">999</a></p>\n'
        '<p><a href="tel:+44999">999</a></p>\n'
        '<p><a href="tel:116123;phone-context=+1">116 123</a></p>\n'
        '<p><a href="sms:85258">85258</a></p>')}, sources=SOURCE)
    assert [f.message for f in sorted(tel_links.check(site), key=lambda f: f.message)] == [
        "'sms:85258' dials a number that is not in the helpline registry.",
        "'tel:+44808100090' dials a number that is not in the helpline registry. "
        "Did you mean '0808 1000 900' (stop-it-now)?",
        "'tel:+448081000900' shows '0808 1000 90' but dials 0808 1000 900 (stop-it-now).",
        "'tel:+44999' dials the short number 999 in international form, which does not connect.",
        "'tel:0808 1000 900' is not a valid tel: link (spaces are not allowed).",
        "'tel:116123;phone-context=+1' is not a valid tel: link: phone-context is '+1', but UK numbers are "
        "local to '+44'.",
        "'tel:999' is not a valid tel: link: a local number needs ';phone-context=+44' (RFC 3966).",
    ]


def test_find_numbers_short_numbers_need_phone_words():
    assert [n.text for n in find_numbers("Room 101 and 45000 calls; call 101 or text 85258; 116 123; 999")] == [
        "101", "85258", "116 123", "999"]
    assert [n.text for n in find_numbers("Stop It Now! helpline (0808 1000 900)")] == ["0808 1000 900"]
