"""toolkit.markdown_html: Markdown inside HTML, the same HTML as md_in_html makes, the compile step's marked
blocks (toolkit.compile.blocks) set aside without parsing them."""

from __future__ import annotations

import markdown
import pytest

import toolkit.markdown_html as markdown_html
from toolkit.compile.blocks import (
    BLOCK_END,
    BLOCK_START,
    generated_block,
    reads_marks,
    without_marks,
)

# The other extensions of our mkdocs.yml, around the one compared, and fenced_code, which MkDocs always adds.
OTHERS = ["toc", "attr_list", "tables", "admonition", "sane_lists", "toolkit.markdown_typography", "fenced_code"]
CONFIGS = {"toc": {"permalink": False}}

PAGES = {
    "no HTML": "# Title\n\nA paragraph -- with *emphasis*.\n\n- one\n- two\n",
    "raw blocks": '<aside class="tk-pause" aria-label="Pause"><p><strong>Pause.</strong> Stop here.</p></aside>\n\n'
                  "Text after.\n\n<div>\n<p>A paragraph in a div.</p>\n</div>\n",
    "inline HTML": 'Call <a class="tk-tel" href="tel:+448081000900"><span dir="ltr">0808 1000 900</span></a> now.\n',
    "markdown inside": '<div class="card" markdown="1">\n## A heading\n\n*Card* text -- here.\n\n- a list\n</div>\n',
    "markdown attribute forms": '<div markdown>\n*one*\n</div>\n\n<section markdown="block">\n*two*\n</section>\n\n'
                                '<p markdown="span">*three*</p>\n\n<div markdown="0">*four*</div>\n',
    "nested": '<div markdown="1">\n<div markdown="1">\n<div>raw *inner*</div>\n\n*md*\n</div>\n</div>\n',
    "void and empty tags": 'Line<br>\n\n<hr>\n\n<img src="a.svg" alt="">\n\n<div markdown="1">\n<hr>\n</div>\n',
    "comments and declarations": "<!-- a note -->\n\n<!doctype html>\n\nText <!-- inline --> after.\n",
    "unclosed and stray tags": '<div markdown="1">\n*open*\n\n</span> stray\n',
    "raw tags": '<div markdown="1">\n<pre>*not* md</pre>\n<script>var a = "*";</script>\n</div>\n',
    "a table and code": "| a | b |\n| --- | --- |\n| <em>x</em> | y |\n\n```\n<div>code</div>\n```\n",
    "non-ASCII": '<div markdown="1">\nZadzwoń -- teraz... اتصل الآن\n</div>\n',
}


def _render(name: str, text: str) -> tuple[str, list]:
    md = markdown.Markdown(extensions=[*OTHERS, name], extension_configs=CONFIGS)
    return md.convert(text), md.toc_tokens


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_html_is_what_md_in_html_made(page):
    assert _render("toolkit.markdown_html", PAGES[page]) == _render("md_in_html", PAGES[page])


def test_markdown_inside_a_div_is_rendered_and_raw_html_kept():
    html, _toc = _render("toolkit.markdown_html", PAGES["markdown inside"] + "\n" + PAGES["raw tags"])
    assert '<div class="card">\n<h2 id="a-heading">A heading</h2>' in html
    assert "<p><em>Card</em> text &ndash; here.</p>" in html
    assert "<pre>*not* md</pre>" in html


def _markdown_of(path) -> str:
    """A generated page's Markdown as MkDocs converts it: without the front matter."""
    return path.read_text(encoding="utf-8").split("---\n", 2)[-1]


def test_every_generated_page_of_a_build_is_what_md_in_html_made_of_it_unmarked(built_minimal):
    project, _result = built_minimal
    pages = sorted((project / "build" / "projects").rglob("*.md"))
    assert len(pages) >= 30  # both editions of the minimal fixture: modules, topics, audiences, help, a-z...
    marked = set()
    for path in pages:
        text = _markdown_of(path)
        if BLOCK_START in text:
            marked.add(path)
        assert _render("toolkit.markdown_html", text) == _render("md_in_html", without_marks(text)), path
    modules = {path for path in pages if path.parent.name == "modules"}
    assert modules and modules <= marked  # every module page marks its blocks


