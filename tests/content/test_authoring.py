"""The author's tools: `toolkit new` scaffolds that validate and publish, and the `toolkit review` desk."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, build_project
from tests.content.test_validation import edit
from toolkit.cli import main


def new(project, *args) -> int:
    return main(["new", *args, "--root", str(project)])


def test_a_new_module_validates_and_reaches_its_audience_page(project, capsys):
    assert new(project, "module", "--id", "bedtime-worries", "--audience", "parents-carers",
               "--topic", "coping-strategies", "--title", "What if bedtime worries me?") == 0
    out = capsys.readouterr().out
    folder = project / "content" / "modules" / "bedtime-worries"
    assert out.splitlines()[:2] == [f"wrote {folder / 'module.yml'}", f"wrote {folder / 'body.md'}"]
    assert out.splitlines()[2].startswith("Next: replace every [Write ...] text in module.yml and body.md")
    assert main(["validate", "--root", str(project)]) == 0
    assert "0 error(s)" in capsys.readouterr().out

    result = build_project(project)
    assert result.ok, [f.format() for f in result.findings if f.severity.value == "error"]
    audience_page = (project / "site" / "public" / "parents-carers" / "index.html").read_text(encoding="utf-8")
    assert 'href="../modules/bedtime-worries.html"' in audience_page
    page = (project / "site" / "public" / "modules" / "bedtime-worries.html").read_text(encoding="utf-8")
    assert "What if bedtime worries me?" in page
    assert 'id="help-stop-it-now"' in page  # the audience's first service, as a help card
    assert "Pause here if you need to." in page
    scaffold = sorted(f.format() for f in result.findings if f.check == "placeholders" and "scaffold" in f.message)
    assert scaffold == [
        "content/modules/bedtime-worries/body.md:1: warning: 4 line(s) still have scaffold text '[Write ...]'.\n"
        "    hint: Replace each [Write ...] with the real text, or delete it.",
        "content/modules/bedtime-worries/module.yml:4: warning: 5 line(s) still have scaffold text '[Write ...]'.\n"
        "    hint: Replace each [Write ...] with the real text, or delete it.",
    ]
    release = build_project(project, release=True)
    assert not release.ok
    assert any(f.check == "placeholders" and "scaffold" in f.message and f.severity.value == "error"
               for f in release.findings)


@pytest.mark.parametrize(("kind", "args", "file"), [
    ("worksheet", ["--audience", "self"], "worksheets/my-plan.yml"),
    ("page", [], "pages/my-plan.md"),
    ("helpline", ["--audience", "self", "--region", "scotland", "--title", "Local Line"], "helplines.yml"),
])
def test_every_scaffold_validates(project, capsys, kind, args, file):
    assert new(project, kind, "--id", "my-plan", *args) == 0
    assert capsys.readouterr().out.startswith(f"wrote {project / 'content' / file}\n")
    assert main(["validate", "--root", str(project)]) == 0
    assert " 0 error(s)" in capsys.readouterr().out


def test_a_title_with_quotes_and_a_colon_validates(project, capsys):
    assert new(project, "page", "--id", "saying-no", "--title", 'Can I say "no"? Yes: always #1') == 0
    assert main(["validate", "--root", str(project)]) == 0
    assert " 0 error(s)" in capsys.readouterr().out
    assert main(["build", "--root", str(project), "--no-packs"]) == 0
    assert '>Can I say "no"? Yes: always #1</h1>' in (project / "site/public/saying-no.html").read_text(
        encoding="utf-8")


def test_a_new_helpline_beside_a_registry_that_does_not_load_is_written_without_a_traceback(project):
    registry = project / "content/helplines.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + "  - id: [broken\n", encoding="utf-8")
    assert new(project, "helpline", "--id", "local-line", "--audience", "self", "--region", "scotland") == 0
    assert '\n  - id: "local-line"\n' in registry.read_text(encoding="utf-8")


def test_a_new_helpline_has_no_facts_and_stays_unverified(project):
    assert new(project, "helpline", "--id", "local-line", "--audience", "self", "--region", "scotland") == 0
    registry = (project / "content" / "helplines.yml").read_text(encoding="utf-8")
    entry = registry[registry.index('- id: "local-line"'):]
    assert "status: unverified" in entry
    for fact in ("phones:", "number:", "website:", "hours:"):
        assert f"\n    {fact}" not in entry


@pytest.mark.parametrize(("args", "message"), [
    (["module", "--id", "first-steps", "--audience", "self", "--topic", "coping-strategies"],
     "toolkit new module: error: a module with id 'first-steps' already exists: {content}/modules/first-steps. "
     "Choose another id."),
    (["module", "--id", "First Steps", "--audience", "self", "--topic", "coping-strategies"],
     "toolkit new module: error: 'First Steps' is not a valid id: use lower-case letters, digits and single "
     "hyphens, at most 64 characters, like 'managing-urges'."),
    (["helpline", "--id", "stop-it-now", "--audience", "self", "--region", "uk"],
     "toolkit new helpline: error: a helpline with id 'stop-it-now' already exists: {content}/helplines.yml. "
     "Choose another id."),
    (["helpline", "--id", "local-line", "--audience", "self", "--region", "scotlnd"],
     "toolkit new helpline: error: unknown region 'scotlnd'. Did you mean 'scotland'? Choose one of: scotland, "
     "northern-ireland, england, local, england-wales, wales, uk."),
    (["module", "--id", "a" + "-very-long-name" * 5, "--audience", "self", "--topic", "coping-strategies"],
     "toolkit new module: error: 'a-very-long-name-very-long-name-very-long-name-very-long-name-very-long-name' "
     "is not a valid id: use lower-case letters, digits and single hyphens, at most 64 characters, like "
     "'managing-urges'."),
    (["worksheet", "--id", "con", "--audience", "self"],
     "toolkit new worksheet: error: 'con' is a name Windows keeps for a device: no file can be called 'con.html' "
     "there. Add a word, for example 'con-guide'."),
    (["page", "--id", "search"],
     "toolkit new page: error: page 'search' has the name of the search page, which the build makes and this page "
     "would replace. Choose another file name; the build's own pages are index, search, a-z, help, 404."),
    (["module", "--id", "new-one", "--audience", "self"],
     "toolkit new module: error: missing --topic (or run it in a terminal to be asked)."),
])
def test_bad_requests_are_usage_errors_and_write_nothing(project, capsys, args, message):
    before = sorted(p.relative_to(project) for p in (project / "content").rglob("*"))
    registry = (project / "content" / "helplines.yml").read_bytes()
    assert new(project, *args) == 2
    assert capsys.readouterr().err.strip() == message.format(content=project / "content")
    assert sorted(p.relative_to(project) for p in (project / "content").rglob("*")) == before
    assert (project / "content" / "helplines.yml").read_bytes() == registry


def test_review_desk_lists_by_owner_overdue_first_with_csv_and_calendar(project, capsys):
    (project / "link-cache.json").write_text(json.dumps({"version": 1, "links": {
        "https://www.stopitnow.org.uk/scotland": {"outcome": "ok", "status": 200, "checked_at": "2026-11-20T10:00:00Z"}}}),
        encoding="utf-8")
    out = project / "desk"
    assert main(["review", "--root", str(project), "--today", "2026-12-10", "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:9] == [
        "Helpline registry:",
        "  now         never reviewed       helpline   samaritans",
        "  2027-04-30  ok                   helpline   emergency-services",
        "  2027-04-30  ok                   helpline   stop-it-now",
        "Practice lead:",
        "  2027-04-30  ok                   module     responding-to-disclosure",
        "  2027-04-30  ok                   module     talking-to-your-child",
        "  2027-05-01  ok                   module     first-steps",
        "Site maintainer:",
    ]
    assert printed[9] == "  2026-12-20  due in 10 days       link-cache link-cache"
    assert printed[10] == "What each review means:"
    assert printed[-1] == (f"7 review(s), 1 overdue or never done. Wrote {out / 'review.csv'} and "
                           f"{out / 'review.ics'}.")
    csv_lines = (out / "review.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0] == "owner,due,state,kind,id,title,last_reviewed,file,what_to_do"
    assert csv_lines[1] == ('Helpline registry,,never reviewed,helpline,samaritans,Samaritans,,content/helplines.yml,'
                            '"Confirm the numbers, hours, costs and confidentiality terms with the service itself."')
    assert len(csv_lines) == 8

    calendar = (out / "review.ics").read_bytes()
    lines = calendar.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert calendar.count(b"BEGIN:VEVENT") == 7
    assert all(len(line) <= 75 for line in lines)
    unfolded = calendar.decode("utf-8").replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20261210\r\nDTEND;VALUE=DATE:20261211\r\nSUMMARY:Review due: Samaritans (helpline)" \
        in unfolded
    assert "DTSTART;VALUE=DATE:20270501\r\n" in unfolded  # first-steps, on its own next_review date
    assert "Confirm the numbers\\, hours\\, costs and confidentiality terms" in unfolded


def test_review_desk_with_release_fails_while_anything_is_overdue(project, capsys):
    assert main(["review", "--root", str(project), "--release", "--today", str(dt.date(2026, 12, 10))]) == 1
    assert capsys.readouterr().err.strip() == ("toolkit review: error: 2 review(s) overdue; a release needs every "
                                               "one done.")


def test_review_desk_refuses_content_with_errors(project, capsys):
    edit(project, "modules/first-steps/module.yml", "title: What can I do today?", "title: ''")
    assert main(["review", "--root", str(project), "--out", str(project / "desk")]) == 1
    err = capsys.readouterr().err
    assert "content/modules/first-steps/module.yml:2:8: error: title: must not be empty." in err
    assert err.strip().endswith("toolkit review: error: the content has errors; fix them first, so that no review "
                                "is left out.")
    assert not (project / "desk").exists()


def test_review_desk_names_files_in_the_content_folder_given(project, capsys):
    (project / "content").rename(project / "texts")
    out = project / "desk"
    assert main(["review", "--root", str(project), "--content", str(project / "texts"), "--today", "2026-12-10",
                 "--out", str(out)]) == 0
    csv_lines = (out / "review.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[1].split(",")[7] == "texts/helplines.yml"
    assert any(",texts/modules/first-steps/module.yml," in line for line in csv_lines)


def test_review_desk_counts_a_placeholder_reviewer_as_no_review(project, capsys):
    meta = project / "content" / "modules" / "first-steps" / "module.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("owner: Practice lead", "owner: Practice lead (placeholder)"),
                    encoding="utf-8")
    assert main(["review", "--root", str(project), "--today", "2026-12-10", "--out", str(project / "desk")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[printed.index("Practice lead (placeholder):") + 1] == (
        "  now         never reviewed       module     first-steps")


def readme_step(number: int) -> str:
    """Step `number` of the README's 'Adding a module, step by step'."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### Adding a module, step by step", 1)[1]
    return re.search(rf"^{number}\. (.*)$", section, re.M).group(1)


