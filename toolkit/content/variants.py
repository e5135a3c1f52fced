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

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError

from ..findings import Finding, error
from .fields import ListOf, Object, Record, by_likeness, did_you_mean
from .model import is_restricted

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


def paragraphs_hash(paragraphs: list[str]) -> str:
    """Twelve hex digits of SHA-256 over the paragraphs: short enough to read, long enough never to collide."""
    return hashlib.sha256("\n\n".join(paragraphs).encode("utf-8")).hexdigest()[:12]


def compare_with_source(translation: Record, source: Record, findings: list[Finding], path: tuple = ()) -> None:
    """Report fields the source does not have and lists whose length differs from the source's."""
    for name, value in translation.as_dict().items():
        if name in VARIANT_ONLY or value is None:
            continue
        original = getattr(source, name, None)
        where = translation.where(*path, name) if path else translation.where(name)
        if original in (None, [], ""):
            findings.append(error("translations", "the source has no such field.",
                                  hint="Remove it from the translation, or add it to the source first.", **where))
        elif isinstance(value, list):
            if len(value) != len(original):
                findings.append(error("translations", f"has {len(value)} item{'s' * (len(value) != 1)}; the source "
                                      f"has {len(original)}.", hint="Translate each item of the source, in the same "
                                      "order: no more, no fewer.", **where))
            else:
                for item, original_item in zip(value, original, strict=True):
                    if isinstance(item, Record):
                        compare_with_source(item, original_item, findings)
        elif isinstance(value, Record):
            compare_with_source(value, original, findings)


def overlay(source: Record, translation: Record) -> Record:
    """A copy of `source` with the translated human text in place of the source's (the rest unchanged)."""
    values = source.as_dict()
    for name, value in translation.as_dict().items():
        if value is None or values.get(name) is None:  # also the block and word list, which no source has
            continue
        original = values[name]
        if isinstance(value, Record):
            values[name] = overlay(original, value)
        elif isinstance(value, list) and len(value) == len(original):
            values[name] = [overlay(o, v) if isinstance(v, Record) else v for o, v in zip(original, value, strict=True)]
        elif not isinstance(value, list):
            values[name] = value
    return Record(values, source._source, source._path)


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
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def localized(content, language: Language):
    """The content as readers of `language` see it: translated text over the source, per content type.

    Modules that are not translated are left out of the language (a reader would meet a
    page they cannot read among pages they can); site pages, worksheets, help entries and
    site texts fall back to the source text, marked with its language, because the
    privacy page, a worksheet a module points to, or a help card must never be missing.
    """
    from dataclasses import replace

    source = content.source_language
    tag = language.tag
    if tag == source:
        return replace(content, language=language)

    def translated(kind: str, item_id: str, record: Record) -> Record | None:
        variant = content.variants.get((kind, item_id, tag))
        if variant is None:
            return record.copy(text_language=source, draft=False)
        copy = overlay(record, variant.record)
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