CARD = ('<section class="tk-card" id="help-x" aria-labelledby="help-x-title">\n'
        '<h3 class="tk-card__title" id="help-x-title">Helpline &amp; chat</h3>\n'
        '<dl class="tk-card__facts"><dt>Call</dt><dd><a class="tk-tel" href="tel:+448081000900">'
        '<span dir="ltr">0808 1000 900</span></a></dd></dl>\n</section>')
POINTS = '<aside class="tk-keypoints"><h2 id="key-points">Key points</h2><ul><li>One -- two</li></ul></aside>'
MARKED = {
    "blocks between paragraphs": f"# Title\n\n{generated_block(POINTS)}\n\nText -- here.\n\n{generated_block(CARD)}\n\n"
                                 "## After\n\nMore.\n",
    "a block first and last": f"{generated_block(CARD)}\n\nText.\n\n{generated_block(POINTS)}\n",
    "blocks one after another": f"{generated_block(POINTS)}\n\n{generated_block(CARD)}\n\n{generated_block(CARD)}\n",
    "inside the author's raw HTML": f"<div>\nopen\n\n{generated_block(CARD)}\n\n</div>\n\nText.\n",
    "inside markdown=1": f'<div markdown="1">\n*md*\n\n{generated_block(CARD)}\n\n</div>\n\nText.\n',
    "after an unclosed raw block": f"<div>\nnever closed\n\n{generated_block(POINTS)}\n",
    "with a script": f"<script>var a = '\n\n{generated_block(POINTS)}\n\n';</script>\n\nText.\n",
    "with a comment": f"<!-- a note\n\n{generated_block(CARD)}\n\n-->\n\nText.\n",
    "no blank line after": f"{generated_block(CARD)}\nText straight after.\n",
    "no blank line before": f"Text straight before.\n{generated_block(CARD)}\n\nAfter.\n",
    "in a list": f"- item\n\n    text\n\n{generated_block(CARD)}\n\n- next\n",
    "inline HTML around": f'Call <a href="tel:1">1</a>\n\n{generated_block(CARD)}\n\n<span>a <em>b</em></span> c\n',
    "two elements marked as one": f"{generated_block('<p>one</p><p>two</p>')}\n\nText.\n",
    "not block level": f"{generated_block('<span>inline</span>')}\n\nText.\n",
    # The parser stops before these and reads the rest as text when closed: md_in_html then keeps the card in a
    # paragraph, since it no longer knows where lines start.
    "a tag without its end": f"Call <a href='x'\n\n{generated_block(CARD)}\n\nText.\n",
    "a declaration left open": f"<!x\n\n{generated_block(CARD)}\n",
    "a processing instruction left open": f"<?x\n\n{generated_block(CARD)}\n",
    "a CDATA section left open": f"<![CDATA[\n\n{generated_block(CARD)}\n",
    "a character reference left open": f"Q &#A\n\n{generated_block(CARD)}\n\nText.\n",
    "in a fence": f"```\ncode\n\n{generated_block(CARD)}\n\n```\n\nText.\n\n{generated_block(POINTS)}\n",
}


@pytest.mark.parametrize("page", sorted(MARKED))
def test_a_page_with_marked_blocks_is_what_md_in_html_made_of_it_unmarked(page):
    text = MARKED[page]
    html, toc = _render("toolkit.markdown_html", text)
    assert (html, toc) == _render("md_in_html", without_marks(text))
    assert BLOCK_START not in html and BLOCK_END not in html


def _parses(monkeypatch) -> list[bool]:
    """Each parse of a page by toolkit.markdown_html, from now on: True for a parse of the whole page."""
    wholes: list[bool] = []
    real_parse = markdown_html._Preprocessor._parse

    def parse(self, text, *, whole=True):
        wholes.append(whole)
        return real_parse(self, text, whole=whole)

    monkeypatch.setattr(markdown_html._Preprocessor, "_parse", parse)
    return wholes


