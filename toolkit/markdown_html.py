"""Markdown inside HTML, as Python-Markdown's md_in_html extension does it, with its tag set made once a page and
the HTML blocks the compile step wrote set aside without parsing them.

md_in_html's HTML parser asks for `block_level_tags` at every tag it meets, and that property builds a
new set of Python-Markdown's 60 block-level element names each time (so that names an extension adds
later count): 160 sets a page on our module pages, a tenth of Python-Markdown's time there. The
parser is made for one page (md_in_html's preprocessor makes one per page), after every extension
has added its names, so the set it builds first holds for the whole page.

The parser reads every tag in Python, and most tags of a page are the compile step's own blocks (help
cards, key points, worksheet boxes): a third of converting a module page was parsing them. The compile
step marks each such block (toolkit.compile.blocks): one element, on lines of its own between a line holding
BLOCK_START and one holding BLOCK_END, with a blank line after. md_in_html keeps such a block as it is,
in one entry of the page's HTML stash (the element's text and a newline), with a newline before its
placeholder and a blank line after; `_Preprocessor` stores it so, puts that in its place and gives the
parser the rest, when the rest is plain: text, whole tags and character references, no <script> or <style>
(`_SIMPLE`), so that nothing before a block can be read on into it (a tag without its '>' would take the
block's first tag as its attributes; a comment, declaration or '&#' searches ahead for its end). The
parser then reads the same tokens up to each block, and after each block is in the state md_in_html's is
in after it. When it still leaves one of the placeholders out of the text it gives back (the block was
inside the author's own raw HTML, or inside an element with markdown="1"), or stops before the end of the
text, the page is parsed again whole, without the marks, as md_in_html would. A fence holding a shortcode
(fenced_code runs first and stores the fence as it is) is stored without the marks.

Everything else is md_in_html's own; tests/test_markdown_html.py renders every page of a build both ways
and compares the HTML.
"""

from __future__ import annotations

import functools
import re

from markdown.extensions import md_in_html
from markdown.htmlparser import blank_line_re

from .compile.blocks import BLOCK_END, BLOCK_START, without_marks

_MARKED = re.compile(f"(?:(?<=\\n)|^){BLOCK_START}\\n(<[^{BLOCK_START}{BLOCK_END}]*>)\\n{BLOCK_END}(?=\\n)")
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
# The rest of a page whose blocks may be set aside: text, whole tags (each ends at its own '>'), character references
# and a '<' or '&' that starts neither. Nothing the parser might read on into a block: a tag without its '>', an
# unclosed quote, a comment, declaration or processing instruction, '&#' that is not a reference. (Possessive, so
# that a page that does not match fails at once.)
_TAG = (r"""<[a-zA-Z][a-zA-Z0-9-]*+(?:\s++[a-zA-Z_:][-a-zA-Z0-9_:.]*+"""
        r"""(?:\s*+=\s*+(?:"[^"<>]*+"|'[^'<>]*+'|[^\s"'=<>`]++))?+)*+\s*+/?>|</[a-zA-Z][a-zA-Z0-9-]*+\s*+>""")
_SIMPLE = re.compile(rf"(?:[^<&]++|{_TAG}|&#[0-9]++;|&#[xX][0-9a-fA-F]++;|&(?!#)|<(?![a-zA-Z/!?])|</(?![a-zA-Z]))*+\Z")
# Whole tags whose text the parser does not read as HTML: everything up to their end tag is theirs.
_UNSURE = re.compile(r"<(?:script|style)\b", re.IGNORECASE)


class _Parser(md_in_html.HTMLExtractorExtra):
    """md_in_html's parser, with its set of block-level tags built once."""

    @property
    def block_level_tags(self) -> set[str]:
        tags = self.__dict__.get("_block_level_tags")
        if tags is None:
            tags = self.__dict__["_block_level_tags"] = set(self.md.block_level_elements)
        return tags


class _Preprocessor(md_in_html.HtmlBlockPreprocessor):
    """md_in_html's preprocessor (HtmlBlockPreprocessor.run), with _Parser and the compile step's blocks set aside."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        stash = self.md.htmlStash
        # What an earlier preprocessor stored (fenced_code: a shortcode in a fence), without the marks.
        stash.rawHtmlBlocks[:] = [without_marks(html) if isinstance(html, str) else html
                                  for html in stash.rawHtmlBlocks]
        if BLOCK_START in text:
            kept = len(stash.rawHtmlBlocks)
            rest, placeholders = self._set_aside(text)
            if placeholders:
                parsed = self._parse(rest, whole=False)
                if parsed is not None and all(placeholder in parsed for placeholder in placeholders):
                    return parsed.split("\n")
            del stash.rawHtmlBlocks[kept:]  # what was set aside is taken back: the page is parsed whole
            stash.html_counter = kept  # HtmlStash.store counts what it holds
            text = without_marks(text)
        return self._parse(text).split("\n")

    def _parse(self, text: str, *, whole: bool = True) -> str | None:
        """md_in_html's parse of `text`; None, when not `whole`, if the parser stopped before the end of the text
        and read the rest when closed: it then no longer knows where lines start (a tag without its '>', a
        declaration or character reference left open), and what it would have made of a block set aside there
        is not what it makes of a placeholder."""
        parser = _Parser(self.md)
        parser.feed(text)
        if not whole and parser.rawdata:
            return None
        parser.close()
        return "".join(parser.cleandoc)

    def _set_aside(self, text: str) -> tuple[str, list[str]]:
        """The text with each marked block that md_in_html would keep as it is replaced by what md_in_html puts in
        its place, and the placeholders of those blocks (none when the page is to be parsed whole)."""
        parts: list[str] = []
        placeholders: list[str] = []
        last = 0
        blocks = self.md.block_level_elements
        for match in _MARKED.finditer(text):
            html = match.group(1)
            start = _START_TAG.match(html)
            if (start is None or start.group(1) not in blocks or "markdown" in start.group(0)
                    or not _one_element(html, start.group(1)) or not blank_line_re.match(text[match.end():])):
                continue  # left marked: without_marks takes the marks off below
            parts.append(text[last:match.start()])
            placeholder = self.md.htmlStash.store(html + "\n")
            placeholders.append(placeholder)
            parts.append(f"\n{placeholder}\n\n")
            last = match.end()
        parts.append(text[last:])
        rest = without_marks("".join(parts))
        return (text, []) if _UNSURE.search(rest) or not _SIMPLE.match(rest) else (rest, placeholders)


def _one_element(html: str, name: str) -> bool:
    """Whether the element that `html` starts with (a `name`) ends where `html` ends: md_in_html's block ends with
    it, and whatever came after it on the line would be read otherwise."""
    depth = 0
    for tag in _tags_named(name).finditer(html):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end() == len(html)
    return False


@functools.lru_cache(maxsize=64)
def _tags_named(name: str) -> re.Pattern:
    return re.compile(f"<(/)?{re.escape(name)}(?=[\\s/>])[^>]*>")


class MarkdownInHtml(md_in_html.MarkdownInHtmlExtension):
    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)
        md.preprocessors.register(_Preprocessor(md), "html_block", 20)  # md_in_html's name and priority


def makeExtension(**kwargs) -> MarkdownInHtml:
    return MarkdownInHtml(**kwargs)
