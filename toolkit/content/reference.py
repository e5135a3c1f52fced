"""The field reference for authors (docs/content-model.md), generated from the content model."""

from __future__ import annotations

from pathlib import Path

from .fields import Field, ListOf, Object
from .model import SCHEMAS

FILES = {
    "site": "content/site.yml",
    "helplines": "content/helplines.yml",
    "holidays": "content/holidays.yml",
    "module": "content/modules/<id>/module.yml",
    "worksheet": "content/worksheets/<id>.yml",
    "page": "content/pages/<slug>.md (front matter)",
}


def _rows(definition: Object, prefix: str = "") -> list[str]:
    rows = []
    for name, field in definition.fields.items():
        path = f"{prefix}{name}"
        required = "yes" if name in definition.required else ""
        default = "" if field.default in (None, []) else f"`{field.default}`"
        rows.append(f"| `{path}` | {field.kind()} | {required} | {default} | {_text(field)} |")
        inner = field.item if isinstance(field, ListOf) else field
        if isinstance(inner, Object):
            rows += _rows(inner, f"{path}[]." if isinstance(field, ListOf) else f"{path}.")
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
    return "\n".join(parts)


def write_reference(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    return path
