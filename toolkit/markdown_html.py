"""Markdown inside HTML, as Python-Markdown's md_in_html extension does it, with its tag set made once a page.

md_in_html's HTML parser asks for `block_level_tags` at every tag it meets, and that property builds a
new set of Python-Markdown's 60 block-level element names each time (so that names an extension adds
later count): 160 sets a page on our module pages, a tenth of Python-Markdown's time there. The
parser is made for one page (md_in_html's preprocessor makes one per page), after every extension
has added its names, so the set it builds first holds for the whole page. Everything else is
md_in_html's own; tests/test_markdown_html.py renders a set of pages with both and compares the HTML.
"""

from __future__ import annotations

from markdown.extensions import md_in_html


class _Parser(md_in_html.HTMLExtractorExtra):
    """md_in_html's parser, with its set of block-level tags built once."""

    @property
    def block_level_tags(self) -> set[str]:
        tags = self.__dict__.get("_block_level_tags")
        if tags is None:
            tags = self.__dict__["_block_level_tags"] = set(self.md.block_level_elements)
        return tags


class _Preprocessor(md_in_html.HtmlBlockPreprocessor):
    """md_in_html's preprocessor (HtmlBlockPreprocessor.run), with _Parser."""

    def run(self, lines: list[str]) -> list[str]:
        parser = _Parser(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class MarkdownInHtml(md_in_html.MarkdownInHtmlExtension):
    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)
        md.preprocessors.register(_Preprocessor(md), "html_block", 20)  # md_in_html's name and priority


def makeExtension(**kwargs) -> MarkdownInHtml:
    return MarkdownInHtml(**kwargs)
