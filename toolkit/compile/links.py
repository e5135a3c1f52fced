"""Where each generated page lives, and relative links between them.

Pages are addressed by their Markdown path in the generated docs folder
(`modules/managing-urges.md`); MkDocs turns links to `.md` files into links to
the built `.html` files. All links are relative, so the site works from any
folder, behind any host name (including onion services) and from file://.
"""

from __future__ import annotations

import functools
import posixpath

HOME = "index.md"
SEARCH = "search.md"
A_TO_Z = "a-z.md"
HELP = "help.md"
WORKSHEETS = "worksheets/index.md"


def module(module_id: str) -> str:
    return f"modules/{module_id}.md"


def module_asset(module_id: str, name: str) -> str:
    return f"modules/{module_id}/{name}"


def worksheet(sheet_id: str) -> str:
    return f"worksheets/{sheet_id}.md"


def worksheet_text(sheet_id: str) -> str:
    return f"worksheets/{sheet_id}.txt"


def page(slug: str) -> str:
    return f"{slug}.md"


def audience(audience_id: str) -> str:
    return f"{audience_id}/index.md"


def topic(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def helpline(helpline_id: str) -> str:
    return f"{HELP}#help-{helpline_id}"


def html_path(md_path: str) -> str:
    """Built file of a generated page: modules/x.md -> modules/x.html."""
    return md_path[:-3] + ".html" if md_path.endswith(".md") else md_path


@functools.lru_cache(maxsize=65536)  # the same few links (help page, pause module) appear on every page
def relative(from_page: str, to_target: str) -> str:
    """A link from one generated page to another path (which may carry #fragment)."""
    target, _, fragment = to_target.partition("#")
    start = posixpath.dirname(from_page) or "."
    path = posixpath.relpath(target, start)
    return path + (f"#{fragment}" if fragment else "")


EASY_READ_TREE = "easy-read/"


def language_root(tag: str, source: str) -> str:
    """Where a language's tree starts inside an edition: the source language at the root, others in <tag>/,
    easy read in easy-read/."""
    from ..content.variants import EASY  # here: the content package imports this module as it loads

    if tag == source:
        return ""
    return EASY_READ_TREE if tag == EASY else f"{tag}/"


def across_languages(from_page: str, to_page: str, from_root: str, to_root: str) -> str:
    """A link from a page in one language's tree to a page in another's (or the same) tree."""
    return relative(from_root + from_page, to_root + html_path(to_page))
