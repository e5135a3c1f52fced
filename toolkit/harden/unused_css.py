"""Drop the rules of Material's stylesheet that no page of the edition can use.

Material's stylesheet styles its whole theme (tabs, header search, code blocks, admonitions,
colour palettes...); our pages use a small part, and the rest was more than half of a page's
first load. A rule is kept if any of its selectors could match: every class, id, attribute
and element name the selector requires appears in some built page of the edition, or in the
text of the edition's scripts (classes our JavaScript adds, such as `tk-js`, and the elements
it creates, such as the `ol` of search results). The test is on
names only, never on structure, so it only ever keeps too much; state (:hover, :focus,
::before, :not(), :is()...) never removes a rule. The browser suite compares screenshots of
every page kind with the pruned and the full stylesheet, pixel for pixel.

Pruning comes first, on the pages as MkDocs wrote them, before the assets are named by their
content (toolkit/deploy/fingerprint.py): the pruned file's name then follows its final content,
and harden writes each page once. The names a page has before and after hardening are the same
for this purpose (harden adds rel and alignment classes of our own, and removes comments and
style attributes, which only ever makes this keep more). The live preview runs the same stages,
so it prunes too.

Our own stylesheet (toolkit.css) is kept whole: it is small, and every rule in it is ours.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

import tinycss2

from ..memo import bytes_key, remembered, remembers
from ..urls import local_target

# Material's files that are pruned, relative to an edition's folder (as MkDocs writes them, before
# they are named by content). Read from the installed theme, so pruning never starts from a pruned copy.
PRUNED = ("assets/stylesheets/main.57a0d79d.min.css",)

_FUNCTIONAL = re.compile(r":{1,2}(?:not|is|where|has|matches|-webkit-any|-moz-any|nth-child|nth-of-type|"
                         r"nth-last-child|nth-last-of-type|lang|dir|host|host-context)\(")
_ATTRIBUTE = re.compile(r"\[\s*([\w-]+)")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_ELEMENT = re.compile(r"[a-zA-Z][\w-]*")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# Pages as MkDocs and lxml write them: tags in lower case, attribute values in double quotes.
_TAG = re.compile(rb"<([a-zA-Z][\w-]*)([^>]*)>")
_ATTRIBUTE_NAME = re.compile(rb"([^\s\"'=/<>]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


@dataclass
class Features:
    """The names a selector may ask for, as they appear in an edition's pages and scripts."""

    elements: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    script_words: set[str] = field(default_factory=set)
    scripts: set[str] = field(default_factory=set)  # the scripts pages load, as site paths

    def add_html(self, html: bytes, url: str = "") -> None:
        """Every element, class, id and attribute name of one page's HTML (at `url` in the site), and its scripts."""
        for tag, attributes in _TAG.findall(html):
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
            parts.append(tinycss2.serialize(current).strip())
            current = []
        else:
            current.append(token)
    parts.append(tinycss2.serialize(current).strip())
    return parts


@functools.lru_cache(maxsize=4)
def rule_table(css: str) -> tuple:
    """The stylesheet parsed once per process (every edition and language prunes the same file).

    Each entry: ("rule", selectors, declarations), ("group", "@media ...", entries) or ("whole", text)."""
    return _table(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _table(rules) -> tuple:
    entries = []
    for rule in rules:
        if rule.type == "qualified-rule":
            entries.append(("rule", tuple(_selectors(rule.prelude)), tinycss2.serialize(rule.content)))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            entries.append(("group", f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", _table(inner)))
        elif rule.type == "at-rule":  # @keyframes, @font-face, @charset...: kept as they are
            entries.append(("whole", tinycss2.serialize([rule]), None))
    return tuple(entries)


def _pruned_rules(table: tuple, features: Features) -> list[str]:
    kept: list[str] = []
    for kind, head, rest in table:
        if kind == "rule":
            selectors = [selector for selector in head if features.allows(selector)]
            if selectors:
                kept.append(",".join(selectors) + "{" + rest + "}")
        elif kind == "group":
            inner = _pruned_rules(rest, features)
            if inner:
                kept.append(f"{head}{{{''.join(inner)}}}")
        else:
            kept.append(head)
    return kept


def prune_css(css: str, features: Features) -> str:
    """The stylesheet with only the rules (and selectors) the features allow."""
    return _prune_css(css, tuple(frozenset(getattr(features, name.name)) for name in fields(features)))


@functools.lru_cache(maxsize=4)
def _prune_css(css: str, features: tuple[frozenset[str], ...]) -> str:
    # Remembered: the live preview prunes again after each edit, nearly always with the same names.
    return "".join(_pruned_rules(rule_table(css), Features(*(set(names) for names in features))))


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


def parse_theme_stylesheets() -> None:
    """Parse Material's stylesheets into this process's table now, so that a process forked after has it too."""
    for relative in PRUNED:
        original = theme_original(relative)
        if original.is_file():
            rule_table(original.read_text(encoding="utf-8"))


def prune_stylesheets(site_dir: Path, features: Features) -> dict[str, tuple[int, int]]:
    """Rewrite Material's stylesheets in an edition with only the rules its pages can use.

    Returns {file: (bytes before, bytes after)} for each file pruned.
    """
    features.script_words |= script_words(site_dir, features.scripts)
    sizes = {}
    for relative in PRUNED:
        target = site_dir / relative
        if not target.is_file():
            continue
        original = theme_original(relative)
        css = original.read_text(encoding="utf-8") if original.is_file() else target.read_text(encoding="utf-8")
        pruned = prune_css(css, features)
        target.write_text(pruned, encoding="utf-8")
        sizes[relative] = (len(css.encode()), len(pruned.encode()))
    return sizes


def prune_unused_rules(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Keep only the stylesheet rules that some page under site_dir can use (pages as MkDocs wrote them)."""
    features = Features()
    for page in sorted(site_dir.rglob("*.html")):
        html, url = page.read_bytes(), page.relative_to(site_dir).as_posix()
        if remembers():  # the live preview reads again only the pages an edit changed
            features.add(remembered(("css-features", url, bytes_key(html)), functools.partial(_page_features, html, url)))
        else:
            features.add_html(html, url)
    return prune_stylesheets(site_dir, features)


def _page_features(html: bytes, url: str) -> Features:
    features = Features()
    features.add_html(html, url)
    return features
