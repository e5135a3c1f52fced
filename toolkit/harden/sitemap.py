"""sitemap.xml for a public edition: every page in every language, with its hreflang alternates.

Written only when site.yml gives the site's address (`url`): a sitemap needs absolute
addresses. The professional edition gets none: it is kept out of search engines.
"""

from __future__ import annotations

from pathlib import Path

from ..compile.links import html_path


def quoteattr(value: str) -> str:
    """`value` as an XML attribute value in its quotes, as xml.sax.saxutils.quoteattr writes it (which would import
    urllib.request, http.client and ssl: 19 ms of every build's start)."""
    for raw, entity in (("&", "&amp;"), (">", "&gt;"), ("<", "&lt;"), ("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;")):
        value = value.replace(raw, entity)
    if '"' not in value:
        return f'"{value}"'
    return f"'{value}'" if "'" not in value else '"{}"'.format(value.replace('"', "&quot;"))


NAMESPACES = ('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
              'xmlns:xhtml="http://www.w3.org/1999/xhtml"')


def write_sitemap(site_dir: Path, base_url: str, trees: dict[str, tuple[str, list[str]]]) -> Path:
    """trees: language tag -> (its folder in the edition, '' or 'pl/'; its pages' Markdown paths)."""
    base = base_url.rstrip("/") + "/"
    having: dict[str, list[str]] = {}
    for tag, (_, pages) in trees.items():
        for page in pages:
            having.setdefault(page, []).append(tag)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset {NAMESPACES}>"]
    for root, pages in trees.values():
        for page in sorted(pages):
            lines.append(f"  <url><loc>{base}{root}{html_path(page)}</loc>")
            if len(having[page]) > 1:
                lines += [f'    <xhtml:link rel="alternate" hreflang={quoteattr(other)} '
                          f'href={quoteattr(base + trees[other][0] + html_path(page))}/>' for other in having[page]]
            lines.append("  </url>")
    lines.append("</urlset>")
    path = site_dir / "sitemap.xml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
