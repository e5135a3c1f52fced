"""The translated fixture built end to end: each language its own tree, marked, linked and searchable."""

from __future__ import annotations

import re

import pytest

from tests.conftest import build_project, copy_content, write_tree
from tests.harden.test_search_files import chunk_files, chunk_terms
from tests.languages.conftest import LANGUAGES
from tests.pipeline.test_published_files import png
from toolkit.findings import Severity


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_content(tmp_path_factory.mktemp("languages"), LANGUAGES)
    with (project / "content" / "site.yml").open("a", encoding="utf-8") as site_yml:
        site_yml.write("url: https://toolkit.example.org/\n")  # for the sitemap
    result = build_project(project)
    assert result.ok, [f.format() for f in result.findings if f.severity is Severity.ERROR]
    return project / "site" / "public", result


def read(site, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def read_named(site, name: str) -> str:
    """A search file, which the build names by its content: pl/search/docs -> pl/search/docs.<hash>.js."""
    folder, stem = name.rsplit("/", 1)
    (path,) = (site / folder).glob(f"{stem}.*.js")
    return path.read_text(encoding="utf-8")


def test_each_language_has_its_own_tree_with_lang_and_dir(built):
    site, _ = built
    assert re.search(r'<html lang="en-GB" dir="ltr"', read(site, "modules/first-steps.html"))
    assert re.search(r'<html lang="pl" dir="ltr"', read(site, "pl/modules/first-steps.html"))
    assert re.search(r'<html lang="ar" dir="rtl"', read(site, "ar/modules/first-steps.html"))
    assert '<h1 id="co-mogę-zrobić-dzisiaj">Co mogę zrobić dzisiaj?</h1>' in read(site, "pl/modules/first-steps.html")
    # Not translated into Polish or Arabic: left out of those trees.
    assert not (site / "pl/modules/responding-to-disclosure.html").exists()
    assert {"404.html", "search.html", "index.html"} <= {p.name for p in (site / "ar").iterdir()}


def test_hreflang_alternates_and_a_switcher_of_plain_links(built):
    site, _ = built
    page = read(site, "pl/modules/first-steps.html")
    assert re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page) == [
        ("en-GB", "../../modules/first-steps.html"), ("pl", "first-steps.html"),
        ("ar", "../../ar/modules/first-steps.html")]
    switcher = re.search(r'<ul class="tk-bar__links tk-languages" aria-label="Języki">(.*?)</ul>', page, re.S)[1]
    assert re.findall(r'<a href="([^"]+)" hreflang="(\w[\w-]*)" lang="[^"]+" dir="(\w+)">([^<]+)</a>', switcher) == [
        ("../../modules/first-steps.html", "en-GB", "ltr", "English"),
        ("../../ar/modules/first-steps.html", "ar", "rtl", "العربية")]
    assert '<span lang="pl" dir="ltr" aria-current="true">Polski</span>' in switcher


def test_untranslated_page_is_shown_in_english_with_a_notice_in_the_readers_language(built):
    site, _ = built
    page = read(site, "ar/privacy.html")
    assert '<p class="tk-notice" role="note">لم تُترجم هذه الصفحة إلى العربية بعد. نعرضها بالإنجليزية.</p>' in page
    assert '<article class="md-content__inner md-typeset" lang="en-GB" dir="ltr">' in page
    assert "Privacy and staying safe online" in page


def test_draft_notice_help_cards_in_the_language_and_numbers_isolated(built):
    site, _ = built
    page = read(site, "ar/modules/talking-to-your-child.html")
    assert "هذه الترجمة مسودة." in page
    assert "<dt>ساعات العمل</dt>" in page
    assert '<span class="tk-nowrap" dir="ltr">0808 1000 900</span>' in page
    assert ('<a href="https://www.stopitnow.org.uk/scotland" dir="ltr" rel="noopener noreferrer">'
            'www.stopitnow.org.uk/scotland</a>') in page


def test_one_sitemap_lists_every_language_with_its_alternates(built):
    site, _ = built
    sitemap = read(site, "sitemap.xml")
    assert ("  <url><loc>https://toolkit.example.org/ar/modules/first-steps.html</loc>\n"
            '    <xhtml:link rel="alternate" hreflang="en-GB" href="https://toolkit.example.org/modules/first-steps.html"/>\n'
            '    <xhtml:link rel="alternate" hreflang="pl" href="https://toolkit.example.org/pl/modules/first-steps.html"/>\n'
            '    <xhtml:link rel="alternate" hreflang="ar" href="https://toolkit.example.org/ar/modules/first-steps.html"/>\n'
            "  </url>") in sitemap
    assert "<url><loc>https://toolkit.example.org/modules/responding-to-disclosure.html</loc>" not in sitemap


