"""Generate every page of one edition as Markdown (with small raw-HTML blocks) for MkDocs.

Each function returns `Page`s; `edition_pages` puts them together. The
`source` of a page is the content file it came from, so checks over the built
HTML can point authors at the file they must change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from ..content import body as bodies
from ..content.loader import Content
from ..content.model import AUDIENCES, PUBLIC_AUDIENCES, TOPICS
from ..content.schedules import holiday_dates
from . import links
from .helpcards import NowContext, help_card, inline_phone
from .review import review_note
from .worksheets import form_html, plain_text


@dataclass
class Page:
    path: str  # in the generated docs folder: modules/x.md
    title: str
    markdown: str
    kind: str  # home, audience, topic, module, worksheet, help, page, search, a-z
    source: str = ""  # content file it came from
    summary: str = ""
    language: str = ""
    scripts: list[str] = field(default_factory=list)
    toc: bool = True
    nav_title: str = ""
    audiences: tuple[str, ...] = ()  # whose urgent-help lines the page shows (site.yml urgent_help.routes)


@dataclass
class Edition:
    """What one edition contains, after edition filtering."""

    name: str
    content: Content
    modules: list = field(default_factory=list)
    worksheets: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    helplines: list = field(default_factory=list)
    audiences: tuple[str, ...] = ()

    @classmethod
    def of(cls, content: Content, name: str) -> Edition:
        def visible(items):
            return sorted(content.in_edition(items, name), key=lambda item: (getattr(item, "order", 100), item.id))

        audiences = AUDIENCES if name == "professional" else PUBLIC_AUDIENCES
        return cls(name, content, visible(content.modules), visible(content.worksheets),
                   visible(content.pages), content.in_edition(content.helplines, name), audiences)

    @cached_property
    def module_ids(self) -> frozenset[str]:
        # Asked on every page (read next, pause box); the modules never change once the edition is made.
        return frozenset(module.id for module in self.modules)

    @cached_property
    def worksheet_ids(self) -> frozenset[str]:
        return frozenset(sheet.id for sheet in self.worksheets)

    def now(self, page_path: str, audiences=()) -> NowContext:
        """What help cards on one page need to say what is open now."""
        plan = links.worksheet("coping-plan") if "coping-plan" in self.worksheet_ids else ""
        return NowContext(page_path, tuple(self.helplines), tuple(holiday_dates(self.content.holidays)),
                          tuple(audiences), self.pause_target(), plan)

    def pause_target(self) -> str:
        """The page every "Need a pause?" link goes to."""
        # Without a need-a-pause module (small sites, fixtures) the help page is the calm place to go.
        return links.module("need-a-pause") if "need-a-pause" in self.module_ids else links.HELP


def front_matter(title: str, summary: str = "") -> str:
    lines = ["---", f"title: {_yaml_str(title)}"]
    if summary:
        lines.append(f"description: {_yaml_str(summary)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _md_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def html_link(text: str, from_page: str, target: str) -> str:
    # Raw HTML links are not rewritten by MkDocs, so they point at the built .html file.
    return f'<a href="{escape(links.relative(from_page, links.html_path(target)))}">{escape(text)}</a>'


class BodyRenderer:
    """Expands shortcodes and id links in one page's Markdown body."""

    def __init__(self, edition: Edition, page_path: str, audiences=()):
        self.edition = edition
        self.audiences = tuple(audiences)
        self.content = edition.content
        self.page_path = page_path
        self.cards_shown: set[str] = set()
        self.worksheets_shown: set[str] = set()

    def render(self, text: str, folder_prefix: str = "") -> str:
        text = bodies.SHORTCODE.sub(self._shortcode, text)
        text = bodies.REF_LINK.sub(self._ref_link, text)
        if folder_prefix:
            text = bodies.IMAGE.sub(lambda m: self._image(m, folder_prefix), text)
        return text

    def _shortcode(self, match: re.Match) -> str:
        name, arg = match["name"], match["arg"]
        if name == "pause":
            return "\n\n" + pause_box(self.page_path, self.edition.pause_target()) + "\n\n"
        if name == "organisation":
            return "\n\n" + organisation_details(self.content.site.organisation) + "\n\n"
        if name == "phone":
            return inline_phone(self.content.helplines[arg])
        if name == "help-card":
            self.cards_shown.add(arg)
            card = help_card(self.content.helplines[arg], now=self.edition.now(self.page_path, self.audiences))
            return "\n\n" + card + "\n\n"
        if name == "worksheet":
            self.worksheets_shown.add(arg)
            return "\n\n" + worksheet_box(self.content.worksheets[arg], self.page_path) + "\n\n"
        raise AssertionError(f"shortcode {name} passed validation but has no renderer")

    def _ref_link(self, match: re.Match) -> str:
        kind, target, anchor = match["kind"], match["id"], match["anchor"] or ""
        path = {
            "module": links.module,
            "page": links.page,
            "worksheet": links.worksheet,
            "help": links.helpline,
        }[kind](target)
        if kind != "help":
            path += anchor
        return f"]({links.relative(self.page_path, path)})"

    def _image(self, match: re.Match, prefix: str) -> str:
        attrs = match["attrs"] or ""
        return f"![{match['alt']}]({prefix}/{match['src']}){attrs}"


