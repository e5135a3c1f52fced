"""Make an edition's one stylesheet: the rules of Material's and of ours that its pages can use.

Material's stylesheet styles its whole theme (tabs, header search, code blocks, admonitions,
colour palettes...) and ours styles every kind of page and tree (worksheets, easy read, right to
left, the professional edition); a page uses a small part, and the rest was more than half of
its first load. A rule is kept if any of its selectors could match: every class, id, attribute
and element name the selector requires appears in some built page of the edition and language,
or in the text of the edition's scripts (classes our JavaScript adds, such as `tk-js`, and the
elements it creates, such as the `ol` of search results). The test is on names only, never on
structure, so it only ever keeps too much; state (:hover, :focus, ::before, :not(), :is(),
@media print, forced colours, reduced motion...) never removes a rule. Then what the kept rules
cannot use goes: custom properties (`--md-...`) that no kept declaration reads through var(),
directly or through another kept custom property, and that no script names; @keyframes that no
kept declaration or script names. What is left is written without comments or spaces it does
not need. The browser suite compares screenshots of every page kind with the pruned and the
full stylesheets, pixel for pixel.

Both go into one file, Material's rules first as in the cascade before: a page loads one
stylesheet (toolkit/theme/base.html links ours only), and the two compress better together.

Pruning comes first, on the pages as MkDocs wrote them, before the assets are named by their
content (toolkit/deploy/fingerprint.py): the pruned file's name then follows its final content,
and harden writes each page once. The names a page has before and after hardening are the same
for this purpose (harden adds rel and alignment classes of our own, and removes comments and
style attributes, which only ever makes this keep more). The live preview runs the same stages,
so it prunes too.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import NamedTuple

import tinycss2

from .. import venvcache
from ..buildcache import digest
from ..compile.project import THEME_DIR
from ..memo import bytes_key, remembered, remembers
from ..urls import local_target
from . import stored_rules
from .pages import iter_html

# Relative to an edition's folder, as MkDocs writes them (before they are named by content): Material's
# stylesheet, and ours, the one the pages link (toolkit/theme/base.html), which the pruned rules of both
# replace, Material's first. Both are read from the themes, so pruning never starts from a pruned copy.
MATERIAL = "assets/stylesheets/main.57a0d79d.min.css"
STYLESHEET = "assets/toolkit.css"

_FUNCTIONAL = re.compile(r":{1,2}(?:not|is|where|has|matches|-webkit-any|-moz-any|nth-child|nth-of-type|"
                         r"nth-last-child|nth-last-of-type|lang|dir|host|host-context)\(")
_ATTRIBUTE = re.compile(r"\[\s*([\w-]+)")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_ELEMENT = re.compile(r"[a-zA-Z][\w-]*")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
# A string (kept as it is), a comma or ">" with the spaces around it (the spaces go), or other spaces (one stays).
_SPACE = re.compile(r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')|\s*([,>])\s*|\s+")
# Pages as MkDocs and lxml write them: tags in lower case, attribute values in double quotes.
_TAG = re.compile(rb"<([a-zA-Z][\w-]*)([^>]*)>")
_ATTRIBUTE_NAME = re.compile(rb"([^\s\"'=/<>]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


# Attributes the browser adds as the reader uses a page, so a page's source never shows them.
BROWSER_SET = ("open",)


@dataclass
class Features:
    """The names a selector may ask for, as they appear in an edition's pages and scripts."""

    elements: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=lambda: set(BROWSER_SET))
    script_words: set[str] = field(default_factory=set)
    scripts: set[str] = field(default_factory=set)  # the scripts pages load, as site paths

    def add_html(self, html: bytes, url: str = "", seen: set[tuple[bytes, bytes]] | None = None) -> None:
        """Every element, class, id and attribute name of one page's HTML (at `url` in the site), and its scripts.

        `seen`: the tags (name and attributes, as written) read from the site's pages before, which add nothing
        new; each new one is added to it. Not a <script>, whose relative src depends on the page's place."""
        tags = set(_TAG.findall(html))  # each distinct tag once: most repeat (<p>, <li>, nav links)
        if seen is not None:
            tags -= seen
            seen.update(tag for tag in tags if tag[0].lower() != b"script")
        for tag, attributes in tags:
            element = tag.decode().lower()
            self.elements.add(element)
            for name, value in _ATTRIBUTE_NAME.findall(attributes):
                name = name.decode().lower()
                self.attributes.add(name)
                text = value.decode(errors="replace").strip("\"'")
                if name in ("class", "id"):
                    (self.classes if name == "class" else self.ids).update(text.split())
                elif name == "src" and element == "script":
                    target = local_target(url, text)
                    if target:
                        self.scripts.add(target)

    def add(self, other: Features) -> None:
        """Every name of `other` too."""
        for name in fields(self):
            getattr(self, name.name).update(getattr(other, name.name))

    def allows(self, selector: str) -> bool:
        """Whether every name the selector needs is present somewhere."""
        text = _without_functions(selector)
        if any(name not in self.attributes and name not in self.script_words for name in _ATTRIBUTE.findall(text)):
            return False
        text = re.sub(r"::?[\w-]+", "", re.sub(r"\[[^\]]*\]", "", text))
        if any(name not in self.classes and name not in self.script_words for name in _CLASS.findall(text)):
            return False
        if any(name not in self.ids and name not in self.script_words for name in _ID.findall(text)):
            return False
        for compound in re.split(r"[\s>+~]+", text):
            element = _ELEMENT.match(compound)
            name = element.group(0).lower() if element else ""
            if name and name not in self.elements and name not in self.script_words:
                return False
        return True


