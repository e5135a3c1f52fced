"""`toolkit translations stamp`: record in each translation the version of the source it translates.

The hash goes into the file's `translation: source:` line (added when missing), keeping
every other line and comment as the translator wrote it; a copy of the source text is
kept in content/.stamped/<hash>.json so a later build can show which paragraphs changed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from ..content.loader import Content
from ..content.variants import Variant, stamp_record


def stamp(content: Content, *, files: list[str] = (), language: str | None = None,
          today: dt.date | None = None) -> list[Variant]:
    """Stamp the chosen translations (all, by default) with their source's current hash; the ones changed."""
    today = today or dt.date.today()
    chosen = [variant for variant in content.variants.values()
              if (language is None or variant.tag == language)
              and (not files or any(_same(variant, name) for name in files))]
    edits: dict[str, list[tuple[Variant, str]]] = defaultdict(list)
    for variant in chosen:
        digest = stamp_record(content.root, variant.source_paragraphs, today.isoformat())
        if variant.block.source != digest:
            edits[variant.file].append((variant, digest))
    for file, changes in edits.items():
        path = content.root.parent / file
        lines = path.read_text(encoding="utf-8").split("\n")
        # Bottom up, so inserting a line does not move the places still to edit.
        for variant, digest in sorted(changes, key=lambda change: -_block_line(change[0])):
            _write_hash(lines, variant, digest)
        path.write_text("\n".join(lines), encoding="utf-8")
    return [variant for changes in edits.values() for variant, _ in changes]


def _same(variant: Variant, name: str) -> bool:
    wanted = Path(name).resolve()
    return any(Path(shown).resolve() == wanted or wanted.as_posix().endswith(shown)
               for shown in (variant.file, variant.body_file) if shown)


def _block_line(variant: Variant) -> int:
    return variant.record.where("translation")["line"]


def _write_hash(lines: list[str], variant: Variant, digest: str) -> None:
    if variant.block.source is not None:
        where = variant.record.where("translation", "source")
        index = where["line"] - 1
        start = where["column"] - 1
        lines[index] = lines[index][:start] + digest + _comment(lines[index][start:])
        return
    where = variant.record.where("translation")
    index = where["line"] - 1
    indent = " " * (where["column"] - 1)
    lines.insert(index, f"{indent}source: {digest}")


def _comment(rest: str) -> str:
    """A trailing YAML comment after the old value, kept."""
    position = rest.find(" #")
    return rest[position:] if position >= 0 else ""
