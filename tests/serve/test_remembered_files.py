"""What the live preview remembers of the files it reads (toolkit.memo.while_unchanged): a file or folder is read
again whenever it may have changed, and only then."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.conftest import copy_content
from toolkit import memo
from toolkit.content import load_content
from toolkit.memo import Memo, file_bytes, remembering


@pytest.fixture
def reads(monkeypatch):
    """The paths memo read, in order."""
    seen: list[str] = []
    real = memo._read_with_status

    def counted(path: str):
        seen.append(path)
        return real(path)

    monkeypatch.setattr(memo, "_read_with_status", counted)
    return seen


def settled_at_once(monkeypatch):
    """As if every file had been left alone for long enough to be remembered (no test waits two seconds)."""
    monkeypatch.setattr(memo, "SETTLED_NS", 0)


def test_an_unchanged_file_is_read_once_and_a_changed_one_again(tmp_path, monkeypatch, reads):
    settled_at_once(monkeypatch)
    path = tmp_path / "body.md"
    path.write_bytes(b"first")
    with remembering(Memo()):
        assert file_bytes(str(path)) == b"first"
        assert file_bytes(str(path)) == b"first"
        assert reads == [str(path)]
        time.sleep(0.02)  # past the clock's tick, so that the write below gets other times
        path.write_bytes(b"other")  # the same size
        assert file_bytes(str(path)) == b"other"
        assert len(reads) == 2


def test_a_file_given_back_its_old_modification_time_is_still_read_again(tmp_path, monkeypatch, reads):
    """cp -p and rsync -t keep a file's modification time; no program can set its change time."""
    settled_at_once(monkeypatch)
    path = tmp_path / "body.md"
    path.write_bytes(b"first")
    before = os.stat(path)
    with remembering(Memo()):
        assert file_bytes(str(path)) == b"first"
        time.sleep(0.02)
        path.write_bytes(b"other")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert os.stat(path).st_mtime_ns == before.st_mtime_ns
        assert file_bytes(str(path)) == b"other"


def test_a_file_that_changed_just_now_is_read_every_time(tmp_path, reads):
    """A second write within the clock's tick would leave its times as they were: such a file is never remembered."""
    path = tmp_path / "body.md"
    path.write_bytes(b"first")
    with remembering(Memo()):
        for _ in range(3):
            assert file_bytes(str(path)) == b"first"
    assert reads == [str(path)] * 3


def test_outside_the_preview_nothing_is_remembered(tmp_path, monkeypatch, reads):
    settled_at_once(monkeypatch)
    path = tmp_path / "body.md"
    path.write_bytes(b"first")
    assert file_bytes(str(path)) == b"first"
    assert file_bytes(str(path)) == b"first"
    assert reads == [str(path)] * 2


def test_loads_in_one_preview_see_every_file_added_removed_renamed_or_linked_elsewhere(tmp_path, monkeypatch):
    """The loader's listing of each folder is remembered too, and made again when the folder's entries change."""
    settled_at_once(monkeypatch)
    project = copy_content(tmp_path)
    content = project / "content"
    store = Memo()

    def load():
        with remembering(store):
            loaded = load_content(content)
        store.sweep()
        return loaded

    first = load()
    module = sorted(first.modules)[0]
    folder = content / "modules" / module
    assert [f.format() for f in load().findings] == [f.format() for f in first.findings]
    time.sleep(0.02)
    (folder / "notes.txt").write_text("a draft\n", encoding="utf-8")
    added = [f.format() for f in load().findings if "notes.txt" in f.format()]
    assert added == [f"content/modules/{module}/notes.txt: warning: is not shown in body.md, so it is not published."
                     f"\n    hint: Delete it, or keep drafts, notes and backups outside content/. To show an image, "
                     f"write ![what it shows](notes.txt) in body.md."]
    time.sleep(0.02)
    (folder / "notes.txt").rename(folder / "notes-old.txt")
    assert [f.file for f in load().findings if "notes" in f.file] == [f"content/modules/{module}/notes-old.txt"]
    time.sleep(0.02)
    (folder / "notes-old.txt").unlink()
    assert [f.file for f in load().findings if "notes" in f.file] == []
    # A link inside content/, then pointed outside it without its folder changing: the link is looked at every load.
    outside = tmp_path / "outside.txt"
    outside.write_text("elsewhere\n", encoding="utf-8")
    inside = content / "inside.txt"
    inside.write_text("here\n", encoding="utf-8")
    link = folder / "picture.txt"
    link.symlink_to(inside)
    assert not [f for f in load().findings if "outside content/" in f.message]
    time.sleep(0.02)
    inside.unlink()
    inside.symlink_to(outside)  # the module folder's entries are as they were
    assert sorted(f.file for f in load().findings if "outside content/" in f.message) == [
        "content/inside.txt", f"content/modules/{module}/picture.txt"]
    time.sleep(0.02)
    body = folder / "body.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nA sentence about the harbour.\n", encoding="utf-8")
    assert "harbour" in load().modules[module].body


def test_a_path_switched_to_another_file_between_its_status_and_its_reading_is_not_remembered(tmp_path, monkeypatch,
                                                                                            reads):
    settled_at_once(monkeypatch)
    path, other = tmp_path / "body.md", tmp_path / "other.md"
    path.write_bytes(b"first")
    other.write_bytes(b"other")
    with remembering(Memo()):
        assert file_bytes(str(path), os.stat(other)) == b"first"  # as if the status were taken before a switch
        assert file_bytes(str(path), os.stat(other)) == b"first"
    assert len(reads) == 2


def test_a_link_whose_target_changes_kind_is_seen_though_its_folder_is_unchanged(tmp_path, monkeypatch):
    settled_at_once(monkeypatch)
    content = copy_content(tmp_path) / "content"
    store = Memo()

    def found(remembered: bool) -> list[str]:
        if not remembered:
            return [f.format() for f in load_content(content).findings]
        with remembering(store):
            loaded = load_content(content)
        store.sweep()
        return [f.format() for f in loaded.findings]

    module = sorted(load_content(content).modules)[0]
    shared = content / "shared"
    shared.mkdir()
    (shared / "notes.txt").write_text("a note\n", encoding="utf-8")
    (content / "modules" / module / "extra").symlink_to(Path("..", "..", "shared"))
    assert found(True) == found(False)
    time.sleep(0.02)
    (shared / "notes.txt").unlink()
    shared.rmdir()
    shared.write_text("now a file\n", encoding="utf-8")  # content/ changed; the module's folder did not
    now = found(True)
    assert now == found(False)
    assert any(line.startswith(f"content/modules/{module}/extra: warning: is not shown in body.md") for line in now)