def pause_box(page_path: str, pause_target: str) -> str:
    return ('<aside class="tk-pause" aria-label="Pause point">'
            "<p><strong>Pause here if you need to.</strong> You can stop reading now and come back "
            "later. Nothing on this page will change. "
            f'{html_link("Need a pause? Try a short grounding exercise.", page_path, pause_target)}</p></aside>')


def organisation_details(organisation) -> str:
    """The publisher's details from site.yml, as written there (placeholders included, until replaced)."""
    rows = [("Published by", escape(organisation.name))]
    if organisation.charity_number:
        rows.append(("Charity number", escape(organisation.charity_number)))
    if organisation.address:
        rows.append(("Address", escape(organisation.address)))
    if organisation.website:
        rows.append(("Website", f'<a href="{escape(organisation.website)}">{escape(organisation.website)}</a>'))
    if organisation.contact:
        rows.append(("Contact", escape(organisation.contact)))
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="tk-organisation">{items}</dl>'


def worksheet_box(sheet, page_path: str) -> str:
    return ('<div class="tk-worksheet-box">'
            f'<p class="tk-worksheet-box__title"><strong>Worksheet: {escape(sheet.title)}</strong></p>'
            f"<p>{escape(sheet.intro)}</p>"
            f"<p>{html_link('Fill it in on screen (nothing is saved or sent)', page_path, links.worksheet(sheet.id))}"
            f" or {html_link('get a plain text copy', page_path, links.worksheet_text(sheet.id))}.</p></div>")


def module_list(items, from_page: str) -> str:
    if not items:
        return "<p>No pages here yet.</p>"
    rows = "".join(
        f'<li>{html_link(item.title, from_page, links.module(item.id))}'
        f'<span class="tk-list__summary">{escape(item.summary)}</span></li>'
        for item in items)
    return f'<ul class="tk-list">{rows}</ul>'


# --- page builders -------------------------------------------------------------


def module_page(edition: Edition, module) -> Page:
    path = links.module(module.id)
    renderer = BodyRenderer(edition, path, module.audiences)
    body = renderer.render(module.body, folder_prefix=module.id)
    parts = [front_matter(module.title, module.summary), f"# {_md_text(module.title)}\n",
             f'<p class="tk-lead">{escape(module.summary)}</p>\n',
             '<aside class="tk-keypoints" aria-labelledby="key-points"><h2 id="key-points">Key points</h2><ul>'
             + "".join(f"<li>{escape(point)}</li>" for point in module.key_points) + "</ul></aside>\n",
             body.strip() + "\n"]
    sheets = [edition.content.worksheets[s] for s in module.worksheets
              if s in edition.worksheet_ids and s not in renderer.worksheets_shown]
    if sheets:
        parts.append("## Worksheets for this page\n")
        parts.extend(worksheet_box(sheet, path) + "\n" for sheet in sheets)
    cards = [edition.content.helplines[h] for h in module.helplines if h not in renderer.cards_shown]
    if cards:
        parts.append("## Where can I get help?\n")
        parts.extend(help_card(card, now=edition.now(path, module.audiences)) + "\n" for card in cards)
    next_modules = [edition.content.modules[m] for m in module.read_next if m in edition.module_ids]
    if next_modules:
        parts.append("## What should I read next?\n")
        parts.append(module_list(next_modules, path) + "\n")
    parts.append(review_note(module.review) + "\n")
    return Page(path, module.title, "\n".join(parts), "module", source=module.body_file,
                summary=module.summary, language=module.language or "", audiences=tuple(module.audiences))


