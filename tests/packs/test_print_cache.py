"""Unchanged packs are copied from build/pack-cache, not printed again; a changed module re-prints only its packs."""

from __future__ import annotations

import datetime as dt

from tests.conftest import copy_content
from toolkit.content import load_content
from toolkit.packs import make_packs


def test_only_packs_whose_input_changed_are_printed_again(tmp_path):
    project = copy_content(tmp_path)
    stage_site = tmp_path / "stage" / "site"
    (stage_site / "public").mkdir(parents=True)
    (stage_site / "public" / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")

    def run(packs: str):
        outputs, _ = make_packs(load_content(project / "content"), stage_site, tmp_path / packs,
                                       editions=("public",), built=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
                                       base_config=project / "mkdocs.yml", cache_dir=tmp_path / "cache")
        return {o.name: o for o in outputs if o.audience}

    first = run("one")
    assert not any(o.reused for o in first.values())
    second = run("two")
    assert all(o.reused for o in second.values())
    for name in second:
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
        assert second[name].pages == first[name].pages

    body = project / "content" / "modules" / "talking-to-your-child" / "body.md"  # parents-carers only
    body.write_text(body.read_text(encoding="utf-8") + "\nListen first, then answer simply.\n", encoding="utf-8")
    third = run("three")
    assert sorted(name for name, o in third.items() if not o.reused) == [
        "parents-carers-large-print.pdf", "parents-carers.pdf"]
    assert len(list((tmp_path / "cache").glob("*.pdf"))) == 6  # entries no build uses any more are gone
