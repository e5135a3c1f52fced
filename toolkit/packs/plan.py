"""What goes into each printable pack: one per audience, drawn from one edition.

The three public audiences' packs are made from the public edition, so they
can only contain what the public site contains; the professionals' pack is made
from the professional edition. Every file name of a professional-edition pack
starts with "professional", so one access-control rule covers them all
(see docs/packs.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..compile.helpcards import urgent_routes
from ..compile.pages import Edition
from ..content import body as bodies
from ..content.loader import Content
from ..content.model import TOPICS
from ..content.variants import EASY, EASY_READ

# audience -> the edition its pack is made from
PACK_EDITIONS = {
    "self": "public",
    "family-friends": "public",
    "parents-carers": "public",
    "professionals": "professional",
}
VARIANTS = ("standard", "large-print")


def variants_of(language: str, edition: str) -> tuple[str, ...]:
    """The pack variants printed in a language for an edition: easy read is one pack, for the public only
    (its type is already 16pt, so it needs no large-print copy)."""
    if language == EASY:
        return ("standard",) if EASY_READ.published_in(edition) else ()
    return VARIANTS


def pdf_name(audience: str, variant: str, language: str = "") -> str:
    """File name of a pack in packs/: self.pdf, self-large-print.pdf, self.pl.pdf (a translation), ..."""
    tag = f".{language}" if language else ""
    return f"{audience}{tag}.pdf" if variant == "standard" else f"{audience}-{variant}{tag}.pdf"


def offline_name(edition: str) -> str:
    """File name of an edition's offline bundle in packs/."""
    return f"{edition}-offline.zip"


def print_html_dir(packs_dir: Path) -> Path:
    """Where the print HTML of each pack is kept (beside the staged packs, never published)."""
    return packs_dir.with_name("pack-html")


def pack_files(edition: str, translations: list[str] = ()) -> list[str]:
    """Every file the pack step writes to packs/ for one edition, the translations' packs too."""
    names = [pdf_name(audience, variant, language) for audience, made_from in PACK_EDITIONS.items()
             if made_from == edition for language in ["", *translations]
             for variant in variants_of(language, made_from)]
    return [*names, offline_name(edition)]


@dataclass
class PackPlan:
    """The modules, worksheets and services of one audience's pack, in reading order."""

    audience: str
    edition: Edition
    parts: list[tuple[str, list]] = field(default_factory=list)  # (topic, modules)
    worksheets: list = field(default_factory=list)
    helplines: list = field(default_factory=list)

    @property
    def modules(self) -> list:
        return [module for _, modules in self.parts for module in modules]


def plan_pack(content: Content, audience: str) -> PackPlan:
    """Choose what one audience's pack contains, from that audience's edition only."""
    edition = Edition.of(content, PACK_EDITIONS[audience])
    modules = [m for m in edition.modules if audience in m.audiences]
    parts = [(topic, [m for m in modules if m.topic == topic]) for topic in TOPICS]
    parts = [(topic, items) for topic, items in parts if items]

    visible_sheets = {sheet.id: sheet for sheet in edition.worksheets}
    wanted = {sheet.id for sheet in edition.worksheets if audience in sheet.audiences}
    for module in modules:
        wanted.update(module.worksheets)
        wanted.update(_used_in(module.body, ("worksheet",), "worksheet"))
    worksheets = [sheet for sheet_id, sheet in visible_sheets.items() if sheet_id in wanted]

    referenced = {route_id for route in urgent_routes(content.site, (audience,)) for route_id in route.helplines}
    for module in modules:
        referenced.update(module.helplines)
        referenced.update(_used_in(module.body, ("help-card", "phone"), "help"))
    helplines = [h for h in edition.helplines
                 if h.status != "closed" and (audience in h.audiences or h.id in referenced)]
    # Local services first: a deployment adds them because readers should call them first.
    helplines.sort(key=lambda h: not h.local)
    return PackPlan(audience, edition, parts, worksheets, helplines)


def _used_in(text: str, shortcodes: tuple[str, ...], link_kind: str) -> set[str]:
    """Ids a body names through the given shortcodes or id links."""
    found = {use.target for use in bodies.shortcodes(text) if use.kind in shortcodes and use.target}
    found |= {use.target for use in bodies.ref_links(text) if use.kind == f"link:{link_kind}"}
    return found
