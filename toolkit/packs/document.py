"""The print HTML of one pack, made from content (not from the built site).

Module bodies go through the same shortcode expansion as the site
(toolkit.compile.pages.BodyRenderer), but links point inside the pack: a module,
worksheet or service that is in the pack becomes a cross-reference with its
page number; anything else keeps its words and loses the link. The result is
laid out by templates/pack.html and styled by assets/print.css (plus
assets/large-print.css for the large-print variant). No JavaScript anywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path

import jinja2
import lxml.html
import markdown
import yaml
from markdown.extensions.toc import slugify

from ..compile.blocks import without_marks
from ..compile.helpcards import format_date, help_card, urgent_box
from ..compile.pages import BodyRenderer
from ..compile.review import review_note
from ..compile.worksheets import paper_html
from ..content import body as bodies
from ..content.pictures import openmoji_svg
from .plan import PackPlan

PACKAGE_DIR = Path(__file__).resolve().parent
ASSETS_DIR = PACKAGE_DIR / "assets"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
UNLINKED = "#tk-unlinked"


@dataclass(frozen=True)
class PackDocument:
    """One pack ready for WeasyPrint: its HTML and what the PDF metadata needs."""

    audience: str
    edition: str
    variant: str
    title: str
    language: str
    html: str


def module_anchor(module_id: str) -> str:
    return f"m-{module_id}"


def _heading_slug(module_id: str, value: str, separator: str) -> str:
    # Prefixed, so two modules' "What can I do?" headings get different ids in one document.
    return f"{module_anchor(module_id)}--{slugify(value, separator)}"


class PrintBodyRenderer(BodyRenderer):
    """Shortcodes and id links for paper: cross-references inside the pack, no site links."""

    def __init__(self, plan: PackPlan, module):
        super().__init__(plan.edition, f"modules/{module.id}.md")
        self.plan = plan
        self.module = module
        self.module_ids = {m.id for m in plan.modules}
        self.sheet_ids = {s.id for s in plan.worksheets}
        self.helpline_ids = {h.id for h in plan.helplines}

    def _shortcode(self, match: re.Match) -> str:
        name, arg = match["name"], match["arg"]
        if name == "pause":
            strings = self.edition.strings
            return (f'\n\n<aside class="tk-pause" aria-label="{escape(strings.text("pause.label"))}"><p><strong>'
                    f'{escape(strings.text("pause.heading"))}</strong> {escape(strings.text("pause.body"))}</p>'
                    "</aside>\n\n")
        if name == "help-card":
            self.cards_shown.add(arg)
            card = help_card(self.content.helplines[arg], self.edition.strings, heading_level=4,
                             id_prefix=f"{self.module.id}-help-")
            return f"\n\n{card}\n\n"
        if name == "worksheet":
            sheet = self.content.worksheets[arg]
            where = (f' <a class="pk-pageref" href="#paper-{sheet.id}">Find it in the worksheets section</a>.'
                     if sheet.id in self.sheet_ids else "")
            title = escape(self.edition.strings.text("worksheets.box", title=sheet.title))
            return (f'\n\n<div class="tk-worksheet-box"><p><strong>{title}</strong></p>'
                    f"<p>{escape(sheet.intro)}{where}</p></div>\n\n")
        return super()._shortcode(match)

    def _ref_link(self, match: re.Match) -> str:
        kind, target, anchor = match["kind"], match["id"], (match["anchor"] or "").lstrip("#")
        if kind == "module" and target in self.module_ids:
            # The author's anchor is the heading's slug on the site; in a pack it carries the module prefix.
            return f"](#{module_anchor(target)}--{anchor})" if anchor else f"](#{module_anchor(target)})"
        if kind == "worksheet" and target in self.sheet_ids:
            return f"](#paper-{target})"
        if kind == "help" and target in self.helpline_ids:
            return f"](#help-{target})"
        return f"]({UNLINKED})"

    def _image(self, match: re.Match, prefix: str) -> str:
        attrs = match["attrs"] or ""
        return f"![{match['alt']}]({(self.module.folder / match['src']).resolve().as_uri()}){attrs}"

    def picture_src(self, hexcode: str) -> str:
        return openmoji_svg(hexcode).as_uri()  # the package's own file: toolkit/packs/pdf.py allows its folder


def _markdown(extensions_config: list, module_id: str) -> markdown.Markdown:
    """A Markdown converter with the site's extensions; headings one level down, ids prefixed."""
    extensions, configs = [], {}
    for item in extensions_config:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        extensions.append(name)
        configs[name] = dict(config or {})
    if "toc" not in extensions:
        extensions.append("toc")
    configs["toc"] = {**configs.get("toc", {}), "permalink": False, "baselevel": 2,
                      "slugify": partial(_heading_slug, module_id)}
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def _unlink(html: str) -> str:
    """Drop links that have nowhere to go on paper, keeping their words."""
    if UNLINKED not in html:
        return html
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    for link in fragment.xpath(f'//a[@href="{UNLINKED}"]'):
        link.drop_tag()
    inner = (fragment.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in fragment)
    return inner


