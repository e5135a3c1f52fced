"""Bad translations: each a clear error with file, line, field and hint, asserted word for word."""

from __future__ import annotations

from tests.conftest import write_tree
from tests.content.test_validation import edit, load, messages
from toolkit.content.strings import load_strings
from toolkit.findings import sort_key


def test_translated_fixture_is_valid(translated):
    content = load(translated)
    assert messages(content) == []
    assert sorted(key for key in content.variants if key[2] == "pl") == [
        ("helpline", "emergency-services", "pl"), ("helpline", "stop-it-now", "pl"),
        ("module", "first-steps", "pl"), ("module", "talking-to-your-child", "pl"),
        ("page", "privacy", "pl"), ("site", "", "pl"), ("worksheet", "coping-plan", "pl")]
    assert [language.dir for language in content.languages] == ["ltr", "ltr", "rtl"]


def test_unknown_language_tag_in_site_yml(translated):
    edit(translated, "site.yml", "  - tag: pl\n", "  - tag: xq\n")
    found = messages(load(translated))
    assert [text for text in found if text.startswith("content/site.yml")] == [
        "content/site.yml:10:10: error: languages[1].tag: unknown language tag 'xq'.\n"
        "    hint: Use a BCP 47 tag that CLDR knows, such as en-GB, pl, ar, ur, cy or gd."]
    # The Polish files now name a language that is not published: each is reported too.
    assert len(found) == 7


def test_translation_file_in_a_language_not_published(translated):
    write_tree(translated / "content", {"worksheets/coping-plan.de.yml": "title: Mein Plan\n"})
    assert messages(load(translated)) == [
        "content/worksheets/coping-plan.de.yml: error: unknown language 'de': it is not listed under "
        "languages: in site.yml.\n    hint: Translation languages: pl, ar. Add 'de' to site.yml, or rename the file."]


def test_direction_that_contradicts_the_script(translated):
    edit(translated, "site.yml", "    dir: rtl\n", "    dir: ltr\n")
    assert messages(load(translated)) == [
        "content/site.yml:15:10: error: languages[2].dir: direction 'ltr' contradicts the script of 'ar', "
        "which is written right to left.\n    hint: Write dir: rtl."]


def test_translation_of_a_module_that_does_not_exist(translated):
    write_tree(translated / "content", {"modules/ghost/module.pl.yml": "title: Duch\n",
                                        "modules/ghost/body.pl.md": "## Duch?\n\nTekst.\n"})
    assert messages(load(translated)) == [
        "content/modules/ghost/module.pl.yml: error: translation of a module that does not exist: there is no "
        "module.yml in content/modules/ghost/.\n    hint: A translation sits beside its source; check the folder "
        "name, or write the module in the source language first."]


def test_translation_of_a_worksheet_that_does_not_exist(translated):
    write_tree(translated / "content", {"worksheets/coping-plans.pl.yml": "title: Plan\n"})
    assert messages(load(translated)) == [
        "content/worksheets/coping-plans.pl.yml: error: translation of a worksheet that does not exist: there is "
        "no coping-plans.yml beside it.\n    hint: Did you mean 'coping-plan'?"]


def test_translation_of_a_helpline_not_in_the_registry(translated):
    edit(translated, "helplines.pl.yml", "  emergency-services:", "  emergency-service:")
    assert messages(load(translated)) == [
        "content/helplines.pl.yml:11:5: error: helplines.emergency-service: translation of helpline "
        "'emergency-service', which is not in the registry.\n    hint: Did you mean 'emergency-services'?"]


def test_translation_repeats_a_field_that_is_not_translated(translated):
    edit(translated, "modules/first-steps/module.pl.yml", "key_points:", "topic: coping-strategies\nkey_points:")
    assert messages(load(translated)) == [
        "content/modules/first-steps/module.pl.yml:3:1: error: topic: 'topic' is not translated: it comes from "
        "the source.\n    hint: Remove 'topic'. A translation holds only the human text of its source: title, "
        "summary, key_points, translation."]


def test_translation_field_the_source_does_not_have(translated):
    edit(translated, "helplines.pl.yml", "  emergency-services:\n", "  emergency-services:\n    hours:\n"
         "      note: Zawsze.\n")
    assert messages(load(translated)) == [
        "content/helplines.pl.yml:12:13: error: helplines.emergency-services.hours.note: the source has no such field.\n"
        "    hint: Remove it from the translation, or add it to the source first."]


