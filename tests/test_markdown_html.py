"""toolkit.markdown_html: Markdown inside HTML, the same HTML as md_in_html makes."""

from __future__ import annotations

import markdown
import pytest

# The other extensions of our mkdocs.yml, around the one compared.
OTHERS = ["toc", "attr_list", "tables", "admonition", "sane_lists", "toolkit.markdown_typography"]
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


def test_every_generated_page_of_a_build_is_what_md_in_html_made(built_minimal):
    project, _result = built_minimal
    pages = sorted((project / "build" / "projects").rglob("*.md"))
    assert len(pages) >= 30  # both editions of the minimal fixture: modules, topics, audiences, help, a-z...
    for path in pages:
        text = path.read_text(encoding="utf-8").split("---\n", 2)[-1]  # without the front matter
        assert _render("toolkit.markdown_html", text) == _render("md_in_html", text), path
