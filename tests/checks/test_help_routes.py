"""Issue 13 point 5: help routes that say when they answer and are for the reader sent to them,
and a bank holiday list that does not run out (the help-routes and holiday-list checks)."""

from __future__ import annotations

import datetime as dt

from tests.conftest import build_project, write_tree
from tests.content.test_validation import edit
from toolkit.build import BuildOptions, build
from toolkit.checks import BuiltSite, CheckOptions, help_routes, holiday_list
from toolkit.content import load_content

TEXT_LINE = """  - id: text-line
    name: Text Line
    aliases: [the text line]
    description: A fixture text service for parents.
    audiences: [parents-carers]
    regions: [uk]
    phones:
      - number: "85258"
        short: true
        channel: text
    hours:
      note: Hours vary.
    confidentiality: Ask what they keep private.
    verification:
      status: verified
      checked: 2026-11-01
"""


def run(project, check, today=dt.date(2026, 12, 1)) -> list[str]:
    content = load_content(project / "content")
    assert not content.findings, [f.format() for f in content.findings]
    site = BuiltSite(content, {}, options=CheckOptions(today=today))
    return [finding.format() for finding in check.check(site)]


def test_the_build_warns_about_a_route_without_hours_not_for_the_reader_and_named_without_a_card(project):
    (project / "content/helplines.yml").write_text(
        (project / "content/helplines.yml").read_text(encoding="utf-8") + TEXT_LINE, encoding="utf-8")
    edit(project, "modules/first-steps/module.yml", "helplines: [stop-it-now]", "helplines: [stop-it-now, text-line]")
    edit(project, "modules/first-steps/body.md", "and talk it through.",
         "and talk it through. Samaritans and the text line are there too.")
    result = build_project(project)
    assert result.ok  # warnings only
    assert [f.format() for f in result.findings if f.check == "help-routes"] == [
        "content/modules/first-steps/module.yml:9:26: warning: helplines[1]: 'text-line' gives no opening "
        "hours for text number 85258.\n    hint: Add the hours the service publishes (with their source) to the "
        "channel or the service in content/helplines.yml, so its help card can say whether it is open now.",
        "content/modules/first-steps/module.yml:9:26: warning: helplines[1]: 'text-line' is not for the 'self' "
        "audience of this module.\n    hint: Send those readers to a service that is for them. Add the audience "
        "to 'text-line' in content/helplines.yml only if the service itself says it helps them.",
        "content/modules/first-steps/body.md:3:107: warning: the text names Samaritans but the page has no help "
        "card for 'samaritans'.\n    hint: Add 'samaritans' under helplines:, or write {{ help-card: samaritans }} "
        "where the text names it, so readers see how to reach it and what it keeps private.",
    ]


def test_a_phone_shortcode_is_a_reference_and_an_alias_is_a_name(project):
    (project / "content/helplines.yml").write_text(
        (project / "content/helplines.yml").read_text(encoding="utf-8") + TEXT_LINE.replace(
            "[parents-carers]", "[self]"), encoding="utf-8")
    edit(project, "modules/first-steps/body.md", "{{ pause }}", "Or {{ phone: text-line }}.\n\n{{ pause }}\n\n"
         "People use the text line at night.")
    assert run(project, help_routes) == [
        "content/modules/first-steps/body.md:5:4: warning: 'text-line' gives no opening hours for text number "
        "85258.\n    hint: Add the hours the service publishes (with their source) to the channel or the service "
        "in content/helplines.yml, so its help card can say whether it is open now.",
        "content/modules/first-steps/body.md:9:12: warning: the text names the text line but the page has no "
        "help card for 'text-line'.\n    hint: Add 'text-line' under helplines:, or write "
        "{{ help-card: text-line }} where the text names it, so readers see how to reach it and what it keeps "
        "private.",
    ]


def test_professionals_may_pass_on_services_for_their_clients_and_a_help_card_counts(project):
    # responding-to-disclosure is for professionals and sends them to stop-it-now, which is not "for" them.
    edit(project, "modules/first-steps/body.md", "{{ pause }}", "{{ help-card: samaritans }}\n\nSamaritans listen.")
    assert run(project, help_routes) == []


HOLIDAYS = """region: scotland
source: https://www.gov.uk/bank-holidays
status: unverified
holidays:
  - date: 2026-12-25
    name: Christmas Day
  - date: 2026-12-28
    name: Boxing Day (substitute day)
"""


def test_the_bank_holiday_list_warns_before_it_runs_out(project):
    write_tree(project / "content", {"holidays.yml": HOLIDAYS})
    assert run(project, holiday_list, today=dt.date(2026, 9, 29)) == []  # 90 days ahead is 28 December
    assert run(project, holiday_list, today=dt.date(2026, 9, 30)) == [
        "content/holidays.yml:5:3: warning: holidays: the last bank holiday listed is 2026-12-28, less than 90 "
        "days ahead.\n    hint: Add the next bank holidays from https://www.gov.uk/bank-holidays, with the date "
        "you read them (checked:)."
    ]


def test_the_notice_is_set_in_site_yml_and_the_build_runs_the_check(project):
    write_tree(project / "content", {"holidays.yml": HOLIDAYS})
    edit(project, "site.yml", "  link_cache_max_age_days: 30", "  link_cache_max_age_days: 30\n  holiday_notice_days: 10")
    result = build(BuildOptions(root=project, packs=False), today=dt.date(2026, 12, 19))
    assert [f.format() for f in result.findings if f.check == "holiday-list"] == [
        "content/holidays.yml:5:3: warning: holidays: the last bank holiday listed is 2026-12-28, less than 10 "
        "days ahead.\n    hint: Add the next bank holidays from https://www.gov.uk/bank-holidays, with the date "
        "you read them (checked:)."
    ]


def test_a_service_closed_on_bank_holidays_needs_the_list(project):
    edit(project, "helplines.yml", "      note: Fixture hours, not real.", "      bank_holidays: closed")
    assert run(project, holiday_list) == [
        "content/holidays.yml: warning: stop-it-now close on bank holidays, but there is no list of bank "
        "holidays.\n    hint: Create content/holidays.yml with each bank holiday's date and the list's source; "
        "until then their cards show them open on bank holidays."
    ]
