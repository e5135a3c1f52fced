"""Issue 6 item 7: the statement's test-proven section says exactly what the browser suites check."""

from __future__ import annotations

import json

import pytest

from tests.browser import test_axe, test_focus_walk, test_forced_colours_and_zoom, test_layout
from tests.conftest import ROOT, build_project, copy_content, write_tree
from toolkit.compile import tested


def test_tested_yml_matches_the_suites_settings():
    data = tested.tested()
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert data["axe_core"] == package["devDependencies"]["axe-core"]
    assert tuple(data["axe_tags"]) == test_axe.AXE_TAGS
    assert tuple(data["widths"]) == test_axe.WIDTHS
    javascript = next(
        m
        for m in test_axe.test_axe_finds_nothing_on_every_page.pytestmark
        if m.args[0] == "javascript"
    )
    assert [("on" if value else "off") for value in javascript.args[1]] == data["javascript"]
    assert data["reflow_width"] == test_layout.REFLOW_WIDTH
    assert f">= {data['target_size']} &&" in test_layout.SMALL_TARGETS
    assert f"if (ratio < {data['focus_contrast']}) problems" in test_focus_walk.WALK
    assert data["zoom"] == sorted(test_forced_colours_and_zoom.ZOOMS)


def test_statement_section_names_what_is_tested():
    html = tested.statement_html()
    assert "axe-core 4.14.1" in html
    assert "390 pixels and 1280 pixels wide, with JavaScript on and off" in html
    assert "a screen 320 pixels wide" in html
    assert "at least 3 to 1 contrast" in html
    assert "at 200% and 400% zoom nothing is cut off, hidden or covered" in html


@pytest.mark.slow
def test_statement_page_gets_the_section(tmp_path):
    project = copy_content(tmp_path)
    write_tree(
        project / "content" / "pages",
        {
            "accessibility.md": (
                "---\ntitle: Accessibility statement\nsummary: How accessible this site is.\norder: 50\n---\n"
                "## How accessible is this site?\n\nMostly.\n"
            )
        },
    )
    result = build_project(project, editions=("public",))
    assert result.ok, [f.format() for f in result.findings]
    page = (project / "site" / "public" / "accessibility.html").read_text(encoding="utf-8")
    assert '<h2 id="tk-tested">What our automated tests check</h2>' in page
    assert "What our automated tests check" not in (
        project / "site" / "public" / "privacy.html"
    ).read_text(encoding="utf-8")
