"""Opening hours, channels and bank holidays: the schedule model and every mistake in it, word for word."""

from __future__ import annotations

import datetime as dt

from tests.conftest import FIXTURES, copy_content, write_tree
from tests.content.test_validation import edit, load, messages
from toolkit.compile.helpcards import combined_data, help_card, hours_text, schedule_data
from toolkit.compile.pages import Edition
from toolkit.content import schedules
from toolkit.content.strings import load_strings

EN = load_strings(["en-GB"], [])["en-GB"]

FRIDAY = '''        - days: [fri]
          opens: "09:00"
          closes: "17:00"
'''
HOLIDAYS = """region: scotland
source: https://www.gov.uk/bank-holidays
status: unverified
holidays:
  - date: 2026-11-30
    name: St Andrew's Day
  - date: 2026-12-25
    name: Christmas Day
"""


def stop_it_now(project):
    return load(project).helplines["stop-it-now"]


# --- the model ---------------------------------------------------------------------


def test_weekly_periods_by_weekday_in_minutes_from_midnight(project):
    hours = stop_it_now(project).hours
    days = schedules.weekly(hours)
    assert [[(p.start, p.end) for p in day] for day in days] == [
        [(540, 1260)], [(540, 1260)], [(540, 1260)], [(540, 1260)], [(540, 1020)], [], []]


def test_overnight_period_ends_after_midnight(project):
    edit(project, "helplines.yml", FRIDAY, FRIDAY.replace('"09:00"', '"18:00"').replace('"17:00"', '"02:00"')
         + "          closes_next_day: true\n")
    period = schedules.weekly(stop_it_now(project).hours)[4][0]
    assert (period.start, period.end) == (18 * 60, 26 * 60)
    assert hours_text(stop_it_now(project).hours, EN) == (
        "Monday to Thursday: 9am to 9pm. Friday: 6pm to 2am the next day. Fixture hours, not real. "
        "Times are UK time.")


def test_always_open_is_every_day_all_day(project):
    samaritans = load(project).helplines["samaritans"]
    assert {(p.start, p.end) for day in schedules.weekly(samaritans.hours) for p in day} == {(0, 1440)}
    assert hours_text(samaritans.hours, EN) == "Open 24 hours a day, every day."


def test_a_channel_without_hours_has_the_services_and_one_with_hours_its_own(project):
    edit(project, "helplines.yml", "    website: https://www.stopitnow.org.uk/scotland\n",
         "    contacts:\n      - channel: chat\n        url: https://www.example.org/chat\n"
         "        hours:\n          always: true\n    website: https://www.stopitnow.org.uk/scotland\n")
    helpline = stop_it_now(project)
    phone, chat = schedules.channels(helpline)
    assert schedules.channel_hours(helpline, phone) is helpline.hours
    assert schedules.channel_hours(helpline, chat).always is True
    # The service as a whole is open whenever one of its channels is.
    assert combined_data(helpline, (), EN)["w"][5] == [[0, 1440, "midnight", "midnight"]]


def test_bank_holidays_close_only_services_that_say_so_and_exceptions_win(project):
    write_tree(project / "content", {"holidays.yml": HOLIDAYS})
    edit(project, "helplines.yml", "      note: Fixture hours, not real.\n",
         "      bank_holidays: closed\n      exceptions:\n        - date: 2026-12-25\n"
         '          opens: "10:00"\n          closes: "12:00"\n      note: Fixture hours, not real.\n')
    content = load(project)
    assert messages(content) == []
    holidays = schedules.holiday_dates(content.holidays)
    assert holidays == [dt.date(2026, 11, 30), dt.date(2026, 12, 25)]
    dated = schedules.dated(content.helplines["stop-it-now"].hours, holidays)
    assert {day: [(p.start, p.end) for p in periods] for day, periods in dated.items()} == {
        dt.date(2026, 11, 30): [], dt.date(2026, 12, 25): [(600, 720)]}
    assert schedules.dated(content.helplines["samaritans"].hours, holidays) == {}
    assert schedule_data(content.helplines["stop-it-now"].hours, holidays, EN)["d"] == {
        "2026-11-30": [], "2026-12-25": [[600, 720, "10am", "midday"]]}


