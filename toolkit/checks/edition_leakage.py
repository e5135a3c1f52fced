"""Edition leakage: nothing professional-only may reach a public output, and the professional edition says what it is.

Public outputs are the public edition's files (pages, search index, sitemap,
plain-text worksheets), the public packs (checked through the print HTML each
PDF is made from, in build/stage/pack-html/) and the public offline zip.
Nothing professional-only means: no file or link of a professional-only
module, worksheet or page, and none of its text: title, summary, key points,
any sentence of its body, worksheet questions, service names and numbers.
Text that public content also contains is not professional-only and is not
looked for. Every professional page must carry robots noindex and the
edition's name.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import ahocorasick

from ..compile.links import language_root
from ..content.variants import localized
from ..findings import Finding, error
from ..packs.plan import pack_files, print_html_dir
from ..pagescan import read_page
from ..readability import plain_text
from ..urls import local_target
from .site import BuiltSite, EditionOutput, every_edition

NAME = "edition-leakage"
MIN_SENTENCE_WORDS = 5
# Typographic quotes and dashes, compared as the plain ones.
_QUOTES = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-"))
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
HINT = ("Professional-only content must never appear in a public output. Take it out of the public "
        "content, or set edition: public on the item if it is meant for everyone.")


def normalise(text: str) -> str:
    """Compare text as a reader sees it: no case, typographic quotes or spacing differences."""
    return " ".join(_unquoted(unicodedata.normalize("NFKC", text)).lower().split())


def _unquoted(text: str) -> str:
    """The text with plain quotes and hyphens for typographic ones. One replace() each, not str.translate, which
    looks up every character of a text that is not ASCII: 0.35 ms of a Polish page's 0.42 in normalise()."""
    for typographic, plain in _QUOTES:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


def normalise_all(texts: list[str]) -> list[str]:
    """normalise() of each text, in one pass over them all (tens of thousands of short texts)."""
    if not texts:  # "".split("\0") is [""], one text too many
        return []
    if any("\0" in text for text in texts):
        return [normalise(text) for text in texts]
    joined = _unquoted(unicodedata.normalize("NFKC", "\0".join(texts))).lower()
    return [" ".join(text.split()) for text in joined.split("\0")]


@dataclass(frozen=True)
class Fingerprint:
    """One piece of professional-only text, and the item it belongs to."""

    text: str  # normalised
    shown: str  # as written, for the message
    what: str  # "title", "sentence", ...
    kind: str  # module, worksheet, page, helpline
    item_id: str
    file: str


def _body_sentences(text: str) -> list[str]:
    # Blocks as a reader meets them, without rendering the Markdown (which cost most of this check).
    sentences = []
    for block in plain_text(text, end_blocks=False).splitlines():
        sentences += _SENTENCE_END.split(html.unescape(block))
    return sentences


def _texts(kind: str, item) -> list[tuple[str, str]]:
    """(what, text) pairs of one content item."""
    if kind == "helpline":
        return [("name", item.name), ("description", item.description),
                *[("number", phone.number) for phone in item.phones]]
    texts = [("title", item.title)]
    if kind == "worksheet":
        texts.append(("introduction", item.intro))
        for section in item.sections:
            texts.append(("heading", section.heading))
            texts += [("question", field.label) for field in section.fields]
        return texts
    if getattr(item, "summary", None):
        texts.append(("summary", item.summary))
    texts += [("key point", point) for point in getattr(item, "key_points", [])]
    texts += [("sentence", sentence) for sentence in _body_sentences(item.body)]
    return texts


def _items(content, edition: str):
    """Items of an edition in every published language: a professional text leaks in any language."""
    views = [content] + [localized(content, language) for language in content.languages
                         if language.tag != content.source_language]
    for view in views:
        for kind, items in (("module", view.modules), ("worksheet", view.worksheets),
                            ("page", view.pages), ("helpline", view.helplines)):
            for item in items.values():
                if item.edition == edition:
                    yield kind, item


