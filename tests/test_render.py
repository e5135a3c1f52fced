"""toolkit.render: what MkDocs is spared, and that its messages stay those of a full render."""

from __future__ import annotations

from toolkit.render import render

PROJECT = """site_name: Render test
theme:
  name: material
use_directory_urls: false
plugins: []
markdown_extensions:
  - md_in_html
validation:
  anchors: {anchors}
"""


def _project(tmp_path, anchors: str):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Start\n\n[kept](other.md#in-raw-html) and [lost](other.md#nowhere)\n", encoding="utf-8")
    (tmp_path / "docs" / "other.md").write_text(
        '# Other\n\n<div id="in-raw-html">An id only raw HTML gives.</div>\n', encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(PROJECT.format(anchors=anchors), encoding="utf-8")
    return config


def test_anchors_in_raw_html_are_still_found_when_their_messages_are_logged(tmp_path):
    findings = render(_project(tmp_path, "warn"), epoch=1790000000)
    assert [finding.message for finding in findings] == [
        "Doc file 'index.md' contains a link 'other.md#nowhere', but the doc 'other.md' does not contain an "
        "anchor '#nowhere'."]


def test_ignored_anchor_messages_and_materials_own_assets_are_left_out(tmp_path):
    config = _project(tmp_path, "ignore")
    assert render(config, epoch=1790000000) == []
    site = tmp_path / "site"
    assert (site / "other.html").read_text(encoding="utf-8").count('<div id="in-raw-html">') == 1
    # Material's JavaScript, search worker and stylesheets: our pages load none, so MkDocs copies none.
    assert sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()) == [
        "404.html", "index.html", "other.html", "sitemap.xml", "sitemap.xml.gz"]
