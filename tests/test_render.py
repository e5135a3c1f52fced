"""toolkit.render: what MkDocs is spared, and that its messages stay those of a full render."""

from __future__ import annotations

import os
import time

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


def test_the_per_page_table_is_written_beside_the_generated_mkdocs_yml_and_read_back_into_extra(built_minimal):
    import json

    import yaml

    from toolkit.render import _read_project

    project, _result = built_minimal
    generated = project / "build" / "projects" / "public" / "en-GB"
    written = yaml.safe_load((generated / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "pages" not in written["extra"]["tk"]
    table = json.loads((generated / "pages.json").read_text(encoding="utf-8"))
    assert table["index.md"]["kind"] == "home"
    assert table["modules/first-steps.md"]["kind"] == "module"
    read = _read_project(generated / "mkdocs.yml")
    assert read["extra"]["tk"]["pages"] == table
    assert {key: value for key, value in read["extra"]["tk"].items() if key != "pages"} == written["extra"]["tk"]


def _compiles(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from here on."""
    import jinja2

    compiled = []
    compile_template = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_template(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return compiled


def test_compiled_templates_are_kept_on_disk_and_a_damaged_one_is_compiled_again(tmp_path, monkeypatch):
    import toolkit.render as render_module

    folder = tmp_path / "compiled"
    monkeypatch.setattr(render_module, "TEMPLATE_CACHE", folder)
    (folder / "another-version").mkdir(parents=True)
    (folder / "another-version" / "0123.bin").write_bytes(b"compiled by other code")
    new_process(render_module)  # a process that has compiled nothing yet
    compiled = _compiles(monkeypatch)
    first = tmp_path / "first"
    first.mkdir()
    render(_project(first, "ignore"), epoch=1790000000)
    assert "main.html" in compiled and "404.html" in compiled
    files = sorted(folder.rglob("*.bin"))
    assert len(files) == len(set(compiled))
    assert not (folder / "another-version").exists()  # another toolkit's or setting's folder is deleted

    new_process(render_module)  # a new process: nothing in memory, everything on disk
    compiled.clear()
    second = tmp_path / "second"
    second.mkdir()
    render(_project(second, "ignore"), epoch=1790000000)
    assert compiled == []
    assert (second / "site" / "index.html").read_bytes() == (first / "site" / "index.html").read_bytes()

    # A byte changed in one file and another cut short: both are compiled again, the page is the same.
    damaged = bytearray(files[0].read_bytes())
    damaged[-1] ^= 0xFF
    files[0].write_bytes(bytes(damaged))
    files[1].write_bytes(files[1].read_bytes()[:40])
    # What a process killed before renaming leaves: deleted when over a minute old, left while another may write it.
    old_temporary, fresh_temporary = files[0].parent / ".abc.old", files[0].parent / ".abc.fresh"
    old_temporary.write_bytes(b"half")
    fresh_temporary.write_bytes(b"half")
    os.utime(old_temporary, (time.time() - 120, time.time() - 120))
    new_process(render_module)
    compiled.clear()
    third = tmp_path / "third"
    third.mkdir()
    render(_project(third, "ignore"), epoch=1790000000)
    assert len(compiled) == 2
    assert (third / "site" / "index.html").read_bytes() == (first / "site" / "index.html").read_bytes()
    assert not old_temporary.exists() and fresh_temporary.exists()
    new_process(render_module)


def new_process(render_module) -> None:
    """Forget what this process compiled and tidied, as a new process starts."""
    render_module._theme_parts.cache_clear()
    render_module._tidy_compiled.cache_clear()


def test_a_template_cache_that_cannot_be_written_only_costs_the_compiling(tmp_path, monkeypatch):
    import toolkit.render as render_module

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(render_module, "TEMPLATE_CACHE", blocked / "compiled")
    new_process(render_module)
    assert render(_project(tmp_path, "ignore"), epoch=1790000000) == []
    assert (tmp_path / "site" / "index.html").is_file()
    new_process(render_module)
