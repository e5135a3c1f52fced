"""Privacy: nothing in the output may make a browser contact another site.

Scans every output file. In HTML, only an ordinary `<a href>` may point to
another site, and it must carry rel="noopener noreferrer". Anything that loads
by itself (src, srcset, <link href>, <iframe>, <object>, <form action>, CSS
url() and @import, a URL built in a script) must be a file of this site.
Links to the site's own address are errors too: the site must work under any
host name (an onion address, a file:// copy).
"""

from __future__ import annotations

import re

from ..findings import Finding, error
from .locate import found_in_order
from .site import BuiltSite, EditionOutput, every_edition

NAME = "off-origin"

_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)['\"]?\s*\)|@import\s+['\"]([^'\"]+)['\"]", re.I)
_JS_URL = re.compile(r"""["'`](?:https?:)?//[a-z0-9.-]+""", re.I)
LOADING_ATTRIBUTES = {
    "img": ("src", "srcset", "lowsrc", "dynsrc"), "source": ("src", "srcset"), "script": ("src",),
    "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data", "codebase", "classid", "archive"),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "link": ("href",),
    "form": ("action",), "input": ("src", "formaction"), "button": ("formaction",),
    "use": ("href", "xlink:href"), "image": ("href", "xlink:href"), "base": ("href",),
    "body": ("background",), "table": ("background",), "td": ("background",), "th": ("background",),
}


def _remote(value: str) -> bool:
    return bool(value) and (bool(_REMOTE.match(value)) or value.strip().lower().startswith(("http:", "https:")))


def check_html(edition: EditionOutput, page: str, own_url: str) -> list[Finding]:
    findings = []
    where = edition.where(page)
    scan = edition.scan(page)
    for link in scan.links:
        if link.attribute in LOADING_ATTRIBUTES.get(link.tag, ()) and _remote(link.url):
            findings.append(error(NAME, f"<{link.tag} {link.attribute}=\"{link.url}\"> loads a file from another site.",
                                  hint="Copy the file into the site; readers must never contact "
                                       "another site without clicking a link.", **where))
    for element in scan.elements("iframe", "frame", "object", "embed"):
        findings.append(error(NAME, f"<{element.tag}> element in the page.", hint="Embedded content is not allowed.",
                              **where))
    for meta in scan.metas:
        if meta.http_equiv == "refresh":
            findings.append(error(NAME, "<meta http-equiv=\"refresh\"> redirects the reader.", **where))
    for style in scan.attributes(lambda name: name == "style"):
        if any(_remote(u or i) for u, i in _CSS_URL.findall(style.value)):
            findings.append(error(NAME, "inline style loads a file from another site.", **where))
    for link in scan.links:
        if link.tag != "a" or link.attribute != "href":
            continue
        href = link.url
        if own_url and href.startswith(own_url):
            findings.append(error(NAME, f"link to the site's own address '{href}'.",
                                  hint="Link within the site with a relative link, so it works "
                                       "under any address.", **where))
        elif _remote(href):
            rel = link.rel.split()
            missing = [token for token in ("noopener", "noreferrer") if token not in rel]
            if missing:
                findings.append(error(NAME, f"external link '{href}' lacks rel=\"{' '.join(missing)}\".",
                                      **where))
    return findings


def check_css(edition: EditionOutput, path: str) -> list[Finding]:
    return [
        error(NAME, f"stylesheet loads '{url or imported}' from another site.", page=edition.shown(path),
              hint="Serve fonts and images from the site itself.")
        for url, imported in _CSS_URL.findall(edition.text(path)) if _remote(url or imported)
    ]


def check_script(edition: EditionOutput, path: str) -> list[Finding]:
    return [
        error(NAME, f"script contains the address {match.group(0)[1:]!r}, which could make a request to "
              "another site.", page=edition.shown(path),
              hint="Scripts must only load files of this site.")
        for match in _JS_URL.finditer(edition.text(path))
    ]


def check_edition(site: BuiltSite, edition: EditionOutput) -> list[Finding]:
    """Every file of one edition."""
    own_url = (site.content.site.url or "").rstrip("/") if site.content.site else ""
    findings: list[Finding] = []
    for path in edition.all_files:
        if path.endswith(".html"):
            findings.extend(check_html(edition, path, own_url))
        elif path.endswith(".css"):
            findings.extend(check_css(edition, path))
        elif path.endswith((".js", ".mjs", ".json", ".webmanifest")):
            findings.extend(check_script(edition, path))
    return findings


finish = found_in_order


def check(site: BuiltSite) -> list[Finding]:
    return every_edition(site, check_edition, finish)
