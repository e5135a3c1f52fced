"""Generate every page of one edition as Markdown (with small raw-HTML blocks) for MkDocs.

Each function returns `Page`s; `edition_pages` puts them together. The
`source` of a page is the content file it came from, so checks over the built
HTML can point authors at the file they must change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from html import escape

from ..content import body as bodies
from ..content.loader import Content
from ..content.model import AUDIENCES, PUBLIC_AUDIENCES, TOPICS
from ..content.pictures import LINK_PICTURE, picture_file
from ..content.schedules import holiday_dates
from ..content.strings import Strings
from ..content.variants import EASY, EASY_READ
from ..memo import bytes_key, remembered, remembers
from . import links
from .blocks import generated_block
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
    text_language: str = ""  # the language its text is in, when that is not the tree's (an untranslated page)
    draft: bool = False  # its text is a draft translation
    pictures: set[str] = field(default_factory=set)  # OpenMoji hexcodes of the pictures it shows


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

    @property
    def language(self):
        """The language this edition is built in (the source language unless the content is localized)."""
        return self.content.language or self.content.languages[0]

    @cached_property
    def strings(self) -> Strings:
        """The theme and build texts in the language this edition is built in."""
        return self.content.strings[self.language.tag]

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


# A paragraph opening with {{ picture: name }}: up to the blank line that ends it.
IDEA = re.compile(r"^\{\{\s*picture\s*:[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*", re.M)


class BodyRenderer:
    """Expands shortcodes and id links in one page's Markdown body."""

    def __init__(self, edition: Edition, page_path: str, audiences=()):
        self.edition = edition
        self.audiences = tuple(audiences)
        self.content = edition.content
        self.page_path = page_path
        self.cards_shown: set[str] = set()
        self.worksheets_shown: set[str] = set()
        self.pictures_shown: set[str] = set()

    def render(self, text: str, folder_prefix: str = "") -> str:
        # A paragraph that opens with a picture is one idea: attr_list classes it, so the stylesheets
        # keep its sentences in a column beside the picture.
        text = IDEA.sub(lambda match: match.group(0) + "\n{: .tk-idea }", text)
        text = bodies.SHORTCODE.sub(self._shortcode, text)
        if self.edition.language.tag != self.content.source_language:
            text = bodies.ID_LINK.sub(self._module_link_across, text)
        text = bodies.REF_LINK.sub(self._ref_link, text)
        if folder_prefix:
            text = bodies.IMAGE.sub(lambda m: self._image(m, folder_prefix), text)
        return text

    def _shortcode(self, match: re.Match) -> str:
        name, arg = match["name"], match["arg"]
        if name == "pause":
            return _set_apart(pause_box(self.page_path, self.edition.pause_target(), self.edition.strings))
        if name == "organisation":
            return _set_apart(organisation_details(self.content.site.organisation, self.edition.strings))
        if name == "phone":
            return inline_phone(self.content.helplines[arg])
        if name == "help-card":
            self.cards_shown.add(arg)
            card = help_card(self.content.helplines[arg], self.edition.strings,
                             now=self.edition.now(self.page_path, self.audiences))
            return _set_apart(card)
        if name == "worksheet":
            self.worksheets_shown.add(arg)
            return _set_apart(worksheet_box(self.content.worksheets[arg], self.page_path, self.edition.strings))
        if name == "picture":
            picture = self.content.pictures[arg]
            self.pictures_shown.add(picture.openmoji)
            return picture_img(self.picture_src(picture.openmoji), picture.alt)
        raise AssertionError(f"shortcode {name} passed validation but has no renderer")

    def picture_src(self, hexcode: str) -> str:
        """Where the page finds a picture's SVG (the compile step copies it there)."""
        return links.relative(self.page_path, picture_file(hexcode))

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

    def _module_link_across(self, match: re.Match) -> str:
        """A link in source-language text shown in another language's tree to a module that tree leaves out.

        Only a page shown untranslated can hold one (a translated body may not link to an untranslated
        module): it goes to the module in the source language's tree. Raw HTML, because MkDocs would
        report a link outside its own tree as missing; the check of built pages still follows it.
        """
        if match["kind"] != "module" or match["id"] in self.edition.module_ids:
            return match[0]
        here = links.language_root(self.edition.language.tag, self.content.source_language)
        href = links.across_languages(self.page_path, links.module(match["id"]), here, "") + (match["anchor"] or "")
        return f'<a href="{escape(href)}" hreflang="{escape(self.content.source_language)}">{match["text"]}</a>'

    def _image(self, match: re.Match, prefix: str) -> str:
        attrs = match["attrs"] or ""
        return f"![{match['alt']}]({prefix}/{match['src']}){attrs}"


