"""Issue 13 point 4: help cards say whether the service is open now, from the reader's own clock.

The open-now fixture site (tests/fixtures/sites/open-now) has a helpline open
Monday to Thursday 9am to 9pm and Friday 9am to 5pm, closed on bank holidays
(30 November 2026 is one), a night line open 6pm to 2am every day, and
Samaritans open all the time. Each test fixes the browser's clock with
Playwright's clock and runs the browser in New York time, so a card that used
the device's time zone instead of UK time would say the wrong thing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.harness import axe_context, served
from tests.browser.test_axe import axe_problems
from tests.conftest import FIXTURES, build_project, copy_content

CARD = "#help-stop-it-now"
DEVICE_ZONE = "America/New_York"


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """The open-now fixture site, built and served: the public edition's origin."""
    project = copy_content(tmp_path_factory.mktemp("open-now"), FIXTURES / "sites" / "open-now" / "content")
    result = build_project(project)
    assert result.ok, [f.format() for f in result.findings]
    with served(project / "site" / "public") as url:
        yield url


VISIBLE_ITEMS = """(box) => box.hidden ? [] :
    Array.from(box.querySelectorAll("li")).filter((li) => !li.hidden).map((li) => li.innerText)"""


class Reader:
    """One browser page on a device set to New York time, whose clock each visit fixes (UTC)."""

    def __init__(self, browser, origin: str, *, javascript: bool = True):
        self.origin = origin
        self.context = browser.new_context(timezone_id=DEVICE_ZONE, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

    def visit(self, moment: str, site_page: str = "modules/first-steps.html") -> Reader:
        self.page.clock.set_fixed_time(dt.datetime.fromisoformat(moment))
        self.page.goto(f"{self.origin}/{site_page}")
        return self

    def status(self, card: str = CARD) -> str:
        return self.page.locator(f"{card} p.tk-card__now").inner_text()

    def meanwhile(self, card: str = CARD) -> list[str]:
        """The visible lines of the card's "while it is closed" box ([] when hidden)."""
        return self.page.locator(f"{card} [data-tk-meanwhile]").evaluate(VISIBLE_ITEMS)


@pytest.fixture(scope="module")
def device(browser, origin):
    """One page for every visit (a new browser context per test costs more than the test)."""
    reader = Reader(browser, origin)
    yield reader
    reader.context.close()


@pytest.fixture
def reader(device):
    device.requests.clear()
    return device.visit


def test_open_says_until_when_and_hides_what_to_do_meanwhile(reader):
    page = reader("2026-12-01T10:00:00+00:00")  # Tuesday 10am in the UK (GMT)
    assert page.status() == "Open now, until 9pm"
    assert page.meanwhile() == []
    # The live chat has its own hours, and says so.
    assert page.page.locator(f"{CARD} dd span.tk-card__now").inner_text() == "Open now, until 4pm"


def test_closed_says_when_it_opens_and_what_the_reader_can_do_now(reader):
    page = reader("2026-12-05T12:00:00+00:00")  # Saturday midday
    assert page.status() == "Closed now, opens Monday at 9am"
    assert page.meanwhile() == [
        "Samaritans (116 123): Open now, 24 hours",
        "Try a short grounding exercise",
        "Look at your coping plan",
    ]
    links = page.page.locator(f"{CARD} [data-tk-meanwhile] a")
    assert [link.get_attribute("href") for link in links.all() if link.is_visible()] == [
        "tel:116123;phone-context=+44", "../help.html", "../worksheets/coping-plan.html"]


def test_closed_in_the_evening_offers_the_night_line_that_is_open(reader):
    page = reader("2026-12-04T19:00:00+00:00")  # Friday 7pm: closed since 5pm
    assert page.status() == "Closed now, opens Monday at 9am"
    assert page.meanwhile()[:2] == ["Samaritans (116 123): Open now, 24 hours",
                                    "Night Line (0808 157 0247): Open now, until 2am"]


def test_closing_within_the_hour_says_how_soon(reader):
    page = reader("2026-12-03T20:35:00+00:00")  # Thursday 8:35pm
    assert page.status() == "Open now, closes at 9pm (in 25 min)"


def test_closed_before_opening_says_today(reader):
    page = reader("2026-12-02T07:15:00+00:00")  # Wednesday 7:15am
    assert page.status() == "Closed now, opens today at 9am"


def test_bank_holiday_is_closed_and_opens_the_next_day(reader):
    page = reader("2026-11-30T12:00:00+00:00")  # Monday 30 November: St Andrew's Day
    assert page.status() == "Closed now, opens tomorrow at 9am"
    assert page.meanwhile()[0] == "Samaritans (116 123): Open now, 24 hours"


def test_dated_exception_shortens_the_day(reader):
    page = reader("2026-12-24T16:30:00+00:00")  # Thursday 24 December: phone 9am to 1pm only, chat until 4pm
    assert page.status() == "Closed now, opens Tuesday at 9am"  # 25th and 28th are bank holidays


@pytest.mark.parametrize(("moment", "expected"), [
    ("2026-12-02T00:30:00+00:00", "Open now, until 2am"),  # Wednesday 00:30: Tuesday's night still open
    ("2026-12-02T01:40:00+00:00", "Open now, closes at 2am (in 20 min)"),
    ("2026-12-02T02:00:00+00:00", "Closed now, opens today at 6pm"),
    ("2026-12-01T17:59:00+00:00", "Closed now, opens today at 6pm"),
])
def test_overnight_hours(reader, moment, expected):
    assert reader(moment, "help.html").status("#help-night-line") == expected


NIGHT, DAY_LINE = "#help-night-line", "#help-stop-it-now"


@pytest.mark.parametrize(("moment", "card", "expected"), [
    # Clocks go forward at 01:00 UTC on Sunday 28 March 2027: 01:30 UTC is 02:30 in the UK.
    ("2027-03-28T00:30:00+00:00", NIGHT, "Open now, until 2am"),
    ("2027-03-28T01:30:00+00:00", NIGHT, "Closed now, opens today at 6pm"),
    # The Friday before the change 08:30 UTC is 08:30 in the UK; the Monday after it is 09:30.
    ("2027-03-26T08:30:00+00:00", DAY_LINE, "Closed now, opens today at 9am"),
    ("2027-03-29T08:30:00+00:00", DAY_LINE, "Open now, until 9pm"),
    # Clocks go back at 01:00 UTC on Sunday 25 October 2026: 00:30 UTC is 01:30 summer time,
    # and 01:30 UTC is 01:30 winter time: the same half hour twice.
    ("2026-10-25T00:30:00+00:00", NIGHT, "Open now, closes at 2am (in 30 min)"),
    ("2026-10-25T01:30:00+00:00", NIGHT, "Open now, closes at 2am (in 30 min)"),
    ("2026-10-25T02:00:00+00:00", NIGHT, "Closed now, opens today at 6pm"),
    ("2026-10-23T08:30:00+00:00", DAY_LINE, "Open now, until 5pm"),  # Friday, summer time: 09:30
    ("2026-10-26T08:30:00+00:00", DAY_LINE, "Closed now, opens today at 9am"),  # Monday, winter time: 08:30
])
def test_changes_to_and_from_british_summer_time(reader, moment, card, expected):
    assert reader(moment, "help.html").status(card) == expected


def test_the_card_asks_nothing_of_the_network_and_stores_nothing(reader, origin):
    page = reader("2026-12-05T12:00:00+00:00")
    assert page.status() == "Closed now, opens Monday at 9am"
    assert page.requests and [url for url in page.requests if not url.startswith(origin + "/")] == []
    assert page.context.cookies() == []
    assert page.page.evaluate("localStorage.length + sessionStorage.length") == 0


def test_without_javascript_the_card_shows_the_full_hours_and_no_status(browser, origin):
    page = Reader(browser, origin, javascript=False).visit("2026-12-05T12:00:00+00:00")
    assert not page.page.locator(f"{CARD} p.tk-card__now").is_visible()
    assert not page.page.locator(f"{CARD} [data-tk-meanwhile]").is_visible()
    hours = page.page.locator(f"{CARD} dt:text-is('Opening hours') + dd").inner_text()
    page.context.close()
    assert hours == ("Monday to Thursday: 9am to 9pm. Friday: 9am to 5pm. Closed on Scottish bank holidays. "
                     "24 December 2026: 9am to 1pm. Fixture hours, not real. Times are UK time.")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_closed_card_with_what_to_do_meanwhile_passes_axe(browser, origin, width):
    context = axe_context(browser, width=width)
    context.clock.set_fixed_time(dt.datetime.fromisoformat("2026-12-04T19:00:00+00:00"))  # Friday 7pm: closed
    page = context.new_page()
    page.goto(f"{origin}/modules/first-steps.html")
    assert page.locator(f"{CARD} [data-tk-meanwhile]").is_visible()
    problems = axe_problems(page, f"first-steps at {width}px")
    context.close()
    assert problems == []
