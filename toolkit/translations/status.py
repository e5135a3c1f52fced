"""What each language still needs: missing, out of date, unstamped or draft translations, with word counts.

Word counts are of the source text to translate, so a charity can ask a translator for a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..content.loader import Content
from ..content.model import HELPLINE, MODULE, PAGE, SITE, WORKSHEET
from ..content.variants import human_paragraphs
from .freshness import state

_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")
_FIELD_NAME = re.compile(r"^[\w.\[\]-]+: ")


@dataclass
class Item:
    """One source text and where its translation into one language stands."""

    kind: str
    id: str
    state: str  # missing, out-of-date, unstamped, draft, reviewed
    words: int
    file: str  # the translation file (to write, when missing)
    paragraphs: list[str] = field(default_factory=list)


def words_in(paragraphs: list[str]) -> int:
    """Words a translator translates: field names left out."""
    return sum(len(_WORD.findall(_FIELD_NAME.sub("", paragraph))) for paragraph in paragraphs)


def sources(content: Content):
    """(kind, id, definition, record, body, translation file for tag) of every source text."""
    yield "site", "", SITE, content.site, None, "content/site.{tag}.yml"
    for helpline in content.helplines.values():
        if not helpline.local:
            yield "helpline", helpline.id, HELPLINE, helpline, None, "content/helplines.{tag}.yml"
    for module in content.modules.values():
        yield "module", module.id, MODULE, module, module.body, f"content/modules/{module.id}/module.{{tag}}.yml"
    for sheet in content.worksheets.values():
        yield "worksheet", sheet.id, WORKSHEET, sheet, None, f"content/worksheets/{sheet.id}.{{tag}}.yml"
    for page in content.pages.values():
        name = PurePosixPath(page.body_file).name.removesuffix(".md")
        yield "page", page.id, PAGE, page, page.body, f"content/pages/{name}.{{tag}}.md"


def status(content: Content, tag: str) -> list[Item]:
    """Every source text, with the state of its translation into `tag`."""
    items = []
    for kind, item_id, definition, record, body, file in sources(content):
        paragraphs = human_paragraphs(definition, record, body)
        variant = content.variants.get((kind, item_id, tag))
        if variant is None:
            current = "missing"
        else:
            current = state(variant)
            if current == "current":
                current = "draft" if variant.draft else "reviewed"
        items.append(Item(kind, item_id, current, words_in(paragraphs), file.format(tag=tag), paragraphs))
    return items


STATES = ("missing", "out-of-date", "unstamped", "draft", "reviewed")


def report(content: Content) -> list[str]:
    """The lines `toolkit translations status` prints: a summary per language, then what needs work."""
    lines = []
    for language in content.languages:
        if language.tag == content.source_language:
            continue
        items = status(content, language.tag)
        totals = {name: [item for item in items if item.state == name] for name in STATES}
        summary = ", ".join(f"{len(group)} {name} ({sum(item.words for item in group)} words)"
                            for name, group in totals.items())
        lines.append(f"{language.name} ({language.tag}): {summary}")
        for item in items:
            if item.state != "reviewed":
                label = f"{item.kind} {item.id}".strip()
                lines.append(f"  {item.state:<12} {label:<42} {item.words:>6} words  {item.file}")
    return lines or ["No translation languages: add them under languages: in content/site.yml."]
