"""YAML text fields are plain text, and ids are safe file names: asserted word for word, against the YAML field."""

from __future__ import annotations

import pytest

from tests.conftest import build_project
from tests.content.test_validation import edit, load, messages

MARKUP_HINT = ("    hint: This field is plain text: HTML and Markdown are not run here, and would be shown as typed or "
               "change every page. Write plain words; put links and formatting in a body.md or page.")
INVISIBLE_HINT = ("    hint: Delete it (retype the words around it if you cannot see it): it may have come in with "
                  "text copied from a web page or a document. Such characters break pages and file names, or make "
                  "text read differently from what it says.")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("modules/first-steps/module.yml", "title: What can I do today?",
         'title: "What can I do today?<script src=/t.js></script>"',
         "content/modules/first-steps/module.yml:2:8: error: title: holds HTML markup ('<script src=/t.js>'); "
         "this field is plain text."),
        ("modules/first-steps/module.yml", "summary: Three small steps",
         "summary: Three <img src=https://tracker.example/p.gif> small steps",
         "content/modules/first-steps/module.yml:3:10: error: summary: holds HTML markup "
         "('<img src=https://tracker.ex...'); this field is plain text."),
        ("modules/first-steps/module.yml", "  - You can take a first step today.",
         "  - You can take a **first** step today.",
         "content/modules/first-steps/module.yml:7:5: error: key_points[0]: holds Markdown formatting ('**'); "
         "this field is plain text."),
        ("site.yml", "banner: Professional edition.",
         "banner: Professional edition. <a href=\"https://example.org\">More</a>",
         "content/site.yml:62:13: error: editions.professional.banner: holds HTML markup "
         "('<a href=\"https://example.org\">'); this field is plain text."),
        ("site.yml", "intro: You have taken a brave first step.",
         "intro: You have taken a [brave first step](https://example.org).",
         "content/site.yml:32:12: error: audiences.self.intro: holds a Markdown link ('[brave first step](');"
         " this field is plain text."),
        ("site.yml", "intro: Signs to notice,", "intro: Signs to &lt;notice&gt;,",
         "content/site.yml:49:12: error: topics.recognising-risk.intro: holds an HTML character reference "
         "('&lt;'); this field is plain text."),
        ("site.yml", "title: Need help now?", "title: 'Need help now? {{ phone: samaritans }}'",
         "content/site.yml:21:10: error: urgent_help.title: holds a shortcode ('{{ phone: samaritans }}'); "
         "this field is plain text."),
        ("worksheets/coping-plan.yml", "title: My coping plan", "title: My `coping` plan",
         "content/worksheets/coping-plan.yml:2:8: error: title: holds Markdown code ('`coping`'); "
         "this field is plain text."),
        ("pages/privacy.md", "summary: What this site does", "summary: <!-- x --> What this site does",
         "content/pages/privacy.md:3:10: error: summary: holds HTML markup ('<!--'); this field is plain text."),
        ("site.yml", "short: About me", "short: \"# About me\"",
         "content/site.yml:31:12: error: audiences.self.short: holds a Markdown heading ('#'); "
         "this field is plain text."),
    ],
    ids=["script-in-title", "tracker-in-summary", "bold-key-point", "link-in-banner", "markdown-in-intro",
         "entity-in-topic", "shortcode-in-yaml", "code-in-worksheet", "comment-in-front-matter", "heading"],
)
def test_markup_in_a_text_field_names_the_field(project, file, old, new, expected):
    edit(project, file, old, new)
    assert messages(load(project)) == [expected + "\n" + MARKUP_HINT]


@pytest.mark.parametrize(
    "text",
    ["Help: where to start", "I'm worried about a child's behaviour", "Ages 5 * 3", "a < b and c > d",
     "Fish & chips", "self_harm_notes", "[Organisation name]", "#1 priority", "C#"],
)
def test_plain_text_that_looks_a_little_like_markup_is_accepted(project, text):
    edit(project, "modules/first-steps/module.yml", "summary: Three small steps you can take today to stay safe "
         "and get support.", f'summary: "{text}"')
    assert messages(load(project)) == []


