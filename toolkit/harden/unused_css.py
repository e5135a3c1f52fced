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

Our own stylesheet (toolkit.css) is kept whole: it is small, and every rule in it is ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2

# Material's files that are pruned, relative to an edition's folder. Always read from the
# installed theme, never from the output: the live preview prunes again after each edit, and
# a page may need a rule the previous pruning dropped.
PRUNED = ("assets/stylesheets/main.57a0d79d.min.css",)

_FUNCTIONAL = re.compile(r":{1,2}(?:not|is|where|has|matches|-webkit-any|-moz-any|nth-child|nth-of-type|"
                         r"nth-last-child|nth-last-of-type|lang|dir|host|host-context)\(")
_ATTRIBUTE = re.compile(r"\[\s*([\w-]+)")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_ELEMENT = re.compile(r"[a-zA-Z][\w-]*")
_WORD = re.compile(r"[A-Za-z_][\w-]*")


@dataclass
class Features:
    """The names a selector may ask for, as they appear in an edition's pages and scripts."""

    elements: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    script_words: set[str] = field(default_factory=set)

    def add_page(self, doc) -> None:
        """Every element, class, id and attribute name of one parsed page (plain lxml.etree)."""
        for element in doc.iter():
            if not isinstance(element.tag, str):
                continue
            self.elements.add(element.tag.lower())
            for name, value in element.attrib.items():
                self.attributes.add(name)
                if name == "class":
                    self.classes.update(value.split())
                elif name == "id":
                    self.ids.add(value)

    def update(self, other: Features) -> None:
        for name in ("elements", "classes", "ids", "attributes", "script_words"):
            getattr(self, name).update(getattr(other, name))

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


def _pruned_rules(rules, features: Features) -> list[str]:
    kept: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [selector for selector in _selectors(rule.prelude) if features.allows(selector)]
            if selectors:
                kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = _pruned_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                                  features)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":  # @keyframes, @font-face, @charset...: kept as they are
            kept.append(tinycss2.serialize([rule]))
    return kept


def prune_css(css: str, features: Features) -> str:
    """The stylesheet with only the rules (and selectors) the features allow."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_pruned_rules(rules, features))


def script_words(site_dir: Path) -> set[str]:
    """Every word in the edition's scripts: class names and ids that JavaScript may add."""
    words: set[str] = set()
    for script in (site_dir / "assets").rglob("*.js") if (site_dir / "assets").is_dir() else ():
        words.update(_WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return words


def theme_original(relative: str) -> Path:
    """Material's own copy of a theme file."""
    import material

    return Path(material.__file__).parent / "templates" / relative


def prune_stylesheets(site_dir: Path, features: Features) -> dict[str, tuple[int, int]]:
    """Rewrite Material's stylesheets in an edition with only the rules its pages can use.

    Returns {file: (bytes before, bytes after)} for each file pruned.
    """
    features.script_words |= script_words(site_dir)
    sizes = {}
    for relative in PRUNED:
        target = site_dir / relative
        if not target.is_file():
            continue  # no page uses it: already removed with the other unused theme files
        original = theme_original(relative)
        css = original.read_text(encoding="utf-8") if original.is_file() else target.read_text(encoding="utf-8")
        pruned = prune_css(css, features)
        target.write_text(pruned, encoding="utf-8")
        sizes[relative] = (len(css.encode()), len(pruned.encode()))
    return sizes