def picture_img(src: str, alt: str) -> str:
    """A picture beside an idea (CSS puts it at the start of its paragraph, text beside it)."""
    return f'<img class="tk-picture" src="{escape(src)}" alt="{escape(alt)}" width="64" height="64">'


def easy_read_link(edition: Edition, page_path: str, module_id: str = "") -> tuple[str, set[str]]:
    """The "Easy read version" link, with its picture, of a source page that has one; ('', set()) if none."""
    content = edition.content
    if (not content.easy_read or not EASY_READ.published_in(edition.name)
            or edition.language.tag != content.source_language
            or (module_id and ("module", module_id, EASY) not in content.variants)):
        return "", set()
    href = links.across_languages(page_path, page_path, "", links.language_root(EASY, content.source_language))
    picture = picture_img(links.relative(page_path, picture_file(LINK_PICTURE)), "")
    link = (f'<p class="tk-easy-link"><a href="{escape(href)}">{picture}'
            f"<span>{escape(edition.strings.text('page.easy_read'))}</span></a></p>")
    return link, {LINK_PICTURE}


def words_list(words: dict[str, str], strings: Strings) -> str:
    """The long words an easy read page keeps, each with what it means."""
    rows = "".join(f"<dt>{escape(word.replace('-', ' '))}</dt><dd>{escape(meaning)}</dd>"
                   for word, meaning in sorted(words.items()))
    return (f'<aside class="tk-words" aria-labelledby="tk-words"><h2 id="tk-words">'
            f'{escape(strings.text("module.words"))}</h2><dl>{rows}</dl></aside>')


def pause_box(page_path: str, pause_target: str, strings: Strings) -> str:
    return (f'<aside class="tk-pause" aria-label="{escape(strings.text("pause.label"))}">'
            f"<p><strong>{escape(strings.text('pause.heading'))}</strong> {escape(strings.text('pause.body'))} "
            f'{html_link(strings.text("pause.text"), page_path, pause_target)}</p></aside>')


def organisation_details(organisation, strings: Strings) -> str:
    """The publisher's details from site.yml, as written there (placeholders included, until replaced)."""
    rows = [(strings.text("organisation.published_by"), escape(organisation.name))]
    if organisation.charity_number:
        rows.append((strings.text("organisation.charity_number"), escape(organisation.charity_number)))
    if organisation.address:
        rows.append((strings.text("organisation.address"), escape(organisation.address)))
    if organisation.website:
        rows.append((strings.text("help.website"), f'<a href="{escape(organisation.website)}" dir="ltr">'
                                                   f'{escape(organisation.website)}</a>'))
    if organisation.contact:
        rows.append((strings.text("organisation.contact"), escape(organisation.contact)))
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="tk-organisation">{items}</dl>'


def worksheet_box(sheet, page_path: str, strings: Strings) -> str:
    choice = strings.text("worksheets.choice",
                          fill_in=html_link(strings.text("worksheets.fill_in"), page_path, links.worksheet(sheet.id)),
                          plain_text=html_link(strings.text("worksheets.plain_copy"), page_path,
                                               links.worksheet_text(sheet.id)))
    return ('<div class="tk-worksheet-box">'
            f'<h3 class="tk-worksheet-box__title">{escape(strings.text("worksheets.box", title=sheet.title))}</h3>'
            f"<p>{escape(sheet.intro)}</p><p>{choice}</p></div>")


def module_list(items, from_page: str, strings: Strings) -> str:
    if not items:
        return f"<p>{escape(strings.text('module.none_yet'))}</p>"
    rows = "".join(
        f'<li>{html_link(item.title, from_page, links.module(item.id))}'
        f'<span class="tk-list__summary">{escape(item.summary)}</span></li>'
        for item in items)
    return f'<ul class="tk-list">{rows}</ul>'


# --- page builders -------------------------------------------------------------


