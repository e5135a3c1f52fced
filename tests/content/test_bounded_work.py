"""Files that would make loading hang, crash or run out of memory are findings, asserted word for word.

The limits are in toolkit/limits.py; the figures written here are the promised ones.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys

import pytest

from tests.conftest import ROOT, build_project
from toolkit.content import load_content
from toolkit.findings import Severity, sort_key

META = "modules/first-steps/module.yml"
BODY = "modules/first-steps/body.md"
META_FILE = f"content/{META}"
BODY_FILE = f"content/{BODY}"
CHARACTER_HINT = ("\n    hint: Delete it (it often comes from text copied out of a word processor or a PDF); "
                  "YAML files may hold only printable text, tabs and line breaks.")
NESTING_HINT = "\n    hint: Flatten the list or quote: more than two or three levels is hard to follow."
SPECIAL_HINT = "\n    hint: Replace it with an ordinary file; the build reads only ordinary files and folders."
LOOP_HINT = "\n    hint: Remove the link, or point it at a real file inside content/."
SIZE_HINT = ("\n    hint: A file this large is usually a mistake (a pasted document or a binary file); "
             "split long text into several modules or pages.")


@pytest.fixture
def never_blocks():
    """Fail, rather than hang, if loading ever opens a named pipe."""
    def blocked(signum, frame):
        raise TimeoutError("loading blocked")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def errors(project) -> list[str]:
    content = load_content(project / "content")
    return [f.format() for f in sorted(content.findings, key=sort_key) if f.severity is Severity.ERROR]


def append(project, name: str, text: str) -> None:
    path = project / "content" / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize(("text", "column", "named"), [
    ("a\x00b", 9, "control character U+0000 (NUL)"),
    ("a\x0bb", 9, "control character U+000B (vertical tab)"),
    ("a\x0cb", 9, "control character U+000C (form feed)"),
    ("\x1b[31mred", 8, "control character U+001B (escape)"),
    ("a\x85b", 9, "control character U+0085 (next line)"),
    ("a\x9bb", 9, "control character U+009B"),
    ("a\ufffeb", 9, "non-character U+FFFE"),
    ("a\ufdd0b\U0010ffff", 9, "non-character U+FDD0, and 1 more like it"),
])
def test_characters_yaml_cannot_hold_are_named_with_their_code_point(project, text, column, named):
    append(project, META, f"note: {text}\n")
    assert errors(project) == [f"{META_FILE}:16:{column - 1}: error: the file contains the invisible {named}."
                               + CHARACTER_HINT]


# The loader in its own process, under a deadline and a memory limit: a loader that expands a bomb
# must fail the test (MemoryError, timeout), never hang it or take the machine's memory.
BOUNDED_LOAD = """
import json, sys
from toolkit.content import load_content
from toolkit.findings import Severity, sort_key
content = load_content(sys.argv[1])
print(json.dumps([f.format() for f in sorted(content.findings, key=sort_key) if f.severity is Severity.ERROR]))
"""
BOUNDED_MEMORY = 1024 ** 3  # address space; loading the fixture needs about 250 MB


def errors_within_bounds(project) -> list[str]:
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (BOUNDED_MEMORY, BOUNDED_MEMORY))

    run = subprocess.run([sys.executable, "-c", BOUNDED_LOAD, str(project / "content")], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, preexec_fn=limit, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr[-500:]
    return json.loads(run.stdout)


def test_a_billion_laughs_is_refused_before_it_expands(project):
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, 9)]
    append(project, META, "\n".join(lines) + "\n")
    assert errors_within_bounds(project) == [
        f"{META_FILE}:21:15: error: the aliases in this file expand to more than 200,000 values.\n"
        "    hint: Write the values out instead of repeating them through aliases."]


def test_more_than_a_hundred_aliases_are_refused(project):
    append(project, META, "x: &v 1\ny: [" + ", ".join(["*v"] * 101) + "]\n")
    assert errors(project) == [f"{META_FILE}:17:405: error: more than 100 aliases (*name) in one file.\n"
                               "    hint: Write the values out; content files need few aliases, if any."]


@pytest.mark.parametrize(("text", "line", "column"), [
    ("loop: &loop\n  again: *loop\n", 17, 10),
    ("loop: &loop\n  <<: *loop\n", 17, 7),
])
def test_a_recursive_alias_is_refused(project, text, line, column):
    append(project, META, text)
    assert errors(project) == [f"{META_FILE}:{line}:{column}: error: the alias *loop is used inside the value it "
                               "names, which would repeat for ever.\n"
                               "    hint: Remove the alias or point it at another value."]


@pytest.mark.parametrize(("merge", "column"), [("<<: 5", 5), ("<<: [1, 2]", 6), ("<<: some text", 5)])
def test_a_merge_key_of_the_wrong_shape_is_refused(project, merge, column):
    append(project, META, merge + "\n")
    assert errors(project) == [f"{META_FILE}:16:{column}: error: a merge key '<<' must be followed by an alias of a "
                               "mapping (<<: *defaults) or a list of them.\n"
                               "    hint: Write the fields out in full; merge keys are rarely worth their surprises."]


@pytest.mark.parametrize(("text", "line", "column"), [
    ("x: " + "[" * 5000 + "]" * 5000, 16, 23),
    ("x:\n" + "".join("  " * (level + 1) + f"k{level}:\n" for level in range(25)), 36, 41),
])
def test_nesting_deeper_than_twenty_levels_is_refused(project, text, line, column):
    append(project, META, text + "\n")
    assert errors(project) == [f"{META_FILE}:{line}:{column}: error: values are nested more than 20 levels deep.\n"
                               "    hint: Content needs a few levels at most; check the indentation and the brackets."]


def test_twenty_levels_of_yaml_are_still_read(project):
    append(project, META, "x: " + "[" * 19 + "]" * 19 + "\n")
    assert errors(project) == [f"{META_FILE}:16:1: error: x: unknown field 'x'.\n    hint: Allowed fields: id, title, "
                               "summary, topic, audiences, edition, order, key_points, helplines, worksheets, "
                               "read_next, review, language."]


@pytest.mark.parametrize(("text", "line", "column", "depth"), [
    ("".join(" " * (4 * level) + "- item\n" for level in range(11)), 23, 41, 11),
    ("> " * 12 + "quoted\n", 13, 1, 12),
    (">" * 5000 + " quoted\n", 13, 1, 5000),
    ("- " * 11 + "item\n", 13, 1, 11),
    ("1. " + "- " * 10 + "item\n", 13, 1, 11),
])
def test_markdown_nested_deeper_than_ten_levels_is_refused_before_rendering(project, text, line, column, depth):
    append(project, BODY, "\n" + text)
    assert errors(project) == [f"{BODY_FILE}:{line}:{column}: error: lists and quotes are nested {depth} levels deep "
                               "here; at most 10 are allowed." + NESTING_HINT]


@pytest.mark.parametrize(("text", "line", "column"), [
    ('<div markdown="1">' * 1500 + "x" + "</div>" * 1500, 13, 181),
    ("<span>" * 11 + "x" + "</span>" * 11, 13, 61),
    ("<section>\n" * 11, 23, 1),
])
def test_html_nested_deeper_than_ten_elements_is_refused_before_rendering(project, text, line, column):
    append(project, BODY, "\n" + text + "\n")
    assert errors(project) == [f"{BODY_FILE}:{line}:{column}: error: HTML "
                               "elements are nested more than 10 levels deep here.\n    hint: Close each element "
                               "before the next opens, or write the text in Markdown."]


@pytest.mark.parametrize("text", ["[" * 20000, "[a](" * 5000, "*[" * 499])
def test_a_body_with_more_than_500_link_brackets_is_refused_before_rendering(project, text):
    # The fixture's body has two '[' of its own, on line 3.
    append(project, BODY, "\n" + text + "\n")
    assert errors(project) == [f"{BODY_FILE}:13: error: the text has {text.count('[') + 2:,} '[' characters; at most "
                               "500 are allowed (number 501 is here).\n"
                               "    hint: A '[' starts a link: a body needs one for each link. Remove the others."]


def test_ten_levels_of_markdown_and_deep_code_are_accepted(project):
    append(project, BODY, "\n" + "".join(" " * (4 * level) + "- item\n" for level in range(10))
           + "\n```\n" + "- " * 40 + "<div>" * 40 + "code\n```\n" + "<div><p>Ten <br> <em>levels</em></p></div>" * 30
           + "\n")
    assert errors(project) == []


@pytest.mark.parametrize("name", [META, BODY, "modules/first-steps/notes.txt", "worksheets/coping-plan.yml",
                                  "pages/privacy.md"])
def test_a_named_pipe_is_refused_without_being_opened(project, name, never_blocks):
    path = project / "content" / name
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    found = errors(project)
    assert f"content/{name}: error: is a named pipe, not a file." + SPECIAL_HINT in found
    assert [message for message in found if message.startswith(f"content/{name}:")] == [
        f"content/{name}: error: is a named pipe, not a file." + SPECIAL_HINT]


@pytest.mark.parametrize("kind", ["named pipe", "link to a device"])
def test_a_build_never_opens_a_special_file_before_the_loader_refuses_it(project, kind, never_blocks):
    # The build's "nothing changed" fingerprint hashes content/ before loading: it must not open these.
    body = project / "content" / BODY
    body.unlink()
    if kind == "named pipe":
        os.mkfifo(body)
    else:
        os.symlink("/dev/zero", body)
    build_project(project)  # once, so that the second build has a record to compare with
    result = build_project(project)
    message = "is a named pipe, not a file." if kind == "named pipe" else "is a device, not a file."
    assert f"{BODY_FILE}: error: {message}" + SPECIAL_HINT in [f.format() for f in result.findings]
    assert not result.published and result.reused is None


def test_a_device_in_place_of_a_body_is_refused(project):
    (project / "content" / BODY).unlink()
    os.symlink("/dev/zero", project / "content" / BODY)
    assert errors(project) == [f"{BODY_FILE}: error: is a device, not a file." + SPECIAL_HINT]


def test_symlink_loops_are_refused(project):
    folder = project / "content/modules/first-steps"
    os.symlink("b.png", folder / "a.png")
    os.symlink("a.png", folder / "b.png")
    os.symlink("..", folder / "up")
    assert errors(project) == [
        f"content/modules/first-steps/{name}: error: is a link that leads back to itself." + LOOP_HINT
        for name in ("a.png", "b.png", "up")]


@pytest.mark.parametrize(("name", "size", "limit"), [(BODY, 64 * 1024 + 1, "65,536"),
                                                     ("site.yml", 1024 * 1024 + 1, "1,048,576")])
def test_a_file_over_its_size_limit_is_refused_unread(project, name, size, limit):
    (project / "content" / name).write_bytes(b"a" * size)
    found = errors(project)
    suffix = name.rsplit(".", 1)[1]
    assert f"content/{name}: error: is {size:,} bytes; a .{suffix} file may have at most {limit}." + SIZE_HINT in found


def test_a_date_in_the_year_9999_is_an_error_not_a_crash(project):
    registry = project / "content/helplines.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("checked: 2026-11-01", "checked: 9999-12-31", 1),
                        encoding="utf-8")
    meta = project / "content" / META
    meta.write_text(meta.read_text(encoding="utf-8").replace("next_review: 2027-05-01", "next_review: 9999-12-31"),
                    encoding="utf-8")
    hint = "\n    hint: Check the year: content dates are when something was checked or is due."
    assert errors(project) == [
        "content/helplines.yml:25:16: error: helplines[0].verification.checked: the year 9999 is outside "
        "2000 to 2199." + hint,
        f"{META_FILE}:15:16: error: review.next_review: the year 9999 is outside 2000 to 2199." + hint,
    ]


# A real SIGINT, sent by the process to itself when a given module is first imported: at a
# point fixed in advance, however busy the machine.
INTERRUPTED_AT_IMPORT = """
import importlib.abc, os, runpy, signal, sys

