"""Material's stylesheet keeps only the rules an edition's pages can use."""

from __future__ import annotations

import hashlib
from pathlib import Path

from toolkit.harden.unused_css import PRUNED, Features, prune_css, theme_original

SHEET = (
    ":root,[data-md-color-scheme=slate]{--md-x:1}"
    ".md-typeset a:hover,.md-header{color:red}"
    "body>.md-container{margin:0}"
    ".md-typeset :is(.admonition,details){border:0}"
    "kbd{font:inherit}"
    "#tk-main:focus-visible{outline:0}"
    ".tk-js .md-nav{display:none}"
    "@media print{.md-footer{display:none}.md-typeset{font-size:1em}}"
    "@media screen{.md-search{top:0}}"
    "@keyframes spin{to{transform:rotate(1turn)}}"
)


def features_of(html: str, scripts: str = "") -> Features:
    features = Features()
    features.add_html(html.encode())
    features.script_words = set(scripts.split())
    return features


def test_rules_are_kept_only_when_every_name_they_need_is_in_a_page_or_a_script():
    page = ('<html><body><div class="md-container"><main id="tk-main"><article class="md-typeset">'
            '<a href="x">x</a></article></main><nav class="md-nav"></nav></div></body></html>')
    assert prune_css(SHEET, features_of(page, scripts="tk-js")) == (
        ":root{--md-x:1}"
        ".md-typeset a:hover{color:red}"
        "body>.md-container{margin:0}"
        ".md-typeset :is(.admonition,details){border:0}"
        "#tk-main:focus-visible{outline:0}"
        ".tk-js .md-nav{display:none}"
        "@media print{.md-typeset{font-size:1em}}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
    )


def test_a_class_only_a_script_adds_keeps_its_rules():
    page = '<html><body><nav class="md-nav"></nav></body></html>'
    assert ".tk-js .md-nav{display:none}" not in prune_css(SHEET, features_of(page))
    assert ".tk-js .md-nav{display:none}" in prune_css(SHEET, features_of(page, scripts="tk-js"))


def built_stylesheet(site_dir) -> Path:
    """Material's stylesheet as the build published it: pruned, then named by its content."""
    [path] = (site_dir / "assets" / "stylesheets").glob("main.*.min.css")
    return path


def test_the_built_stylesheet_is_the_theme_less_what_no_page_uses(built_minimal):
    project, _ = built_minimal
    for edition in ("public", "professional"):
        built = built_stylesheet(project / "site" / edition).read_text(encoding="utf-8")
        original = theme_original(PRUNED[0]).read_text(encoding="utf-8")
        assert len(built) < len(original) / 3
        assert ".md-typeset h1" in built and ".md-sidebar" in built  # our pages use these
        assert ".md-tabs" not in built and ".md-source" not in built  # Material parts we never render


def test_the_pruned_stylesheet_is_named_by_its_own_content(built_minimal):
    """Its name is cached for a year (immutable): Material's name hashes the file before pruning."""
    project, _ = built_minimal
    for edition in ("public", "professional"):
        site = project / "site" / edition
        path = built_stylesheet(site)
        assert path.name == f"main.{hashlib.sha256(path.read_bytes()).hexdigest()[:10]}.min.css"
        assert path.name != PRUNED[0].rsplit("/", 1)[-1]
        assert f'href="assets/stylesheets/{path.name}"' in (site / "index.html").read_text(encoding="utf-8")