def _set_apart(html: str) -> str:
    """A block the compile step wrote, in place of a shortcode: marked (toolkit.compile.blocks), between blank lines."""
    return "\n\n" + generated_block(html) + "\n\n"


def _part(html: str) -> str:
    """A block of a module page's own, marked: a part ends with a newline and parts are joined by another, so a
    blank line follows it."""
    return generated_block(html) + "\n"


def module_page(edition: Edition, module) -> Page:
    strings = edition.strings
    path = links.module(module.id)
    renderer = BodyRenderer(edition, path, module.audiences)
    body = renderer.render(module.body, folder_prefix=module.id)
    easy_link, pictures = easy_read_link(edition, path, module.id)
    parts = [front_matter(module.title, module.summary), f"# {_md_text(module.title)}\n",
             _part(f'<p class="tk-lead">{escape(module.summary)}</p>'), *([_part(easy_link)] if easy_link else []),
             _part('<aside class="tk-keypoints" aria-labelledby="key-points">'
                   f'<h2 id="key-points">{escape(strings.text("module.key_points"))}</h2><ul>'
                   + "".join(f"<li>{escape(point)}</li>" for point in module.key_points) + "</ul></aside>"),
             body.strip() + "\n"]
    if getattr(module, "words", None):
        parts.append(_part(words_list(module.words, strings)))
    sheets = [edition.content.worksheets[s] for s in module.worksheets
              if s in edition.worksheet_ids and s not in renderer.worksheets_shown]
    if sheets:
        parts.append(f"## {_md_text(strings.text('module.worksheets'))}\n")
        parts.extend(_part(worksheet_box(sheet, path, strings)) for sheet in sheets)
    cards = [edition.content.helplines[h] for h in module.helplines if h not in renderer.cards_shown]
    if cards:
        parts.append(f"## {_md_text(strings.text('module.help'))}\n")
        parts.extend(_part(help_card(card, strings, now=edition.now(path, module.audiences))) for card in cards)
    next_modules = [edition.content.modules[m] for m in module.read_next if m in edition.module_ids]
    if next_modules:
        parts.append(f"## {_md_text(strings.text('module.read_next'))}\n")
        parts.append(_part(module_list(next_modules, path, strings)))
    parts.append(_part(review_note(module.review, strings)))
    return Page(path, module.title, "\n".join(parts), "module", source=module.body_file,
                summary=module.summary, language=module.language or "", audiences=tuple(module.audiences),
                pictures=renderer.pictures_shown | pictures, **_variant_state(module))


def module_pages(edition: Edition) -> list[Page]:
    """Every module's page. The live preview makes again only the pages whose module, or whose shared inputs,
    an edit changed (module_page takes 0.5 ms a module, most of it help cards)."""
    if not remembers():
        return [module_page(edition, module) for module in edition.modules]
    shared = _module_page_inputs(edition)
    pages = []
    for module in edition.modules:
        made = remembered(("module-page", shared, bytes_key(repr(module).encode())),
                          lambda module=module: module_page(edition, module))
        # A copy: the build adds scripts to a page and lets go of its Markdown once written.
        pages.append(replace(made, scripts=list(made.scripts), pictures=set(made.pictures)))
    return pages


def _module_page_inputs(edition: Edition) -> bytes:
    """Everything a module page reads besides its module: the edition and its language, the texts, the registry,
    the worksheets, holidays and pictures, which translations exist, and the other modules' ids, titles and
    summaries (read-next lists, links to the pause page)."""
    content = edition.content
    return bytes_key(repr((
        edition.name, edition.language, content.source_language, content.languages, sorted(content.variants),
        edition.strings, content.site, content.helplines, [helpline.id for helpline in edition.helplines],
        content.worksheets, sorted(edition.worksheet_ids), content.holidays, content.pictures,
        [(module.id, module.title, module.summary) for module in edition.modules])).encode())


def _variant_state(item) -> dict:
    """Page fields saying whether an item's text is a draft translation, or the source shown untranslated."""
    return {"text_language": getattr(item, "text_language", ""), "draft": getattr(item, "draft", False)}


