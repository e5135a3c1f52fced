"""`toolkit new module|worksheet|page|helpline`: start a new piece of content from files that validate.

Each scaffold has the schema line for editors, every required field, and text in square
brackets where the author writes: "[Write ...]". The placeholders check warns about any such
text left in, and a release build refuses it, so a scaffold can not be published by accident.
A helpline scaffold holds no number, hours or address: those are facts the author must take from
the service (and the entry stays `unverified` until someone confirms them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from .content.fields import ID_MAX_LENGTH, SLUG, Context, Slug, by_likeness, did_you_mean
from .content.loader import page_name_problem
from .content.model import AUDIENCES, EDITIONS, REGIONS, TOPICS
from .content.yamlfile import Positions

KINDS = ("module", "worksheet", "page", "helpline")
MARK = "[Write"  # what the placeholders check looks for


class ScaffoldError(Exception):
    """A usage problem: the message says what to change."""


@dataclass
class Request:
    kind: str
    id: str
    audiences: tuple[str, ...] = ()
    topic: str = ""
    edition: str = "public"
    title: str = ""
    regions: tuple[str, ...] = ()


def check_request(request: Request, content_dir: Path) -> None:
    """Refuse an id that is not valid or already taken, and choices that do not exist."""
    if not SLUG.match(request.id) or len(request.id) > ID_MAX_LENGTH:
        raise ScaffoldError(f"'{request.id}' is not a valid id: use lower-case letters, digits and single "
                            f"hyphens, at most {ID_MAX_LENGTH} characters, like 'managing-urges'.")
    problem = _id_problem(request)
    if problem:
        raise ScaffoldError(problem)
    taken = _existing(request.kind, request.id, content_dir)
    if taken:
        raise ScaffoldError(f"a {request.kind} with id '{request.id}' already exists: {taken}. Choose another id.")
    _one_of("audience", request.audiences, AUDIENCES)
    if request.kind == "module":
        _one_of("topic", (request.topic,), TOPICS)
    _one_of("edition", (request.edition,), EDITIONS)
    if request.kind == "helpline":
        _one_of("region", request.regions, REGIONS)


def _id_problem(request: Request) -> str:
    """What the loader would refuse in this id (a device name, a page name the build uses), or ''."""
    if request.kind == "page":
        problem = page_name_problem(Path(f"{request.id}.md"))
    else:
        findings = []
        Slug().check(request.id, (), Context(Positions(""), findings))
        problem = (findings[0].message, findings[0].hint) if findings else None
    return f"{problem[0]} {problem[1]}" if problem else ""


def _one_of(noun: str, values, allowed) -> None:
    for value in values:
        if value not in allowed:
            close = did_you_mean(value, allowed)
            hint = f" {close}" if close else ""
            raise ScaffoldError(f"unknown {noun} '{value}'.{hint} Choose one of: {', '.join(by_likeness(value, allowed))}.")


def _existing(kind: str, id_: str, content_dir: Path) -> str:
    path = {"module": content_dir / "modules" / id_, "worksheet": content_dir / "worksheets" / f"{id_}.yml",
            "page": content_dir / "pages" / f"{id_}.md"}.get(kind)
    if path is not None:
        return str(path) if path.exists() else ""
    registry = content_dir / "helplines.yml"
    try:
        data = yaml.safe_load(registry.read_text(encoding="utf-8")) if registry.exists() else None
    except (yaml.YAMLError, UnicodeDecodeError):
        return ""  # a registry that does not load is reported, with its line, by `toolkit validate`
    entries = data.get("helplines") if isinstance(data, dict) else None
    if isinstance(entries, list) and any(isinstance(entry, dict) and entry.get("id") == id_ for entry in entries):
        return str(registry)
    return ""


def _yaml(value) -> str:
    """`value` as YAML: JSON is YAML, so quotes, colons and '#' in a title can not break the file."""
    return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)


def _title(request: Request, fallback: str) -> str:
    return _yaml(request.title or fallback)


def module_files(request: Request, call_first: str | None) -> dict[str, str]:
    card = f"{{{{ help-card: {call_first} }}}}\n" if call_first else ""
    helplines = f"helplines: {_yaml([call_first])}\n" if call_first else ""
    return {
        f"modules/{request.id}/module.yml": (
            "# yaml-language-server: $schema=../../../schemas/module.schema.json\n"
            f"id: {_yaml(request.id)}\n"
            f"title: {_title(request, '[Write the question this module answers?]')}\n"
            "summary: \"[Write one line saying what this module is for.]\"\n"
            f"topic: {_yaml(request.topic)}\n"
            f"audiences: {_yaml(request.audiences)}\n"
            f"edition: {_yaml(request.edition)}\n"
            "key_points:\n"
            "  - \"[Write the first thing a reader should take away, in one short sentence.]\"\n"
            "  - \"[Write the second.]\"\n"
            "  - \"[Write the third.]\"\n"
            f"{helplines}"
            "worksheets: []\n"
            "read_next: []\n"
            "review:\n"
            "  owner: \"[Write the role that reviews this module, for example Practice lead]\"\n"
            "  # Add last_reviewed: YYYY-MM-DD once that role has reviewed it; until then the page says it has not been.\n"),
        f"modules/{request.id}/body.md": (
            "## [Write a question a reader would ask?]\n\n"
            "[Write two or three short paragraphs. One idea a paragraph. Say \"you\".]\n\n"
            "{{ pause }}\n\n"
            "## [Write another question: what can I do today?]\n\n"
            "[Write one practical step the reader can take today.]\n\n"
            f"{card}"),
    }


def worksheet_files(request: Request) -> dict[str, str]:
    return {f"worksheets/{request.id}.yml": (
        "# yaml-language-server: $schema=../../schemas/worksheet.schema.json\n"
        f"id: {_yaml(request.id)}\n"
        f"title: {_title(request, '[Write the worksheet title]')}\n"
        "intro: \"[Write what the worksheet is for and when to fill it in. Write plans, not confessions: "
        "never name a child.]\"\n"
        f"audiences: {_yaml(request.audiences)}\n"
        f"edition: {_yaml(request.edition)}\n"
        "sections:\n"
        "  - heading: \"[Write a section heading]\"\n"
        "    fields:\n"
        "      - label: \"[Write a question the reader answers]\"\n"
        "        lines: 3\n")}


def page_files(request: Request) -> dict[str, str]:
    return {f"pages/{request.id}.md": (
        "---\n"
        f"title: {_title(request, '[Write the page title]')}\n"
        "summary: \"[Write one line describing the page.]\"\n"
        f"edition: {_yaml(request.edition)}\n"
        "---\n\n"
        "## [Write a heading]\n\n"
        "[Write the page. Short sentences, one idea a paragraph.]\n")}


def helpline_entry(request: Request) -> str:
    return (
        f"\n  - id: {_yaml(request.id)}\n"
        f"    name: {_title(request, '[Write the service name as the service writes it]')}\n"
        "    description: \"[Write one or two plain sentences: what the service is for and who it helps.]\"\n"
        f"    audiences: {_yaml(request.audiences)}\n"
        f"    regions: {_yaml(request.regions)}\n"
        f"    edition: {_yaml(request.edition)}\n"
        "    confidentiality: \"[Write what the service says about anonymity and its limits, in its own "
        "published terms.]\"\n"
        "    # Add phones:, website:, hours: exactly as the service publishes them, each with a source below.\n"
        "    sources: []\n"
        "    verification:\n"
        "      status: unverified\n"
        "      method: \"[Write where the facts came from]\"\n")


def first_service(content, audience: str) -> str | None:
    """The service a new module for `audience` shows first: its call_first, else its first non-emergency service."""
    text = getattr(content.site.audiences, audience, None) if content.site else None
    if text is not None and getattr(text, "call_first", None):
        return text.call_first
    for helpline in content.helplines.values():
        if audience in helpline.audiences and not helpline.emergency and helpline.edition == "public":
            return helpline.id
    return None


def create(request: Request, content_dir: Path, *, call_first: str | None = None) -> list[Path]:
    """Write the scaffold's files; returns them. Raises ScaffoldError for a bad request."""
    check_request(request, content_dir)
    if request.kind == "helpline":
        registry = content_dir / "helplines.yml"
        text = registry.read_text(encoding="utf-8") if registry.exists() else "helplines:\n"
        registry.write_text(text.rstrip("\n") + "\n" + helpline_entry(request), encoding="utf-8")
        return [registry]
    files = {"module": lambda: module_files(request, call_first), "worksheet": lambda: worksheet_files(request),
             "page": lambda: page_files(request)}[request.kind]()
    written = []
    for name, text in files.items():
        path = content_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


NEXT_STEPS = {
    "module": "Next: replace every [Write ...] text in module.yml and body.md (400 to 900 words, headings that "
              "are questions, one {{ pause }}), add worksheets: and read_next: (a worksheet's id is its file name "
              "in content/worksheets/ without .yml, a module's its folder name in content/modules/), then run "
              ".venv/bin/python -m toolkit validate and scripts/serve to see the page; scripts/build publishes it "
              "on its audience and topic pages.",
    "worksheet": "Next: replace every [Write ...] text, add the questions, link the worksheet from a module "
                 "(worksheets: [id] or {{ worksheet: id }}), then run .venv/bin/python -m toolkit validate.",
    "page": "Next: replace every [Write ...] text, then run .venv/bin/python -m toolkit validate; the page is "
            "listed in the footer.",
    "helpline": "Next: add the service's phones, website and hours exactly as it publishes them, with a source "
                "for each fact, and keep status: unverified until someone confirms them with the service.",
}
