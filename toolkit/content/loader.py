"""Load and validate a content folder: every problem is collected, none stops the others."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import partial
from pathlib import Path

from .. import schemes
from ..compile import links
from ..findings import Finding, error, warning
from ..memo import bytes_key, remembered_with, remembers
from ..phones import dial_link, find_numbers, registered_numbers, shortcode_hint
from . import body as bodies
from . import plaintext, schedules
from .fields import (
    ID_MAX_LENGTH,
    INVALID,
    SLUG,
    WINDOWS_DEVICE_NAMES,
    Record,
    Slug,
    by_likeness,
    closest,
    did_you_mean,
    validate,
)
from .files import ContentFiles, display, entry_problems, read_text
from .images import image_problem
from .model import (
    HELPLINE,
    HELPLINES,
    HOLIDAYS,
    MODULE,
    PAGE,
    PUBLIC_AUDIENCES,
    SCHEMAS,
    SITE,
    WORKSHEET,
)
from .nesting import too_costly
from .pictures import check_pictures
from .strings import Strings, load_strings
from .variants import (
    EASY,
    EASY_READ,
    Language,
    Variant,
    check_languages,
    compare_with_source,
    human_paragraphs,
    split_variant,
    unknown_tag,
)
from .yamlfile import load_yaml

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif"}
# Pages the build makes itself: a content page of the same name would replace one of them.
GENERATED_PAGES = {links.HOME: "the start page", links.SEARCH: "the search page", links.A_TO_Z: "the A to Z list",
                   links.HELP: "the list of services", "404.md": "the page-not-found page"}
# Other spellings of the extensions the build reads, which it would otherwise skip without a word.
SUFFIX_SPELLINGS = {".yml": (".yaml",), ".md": (".markdown", ".mdown", ".mkd", ".mkdn", ".txt")}


@dataclass
class Content:
    """Everything in content/, validated. Modules, pages and worksheets keep their order of id."""

    root: Path
    # content/ resolved and listed once for the load (None when there is no such folder).
    files: ContentFiles | None = field(default=None, repr=False, compare=False)
    site: Record | None = None
    holidays: Record | None = None  # content/holidays.yml, optional
    helplines: dict[str, Record] = field(default_factory=dict)
    modules: dict[str, Record] = field(default_factory=dict)
    worksheets: dict[str, Record] = field(default_factory=dict)
    pages: dict[str, Record] = field(default_factory=dict)
    unlisted_bodies: list[tuple[Path, str, str]] = field(default_factory=list)
    # Ids of items that exist but failed validation: references to them are not "unknown".
    broken_ids: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    # Published languages, the source first; translations by (kind, id, language tag).
    languages: list[Language] = field(default_factory=list)
    variants: dict[tuple[str, str, str], Variant] = field(default_factory=dict)
    strings: dict[str, Strings] = field(default_factory=dict)
    # content/pictures.yml: the pictures easy read texts may show, by name.
    pictures: dict[str, Record] = field(default_factory=dict)
    # The language this view of the content is in (toolkit.content.variants.localized); None for the whole.
    language: Language | None = None
    # What a body's checks read besides the body, once every item is loaded (the live preview's memo key).
    references_state: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def translation_tags(self) -> list[str]:
        """The tags of every variant tree: the translation languages, and `easy` when there is easy read."""
        return [language.tag for language in self.languages if language.tag != self.source_language]

    @property
    def switcher_languages(self) -> list[Language]:
        """The languages a reader can switch between (easy read is not one: pages link to their easy read version)."""
        return [language for language in self.languages if not language.easy]

    @property
    def easy_read(self) -> bool:
        """Whether the content has easy read versions (and so the public edition an easy-read/ tree)."""
        return any(language.easy for language in self.languages)

    @property
    def source_language(self) -> str:
        return self.site.language if self.site else "en-GB"

    def in_edition(self, items: dict[str, Record], edition: str) -> list[Record]:
        """Items visible in an edition: public items everywhere, professional ones only there."""
        return [item for item in items.values() if edition == "professional" or item.edition == "public"]

    def items_of(self, kind: str) -> dict[str, Record]:
        """The valid items a reference of `kind` (a shortcode's or id link's) may name, by id."""
        return {"helpline": self.helplines, "module": self.modules, "worksheet": self.worksheets,
                "page": self.pages, "picture": self.pictures}[kind]

    def source_of(self, variant: Variant) -> Record | None:
        """The record a variant is a version of: site.yml's, or the helpline, module, worksheet or page it
        translates (None if that failed validation)."""
        return self.site if variant.kind == "site" else self.items_of(variant.kind).get(variant.id)


def load_content(root: Path, *, local_contacts: Path | None = None) -> Content:
    """Read and validate content/ (and an optional local-contacts file)."""
    root = Path(root)
    content = Content(root=root)
    findings = content.findings
    if not root.is_dir():
        findings.append(error("files", "content folder not found.", file=str(root),
                              hint="Run the build from the project folder, or pass --content PATH."))
        return content
    files = content.files = ContentFiles(root)
    findings.extend(entry_problems(files))

    content.site = _load_document(root / "site.yml", files, SITE, findings)
    if content.site is not None:
        content.languages = check_languages(content.site, findings)
        content.strings = load_strings([language.tag for language in content.languages], findings)
    _add_helplines(content, _load_registry(root / "helplines.yml", files, content, findings), findings, local=False)
    if local_contacts is not None:
        local = Path(local_contacts)
        _add_helplines(content, _load_registry(local, ContentFiles(local.parent, listed=False), content, findings),
                       findings, local=True)
    if files.exists(root / "holidays.yml"):
        content.holidays = _load_document(root / "holidays.yml", files, HOLIDAYS, findings)
    schedules.check_registry(content.helplines, content.site, content.holidays, findings)
    if files.exists(root / "pictures.yml"):
        pictures = _load_document(root / "pictures.yml", files, SCHEMAS["pictures"], findings)
        if pictures is not None:
            content.pictures = check_pictures(pictures, findings)

    _load_modules(content, findings)
    _load_worksheets(content, findings)
    _load_pages(content, findings)
    if remembers():
        content.references_state = _references_state(content)
    _check_references(content, findings)
    if content.site is not None:
        _load_variants(content, findings)
        if any(key[0] == "module" and key[2] == EASY for key in content.variants):
            content.languages.append(EASY_READ)  # a tree of its own, after the languages (toolkit/build.py)
            content.strings.update(load_strings([EASY], findings))
    # After the translations: an image only body.pl.md shows is shown. Their images by module, gathered once (asking
    # every translation for every module was 3 million questions at 1,000 modules in three languages).
    translated: dict[str, set[str]] = {}
    for variant in content.variants.values():
        if variant.kind == "module":
            translated.setdefault(variant.id, set()).update(variant.assets)
    for module in content.modules.values():
        shown = {*module.assets, *translated.get(module.id, ())}
        findings.extend(_unpublished_files(module, files, shown))
    return content


def _load_document(path: Path, files: ContentFiles, definition, findings: list[Finding], *,
                   text: str | None = None, line_offset: int = 0, dropped: list | None = None) -> Record | None:
    shown = display(path, files.root)
    if text is None:
        if not files.exists(path):
            findings.append(error("files", "file is missing.", file=shown,
                                  hint=_near_name(path.parent, path.name, files)
                                  or f"Create {path.name}; see the README section 'Content model'."))
            return None
        text = read_text(path, files, findings)
        if text is None:
            return None
    # The live preview parses and validates again only the files an edit changed (toolkit.memo); what
    # it remembers is never changed, so each load gets its own copy of the record (fields are set on it).
    record, left = remembered_with(("document", text, shown, line_offset, id(definition)), findings,
                                   lambda found: _parsed(text, shown, line_offset, definition, found))
    if dropped is not None:
        dropped.extend(left)
    return record.copy() if isinstance(record, Record) else record


def _parsed(text: str, shown: str, line_offset: int, definition, findings: list[Finding]) -> tuple[Record | None, list]:
    """One file's text parsed and validated: (record or None, the raw items validation dropped)."""
    dropped: list = []
    data, positions, yaml_findings = load_yaml(text, shown, line_offset=line_offset)
    findings.extend(yaml_findings)
    if yaml_findings and data is None:
        return None, dropped
    if data is None:
        findings.append(error("schema", "file is empty.", file=shown,
                              hint="Fill in the required fields; see the README section 'Content model'."))
        return None, dropped
    record = validate(definition, data, positions, findings, dropped)
    positions.let_go(text)  # found again from the text if a later check reports a field of this file
    return (None if record is INVALID else record), dropped


