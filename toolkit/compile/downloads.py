"""The downloads page: the edition's printable packs and offline copy, served from `downloads/` on the site.

Only made when the build makes packs (toolkit/deploy/downloads.py copies them
in after the pack step); a build with --no-packs has no downloads page.
"""

from __future__ import annotations

from html import escape

from ..content.variants import EASY
from ..packs.plan import PACK_EDITIONS, VARIANTS, offline_name, pdf_name
from .pages import Edition, Page, front_matter, html_link

PATH = "downloads.md"
TITLE = "Packs and offline copy"
FOLDER = "downloads"


def downloads_page(edition: Edition) -> Page:
    """A page linking every pack of the edition's audiences and its offline zip."""
    site = edition.content.site
    rows = []
    for audience, made_from in PACK_EDITIONS.items():
        if made_from != edition.name:
            continue
        words = getattr(site.audiences, audience)
        for variant in VARIANTS:
            kind = "Large print pack" if variant == "large-print" else "Printable pack"
            name = pdf_name(audience, variant)
            rows.append(f"<li>{html_link(f'{kind}: {words.short}', PATH, f'{FOLDER}/{name}')}"
                        f'<span class="tk-list__summary">{escape(words.label)} (PDF)</span></li>')
        if any(audience in module.audiences and ("module", module.id, EASY) in edition.content.variants
               for module in edition.modules):  # toolkit/packs prints an easy read pack for this audience
            name = pdf_name(audience, "standard", EASY)
            rows.append(f"<li>{html_link(f'Easy read pack: {words.short}', PATH, f'{FOLDER}/{name}')}"
                        f'<span class="tk-list__summary">{escape(words.label)} (PDF, easy read)</span></li>')
    rows.append(f"<li>{html_link('Offline copy of this site', PATH, f'{FOLDER}/{offline_name(edition.name)}')}"
                '<span class="tk-list__summary">A zip file. Unzip it and open index.html: it works without '
                "the internet.</span></li>")
    text = (front_matter(TITLE, "Printable packs and a copy of this site to use offline.")
            + "# Packs and offline copy\n\nPrint a pack, or keep this site on your device to read without the "
              "internet. Downloading a file is like visiting a page: the site keeps no record of who you are.\n\n"
            + f'<ul class="tk-list">{"".join(rows)}</ul>\n')
    return Page(PATH, TITLE, text, "downloads", toc=False)
