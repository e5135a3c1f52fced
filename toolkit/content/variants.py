"""Variants of a source text: translations and easy read versions, found beside their sources.

A variant file is named like its source with the variant's tag before the extension
(`module.pl.yml`, `body.pl.md`, `coping-plan.ar.yml`, `privacy.pl.md`). It holds only
the human text of its source, in the same shape, plus a `translation:` block that records
the source version it follows (a hash written by `toolkit translations stamp`) and its
review status. Everything else (ids, numbers, addresses, hours, audiences) comes from
the source, so a translation can never carry a number of its own.

An easy read version is a variant like any other, with the tag `easy` (`module.easy.yml`,
`body.easy.md`): English in easy words, with a picture beside each idea. It is published
as its own tree (`easy-read/`, `lang="en-GB"`) in the public edition only, and it is not a
language of the language switcher: pages that have one link to it instead.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError

from ..findings import Finding, error
from .fields import ListOf, Object, Record, by_likeness, did_you_mean
from .model import is_restricted
from .yamlfile import format_path

STAMPS = ".stamped"  # content/.stamped/<hash>.json: the source text as it was when stamped
EASY = "easy"  # the variant tag of easy read versions


def lang_of(tag: str) -> str:
    """The BCP 47 tag of text in a variant tree (pages' lang, dates and times): easy read is British English."""
    return "en-GB" if tag == EASY else tag

# Fields a variant may have that its source has not: the block itself, and easy read's word list.
VARIANT_ONLY = ("translation", "words")


@dataclass(frozen=True)
class Language:
    """One published language: its BCP 47 tag, its own name and its script's direction."""

    tag: str
    name: str
    dir: str

    @property
    def lang(self) -> str:
        """The BCP 47 tag pages in this language carry."""
        return lang_of(self.tag)

    @property
    def easy(self) -> bool:
        return self.tag == EASY

    def published_in(self, edition: str) -> bool:
        """Whether this language has a tree (and packs) in `edition`: easy read is for the public only."""
        return not (self.easy and is_restricted(edition))


EASY_READ = Language(EASY, "Easy read", "ltr")


@dataclass
class Variant:
    """One translation file (or, for helplines.<tag>.yml, one entry of it) and what it translates."""

    kind: str  # site, helpline, module, worksheet, page
    id: str  # "" for the site texts
    tag: str
    file: str  # the translation file, as authors see it
    record: Record  # the validated translation (human text only, plus `translation`)
    body: str | None = None
    body_file: str = ""
    body_line_offset: int = 0
    folder: Path | None = None  # where the body's images are
    assets: list[str] = field(default_factory=list)  # the images the body shows, fit to publish (paths in folder)
    source_files: tuple[str, ...] = ()
    source_paragraphs: list[str] = field(default_factory=list)

    @property
    def block(self) -> Record:
        return self.record.translation

    @property
    def current_hash(self) -> str:
        return paragraphs_hash(self.source_paragraphs)

    @property
    def stale(self) -> bool:
        """True when the source changed after the translation was stamped (or it was never stamped)."""
        return self.block.source != self.current_hash

    @property
    def draft(self) -> bool:
        return self.block.status == "draft"


def split_variant(name: str, suffix: str) -> tuple[str, str] | None:
    """'module.pl.yml' -> ('module', 'pl'); None when the name carries no tag (a source file)."""
    if not name.endswith(suffix):
        return None
    stem = name[: -len(suffix)]
    if "." not in stem:
        return None
    base, tag = stem.rsplit(".", 1)
    return base, tag


def check_languages(site: Record, findings: list[Finding]) -> list[Language]:
    """The published languages from site.yml, the source first; each tag known to CLDR and its direction right."""
    if not site.languages:
        return [Language(site.language, _own_name(site.language), _direction(site.language) or "ltr")]
    languages = []
    for index, entry in enumerate(site.languages):
        where = site.where("languages", index, "tag")
        direction = _direction(entry.tag)
        if direction is None:
            findings.append(error("languages", f"unknown language tag '{entry.tag}'.",
                                  hint="Use a BCP 47 tag that CLDR knows, such as en-GB, pl, ar, ur, cy or gd.",
                                  **where))
            continue
        if any(known.tag == entry.tag for known in languages):
            findings.append(error("languages", f"language '{entry.tag}' is listed twice.", hint="Remove the repeat.",
                                  **where))
            continue
        if entry.dir != direction:
            words = {"ltr": "left to right", "rtl": "right to left"}
            findings.append(error("languages", f"direction '{entry.dir}' contradicts the script of '{entry.tag}', "
                                  f"which is written {words[direction]}.", hint=f"Write dir: {direction}.",
                                  **site.where("languages", index, "dir")))
        languages.append(Language(entry.tag, entry.name, direction))
    if site.languages[0].tag != site.language:
        findings.append(error("languages", f"the first language must be the source language '{site.language}'.",
                              hint=f"List {site.language} first under languages:, or change language: to "
                                   f"'{site.languages[0].tag}'.", **site.where("languages", 0, "tag")))
    return languages


def _locale(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def _direction(tag: str) -> str | None:
    locale = _locale(tag)
    return locale.text_direction if locale else None


def _own_name(tag: str) -> str:
    locale = _locale(tag)
    return locale.get_display_name(locale) if locale else tag


def unknown_tag(tag: str, languages: list[Language], source: str, file: str) -> Finding | None:
    """An error for a variant file whose tag is not a published translation language, else None."""
    translated = [language.tag for language in languages if language.tag != source]
    if tag in translated or tag == EASY:
        return None
    if tag == source:
        return error("languages", f"'{tag}' is the source language: this file would translate the source into itself.",
                     file=file, hint="Put the text in the source file, or rename this file with another language tag.")
    listed = ", ".join(by_likeness(tag, translated)) or "none yet"
    close = did_you_mean(tag, translated)
    return error("languages", f"unknown language '{tag}': it is not listed under languages: in site.yml.", file=file,
                 hint=(close + " " if close else "") + f"Translation languages: {listed}. Add '{tag}' to site.yml, "
                      "or rename the file.")


def human_paragraphs(definition: Object, record: Record, body: str | None = None) -> list[str]:
    """The human text of a source, one paragraph per item: what a translation translates, and what its hash covers."""
    paragraphs: list[str] = []
    _collect(definition.human_part(), record, "", paragraphs)
    if body is not None:
        paragraphs += [part.strip() for part in body.split("\n\n") if part.strip()]
    return paragraphs


def _collect(shape, value, path: str, out: list[str]) -> None:
    if value is None:
        return
    if isinstance(shape, Object):
        for name, part in shape.fields.items():
            _collect(part, getattr(value, name, None), f"{path}.{name}" if path else name, out)
    elif isinstance(shape, ListOf):
        for index, item in enumerate(value):
            _collect(shape.item, item, f"{path}[{index}]", out)
    else:
        out.append(f"{path}: {value}")


# A field's paragraph starts with its path (format_path's form: urgent_help.routes[1].when) and ': '.
_FIELD_PATH = re.compile(r"[\w-]+(\[\d+\])?(\.[\w-]+(\[\d+\])?)*")


@dataclass(frozen=True)
class SourceText:
    """A source's human text by field path, as human_paragraphs gives it, indexed for pairing list items."""

    texts: dict[str, str]  # field path -> text, in the source's order
    items: dict[str, tuple]  # list item path -> its own texts, as ((path within the item, text), ...)

    @classmethod
    def of(cls, paragraphs: list[str]) -> SourceText:
        """The field paragraphs come first, each 'path: text'; the body's paragraphs (if any) after them."""
        texts: dict[str, str] = {}
        for paragraph in paragraphs:
            path, colon, text = paragraph.partition(": ")
            if not (colon and _FIELD_PATH.fullmatch(path)):
                break
            texts.setdefault(path, text)
        items: dict[str, list] = {}
        for path, text in texts.items():
            if "]" in path:  # in a list: its own item is the last index's (a list inside has items of its own)
                cut = path.rindex("]") + 1
                items.setdefault(path[:cut], []).append((path[cut:], text))
        return cls(texts, {path: tuple(own) for path, own in items.items()})

    def own(self, path: tuple) -> tuple:
        """The texts of the list item at `path` that are its own, not those of a list inside it."""
        return self.items.get(format_path(path), ())

    def within(self, path: tuple) -> list[str]:
        """Every text of the item or list at `path`, lists inside it included."""
        prefix = format_path(path)
        return [text for key, text in self.texts.items()
                if key.startswith(prefix) and key[len(prefix):][:1] in ("", ".", "[")]

    def count(self, path: tuple) -> int:
        """How many items the list at `path` has, as far as its texts show (trailing items without text do not)."""
        pattern = re.compile(re.escape(format_path(path)) + r"\[(\d+)\]")
        return max((int(match.group(1)) + 1 for key in self.texts if (match := pattern.match(key))), default=0)


def followed_text(content_root: Path, variant: Variant, current: SourceText | None = None) -> SourceText | None:
    """The human text of the source version `variant` translates; None when that is not known.

    That is the current source (`current`, if given) when the translation is current, the copy
    kept when it was stamped when the source has changed since, and unknown when it was never
    stamped or the copy is not kept: then no list item of the translation can be paired.
    """
    if variant.block.source is None:
        return None
    if not variant.stale:
        return current or SourceText.of(variant.source_paragraphs)
    old = stamped_source(content_root, variant.block.source)
    return SourceText.of(old["paragraphs"]) if old else None


def paragraphs_hash(paragraphs: list[str]) -> str:
    """Twelve hex digits of SHA-256 over the paragraphs: short enough to read, long enough never to collide."""
    return hashlib.sha256("\n\n".join(paragraphs).encode("utf-8")).hexdigest()[:12]


def compare_with_source(variant: Variant, source: Record, content_root: Path, findings: list[Finding]) -> None:
    """Report fields the source does not have and lists whose length differs from the source the variant translates.

    A translation's list items follow its source as it was when the translation was stamped.
    When an author adds, removes or moves an item after that, the translation is out of date,
    not wrong (`overlay` shows that item in the source language), so the lists of an out-of-date
    translation are counted against the stamped copy of its source; without a copy they cannot
    be counted. A translator who gives more or fewer items than that source is still an error.
    """
    stale = variant.block.source is not None and variant.stale
    stamped = followed_text(content_root, variant) if stale else None
    _compare(variant.record, source, findings, stale=stale, stamped=stamped, path=())


ITEMS_HINT = "Translate each item of the source, in the same order: no more, no fewer."


def _compare(translation: Record, source: Record, findings: list[Finding], *, stale: bool,
             stamped: SourceText | None, path: tuple) -> None:
    for name, value in translation.as_dict().items():
        if name in VARIANT_ONLY or value is None:
            continue
        original = getattr(source, name, None)
        # Where the field is, only for a finding: asking reads the file's positions again (toolkit.content.
        # yamlfile.Positions), which every field of every translation did, a fifth of loading three languages.
        where = functools.partial(translation.where, name)
        if isinstance(value, list) and stale:
            if stamped is not None:
                _count_stamped(value, stamped.count((*path, name)), where, findings)
        elif original in (None, [], ""):
            if stale and stamped is not None and stamped.within((*path, name)):
                continue  # the author removed it since the stamp: out of date, not wrong (overlay warns)
            findings.append(error("translations", "the source has no such field.",
                                  hint="Remove it from the translation, or add it to the source first.", **where()))
        elif isinstance(value, list):
            if len(value) != len(original):
                findings.append(error("translations", f"has {_items(len(value))}; the source has {len(original)}.",
                                      hint=ITEMS_HINT, **where()))
            else:
                for item, original_item in zip(value, original, strict=True):
                    if isinstance(item, Record):
                        _compare(item, original_item, findings, stale=False, stamped=None, path=())
        elif isinstance(value, Record):
            _compare(value, original, findings, stale=stale, stamped=stamped, path=(*path, name))


def _count_stamped(items: list, count: int, where, findings: list[Finding]) -> None:
    # An item past the stamped source's last text is harmless while it holds no text of its own
    # (a `- {}` for a number without a label): the stamped copy keeps only texts, not such items.
    extra = any(_carries_text(item) for item in items[count:])
    if len(items) < count or extra:
        findings.append(error("translations", f"has {_items(len(items))}; the source had {count} when the "
                              "translation was stamped.", hint=ITEMS_HINT, **where()))


def _items(count: int) -> str:
    return f"{count} item{'s' * (count != 1)}"


def _carries_text(value) -> bool:
    if isinstance(value, Record):
        return any(_carries_text(part) for part in value.as_dict().values())
    if isinstance(value, list):
        return any(_carries_text(part) for part in value)
    return value is not None


ITEM, LIST, FIELD, REMOVED = "item", "list", "field", "removed"  # what an Untranslated note is about


@dataclass(frozen=True)
class Untranslated:
    """A source text shown in the source language in a translation, or a translated text no longer shown.

    `kind` says which: ITEM, a list item no translated item is known to be; LIST, every item of
    a list (the followed source is unknown); FIELD, a single text the translation is not known to
    follow (changed since the stamp, or the followed source unknown); REMOVED, a translated text
    whose field the source no longer has.
    """

    path: tuple  # the list or field in the translation file (for the finding's line)
    item_path: tuple | None  # ITEM: the item in the source; FIELD: the field in the source when known changed
    text: str  # ITEM and FIELD: the source's first text there, to name it
    kind: str = ITEM


def overlay(source: Record, translation: Record, current: SourceText, followed: SourceText | None,
            untranslated: list[Untranslated] | None = None, *, at: tuple = (), was: tuple = ()) -> Record:
    """A copy of `source` with the translated human text in place of the source's (the rest unchanged).

    A list item is translated only by the translated item of the source item with the same text
    in `followed` (the source the translation was made from: see followed_text),
    so an item the author moved keeps its translation, and one they added or changed since the
    translation was stamped is shown in the source language (and recorded in `untranslated`):
    a translated situation never sits beside another situation's numbers. A single text (a
    title, a service's confidentiality limits) is translated only while the source's text there
    is the one the translation followed: a service that widens its limits is never shown with
    the old, narrower wording. With `followed` unknown, every list and text is shown in the
    source language. `at` is the path in the source, `was` the same place in the translation
    (they differ inside a moved item).
    """
    notes = untranslated if untranslated is not None else []
    values = source.as_dict()
    for name, value in translation.as_dict().items():
        if value is None:
            continue
        if values.get(name) is None:  # also the block and word list, which no source has
            if followed is not None and followed.within((*was, name)):
                notes.append(Untranslated((*was, name), None, "", REMOVED))
            continue
        original = values[name]
        if isinstance(value, Record):
            values[name] = overlay(original, value, current, followed, notes, at=(*at, name), was=(*was, name))
        elif isinstance(value, list):
            values[name] = _paired(original, value, current, followed, notes, (*at, name), (*was, name))
        else:
            values[name] = _single(original, value, current, followed, notes, (*at, name), (*was, name))
    return Record(values, source._source, source._path)


def _single(original: str, translated: str, current: SourceText, followed: SourceText | None,
            notes: list[Untranslated], at: tuple, was: tuple) -> str:
    """The translated text while the source's text at its place is the one it followed; else the source's."""
    if followed is current and at == was:  # a current translation at its own place: the same text, by definition
        return translated
    now = current.texts.get(format_path(at))
    if followed is not None and followed.texts.get(format_path(was)) == now:
        return translated
    if now is not None:
        notes.append(Untranslated(was, at if followed is not None else None, now, FIELD))
    return original


def _paired(original: list, translated: list, current: SourceText, followed: SourceText | None,
            notes: list[Untranslated], at: tuple, was: tuple) -> list:
    if followed is None:
        if current.within(at):
            notes.append(Untranslated(was, None, "", LIST))
        return original
    # Each translated item stands for the stamped source's item at its place; items with the same
    # text are taken in order, so an unchanged list pairs every item with the one at its own place.
    stamped = [followed.own((*was, index)) for index in range(len(translated))]
    free = list(range(len(translated)))
    result = []
    for index, item in enumerate(original):
        texts = current.own((*at, index))
        match = next((other for other in free if stamped[other] == texts), None)
        if match is None:
            shown = current.within((*at, index))
            if shown:
                notes.append(Untranslated(was, (*at, index), shown[0]))
            result.append(item)
            continue
        free.remove(match)
        other = translated[match]
        result.append(overlay(item, other, current, followed, notes, at=(*at, index), was=(*was, match))
                      if isinstance(other, Record) else other)
    return result


def translated_record(content_root: Path, variant: Variant, source: Record,
                      untranslated: list[Untranslated] | None = None) -> Record:
    """`source` as `variant` translates it: its text over the source's, each list item beside its own (overlay)."""
    current = SourceText.of(variant.source_paragraphs)
    return overlay(source, variant.record, current, followed_text(content_root, variant, current), untranslated)


def stamp_record(content_root: Path, paragraphs: list[str], today: str) -> str:
    """Keep a copy of the source text under content/.stamped/ (so a later build can show what changed); its hash."""
    digest = paragraphs_hash(paragraphs)
    folder = content_root / STAMPS
    folder.mkdir(exist_ok=True)
    path = folder / f"{digest}.json"
    if not path.exists():
        path.write_text(json.dumps({"stamped": today, "paragraphs": paragraphs}, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    return digest


def stamped_source(content_root: Path, digest: str | None) -> dict | None:
    """The source text as stamped under `digest` ({"stamped": date, "paragraphs": [...]}), or None if not kept."""
    if not digest:
        return None
    path = content_root / STAMPS / f"{digest}.json"
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    # Written by stamp_record; anything else (a damaged or hand-edited copy) is as good as none.
    if not isinstance(kept, dict) or not isinstance(kept.get("stamped"), str) \
            or not isinstance(kept.get("paragraphs"), list) \
            or not all(isinstance(paragraph, str) for paragraph in kept["paragraphs"]):
        return None
    return kept


# The last content given to `localized`, and its views by language tag.
_VIEWS: tuple[object, dict] = (None, {})


def localized(content, language: Language):
    """The content as readers of `language` see it: translated text over the source, per content type.

    Modules that are not translated are left out of the language (a reader would meet a
    page they cannot read among pages they can); site pages, worksheets, help entries and
    site texts fall back to the source text, marked with its language, because the
    privacy page, a worksheet a module points to, or a help card must never be missing.

    The views of the last content asked for are kept: the build, the edition-leakage check and the packs
    each ask for every language's, eight times a language in the process of an edition (each one reads
    every translation's stamp file: 0.1 s at 1,000 modules in three languages). Nothing changes a loaded
    record, and a new load is a new content.
    """
    global _VIEWS
    owner, views = _VIEWS
    if owner is not content:
        views = {}
        _VIEWS = (content, views)
    view = views.get(language.tag)
    if view is None or view.language != language:
        view = views[language.tag] = _localized(content, language)
    return view


def _localized(content, language: Language):
    from dataclasses import replace

    source = content.source_language
    tag = language.tag
    if tag == source:
        return replace(content, language=language)

    def translated(kind: str, item_id: str, record: Record) -> Record | None:
        variant = content.variants.get((kind, item_id, tag))
        if variant is None:
            return record.copy(text_language=source, draft=False)
        copy = translated_record(content.root, variant, record)
        copy.text_language, copy.draft = tag, variant.draft
        if variant.body is not None:
            copy.body, copy.body_file = variant.body, variant.body_file
            copy.body_line_offset = variant.body_line_offset
            if kind == "module":  # an image only the translation shows is published with it
                copy.assets = sorted({*record.assets, *variant.assets})
        if tag == EASY and kind == "module":
            copy.words = variant.record.words  # long words the text keeps, explained on the page
        return copy

    return replace(
        content,
        language=language,
        site=translated("site", "", content.site),
        helplines={key: translated("helpline", key, item) for key, item in content.helplines.items()},
        modules={key: translated("module", key, item) for key, item in content.modules.items()
                 if ("module", key, tag) in content.variants},
        worksheets={key: translated("worksheet", key, item) for key, item in content.worksheets.items()},
        pages={key: translated("page", key, item) for key, item in content.pages.items()},
    )