def _without_functions(selector: str) -> str:
    """The selector without functional pseudo-classes: they never add a requirement."""
    while match := _FUNCTIONAL.search(selector):
        depth, end = 1, match.end()
        while end < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[end], 0)
            end += 1
        selector = selector[:match.start()] + selector[end:]
    return selector


def _selectors(prelude) -> list[str]:
    parts, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(tinycss2.serialize(current))
            current = []
        else:
            current.append(token)
    parts.append(tinycss2.serialize(current))
    return [_compact(part) for part in parts]


class Declaration(NamedTuple):
    """One declaration of a rule, written as short as it can be."""

    name: str  # as written: custom property names are case-sensitive
    text: str  # "name:value", "!important" included
    reads: frozenset[str]  # the custom properties it reads through var()


class Rule(NamedTuple):
    """A rule: its selectors, each on its own, and its declarations."""

    selectors: tuple[str, ...]
    declarations: tuple[Declaration, ...]


class Group(NamedTuple):
    """An @media or @supports block."""

    head: str
    entries: tuple


class Keyframes(NamedTuple):
    """An @keyframes block and the name of the animation it defines."""

    name: str
    text: str


class Whole(NamedTuple):
    """Any other at-rule (@charset, @page), kept as it is."""

    text: str


@functools.lru_cache(maxsize=4)
def rule_table(css: str) -> tuple:
    """The stylesheet parsed once per process (every edition and language prunes the same file), and kept
    on disk for the next process (toolkit/harden/stored_rules.py) under a hash of the text and the parser."""
    key = digest(css, tinycss2.__version__, *(Path(code).read_bytes() for code in (__file__, stored_rules.__file__,
                                                                                   venvcache.__file__)))
    return stored_rules.stored_table(key, lambda: _parsed(css), _encoded, _decoded, stored_rules.cache_folder())


