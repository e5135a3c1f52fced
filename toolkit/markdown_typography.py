"""Dashes and ellipses, as Python-Markdown's smarty extension makes them with smart_quotes off, in one pass.

mkdocs.yml used `smarty` with `smart_quotes: false`: `---` becomes &mdash;, `--` &ndash; and `...`
&hellip;, in text but not in code. Smarty does this with a second inline pass over the whole page
tree (its own InlineProcessor, with three patterns), which was 18% of Python-Markdown's time on our
pages at 200 modules. This extension makes the same three substitutions on each
text, at the same place among the tree processors (after attr_list, before the table of contents),
each entity kept in the HTML stash as smarty keeps it, and with the same two extra escapable
characters (a backslash before a quote keeps it straight). tests/test_markdown_typography.py renders
a set of tricky pages with both and compares the HTML.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# Smarty's patterns and entities, in the order its priorities apply them (em dashes, en dashes, ellipses).
SUBSTITUTIONS = (
    (re.compile(r"(?<!-)---(?!-)"), "&mdash;"),
    (re.compile(r"(?<!-)--(?!-)"), "&ndash;"),
    (re.compile(r"(?<!\.)\.{3}(?!\.)"), "&hellip;"),
)
# Smarty's tree processor's priority: after attr_list (8), before toc (5).
PRIORITY = 6


class Typography(Treeprocessor):
    """Every text and tail in the tree but the root's, except code (atomic strings), with the entities put in."""

    def run(self, root) -> None:
        for element in root.iter():
            if element is root:
                continue  # smarty's pass, like the inline one, reads the root's children, never the root itself
            element.text = self._educated(element.text)
            element.tail = self._educated(element.tail)

    def _educated(self, text: str | None) -> str | None:
        if not text or isinstance(text, AtomicString) or ("--" not in text and "..." not in text):
            return text
        for pattern, entity in SUBSTITUTIONS:
            text = pattern.sub(lambda _match, entity=entity: self.md.htmlStash.store(entity), text)
        return text


class TypographyExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(Typography(md), "typography", PRIORITY)
        md.ESCAPED_CHARS.extend(['"', "'"])


def makeExtension(**kwargs) -> TypographyExtension:
    return TypographyExtension(**kwargs)
