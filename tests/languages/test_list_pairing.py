"""A translated list item is shown only beside the source item it was translated from.

Translations give their lists in the source's order. When an author moves, adds or removes an
item after a translation was stamped, each translated item must stay with its own source item
(a situation with its own services, a label with its own number), and an item nobody has
translated yet is shown in the source language, with a warning naming it. The same holds for a
single text: a service's confidentiality limits widened in the source are never shown in a
translation's old, narrower words.
"""

from __future__ import annotations

import re

from tests.conftest import build_project
from tests.content.test_validation import edit, load, messages
from toolkit.content.variants import localized
from toolkit.findings import Severity
from toolkit.translations.freshness import freshness_findings
from toolkit.translations.stamp import stamp

CHILD = "    - when: A child is in danger right now\n      helplines: [emergency-services]\n"
HARM = "    - when: You, or someone else, may be about to harm themselves\n      helplines: [samaritans, emergency-services]\n"
COPING = "    - when: You are struggling to cope, but nobody is in immediate danger\n      helplines: [samaritans]\n"


def urgent_lines(project) -> list[str]:
    """Each line of the urgent-help box on the Polish start page, as text: situation, then whom to contact."""
    page = (project / "site" / "public" / "pl" / "index.html").read_text(encoding="utf-8")
    box = re.search(r'<aside class="tk-urgent".*?</aside>', page, re.S).group(0)
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in re.findall(r"<li>(.*?)</li>", box, re.S)]


def translation_warnings(result, file: str) -> list[str]:
    return [f.format() for f in result.findings if f.file == file and f.check == "translations"
            and not f.message.startswith(("draft", "out of date"))]


def shown_in_english(content, file: str) -> list[str]:
    """The warnings of a loaded project about `file`'s texts shown in the source language."""
    return [f.format() for f in freshness_findings(content, Severity.WARNING)
            if f.file == file and "shown in the source language" in f.message]


def in_polish(content):
    """The loaded content as the Polish tree shows it."""
    return localized(content, next(language for language in content.languages if language.tag == "pl"))


def test_reordered_urgent_routes_keep_each_translated_situation_beside_its_own_services(translated):
    edit(translated, "site.yml", CHILD + HARM, HARM + CHILD)
    result = build_project(translated, editions=("public",))
    assert result.ok, [f.format() for f in result.findings if f.severity is Severity.ERROR]
    assert urgent_lines(translated) == [
        "Ty albo ktoś inny możecie zaraz zrobić sobie krzywdę: Samaritans: zadzwoń 116 123 lub zadzwoń 999",
        "Dziecku grozi niebezpieczeństwo teraz: zadzwoń 999"]
    assert translation_warnings(result, "content/site.pl.yml") == []


def test_a_route_added_to_the_source_is_shown_in_english_and_the_build_goes_on(translated):
    edit(translated, "site.yml", CHILD + HARM, CHILD + COPING + HARM)
    result = build_project(translated, editions=("public",))
    assert result.ok, [f.format() for f in result.findings if f.severity is Severity.ERROR]
    assert urgent_lines(translated) == [
        "Dziecku grozi niebezpieczeństwo teraz: zadzwoń 999",
        "You are struggling to cope, but nobody is in immediate danger: Samaritans: zadzwoń 116 123",
        "Ty albo ktoś inny możecie zaraz zrobić sobie krzywdę: Samaritans: zadzwoń 116 123 lub zadzwoń 999"]
    assert translation_warnings(result, "content/site.pl.yml") == [
        "content/site.pl.yml:8:5: warning: urgent_help.routes[1]: shown in the source language: 'You are "
        "struggling to cope, but nobody is in immediate danger' is new or changed in content/site.yml since the "
        "translation was stamped.\n    hint: Translate it, keeping the items in the source's order, then run "
        "`toolkit translations stamp content/site.pl.yml`."]


PHONES = """    phones:
      - number: "999"
        short: true
        cost: free
        label: Call
      - number: "18000"
        short: true
        channel: relay
        label: TextRelay
"""


def help_card_rows(project, helpline: str) -> list[str]:
    """Each row of a helpline's card on the Polish help page, as text: label, then value."""
    page = (project / "site" / "public" / "pl" / "help.html").read_text(encoding="utf-8")
    card = re.search(rf'<section class="tk-card" id="help-{helpline}".*?</section>', page, re.S).group(0)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in re.findall(r"<dt>.*?</dd>", card, re.S)]


WIDER = ("You do not have to give your name. If you tell us a child is at risk, we may pass that on to the "
         "police.")


def test_a_confidentiality_text_changed_in_the_source_is_shown_in_english_until_translated(translated):
    edit(translated, "helplines.yml", "    confidentiality: You do not have to give your name.\n",
         f"    confidentiality: {WIDER}\n")
    result = build_project(translated, editions=("public",))
    assert result.ok, [f.format() for f in result.findings if f.severity is Severity.ERROR]
    assert help_card_rows(translated, "stop-it-now") == [
        "Zadzwoń 0808 1000 900 (bezpłatnie)", "Strona internetowa www.stopitnow.org.uk/scotland",
        "Godziny otwarcia poniedziałek–czwartek: 09:00–21:00. piątek: 09:00–17:00. Godziny testowe, nieprawdziwe. "
        "Godziny według czasu w Wielkiej Brytanii.", f"Co zostaje poufne {WIDER}"]
    assert translation_warnings(result, "content/helplines.pl.yml") == [
        "content/helplines.pl.yml:6:22: warning: helplines.stop-it-now.confidentiality: shown in the source "
        "language: 'You do not have to give your name. If you tell us a child is at risk, we may pass that on to "
        "the police.' changed in content/helplines.yml since the translation was stamped.\n    hint: Translate "
        "it, then run `toolkit translations stamp content/helplines.pl.yml`."]