def _parsed(css: str) -> tuple:
    return _table(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _encoded(entries: tuple) -> list:
    """The table as JSON's lists and strings: each entry a list whose first item says its kind."""
    out: list = []
    for entry in entries:
        if isinstance(entry, Rule):
            out.append(["rule", list(entry.selectors),
                        [[item.name, item.text, sorted(item.reads)] for item in entry.declarations]])
        elif isinstance(entry, Group):
            out.append(["group", entry.head, _encoded(entry.entries)])
        elif isinstance(entry, Keyframes):
            out.append(["keyframes", entry.name, entry.text])
        else:
            out.append(["whole", entry.text])
    return out


def _decoded(items: list) -> tuple:
    entries = []
    for kind, *parts in items:
        if kind == "rule":
            selectors, declarations = parts
            entries.append(Rule(tuple(map(str, selectors)),
                                tuple(Declaration(str(name), str(text), frozenset(map(str, reads)))
                                      for name, text, reads in declarations)))
        elif kind == "group":
            head, inner = parts
            entries.append(Group(str(head), _decoded(inner)))
        elif kind == "keyframes":
            name, text = parts
            entries.append(Keyframes(str(name), str(text)))
        elif kind == "whole":
            (text,) = parts
            entries.append(Whole(str(text)))
        else:
            raise ValueError(f"unknown kind of entry: {kind!r}")
    return tuple(entries)


def _table(rules) -> tuple:
    entries = []
    for rule in rules:
        if rule.type == "qualified-rule":
            entries.append(Rule(tuple(_selectors(rule.prelude)), _declarations(rule.content)))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            entries.append(Group(_compact(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}"), _table(inner)))
        elif rule.type == "at-rule" and rule.lower_at_keyword == "keyframes":
            entries.append(Keyframes(tinycss2.serialize(rule.prelude).strip(), _compact(tinycss2.serialize([rule]))))
        elif rule.type == "at-rule":
            entries.append(Whole(_compact(tinycss2.serialize([rule]))))
    return tuple(entries)


def _declarations(content) -> tuple[Declaration, ...]:
    items = tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True)
    if any(item.type != "declaration" for item in items):
        # Nested rules (or what the parser could not read) are kept as written, with everything they read.
        text = _compact(tinycss2.serialize(content))
        return (Declaration("", text, frozenset(_VAR.findall(text))),)
    declarations = []
    for item in items:
        value = _compact(tinycss2.serialize(item.value))
        text = f"{item.name}:{value}{'!important' if item.important else ''}"
        declarations.append(Declaration(item.name, text, frozenset(_VAR.findall(value))))
    return tuple(declarations)


def _compact(text: str) -> str:
    """CSS without the spaces it does not need (strings untouched): one space where any was, none by a comma."""
    return _SPACE.sub(lambda match: match.group(1) or match.group(2) or " ", text).strip()


def _kept(entries: tuple, features: Features) -> tuple:
    """The rules any of whose selectors could match, with only those selectors."""
    kept = []
    for entry in entries:
        if isinstance(entry, Rule):
            selectors = tuple(selector for selector in entry.selectors if features.allows(selector))
            if selectors:
                kept.append(entry._replace(selectors=selectors))
        elif isinstance(entry, Group):
            inner = _kept(entry.entries, features)
            if inner:
                kept.append(entry._replace(entries=inner))
        else:
            kept.append(entry)
    return tuple(kept)


def _all_declarations(entries: tuple):
    for entry in entries:
        if isinstance(entry, Rule):
            yield from entry.declarations
        elif isinstance(entry, Group):
            yield from _all_declarations(entry.entries)


def _used_names(entries: tuple, script_words: set[str]) -> tuple[set[str], set[str]]:
    """The custom properties and animations the kept rules (or the scripts) can use.

    A custom property counts when a declaration that is not itself a custom property reads it, or
    a custom property that counts reads it (Material's palette is defined in layers), or a script
    names it; an animation when an animation declaration or a script names it."""
    defined: dict[str, set[str]] = {}
    read: set[str] = set()
    animations: set[str] = set()
    for declaration in _all_declarations(entries):
        if declaration.name.startswith("--"):
            defined.setdefault(declaration.name, set()).update(declaration.reads)
            if declaration.name.lstrip("-") in script_words:
                read.add(declaration.name)
        else:
            read |= declaration.reads
            if declaration.name.endswith(("animation", "animation-name")):
                animations.update(_WORD.findall(declaration.text.partition(":")[2]))
    todo = list(read)
    while todo:
        for name in defined.get(todo.pop(), ()):
            if name not in read:
                read.add(name)
                todo.append(name)
    return read, animations | script_words


def _written(entries: tuple, read: set[str], animations: set[str]) -> str:
    parts = []
    for entry in entries:
        if isinstance(entry, Rule):
            body = ";".join(declaration.text for declaration in entry.declarations
                            if not declaration.name.startswith("--") or declaration.name in read)
            if body:
                parts.append(",".join(entry.selectors) + "{" + body + "}")
        elif isinstance(entry, Group):
            inner = _written(entry.entries, read, animations)
            if inner:
                parts.append(f"{entry.head}{{{inner}}}")
        elif isinstance(entry, Keyframes):
            if entry.name in animations:
                parts.append(entry.text)
        else:
            parts.append(entry.text)
    return "".join(parts)


def prune_css(css: str, features: Features) -> str:
    """The stylesheet with only the rules (and selectors) the features allow, and what those rules use.

    Custom properties nothing kept reads and @keyframes nothing kept runs go too: Material defines
    the variables, icons and animations of its whole theme."""
    return _prune_css(css, tuple(frozenset(getattr(features, name.name)) for name in fields(features)))


@functools.lru_cache(maxsize=4)
def _prune_css(css: str, features: tuple[frozenset[str], ...]) -> str:
    # Remembered: the live preview prunes again after each edit, nearly always with the same names.
    names = Features(*(set(names) for names in features))
    kept = _kept(rule_table(css), names)
    return _written(kept, *_used_names(kept, names.script_words))


def script_words(site_dir: Path, scripts: set[str]) -> set[str]:
    """Every word in the scripts the pages load: class names and ids that JavaScript may add.

    Only those: Material ships a JavaScript bundle no page loads, whose words would keep most rules.
    """
    words: set[str] = set()
    for script in sorted(scripts):
        path = site_dir / script
        if path.is_file():
            words.update(_WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


def theme_original(relative: str) -> Path:
    """Material's own copy of a theme file."""
    import material

    return Path(material.__file__).parent / "templates" / relative


def full_stylesheet() -> str:
    """Material's stylesheet then ours, as the themes ship them: what the pages would load without pruning."""
    return "\n".join(path.read_text(encoding="utf-8") for path in (theme_original(MATERIAL), THEME_DIR / STYLESHEET))


def parse_theme_stylesheets() -> None:
    """Parse the stylesheets into this process's table now, so that a process forked after has it too."""
    rule_table(full_stylesheet())


def prune_stylesheets(site_dir: Path, features: Features) -> tuple[int, int]:
    """Write an edition's one stylesheet with only the rules its pages can use; returns (bytes before, after).

    Material's copy is then left out: its rules are in ours."""
    features.script_words |= script_words(site_dir, features.scripts)
    css = full_stylesheet()
    pruned = prune_css(css, features)
    (site_dir / STYLESHEET).write_text(pruned, encoding="utf-8")
    (site_dir / MATERIAL).unlink(missing_ok=True)
    return len(css.encode()), len(pruned.encode())


def prune_unused_rules(site_dir: Path) -> tuple[int, int]:
    """Keep only the stylesheet rules that some page under site_dir can use (pages as MkDocs wrote them)."""
    features = Features()
    # The pages of a site repeat most of their tags (the menu, the footer, help cards): at 1,000 modules in Polish
    # a page has 120 distinct tags and adds about 10 new ones; reading only those took 0.93 ms a page to 0.26.
    seen: set[tuple[bytes, bytes]] = set()
    for url, page in iter_html(site_dir):
        html = page.read_bytes()
        if remembers():  # the live preview reads again only the pages an edit changed
            features.add(remembered(("css-features", url, bytes_key(html)), functools.partial(_page_features, html, url)))
        else:
            features.add_html(html, url, seen)
    return prune_stylesheets(site_dir, features)


def _page_features(html: bytes, url: str) -> Features:
    features = Features()
    features.add_html(html, url)
    return features
