"""The HTML blocks the compile step writes into a page's Markdown, marked so that the renderer need not parse them.

A help card, the key points, a worksheet box: each is one element the compile step made whole, and most
of a module page's tags are in them. `generated_block` puts it on lines of its own between a line holding
BLOCK_START and one holding BLOCK_END; the renderer's Markdown extension (toolkit.markdown_html) stores such
a block as Python-Markdown would, without reading its tags, and takes the marks off everything else.
The compile step writes them only for a mkdocs.yml that names that extension (`reads_marks`); whatever else
reads a page's Markdown takes them off first (`without_marks`), and harden reports a page that still has
one.
"""

from __future__ import annotations

# The control characters PRIVATE USE ONE and TWO: content cannot hold them (the loader reports any control
# character), Python-Markdown leaves them alone (it removes only its own markers, STX and ETX, from a text), and
# below U+0100 they keep a page's text one byte a character in memory (a noncharacter such as U+FDD0 made every
# page's Markdown two, and Python-Markdown's regular expressions slower on it).
BLOCK_START = "\x91"
BLOCK_END = "\x92"
# The extension that reads them (toolkit/markdown_html.py), as mkdocs.yml names it.
READER = "toolkit.markdown_html"


def generated_block(html: str) -> str:
    """One element of HTML the compile step wrote, marked. `html` is a single element, its start tag first and its end
    tag last; the caller puts it at the start of a line, with a blank line after it."""
    return f"{BLOCK_START}\n{html}\n{BLOCK_END}"


def without_marks(text: str) -> str:
    """The text as it is without generated_block's marks."""
    if BLOCK_START not in text:
        return text
    return text.replace(f"{BLOCK_START}\n", "").replace(f"\n{BLOCK_END}", "")


def reads_marks(extensions) -> bool:
    """Whether a mkdocs.yml's markdown_extensions (names, or one-key tables of a name and its settings) name READER."""
    for entry in extensions or ():
        names = entry if isinstance(entry, dict) else (entry,)
        if READER in names:
            return True
    return False
