"""Post-process the HTML MkDocs wrote: link attributes, no inline styles, unused theme files.

One pass over every page. It also collects each page's text for the search
index, and reads the page as written for the checks (toolkit.pagescan), so
nothing after this step parses a page again.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import lxml.etree

from ..buildcache import BuildCache, digester, entries_under, toolkit_fingerprint
from ..content.images import SVG_HINT, svg_problem
from ..deploy.fingerprint import SEARCH_MARKER, renamed_reference
from ..findings import Finding, error
from ..pagescan import PageScan, parse_html, read_page
from ..urls import CSS_URL, local_target

EXTERNAL_SCHEMES = ("http:", "https:", "mailto:")
REL_EXTERNAL = ("noopener", "noreferrer")
_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")
_STRING = lxml.etree.XPath("string()", smart_strings=False)
_MARKS = re.compile(b"\xc2[\x91\x92]")  # toolkit.compile.blocks' marks (U+0091, U+0092) in UTF-8


@dataclass
class PageText:
    """What the search index needs from one page."""

    url: str
    title: str
    summary: str
    text: str


@dataclass
class HardenedPage:
    """One page after hardening: its search text (None for a page without an article), findings, and scan."""

    url: str
    text: PageText | None
    findings: list[Finding]
    scan: PageScan
    searches: bool = False  # it holds the search form's marker, which point_search_at names the index in


def iter_html(site_dir: Path) -> list[tuple[str, Path]]:
    """(address in the site, path) of every page under site_dir, in the order of their paths' parts.

    Listed with directory entries (toolkit.buildcache.entries_under): no Path made and related per file."""
    found = [(relative, entry.path) for relative, entry in entries_under(str(site_dir))
             if relative.endswith(".html") and entry.is_file()]
    return [(relative, Path(path)) for relative, path in sorted(found, key=lambda item: item[0].split("/"))]


def harden_page(url: str, raw: bytes, referenced: set[str],
                renamed: dict[str, str] | None = None) -> tuple[bytes, HardenedPage]:
    """Harden one page, the bytes `raw` at `url`: the bytes to write in their place, and what was found.
    References to files in `renamed` (old -> new site path) are pointed at the new names."""
    findings: list[Finding] = []
    doc = parse_html(raw)  # plain lxml.etree: lxml.html's element classes slow every step
    if doc is None:
        return raw, HardenedPage(url, None, [error("privacy", "the page is empty.", page=url,
                                                   hint="Rebuild; if it stays empty, report it as a bug.")],
                                 PageScan())

    if _MARKS.search(raw):
        findings.append(error("privacy", "the page holds a mark of the compile step's HTML blocks (U+0091 or U+0092) "
                              "that the renderer did not take off.", page=url,
                              hint="Keep toolkit.markdown_html in mkdocs.yml's markdown_extensions, and report this "
                                   "page as a bug (toolkit/compile/blocks.py)."))
    _remove_comments(doc)
    # One walk over the elements for the three things harden changes (three XPath queries took twice as long:
    # the one for references to assets alone, with its contains(), took as long as parsing the page).
    for element in doc.iter(lxml.etree.Element):
        get = element.get
        href, src, style = get("href"), get("src"), get("style")
        if href is not None and element.tag == "a" and href.startswith(EXTERNAL_SCHEMES):
            tokens = (get("rel") or "").split()
            for token in REL_EXTERNAL:
                if token not in tokens:
                    tokens.append(token)
            element.set("rel", " ".join(tokens))
        if style is not None:
            match = _ALIGN.match(style)
            if match:
                # Markdown tables align columns with style attributes; a class keeps the CSP strict.
                del element.attrib["style"]
                element.set("class", (get("class", "") + f" tk-align-{match.group(1)}").strip())
            else:
                findings.append(error("privacy", f"inline style attribute on <{element.tag}> is blocked by the "
                                      "Content-Security-Policy.", page=url,
                                      hint="Style it with a class in toolkit/theme/assets/toolkit.css."))
        # Only theme files under assets/ are ever pruned, so only references to them (and to
        # stylesheets, which may point into assets/) are resolved: resolving all 100 links of
        # every page took a quarter of this function's time.
        if (href and ("assets/" in href or ".css" in href)) or (src and "assets/" in src):
            _point_at_assets(element, url, referenced, renamed)

    # UTF-8 bytes straight from libxml2: the same bytes as text encoded again, which took 2.5 times as long on
    # Polish and Arabic pages (0.42 ms a page against 0.17).
    written = lxml.etree.tostring(doc, doctype="<!doctype html>", encoding="utf-8", method="html") + b"\n"
    scan = read_page(written)
    searches = SEARCH_MARKER.search(written) is not None

    article = doc.find(".//article")
    if article is None:
        return written, HardenedPage(url, None, findings, scan, searches)
    title_el = article.find(".//h1")
    title = _STRING(title_el).strip() if title_el is not None else ""
    description = doc.find(".//meta[@name='description']")
    summary = description.get("content", "") if description is not None else ""
    text = " ".join(_STRING(article).split())
    return written, HardenedPage(url, PageText(url, title, summary, text), findings, scan, searches)


def _point_at_assets(element, url: str, referenced: set[str], renamed: dict[str, str] | None) -> None:
    """Note the site files an element's href and src use, pointed at their `renamed` names."""
    for attribute in ("href", "src"):
        value = element.get(attribute, "")
        target = local_target(url, value)
        if target:
            target = target.lstrip("/")  # the 404 page links from the root, to work at any depth
        if target and renamed:
            # From the root, a language tree's 404 page names its own folder first: /pl/assets/...
            key = target if target in renamed else next(
                (k for k in renamed if value.startswith("/") and target.endswith("/" + k)), None)
            if key:
                element.set(attribute, renamed_reference(value, key, renamed))
                target = renamed[key]
        if target:
            referenced.add(target)


