"""Publish JSON Schemas of the content files, generated from the content model."""

from __future__ import annotations

import json
from pathlib import Path

from .fields import json_schema
from .model import SCHEMAS

SCHEMA_BASE = "https://prevention-toolkit.invalid/schemas/"


def schema_documents() -> dict[str, dict]:
    """file name -> JSON Schema document."""
    return {f"{name}.schema.json": json_schema(definition, SCHEMA_BASE + f"{name}.schema.json")
            for name, definition in SCHEMAS.items()}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in schema_documents().items():
        path = folder / name
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
