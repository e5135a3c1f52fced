"""What one built page holds: text that may hold numbers, attribute texts, links and ids.

The number and link checks all need these, so each page is read in one walk
over its (already parsed, cached) tree and the result is cached beside it.
Measured on 1,937 pages: one walk costs about half of running one XPath query
per kind of thing, and blank text is ruled out before any regex runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .site import EditionOutput

# Elements whose text stands apart from the text around them.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "button", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "label", "legend", "li", "main", "nav", "ol", "option", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
})
SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "poster", "data"})
# Attribute text a reader sees or hears (tooltips, screen readers, search snippets).
TEXT_ATTRIBUTES = frozenset(
    {"title", "alt", "aria-label", "aria-description", "placeholder", "value"}
)
_DIGIT = re.compile(r"\d")


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


@dataclass
class PageScan:
    blocks: list[TextBlock] = field(default_factory=list)  # only those with a digit
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


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


def _read(tree) -> PageScan:
    """One walk over the elements (measured: cheaper than one XPath query per kind of thing)."""
    scan = PageScan()
    digit_blocks = {}
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        for name, value in element.items():
            if name == "id":
                scan.ids.add(value)
            elif name in URL_ATTRIBUTES:
                _add_link(scan, element, name, value)
            elif (
                name in TEXT_ATTRIBUTES or (name == "content" and tag == "meta")
            ) and _DIGIT.search(value):
                scan.blocks.append(TextBlock(value, element.sourceline or 0, name))
            elif name == "name" and tag == "a":
                scan.ids.add(value)
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
        scan.blocks.append(
            TextBlock(" ".join(block.text_content().split()), block.sourceline or 0, "text")
        )
    return scan


def _add_link(scan: PageScan, element, attribute: str, value: str) -> None:
    tag = _tag(element)
    if attribute == "data" and tag != "object":
        return
    text = element.text_content() if tag == "a" and value.startswith(("tel:", "sms:")) else ""
    for url in srcset_urls(value) if attribute == "srcset" else [value]:
        scan.links.append(Link(tag, attribute, url, element.sourceline or 0, text))


def scan_page(edition: EditionOutput, page: str) -> PageScan:
    """The page's digit-bearing text, links and ids; read once per build."""
    cache = edition.__dict__.setdefault("_scans", {})
    if page not in cache:
        cache[page] = _read(edition.tree(page))
    return cache[page]
