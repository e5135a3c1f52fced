"""A module page's first load: one stylesheet, our two scripts and the icon, at most 16 KB gzip (issue 18).

Counted as the bench counts it (toolkit/bench/firstload.py, in Chromium, on a synthetic site):
the page and every file it loads, each compressed on its own with gzip at level 6. Here the
files are the ones the page names, read from the built edition without a browser, which is
what the bench's browser fetches for a module page (no font, no other site, nothing lazy).
"""

from __future__ import annotations

import gzip
import re

from toolkit.urls import local_target

CEILING = 16 * 1024  # bytes, gzip
LOADS = re.compile(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"|<script src="([^"]+)"|<img [^>]*src="([^"]+)"')


def test_a_module_page_loads_one_stylesheet_and_at_most_16_kb_gzip(built_minimal):
    project, _ = built_minimal
    site = project / "site" / "public"
    page = "modules/first-steps.html"
    html = (site / page).read_text(encoding="utf-8")
    files = [local_target(page, "".join(match)) for match in LOADS.findall(html)]
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".*.", name) for name in files] == [
        "assets/favicon.svg", "assets/toolkit.*.css", "assets/toolkit.*.js", "assets/open-now.*.js"]
    sizes = {name: len(gzip.compress((site / name).read_bytes(), 6, mtime=0)) for name in [page, *files]}
    assert sum(sizes.values()) <= CEILING, sizes