def _load_registry(path: Path, files: ContentFiles, content: Content, findings: list[Finding]) -> list[Record]:
    """Validate a registry; one bad entry is reported without hiding the others."""
    dropped: list = []
    registry = _load_document(path, files, HELPLINES, findings, dropped=dropped)
    # Entries that failed validation still exist: references to them are not "unknown".
    content.broken_ids.update(raw["id"] for raw in dropped if isinstance(raw, dict) and isinstance(raw.get("id"), str))
    return registry.helplines if registry is not None else []


def _add_helplines(content: Content, entries: list[Record], findings: list[Finding], *, local: bool) -> None:
    """Register validated helplines; `local` marks those of a deployment's local-contacts file."""
    for entry in entries:
        if entry.id in content.helplines:
            first = content.helplines[entry.id]
            findings.append(error("references", f"duplicate helpline id '{entry.id}' "
                                  f"(first defined in {first.source_file} line {first.where('id')['line']}).",
                                  hint="Each service is listed once; give a different service a different id.",
                                  **entry.where("id")))
            continue
        # A copy: the live preview's memo shares the loaded record between rebuilds (toolkit.memo).
        content.helplines[entry.id] = entry.copy(local=local)


def _load_modules(content: Content, findings: list[Finding]) -> None:
    folder, files = content.root / "modules", content.files
    if not files.is_dir(folder):
        findings.append(error("files", "folder is missing.", file=display(folder, content.root),
                              hint="Create content/modules/<id>/module.yml and body.md for each module."))
        return
    for stray in (p for p in files.children(folder) if not files.is_dir(p) and not p.name.startswith(".")):
        findings.append(error("files", "is not read: each module is a folder holding module.yml and body.md.",
                              file=display(stray, content.root),
                              hint="Move it into its module's folder, or out of content/."))
    for module_dir in (p for p in files.children(folder) if files.is_dir(p)):
        meta_path = module_dir / "module.yml"
        if not files.exists(meta_path):
            orphans = [p for p in files.children(module_dir) if fnmatchcase(p.name, "module.*.yml")]
            if orphans:
                findings.append(error("translations", f"translation of a module that does not exist: there is no "
                                      f"module.yml in {display(module_dir, content.root)}/.",
                                      file=display(orphans[0], content.root),
                                      hint="A translation sits beside its source; check the folder name, or "
                                           "write the module in the source language first."))
                continue
            findings.append(error("files", "module folder has no module.yml.",
                                  file=display(module_dir, content.root),
                                  hint=_near_name(module_dir, "module.yml", files)
                                  or "Every folder in content/modules/ needs module.yml and body.md."))
            content.broken_ids.add(module_dir.name)
            continue
        module = _load_document(meta_path, files, MODULE, findings)
        body = _read_body(module_dir / "body.md", files, findings)
        if module is None:
            content.broken_ids.add(module_dir.name)
            if body is not None:
                # Still report the body's problems: an author fixes everything in one pass.
                content.unlisted_bodies.append((module_dir, body, display(module_dir / "body.md", content.root)))
            continue
        if module.id != module_dir.name:
            findings.append(error("schema", f"id '{module.id}' does not match the folder name '{module_dir.name}'.",
                                  hint=f"Rename the folder to '{module.id}' or set id: {module_dir.name}.",
                                  **module.where("id")))
            content.broken_ids.update((module.id, module_dir.name))
            continue
        if module.id in content.modules:
            findings.append(error("references", f"duplicate module id '{module.id}'.", **module.where("id")))
            continue
        if body is None:
            content.broken_ids.add(module.id)  # left out, its missing body reported: links to it are not "unknown"
            continue
        module.body = body
        module.body_file = display(module_dir / "body.md", content.root)
        module.folder = module_dir
        content.modules[module.id] = module