def test_a_search_index_per_language_folds_polish_and_keeps_arabic(built):
    site, _ = built
    polish = read_named(site, "pl/search/docs")
    assert '"Co mogę zrobić dzisiaj?","modules/first-steps.html"' in polish
    polish_search = site / "pl" / "search"
    assert '"zrobic":' in (polish_search / chunk_files(polish_search)[1]["zr"]).read_text(encoding="utf-8")
    arabic = chunk_terms(site / "ar" / "search", "u627-644")  # "ال", the first two letters of الطفل, اللحظة...
    assert "الصعبه" in arabic  # الصعبة, teh marbuta folded as search folds queries


def test_arabic_indic_digits_typed_into_a_translation_are_a_phone_number(tmp_path):
    project = copy_content(tmp_path, LANGUAGES)
    body = project / "content/modules/first-steps/body.ar.md"
    body.write_text(body.read_text(encoding="utf-8").replace("والتحدث عن الأمر.", "أو ٠٨٠٨ ١٠٠٠ ٩٠٠."),
                    encoding="utf-8")
    result = build_project(project)
    assert not result.ok and not result.published
    assert [f.format() for f in result.findings if f.check == "numbers"] == [
        "content/modules/first-steps/body.ar.md:3:97: error: phone number '٠٨٠٨ ١٠٠٠ ٩٠٠' is typed into the text.\n"
        "    hint: That is the registry's number for stop-it-now. Numbers come only from the helpline registry: "
        "write {{ phone: stop-it-now }} or {{ help-card: stop-it-now }}."]


def test_an_image_only_a_translation_shows_is_published_in_its_language(tmp_path):
    project = copy_content(tmp_path, LANGUAGES)
    module = project / "content/modules/talking-to-your-child"
    write_tree(module, {"rozmowa.png": png()})
    body = module / "body.pl.md"
    body.write_text(body.read_text(encoding="utf-8").replace("Mów krótko i życzliwie.",
                                                             "![Rozmowa](rozmowa.png)\n\nMów krótko i życzliwie."),
                    encoding="utf-8")
    result = build_project(project)
    assert result.ok, [f.format() for f in result.findings if f.severity is Severity.ERROR]
    assert [f.format() for f in result.findings if f.file.startswith("content/modules/talking-to-your-child/")
            and f.check == "files"] == []
    published = sorted(path.relative_to(project / "site/public").as_posix()
                       for path in (project / "site/public").rglob("rozmowa.png"))
    assert published == ["pl/modules/talking-to-your-child/rozmowa.png"]
    assert (project / "site/public" / published[0]).read_bytes() == (module / "rozmowa.png").read_bytes()


def test_a_page_shown_untranslated_links_a_module_its_tree_leaves_out_to_the_source_language(tmp_path):
    project = copy_content(tmp_path, LANGUAGES)
    module = project / "content/modules/talking-to-your-child"
    for translation in module.glob("*.ar.*"):
        translation.unlink()
    first_steps = project / "content/modules/first-steps/body.ar.md"  # linked the module now left out of Arabic
    first_steps.write_text(re.sub(r"\(module:talking-to-your-child[^)]*\)", "(module:first-steps)",
                                  first_steps.read_text(encoding="utf-8")), encoding="utf-8")
    privacy = project / "content/pages/privacy.md"  # not translated into Arabic: shown in English there
    privacy.write_text(privacy.read_text(encoding="utf-8")
                       + "\nRead [about **talking** to your child](module:talking-to-your-child#what-should-i-say).\n",
                       encoding="utf-8")
    result = build_project(project)
    assert result.ok, [f.format() for f in result.findings if f.severity is Severity.ERROR]
    site = project / "site/public"
    assert not (site / "ar/modules/talking-to-your-child.html").exists()
    assert re.findall(r'<a href="[^"]*talking-to-your-child[^"]*"[^>]*>.*?</a>', read(site, "ar/privacy.html")) == [
        '<a href="../modules/talking-to-your-child.html#what-should-i-say" hreflang="en-GB">'
        "about <strong>talking</strong> to your child</a>"]
    # In the languages that have the module, the same link stays in the reader's tree.
    assert re.findall(r'<a href="[^"]*talking-to-your-child[^"]*"[^>]*>', read(site, "pl/privacy.html")) == []
    assert re.findall(r'<a href="[^"]*talking-to-your-child[^"]*"', read(site, "privacy.html")) == [
        '<a href="modules/talking-to-your-child.html#what-should-i-say"']
