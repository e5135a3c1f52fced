"""What one built page holds, read in one walk: everything the checks of built pages look at.

Every check of built pages needs some of the same things: links, ids, text
that may hold numbers, meta elements, elements that load or run code, the
text a reader sees or hears. Parsing a page and walking its elements is most
of what checking a large site costs, so each page is read once, into a
`PageScan`, and no check holds a parsed tree. The harden step reads each page
from the bytes it writes (so the checks see exactly what readers get, at no
second read from disk); `toolkit check` reads them from site/.

Measured on the 918 public pages of the 1,000-module benchmark: parsing takes
0.3 ms a page and the walk 0.5 ms; walking a plain lxml.etree tree takes about
half the time of walking lxml.html's (whose element proxies go through a Python
class lookup), and one walk cost about half of one XPath query per kind of thing.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import NamedTuple

import lxml.etree
import lxml.html.defs

# Elements whose text stands apart from the text around them.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "button", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "label", "legend", "li", "main", "nav", "ol", "option", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
})
SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
# Every attribute that holds an address: lxml's list (href, src, action, formaction, cite,
# xlink:href, background, longdesc, usemap, data, ...) and the two it leaves out.
URL_ATTRIBUTES = frozenset(lxml.html.defs.link_attrs | {"srcset", "poster"})
# Attribute text a reader sees or hears (tooltips, screen readers, search snippets).
TEXT_ATTRIBUTES = frozenset(
    {"title", "alt", "aria-label", "aria-description", "placeholder", "value"}
)
# Elements a check must know about wherever they are: embedded content and code blocks.
NOTED_TAGS = frozenset({"iframe", "frame", "object", "embed", "style"})
_DIGIT = re.compile(r"\d")
# What each attribute name means to the walk in read_page: one lookup per attribute.
_URL, _ID, _NAME, _TEXT, _CONTENT, _STYLE = "url", "id", "name", "text", "content", "style"
_ATTRIBUTE_KINDS = {
    **dict.fromkeys(URL_ATTRIBUTES, _URL), **dict.fromkeys(TEXT_ATTRIBUTES, _TEXT),
    "id": _ID, "name": _NAME, "content": _CONTENT, "style": _STYLE,
}
_STRING = lxml.etree.XPath("string()", smart_strings=False)  # plain str: no reference to the tree
_PARSERS = threading.local()  # an lxml parser must not be used by two threads at once


class _Shared:
    """Equal values kept once, whichever page they were read from.

    The pages of a site repeat the same menu, footer, help cards and meta elements: of the
    54,000 links of the 918 public pages at 1,000 modules, 7,600 differ (10,000 text blocks:
    1,000; 15,600 ids: 1,100). Sharing them takes those pages' scans from 24 to 11 MB (and
    their pickle, sent from the second edition's process, from 11 to 7 MB). One table per
    kind of value, because a Meta and a Noted with the same fields are equal tuples. The
    table is emptied when it grows large, so a long preview session does not keep every
    value it ever read; the values themselves stay with the scans that hold them.
    """

    LIMIT = 100_000

    def __init__(self):
        self.values: dict = {}

    def __call__(self, value):
        if len(self.values) >= self.LIMIT:
            self.values.clear()
        return self.values.setdefault(value, value)


_LINKS, _BLOCKS, _METAS, _NOTED, _STRINGS = _Shared(), _Shared(), _Shared(), _Shared(), _Shared()


class TextBlock(NamedTuple):
    text: str
    line: int  # in the built page
    where: str  # "text" or the attribute, for example "alt"


class Link(NamedTuple):  # a tuple: tens of thousands are made per build
    tag: str
    attribute: str
    url: str
    line: int
    text: str  # visible text of an <a>, for tel: and sms: links
    rel: str = ""  # of an <a>


class Meta(NamedTuple):
    http_equiv: str  # lower case, "" if none
    name: str  # lower case, "" if none
    content: str
    line: int


class Noted(NamedTuple):
    """An element or attribute a check looks for: <iframe>, inline <script>, style="...", onclick="..."."""

    tag: str
    attribute: str  # "" for the element itself
    value: str
    line: int


@dataclass(slots=True)
class PageScan:
    blocks: list[TextBlock] = field(default_factory=list)  # only those with a digit
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    metas: list[Meta] = field(default_factory=list)
    noted: list[Noted] = field(default_factory=list)
    text: str = ""  # the page's text, as lxml's text_content() gives it
    attribute_texts: list[str] = field(default_factory=list)  # alt, title, aria-label... and <meta name> content

    def heard(self) -> str:
        """Everything a reader sees or hears: the text, then each text attribute on a line of its own."""
        return "\n".join([self.text, *self.attribute_texts])

    def elements(self, *tags: str) -> list[Noted]:
        return [item for item in self.noted if not item.attribute and item.tag in tags]

    def attributes(self, predicate) -> list[Noted]:
        return [item for item in self.noted if item.attribute and predicate(item.attribute)]


def srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def _tag(element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def _block_of(element):
    """The nearest ancestor-or-self whose text stands apart; None inside a script or style."""
    while element is not None:
        tag = _tag(element)
        if tag in SKIPPED_TAGS:
            return None
        if tag in BLOCK_TAGS:
            return element
        element = element.getparent()
    return None


def parse_html(raw: bytes):
    """The tree of a built page (plain lxml.etree), or None if it is empty.

    Built pages are UTF-8, as MkDocs and harden write them, whatever a page declares:
    without a <meta charset> libxml2 would read them as Latin-1.
    """
    if not raw.strip():
        return None
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = lxml.etree.HTMLParser(encoding="utf-8")
    return lxml.etree.HTML(raw, parser)


def read_page(raw: bytes) -> PageScan:
    """Parse one built page and read it in one walk over its elements."""
    scan = PageScan()
    root = parse_html(raw)
    if root is None:
        return scan
    digit_blocks = {}
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag in NOTED_TAGS or (tag == "script" and element.get("src") is None):
            # The code's first line, which the checks look for in the page's source file.
            code = (element.text or "").strip().split("\n", 1)[0]
            scan.noted.append(_NOTED(Noted(tag, "", code, element.sourceline or 0)))
        elif tag == "meta":
            scan.metas.append(_METAS(Meta((element.get("http-equiv") or "").lower(),
                                          (element.get("name") or "").lower(), element.get("content") or "",
                                          element.sourceline or 0)))
        for name, value in element.items():
            kind = _ATTRIBUTE_KINDS.get(name)
            if kind is None:  # most attributes (class, rel, aria-*) matter to no check
                if name.startswith("on"):
                    scan.noted.append(_NOTED(Noted(tag, name, value, element.sourceline or 0)))
            elif kind is _URL:
                _add_link(scan, element, tag, name, value)
            elif kind is _ID or (kind is _NAME and tag == "a"):
                scan.ids.add(_STRINGS(value))
            elif kind is _TEXT or (kind is _CONTENT and tag == "meta"):
                if tag != "meta" or element.get("name"):
                    scan.attribute_texts.append(_STRINGS(value))
                if _DIGIT.search(value):
                    scan.blocks.append(_BLOCKS(TextBlock(value, element.sourceline or 0, name)))
            elif kind is _STYLE:
                scan.noted.append(_NOTED(Noted(tag, name, value, element.sourceline or 0)))
        text, tail = element.text, element.tail
        # Most text between tags is indentation: isspace() rules it out faster than the regex.
        if text and not text.isspace() and _DIGIT.search(text):
            block = _block_of(element)
            if block is not None:
                digit_blocks.setdefault(block, None)
        if tail and not tail.isspace() and _DIGIT.search(tail):
            block = _block_of(element.getparent())
            if block is not None:
                digit_blocks.setdefault(block, None)
    for block in digit_blocks:
        scan.blocks.append(_BLOCKS(TextBlock(" ".join(_STRING(block).split()), block.sourceline or 0, "text")))
    scan.text = _STRING(root)
    return scan


def _add_link(scan: PageScan, element, tag: str, attribute: str, value: str) -> None:
    line = element.sourceline or 0
    if tag == "a":
        text = _STRING(element) if value.startswith(("tel:", "sms:")) else ""
        rel = element.get("rel") or ""
    else:
        text = rel = ""
    for url in srcset_urls(value) if attribute == "srcset" else (value,):
        scan.links.append(_LINKS(Link(tag, attribute, url, line, text, rel)))