def module_html(plan: PackPlan, module, extensions_config: list) -> str:
    """One module for paper: title, summary, key points, body, its services."""
    renderer = PrintBodyRenderer(plan, module)
    # As on the site, images are the module folder's files (PrintBodyRenderer._image points at them).
    # Without the site's marks (toolkit.compile.blocks): a pack's Markdown need not hold toolkit.markdown_html.
    body = _markdown(extensions_config, module.id).convert(
        without_marks(renderer.render(module.body, folder_prefix=module.id)))
    cards = [plan.edition.content.helplines[h] for h in module.helplines if h not in renderer.cards_shown]
    strings = plan.edition.strings
    parts = [
        f'<h2 id="{module_anchor(module.id)}">{escape(module.title)}</h2>',
        f'<p class="tk-lead">{escape(module.summary)}</p>',
        f'<aside class="tk-keypoints"><h3 id="{module_anchor(module.id)}--key-points">'
        f'{escape(strings.text("module.key_points"))}</h3><ul>'
        + "".join(f"<li>{escape(point)}</li>" for point in module.key_points) + "</ul></aside>",
        body,
    ]
    if cards:
        parts.append(f'<h3 id="{module_anchor(module.id)}--help">{escape(strings.text("module.help"))}</h3>')
        parts.extend(help_card(card, strings, heading_level=4, id_prefix=f"{module.id}-help-") for card in cards)
    parts.append(review_note(module.review, strings, with_next_review=False))
    return _unlink("\n".join(parts))


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def pack_document(plan: PackPlan, variant: str, *, built: dt.date, base_config: Path) -> PackDocument:
    """The complete print HTML of one pack variant."""
    content = plan.edition.content
    site = content.site
    strings = plan.edition.strings
    words = getattr(site.audiences, plan.audience)
    edition_words = getattr(site.editions, plan.edition.name)
    base = yaml.safe_load(base_config.read_text(encoding="utf-8")) or {}
    extensions_config = base.get("markdown_extensions") or []
    large = variant == "large-print"
    easy = plan.edition.language.easy
    title = f"{site.name}: {words.label}" + (f" ({strings.text('pack.large_print')})" if large else "")
    html = _environment().get_template("pack.html").render(
        site=site,
        title=title,
        words=words,
        edition_name=plan.edition.name,
        edition_words=edition_words,
        large=large,
        built=format_date(built, strings.locale),
        built_iso=built.isoformat(),
        urgent=urgent_box(site, content.helplines, strings, (plan.audience,)),
        parts=[(topic, getattr(site.topics, topic), [(m, module_html(plan, m, extensions_config)) for m in modules])
               for topic, modules in plan.parts],
        easy=easy,
        pictures=any(use.kind == "picture" for m in plan.modules for use in bodies.shortcodes(m.body)),
        worksheets=[(sheet, paper_html(sheet, heading_level=2)) for sheet in plan.worksheets],
        local_helplines=[(h, help_card(h, strings, heading_level=3)) for h in plan.helplines if h.local],
        helplines=[(h, help_card(h, strings, heading_level=3 if _has_local(plan) else 2)) for h in plan.helplines
                   if not h.local],
        strings=strings, dir=plan.edition.language.dir, page_of=_page_of(strings),
        # Easy read is printed at large print's 16pt, with its own layout on top.
        stylesheets=["print.css", *(["large-print.css"] if large or easy else []), *(["easy-read.css"] if easy else [])],
    )
    return PackDocument(plan.audience, plan.edition.name, variant, title, plan.edition.language.lang, html)


def _page_of(strings) -> str:
    """CSS content for "Page 3 of 12" in the pack's language."""
    words = re.split(r"(\{page\}|\{pages\})", strings.text("pack.page_of"))
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    return " ".join(counters.get(word) or json.dumps(word, ensure_ascii=False) for word in words if word)


def _has_local(plan: PackPlan) -> bool:
    return any(h.local for h in plan.helplines)
