"""Hand a translator plain files, and take them back.

`export` writes, for one language, every translation file that needs work, at its place
under content/ (the existing translation, or a starter holding the source text to
replace), plus CHECKLIST.md: what to translate, the words, what changed in the source.
The translator edits the files in any text editor and sends the folder back; `import`
copies them into content/ and keeps them only if the content still validates.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from ..content.fields import ListOf, Object, Record
from ..content.loader import Content, load_content
from ..content.variants import stamped_source
from ..findings import Finding, has_errors
from .freshness import changed_paragraphs
from .status import sources, status

STARTER_BLOCK = {"status": "draft", "translator": ""}


def _human(shape, value):
    if isinstance(shape, Object) and isinstance(value, Record):
        data = {name: _human(part, getattr(value, name, None)) for name, part in shape.fields.items()}
        return {name: item for name, item in data.items() if item not in (None, [], {})} or None
    if isinstance(shape, ListOf) and isinstance(value, list):
        items = [_human(shape.item, item) for item in value]
        return items if any(item is not None for item in items) else None
    return value


def _starter(definition, record, body: str | None) -> tuple[dict, str | None]:
    data = _human(definition.human_part(), record) or {}
    return {**data, "translation": dict(STARTER_BLOCK)}, body


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def export(content: Content, tag: str, folder: Path) -> list[str]:
    """Write the files to translate and CHECKLIST.md into `folder`; the files written."""
    items = {(item.kind, item.id): item for item in status(content, tag)}
    written: dict[str, str] = {}
    registry: dict[str, dict] = {}
    checklist = [f"# Translation into {tag}", "",
                 "Open each file in a plain text editor (Notepad, TextEdit, Gedit), save it as UTF-8.",
                 "Replace the English text with your translation; keep every key (the word before ':'),",
                 "every `{{ ... }}` and every `(module:...)` link exactly as it is. Do not add numbers or",
                 "web addresses: they come from the registry. After `translator:` write your name or role",
                 "(the files cannot be taken back without it). Tick each line when done.", ""]
    for kind, item_id, definition, record, body, _ in sources(content):
        item = items[(kind, item_id)]
        if item.state == "reviewed":
            continue
        existing = content.root.parent / item.file
        changes = ""
        variant = content.variants.get((kind, item_id, tag))
        if variant is not None and item.state == "out-of-date":
            old = stamped_source(content.root, variant.block.source)
            if old:
                changes = "\n".join(f"      {line}" for line in changed_paragraphs(old["paragraphs"],
                                                                                variant.source_paragraphs))
        checklist.append(f"- [ ] {item.state}: {kind} {item_id} ({item.words} words): {item.file}"
                         + (f"\n    Changed in the source since it was translated:\n{changes}" if changes else ""))
        if kind == "helpline":
            starter, _ = _starter(definition, record, None)
            registry[item_id] = _read_entry(existing, item_id) if variant else starter
            continue
        body_target = None
        if kind == "module":
            body_target = item.file.replace(f"module.{tag}.yml", f"body.{tag}.md")
        if variant is not None:
            written[item.file] = existing.read_text(encoding="utf-8")
            if body_target:
                written[body_target] = (content.root.parent / body_target).read_text(encoding="utf-8")
            continue
        starter, text = _starter(definition, record, body)
        if kind == "page":
            written[item.file] = f"---\n{_dump(starter)}---\n{text}"
        else:
            written[item.file] = _dump(starter)
            if body_target:
                written[body_target] = text
    if registry:
        written[f"content/helplines.{tag}.yml"] = _dump({"helplines": registry})
    for name, text in written.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (folder / "CHECKLIST.md").write_text("\n".join(checklist) + "\n", encoding="utf-8")
    return sorted(written)


def _read_entry(path: Path, helpline_id: str) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return (data.get("helplines") or {}).get(helpline_id) or {}


def import_files(root: Path, folder: Path) -> tuple[list[str], list[Finding]]:
    """Copy a translator's files back into content/; undone if the content no longer validates."""
    incoming = sorted(path for path in (folder / "content").rglob("*") if path.is_file())
    saved: dict[Path, bytes | None] = {}
    for path in incoming:
        target = root / path.relative_to(folder)
        saved[target] = target.read_bytes() if target.exists() else None
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    content = load_content(root / "content")
    if has_errors(content.findings):
        for target, data in saved.items():
            if data is None:
                target.unlink()
            else:
                target.write_bytes(data)
        return [], content.findings
    return [str(target.relative_to(root)) for target in saved], content.findings
