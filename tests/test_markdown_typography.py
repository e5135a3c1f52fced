"""toolkit.markdown_typography: the dashes and ellipses smarty made (smart_quotes off), the same HTML, one pass."""

from __future__ import annotations

import markdown
import pytest

from tests.conftest import build_project

# The other extensions of our mkdocs.yml, around the one compared.
OTHERS = ["toc", "attr_list", "tables", "admonition", "toolkit.markdown_html", "sane_lists"]
CONFIGS = {"toc": {"permalink": False}}

PAGES = {
    "plain": "Call us -- any day --- or write... We answer.\n",
    "runs of dashes and dots": "a----b -- c---d ----- e.... f..... g.. h...i\n\n---\n\nj--k\n",
    "emphasis and links": "*You -- too*, **strong --- words...** and [a link -- here](page.md) -- done.\n",
    "code is left alone": "Use `a -- b...` or\n\n    indented -- code...\n\n```\nfenced -- code...\n```\n",
    "headings (toc ids)": "# Worried -- what now?\n\n## Help --- today...\n\nText.\n",
    "a table": "| when | who |\n| --- | --- |\n| now -- later | us... |\n",
    "an admonition": '!!! note "Before -- you call..."\n    It is free --- and private.\n',
    "HTML with Markdown in it": '<div class="card" markdown>\nCard -- text...\n\n*more --- here*\n</div>\n\n'
                                 '<div class="raw">raw -- html...</div>\n',
    "attribute lists": "A paragraph -- with a class...\n{: .tk-note }\n",
    "escaped quotes and dashes": 'He said \\"wait\\" and \\\'no\\\' \\-- not a dash \\... nor this\n',
    "lists": "1. one -- two\n2. three...\n\n- four --- five\n",
    "non-ASCII around": "Zadzwoń -- teraz... اتصل -- الآن...\n",
}


def _render(name: str, config: dict, text: str) -> tuple[str, list]:
    md = markdown.Markdown(extensions=[*OTHERS, name], extension_configs={**CONFIGS, name: config})
    return md.convert(text), md.toc_tokens


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_html_is_what_smarty_made(page):
    ours = _render("toolkit.markdown_typography", {}, PAGES[page])
    assert ours == _render("smarty", {"smart_quotes": False}, PAGES[page])


def test_dashes_and_ellipses_become_entities_in_text_and_stay_in_code():
    html, _toc = _render("toolkit.markdown_typography", {}, PAGES["plain"] + "\n" + PAGES["code is left alone"])
    assert "<p>Call us &ndash; any day &mdash; or write&hellip; We answer.</p>" in html
    assert "<code>a -- b...</code>" in html
    assert "indented -- code..." in html
    assert '"' not in html.split("</p>")[0]  # no smart quotes: none asked for


def test_a_built_page_has_the_entities(project):
    body = project / "content" / "modules" / "first-steps" / "body.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nTake your time -- there is no rush...\n", encoding="utf-8")
    result = build_project(project)
    assert result.ok, [finding.format() for finding in result.findings]
    page = (project / "site" / "public" / "modules" / "first-steps.html").read_text(encoding="utf-8")
    assert "Take your time \u2013 there is no rush\u2026</p>" in page  # harden writes the characters themselves