def test_a_note_alone_is_no_schedule(project):
    edit(project, "helplines.yml", '''    hours:
      weekly:
        - days: [mon, tue, wed, thu]
          opens: "09:00"
          closes: "21:00"
''' + FRIDAY, "    hours:\n")
    hours = stop_it_now(project).hours
    assert schedules.has_schedule(hours) is False
    assert hours_text(hours, EN) == "Fixture hours, not real."


# --- mistakes ------------------------------------------------------------------------


def test_closes_before_it_opens(project):
    edit(project, "helplines.yml", FRIDAY, FRIDAY.replace('"17:00"', '"08:00"'))
    assert messages(load(project)) == [
        "content/helplines.yml:20:19: error: helplines[0].hours.weekly[1].closes: closes at 08:00, not after "
        "it opens at 09:00.\n    hint: Check the times. If it is open past midnight, add closes_next_day: "
        "true; for midnight write 24:00."
    ]


def test_overnight_longer_than_a_day(project):
    edit(project, "helplines.yml", FRIDAY, FRIDAY + "          closes_next_day: true\n")
    assert messages(load(project)) == [
        "content/helplines.yml:20:19: error: helplines[0].hours.weekly[1].closes: with closes_next_day, "
        "opening at 09:00 and closing at 17:00 the next day is longer than 24 hours.\n    hint: Check the "
        "times. If it is open past midnight, add closes_next_day: true; for midnight write 24:00."
    ]


def test_overlapping_periods(project):
    edit(project, "helplines.yml", FRIDAY, FRIDAY + '        - days: [sat, thu]\n          opens: "20:00"\n'
         '          closes: "22:00"\n')
    assert messages(load(project)) == [
        "content/helplines.yml:21:11: error: helplines[0].hours.weekly[2]: 20:00 to 22:00 on 'thu' overlaps "
        "weekly[0] (09:00 to 21:00 on 'thu').\n    hint: List each day's hours once: split the days so that "
        "no two periods overlap."
    ]


def test_sunday_night_running_into_monday_overlaps_monday(project):
    edit(project, "helplines.yml", FRIDAY, FRIDAY + '        - days: [sun]\n          opens: "22:00"\n'
         '          closes: "10:00"\n          closes_next_day: true\n')
    assert messages(load(project)) == [
        "content/helplines.yml:21:11: error: helplines[0].hours.weekly[2]: 22:00 to 10:00 on 'sun' overlaps "
        "weekly[0] (09:00 to 21:00 on 'mon').\n    hint: List each day's hours once: split the days so that "
        "no two periods overlap."
    ]


def test_dated_exceptions_that_cannot_be_right(project):
    edit(project, "helplines.yml", "      note: Fixture hours, not real.\n",
         "      exceptions:\n        - date: 2026-12-24\n          closed: true\n          opens: \"09:00\"\n"
         "        - date: 2026-12-31\n        - date: 2026-12-24\n          closed: true\n"
         "      note: Fixture hours, not real.\n")
    assert messages(load(project)) == [
        "content/helplines.yml:22:11: error: helplines[0].hours.exceptions[0]: says closed: true and gives "
        "opening times too.\n    hint: Remove opens and closes for a day it is closed, or remove closed: true.",
        "content/helplines.yml:25:11: error: helplines[0].hours.exceptions[1]: needs closed: true, or both "
        "opens and closes.\n    hint: Write the hours that day, or closed: true if it does not open.",
        "content/helplines.yml:26:17: error: helplines[0].hours.exceptions[2].date: the date 2026-12-24 is "
        "listed twice (first as exceptions[0]).\n    hint: Give each date one entry.",
    ]


def test_always_and_weekly_together(project):
    edit(project, "helplines.yml", "    hours:\n      weekly:\n", "    hours:\n      always: true\n      weekly:\n")
    assert messages(load(project)) == [
        "content/helplines.yml:14:15: error: helplines[0].hours.always: says always: true and lists weekly "
        "hours too.\n    hint: Keep always: true for a 24-hour service, or the weekly hours, not both."
    ]


def test_urgent_box_service_without_hours(project):
    edit(project, "helplines.yml", '        short: true\n        cost: free\n    hours:\n      always: true\n'
         "    confidentiality: Ask", "        short: true\n        cost: free\n    confidentiality: Ask")
    assert messages(load(project)) == [
        "content/site.yml:26:19: error: urgent_help.routes[1].helplines[0]: 'samaritans' is in the urgent-help "
        "box but has no opening hours.\n    hint: Give 'samaritans' its hours in content/helplines.yml "
        "(always: true for a 24-hour service), or take it out of the urgent-help box."
    ]