def _read_body(path: Path, files: ContentFiles, findings: list[Finding]) -> str | None:
    shown = display(path, files.root)
    if not files.exists(path):
        findings.append(error("files", "body.md is missing.", file=shown,
                              hint=_near_name(path.parent, "body.md", files)
                              or "Write the module text in body.md beside module.yml."))
        return None
    text = read_text(path, files, findings)
    if text is None:
        return None
    if not text.strip():
        findings.append(error("files", "body.md is empty.", file=shown, hint="Write the module text."))
        return None
    return text


def _near_name(folder: Path, wanted: str, files: ContentFiles) -> str:
    """'Rename 'Module.yaml' to 'module.yml'...' when the folder holds a file nearly called `wanted`, or ''."""
    names = [path.name for path in files.children(folder) if files.is_file(path)]
    stem = wanted.split(".")[0] + "."
    near = next((name for name in names if name.lower().startswith(stem)), "") or closest(wanted, names)
    return f"Did you mean '{wanted}'? Rename '{near}' to '{wanted}': the build reads only that name." if near else ""


def _content_files(folder: Path, files: ContentFiles, suffix: str, noun: str, findings: list[Finding]) -> list[Path]:
    """The files of `folder` the build reads (ending in `suffix`); every other file and folder is reported."""
    read, root = [], files.root
    for path in files.children(folder):
        if path.name.startswith("."):
            continue  # the system's and editors' own files (.DS_Store, .about.md.swp)
        shown = display(path, root)
        if files.is_dir(path):
            findings.append(error("files", f"folder is not read: {noun}s in subfolders are not part of the site.",
                                  file=shown, hint=f"Move its {noun}s into {display(folder, root)}/."))
        elif path.suffix == suffix:
            read.append(path)
        elif path.suffix.lower() in (suffix, *SUFFIX_SPELLINGS[suffix]):
            findings.append(error("files", f"is not read: {noun} files end in '{suffix}'.", file=shown,
                                  hint=f"Did you mean '{path.stem}{suffix}'? Rename the file."))
        else:
            findings.append(error("files", f"is not read: {display(folder, root)}/ holds only {noun}s "
                                  f"(<name>{suffix}).", file=shown,
                                  hint="Delete it, or keep it outside content/ (drafts, notes and editor backups "
                                       "included)."))
    return read


