"""One build reports the problems of every stage together (issue 15): a body with one defect of every kind
the loader and the checks know, and another module whose module.yml fails validation. Messages word for word."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, build_project, copy_content
from tests.content.test_validation import edit
from toolkit.content import load_content
from toolkit.findings import sort_key

BODY = "content/modules/first-steps/body.md"
# Appended to first-steps/body.md, from line 12 on (the fixture's body has 11 lines).
PLANTED = """
Call 0141 496 0000 for the local line, or 07700 900123 after six.
Freephone 0808 1000 901 is the one I meant.
Call 116 124 any time, or text 85259, or call 999 now.
Abroad, phone +33 1 23 45 67 89 first.
In Arabic digits: اتصل ٠٨٠٨ ١٠٠٠ ٩٠١ الآن.
Or [call us](tel:+441414960000) directly, or [0808 800 5000](module:first-steps).
See [the missing page](module:no-such-module) and [that part](module:talking-to-your-child#no-such-part).
<a href="no-such-page.html">the old page</a> and [the old site](http://example.org/help).
![A photo](https://images.example.org/photo.jpg)
<script>alert(1)</script>

{{ phone: samaritans

{{ help-card: stop-it-nw }}

Read [the module left out](module:responding-to-disclosure) too.
At night, call _116 123_ or **0808 800 5000**.
"""
SHORTCODE_HINT = "Numbers come only from the helpline registry: write {{ phone: helpline-id }} or {{ help-card: helpline-id }}."


def near(number: str, helpline: str) -> str:
    return (f"Did you mean '{number}' ({helpline})? Numbers come only from the helpline registry: write "
            f"{{{{ phone: {helpline} }}}} or {{{{ help-card: {helpline} }}}}.")


# What the loader reports, file and line, word for word.
SOURCE_LEVEL = [
    f"{BODY}:13:6: error: phone number '0141 496 0000' is typed into the text.\n    hint: {SHORTCODE_HINT}",
    f"{BODY}:13:43: error: phone number '07700 900123' is typed into the text.\n    hint: {SHORTCODE_HINT}",
    f"{BODY}:14:11: error: phone number '0808 1000 901' is typed into the text.\n"
    f"    hint: {near('0808 1000 900', 'stop-it-now')}",
    f"{BODY}:15:6: error: phone number '116 124' is typed into the text.\n    hint: {near('116 123', 'samaritans')}",
    f"{BODY}:15:32: error: phone number '85259' is typed into the text.\n    hint: {SHORTCODE_HINT}",
    f"{BODY}:15:47: error: phone number '999' is typed into the text.\n    hint: That is the registry's number for "
    "emergency-services. Numbers come only from the helpline registry: write {{ phone: emergency-services }} or "
    "{{ help-card: emergency-services }}.",
    f"{BODY}:16:15: error: phone number '+33 1 23 45 67 89' is typed into the text.\n    hint: {SHORTCODE_HINT}",
    f"{BODY}:17:24: error: phone number '٠٨٠٨ ١٠٠٠ ٩٠١' is typed into the text.\n"
    f"    hint: {near('0808 1000 900', 'stop-it-now')}",
    f"{BODY}:18:14: error: a 'tel:' link is typed into the text.\n"
    "    hint: Write {{ phone: helpline-id }}; the build makes the call link from the registry.",
    f"{BODY}:18:47: error: phone number '0808 800 5000' is typed into the text.\n    hint: {SHORTCODE_HINT}",
    f"{BODY}:19:24: error: unknown module 'no-such-module'.\n    hint: Known module ids: talking-to-your-child, first-steps.",
    f"{BODY}:21:1: error: image 'https://images.example.org/photo.jpg' is on another website.\n"
    "    hint: Save the image in the module folder and use its file name: loading it from elsewhere would tell that "
    "site who reads this page.",
    f"{BODY}:24:1: error: shortcode '{{{{ phone: samaritans' is not closed.\n"
    "    hint: Did you mean '{{ phone: samaritans }}'? A shortcode ends with }} on the same line.",
    f"{BODY}:26:1: error: unknown helpline 'stop-it-nw'.\n    hint: Did you mean 'stop-it-now'?",
    f"{BODY}:29:17: error: phone number '116 123' is typed into the text.\n    hint: That is the registry's number "
    "for samaritans. Numbers come only from the helpline registry: write {{ phone: samaritans }} or "
    "{{ help-card: samaritans }}.",
    f"{BODY}:29:31: error: phone number '0808 800 5000' is typed into the text.\n    hint: {SHORTCODE_HINT}",
]
MODULE_YML = [
    "content/modules/responding-to-disclosure/module.yml:4:8: error: topic: unknown topic 'coping'. Expected one of: "
    "coping-strategies, recognising-risk, where-to-get-help.",
]


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The minimal fixture with every defect planted, and a site/ of an earlier build that must stay as it was."""
    project = copy_content(tmp_path_factory.mktemp("one-run"))
    body = project / BODY
    body.write_text(body.read_text(encoding="utf-8") + PLANTED, encoding="utf-8")
    edit(project, "modules/responding-to-disclosure/module.yml", "topic: recognising-risk", "topic: coping")
    site = project / "site"
    (site / "public").mkdir(parents=True)
    (site / ".toolkit-output").write_text("", encoding="utf-8")
    (site / "public/index.html").write_text("<p>the last good build</p>", encoding="utf-8")
    return project


BUILT = " (on 2 built pages) (in built page public/modules/first-steps.html)"
LINK_HINT = ("    hint: Link to pages by id: [text](module:id#heading), (page:id), (worksheet:id) or (help:id); ids come "
             "from headings.")
# What the checks of built pages report, mapped back to the body's lines.
BUILT_PAGES = [
    f"{BODY}:19:91: error: <a href=\"talking-to-your-child.html#no-such-part\"> 'modules/talking-to-your-child.html' "
    f"has no element with id 'no-such-part'.{BUILT}\n{LINK_HINT}",
    f"{BODY}:20:10: error: <a href=\"no-such-page.html\"> points to 'modules/no-such-page.html', which is not in the "
    f"built site.{BUILT}\n{LINK_HINT}",
    f"{BODY}:20:65: error: 'http://example.org/help' uses http://, which lets anyone on the network see and change "
    f"what the reader gets.{BUILT}\n    hint: Use https://example.org/help (check that it works).",
    f"{BODY}:22:9: error: inline <script> (the policy blocks it).{BUILT}\n"
    "    hint: Move the code to a file under toolkit/theme/assets/.",
]
EVERY_ERROR = sorted(SOURCE_LEVEL + BUILT_PAGES, key=lambda text: [int(n) for n in text.split(":")[1:3]]) + MODULE_YML
LAST_GOOD = {".toolkit-output": "", "public/index.html": "<p>the last good build</p>"}


def published(project) -> dict[str, str]:
    site = project / "site"
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
            for path in site.rglob("*") if path.is_file()}


def run_toolkit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_one_build_reports_every_stage_with_file_and_line(planted):
    result = build_project(planted)
    assert [f.format() for f in sorted(result.findings, key=sort_key) if f.severity.value == "error"] == EVERY_ERROR
    assert not result.ok and not result.published
    assert published(planted) == LAST_GOOD


def errors_printed(stderr: str) -> list[str]:
    """The error paragraphs the command printed, each with its hint, in the order printed."""
    lines = stderr.replace("\n    hint:", "\thint:").split("\n")
    return [line.replace("\thint:", "\n    hint:") for line in lines if ": error: " in line]


def test_one_run_of_the_command_reports_them_too(planted):
    run = run_toolkit("build", "--root", str(planted), "--no-packs")
    assert run.returncode == 1
    assert errors_printed(run.stderr) == EVERY_ERROR
    assert f"{len(EVERY_ERROR)} error(s)," in run.stdout
    assert published(planted) == LAST_GOOD


def test_validate_reports_every_source_level_problem(planted):
    run = run_toolkit("validate", "--root", str(planted))
    assert run.returncode == 1
    assert errors_printed(run.stderr) == SOURCE_LEVEL + MODULE_YML


def test_references_to_unknown_or_left_out_items_are_reported_once(project):
    """Each reference the loader reports is rendered without its target: no built page repeats it as a broken link
    or a missing card, whether the target is unknown or failed validation (and so was left out)."""
    edit(project, "modules/first-steps/module.yml", "helplines: [stop-it-now]", "helplines: [stop-it-now, nope-line]")
    edit(project, "modules/first-steps/module.yml", "read_next: [talking-to-your-child]",
         "read_next: [talking-to-your-child, nope-module]")
    edit(project, "pages/privacy.md", "order: 10", "order: 10\nhelplines: [nope-line]")
    edit(project, "pages/privacy.md", "Nothing.",
         "Nothing. {{ help-card: nope-line }} {{ worksheet: nope }} [x](page:nope) {{ nope: x }} {{ phone }}")
    edit(project, "site.yml", "      helplines: [emergency-services]\n", "      helplines: [emergency-services, nope-line]\n")
    edit(project, "site.yml", "    short: About me\n", "    short: About me\n    start_with: nope-module\n"
         "    call_first: nope-line\n    also_for:\n      label: I'm under 18\n      module: nope-module\n")
    edit(project, "worksheets/coping-plan.yml", "title:", "titel:")  # left out, and shown by first-steps
    edit(project, "helplines.yml", "  - id: samaritans\n", "  - id: samaritans\n    bogus: 1\n")  # left out
    edit(project, "modules/first-steps/body.md", "Many people",
         "{{ phone: samaritans }} [the line](help:samaritans) {{ worksheet: coping-plan }} Many people")
    loaded = [f.format() for f in sorted(load_content(project / "content").findings, key=sort_key)
              if f.severity.value == "error"]
    assert len(loaded) == 15
    result = build_project(project, packs=True)
    assert [f.format() for f in sorted(result.findings, key=sort_key) if f.severity.value == "error"] == loaded
    assert result.compiled and result.packs and not result.published
    assert not (project / "site").exists() and not (project / "packs").exists()


def test_links_to_a_module_left_out_for_its_own_errors_report_only_those_errors(project):
    """A module without a body, or with another folder's id, is left out; a link to it is not also 'unknown'."""
    (project / "content/modules/talking-to-your-child/body.md").unlink()
    edit(project, "modules/responding-to-disclosure/module.yml", "id: responding-to-disclosure", "id: responding")
    edit(project, "modules/first-steps/body.md", "Many people",
         "[Disclosure](module:responding-to-disclosure) and [disclosure](module:responding). Many people")
    assert [f.format() for f in sorted(load_content(project / "content").findings, key=sort_key)
            if f.severity.value == "error"] == [
        "content/modules/responding-to-disclosure/module.yml:1:5: error: id: id 'responding' does not match the "
        "folder name 'responding-to-disclosure'.\n"
        "    hint: Rename the folder to 'responding' or set id: responding-to-disclosure.",
        "content/modules/talking-to-your-child/body.md: error: body.md is missing.\n"
        "    hint: Write the module text in body.md beside module.yml.",
    ]
