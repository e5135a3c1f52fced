"""toolkit.render_shared: a page converted in one edition is used in the other only when converting it there
would give the same, and its messages are those of its own conversion."""

from __future__ import annotations

import pytest

from toolkit import render_shared
from toolkit.render import render
from toolkit.render_shared import Exchange

EPOCH = 1790000000
PROJECT = """site_name: Shared test
theme:
  name: material
use_directory_urls: false
plugins: []
markdown_extensions:
  - toc:
      permalink: false
  - toolkit.markdown_html
validation:
  anchors: warn
"""
PAGES = {
    "index.md": "# Start\n\n[A page](a.md) and [its part](a.md#part)\n",
    # c.md is only in the first edition: this page's links lead elsewhere in the second.
    "a.md": "# A\n\n## Part\n\n[B](b.md), [C](c.md) and [a missing one](nowhere.md#x)\n",
    # The same missing page in both editions: the second takes b.md, and says so again for itself.
    "b.md": '# B\n\n<div id="raw">An id only raw HTML gives.</div>\n\n[back](index.md#nothing) [raw](#raw) '
            "[gone](gone.md)\n",
    "c.md": "# C\n",
    # e.md is excluded from the second edition's site (exclude_docs): the same file, answered differently.
    "d.md": "# D\n\n[E](e.md)\n",
    "e.md": "# E\n",
}
SECOND = "exclude_docs: e.md\n"


def _edition(folder, pages: dict[str, str], extra: str = ""):
    (folder / "docs").mkdir(parents=True)
    for name, text in pages.items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(PROJECT + extra, encoding="utf-8")
    return config


def _render_both(tmp_path, name: str, exchange: Exchange | None, order=("first", "second"), counted=None):
    """Render the two editions (in `order`); each one's findings, formatted, and its pages' bytes."""
    configs = {"first": _edition(tmp_path / name / "first", PAGES),
               "second": _edition(tmp_path / name / "second", {k: v for k, v in PAGES.items() if k != "c.md"},
                                  SECOND)}
    found = {}
    for edition in order:
        channel = exchange.channel(edition, "en") if exchange else None
        if counted is not None:
            counted[edition] = []
        found[edition] = [finding.format() for finding in render(configs[edition], epoch=EPOCH, shared=channel)]
    pages = {edition: {path.name: path.read_bytes() for path in sorted((config.parent / "site").glob("*.html"))}
             for edition, config in configs.items()}
    return found, pages


def count_conversions(monkeypatch, note) -> None:
    """Call note(page) for each page MkDocs converts itself while conversions are shared."""
    render_shared._install()
    original = render_shared._ORIGINAL_RENDER

    def counting(page, config, files):
        note(page)
        original(page, config, files)

    monkeypatch.setattr(render_shared, "_ORIGINAL_RENDER", counting)


@pytest.fixture
def conversions(monkeypatch):
    """The pages MkDocs converted in each edition, while conversions are shared."""
    counted: dict[str, list[str]] = {}
    count_conversions(monkeypatch, lambda page: counted[list(counted)[-1]].append(page.file.src_uri))
    return counted


@pytest.fixture
def through_files(tmp_path):
    """An exchange through files in a folder of its own, and what the two editions give without sharing."""
    folder = tmp_path / "conversions"
    folder.mkdir()
    return Exchange(("first", "second"), folder=folder), _render_both(tmp_path, "alone", None)


