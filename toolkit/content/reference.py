"""The field reference for authors (docs/content-model.md), generated from the content model."""

from __future__ import annotations

from pathlib import Path

from .fields import Field, ListOf, MappingOf, Object
from .model import SCHEMAS

FILES = {
    "site": "content/site.yml",
    "helplines": "content/helplines.yml",
    "holidays": "content/holidays.yml",
    "module": "content/modules/<id>/module.yml",
    "worksheet": "content/worksheets/<id>.yml",
    "page": "content/pages/<slug>.md (front matter)",
    "site.translation": "content/site.<tag>.yml (translation)",
    "helplines.translation": "content/helplines.<tag>.yml (translation)",
    "module.translation": "content/modules/<id>/module.<tag>.yml (translation; the text is in body.<tag>.md)",
    "worksheet.translation": "content/worksheets/<id>.<tag>.yml (translation)",
    "page.translation": "content/pages/<slug>.<tag>.md (translation front matter)",
    "module.easy": "content/modules/<id>/module.easy.yml (easy read version; the text is in body.easy.md)",
    "pictures": "content/pictures.yml (pictures for easy read)",
}


def _rows(definition: Object, prefix: str = "") -> list[str]:
    rows = []
    for name, field in definition.fields.items():
        path = f"{prefix}{name}"
        required = "yes" if name in definition.required else ""
        default = "" if field.default in (None, []) else f"`{field.default}`"
        rows.append(f"| `{path}` | {field.kind()} | {required} | {default} | {_text(field)} |")
        inner = field.item if isinstance(field, ListOf | MappingOf) else field
        if isinstance(inner, Object):
            rows += _rows(inner, f"{path}[]." if isinstance(field, ListOf) else
                          f"{path}.<id>." if isinstance(field, MappingOf) else f"{path}.")
    return rows


def _text(field: Field) -> str:
    return (field.description or "").replace("|", "\\|").replace("\n", " ")


def render() -> str:
    parts = ["# Content model reference", "",
             "Generated from `toolkit/content/model.py` by `python -m toolkit schemas`; do not edit by hand. "
             "The same definitions validate content and produce the JSON Schemas in `schemas/`.", "",
             "Every text field is plain text: HTML, Markdown and shortcodes are errors naming the field, and so are "
             "control characters, direction overrides and other invisible characters (named by code point). An id "
             "has at most 64 lower-case letters, digits and hyphens and is not a Windows device name (`con`, `nul`, "
             "`com1`...). A web address is `https://` and holds no quote or angle bracket.", ""]
    for name, definition in SCHEMAS.items():
        parts += [f"## {FILES[name]}", "", definition.description, "",
                  "| field | value | required | default | meaning |", "|---|---|---|---|---|"]
        parts += _rows(definition)
        parts.append("")
    return "\n".join(parts + TRANSLATIONS)


TRANSLATIONS = """## Translations: where they live and how they stay current

A translation sits beside its source, with the language tag before the extension, and holds
only the source's human text (the fields marked as such above), in the same shape: same keys,
lists of the same length and order. Ids, numbers, web addresses, hours, dates, audiences, topics
and verification come from the source and are never repeated; writing one (`topic:` in
`module.pl.yml`) is an error. A field left out keeps the source's text.

| source | translation |
|---|---|
| content/site.yml | content/site.pl.yml |
| content/helplines.yml | content/helplines.pl.yml (`helplines:` registry id -> that entry's text) |
| content/modules/<id>/module.yml + body.md | content/modules/<id>/module.pl.yml + body.pl.md |
| content/worksheets/<id>.yml | content/worksheets/<id>.pl.yml |
| content/pages/<slug>.md | content/pages/<slug>.pl.md |

The tag must be listed under `languages:` in site.yml (the source language first, each with its
own name and its direction; the direction must be that of the language's script in CLDR, so
`ar` is `rtl`). A translated body keeps the source's shortcodes and id links, may link only to
modules translated into the same language, and is checked like a source body (no typed numbers).

Every translation file (and each entry of helplines.<tag>.yml) has a `translation:` block:
`source` is the hash of the source's human text it follows (for a module: module.yml's human
text and body.md together), written by `toolkit translations stamp`, never by hand; `status` is
`draft` (published with a notice in that language; `--release` refuses it) or `reviewed` (then
`reviewed_by` is required). Stamping also keeps a copy of the source text in
`content/.stamped/<hash>.json` (commit it): when the source changes afterwards, the build warns
that the translation is out of date, since the day it was stamped, and lists the source's changed
paragraphs; `--release` refuses it.

List items (urgent-help routes, key points, number labels, worksheet questions) follow the
source's order as it was when the translation was stamped, and each is shown only beside the
source item it was translated from: the translated item whose stamped source item had the same
text. When an author moves an item, it keeps its translation; an item added or reworded since the
stamp is shown in the source language, with a warning naming the file, the field and the item,
until the translation is updated and stamped again. So the lists of an out-of-date translation
are counted against the stamped copy: an author adding an item does not break the build, but a
translation with more or fewer items than the source it was stamped against is an error.

A single text outside a list (a title, a label, a service's description, opening-hours note or
confidentiality limits) follows the same rule: its translation is shown only while the source's
text there is the one it was translated from. When an author changes it, the page shows the
source's new text, with a warning naming the translation's file, line and field, until the
translation is updated and stamped again: a service that widens its confidentiality limits is
never shown in a translation's old, narrower words. A field the author removes from the source
takes its translated text with it (a warning, not an error, while the stamped copy has it).

An unstamped translation, or one whose copy in `content/.stamped/` is missing, cannot be checked
against the source it followed: each of its lists, and every text outside them, is shown in the
source language, with a warning for each list and one for the texts outside lists. Stamp a
translation when it matches its source. Paragraphs of a Markdown body are not matched this way:
a translated body is shown whole, and the out-of-date warning lists the source's changed
paragraphs.

The texts of the theme and the build (navigation, quick exit, help-card labels, search, notices,
pack covers) are in `toolkit/strings/<tag>.yml`, one per language, with exactly the keys of
`toolkit/strings/en-GB.yml`; a missing or extra key is a build error listing the keys.

## Easy read versions

An easy read version is a variant with the tag `easy`, beside its source like a translation
(`module.easy.yml` + `body.easy.md`, `site.easy.yml`, `helplines.easy.yml`, `pages/<slug>.easy.md`),
with the same `translation:` block, stamping and out-of-date warnings. `status: draft` until a
review group of people with learning disabilities has checked it (`reviewed_by:` names the
group); `--release` refuses drafts. It needs no entry under `languages:`: when any module has an
easy read version, the public edition gets an `easy-read/` tree (`lang="en-GB"`), and each source
page that has a version links to it. `module.easy.yml` may add `words:` (word -> explanation),
the long words the text keeps, shown on the page under "Words to know".

Each paragraph of an easy read body starts with a picture, `{{ picture: name }}`, named in
`content/pictures.yml` (name, OpenMoji hexcode, alt text). An unknown name is an error with a
did-you-mean; an unknown hexcode is an error. The `easy-read` check holds each body to the easy
read rules (toolkit/checks/easy_read.py): at most 15 words and one clause a sentence, a picture
for every paragraph, no word over three syllables unless listed under `words:`, Flesch-Kincaid
grade 4 or lower.
""".split("\n")


def write_reference(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    return path