def site_page(edition: Edition, page) -> Page:
    path = links.page(page.id)
    renderer = BodyRenderer(edition, path)
    text = renderer.render(page.body).strip()
    if not text.lstrip().startswith("# "):
        text = f"# {_md_text(page.title)}\n\n" + text
    if page.id == "about" and edition.content.easy_read:  # OpenMoji's licence asks for this credit
        text += f'\n\n<p class="tk-credit">{escape(edition.strings.text("page.pictures_credit"))}</p>'
    cards = [edition.content.helplines[h] for h in page.helplines if h not in renderer.cards_shown]
    if cards:
        text += (f"\n\n## {_md_text(edition.strings.text('module.help'))}\n\n"
                 + "\n\n".join(help_card(card, edition.strings, now=edition.now(path)) for card in cards))
    return Page(path, page.title, front_matter(page.title, page.summary or "") + text + "\n", "page",
                source=page.body_file, summary=page.summary or "", pictures=renderer.pictures_shown,
                **_variant_state(page))


def worksheet_page(edition: Edition, sheet) -> Page:
    path = links.worksheet(sheet.id)
    plain = html_link(edition.strings.text("worksheets.plain_text"), path, links.worksheet_text(sheet.id))
    text = (front_matter(sheet.title, sheet.intro) + f"# {_md_text(sheet.title)}\n\n"
            + form_html(sheet, edition.strings) + f"\n\n<p>{plain}</p>\n")
    return Page(path, sheet.title, text, "worksheet", source=sheet.source_file, summary=sheet.intro, toc=False,
                audiences=tuple(sheet.audiences), **_variant_state(sheet))


def worksheets_index(edition: Edition) -> Page:
    path = links.WORKSHEETS
    rows = "".join(
        f"<li>{html_link(sheet.title, path, links.worksheet(sheet.id))}"
        f'<span class="tk-list__summary">{escape(sheet.intro)}</span></li>' for sheet in edition.worksheets)
    strings = edition.strings
    title, description = strings.text("nav.worksheets"), strings.text("worksheets.description")
    text = (front_matter(title, description) + f"# {_md_text(title)}\n\n{_md_text(description)} "
            f"{_md_text(strings.text('worksheets.intro'))}\n\n" + f'<ul class="tk-list">{rows}</ul>\n')
    return Page(path, title, text, "worksheets", toc=False, nav_title=title)


def help_page(edition: Edition) -> Page:
    site = edition.content.site
    strings = edition.strings
    cards = "\n\n".join(help_card(h, strings, heading_level=2, now=edition.now(links.HELP))
                        for h in edition.helplines if h.status != "closed")
    title = strings.text("nav.help")
    text = (front_matter(title, strings.text("help.description")) + f"# {_md_text(title)}\n\n"
            + f"{_md_text(strings.text('help.intro'))} "
            + f"{escape(site.urgent_help.title)} {_md_text(strings.text('help.see_box'))}\n\n" + cards + "\n")
    return Page(links.HELP, title, text, "help", toc=False, nav_title=title)


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
        parts.append(f"## {_md_text(edition.strings.text('audience.today'))}\n")
        parts.append(f'<p class="tk-cta">{html_link(first.title, path, links.module(first.id))}</p>'
                     f"<p>{escape(first.summary)}</p>\n")
    call = edition.content.helplines.get(words.call_first) if words.call_first else None
    if call is not None:
        parts.append(f"## {_md_text(edition.strings.text('audience.talk'))}\n")
        parts.append(help_card(call, edition.strings, now=edition.now(path, (audience,))) + "\n")
    for topic in TOPICS:
        topic_words = getattr(site.topics, topic)
        in_topic = [m for m in modules if m.topic == topic]
        parts.append(f"## {_md_text(topic_words.label)}\n")
        if topic_words.intro:
            parts.append(f"{topic_words.intro}\n")
        parts.append(module_list(in_topic, path, edition.strings) + "\n")
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
            parts.append(module_list(in_group, path, edition.strings) + "\n")
    return Page(path, words.label, "\n".join(parts), "topic", summary=words.intro or "", nav_title=words.label)