def test_a_page_is_converted_again_only_where_its_links_lead_elsewhere(tmp_path, conversions):
    alone_found, alone_pages = _render_both(tmp_path, "alone", None)
    found, pages = _render_both(tmp_path, "shared", Exchange(("first", "second")), counted=conversions)
    assert conversions == {"first": ["index.md", "a.md", "b.md", "c.md", "d.md", "e.md"], "second": ["a.md", "d.md"]}
    assert pages == alone_pages
    assert found == alone_found
    # The second edition's messages: its own conversion of a.md, and b.md's anchor message (MkDocs checks
    # anchors after every page is converted) from the links the first edition's conversion found.
    assert found["second"] == [
        "b.html: warning: Doc file 'b.md' contains a link 'index.md#nothing', but the doc 'index.md' does not "
        "contain an anchor '#nothing'.",
        "a.html: warning: Doc file 'a.md' contains a link 'c.md', but the target is not found among documentation "
        "files.",
        "a.html: warning: Doc file 'a.md' contains a link 'nowhere.md#x', but the target 'nowhere.md' is not found "
        "among documentation files.",
        "b.html: warning: Doc file 'b.md' contains a link 'gone.md', but the target is not found among "
        "documentation files.",
    ]


def test_through_files_the_second_edition_converts_backwards_and_the_first_takes_what_holds(tmp_path, conversions,
                                                                                            through_files):
    exchange, (alone_found, alone_pages) = through_files
    # The second edition alone first: it converts every page, from the last (MkDocs puts index.md first), and
    # writes them down; the first then takes each one whose links lead to the same files in its own list.
    found, pages = _render_both(tmp_path, "shared", exchange, order=("second", "first"), counted=conversions)
    assert conversions == {"second": ["d.md", "b.md", "a.md", "index.md"], "first": ["a.md", "c.md", "d.md", "e.md"]}
    assert sorted(path.name for path in exchange.folder.iterdir()) == ["en.first.00000", "en.second.00000"]
    assert pages == alone_pages
    assert found == alone_found


def test_the_second_edition_stops_converting_backwards_where_it_meets_the_first(tmp_path, conversions, through_files):
    exchange, (alone_found, alone_pages) = through_files
    found, pages = _render_both(tmp_path, "shared", exchange, counted=conversions)
    # Its last page, d.md, the first edition has converted already: the second converts only what holds there
    # no longer, in MkDocs' order.
    assert conversions == {"first": ["index.md", "a.md", "b.md", "c.md", "d.md", "e.md"], "second": ["a.md", "d.md"]}
    assert pages == alone_pages
    assert found == alone_found


def test_a_damaged_file_from_the_other_edition_only_costs_converting(tmp_path, conversions, through_files):
    exchange, (alone_found, alone_pages) = through_files
    (exchange.folder / "en.first.00000").write_bytes(b"\x80\x05not a pickle")
    found, pages = _render_both(tmp_path, "shared", exchange, order=("second",), counted=conversions)
    assert conversions == {"second": ["d.md", "b.md", "a.md", "index.md"]}
    assert pages["second"] == alone_pages["second"] and found["second"] == alone_found["second"]


def test_only_two_editions_share():
    exchange = Exchange(("public", "professional", "third"))
    assert exchange.channel("third", "en") is None
    assert Exchange(("public",)).channel("public", "en") is None


def test_a_setting_that_cannot_be_named_or_an_extension_that_may_read_more_turns_sharing_off():
    from types import SimpleNamespace

    from markdown.extensions.toc import slugify_unicode

    from toolkit.render_shared import settings_of

    class Config(dict):
        validation = SimpleNamespace(links={"not_found": 30})
        use_directory_urls = False

    def made(extensions, configs):
        return Config(markdown_extensions=extensions, mdx_configs=configs)

    def local(text, sep):
        return text

    # What translated trees name: a function its dotted name leads back to.
    named = settings_of(made(["toc", "tables"], {"toc": {"slugify": slugify_unicode}}), False)
    assert named is not None and '"markdown.extensions.toc.slugify_unicode"' in named
    assert settings_of(made(["toc"], {"toc": {"slugify": lambda text, sep: text}}), False) is None
    assert settings_of(made(["toc"], {"toc": {"slugify": local}}), False) is None
    assert settings_of(made(["toc", "pymdownx.snippets"], {}), False) is None
    assert settings_of(made(["toc"], {}), False) != settings_of(made(["toc"], {}), True)