def page_name_problem(path: Path) -> tuple[str, str] | None:
    """(message, hint) when a page's file name cannot be its address, or None."""
    slug, name = path.stem, path.name
    if not SLUG.match(slug):
        return (f"file name '{name}' cannot be a page address.",
                "Use lower-case letters, digits and hyphens, like 'about-us.md': the file name is the page's address.")
    if len(slug) > ID_MAX_LENGTH:
        return (f"file name '{name}' is {len(slug)} characters long before '.md'; at most {ID_MAX_LENGTH} are "
                "allowed.", Slug.length_hint)
    if slug in WINDOWS_DEVICE_NAMES:
        return (f"file name '{name}' is a name Windows keeps for a device: no file can be called '{slug}.html' "
                "there.", f"Add a word, for example '{slug}-guide.md'.")
    if links.page(slug) in GENERATED_PAGES:
        own = ", ".join(page.removesuffix(".md") for page in GENERATED_PAGES)
        return (f"page '{slug}' has the name of {GENERATED_PAGES[links.page(slug)]}, which the build makes and "
                "this page would replace.", f"Choose another file name; the build's own pages are {own}.")
    return None


def _load_worksheets(content: Content, findings: list[Finding]) -> None:
    folder = content.root / "worksheets"
    if not content.files.is_dir(folder):
        return
    for path in _sources(_content_files(folder, content.files, ".yml", "worksheet", findings), ".yml"):
        sheet = _load_document(path, content.files, WORKSHEET, findings)
        if sheet is None:
            content.broken_ids.add(path.stem)
            continue
        if sheet.id != path.stem:
            findings.append(error("schema", f"id '{sheet.id}' does not match the file name '{path.name}'.",
                                  hint=f"Rename the file to '{sheet.id}.yml' or set id: {path.stem}.",
                                  **sheet.where("id")))
            content.broken_ids.update((sheet.id, path.stem))
            continue
        content.worksheets[sheet.id] = sheet


def _load_pages(content: Content, findings: list[Finding]) -> None:
    folder = content.root / "pages"
    if not content.files.is_dir(folder):
        return
    for path in _sources(_content_files(folder, content.files, ".md", "page", findings), ".md"):
        problem = page_name_problem(path)
        if problem:
            findings.append(error("files", problem[0], file=display(path, content.root), hint=problem[1]))
            content.broken_ids.add(path.stem)
            continue
        page = _load_page(path, content.files, PAGE, findings)
        if page is None:
            content.broken_ids.add(path.stem)
            continue
        page.id = path.stem
        content.pages[page.id] = page


def _sources(paths: list[Path], suffix: str) -> list[Path]:
    """The source files among `paths`: those whose name carries no language tag (translations sit beside them)."""
    return [path for path in paths if split_variant(path.name, suffix) is None]


def _load_page(path: Path, files: ContentFiles, definition, findings: list[Finding]) -> Record | None:
    """A Markdown file with front matter: the validated front matter, with body, body_file and body_line_offset."""
    shown = display(path, files.root)
    text = read_text(path, files, findings)
    if text is None:
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        findings.append(error("schema", "page has no front matter.", file=shown, line=1,
                              hint="Start the file with ---, a line 'title: ...', and ---."))
        return None
    page = _load_document(path, files, definition, findings, text=match.group(1), line_offset=1)
    if page is None:
        return None
    page.body = text[match.end():]
    page.body_line_offset = text.count("\n", 0, match.end())
    page.body_file = shown
    page.folder = path.parent
    if not page.body.strip():
        findings.append(error("files", "page has no text after its front matter.", file=shown))
        return None
    return page


def _load_variants(content: Content, findings: list[Finding]) -> None:
    """Every translation beside its source: validated, compared with the source, its body checked like a source's."""
    root = content.root
    found: list[tuple[str, Path, str, str]] = []  # kind, path, base name, tag
    for pattern, suffix, kind in (("site.*.yml", ".yml", "site"), ("helplines.*.yml", ".yml", "helplines"),
                                  ("modules/*/module.*.yml", ".yml", "module"),
                                  ("worksheets/*.*.yml", ".yml", "worksheet"), ("pages/*.*.md", ".md", "page")):
        for path in content.files.glob(pattern):
            base, tag = split_variant(path.name, suffix)
            problem = unknown_tag(tag, content.languages, content.source_language, display(path, root))
            if problem is not None:
                findings.append(problem)
                continue
            found.append((kind, path, base, tag))
    for path in content.files.glob("modules/*/body.*.md"):
        _, tag = split_variant(path.name, ".md")
        if not content.files.exists(path.parent / f"module.{tag}.yml"):
            findings.append(error("translations", f"body.{tag}.md has no module.{tag}.yml beside it.",
                                  file=display(path, root),
                                  hint=f"Write module.{tag}.yml with the translated title, summary, key points "
                                       "and a translation: block."))
    for kind, path, base, tag in found:
        LOADERS[kind](content, path, base, tag, findings)
    for variant in content.variants.values():
        if variant.body is not None:
            _check_variant_body(content, variant, findings)


def _add_variant(content: Content, variant: Variant, source: Record, definition, body: str | None,
                 findings: list[Finding]) -> None:
    variant.source_paragraphs = human_paragraphs(definition, source, body)
    compare_with_source(variant, source, content.root, findings)
    if variant.block.status == "reviewed" and not variant.block.reviewed_by:
        findings.append(error("translations", "a reviewed translation must say who reviewed it.",
                              hint="Add reviewed_by: (a role is enough), or set status: draft.",
                              **variant.record.where("translation", "status")))
    content.variants[(variant.kind, variant.id, variant.tag)] = variant