def home_page(edition: Edition) -> Page:
    site = edition.content.site
    path = links.HOME
    choices = "".join(
        f'<li>{html_link(getattr(site.audiences, a).label, path, links.audience(a))}</li>'
        + (f'<li class="tk-choices__also">{also}</li>' if (also := _also_for_link(edition, a, path)) else "")
        for a in edition.audiences)
    strings = edition.strings
    extra = []
    if "start-here" in {p.id for p in edition.pages}:
        extra.append(f"<li>{html_link(strings.text('home.how_to_use'), path, links.page('start-here'))}</li>")
    extra.append(f"<li>{html_link(strings.text('nav.help'), path, links.HELP)}</li>")
    extra.append(f"<li>{html_link(strings.text('home.worksheets'), path, links.WORKSHEETS)}</li>")
    easy_link, pictures = easy_read_link(edition, path)
    if edition.language.easy:  # easy read's start page lists its pages by audience: one step fewer to the text
        choices = "".join(f"<li><h3>{escape(getattr(site.audiences, a).label)}</h3>"
                          + module_list([m for m in edition.modules if a in m.audiences], path, strings) + "</li>"
                          for a in edition.audiences)
    text = (front_matter(site.name, site.description) + f"# {_md_text(site.name)}\n\n{site.description}\n\n"
            + (easy_link + "\n\n" if easy_link else "")
            + '<nav class="tk-choices" aria-labelledby="tk-choose">'
            + f'<h2 id="tk-choose">{escape(strings.text("home.choose"))}</h2>'
            + f'<ul class="tk-choices__list">{choices}</ul></nav>\n\n'
            + f"## {_md_text(strings.text('home.other'))}\n\n" + f'<ul class="tk-list">{"".join(extra)}</ul>\n')
    return Page(path, site.name, text, "home", toc=False, nav_title=strings.text("nav.start"), pictures=pictures)


def search_page(edition: Edition) -> Page:
    path = links.SEARCH
    strings = edition.strings
    title = strings.text("search.title")
    # The script's own words come from data attributes, so one search.js serves every language.
    words = "".join(f' data-tk-{name}="{escape(strings.text(key))}"' for name, key in (
        ("searching", "search.searching"), ("none", "search.none"), ("found-one", "search.found_one"),
        ("found-many", "search.found_many")))
    text = (front_matter(title, strings.text("search.description")) + f"# {_md_text(title)}\n\n"
            f'<div class="tk-search" data-tk-search{words}>'
            f'<label for="tk-search-input">{escape(strings.text("search.description").rstrip("."))}</label>'
            '<input type="search" id="tk-search-input" autocomplete="off" spellcheck="false" '
            'aria-describedby="tk-search-note" aria-controls="tk-search-results">'
            f'<p class="tk-hint" id="tk-search-note">{escape(strings.text("search.stays"))}</p>'
            '<div id="tk-search-results" class="tk-search__results" role="region" aria-live="polite" '
            f'aria-label="{escape(strings.text("search.results"))}"></div></div>\n\n'
            f'<p class="tk-search__nojs">{escape(strings.text("search.needs_js"))} '
            f"{html_link(strings.text('search.browse'), path, links.A_TO_Z)}.</p>\n")
    return Page(path, title, text, "search", scripts=["assets/search.js"], toc=False)


def a_to_z_page(edition: Edition, pages: list[Page]) -> Page:
    path = links.A_TO_Z
    listed = sorted((p for p in pages if p.kind not in ("search",)), key=lambda p: p.title.lower())
    rows = "".join(f"<li>{html_link(p.title, path, p.path)}</li>" for p in listed)
    title = edition.strings.text("nav.a_to_z")
    text = (front_matter(title, edition.strings.text("nav.a_to_z_description"))
            + f"# {_md_text(title)}\n\n" + f'<ul class="tk-list tk-list--compact">{rows}</ul>\n')
    return Page(path, title, text, "a-z", toc=False)


def text_files(edition: Edition) -> dict[str, str]:
    """Plain-text worksheets, copied next to their pages."""
    return {links.worksheet_text(sheet.id): plain_text(sheet) for sheet in edition.worksheets}


def edition_pages(edition: Edition) -> list[Page]:
    pages = [home_page(edition)]
    pages += [audience_page(edition, a) for a in edition.audiences]
    pages += [topic_page(edition, t) for t in TOPICS]
    pages += module_pages(edition)
    pages += [worksheets_index(edition)] + [worksheet_page(edition, s) for s in edition.worksheets]
    pages += [help_page(edition)]
    pages += [site_page(edition, p) for p in edition.pages]
    pages += [search_page(edition)]
    pages.append(a_to_z_page(edition, pages))
    for page in pages:
        if "data-tk-open" in page.markdown:  # help cards that say what is open now
            page.scripts.append("assets/open-now.js")
    return pages
