"""The theme's stylesheets parsed once and kept beside the installed packages (toolkit/harden/stored_rules.py):
read back when sound, never trusted when not, and the same stylesheets either way."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import build_project
from toolkit.harden import stored_rules, unused_css


def _forget() -> None:
    """What this process remembers of the stylesheets, so that the next build reads or parses them again."""
    unused_css.rule_table.cache_clear()
    unused_css._prune_css.cache_clear()


@pytest.fixture
def rules_folder(tmp_path, monkeypatch):
    folder = tmp_path / "venv-cache"
    monkeypatch.setattr(stored_rules, "cache_folder", lambda: folder)
    _forget()
    yield folder
    _forget()


def _stylesheets(project: Path) -> dict[str, str]:
    """Each edition's one published stylesheet, by edition."""
    found = {}
    for edition in ("public", "professional"):
        (path,) = (project / "site" / edition / "assets").glob("toolkit.*.css")
        found[edition] = path.read_text(encoding="utf-8")
    return found


def _build(project: Path) -> dict[str, str]:
    _forget()
    shutil.rmtree(project / "site", ignore_errors=True)
    result = build_project(project, cache=False)
    assert result.ok, [finding.format() for finding in result.findings]
    return _stylesheets(project)


@pytest.fixture
def parsed(project, monkeypatch):
    """The stylesheets a build makes with nothing stored (the table parsed in this process)."""
    monkeypatch.setattr(stored_rules, "cache_folder", lambda: None)
    stylesheets = _build(project)
    monkeypatch.undo()
    return stylesheets


def _sealed(body: bytes) -> bytes:
    """A file as stored_rules writes one: a hash of the body, a newline, the body."""
    return hashlib.blake2b(body, digest_size=32).hexdigest().encode() + b"\n" + body


def test_a_build_keeps_the_table_and_the_next_one_reads_it_instead_of_parsing(project, parsed, rules_folder,
                                                                                monkeypatch):
    assert _build(project) == parsed
    (stored,) = rules_folder.glob("rules-*.json")
    assert stored.read_bytes().startswith(hashlib.blake2b(stored.read_bytes().partition(b"\n")[2],
                                                          digest_size=32).hexdigest().encode() + b"\n")

    def parse_again(css):
        raise AssertionError("the stylesheets were parsed again although their table was stored")

    monkeypatch.setattr(unused_css, "_parsed", parse_again)
    assert _build(project) == parsed
    assert list(rules_folder.glob("rules-*.json")) == [stored]


def _valid_body(stored: Path) -> bytes:
    return stored.read_bytes().partition(b"\n")[2]


@pytest.mark.parametrize("damage", [
    "one byte changed", "its rules changed (hash wrong)", "cut short", "empty", "not a table (hash right)", "entries of an unknown kind (hash right)",
    "an entry missing its parts (hash right)",
])
def test_a_damaged_or_foreign_table_is_not_used_and_is_written_again(project, parsed, rules_folder, damage):
    assert _build(project) == parsed
    (stored,) = rules_folder.glob("rules-*.json")
    good = stored.read_bytes()
    body = _valid_body(stored)
    table = json.loads(body)
    damaged = {
        "one byte changed": good[:-40] + bytes([good[-40] ^ 1]) + good[-39:],
        "its rules changed (hash wrong)": good.replace(b"px", b"pt"),  # still JSON, and a table
        "cut short": good[: len(good) // 2],
        "empty": b"",
        "not a table (hash right)": _sealed(b'{"rules": []}'),
        "entries of an unknown kind (hash right)": _sealed(json.dumps([["style", "body", []]]).encode()),
        "an entry missing its parts (hash right)": _sealed(json.dumps([["rule", ["body"]]] + table).encode()),
    }[damage]
    stored.write_bytes(damaged)
    assert _build(project) == parsed
    assert stored.read_bytes() == good


def test_a_table_for_other_stylesheets_is_deleted_when_this_one_is_written(project, parsed, rules_folder):
    rules_folder.mkdir(parents=True)
    other = rules_folder / ("rules-" + "0" * 64 + ".json")
    other.write_bytes(_sealed(b"[]"))
    unrelated = rules_folder / "notes.txt"
    unrelated.write_text("not ours", encoding="utf-8")
    assert _build(project) == parsed
    assert len(list(rules_folder.glob("rules-*.json"))) == 1
    assert not other.exists()
    assert unrelated.read_text(encoding="utf-8") == "not ours"


def test_a_folder_that_cannot_be_written_only_means_parsing_each_time(project, parsed, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way", encoding="utf-8")
    monkeypatch.setattr(stored_rules, "cache_folder", lambda: blocked / "cache")
    assert _build(project) == parsed
    assert _build(project) == parsed
    assert blocked.read_text(encoding="utf-8") == "in the way"