def test_translated_list_of_another_length(translated):
    edit(translated, "modules/first-steps/module.pl.yml", "  - Pomoc jest poufna w jasnych granicach.\n",
         "  - Pomoc jest poufna w jasnych granicach.\n  - I jeszcze jedno.\n")
    assert messages(load(translated)) == [
        "content/modules/first-steps/module.pl.yml:4:3: error: key_points: has 3 items; the source has 2.\n"
        "    hint: Translate each item of the source, in the same order: no more, no fewer."]


def test_translated_body_types_a_number_and_links_an_untranslated_module(translated):
    edit(translated, "modules/first-steps/body.pl.md", "i porozmawiać.", "i porozmawiać, 0808 1000 900.")
    edit(translated, "modules/first-steps/body.pl.md", "(module:talking-to-your-child#co-mam-powiedzieć)",
         "(module:responding-to-disclosure)")
    assert messages(load(translated)) == [
        "content/modules/first-steps/body.pl.md:3:118: error: phone number '0808 1000 900' is typed into the text.\n"
        "    hint: That is the registry's number for stop-it-now. Numbers come only from the helpline registry: "
        "write {{ phone: stop-it-now }} or {{ help-card: stop-it-now }}.",
        "content/modules/first-steps/body.pl.md:11:37: error: link to module 'responding-to-disclosure', which is "
        "not translated into 'pl'.\n    hint: A module that is not translated is left out of that language: link to "
        "a translated module, or translate this one first."]


def test_translation_of_a_page_whose_source_fails_reports_only_the_source(translated):
    edit(translated, "pages/privacy.md", "title: Privacy and staying safe online\n", "")
    assert messages(load(translated)) == [
        "content/pages/privacy.md:2:1: error: missing required field 'title'.\n    hint: Add 'title:' (text)."]


def test_translated_public_body_cannot_show_a_professional_only_service(translated):
    edit(translated, "helplines.yml", "    description: Someone to talk to, at any time.\n",
         "    description: Someone to talk to, at any time.\n    edition: professional\n")
    edit(translated, "modules/talking-to-your-child/body.pl.md", "{{ help-card: stop-it-now }}",
         "{{ help-card: samaritans }}")
    assert "content/modules/talking-to-your-child/body.pl.md:5:1: error: 'samaritans' is a professional-only " \
           "service, but this module is in the public edition.\n    hint: Choose a public service, or set " \
           "edition: professional where it is used." in messages(load(translated))


def test_reviewed_translation_without_a_reviewer(translated):
    edit(translated, "pages/privacy.pl.md", "  status: draft", "  status: reviewed")
    assert messages(load(translated)) == [
        "content/pages/privacy.pl.md:6:11: error: translation.status: a reviewed translation must say who "
        "reviewed it.\n    hint: Add reviewed_by: (a role is enough), or set status: draft."]


def test_strings_file_with_missing_and_extra_keys(tmp_path):
    reference = "translation:\n  status: reviewed\n  reviewed_by: Team\nstrings:\n  page:\n    skip: Skip\n" \
                "    menu: Menu\n  search:\n    title: Search\n"
    write_tree(tmp_path, {"en-GB.yml": reference,
                          "pl.yml": "translation:\n  status: draft\nstrings:\n  page:\n    skip: Przejdź\n"
                                    "    menu: Menu\n    manu: Menu\n"})
    findings = []
    assert list(load_strings(["en-GB", "pl", "ar"], findings, tmp_path)) == ["en-GB"]
    assert [f.format() for f in sorted(findings, key=sort_key)] == [
        "toolkit/strings/ar.yml: error: no strings file for language 'ar'.\n    hint: Copy toolkit/strings/en-GB.yml "
        "to toolkit/strings/ar.yml and translate each text (keep the keys and any {name} as they are).",
        "toolkit/strings/pl.yml:1: error: missing keys: search.title.\n    hint: Add each one with its text in "
        "this language, as in toolkit/strings/en-GB.yml.",
        "toolkit/strings/pl.yml:7:5: error: strings.page.manu: unknown key 'page.manu': toolkit/strings/en-GB.yml "
        "has no such key.\n    hint: Remove it, or check its spelling and the group it is in."]


def test_shipped_strings_files_have_the_same_keys():
    findings = []
    loaded = load_strings(["en-GB", "pl", "ar"], findings)
    assert findings == []
    assert loaded["pl"].status == "draft" and loaded["ar"].status == "draft"
    assert loaded["pl"].text("help.checked", date="1 grudnia 2026") == "Dane sprawdzone w tej usłudze 1 grudnia 2026."