def test_script_in_a_title_fails_the_build_at_the_yaml_field_not_the_page(project):
    edit(project, "modules/first-steps/module.yml", "title: What can I do today?",
         'title: "What can I do today? <script>alert(1)</script>"')
    result = build_project(project)
    assert not result.ok and not result.published
    assert [f.format() for f in result.findings if f.severity.value == "error"] == [
        "content/modules/first-steps/module.yml:2:8: error: title: holds HTML markup ('<script>'); "
        "this field is plain text.\n" + MARKUP_HINT]
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("modules/first-steps/module.yml", "title: What can I do today?", r'title: "What can I do \e[31mtoday?"',
         "content/modules/first-steps/module.yml:2:8: error: title: contains the control character "
         "U+001B (ESCAPE) at character 15."),
        ("modules/first-steps/module.yml", "title: What can I do today?", r'title: "What can I do\ftoday?"',
         "content/modules/first-steps/module.yml:2:8: error: title: contains the control character "
         "U+000C (FORM FEED) at character 14."),
        ("modules/first-steps/module.yml", "title: What can I do today?", "title: What can I do \u202etoday?",
         "content/modules/first-steps/module.yml:2:8: error: title: contains the invisible character "
         "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 15."),
        ("modules/first-steps/module.yml", "title: What can I do today?", "title: What can I\u200b do today?",
         "content/modules/first-steps/module.yml:2:8: error: title: contains the invisible character "
         "U+200B (ZERO WIDTH SPACE) at character 11."),
        ("site.yml", "name: Fixture toolkit", r'name: "Fixture\u0085toolkit"',
         "content/site.yml:3:7: error: name: contains the control character U+0085 (NEXT LINE) at character 8."),
        ("worksheets/coping-plan.yml", "id: coping-plan", r'id: "coping-plan\u2066"',
         "content/worksheets/coping-plan.yml:1:5: error: id: contains the invisible character "
         "U+2066 (LEFT-TO-RIGHT ISOLATE) at character 12."),
        ("worksheets/coping-plan.yml", "id: coping-plan", r'id: "coping\u200fplan"',
         "content/worksheets/coping-plan.yml:1:5: error: id: contains the invisible character "
         "U+200F (RIGHT-TO-LEFT MARK) at character 7."),
        ("modules/first-steps/module.yml", "summary: Three small steps you can take today to stay safe and get support.",
         r'summary: "\uFDD0Three small steps"',
         "content/modules/first-steps/module.yml:3:10: error: summary: contains the invisible character "
         "U+FDD0 at character 1."),
        # Several different ones, repeated: the first in the text is named, whichever is judged first.
        ("modules/first-steps/module.yml", "title: What can I do today?",
         "title: What\u200b can\u202e I\u200b do\u202e today\u200b?",
         "content/modules/first-steps/module.yml:2:8: error: title: contains the invisible character "
         "U+200B (ZERO WIDTH SPACE) at character 5."),
        ("modules/first-steps/module.yml", "title: What can I do today?",
         "title: What\u202e can\u200b I\u202e do\u200b today\u202e?",
         "content/modules/first-steps/module.yml:2:8: error: title: contains the invisible character "
         "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 5."),
    ],
    ids=["escape", "form-feed", "rtl-override", "zero-width-space", "c1-next-line", "isolate-in-id", "mark-in-id",
         "noncharacter", "first-of-several", "first-of-several-other-way"],
)
def test_control_and_invisible_characters_are_named_by_code_point(project, file, old, new, expected):
    edit(project, file, old, new)
    assert messages(load(project)) == [expected + "\n" + INVISIBLE_HINT]


def test_joiners_used_by_scripts_and_emoji_are_allowed(project):
    edit(project, "modules/first-steps/module.yml", "title: What can I do today?",
         "title: \"What can I do today? \U0001F469\u200d\U0001F467\"")
    assert messages(load(project)) == []


def test_direction_marks_right_to_left_text_needs_are_allowed_in_text_fields(project):
    edit(project, "modules/first-steps/module.yml", "title: What can I do today?",
         r'title: "\u0627\u062a\u0635\u0644 \u0628\u0640\u200e999\u200f \u061c\u0627\u0644\u0622\u0646\u200e"')
    assert messages(load(project)) == []


def test_an_id_longer_than_every_file_system_allows_the_offline_copy(project):
    long_id = "a" + "-very-long-name" * 5  # 76 characters
    sheet = (project / "content/worksheets/coping-plan.yml").read_text(encoding="utf-8")
    (project / f"content/worksheets/{long_id}.yml").write_text(sheet.replace("id: coping-plan", f"id: {long_id}"))
    assert messages(load(project)) == [(
        f"content/worksheets/{long_id}.yml:1:5: error: id: is 76 characters long; at most 64 are allowed.\n"
        "    hint: Ids become file names, and the offline copy must unpack on every system: use a few words, "
        "like 'managing-urges'.")]


def test_an_id_windows_keeps_for_a_device(project):
    sheet = (project / "content/worksheets/coping-plan.yml").read_text(encoding="utf-8")
    (project / "content/worksheets/aux.yml").write_text(sheet.replace("id: coping-plan", "id: aux"))
    assert messages(load(project)) == [
        "content/worksheets/aux.yml:1:5: error: id: 'aux' is a name Windows keeps for a device: no file can be "
        "called 'aux.html' there.\n    hint: Add a word, for example 'aux-guide'."]


def test_control_characters_and_direction_overrides_in_a_body(project):
    edit(project, "modules/first-steps/body.md", "Many people feel alone",
         "Many \x1b[2Jpeople\x0c feel \u202ealone")
    assert messages(load(project)) == [
        "content/modules/first-steps/body.md:3:6: error: contains the control character U+001B (ESCAPE).\n"
        + INVISIBLE_HINT,
        "content/modules/first-steps/body.md:3:16: error: contains the control character U+000C (FORM FEED).\n"
        + INVISIBLE_HINT,
        "content/modules/first-steps/body.md:3:23: error: contains the invisible character U+202E "
        "(RIGHT-TO-LEFT OVERRIDE).\n" + INVISIBLE_HINT,
    ]


def test_a_web_address_that_would_break_out_of_its_attribute(project):
    edit(project, "site.yml", "destination: https://www.bbc.co.uk/weather",
         "destination: 'https://www.bbc.co.uk/weather\"onmouseover=\"alert(1)'")
    assert messages(load(project)) == [
        "content/site.yml:18:16: error: quick_exit.destination: 'https://www.bbc.co.uk/weather\"onmouse...' holds "
        "'\"', which a web address cannot hold as it is.\n    hint: Copy the address from the browser's address bar: "
        "it writes such characters encoded (%22 for a quote, %3C and %3E for < and >)."]
