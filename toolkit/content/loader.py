"""Load and validate a content folder: every problem is collected, none stops the others."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding, error, warning
from ..phones import find_numbers
from . import body as bodies
from . import schedules
from .fields import INVALID, Record, did_you_mean, validate
from .files import display, inside, outside_links, read_text
from .model import HELPLINES, HOLIDAYS, MODULE, PAGE, SITE, WORKSHEET
from .yamlfile import load_yaml

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif"}


@dataclass
class Content:
    """Everything in content/, validated. Modules, pages and worksheets keep their order of id."""

    root: Path
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

    def in_edition(self, items: dict[str, Record], edition: str) -> list[Record]:
        """Items visible in an edition: public items everywhere, professional ones only there."""
        return [item for item in items.values() if edition == "professional" or item.edition == "public"]


def load_content(root: Path, *, local_contacts: Path | None = None) -> Content:
    """Read and validate content/ (and an optional local-contacts file)."""
    root = Path(root)
    content = Content(root=root)
    findings = content.findings
    if not root.is_dir():
        findings.append(error("files", "content folder not found.", file=str(root),
                              hint="Run the build from the project folder, or pass --content PATH."))
        return content
    findings.extend(outside_links(root))

    content.site = _load_document(root / "site.yml", root, SITE, findings)
    _add_helplines(content, _load_registry(root / "helplines.yml", root, content, findings), findings, local=False)
    if local_contacts is not None:
        local = Path(local_contacts)
        _add_helplines(content, _load_registry(local, local.parent, content, findings), findings, local=True)
    if (root / "holidays.yml").exists():
        content.holidays = _load_document(root / "holidays.yml", root, HOLIDAYS, findings)
    schedules.check_registry(content.helplines, content.site, content.holidays, findings)

    _load_modules(content, findings)
    _load_worksheets(content, findings)
    _load_pages(content, findings)
    _check_references(content, findings)
    return content


def _load_document(path: Path, root: Path, definition, findings: list[Finding], *,
                   text: str | None = None, line_offset: int = 0, dropped: list | None = None) -> Record | None:
    shown = display(path, root)
    if text is None:
        if not path.exists():
            findings.append(error("files", "file is missing.", file=shown,
                                  hint=f"Create {path.name}; see the README section 'Content model'."))
            return None
        text = read_text(path, root, findings)
        if text is None:
            return None
    data, positions, yaml_findings = load_yaml(text, shown, line_offset=line_offset)
    findings.extend(yaml_findings)
    if yaml_findings and data is None:
        return None
    if data is None:
        findings.append(error("schema", "file is empty.", file=shown,
                              hint="Fill in the required fields; see the README section 'Content model'."))
        return None
    record = validate(definition, data, positions, findings, dropped)
    return None if record is INVALID else record


def _load_registry(path: Path, root: Path, content: Content, findings: list[Finding]) -> list[Record]:
    """Validate a registry; one bad entry is reported without hiding the others."""
    dropped: list = []
    registry = _load_document(path, root, HELPLINES, findings, dropped=dropped)
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
        entry.local = local
        content.helplines[entry.id] = entry


def _load_modules(content: Content, findings: list[Finding]) -> None:
    folder = content.root / "modules"
    if not folder.is_dir():
        findings.append(error("files", "folder is missing.", file=display(folder, content.root),
                              hint="Create content/modules/<id>/module.yml and body.md for each module."))
        return
    for module_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        meta_path = module_dir / "module.yml"
        if not meta_path.exists():
            findings.append(error("files", "module folder has no module.yml.",
                                  file=display(module_dir, content.root),
                                  hint="Every folder in content/modules/ needs module.yml and body.md."))
            continue
        module = _load_document(meta_path, content.root, MODULE, findings)
        body = _read_body(module_dir / "body.md", content.root, findings)
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
            continue
        if module.id in content.modules:
            findings.append(error("references", f"duplicate module id '{module.id}'.", **module.where("id")))
            continue
        if body is None:
            continue
        module.body = body
        module.body_file = display(module_dir / "body.md", content.root)
        module.folder = module_dir
        content.modules[module.id] = module


def _read_body(path: Path, root: Path, findings: list[Finding]) -> str | None:
    shown = display(path, root)
    if not path.exists():
        findings.append(error("files", "body.md is missing.", file=shown,
                              hint="Write the module text in body.md beside module.yml."))
        return None
    text = read_text(path, root, findings)
    if text is None:
        return None
    if not text.strip():
        findings.append(error("files", "body.md is empty.", file=shown, hint="Write the module text."))
        return None
    return text


def _load_worksheets(content: Content, findings: list[Finding]) -> None:
    folder = content.root / "worksheets"
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.yml")):
        sheet = _load_document(path, content.root, WORKSHEET, findings)
        if sheet is None:
            content.broken_ids.add(path.stem)
            continue
        if sheet.id != path.stem:
            findings.append(error("schema", f"id '{sheet.id}' does not match the file name '{path.name}'.",
                                  hint=f"Rename the file to '{sheet.id}.yml' or set id: {path.stem}.",
                                  **sheet.where("id")))
            continue
        content.worksheets[sheet.id] = sheet


def _load_pages(content: Content, findings: list[Finding]) -> None:
    folder = content.root / "pages"
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.md")):
        shown = display(path, content.root)
        text = read_text(path, content.root, findings)
        if text is None:
            continue
        match = FRONT_MATTER.match(text)
        if not match:
            findings.append(error("schema", "page has no front matter.", file=shown, line=1,
                                  hint="Start the file with ---, a line 'title: ...', and ---."))
            continue
        page = _load_document(path, content.root, PAGE, findings, text=match.group(1), line_offset=1)
        if page is None:
            continue
        page.id = path.stem
        page.body = text[match.end():]
        page.body_line_offset = text.count("\n", 0, match.end())
        page.body_file = shown
        page.folder = folder
        if not page.body.strip():
            findings.append(error("files", "page has no text after its front matter.", file=shown))
            continue
        content.pages[page.id] = page


def _known(kind: str, content: Content) -> _KnownOrBroken:
    known = {"helpline": content.helplines, "module": content.modules,
             "worksheet": content.worksheets, "page": content.pages}[kind]
    return _KnownOrBroken(known, content.broken_ids)


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


def _reference(content: Content, findings: list[Finding], kind: str, target: str, where: dict) -> bool:
    """Report `target` as unknown unless a `kind` with that id exists; True if it does."""
    known = _known(kind, content)
    if target in known:
        return True
    hint = did_you_mean(target, known)
    if not hint:
        hint = f"Known {kind} ids: {', '.join(sorted(known)[:12])}{', ...' if len(known) > 12 else ''}."
    findings.append(error("references", f"unknown {kind} '{target}'.", hint=hint, **where))
    return False


def _check_references(content: Content, findings: list[Finding]) -> None:
    site = content.site
    if site is not None:
        for index, route in enumerate(site.urgent_help.routes):
            for n, helpline in enumerate(route.helplines):
                _reference(content, findings, "helpline", helpline,
                           site.where("urgent_help", "routes", index, "helplines", n))
        for audience, text in site.audiences.as_dict().items():
            if text.start_with:
                _reference(content, findings, "module", text.start_with,
                           site.where("audiences", audience, "start_with"))
            if text.call_first:
                _reference(content, findings, "helpline", text.call_first,
                           site.where("audiences", audience, "call_first"))

    for module in content.modules.values():
        for kind, attribute in (("helpline", "helplines"), ("worksheet", "worksheets"), ("module", "read_next")):
            for index, target in enumerate(getattr(module, attribute)):
                where = module.where(attribute, index)
                if _reference(content, findings, kind, target, where) and kind == "module" and target == module.id:
                    findings.append(error("references", "a module cannot be read next after itself.", **where))
        if module.edition == "public" and module.audiences == ["professionals"]:
            findings.append(warning("references", "module is only for professionals but is in the public edition.",
                                    hint="Set edition: professional, or add a public audience.",
                                    **module.where("edition")))
        _check_body(content, module.folder, module.body, module.body_file, 0, findings)
    for page in content.pages.values():
        for index, target in enumerate(page.helplines):
            _reference(content, findings, "helpline", target, page.where("helplines", index))
        _check_body(content, page.folder, page.body, page.body_file, page.body_line_offset, findings)
    for folder, text, file in content.unlisted_bodies:
        _check_body(content, folder, text, file, 0, findings)


def _check_body(content: Content, folder: Path, text: str, file: str, line_offset: int,
                findings: list[Finding]) -> None:
    def at(line: int, column: int) -> dict:
        return {"file": file, "line": line + line_offset, "column": column}

    for use in bodies.shortcodes(text):
        if use.kind not in bodies.SHORTCODES:
            hint = did_you_mean(use.kind, bodies.SHORTCODES) or "Shortcodes: " + ", ".join(bodies.SHORTCODES) + "."
            findings.append(error("references", f"unknown shortcode '{use.text}'.", hint=hint,
                                  **at(use.line, use.column)))
            continue
        kind = bodies.SHORTCODES[use.kind]
        if kind is None:
            continue
        if not use.target:
            findings.append(error("references", f"shortcode '{use.text}' needs a {kind} id.",
                                  hint=f"Write it as {{{{ {use.kind}: some-{kind}-id }}}}.",
                                  **at(use.line, use.column)))
        else:
            _reference(content, findings, kind, use.target, at(use.line, use.column))
    for use in bodies.ref_links(text):
        kind = bodies.REF_KINDS[use.kind.split(":", 1)[1]]
        _reference(content, findings, kind, use.target, at(use.line, use.column))
    for alt, src, attrs, line, column in bodies.images(text):
        if "://" in src:
            findings.append(error("files", f"image '{src}' is on another website.",
                                  hint="Save the image in the module folder and use its file name: "
                                       "loading it from elsewhere would tell that site who reads this page.",
                                  **at(line, column)))
            continue
        target = folder / src
        if not inside(target, content.root):
            findings.append(error("files", f"image '{src}' is outside content/.",
                                  hint="Put the image in the module folder.", **at(line, column)))
        elif not target.is_file():
            findings.append(error("files", f"image '{src}' does not exist.", **at(line, column)))
        elif target.suffix.lower() not in IMAGE_TYPES:
            findings.append(error("files", f"'{src}' is not an image type the site can show.",
                                  hint="Use PNG, JPEG, SVG or WebP.", **at(line, column)))
        if not alt.strip() and "decorative" not in attrs:
            findings.append(error("accessibility", f"image '{src}' has no alt text.",
                                  hint="Describe the image in the brackets: ![what it shows](file.png). "
                                       "If it is only decoration, write ![](file.png){: .decorative }.",
                                  **at(line, column)))
    for href, line, column in bodies.relative_links(text):
        if href.startswith(("mailto", "tel")):
            continue
        target = (folder / href.split("#", 1)[0]).resolve()
        if not inside(target, content.root):
            findings.append(error("files", f"link '{href}' points outside content/.",
                                  hint="Link to other pages by id, for example [text](module:some-id).",
                                  **at(line, column)))
        else:
            findings.append(error("references", f"link '{href}' is a file path.",
                                  hint="Link to toolkit pages by id: [text](module:id), (page:id), "
                                       "(worksheet:id) or (help:id).", **at(line, column)))
    for match in re.finditer(r"\btel:", text):
        line, column = bodies.line_col(text, match.start())
        findings.append(error("numbers", "a 'tel:' link is typed into the text.",
                              hint="Write {{ phone: helpline-id }}; the build makes the call link from the registry.",
                              **at(line, column)))
    prose = bodies.prose_only(text)
    for number in find_numbers(prose):
        line, column = bodies.line_col(prose, number.start)
        findings.append(error("numbers", f"phone number '{number.text}' is typed into the text.",
                              hint="Numbers come only from the helpline registry: write "
                                   "{{ phone: helpline-id }} or {{ help-card: helpline-id }}.",
                              **at(line, column)))