def test_a_new_author_following_the_readme_publishes_a_module(project):
    """The README's steps, run as a new author would run them: the real command line, from the project folder."""
    command = re.match(r"`\.venv/bin/python -m toolkit (new module [^`]+)`", readme_step(1)).group(1).split()
    assert command[:4] == ["new", "module", "--id", "bedtime-worries"]

    def toolkit(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "toolkit", *args, "--root", str(project)], cwd=ROOT,
                              capture_output=True, text=True, timeout=300)

    assert toolkit(*command).returncode == 0
    folder = project / "content/modules/bedtime-worries"
    # Steps 2 and 3: every [Write ...] replaced, worksheets and read_next by the ids the README says where to find.
    assert "file name in `content/worksheets/` without `.yml`" in readme_step(2)
    meta = (folder / "module.yml").read_text(encoding="utf-8")
    for scaffold, text in (("[Write the question this module answers?]", "What if bedtime worries me?"),
                           ("[Write one line saying what this module is for.]", "Calm first steps at bedtime."),
                           ("[Write the first thing a reader should take away, in one short sentence.]",
                            "Most worries have a simple answer."),
                           ("[Write the second.]", "Stay calm."), ("[Write the third.]", "Ask for advice."),
                           ("[Write the role that reviews this module, for example Practice lead]", "Practice lead"),
                           ("worksheets: []", "worksheets: [coping-plan]"), ("read_next: []", "read_next: [first-steps]")):
        assert scaffold in meta
        meta = meta.replace(scaffold, text)
    (folder / "module.yml").write_text(meta, encoding="utf-8")
    body = (folder / "body.md").read_text(encoding="utf-8")
    body = re.sub(r"\[Write [^\]]*\?\]", "Is this normal at bedtime?", body)
    body = re.sub(r"\[Write [^\]]*\]", "Young children often want comfort when they are tired. Stay calm.", body)
    (folder / "body.md").write_text(body, encoding="utf-8")

    validate = toolkit("validate")  # step 4
    assert validate.returncode == 0 and " 0 error(s)" in validate.stdout, validate.stderr
    build = toolkit("build", "--no-packs")  # step 5
    assert build.returncode == 0, build.stderr
    assert "scaffold text" not in build.stderr
    site = project / "site/public"
    for listing in ("parents-carers/index.html", "topics/coping-strategies.html"):
        assert 'href="../modules/bedtime-worries.html"' in (site / listing).read_text(encoding="utf-8"), listing
    page = (site / "modules/bedtime-worries.html").read_text(encoding="utf-8")
    assert ">What if bedtime worries me?</h1>" in page and "Is this normal at bedtime?" in page
