"""What in a Markdown body would make rendering it run for minutes, checked before anything reads it further.

Python-Markdown handles each level of a list or quote by recursion: a few thousand
levels run for minutes or exhaust the stack. The depth of a line is the number of
list markers and quote markers it starts with, plus one level per four spaces of
indentation in front of them (Python-Markdown's list indentation).

Raw HTML elements nest too (md_in_html recurses per element, and libxml2 drops what
lies deeper than 256): at most MAX_MARKDOWN_DEPTH of them inside one another.

Link brackets cost time that grows faster than their number, in Python-Markdown and in
any regular expression that looks for links: 4,000 '[' in a row took 21 s to render.
A body has at most MAX_MARKDOWN_BRACKETS of them.
"""

from __future__ import annotations

import re

from ..findings import Finding, error
from ..limits import MAX_MARKDOWN_BRACKETS, MAX_MARKDOWN_DEPTH

MARKERS = re.compile(r"(?:[ ]{0,3}(?:>|[-*+](?=[ ])|\d{1,9}[.)](?=[ ]))[ ]*)+")
FENCE = re.compile(r"[ ]*(```|~~~)")
TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(?P<self>/?)>")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def too_costly(text: str, file: str, line_offset: int = 0) -> list[Finding]:
    """Findings for a body too deeply nested or with too many brackets; the body is not read further if any."""
    brackets = text.count("[")
    if brackets > MAX_MARKDOWN_BRACKETS:
        position = -1
        for _ in range(MAX_MARKDOWN_BRACKETS + 1):
            position = text.index("[", position + 1)
        line = text.count("\n", 0, position) + 1 + line_offset
        return [error("markdown", f"the text has {brackets:,} '[' characters; at most {MAX_MARKDOWN_BRACKETS} are "
                                  f"allowed (number {MAX_MARKDOWN_BRACKETS + 1} is here).", file=file, line=line,
                      hint="A '[' starts a link: a body needs one for each link. Remove the others.")]
    return _too_deep(text, file, line_offset)


def _too_deep(text: str, file: str, line_offset: int) -> list[Finding]:
    """A finding for the first line nested deeper than MAX_MARKDOWN_DEPTH, if there is one."""
    fenced, elements = False, 0
    for number, line in enumerate(text.split("\n"), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for tag in TAG.finditer(line):
            if tag["name"].lower() in VOID or tag["self"]:
                continue
            elements = max(0, elements + (-1 if tag["close"] else 1))
            if elements > MAX_MARKDOWN_DEPTH:
                return [error("markdown", f"HTML elements are nested more than {MAX_MARKDOWN_DEPTH} levels deep "
                                          "here.", file=file, line=number + line_offset, column=tag.start() + 1,
                              hint="Close each element before the next opens, or write the text in Markdown.")]
        line = line.expandtabs(4)
        indent = len(line) - len(line.lstrip(" "))
        markers = MARKERS.match(line, indent)
        if markers is None:
            continue
        depth = indent // 4 + len(re.findall(r">|[-*+](?= )|\d{1,9}[.)](?= )", markers.group()))
        if depth > MAX_MARKDOWN_DEPTH:
            return [error("markdown", f"lists and quotes are nested {depth} levels deep here; "
                                      f"at most {MAX_MARKDOWN_DEPTH} are allowed.",
                          file=file, line=number + line_offset, column=indent + 1,
                          hint="Flatten the list or quote: more than two or three levels is hard to follow.")]
    return []
