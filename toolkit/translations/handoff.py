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
from ..content.files import display
from ..content.loader import Content, load_content
from ..content.variants import split_variant, stamped_source
from ..findings import Finding, error, has_errors
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


TRANSLATION_PLACES = (  # (folder parts under content/, source stem, suffix); None = any id
    ((), "site", ".yml"),
    ((), "helplines", ".yml"),
    (("modules", None), "module", ".yml"),
    (("modules", None), "body", ".md"),
    (("worksheets",), None, ".yml"),
    (("pages",), None, ".md"),
)


def _is_translation(relative: Path, tags: list[str]) -> bool:
    folders, name = relative.parts[:-1], relative.name
    for places, stem, suffix in TRANSLATION_PLACES:
        split = split_variant(name, suffix)
        if split is None or split[1] not in tags or (stem is not None and split[0] != stem):
            continue
        if len(folders) == len(places) and all(want in (None, got) for want, got in zip(places, folders, strict=True)):
            return True
    return False


def _refused(incoming: list[Path], folder: Path, tags: list[str]) -> list[Finding]:
    return [error("translations", "not a translation file: only translations are taken back, nothing was copied.",
                  file=str(path.relative_to(folder)),
                  hint="Remove it from the folder. Translation files are named like module.<tag>.yml, "
                       f"body.<tag>.md or helplines.<tag>.yml, with a tag site.yml lists ({', '.join(tags) or 'none yet'}).")
            for path in incoming if not _is_translation(path.relative_to(folder / "content"), tags)]


def import_files(content_dir: Path, folder: Path) -> tuple[list[str], list[Finding]]:
    """Copy a translator's translation files back into the content folder.

    Only translation files, in their places, into a language the site publishes, are taken:
    any other file (a changed helplines.yml, a module.yml) refuses the whole folder, so a
    returned folder can never change a source fact. Undone if the content no longer validates.
    """
    incoming = sorted(path for path in (folder / "content").rglob("*") if path.is_file())
    if not incoming:
        return [], [error("translations", "holds no translation files: nothing was copied.",
                          file=str(folder / "content"),
                          hint="Import the folder `toolkit translations export` wrote, with its content/ folder "
                               "inside and the translated files in it.")]
    refused = _refused(incoming, folder, load_content(content_dir).translation_tags)
    if refused:
        return [], refused
    saved: dict[Path, bytes | None] = {}
    made: list[Path] = []  # folders the copy made (a module folder for a new translation), removed on undo
    for path in incoming:
        target = content_dir / path.relative_to(folder / "content")
        saved[target] = target.read_bytes() if target.exists() else None
        made += [parent for parent in reversed(target.parents) if parent.is_relative_to(content_dir)
                 and not parent.exists()]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    content = load_content(content_dir)
    if has_errors(content.findings):
        for target, data in saved.items():
            if data is None:
                target.unlink()
            else:
                target.write_bytes(data)
        for made_folder in reversed(made):
            made_folder.rmdir()
        return [], content.findings
    return [display(target, content_dir) for target in saved], content.findings
