"""The strings files: every text the theme and the build print, one file per language.

`toolkit/strings/<tag>.yml` holds a `translation:` block (drafts are marked like content
translations) and `strings:`, groups of keys. Every file has exactly the keys of the
reference file, en-GB.yml: a missing or extra key is a build error listing the keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding, error
from ..memo import remembered_with
from .fields import INVALID, Object, validate
from .model import TRANSLATION
from .variants import lang_of
from .yamlfile import load_yaml

FOLDER = Path(__file__).resolve().parent.parent / "strings"
REFERENCE = "en-GB"
FILE = Object({"translation": TRANSLATION}, "A strings file.", required=("translation",))


@dataclass(eq=False)  # hashed by identity: one object per language, a cache key for the help cards
class Strings:
    """One language's strings: `text("help.website")`, with {name} fields filled in."""

    tag: str
    texts: dict[str, str]
    status: str

    @property
    def locale(self) -> str:
        """The language dates and times are written in: easy read writes them as British English does."""
        return lang_of(self.tag)

    def text(self, key: str, **fields) -> str:
        value = self.texts[key]
        return value.format(**fields) if fields else value


def shown(tag: str) -> str:
    return f"toolkit/strings/{tag}.yml"


def _flatten(data, prefix: str = "") -> dict[str, tuple[str, tuple]]:
    flat: dict[str, tuple[str, tuple]] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = (value, tuple(name.split(".")))
    return flat


def _read(tag: str, findings: list[Finding], folder: Path):
    path = folder / f"{tag}.yml"
    if not path.is_file():
        findings.append(error("strings", f"no strings file for language '{tag}'.", file=shown(tag),
                              hint=f"Copy toolkit/strings/{REFERENCE}.yml to toolkit/strings/{tag}.yml and "
                                   "translate each text (keep the keys and any {name} as they are)."))
        return None
    text = path.read_text(encoding="utf-8")
    # Every load reads every language's file: the live preview parses one again only when its text changed.
    return remembered_with(("strings", tag, text), findings, lambda found: _parsed(tag, text, found))


def _parsed(tag: str, text: str, findings: list[Finding]):
    data, positions, problems = load_yaml(text, shown(tag))
    findings.extend(problems)
    if not isinstance(data, dict) or not isinstance(data.get("strings"), dict):
        findings.append(error("strings", "expected a 'strings:' mapping of texts.", file=shown(tag), line=1,
                              hint=f"Follow the layout of toolkit/strings/{REFERENCE}.yml."))
        return None
    block = validate(FILE, {"translation": data.get("translation")}, positions, findings)
    if block is INVALID:
        return None
    return _flatten(data["strings"]), positions, block.translation.status


def load_strings(tags: list[str], findings: list[Finding], folder: Path = FOLDER) -> dict[str, Strings]:
    """Each language's strings, checked against the reference file's keys."""
    reference = _read(REFERENCE, findings, folder)
    if reference is None:
        return {}
    keys = reference[0]
    loaded = {}
    for tag in tags:
        read = reference if tag == REFERENCE else _read(tag, findings, folder)
        if read is None:
            continue
        flat, positions, status = read
        missing = [key for key in keys if key not in flat]
        extra = [key for key in flat if key not in keys]
        if missing:
            findings.append(error("strings", f"missing keys: {', '.join(missing)}.", file=shown(tag), line=1,
                                  hint=f"Add each one with its text in this language, as in "
                                       f"toolkit/strings/{REFERENCE}.yml."))
        for key in extra:
            findings.append(error("strings", f"unknown key '{key}': toolkit/strings/{REFERENCE}.yml has no such key.",
                                  hint="Remove it, or check its spelling and the group it is in.",
                                  **positions.where_key(("strings", *flat[key][1]))))
        bad = [key for key in keys if key in flat and not isinstance(flat[key][0], str)]
        for key in bad:
            findings.append(error("strings", "expected text.", hint="Put the text in quotes.",
                                  **positions.where(("strings", *flat[key][1]))))
        if not missing and not extra and not bad:
            loaded[tag] = Strings(tag, {key: " ".join(value.split()) for key, (value, _) in flat.items()}, status)
    return loaded