def fingerprints(content) -> list[Fingerprint]:
    """Professional-only text worth looking for: long enough to be distinctive, not shared with public content."""
    professional = [(kind, item, what, text) for kind, item in _items(content, "professional")
                    for what, text in _texts(kind, item)]
    keys = normalise_all([text for *_, text in professional])
    found: dict[str, Fingerprint] = {}
    for (kind, item, what, text), key in zip(professional, keys, strict=True):
        long_enough = what in ("title", "name", "number") or len(key.split()) >= MIN_SENTENCE_WORDS
        if key and long_enough and key not in found:
            source = item.body_file if what == "sentence" else item.source_file
            found[key] = Fingerprint(key, text.strip(), what, kind, item.id, source)
    prints = list(found.values())
    automaton = _automaton(fingerprint.text for fingerprint in prints)
    shared: set[int] = set()
    # Public content is read one item at a time: all of it normalised at once took 25 MB at 1,000
    # modules. One text a line: a professional text found across two public texts is not one of them.
    for kind, item in _items(content, "public"):
        shared.update(_found(automaton, "\n".join(normalise_all([text for _, text in _texts(kind, item)]))))
    return [fingerprint for index, fingerprint in enumerate(prints) if index not in shared]


def professional_paths(content) -> dict[str, tuple[str, str, str]]:
    """Site path -> (kind, id, source file) of every page and file a professional-only item makes."""
    paths = {}
    for kind, item in _items(content, "professional"):
        if kind == "module":
            names = [f"modules/{item.id}.html", f"modules/{item.id}/"]
        elif kind == "worksheet":
            names = [f"worksheets/{item.id}.html", f"worksheets/{item.id}.txt"]
        elif kind == "page":
            names = [f"{item.id}.html"]
        else:
            continue
        for root in ["", *(language_root(tag, "") for tag in content.translation_tags)]:
            for name in names:
                paths[root + name] = (kind, item.id, item.source_file)
    return paths


def _path_hit(path: str, paths: dict) -> tuple[str, str, str] | None:
    # Looked up, not scanned: called for every link of every page (37,000 at 1,000 modules).
    # A folder name ends with "/", so it can only match one of the path's own folder prefixes.
    if path in paths:
        return paths[path]
    prefixes = [path[:index + 1] for index, char in enumerate(path) if char == "/"]
    return next((paths[prefix] for prefix in prefixes if prefix in paths), None)


class Fingerprints:
    """Professional-only texts, looked for in a text all at once (Aho-Corasick: one pass over the text)."""

    def __init__(self, prints: list[Fingerprint]):
        self.prints = prints
        self.automaton = _automaton(fingerprint.text for fingerprint in prints)

    def found_in(self, text: str) -> list[Fingerprint]:
        """The fingerprints the text contains, in the order they were given."""
        return [self.prints[index] for index in _found(self.automaton, normalise(text))]


def _automaton(texts) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for index, text in enumerate(texts):
        automaton.add_word(text, index)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _found(automaton: ahocorasick.Automaton, text: str) -> list[int]:
    """Indexes of the automaton's texts that occur in text (which is normalised), in order."""
    if not len(automaton):
        return []
    return sorted({index for _end, index in automaton.iter(text)})


def _leak(where: str, page: str, fingerprint: Fingerprint) -> Finding:
    return error(NAME, f"{where} contains the {fingerprint.what} of professional-only {fingerprint.kind} "
                 f"'{fingerprint.item_id}': \"{fingerprint.shown}\"", file=fingerprint.file, page=page, hint=HINT)


def _file_leak(where: str, page: str, target: str, owner: tuple[str, str, str]) -> Finding:
    kind, item_id, source = owner
    return error(NAME, f"{where} has {target}, which belongs to professional-only {kind} '{item_id}'.",
                 file=source, page=page, hint=HINT)