def site_page(edition: Edition, page) -> Page:
    path = links.page(page.id)
    renderer = BodyRenderer(edition, path)
    text = renderer.render(page.body).strip()
    if not text.lstrip().startswith("# "):
        text = f"# {_md_text(page.title)}\n\n" + text
    cards = [edition.content.helplines[h] for h in page.helplines if h not in renderer.cards_shown]
    if cards:
        text += "\n\n## Where can I get help?\n\n" + "\n\n".join(help_card(card, now=edition.now(path))
                                                                  for card in cards)
    return Page(path, page.title, front_matter(page.title, page.summary or "") + text + "\n", "page",
                source=page.body_file, summary=page.summary or "")


def worksheet_page(edition: Edition, sheet) -> Page:
    path = links.worksheet(sheet.id)
    text = (front_matter(sheet.title, sheet.intro) + f"# {_md_text(sheet.title)}\n\n" + form_html(sheet)
            + f"\n\n<p>{html_link('Plain text version of this worksheet', path, links.worksheet_text(sheet.id))}</p>\n")
    return Page(path, sheet.title, text, "worksheet", source=sheet.source_file, summary=sheet.intro, toc=False,
                audiences=tuple(sheet.audiences))


def worksheets_index(edition: Edition) -> Page:
    path = links.WORKSHEETS
    rows = "".join(
        f"<li>{html_link(sheet.title, path, links.worksheet(sheet.id))}"
        f'<span class="tk-list__summary">{escape(sheet.intro)}</span></li>' for sheet in edition.worksheets)
    text = (front_matter("Worksheets", "Plans and checklists to fill in on screen or on paper.")
            + "# Worksheets\n\nPlans and checklists you can fill in on screen or print. "
              "What you type is never sent or saved.\n\n" + f'<ul class="tk-list">{rows}</ul>\n')
    return Page(path, "Worksheets", text, "worksheets", toc=False, nav_title="Worksheets")


def help_page(edition: Edition) -> Page:
    site = edition.content.site
    cards = "\n\n".join(help_card(h, heading_level=2, now=edition.now(links.HELP))
                        for h in edition.helplines if h.status != "closed")
    text = (front_matter("Services that can help", "Every service this toolkit mentions, with how to reach it.")
            + "# Services that can help\n\n"
            + "Every service this toolkit mentions, with how to reach it and what each one keeps private. "
            + f"{escape(site.urgent_help.title)} See the box at the top of every page.\n\n" + cards + "\n")
    return Page(links.HELP, "Services that can help", text, "help", toc=False, nav_title="Services that can help")


def audience_page(edition: Edition, audience: str) -> Page:
    site = edition.content.site
    words = getattr(site.audiences, audience)
    path = links.audience(audience)
    modules = [m for m in edition.modules if audience in m.audiences]
    parts = [front_matter(words.label, words.intro), f"# {_md_text(words.label)}\n", f"{words.intro}\n"]
    also = _also_for_link(edition, audience, path)
    if also:
        parts.append(f'<p class="tk-cta tk-also">{also}</p>\n')
    first = edition.content.modules.get(words.start_with) if words.start_with else None
    if first is not None and first.id in edition.module_ids:
        parts.append("## Something you can do today\n")
        parts.append(f'<p class="tk-cta">{html_link(first.title, path, links.module(first.id))}</p>'
                     f"<p>{escape(first.summary)}</p>\n")
    call = edition.content.helplines.get(words.call_first) if words.call_first else None
    if call is not None:
        parts.append("## Someone to talk to\n")
        parts.append(help_card(call, now=edition.now(path, (audience,))) + "\n")
    for topic in TOPICS:
        topic_words = getattr(site.topics, topic)
        in_topic = [m for m in modules if m.topic == topic]
        parts.append(f"## {_md_text(topic_words.label)}\n")
        if topic_words.intro:
            parts.append(f"{topic_words.intro}\n")
        parts.append(module_list(in_topic, path) + "\n")
    return Page(path, words.label, "\n".join(parts), "audience", summary=words.intro, nav_title=words.short,
                audiences=(audience,))


def _also_for_link(edition: Edition, audience: str, from_page: str) -> str:
    """The link of an audience's marked route for some of its readers (site.yml also_for), or ''."""
    also = getattr(edition.content.site.audiences, audience).also_for
    if also is None or also.module not in edition.module_ids:
        return ""
    return html_link(also.label, from_page, links.module(also.module))