def _variant_site(content: Content, path: Path, base: str, tag: str, findings: list[Finding]) -> None:
    record = _load_document(path, content.files, SCHEMAS["site.translation"], findings)
    if record is not None:
        _add_variant(content, Variant("site", "", tag, display(path, content.root), record,
                                      source_files=("content/site.yml",)), content.site, SITE, None, findings)


def _variant_helplines(content: Content, path: Path, base: str, tag: str, findings: list[Finding]) -> None:
    registry = _load_document(path, content.files, SCHEMAS["helplines.translation"], findings)
    if registry is None:
        return
    shown = display(path, content.root)
    for helpline_id, record in registry.helplines.items():
        source = content.helplines.get(helpline_id)
        if source is None:
            if helpline_id not in content.broken_ids:
                hint = did_you_mean(helpline_id, content.helplines) or "Use the id of an entry in helplines.yml."
                findings.append(error("translations", f"translation of helpline '{helpline_id}', which is not in "
                                      "the registry.", hint=hint, **registry.where("helplines", helpline_id)))
            continue
        _add_variant(content, Variant("helpline", helpline_id, tag, shown, record, source_files=(source.source_file,)),
                     source, HELPLINE, None, findings)


def _variant_module(content: Content, path: Path, base: str, tag: str, findings: list[Finding]) -> None:
    module_id = path.parent.name
    source = content.modules.get(module_id)
    if source is None:
        return  # no module.yml (reported by _load_modules), or an invalid one (reported too)
    schema = SCHEMAS["module.easy" if tag == EASY else "module.translation"]
    record = _load_document(path, content.files, schema, findings)
    body_path = path.parent / f"body.{tag}.md"
    body = _read_body(body_path, content.files, findings) if record is not None else None
    if record is None or body is None:
        return
    variant = Variant("module", module_id, tag, display(path, content.root), record, body=body,
                      body_file=display(body_path, content.root), folder=path.parent,
                      source_files=(source.source_file, source.body_file))
    _add_variant(content, variant, source, MODULE, source.body, findings)


def _variant_worksheet(content: Content, path: Path, base: str, tag: str, findings: list[Finding]) -> None:
    source = content.worksheets.get(base)
    if source is None:
        if base not in content.broken_ids:
            _no_source(content, path, "worksheet", base, content.worksheets, findings)
        return
    record = _load_document(path, content.files, SCHEMAS["worksheet.translation"], findings)
    if record is not None:
        _add_variant(content, Variant("worksheet", base, tag, display(path, content.root), record,
                                      source_files=(source.source_file,)), source, WORKSHEET, None, findings)


def _variant_page(content: Content, path: Path, base: str, tag: str, findings: list[Finding]) -> None:
    source = content.pages.get(base)
    if source is None:
        if base not in content.broken_ids:  # a source that failed has its own error; this one would be wrong
            _no_source(content, path, "page", base, content.pages, findings)
        return
    record = _load_page(path, content.files, SCHEMAS["page.translation"], findings)
    if record is not None:
        _add_variant(content, Variant("page", base, tag, display(path, content.root), record, body=record.body, folder=path.parent,
                                      body_file=record.body_file, body_line_offset=record.body_line_offset,
                                      source_files=(source.body_file,)), source, PAGE, source.body, findings)


def _no_source(content: Content, path: Path, kind: str, base: str, known: dict, findings: list[Finding]) -> None:
    hint = did_you_mean(base, known) or f"A translation sits beside its source; write the {kind} in the source " \
                                        "language first."
    findings.append(error("translations", f"translation of a {kind} that does not exist: there is no "
                          f"{base}{path.suffix} beside it.", file=display(path, content.root), hint=hint))


LOADERS = {"site": _variant_site, "helplines": _variant_helplines, "module": _variant_module,
           "worksheet": _variant_worksheet, "page": _variant_page}


def _known(kind: str, content: Content) -> _KnownOrBroken:
    return _KnownOrBroken(content.items_of(kind), content.broken_ids)


class _KnownOrBroken:
    """Known ids; `in` is also true for ids whose files exist but are invalid (already reported).

    Iteration and len cover the valid ids only: those are the ones worth suggesting.
    """

    def __init__(self, known: dict, broken: set[str]):
        self.known = known
        self.broken = broken

    def __contains__(self, key) -> bool:
        return key in self.known or key in self.broken

    def __iter__(self):
        return iter(self.known)

    def __len__(self) -> int:
        return len(self.known)