def test_a_field_removed_from_the_source_takes_its_translation_with_it_and_only_warns(translated):
    edit(translated, "helplines.yml", "      note: Fixture hours, not real.\n", "")
    content = load(translated)
    assert messages(content) == []
    polish = in_polish(content)
    stop_it_now = polish.helplines["stop-it-now"]
    assert (stop_it_now.hours.note, stop_it_now.confidentiality) == (None, "Nie musisz podawać swojego imienia.")
    assert [f.format() for f in freshness_findings(content, Severity.WARNING)
            if f.file == "content/helplines.pl.yml" and not f.message.startswith(("draft", "out of date"))] == [
        "content/helplines.pl.yml:5:13: warning: helplines.stop-it-now.hours.note: translated text no longer shown: "
        "content/helplines.yml has had no such field since the translation was stamped.\n    hint: Remove it from "
        "the translation (or put the field back in content/helplines.yml), then run `toolkit translations stamp "
        "content/helplines.pl.yml`."]


def test_a_number_removed_from_the_registry_takes_its_translated_label_with_it(translated):
    edit(translated, "helplines.yml", """    phones:
      - number: "999"
        short: true
        cost: free
""", PHONES)
    edit(translated, "helplines.pl.yml", "    confidentiality: Połączenia alarmowe nie są anonimowe.\n",
         "    phones:\n      - label: Zadzwoń\n      - label: Przez TextRelay\n"
         "    confidentiality: Połączenia alarmowe nie są anonimowe.\n")
    stamp(load(translated), files=["content/helplines.pl.yml"])
    edit(translated, "helplines.yml", '      - number: "999"\n        short: true\n        cost: free\n'
         "        label: Call\n", "")
    result = build_project(translated, editions=("public",))
    assert result.ok, [f.format() for f in result.findings if f.severity is Severity.ERROR]
    assert help_card_rows(translated, "emergency-services") == ["Przez TextRelay 18000", "Godziny otwarcia Czynne całą dobę, codziennie.",
                    "Co zostaje poufne Połączenia alarmowe nie są anonimowe."]
    assert translation_warnings(result, "content/helplines.pl.yml") == []


def test_a_translator_giving_an_item_more_than_the_stamped_source_is_still_an_error(translated):
    edit(translated, "modules/first-steps/module.yml", "You can take a first step today.", "You can take one step today.")  # now out of date
    edit(translated, "modules/first-steps/module.pl.yml", "  - Pomoc jest poufna w jasnych granicach.\n",
         "  - Pomoc jest poufna w jasnych granicach.\n  - I jeszcze jedno.\n")
    assert messages(load(translated)) == [
        "content/modules/first-steps/module.pl.yml:4:3: error: key_points: has 3 items; the source had 2 when the "
        "translation was stamped.\n    hint: Translate each item of the source, in the same order: no more, no fewer."]


def test_without_the_stamped_copy_every_translated_item_is_left_out(translated):
    edit(translated, "site.yml", CHILD + HARM, HARM + CHILD)
    (translated / "content" / ".stamped" / "bffb3cd8849f.json").unlink()
    content = load(translated)
    assert messages(content) == []
    polish = in_polish(content)
    assert [route.when for route in polish.site.urgent_help.routes] == [
        "You, or someone else, may be about to harm themselves", "A child is in danger right now"]
    assert polish.site.urgent_help.title == "Need help now?"  # nor can a single text be checked
    assert shown_in_english(content, "content/site.pl.yml") == [
        "content/site.pl.yml:8:5: warning: urgent_help.routes: every item shown in the source language: no copy of "
        "source version bffb3cd8849f is kept in content/.stamped/, so its items cannot be matched with the "
        "source's.\n    hint: Check that the items follow content/site.yml, item for item, then run "
        "`toolkit translations stamp content/site.pl.yml`.",
        "content/site.pl.yml:37:11: warning: translation.source: 20 texts outside lists shown in the source "
        "language: no "
        "copy of source version bffb3cd8849f is kept in content/.stamped/, so they cannot be checked against the "
        "source's.\n    hint: Check that the translation follows content/site.yml, then run `toolkit translations "
        "stamp content/site.pl.yml`."]


def test_an_unstamped_translation_shows_its_lists_in_english(translated):
    edit(translated, "site.pl.yml", "  source: bffb3cd8849f\n", "")
    content = load(translated)
    polish = in_polish(content)
    assert [route.when for route in polish.site.urgent_help.routes] == [
        "A child is in danger right now", "You, or someone else, may be about to harm themselves"]
    assert (polish.site.name, polish.site.quick_exit.label) == ("Fixture toolkit", "Exit this page")
    assert shown_in_english(content, "content/site.pl.yml") == [
        "content/site.pl.yml:8:5: warning: urgent_help.routes: every item shown in the source language: the "
        "translation has not been stamped, so its items cannot be matched with the source's.\n    hint: Check that "
        "the items follow content/site.yml, item for item, then run `toolkit translations stamp content/site.pl.yml`.",
        "content/site.pl.yml:37:3: warning: translation: 20 texts outside lists shown in the source language: the "
        "translation has not been stamped, so they cannot be checked against the source's.\n    hint: Check that "
        "the translation follows content/site.yml, then run `toolkit translations stamp content/site.pl.yml`."]
