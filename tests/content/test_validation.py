"""Every kind of content mistake is reported with file, line, field, message and hint: asserted word for word."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from tests.conftest import MINIMAL, write_tree
from toolkit.content import load_content
from toolkit.findings import Severity, sort_key


def load(project):
    return load_content(project / "content")


def messages(content) -> list[str]:
    return [f.format() for f in sorted(content.findings, key=sort_key) if f.severity is Severity.ERROR]


def edit(project, name: str, old: str, new: str) -> None:
    path = project / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_minimal_fixture_is_valid(project):
    content = load(project)
    assert messages(content) == []
    assert set(content.modules) == {"first-steps", "talking-to-your-child", "responding-to-disclosure"}


def test_yaml_syntax_error_names_line_column_and_hint(project):
    edit(project, "modules/first-steps/module.yml", "topic: coping-strategies", "topic: coping-strategies\n  bad: [")
    assert messages(load(project)) == [
        "content/modules/first-steps/module.yml:5:6: error: YAML syntax error: mapping values are not "
        "allowed here.\n    hint: A value containing ': ' must be in quotes, for example "
        'title: "Help: where to start".'
    ]


def test_wrong_type(project):
    edit(project, "modules/first-steps/module.yml", "order: 100\n" if False else "topic:", "order: soon\ntopic:")
    assert messages(load(project)) == [
        "content/modules/first-steps/module.yml:4:8: error: order: expected a whole number, found 'soon'."
    ]


def test_unknown_key_suggests_the_closest_field(project):
    edit(project, "modules/first-steps/module.yml", "summary:", "sumary:")
    found = messages(load(project))
    assert found == [
        "content/modules/first-steps/module.yml:1:1: error: missing required field 'summary'.\n"
        "    hint: Add 'summary:' (text).",
        "content/modules/first-steps/module.yml:3:1: error: sumary: unknown field 'sumary'.\n"
        "    hint: Did you mean 'summary'? Allowed fields: id, title, summary, topic, audiences, edition, order, "
        "key_points, helplines, worksheets, read_next, review, language.",
    ]


def test_empty_title(project):
    edit(project, "modules/first-steps/module.yml", "title: What can I do today?", 'title: "  "')
    assert messages(load(project)) == [
        "content/modules/first-steps/module.yml:2:8: error: title: must not be empty.\n"
        "    hint: Write the text, or remove the field if it is optional."
    ]


def test_duplicate_helpline_id(project):
    registry = project / "content/helplines.yml"
    text = registry.read_text(encoding="utf-8")
    first_entry = text[text.index("  - id: stop-it-now"):text.index("  - id: emergency-services")]
    registry.write_text(text + first_entry, encoding="utf-8")
    line = text.count("\n") + 1
    assert messages(load(project)) == [
        f"content/helplines.yml:{line}:9: error: helplines[3].id: duplicate helpline id 'stop-it-now' "
        "(first defined in content/helplines.yml line 2).\n"
        "    hint: Each service is listed once; give a different service a different id."
    ]


def test_duplicate_key_in_one_mapping(project):
    edit(project, "modules/first-steps/module.yml", "topic: coping-strategies", "topic: coping-strategies\ntopic: recognising-risk")
    assert messages(load(project)) == [
        "content/modules/first-steps/module.yml:5:1: error: topic: duplicate key 'topic' (first given on line 4).\n"
        "    hint: YAML keeps only the last value; remove or merge one of them."
    ]


def test_duplicate_module_id(project):
    write_tree(project / "content", {
        "modules/copy/module.yml": (MINIMAL / "modules/first-steps/module.yml").read_text(),
        "modules/copy/body.md": "Some text.\n",
    })
    assert messages(load(project)) == [
        "content/modules/copy/module.yml:1:5: error: id: id 'first-steps' does not match the folder name 'copy'.\n"
        "    hint: Rename the folder to 'first-steps' or set id: copy."
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("audiences: [self]", "audiences: [selfs]",
         "content/modules/first-steps/module.yml:5:13: error: audiences[0]: unknown audience 'selfs'. "
         "Expected one of: self, professionals, parents-carers, family-friends.\n    hint: Did you mean 'self'?"),
        ("topic: coping-strategies", "topic: coping",
         "content/modules/first-steps/module.yml:4:8: error: topic: unknown topic 'coping'. "
         "Expected one of: coping-strategies, recognising-risk, where-to-get-help."),
        ("audiences: [self]", "audiences: [self]\nedition: publc",
         "content/modules/first-steps/module.yml:6:10: error: edition: unknown edition 'publc'. "
         "Expected one of: public, professional.\n    hint: Did you mean 'public'?"),
        ("helplines: [stop-it-now]", "helplines: [stopitnow]",
         "content/modules/first-steps/module.yml:9:13: error: helplines[0]: unknown helpline 'stopitnow'.\n"
         "    hint: Did you mean 'stop-it-now'?"),
        ("read_next: [talking-to-your-child]", "read_next: [talking-to-child]",
         "content/modules/first-steps/module.yml:11:13: error: read_next[0]: unknown module 'talking-to-child'.\n"
         "    hint: Did you mean 'talking-to-your-child'?"),
        ("last_reviewed: 2026-11-01", "last_reviewed: 2026-02-30",
         "content/modules/first-steps/module.yml:14:18: error: review.last_reviewed: expected a date like "
         "2026-11-24 (year-month-day), found '2026-02-30'.\n"
         "    hint: Check the month is 01-12 and the day exists in that month."),
    ],
    ids=["audience", "topic", "edition", "helpline-ref", "module-ref", "date"],
)
def test_unknown_values_and_references(project, old, new, expected):
    edit(project, "modules/first-steps/module.yml", old, new)
    assert messages(load(project)) == [expected]


def test_unknown_reference_in_body(project):
    edit(project, "modules/first-steps/body.md", "{{ phone: stop-it-now }}", "{{ phone: stop-it-no }}")
    assert messages(load(project)) == [
        "content/modules/first-steps/body.md:3:61: error: unknown helpline 'stop-it-no'.\n"
        "    hint: Did you mean 'stop-it-now'?"
    ]


def test_unknown_shortcode(project):
    edit(project, "modules/first-steps/body.md", "{{ pause }}", "{{ paus }}")
    assert messages(load(project)) == [
        "content/modules/first-steps/body.md:5:1: error: unknown shortcode '{{ paus }}'.\n"
        "    hint: Did you mean '{{ pause }}'?"
    ]


def test_missing_and_empty_body(project):
    (project / "content/modules/first-steps/body.md").unlink()
    (project / "content/modules/talking-to-your-child/body.md").write_text("  \n", encoding="utf-8")
    assert messages(load(project)) == [
        "content/modules/first-steps/body.md: error: body.md is missing.\n"
        "    hint: Write the module text in body.md beside module.yml.",
        "content/modules/talking-to-your-child/body.md: error: body.md is empty.\n    hint: Write the module text.",
    ]


def test_file_that_is_not_utf8(project):
    (project / "content/modules/first-steps/body.md").write_bytes("Line one\nCaf\xe9\n".encode("latin-1"))
    assert messages(load(project)) == [
        "content/modules/first-steps/body.md:2:4: error: is not UTF-8 text (byte 0xe9 cannot be read).\n"
        "    hint: Save the file as UTF-8 in your editor (in Word-like editors: 'Save as... Plain text, UTF-8')."
    ]


def test_symlink_outside_content(project, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: x\n---\nsecret\n", encoding="utf-8")
    os.symlink(secret, project / "content/pages/leak.md")
    assert messages(load(project)) == [
        f"content/pages/leak.md: error: is a link to '{secret}', which is outside content/.\n"
        "    hint: Copy the file into content/ instead of linking to it; the build reads only content/."
    ]


def test_link_outside_content(project):
    edit(project, "modules/first-steps/body.md", "Many people", "[notes](../../../notes.md) Many people")
    assert messages(load(project)) == [
        "content/modules/first-steps/body.md:3:1: error: link '../../../notes.md' points outside content/.\n"
        "    hint: Link to other pages by id, for example [text](module:some-id)."
    ]


def test_phone_number_typed_in_prose(project):
    edit(project, "modules/first-steps/body.md", "and talk it through.", "or ring 0808 1000 90.")
    assert messages(load(project)) == [
        "content/modules/first-steps/body.md:3:94: error: phone number '0808 1000 90' is typed into the text.\n"
        "    hint: Did you mean '0808 1000 900' (stop-it-now)? Numbers come only from the helpline registry: "
        "write {{ phone: stop-it-now }} or {{ help-card: stop-it-now }}."
    ]


def test_image_without_alt_text(project):
    Image.new("RGB", (4, 4)).save(project / "content/modules/first-steps/plan.png")
    edit(project, "modules/first-steps/body.md", "Many people", "![](plan.png)\n\nMany people")
    assert messages(load(project)) == [
        "content/modules/first-steps/body.md:3:1: error: image 'plan.png' has no alt text.\n"
        "    hint: Describe the image in the brackets: ![what it shows](file.png). If it is only decoration, "
        "write ![](file.png){: .decorative }."
    ]


def test_all_problems_reported_together(project):
    edit(project, "modules/first-steps/module.yml", "topic: coping-strategies", "topic: coping")
    edit(project, "modules/talking-to-your-child/module.yml", "title: How do I talk to my child?", "titel: x")
    edit(project, "helplines.yml", "status: verified\n      checked: 2026-11-01\n      method: Fixture",
         "status: verifed")
    found = messages(load(project))
    assert len(found) == 4
    assert [m.split(":", 1)[0] for m in found] == [
        "content/helplines.yml",
        "content/modules/first-steps/module.yml",
        "content/modules/talking-to-your-child/module.yml",
        "content/modules/talking-to-your-child/module.yml",
    ]



def test_an_urgent_line_names_known_audiences(project):
    edit(project, "site.yml", "      helplines: [emergency-services]\n",
         "      helplines: [emergency-services]\n      audiences: [selff]\n")
    assert messages(load(project)) == [
        "content/site.yml:25:19: error: urgent_help.routes[0].audiences[0]: unknown audience 'selff'. "
        "Expected one of: self, professionals, parents-carers, family-friends.\n    hint: Did you mean 'self'?",
    ]


def test_a_marked_route_leads_to_a_known_module(project):
    edit(project, "site.yml", "    short: About me\n",
         "    short: About me\n    also_for:\n      label: I'm under 18\n      module: under-18\n")
    assert messages(load(project)) == [
        "content/site.yml:34:15: error: audiences.self.also_for.module: unknown module 'under-18'.\n"
        "    hint: Known module ids: talking-to-your-child, responding-to-disclosure, first-steps.",
    ]