def _remove_comments(doc) -> None:
    """Take every HTML comment out of the page: a reader's browser has no use for them, and an author's
    note (a draft sentence, a number) must not reach the page source."""
    for comment in list(doc.iter(lxml.etree.Comment)):
        parent = comment.getparent()
        if parent is None:
            continue  # a comment before <html> is outside the tree lxml writes back
        if comment.tail:
            previous = comment.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + comment.tail
            else:
                parent.text = (parent.text or "") + comment.tail
        parent.remove(comment)


def prune_theme_files(site_dir: Path, referenced: set[str]) -> list[str]:
    """Delete theme assets no page uses (Material ships its JavaScript, search worker and maps)."""
    css_refs: set[str] = set()
    for css in referenced:
        if css.endswith(".css") and (site_dir / css).is_file():
            for ref in CSS_URL.findall((site_dir / css).read_text(encoding="utf-8")):
                target = local_target(css, ref)
                if target:
                    css_refs.add(target)
    keep = referenced | css_refs
    removed = []
    assets = site_dir / "assets"
    for path in sorted(assets.rglob("*"), reverse=True) if assets.exists() else []:
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and rel not in keep:
            path.unlink()
            removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def svg_findings(site_dir: Path) -> list[Finding]:
    """Every SVG file in a built edition checked again, as the loader checks a module's images: only drawing."""
    findings = []
    for path in sorted(site_dir.rglob("*.svg")):
        problem = svg_problem(path.read_bytes())
        if problem:
            findings.append(error("privacy", f"SVG file {problem}.", page=path.relative_to(site_dir).as_posix(),
                                  hint=SVG_HINT))
    return findings


def harden_site(site_dir: Path, renamed: dict[str, str] | None = None,
                cache: BuildCache | None = None) -> list[HardenedPage]:
    """Harden every page (pointing references at `renamed` files), and prune the theme files no page uses.

    With a cache, a page whose rendered bytes, place and asset names are those of a page hardened
    before gets that page's result (its bytes as written, text, findings, scan and the files it uses).
    """
    referenced: set[str] = set()
    # The toolkit's fingerprint and the asset names are hashed once, not once a page.
    key_of = digester(toolkit_fingerprint(), json.dumps(renamed or {}, sort_keys=True))
    pages = []
    for url, path in iter_html(site_dir):
        raw = path.read_bytes()
        key = key_of(url, raw) if cache else ""
        stored = cache.get("harden", key) if cache else None
        if stored is None:
            uses: set[str] = set()
            written, page = harden_page(url, raw, uses, renamed)
            if cache:
                cache.put("harden", key, (written, page, uses))
        else:
            written, page, uses = stored
        path.write_bytes(written)
        referenced |= uses
        pages.append(page)
    prune_theme_files(site_dir, referenced)
    return pages


def search_texts(pages) -> list[PageText]:
    """What the search index holds: every page with an article, except the 404 page."""
    return [page.text for page in pages if page.text is not None and page.url.rsplit("/", 1)[-1] != "404.html"]
