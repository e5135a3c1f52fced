"""The same pages built by Hugo, a compiled generator: a yardstick beyond vanilla, with no target.

The Markdown is the public edition our compile step generated, as for vanilla. The theme is
the smallest that gives a page of the same shape as ours: a head with the title and one
stylesheet, a header with the site's name and its sections, the page's title and text, and a
footer. Hugo's Markdown (Goldmark) passes the raw HTML of help cards through and reads the
`{: .class }` attributes. It is Debian's `hugo` package (`apt-get install hugo`); without it
the figure is skipped, with a line that says so.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .measure import Run, run_measured
from .vanilla import fresh_copy

HUGO = "hugo"

CONFIG = """\
baseURL = "http://127.0.0.1/"
title = {title}
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
uglyURLs = true
[markup.goldmark.renderer]
unsafe = true
[markup.goldmark.parser.attribute]
block = true
"""
BASEOF = """\
<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ site.Title }}</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/">{{ site.Title }}</a>
<nav><ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"""
SINGLE = '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}\n'
LIST = ('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}'
        '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')
STYLE = "body { font-family: sans-serif; max-width: 40rem; margin: auto; }\n"


def available() -> bool:
    """Whether Hugo is installed."""
    return shutil.which(HUGO) is not None


def write_hugo_project(docs: Path, folder: Path, site_name: str) -> None:
    """A Hugo project in `folder` with the Markdown of `docs` (an index.md becomes its folder's _index.md)."""
    fresh_copy(docs, folder, "content")
    for index in (folder / "content").rglob("index.md"):
        index.rename(index.with_name("_index.md"))
    (folder / "hugo.toml").write_text(CONFIG.format(title=json.dumps(site_name)), encoding="utf-8")
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, text in (("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST)):
        (layouts / name).write_text(text, encoding="utf-8")
    (folder / "static").mkdir()
    (folder / "static" / "style.css").write_text(STYLE, encoding="utf-8")


def build_hugo(folder: Path) -> Run:
    """`hugo` of the project, in its own process."""
    return run_measured([HUGO, "--quiet", "--destination", "public"], cwd=folder)