def _reference(content: Content, findings: list[Finding], kind: str, target: str, where: Callable[[], dict],
               public_place: str = "") -> bool:
    """Report `target` as unknown unless a `kind` with that id exists; True if it does.

    `where()` gives the finding's place, asked only for a finding: a validated file's positions are found again
    from its text when asked (toolkit.content.yamlfile.Positions), and most references need none.

    `public_place` names a place every public reader sees ("this module"): a professional-only
    target there is an error at this reference, not a leak found later in the built pages.
    """
    known = _known(kind, content)
    if target in known:
        item = known.known.get(target)
        if public_place and item is not None and item.edition == "professional":
            noun = {"helpline": "service"}.get(kind, kind)
            findings.append(error("references", f"'{target}' is a professional-only {noun}, but {public_place} "
                                  "is in the public edition.",
                                  hint=f"Choose a public {noun}, or set edition: professional where it is used.",
                                  **where()))
        return True
    hint = did_you_mean(target, known)
    if not hint and not known:
        hint = f"There is no {kind} yet, or none that passed validation."
    elif not hint:
        hint = f"Known {kind} ids: {', '.join(by_likeness(target, sorted(known))[:12])}{', ...' if len(known) > 12 else ''}."
    findings.append(error("references", f"unknown {kind} '{target}'.", hint=hint, **where()))
    return False


def _check_references(content: Content, findings: list[Finding]) -> None:
    site = content.site
    if site is not None:
        for index, route in enumerate(site.urgent_help.routes):
            for n, helpline in enumerate(route.helplines):
                _reference(content, findings, "helpline", helpline,
                           partial(site.where, "urgent_help", "routes", index, "helplines", n), "the urgent-help box")
        for audience, text in site.audiences.as_dict().items():
            place = f"the '{audience}' page" if audience in PUBLIC_AUDIENCES else ""
            if text.start_with:
                _reference(content, findings, "module", text.start_with,
                           partial(site.where, "audiences", audience, "start_with"), place)
            if text.call_first:
                _reference(content, findings, "helpline", text.call_first,
                           partial(site.where, "audiences", audience, "call_first"), place)
            if text.also_for:
                _reference(content, findings, "module", text.also_for.module,
                           partial(site.where, "audiences", audience, "also_for", "module"), place)

    for module in content.modules.values():
        public = "this module" if module.edition == "public" else ""
        for kind, attribute in (("helpline", "helplines"), ("worksheet", "worksheets"), ("module", "read_next")):
            for index, target in enumerate(getattr(module, attribute)):
                where = partial(module.where, attribute, index)
                if _reference(content, findings, kind, target, where, public if kind == "helpline" else "") \
                        and kind == "module" and target == module.id:
                    findings.append(error("references", "a module cannot be read next after itself.", **where()))
        if module.edition == "public" and module.audiences == ["professionals"]:
            findings.append(warning("references", "module is only for professionals but is in the public edition.",
                                    hint="Set edition: professional, or add a public audience.",
                                    **module.where("edition")))
        module.assets = sorted(_check_body(content, module.folder, module.body, module.body_file, 0, findings,
                                           public))
    for page in content.pages.values():
        public = "this page" if page.edition == "public" else ""
        for index, target in enumerate(page.helplines):
            _reference(content, findings, "helpline", target, partial(page.where, "helplines", index), public)
        _check_body(content, page.folder, page.body, page.body_file, page.body_line_offset, findings, public)
    for folder, text, file in content.unlisted_bodies:
        _check_body(content, folder, text, file, 0, findings)


def _unpublished_files(module: Record, files: ContentFiles, shown: set[str]) -> list[Finding]:
    """A warning for each file of a module folder that no body (body.md or a translation) shows: it is left out
    of the site."""
    found, published = [], {"module.yml", "body.md", *shown}
    prefix = f"{module.folder}{os.sep}"
    for path in files.below(module.folder):
        # As text: paths relative to the folder, for every file of every module after each save in the live preview.
        name = str(path).removeprefix(prefix).replace(os.sep, "/")
        if name in published or files.is_dir(path) or any(part.startswith(".") for part in name.split("/")):
            continue
        if (split_variant(name, ".yml") or ("",))[0] == "module" or (split_variant(name, ".md") or ("",))[0] == "body":
            continue  # a translation, read beside its source
        found.append(warning("files", "is not shown in body.md, so it is not published.", file=display(path, files.root),
                             hint="Delete it, or keep drafts, notes and backups outside content/. To show an "
                                  f"image, write ![what it shows]({name}) in body.md."))
    return found


def _closest_shortcode(name: str, words: tuple[str, ...]) -> str:
    """'Did you mean '{{ phone: samaritans }}'?' for what an author wrote, or the list of shortcodes."""
    lower = name.lower()
    nearest = lower if lower in bodies.SHORTCODES else closest(lower, bodies.SHORTCODES)
    if not nearest:
        return "Shortcodes: " + ", ".join(f"{{{{ {name}{': id' if bodies.SHORTCODES[name] else ''} }}}}"
                                          for name in by_likeness(lower, bodies.SHORTCODES)) + "."
    argument = f": {words[0]}" if words and bodies.SHORTCODES[nearest] else ""
    return f"Did you mean '{{{{ {nearest}{argument} }}}}'?"


