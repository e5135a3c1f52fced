"""A few hundred malformed YAML and Markdown files through `toolkit validate`: an error naming each, never a traceback.

Seeded, so a failure can be replayed: the seed and the mutations of the failing tree are in
the assertion message. Every mutation is one that must fail (an unclosed bracket after a
truncation, bytes that are not UTF-8, a forbidden character, nesting or aliases past the
limits, link brackets past the limit, HTML nested too deep, a typed phone number on a line of up to 60 KB, a file over the size limit), so each mutated
file must be named in the output. Many bad files share one content tree, so one `validate`
process checks a whole batch; every process runs with a memory limit.
"""

from __future__ import annotations

import random
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT

SEED = 20261201
TREES = 15
EXTRA = 10  # extra worksheets and pages per tree, each mutated too: 20 + 10 bad files a tree
MEMORY = 1024 * 1024 * 1024  # address space of each validate process (it needs about 250 MB)
TIMEOUT = 20  # seconds for one validate run; a hang fails the test


def _bad_utf8(rng: random.Random, text: str) -> str | bytes:
    data = text.encode("utf-8")
    at = rng.randrange(len(data) + 1)
    junk = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 64)))
    return data[:at] + b"\xff" + junk + data[at:]


def _huge(rng: random.Random, text: str) -> str:
    return text + "\n" + "x" * (2 * 1024 * 1024 + rng.randrange(1, 1000)) + "\n"


def _yaml_mutations(rng: random.Random, text: str) -> tuple[str, str | bytes]:
    kind = rng.choice(["truncate", "bytes", "character", "depth", "bomb", "recursive", "merge", "undefined", "huge"])
    if kind == "truncate":
        return kind, text[:rng.randrange(len(text))] + "\n: [" + "x" * rng.randrange(10)
    if kind == "bytes":
        return kind, _bad_utf8(rng, text)
    if kind == "character":
        at = rng.randrange(len(text) + 1)
        char = rng.choice(["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\ufffe", "\uffff", "\ufdd0",
                           "\U0001fffe"])
        return kind, text[:at] + char + text[at:]
    if kind == "depth":
        depth = rng.choice([21, 50, 1000, 20000])
        nested = rng.choice(["[" * depth + "]" * depth, "{a: " * depth + "1" + "}" * depth,
                             "".join("  " * level + f"k{level}:\n" for level in range(depth if depth < 2000 else 100))])
        return kind, text + "\nextra: " + ("\n" if nested.startswith(" ") else "") + nested + "\n"
    if kind == "bomb":
        width, levels = rng.randrange(5, 12), rng.randrange(6, 12)
        lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
        lines += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * width) + "]" for n in range(1, levels)]
        return kind, text + "\n" + "\n".join(lines) + "\n"
    if kind == "recursive":
        return kind, text + "\nloop: &loop\n  again: *loop\n"
    if kind == "merge":
        return kind, text + "\n" + rng.choice(["<<: 5", "<<: [1, 2]", "<<: text"]) + "\n"
    if kind == "undefined":
        return kind, text + "\nmissing: *nowhere\n"
    return kind, _huge(rng, text)


def _markdown_mutations(rng: random.Random, text: str) -> tuple[str, str | bytes]:
    kind = rng.choice(["bytes", "deep-list", "deep-quote", "chained", "huge-line", "huge", "brackets", "deep-html"])
    lines = text.split("\n")
    at = rng.randrange(len(lines) + 1)
    if kind == "bytes":
        return kind, _bad_utf8(rng, text)
    if kind == "huge-line":
        line = " ".join(rng.choice(["word", "help", "call"]) for _ in range(rng.randrange(2_000, 12_000)))
        return kind, "\n".join(lines[:at] + [line + " Call 0808 1000 900 now.", ""] + lines[at:])
    if kind == "huge":
        return kind, _huge(rng, text)
    if kind == "brackets":
        unit = rng.choice(["[", "[a](", "![a](", "*[", "`["])
        return kind, "\n".join(lines[:at] + [unit * rng.randrange(501, 8000)] + lines[at:])
    depth = rng.choice([11, 40, 300, 3000])
    if kind == "deep-html":
        tag = rng.choice(["div", 'div markdown="1"', "span", "section", "em"])
        return kind, "\n".join(lines[:at] + [f"<{tag}>" * depth + "x" + f"</{tag.split()[0]}>" * depth] + lines[at:])
    if kind == "deep-list":  # indented: 120 levels already make 29 KB of spaces
        block = [" " * (4 * level) + "- item" for level in range(min(depth, 120))]
    elif kind == "deep-quote":
        block = [">" * depth + " quoted"]
    else:
        block = ["- " * depth + "item"]
    return kind, "\n".join(lines[:at] + [""] + block + [""] + lines[at:])


def _page(number: int) -> tuple[str, str]:
    return (f"pages/extra-{number}.md",
            f"---\ntitle: Extra page {number}\nsummary: A page for the fuzz test.\n---\n## Why?\n\nBecause.\n")


def _worksheet(number: int) -> tuple[str, str]:
    text = (MINIMAL / "worksheets" / "coping-plan.yml").read_text(encoding="utf-8")
    return f"worksheets/extra-{number}.yml", text.replace("id: coping-plan", f"id: extra-{number}", 1)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _tree(tmp_path: Path, rng: random.Random, number: int) -> tuple[Path, dict[str, str]]:
    """A copy of the minimal fixture in which every file is broken; returns (project, {file: mutation})."""
    project = tmp_path / f"tree-{number}"
    shutil.copytree(MINIMAL, project / "content")
    content = project / "content"
    for n in range(EXTRA // 2):
        for name, text in (_page(n), _worksheet(n)):
            (content / name).write_text(text, encoding="utf-8")
    mutations = {}
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".yml":
            kind, broken = _yaml_mutations(rng, text)
        else:
            kind, broken = _markdown_mutations(rng, text)
        if isinstance(broken, bytes):
            path.write_bytes(broken)
        else:
            path.write_text(broken, encoding="utf-8", newline="\n")
        mutations[path.relative_to(project).as_posix()] = kind
    return project, mutations


@pytest.mark.parametrize("number", range(TREES))
def test_malformed_files_are_each_named_without_a_traceback(tmp_path, number):
    rng = random.Random(SEED * 1000 + number)
    project, mutations = _tree(tmp_path, rng, number)
    run = subprocess.run([sys.executable, "-m", "toolkit", "validate", "--root", str(project)], cwd=ROOT,
                         capture_output=True, text=True, errors="replace", timeout=TIMEOUT,
                         preexec_fn=_limit_memory)
    output = run.stdout + run.stderr
    where = f"seed {SEED * 1000 + number}, mutations {mutations}"
    assert run.returncode in (1, 2), f"{where}\n{output[-3000:]}"
    assert "Traceback" not in output and "Internal error" not in output, f"{where}\n{output[-5000:]}"
    unnamed = [name for name in mutations if f"{name}:" not in output]
    assert unnamed == [], f"{where}: not named: {unnamed}\n{output[-3000:]}"