def check_public_site(edition: EditionOutput, prints: Fingerprints, paths: dict) -> list[Finding]:
    """Every file of the public edition: its name, its links and addresses, its text."""
    findings = []
    linked: dict[tuple[str, str], tuple[str, tuple] | None] = {}  # (folder, link) -> (target, owner) of a leak
    addresses = list(paths)
    address_automaton = _automaton(addresses)
    for name in edition.all_files:
        page = f"public/{name}"
        where = f"public file {page}"
        owner = _path_hit(name, paths)
        if owner:
            findings.append(_file_leak(where, page, "this file's name", owner))
        if name.endswith(".html"):
            scan = edition.scan(name)
            findings += [_leak(where, page, hit) for hit in prints.found_in(scan.heard())]
            folder = posixpath.dirname(name)
            for url in dict.fromkeys(link.url for link in scan.links):
                key = (folder, url)  # pages in one folder share their menu's links: each is judged once
                if key not in linked:
                    target = local_target(name, url)
                    owner = _path_hit(target, paths) if target else None
                    linked[key] = (target, owner) if owner else None
                if linked[key]:
                    target, owner = linked[key]
                    findings.append(_file_leak(where, page, f"a link to {target}", owner))
        elif name.endswith((".js", ".json", ".xml", ".txt")):
            text = edition.text(name)
            findings += [_leak(where, page, hit) for hit in prints.found_in(text)]
            findings += [_file_leak(where, page, f"the address {addresses[index]}", paths[addresses[index]])
                         for index in _found(address_automaton, text)]
    return findings


def looked_for(content) -> tuple[Fingerprints, dict]:
    """The professional-only texts and site paths a public output must not hold."""
    return Fingerprints(fingerprints(content)), professional_paths(content)


def check_public_packs(site: BuiltSite) -> list[Finding]:
    """The public packs: the print HTML each PDF was made from, and the offline zip's file list."""
    if site.packs_dir is None or not site.packs_dir.exists():
        return []
    prints, paths = looked_for(site.content)
    findings = []
    for name in pack_files("public", site.content.translation_tags):
        page = f"packs/{name}"
        where = f"public pack {page}"
        if name.endswith(".zip"):
            bundle = site.packs_dir / name
            if not bundle.exists():
                continue
            with zipfile.ZipFile(bundle) as archive:
                for entry in archive.namelist():
                    owner = _path_hit(entry.split("/", 1)[-1], paths)
                    if owner:
                        findings.append(_file_leak(where, page, f"the file {entry}", owner))
            continue
        source = print_html_dir(site.packs_dir) / f"{name}.html"
        if source.exists():
            text = read_page(source.read_bytes()).heard()
            findings += [_leak(where, page, hit) for hit in prints.found_in(text)]
    return findings


def check_professional_marking(site: BuiltSite, edition: EditionOutput) -> list[Finding]:
    """Every professional page: robots noindex, and the edition's name where a reader sees it."""
    content = site.content
    # Each language tree names the edition in its own words (site.<tag>.yml), the source at the root.
    labels = {language.tag: localized(content, language).site.editions.professional.label
              for language in content.languages if language.tag != content.source_language}
    findings = []
    for name in edition.html_files:
        tree = name.split("/", 1)[0] if "/" in name else ""
        label = labels.get(tree, content.site.editions.professional.label)
        scan = edition.scan(name)
        robots = " ".join(meta.content for meta in scan.metas if meta.name == "robots").lower()
        where = edition.where(name)
        if "noindex" not in robots:
            findings.append(error(NAME, "professional edition page has no <meta name=\"robots\" "
                                  "content=\"noindex\">.", hint="The theme adds it to every page of the "
                                  "professional edition (config.extra.tk.noindex); keep it there.", **where))
        if normalise(label) not in normalise(scan.text):
            findings.append(error(NAME, f"professional edition page does not say '{label}'.",
                                  hint="Every professional page shows the edition's name (banner or footer).",
                                  **where))
    return findings


def check_edition(site: BuiltSite, edition: EditionOutput) -> list[Finding]:
    """The public edition: no leak; the professional edition: every page marked."""
    if edition.name == "public":
        return check_public_site(edition, *looked_for(site.content))
    return check_professional_marking(site, edition) if edition.name == "professional" else []


def finish(site: BuiltSite, found: dict[str, list[Finding]]) -> list[Finding]:
    """The editions' findings, with the public packs' between them."""
    return found.get("public", []) + check_public_packs(site) + found.get("professional", [])


def check(site: BuiltSite) -> list[Finding]:
    return every_edition(site, check_edition, finish)