def _report_malformed(bad: bodies.Malformed, findings: list[Finding], where: dict) -> None:
    """A shortcode the renderer would print as typed: unclosed, in single braces, misnamed or with extra words."""
    hint = _closest_shortcode(bad.name, bad.words)
    if bad.problem == "unclosed":
        findings.append(error("references", f"shortcode '{bad.text}' is not closed.",
                              hint=f"{hint} A shortcode ends with }}}} on the same line.", **where))
    elif bad.problem == "unopened":
        findings.append(error("references", f"'{bad.text.strip()}' ends with }}}} but no shortcode opens it.",
                              hint=f"{hint} A shortcode starts with {{{{.", **where))
    elif bad.problem == "single-braces":
        if hint.startswith("Did you mean"):  # { width } and {: .class } are not shortcodes
            findings.append(error("references", f"'{bad.text}' has single braces, so it would be shown as typed.",
                                  hint=hint, **where))
    elif bad.name.lower() in bodies.SHORTCODES and bad.name.lower() == bad.name:
        findings.append(error("references", f"shortcode '{bad.text}' has more words than one id.",
                              hint=f"{hint} Words around a shortcode go outside its braces.", **where))
    else:
        findings.append(error("references", f"unknown shortcode '{bad.text}'.", hint=hint, **where))


def _check_variant_body(content: Content, variant: Variant, findings: list[Finding]) -> None:
    """A translated body is checked like its source, and may link only to modules that exist in its language."""
    source = content.source_of(variant)
    public = f"this {variant.kind}" if source is not None and source.edition == "public" else ""
    variant.assets = sorted(_check_body(content, variant.folder, variant.body, variant.body_file,
                                        variant.body_line_offset, findings, public))
    for use in bodies.ref_links(variant.body):
        target_kind = bodies.REF_KINDS[use.kind.split(":", 1)[1]]
        if target_kind != "module" or use.target not in content.modules:
            continue
        if ("module", use.target, variant.tag) not in content.variants:
            if variant.tag == EASY:
                problem = f"link to module '{use.target}', which has no easy read version."
                hint = ("A module without an easy read version is left out of the easy read pages: link to one "
                        "that has one, or write its easy read version first.")
            else:
                problem = f"link to module '{use.target}', which is not translated into '{variant.tag}'."
                hint = ("A module that is not translated is left out of that language: link to a translated "
                        "module, or translate this one first.")
            findings.append(error("translations", problem, file=variant.body_file,
                                  line=use.line + variant.body_line_offset, column=use.column, hint=hint))


def _references_state(content: Content) -> bytes:
    """Everything of the content that a body's checks read besides the body: every id with its edition, the
    ids that failed validation and the registry's numbers."""
    items = tuple((kind, tuple((key, getattr(item, "edition", None)) for key, item in content.items_of(kind).items()))
                  for kind in ("helpline", "module", "worksheet", "page", "picture"))
    numbers = tuple((helpline.id, tuple((phone.number, phone.e164, phone.short, phone.channel)
                                        for phone in helpline.phones or ())) for helpline in content.helplines.values())
    return bytes_key(repr((str(content.root), items, sorted(content.broken_ids), numbers)).encode())


def _image_state(folder: Path, text: str) -> tuple:
    """Size, modification time and inode of every file a body shows as an image (None for one that is missing).

    Of the name itself, not what a link points to: a file replaced by a link to it must be checked again."""
    state = []
    for _alt, src, *_rest in bodies.images(text):
        try:
            info = os.lstat(folder / src)
            state.append((src, info.st_size, info.st_mtime_ns, info.st_ino))
        except (OSError, ValueError):
            state.append((src, None))
    return tuple(state)


def _check_body(content: Content, folder: Path, text: str, file: str, line_offset: int,
                findings: list[Finding], public_place: str = "") -> set[str]:
    """Report every problem of one body; returns the images it shows that are fit to publish (paths in `folder`).

    The live preview checks again only the bodies an edit changed, or whose images or references did."""
    if content.references_state is None:  # not in the preview: no key to make
        return _checked_body(content, folder, text, file, line_offset, findings, public_place)
    key = ("body", text, str(folder), file, line_offset, public_place, content.references_state,
           _image_state(folder, text))
    return set(remembered_with(key, findings, lambda found: _checked_body(content, folder, text, file, line_offset,
                                                                          found, public_place)))


