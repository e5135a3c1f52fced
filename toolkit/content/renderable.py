"""What of content with errors can still be rendered, so that one build reports every stage's problems.

A build whose content has errors still compiles, renders and checks everything the loader
kept (toolkit.build), and never publishes. Items that failed validation are already left out
(their ids are in `Content.broken_ids`); here every reference the loader could not resolve,
to an unknown or left-out item, or to a professional-only service from a public text, is
replaced by its plain text, and every image it refused by its alt text. So the built pages
hold no link or card the loader already reported, and no check reports it a second time
(a link to a left-out page would otherwise come back as a broken link).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from html import escape

from . import body as bodies
from .fields import Record
from .nesting import too_costly

LEFT_OUT = "(left out: see the error reported at this line)"


def renderable(content):
    """A copy of `content` that the compile step can render despite its errors, or None if nothing can be.

    Without site.yml there is no site to render: only the loader's findings can be reported.
    """
    if content.site is None:
        return None
    view = replace(content)
    view.modules = {key: _item(view, module, module.edition == "public", module.assets)
                    for key, module in content.modules.items()}
    view.pages = {key: _item(view, page, page.edition == "public", None) for key, page in content.pages.items()}
    view.variants = {key: _variant(view, variant) for key, variant in content.variants.items()}
    view.site = _site(view, content.site)
    return view


def _resolves(content, kind: str, target: str, public: bool) -> bool:
    """Whether `target` is an item the build renders (and, from a public text, not a professional-only service)."""
    item = content.items_of(kind).get(target)
    return item is not None and not (public and kind == "helpline" and item.edition == "professional")


def _helplines(content, ids, public: bool) -> list[str]:
    return [helpline for helpline in ids if _resolves(content, "helpline", helpline, public)]


def _item(content, record: Record, public: bool, assets) -> Record:
    changes = {"body": body_to_render(content, record.body, public, assets)}
    if hasattr(record, "helplines"):
        changes["helplines"] = _helplines(content, record.helplines, public)
    return record.copy(**changes)


def _variant(content, variant):
    if variant.body is None:
        return variant
    source = content.source_of(variant)
    public = source is not None and source.edition == "public"
    assets = variant.assets if variant.kind == "module" else None
    return replace(variant, body=body_to_render(content, variant.body, public, assets))


def _site(content, site: Record) -> Record:
    urgent = site.urgent_help
    routes = [route.copy(helplines=_helplines(content, route.helplines, True)) for route in urgent.routes]
    return site.copy(urgent_help=urgent.copy(routes=routes))


def body_to_render(content, text: str, public: bool, assets) -> str:
    """`text` with every reference the loader refused replaced on its own line (line numbers stay the same).

    `assets` are the images the body may show (None: leave images as they are).
    """
    if too_costly(text, "", 0):  # never rendered: the limits exist because rendering it would take minutes
        return LEFT_OUT + "\n"

    def shortcode(match: re.Match) -> str:
        kind = bodies.SHORTCODES.get(match["name"], "unknown")
        if kind is None or (kind != "unknown" and match["arg"] and
                            _resolves(content, kind, match["arg"], public)):
            return match.group(0)
        return LEFT_OUT

    def ref_link(match: re.Match) -> str:
        kind = bodies.REF_KINDS[match["kind"]]
        return match.group(0) if _resolves(content, kind, match["id"], public) else match["text"]

    def image(match: re.Match) -> str:
        return match.group(0) if posixpath.normpath(match["src"]) in assets else escape(match["alt"])

    text = bodies.SHORTCODE.sub(shortcode, text)
    text = bodies.ID_LINK.sub(ref_link, text)
    # A relative link is always the loader's error (a file path, or outside content/); "#id" is not.
    text = bodies.RELATIVE_LINK.sub(lambda match: match.group(0) if match["href"].startswith("#") else match["text"], text)
    if assets is not None:
        text = bodies.IMAGE.sub(image, text)
    return text