def test_every_module_page_of_a_build_has_its_blocks_set_aside(built_minimal, monkeypatch):
    project, _result = built_minimal
    pages = sorted((project / "build" / "projects").rglob("modules/*.md"))
    assert len(pages) >= 5
    wholes = _parses(monkeypatch)
    for path in pages:
        wholes.clear()
        html, _toc = _render("toolkit.markdown_html", _markdown_of(path))
        assert wholes == [False], path  # one parse, of the page with its blocks set aside
        assert 'class="tk-keypoints"' in html and 'class="tk-review"' in html


@pytest.mark.parametrize("page", ["a tag without its end", "a declaration left open", "a processing instruction left open",
                                  "a CDATA section left open", "a character reference left open", "with a comment",
                                  "with a script", "inside the author's raw HTML", "inside markdown=1"])
def test_a_page_the_parser_might_read_differently_is_parsed_whole(page, monkeypatch):
    wholes = _parses(monkeypatch)
    _render("toolkit.markdown_html", MARKED[page])
    assert wholes[-1] is True


def test_a_parser_that_stops_before_the_end_gives_no_text_to_keep():
    md = markdown.Markdown(extensions=["toolkit.markdown_html"])
    preprocessor = md.preprocessors["html_block"]
    assert preprocessor._parse("Q &#A\n\nText; more.\n", whole=False) is None
    assert preprocessor._parse("Q &amp; A\n\nText.\n", whole=False) == "Q &amp; A\n\nText.\n"


def test_marked_blocks_are_not_parsed_and_are_kept_as_written(monkeypatch):
    fed: list[str] = []
    real_feed = markdown_html._Parser.feed

    def feed(self, data):
        fed.append(data)
        return real_feed(self, data)

    monkeypatch.setattr(markdown_html._Parser, "feed", feed)
    html, _toc = _render("toolkit.markdown_html", MARKED["blocks between paragraphs"])
    assert len(fed) == 1 and "tk-card" not in fed[0] and "tk-keypoints" not in fed[0] and "Text -- here." in fed[0]
    assert CARD in html and POINTS in html and BLOCK_START not in html and BLOCK_END not in html
    assert "<p>Text &ndash; here.</p>" in html

    fed.clear()  # inside the author's raw HTML: parsed whole, as md_in_html does
    html, _toc = _render("toolkit.markdown_html", MARKED["inside the author's raw HTML"])
    assert [text for text in fed if "tk-card" in text] and BLOCK_START not in html


def test_marks_come_off_whole():
    text = f"Before.\n\n{generated_block(CARD)}\n\nAfter.\n"
    assert without_marks(text) == f"Before.\n\n{CARD}\n\nAfter.\n"
    assert without_marks("no marks") == "no marks"


def test_a_project_whose_mkdocs_yml_does_not_name_the_reader_gets_its_markdown_unmarked(tmp_path):
    from tests.conftest import build_project, copy_content

    assert reads_marks(["toc", {"toolkit.markdown_html": None}]) and reads_marks(["toolkit.markdown_html"])
    assert not reads_marks(["toc", "md_in_html"]) and not reads_marks(None)
    project = copy_content(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("- toolkit.markdown_html", "- md_in_html"),
                      encoding="utf-8")
    result = build_project(project)
    assert result.ok, [finding.format() for finding in result.findings]
    docs = list((project / "build" / "projects").rglob("*.md"))
    assert docs and not [path for path in docs if BLOCK_START in path.read_text(encoding="utf-8")]
    pages = list((project / "site").rglob("*.html"))
    assert pages and not [path for path in pages if BLOCK_START in path.read_text(encoding="utf-8")]
    module = next((project / "site" / "public" / "modules").glob("*.html")).read_text(encoding="utf-8")
    assert 'class="tk-keypoints"' in module


def test_harden_reports_a_mark_left_in_a_page():
    from toolkit.harden.pages import harden_page

    raw = f"<!doctype html><html><body><p>{BLOCK_START}</p><p>Text</p></body></html>".encode()
    _written, page = harden_page("modules/a.html", raw, set())
    assert [finding.message for finding in page.findings] == [
        "the page holds a mark of the compile step's HTML blocks (U+0091 or U+0092) that the renderer did not "
        "take off."]
    _written, clean = harden_page("modules/b.html", "<!doctype html><html><body><p>£ 5\u00a0a</p></body></html>".encode(),
                                  set())
    assert clean.findings == []
