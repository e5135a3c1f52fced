"""An edition's one stylesheet keeps only the rules of Material's and ours that its pages can use."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from toolkit.harden.unused_css import Features, full_stylesheet, prune_css

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
    "@page{margin:25mm}"
)


def features_of(html: str, scripts: str = "") -> Features:
    features = Features()
    features.add_html(html.encode())
    features.script_words = set(scripts.split())
    return features


PAGE = ('<html><body><div class="md-container"><main id="tk-main"><article class="md-typeset">'
        '<a href="x">x</a></article></main><nav class="md-nav"></nav></div></body></html>')


def test_rules_are_kept_only_when_every_name_they_need_is_in_a_page_or_a_script():
    assert prune_css(SHEET, features_of(PAGE, scripts="tk-js")) == (
        ".md-typeset a:hover{color:red}"
        "body>.md-container{margin:0}"
        ".md-typeset :is(.admonition,details){border:0}"
        "#tk-main:focus-visible{outline:0}"
        ".tk-js .md-nav{display:none}"
        "@media print{.md-typeset{font-size:1em}}"
        "@page{margin:25mm}"
    )


def test_pages_read_with_the_tags_seen_before_left_out_give_the_same_names_and_scripts():
    pages = [("index.html", PAGE + '<script src="assets/a.js"></script>'),
             ("modules/a.html", PAGE + '<SCRIPT src="../assets/a.js"></SCRIPT><p class="tk-lead">x</p>'),
             ("modules/b.html", '<p class="tk-lead">y</p><kbd id="k">z</kbd><script src="b.js"></script>')]
    each, seen_once, seen = Features(), Features(), set()
    for url, html in pages:
        each.add_html(html.encode(), url)
        seen_once.add_html(html.encode(), url, seen)
    assert seen_once == each
    assert each.scripts == {"assets/a.js", "modules/b.js"}
    assert {"kbd", "p", "main"} <= each.elements and {"tk-lead", "md-typeset"} <= each.classes
    assert (b"p", b' class="tk-lead"') in seen and not any(tag.lower() == b"script" for tag, _ in seen)


def test_a_rule_for_an_opened_menu_is_kept_though_no_page_or_script_says_open():
    # The browser sets `open` on a <details> when the reader opens it; no built page has the attribute.
    page = '<html><body><details class="tk-menu"><summary>Menu</summary></details></body></html>'
    sheet = ".tk-menu[open]{flex-basis:100%}.tk-menu[hidden]{display:none}"
    assert prune_css(sheet, features_of(page)) == ".tk-menu[open]{flex-basis:100%}"


def test_a_class_only_a_script_adds_keeps_its_rules():
    page = '<html><body><nav class="md-nav"></nav></body></html>'
    assert ".tk-js .md-nav{display:none}" not in prune_css(SHEET, features_of(page))
    assert ".tk-js .md-nav{display:none}" in prune_css(SHEET, features_of(page, scripts="tk-js"))


def test_custom_properties_and_animations_are_kept_only_when_a_kept_rule_or_a_script_uses_them():
    sheet = (
        ":root{--md-read:1px;--md-layer:var(--md-base);--md-base:#000;--md-unread:2px;--md-icon:url('x.svg');"
        "--tk-set-by-script:0}"
        ".md-typeset{margin:var(--md-read);color:var(--md-layer);animation:spin 1s}"
        ".md-header{padding:var(--md-unread);animation-name:fade}"  # a rule no page uses
        "@keyframes spin{to{transform:rotate(1turn)}}"
        "@keyframes fade{to{opacity:0}}"
        "@keyframes pulse{to{opacity:.5}}"
    )
    assert prune_css(sheet, features_of(PAGE, scripts="tk-set-by-script pulse")) == (
        ":root{--md-read:1px;--md-layer:var(--md-base);--md-base:#000;--tk-set-by-script:0}"
        ".md-typeset{margin:var(--md-read);color:var(--md-layer);animation:spin 1s}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
        "@keyframes pulse{to{opacity:.5}}"
    )


def test_a_rule_left_with_no_declaration_goes():
    sheet = "html{--md-unread:1}.md-typeset{--md-also-unread:2}a{color:red}"
    assert prune_css(sheet, features_of(PAGE)) == "a{color:red}"


def test_our_stylesheet_is_written_without_comments_or_spaces_it_does_not_need():
    sheet = """/* Why this rule. */
.md-typeset   a ,
.tk-menu > summary {
  color : var(--tk-link) !important;   /* a comment inside */
  font-family: system-ui, "Segoe  UI", sans-serif;
  content: " (" attr(href) ")";
}
@media screen and (min-width: 76.25em) { .tk-menu { display: none; } }
:root { --tk-link: #0b4f8a; }
"""
    page = '<html><body><details class="tk-menu"><summary>Menu</summary></details></body></html>'
    assert prune_css(sheet, features_of(page)) == (
        '.tk-menu>summary{color:var(--tk-link)!important;font-family:system-ui,"Segoe  UI",sans-serif;'
        'content:" (" attr(href) ")"}'
        "@media screen and (min-width: 76.25em){.tk-menu{display:none}}"
        ":root{--tk-link:#0b4f8a}"
    )


def built_stylesheet(site_dir: Path) -> Path:
    """The one stylesheet as the build published it: pruned, then named by its content."""
    [path] = (site_dir / "assets").glob("toolkit.*.css")
    return path


def test_each_edition_has_one_stylesheet_named_by_its_content_with_the_rules_its_pages_use(built_minimal):
    """Its name is cached for a year (immutable), so it follows the pruned content."""
    project, _ = built_minimal
    full = full_stylesheet()
    for edition in ("public", "professional"):
        site = project / "site" / edition
        path = built_stylesheet(site)
        built = path.read_text(encoding="utf-8")
        assert path.name == f"toolkit.{hashlib.sha256(path.read_bytes()).hexdigest()[:10]}.css"
        assert len(built) < len(full) / 4
        assert built.startswith('@charset "UTF-8";html{')  # Material's rules first, as in the cascade
        assert ".md-typeset h1{" in built and ".md-sidebar{" in built  # Material's, which our pages use
        assert ".tk-header{" in built and ".tk-quick-exit:focus-visible{" in built  # ours
        assert "@media (forced-colors: active){" in built and "@media print{" in built
        assert ".md-tabs" not in built and ".md-source" not in built  # Material parts we never render
        assert "--md-source-forks-icon" not in built and "@keyframes" not in built  # what nothing kept uses
        assert "/*" not in built
        assert not (site / "assets" / "stylesheets").exists()  # Material's own copy: its rules are in ours
        for page in ("index.html", "modules/first-steps.html"):
            html = (site / page).read_text(encoding="utf-8")
            assert re.findall(r'<link rel="stylesheet" href="([^"]+)">', html) == [
                "../" * page.count("/") + f"assets/{path.name}"]


def test_rules_for_what_an_edition_has_not_stay_out_of_its_stylesheet(built_minimal):
    project, _ = built_minimal
    public = built_stylesheet(project / "site" / "public").read_text(encoding="utf-8")
    professional = built_stylesheet(project / "site" / "professional").read_text(encoding="utf-8")
    assert ".tk-edition-banner{" in professional and ".tk-edition-banner" not in public
    for absent in (".tk-easy-read", ".tk-idea", ".tk-languages", ".tk-notice"):  # no easy read, one language
        assert absent not in public and absent not in professional