def test_channels_without_their_address(project):
    edit(project, "helplines.yml", "    website: https://www.stopitnow.org.uk/scotland\n",
         "    contacts:\n      - channel: email\n      - channel: chat\n        label: Live chat\n"
         "      - channel: email\n        url: https://www.example.org/secure-email\n"
         "    website: https://www.stopitnow.org.uk/scotland\n")
    assert messages(load(project)) == [
        "content/helplines.yml:13:9: error: helplines[0].contacts[0]: email contact has no address.\n"
        "    hint: Add address: (the email address), or url: (the service's secure email page), as the "
        "service publishes it.",
        "content/helplines.yml:14:9: error: helplines[0].contacts[1]: chat contact has no web address.\n"
        "    hint: Add url: with the https:// address the service publishes for it.",
    ]


def test_relay_numbers_and_interpreters_are_channels(project):
    edit(project, "helplines.yml", '        cost: free\n    website:', '        cost: free\n'
         "        interpreters:\n          provider: LanguageLine\n          languages: [Polish, Urdu]\n"
         '      - number: "18001 0808 1000 900"\n        channel: relay\n    website:')
    helpline = stop_it_now(project)
    assert messages(load(project)) == []
    assert [phone.channel for phone in helpline.phones] == ["voice", "relay"]
    assert helpline.phones[0].interpreters.languages == ["Polish", "Urdu"]


def test_website_with_credentials(project):
    edit(project, "helplines.yml", "website: https://www.stopitnow.org.uk/scotland",
         "website: https://editor:secret@www.stopitnow.org.uk/scotland")
    assert messages(load(project)) == [
        "content/helplines.yml:12:14: error: helplines[0].website: the web address has a user name or "
        "password in it.\n    hint: Remove the part before '@': everyone who reads the page "
        "would see it. Write the address as the service publishes it."
    ]


def test_empty_confidentiality(project):
    edit(project, "helplines.yml", "    confidentiality: You do not have to give your name.",
         '    confidentiality: " "')
    assert messages(load(project)) == [
        "content/helplines.yml:22:22: error: helplines[0].confidentiality: must not be empty.\n"
        "    hint: Write the text, or remove the field if it is optional."
    ]


def test_bank_holiday_listed_twice(project):
    write_tree(project / "content", {"holidays.yml": HOLIDAYS + "  - date: 2026-12-25\n    name: Again\n"})
    assert messages(load(project)) == [
        "content/holidays.yml:9:11: error: holidays[2].date: the date 2026-12-25 is listed twice.\n"
        "    hint: Give each bank holiday one entry."
    ]


def test_while_closed_names_known_other_services(project):
    edit(project, "helplines.yml", "    confidentiality: You do not have to give your name.",
         "    while_closed: [samaritan, stop-it-now]\n    confidentiality: You do not have to give your name.")
    assert messages(load(project)) == [
        "content/helplines.yml:22:20: error: helplines[0].while_closed[0]: unknown helpline 'samaritan'.\n"
        "    hint: Did you mean 'samaritans'?",
        "content/helplines.yml:22:31: error: helplines[0].while_closed[1]: a service cannot be suggested while "
        "it is itself closed.\n    hint: Name other services, open when this one is not.",
    ]


def test_the_card_suggests_only_services_for_the_pages_readers(tmp_path):
    project = copy_content(tmp_path, FIXTURES / "sites" / "open-now" / "content")
    content = load(project)
    card = content.helplines["stop-it-now"]
    edition = Edition.of(content, "public")

    def suggested(audiences):
        html = help_card(card, edition.strings, now=edition.now("modules/x.md", audiences))
        return [name for name in ("Samaritans", "Night Line") if f"<li data-tk-alt hidden>{name} (" in html]

    assert suggested(("self",)) == ["Samaritans", "Night Line"]
    assert suggested(("parents-carers",)) == ["Samaritans"]  # the night line is for adults worried about themselves
    assert "data-tk-open" not in help_card(card, edition.strings)  # packs and print: the full hours only
