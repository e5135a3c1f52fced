"""A shortcode the renderer would print as typed is a validation error, with the closest valid one: word for word."""

from __future__ import annotations

import pytest

from tests.conftest import build_project
from tests.content.test_validation import edit, load, messages


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("{{ phone: samaritans and talk it through.",
         "content/modules/first-steps/body.md:3:61: error: shortcode '{{ phone: samaritans and talk it through.' "
         "is not closed.\n    hint: Did you mean '{{ phone: samaritans }}'? A shortcode ends with }} on the same "
         "line."),
        ("{{ Phone: samaritans }}",
         "content/modules/first-steps/body.md:3:61: error: unknown shortcode '{{ Phone: samaritans }}'.\n"
         "    hint: Did you mean '{{ phone: samaritans }}'?"),
        ("{ phone: samaritans }",
         "content/modules/first-steps/body.md:3:61: error: '{ phone: samaritans }' has single braces, so it "
         "would be shown as typed.\n    hint: Did you mean '{{ phone: samaritans }}'?"),
        ("{{ phone: samaritans please }}",
         "content/modules/first-steps/body.md:3:61: error: shortcode '{{ phone: samaritans please }}' has more "
         "words than one id.\n    hint: Did you mean '{{ phone: samaritans }}'? Words around a shortcode go "
         "outside its braces."),
        ("{{ phnoe: samaritans }}",
         "content/modules/first-steps/body.md:3:61: error: unknown shortcode '{{ phnoe: samaritans }}'.\n"
         "    hint: Did you mean '{{ phone: samaritans }}'?"),
        ("{{ help-card: samaritans }",
         "content/modules/first-steps/body.md:3:61: error: shortcode '{{ help-card: samaritans } and talk it "
         "through.' is not closed.\n    hint: Did you mean '{{ help-card: samaritans }}'? A shortcode ends with }} "
         "on the same line."),
        ("phone: samaritans }}",
         "content/modules/first-steps/body.md:3:61: error: 'phone: samaritans }}' ends with }} but no shortcode "
         "opens it.\n    hint: Did you mean '{{ phone: samaritans }}'? A shortcode starts with {{."),
        ("{{ }}",
         "content/modules/first-steps/body.md:3:61: error: unknown shortcode '{{ }}'.\n    hint: Shortcodes: "
         "{{ help-card: id }}, {{ phone: id }}, {{ worksheet: id }}, {{ pause }}, {{ organisation }}, "
         "{{ picture: id }}."),
    ],
    ids=["unclosed", "capital", "single-braces", "extra-words", "typo", "one-closing-brace", "not-opened", "empty"],
)
def test_malformed_shortcode(project, written, expected):
    edit(project, "modules/first-steps/body.md", "{{ phone: stop-it-now }} and talk it through.",
         written if "talk" in written else written + " and talk it through.")
    assert messages(load(project)) == [expected]


def test_shortcode_that_takes_no_id(project):
    edit(project, "modules/first-steps/body.md", "{{ pause }}", "{{ pause: now }}")
    assert messages(load(project)) == [
        "content/modules/first-steps/body.md:5:1: error: shortcode '{{ pause: now }}' takes no id.\n"
        "    hint: Did you mean '{{ pause }}'?"]


def test_braces_that_are_not_shortcodes_are_left_alone(project):
    edit(project, "modules/first-steps/body.md", "Many people feel alone with this.",
         "Many people feel alone with this. { width=50% } {#anchor} {: .note } {{ phone:stop-it-now }}")
    assert messages(load(project)) == []


def test_malformed_shortcode_fails_the_build_and_nothing_is_published(project):
    edit(project, "modules/first-steps/body.md", "{{ phone: stop-it-now }}", "{{ phone: stop-it-now")
    result = build_project(project)
    assert not result.ok and not result.published
    assert not (project / "site").exists()