def _checked_body(content: Content, folder: Path, text: str, file: str, line_offset: int,
                  findings: list[Finding], public_place: str = "") -> set[str]:
    shown: set[str] = set()

    def at(line: int, column: int) -> dict:
        return {"file": file, "line": line + line_offset, "column": column}

    costly = too_costly(text, file, line_offset)
    if costly:  # the checks below would take minutes over such a text
        findings += costly
        return shown
    for use in bodies.shortcodes(text):
        if use.kind not in bodies.SHORTCODES:
            findings.append(error("references", f"unknown shortcode '{use.text}'.",
                                  hint=_closest_shortcode(use.kind, (use.target,) if use.target else ()),
                                  **at(use.line, use.column)))
            continue
        kind = bodies.SHORTCODES[use.kind]
        if kind is None:
            if use.target is not None:
                findings.append(error("references", f"shortcode '{use.text}' takes no id.",
                                      hint=f"Did you mean '{{{{ {use.kind} }}}}'?", **at(use.line, use.column)))
            continue
        if not use.target:
            findings.append(error("references", f"shortcode '{use.text}' needs a {kind} id.",
                                  hint=f"Write it as {{{{ {use.kind}: some-{kind}-id }}}}.",
                                  **at(use.line, use.column)))
        else:
            _reference(content, findings, kind, use.target, partial(at, use.line, use.column),
                       public_place if kind == "helpline" else "")
    for index, char in plaintext.hidden_characters(text):
        line, column = bodies.line_col(text, index)
        findings.append(error("files", f"contains {plaintext.name_of(char)}.",
                              hint=plaintext.INVISIBLE_HINT, **at(line, column)))
    for bad in bodies.malformed_shortcodes(text):
        _report_malformed(bad, findings, at(bad.line, bad.column))
    for use in bodies.ref_links(text):
        kind = bodies.REF_KINDS[use.kind.split(":", 1)[1]]
        _reference(content, findings, kind, use.target, partial(at, use.line, use.column),
                   public_place if kind == "helpline" else "")
    for url, line, column in bodies.link_targets(text):
        # http:// keeps the error the external-links and off-origin checks have always given it.
        problem = schemes.problem(url, (*schemes.ALLOWED, *schemes.ID_SCHEMES, "http"))
        link = dial_link(url)
        if problem:
            findings.append(error("links", problem[0], hint=problem[1], **at(line, column)))
        elif link is not None and link.service not in ("tel:", "sms:"):  # those two are found as typed, below
            findings.append(error("numbers", f"a {link.service} link that {link.verb} a number is typed into the "
                                  "text.", hint="Links that call or message a number come only from the helpline "
                                  "registry: add the contact to content/helplines.yml and write "
                                  "{{ help-card: helpline-id }}.", **at(line, column)))
    for alt, src, attrs, line, column in bodies.images(text):
        if schemes.scheme_of(src) in ("http", "https"):
            findings.append(error("files", f"image '{src}' is on another website.",
                                  hint="Save the image in the module folder and use its file name: "
                                       "loading it from elsewhere would tell that site who reads this page.",
                                  **at(line, column)))
            continue
        if schemes.problem(src):
            continue  # reported with the other addresses
        target = folder / src
        if not content.files.inside(target):
            findings.append(error("files", f"image '{src}' is outside content/.",
                                  hint="Put the image in the module folder.", **at(line, column)))
        elif not target.is_file():
            findings.append(error("files", f"image '{src}' does not exist.", **at(line, column)))
        elif target.suffix.lower() not in IMAGE_TYPES:
            findings.append(error("files", f"'{src}' is not an image type the site can show.",
                                  hint="Use PNG, JPEG, SVG or WebP.", **at(line, column)))
        elif problem := image_problem(target):
            findings.append(error("files", f"image '{src}' {problem[0]}", hint=problem[1], **at(line, column)))
        else:
            shown.add(target.resolve().relative_to(folder.resolve()).as_posix())
        if not alt.strip() and "decorative" not in attrs:
            findings.append(error("accessibility", f"image '{src}' has no alt text.",
                                  hint="Describe the image in the brackets: ![what it shows](file.png). "
                                       "If it is only decoration, write ![](file.png){: .decorative }.",
                                  **at(line, column)))
    for href, line, column in bodies.relative_links(text):
        if href.startswith(("mailto", "tel")) or schemes.problem(href):
            continue
        target = (folder / href.split("#", 1)[0]).resolve()
        if not content.files.inside(target):
            findings.append(error("files", f"link '{href}' points outside content/.",
                                  hint="Link to other pages by id, for example [text](module:some-id).",
                                  **at(line, column)))
        else:
            findings.append(error("references", f"link '{href}' is a file path.",
                                  hint="Link to toolkit pages by id: [text](module:id), (page:id), "
                                       "(worksheet:id) or (help:id).", **at(line, column)))
    for match in re.finditer(r"\b(tel|sms):", text, re.I):
        line, column = bodies.line_col(text, match.start())
        findings.append(error("numbers", f"a '{match.group(1).lower()}:' link is typed into the text.",
                              hint="Write {{ phone: helpline-id }}; the build makes the call link from the registry.",
                              **at(line, column)))
    # Every typed number's hint names the shortcode of the registry entry it is, or probably meant.
    registry = registered_numbers({key: helpline for key, helpline in content.helplines.items()
                                   if not (public_place and helpline.edition == "professional")})
    for comment in bodies.HTML_COMMENT.finditer(text):
        # The build removes comments from pages, but the source is shared and copied: numbers live in the registry.
        for number in find_numbers(comment.group(0)):
            line, column = bodies.line_col(text, comment.start() + number.start)
            findings.append(error("numbers", f"phone number '{number.text}' is typed into an HTML comment.",
                                  hint=shortcode_hint(number.national, registry,
                                                      "Comments never reach the site, but numbers are written only "
                                                      "in the helpline registry: delete it, or write"),
                                  **at(line, column)))
    prose = bodies.prose_only(text)
    for number in find_numbers(prose):
        line, column = bodies.line_col(prose, number.start)
        findings.append(error("numbers", f"phone number '{number.text}' is typed into the text.",
                              hint=shortcode_hint(number.national, registry), **at(line, column)))
    return shown