def topic_page(edition: Edition, topic: str) -> Page:
    site = edition.content.site
    words = getattr(site.topics, topic)
    path = links.topic(topic)
    parts = [front_matter(words.label, words.intro or ""), f"# {_md_text(words.label)}\n"]
    if words.intro:
        parts.append(f"{words.intro}\n")
    for audience in edition.audiences:
        in_group = [m for m in edition.modules if m.topic == topic and audience in m.audiences]
        if in_group:
            parts.append(f"## {_md_text(getattr(site.audiences, audience).label)}\n")
            parts.append(module_list(in_group, path) + "\n")
    return Page(path, words.label, "\n".join(parts), "topic", summary=words.intro or "", nav_title=words.label)


def home_page(edition: Edition) -> Page:
    site = edition.content.site
    path = links.HOME
    choices = "".join(
        f'<li>{html_link(getattr(site.audiences, a).label, path, links.audience(a))}</li>'
        + (f'<li class="tk-choices__also">{also}</li>' if (also := _also_for_link(edition, a, path)) else "")
        for a in edition.audiences)
    extra = []
    if "start-here" in {p.id for p in edition.pages}:
        extra.append(f"<li>{html_link('How to use this toolkit', path, links.page('start-here'))}</li>")
    extra.append(f"<li>{html_link('Services that can help', path, links.HELP)}</li>")
    extra.append(f"<li>{html_link('Worksheets to fill in or print', path, links.WORKSHEETS)}</li>")
    text = (front_matter(site.name, site.description) + f"# {_md_text(site.name)}\n\n{site.description}\n\n"
            + '<nav class="tk-choices" aria-labelledby="tk-choose"><h2 id="tk-choose">What brings you here?</h2>'
            + f'<ul class="tk-choices__list">{choices}</ul></nav>\n\n'
            + "## Other ways in\n\n" + f'<ul class="tk-list">{"".join(extra)}</ul>\n')
    return Page(path, site.name, text, "home", toc=False, nav_title="Start")


def search_page(edition: Edition) -> Page:
    path = links.SEARCH
    text = (front_matter("Search", "Search this toolkit.") + "# Search\n\n"
            '<div class="tk-search" data-tk-search>'
            '<label for="tk-search-input">Search this toolkit</label>'
            '<input type="search" id="tk-search-input" autocomplete="off" spellcheck="false" '
            'aria-describedby="tk-search-note" aria-controls="tk-search-results">'
            '<p class="tk-hint" id="tk-search-note">Your search stays on this device: it is not sent '
            "anywhere, not saved and not added to the address bar.</p>"
            '<div id="tk-search-results" class="tk-search__results" role="region" aria-live="polite" '
            'aria-label="Search results"></div></div>\n\n'
            '<p class="tk-search__nojs">Search needs JavaScript. '
            f"{html_link('Browse every page from A to Z instead', path, links.A_TO_Z)}.</p>\n")
    return Page(path, "Search", text, "search", scripts=["assets/search.js"], toc=False)


def a_to_z_page(edition: Edition, pages: list[Page]) -> Page:
    path = links.A_TO_Z
    listed = sorted((p for p in pages if p.kind not in ("search",)), key=lambda p: p.title.lower())
    rows = "".join(f"<li>{html_link(p.title, path, p.path)}</li>" for p in listed)
    text = (front_matter("All pages from A to Z", "Every page in this toolkit.")
            + "# All pages from A to Z\n\n" + f'<ul class="tk-list tk-list--compact">{rows}</ul>\n')
    return Page(path, "All pages from A to Z", text, "a-z", toc=False)


def text_files(edition: Edition) -> dict[str, str]:
    """Plain-text worksheets, copied next to their pages."""
    return {links.worksheet_text(sheet.id): plain_text(sheet) for sheet in edition.worksheets}


def edition_pages(edition: Edition) -> list[Page]:
    pages = [home_page(edition)]
    pages += [audience_page(edition, a) for a in edition.audiences]
    pages += [topic_page(edition, t) for t in TOPICS]
    pages += [module_page(edition, m) for m in edition.modules]
    pages += [worksheets_index(edition)] + [worksheet_page(edition, s) for s in edition.worksheets]
    pages += [help_page(edition)]
    pages += [site_page(edition, p) for p in edition.pages]
    pages += [search_page(edition)]
    pages.append(a_to_z_page(edition, pages))
    for page in pages:
        if "data-tk-open" in page.markdown:  # help cards that say what is open now
            page.scripts.append("assets/open-now.js")
    return pages
