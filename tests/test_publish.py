"""Publishing site/ and packs/ together: all or none, even when the process dies half way."""

from __future__ import annotations

import os

import pytest

from tests.conftest import write_tree
from toolkit import publish as publish_module
from toolkit.publish import publish, recover

MARK = {".toolkit-output": "Written by the toolkit build. The next build replaces this folder whole; "
                           "keep nothing else here.\n"}


def contents(folder):
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def staged(tmp_path, version: str):
    """A staged site and packs folder, each holding the given version."""
    write_tree(tmp_path / f"stage-{version}", {"site/index.html": version, "packs/self.pdf": version})
    return [(tmp_path / f"stage-{version}" / "site", tmp_path / "site"),
            (tmp_path / f"stage-{version}" / "packs", tmp_path / "packs")]


def publish_killed_before_rename(monkeypatch, renames: int, pairs, journal) -> None:
    """Publish, with the process killed when it has done `renames` renames."""
    real_replace, done = os.replace, []

    def dying_replace(source, destination):
        if len(done) == renames:
            raise SystemExit("killed")
        done.append(destination)
        real_replace(source, destination)

    with monkeypatch.context() as patch:
        patch.setattr(publish_module.os, "replace", dying_replace)
        with pytest.raises(SystemExit):
            publish(pairs, journal)


def test_publish_replaces_both_folders_and_tidies_up(tmp_path):
    journal = tmp_path / "build" / "publishing.json"
    publish(staged(tmp_path, "old"), journal)
    publish(staged(tmp_path, "new"), journal)
    assert contents(tmp_path / "site") == {"index.html": "new", **MARK}
    assert contents(tmp_path / "packs") == {"self.pdf": "new", **MARK}
    assert not journal.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "packs", "site", "stage-new", "stage-old"]


# Four renames: site aside, packs aside, new site in, new packs in. Dying before any of them
# must leave the old output; so must dying between them.
@pytest.mark.parametrize("dies_at", [0, 1, 2, 3])
def test_a_publish_cut_short_is_rolled_back_by_the_next_build(tmp_path, monkeypatch, dies_at):
    journal = tmp_path / "build" / "publishing.json"
    publish(staged(tmp_path, "old"), journal)
    publish_killed_before_rename(monkeypatch, dies_at, staged(tmp_path, "new"), journal)
    assert journal.exists()

    recover(journal)  # what every build, check and preview does first (tests/pipeline/test_hostile_paths.py)
    assert contents(tmp_path / "site") == {"index.html": "old", **MARK}
    assert contents(tmp_path / "packs") == {"self.pdf": "old", **MARK}
    assert not journal.exists()
    assert not (tmp_path / "site.previous").exists() and not (tmp_path / "packs.previous").exists()


def test_a_first_publish_cut_short_leaves_no_half_output(tmp_path, monkeypatch):
    journal = tmp_path / "build" / "publishing.json"
    publish_killed_before_rename(monkeypatch, 1, staged(tmp_path, "new"), journal)
    assert (tmp_path / "site").exists() and not (tmp_path / "packs").exists()

    recover(journal)
    assert not (tmp_path / "site").exists() and not (tmp_path / "packs").exists()


def test_leftovers_of_a_completed_publish_are_removed(tmp_path):
    journal = tmp_path / "build" / "publishing.json"
    publish(staged(tmp_path, "old"), journal)
    write_tree(tmp_path, {"site.previous/index.html": "older"})  # stopped before tidying up
    publish(staged(tmp_path, "new"), journal)
    assert contents(tmp_path / "site") == {"index.html": "new", **MARK}
    assert not (tmp_path / "site.previous").exists()