class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == interrupt_at:
            os.kill(os.getpid(), signal.SIGINT)
        return None

interrupt_at, sys.argv = sys.argv[1], ["toolkit", *sys.argv[2:]]
sys.meta_path.insert(0, Interrupt())
runpy.run_module("toolkit", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("module", ["toolkit.cli", "toolkit.findings", "yaml", "toolkit.build", "mkdocs"])
def test_ctrl_c_at_any_import_exits_130_with_one_line(project, module):
    run = subprocess.run([sys.executable, "-c", INTERRUPTED_AT_IMPORT, module, "build", "--root", str(project)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stderr, run.stdout) == (130, "Interrupted. The previous output is unchanged.\n", "")
    assert not (project / "site").exists() and not (project / "packs").exists()


def test_ctrl_c_after_the_import_before_mains_own_handler_exits_130_with_one_line(project):
    # The interrupt is raised as main() is entered, before its try: the window the signal above can land in.
    script = ("import runpy, sys\n"
              "def hook(frame, event, arg):\n"
              "    if event == 'call' and frame.f_code.co_name == 'main' and frame.f_globals['__name__'] == 'toolkit.cli':\n"
              "        sys.setprofile(None)\n"
              "        raise KeyboardInterrupt\n"
              "sys.argv = ['toolkit', 'build', '--root', sys.argv[1]]\n"
              "sys.setprofile(hook)\n"
              "runpy.run_module('toolkit', run_name='__main__')\n")
    run = subprocess.run([sys.executable, "-c", script, str(project)], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert (run.returncode, run.stderr, run.stdout) == (130, "Interrupted. The previous output is unchanged.\n", "")
    assert not (project / "site").exists()


def test_ctrl_c_from_outside_during_start_up_exits_130_with_one_line(project):
    # -X importtime reports each module as its import ends: the interrupt is sent once the
    # toolkit's own modules have started to arrive, while the command is still starting.
    process = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "toolkit", "build", "--root", str(project)],
                               cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    lines = []
    for line in process.stderr:
        lines.append(line)
        if line.split("|")[-1].strip() == "toolkit.findings":
            process.send_signal(signal.SIGINT)
            break
    _, rest = process.communicate(timeout=60)
    lines += rest.splitlines(keepends=True)
    assert process.returncode == 130
    assert [line.rstrip("\n") for line in lines if not line.startswith("import time:")] == [
        "Interrupted. The previous output is unchanged."]
