"""Internal links: every href and src in the built output reaches a file of the same edition,
and every #fragment an element with that id.

Covers links MkDocs wrote, links in raw HTML, help cards, worksheets, the
theme's own templates and url() references in stylesheets. Links must be
relative: a link starting with / breaks when the site is served from a folder
or opened from a file:// copy.
"""

from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..findings import Finding, error
from ..pagescan import Link
from ..urls import CSS_URL
from .locate import merge_repeats, where
from .site import BuiltSite, EditionOutput, every_edition

NAME = "internal-links"
NOT_LOCAL = ("data:", "tel:", "sms:", "mailto:", "javascript:", "about:", "blob:")
NOT_FOUND_PAGE = "404.html"


class Targets:
    """The files of one edition, and the verdict on each distinct (folder, link) pair."""

    def __init__(self, edition: EditionOutput):
        self.edition = edition
        self.files = set(edition.all_files)
        self.folders = _folders(self.files)
        # Pages in one folder share their menu and footer links: each is judged once.
        self._verdicts: dict[tuple[str, str], str] = {}

    def problem(self, page: str, url: str) -> tuple[str, bool]:
        """What is wrong with a link from `page`, or '' (also for links that are not local); and whether
        it is only that the file it points to is missing."""
        key = (page if url.startswith("#") else posixpath.dirname(page), url)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = self._judge(page, url) if is_local(url) else ("", False)
        return verdict

    def _judge(self, page: str, url: str) -> tuple[str, bool]:
        parts = urlsplit(url)
        target, problem = self.resolve(page, parts.path)
        if problem:
            return problem, bool(target) and target not in self.files
        return self.fragment_problem(target, parts.fragment) if parts.fragment else "", False

    def resolve(self, page: str, link_path: str) -> tuple[str, str]:
        """(target file, problem) for a local link's path; problem is '' when the file exists."""
        path = unquote(link_path)
        if not path:
            return page, ""
        if path.startswith("/") and posixpath.basename(page) != NOT_FOUND_PAGE:
            return "", "starts with '/', so it breaks when the site is opened from a folder or file:// copy"
        # The 404 page is served at any address, so its links are from the edition's root.
        start = "" if path.startswith("/") else posixpath.dirname(page)
        target = posixpath.normpath(posixpath.join(start, path.lstrip("/")))
        if target == ".." or target.startswith("../"):
            return "", "points outside the edition's folder"
        if path.endswith("/") or target in self.folders or target == ".":
            target = "index.html" if target == "." else f"{target}/index.html"
        if target not in self.files:
            close = difflib.get_close_matches(target, self.files, n=1, cutoff=0.7)
            suggestion = f"; did you mean '{close[0]}'?" if close else ""
            return target, f"points to '{target}', which is not in the built site{suggestion}"
        return target, ""

    def fragment_problem(self, target: str, fragment: str) -> str:
        if not target.endswith(".html"):
            return ""
        ids = self.edition.scan(target).ids
        if fragment in ids or unquote(fragment) in ids:
            return ""
        close = difflib.get_close_matches(unquote(fragment), ids, n=1, cutoff=0.6)
        suggestion = f"; did you mean '#{close[0]}'?" if close else ""
        return f"'{target}' has no element with id '{unquote(fragment)}'{suggestion}"


def _folders(files: set[str]) -> set[str]:
    folders: set[str] = set()
    for name in files:
        parent = posixpath.dirname(name)
        while parent and parent not in folders:
            folders.add(parent)
            parent = posixpath.dirname(parent)
    return folders


def is_local(url: str) -> bool:
    if not url or url == "#" or url.lower().startswith(NOT_LOCAL) or url.startswith("//"):
        return False
    return not urlsplit(url).scheme


def _sentence(text: str) -> str:
    return text if text.endswith("?") else text + "."


@dataclass(frozen=True)
class ToFile:
    """A link to a file the edition did not have when its pages were checked: judged again in finish(),
    because the build copies the packs into downloads/ after the editions are built and checked."""

    page: str
    link: Link


def check_page(site: BuiltSite, targets: Targets, page: str, links: list[Link] | None = None,
               *, later: bool = False) -> list[Finding | ToFile]:
    """The findings of a page's links (all of them, or `links`); with `later`, a link to a missing file
    is a ToFile instead."""
    findings: list[Finding | ToFile] = []
    for link in targets.edition.scan(page).links if links is None else links:
        url = link.url.strip()
        problem, missing = targets.problem(page, url)
        if missing and later:
            findings.append(ToFile(page, link))
        elif problem:
            path, _, fragment = url.partition("#")
            needles = [url, f"#{fragment}" if fragment else "", posixpath.basename(path)]
            findings.append(error(NAME, f"<{link.tag} {link.attribute}=\"{url}\"> {_sentence(problem)}",
                                  hint="Link to pages by id: [text](module:id#heading), (page:id), "
                                       "(worksheet:id) or (help:id); ids come from headings.",
                                  **where(site, targets.edition, page, needles, link.line)))
    return findings


def check_stylesheet(targets: Targets, path: str) -> list[Finding]:
    findings = []
    for ref in CSS_URL.findall(targets.edition.text(path)):
        ref = ref.strip()
        if not is_local(ref) or not urlsplit(ref).path:
            continue
        _, problem = targets.resolve(path, urlsplit(ref).path)
        if problem:
            findings.append(error(NAME, f"url({ref}) {_sentence(problem)}", page=targets.edition.shown(path),
                                  hint="Keep files the stylesheet uses beside it in the theme's assets."))
    return findings


def check_edition(site: BuiltSite, edition: EditionOutput) -> list[Finding | ToFile]:
    """Every link of one edition's pages and stylesheets (repeats not merged yet)."""
    targets = Targets(edition)
    found: list[Finding | ToFile] = []
    for page in edition.html_files:
        found += check_page(site, targets, page, later=True)
    for path in edition.all_files:
        if path.endswith(".css"):
            found += check_stylesheet(targets, path)
    return found


def finish(site: BuiltSite, found: dict[str, list[Finding | ToFile]]) -> list[Finding]:
    """The editions' findings, each link to a missing file judged against the files the edition has now."""
    findings: list[Finding] = []
    for name, items in found.items():
        targets = None
        for item in items:
            if isinstance(item, ToFile):
                targets = targets or Targets(site.editions[name])
                findings += check_page(site, targets, item.page, [item.link])
            else:
                findings.append(item)
    return merge_repeats(findings)


def check(site: BuiltSite) -> list[Finding]:
    return every_edition(site, check_edition, finish)
