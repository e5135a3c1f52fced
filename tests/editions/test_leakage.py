"""Edition leakage: professional-only content never reaches a public output, and the check finds it if it does."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import build_project, show_professional_worksheet
from toolkit.checks import BuiltSite, EditionOutput, edition_leakage
from toolkit.content import load_content

PROFESSIONAL_SENTENCE = "Professional-only sentence: follow your safeguarding procedure without delay."
HINT = edition_leakage.HINT


@pytest.fixture
def outputs(built_minimal, tmp_path):
    """Writable copies of the minimal fixture's built editions, and a check run over them."""
    project, result = built_minimal
    shutil.copytree(project / "site", tmp_path / "site")
    (tmp_path / "packs").mkdir()
    (tmp_path / "pack-html").mkdir()

    def run(*, editions=("public", "professional")):
        site = BuiltSite(content=result.content,
                         editions={name: EditionOutput(name, tmp_path / "site" / name) for name in editions},
                         packs_dir=tmp_path / "packs")
        return [f.format() for f in edition_leakage.check(site)]

    return tmp_path, run


def test_built_editions_and_packs_have_no_leak(packs_build):
    _, result = packs_build
    assert [f.format() for f in result.findings if f.check == edition_leakage.NAME] == []


def test_clean_copy_passes(outputs):
    _, run = outputs
    assert run() == []


def test_professional_sentence_on_a_public_page_is_found(outputs):
    folder, run = outputs
    page = folder / "site" / "public" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", f"<p>{PROFESSIONAL_SENTENCE}</p></article>"),
                    encoding="utf-8")
    assert run() == [
        "content/modules/responding-to-disclosure/body.md: error: public file public/index.html contains the "
        "sentence of professional-only module 'responding-to-disclosure': "
        f"\"{PROFESSIONAL_SENTENCE}\" (in built page public/index.html)\n    hint: {HINT}"
    ]


def test_professional_page_copied_into_the_public_edition_is_found(outputs):
    folder, run = outputs
    shutil.copy(folder / "site" / "professional" / "modules" / "responding-to-disclosure.html",
                folder / "site" / "public" / "modules" / "responding-to-disclosure.html")
    found = run()
    assert found[0] == (
        "content/modules/responding-to-disclosure/module.yml: error: public file "
        "public/modules/responding-to-disclosure.html has this file's name, which belongs to professional-only "
        "module 'responding-to-disclosure'. (in built page public/modules/responding-to-disclosure.html)\n"
        f"    hint: {HINT}")
    assert any("contains the title of professional-only module 'responding-to-disclosure': "
               "\"Responding to a disclosure\"" in f for f in found)


def test_search_index_and_sitemap_entries_are_found(outputs):
    folder, run = outputs
    public = folder / "site" / "public"
    docs = next((public / "search").glob("docs.*.js"))  # named by its content
    docs.write_text(docs.read_text(encoding="utf-8").replace(
        "[[", '[["Responding to a disclosure","modules/responding-to-disclosure.html",""],[', 1), encoding="utf-8")
    (public / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://example.org/modules/responding-to-disclosure.html</loc>'
        "</url></urlset>", encoding="utf-8")
    found = run()
    assert sorted(f.split(" (in built page")[0] for f in found) == [
        f"content/modules/responding-to-disclosure/module.yml: error: public file public/search/{docs.name} contains "
        "the title of professional-only module 'responding-to-disclosure': \"Responding to a disclosure\"",
        f"content/modules/responding-to-disclosure/module.yml: error: public file public/search/{docs.name} has the "
        "address modules/responding-to-disclosure.html, which belongs to professional-only module "
        "'responding-to-disclosure'.",
        "content/modules/responding-to-disclosure/module.yml: error: public file public/sitemap.xml has the "
        "address modules/responding-to-disclosure.html, which belongs to professional-only module "
        "'responding-to-disclosure'.",
    ]


def test_professional_text_in_a_public_pack_is_found(outputs):
    folder, run = outputs
    (folder / "pack-html" / "self.pdf.html").write_text(
        "<html><body><h2>Responding to a disclosure</h2><p>What to do when someone tells you about harm to a "
        "child.</p></body></html>", encoding="utf-8")
    (folder / "pack-html" / "professionals.pdf.html").write_text(
        "<html><body><h2>Responding to a disclosure</h2></body></html>", encoding="utf-8")
    assert [f.split("\n")[0] for f in run()] == [
        "content/modules/responding-to-disclosure/module.yml: error: public pack packs/self.pdf contains the title "
        "of professional-only module 'responding-to-disclosure': \"Responding to a disclosure\" "
        "(in built page packs/self.pdf)",
        "content/modules/responding-to-disclosure/module.yml: error: public pack packs/self.pdf contains the "
        "summary of professional-only module 'responding-to-disclosure': \"What to do when someone tells you "
        "about harm to a child.\" (in built page packs/self.pdf)",
    ]


def test_every_professional_page_must_be_noindex_and_say_its_edition(outputs):
    folder, run = outputs
    page = folder / "site" / "professional" / "help.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace('<meta name="robots" content="noindex, nofollow, noarchive">', "")
    html = html.replace("Professional edition", "Edition")
    page.write_text(html, encoding="utf-8")
    assert [f.split("\n")[0] for f in run()] == [
        'professional/help.html: error: professional edition page has no <meta name="robots" content="noindex">.',
        "professional/help.html: error: professional edition page does not say 'Professional edition'.",
    ]


def test_edition_name_only_in_an_attribute_does_not_mark_a_page(outputs):
    folder, run = outputs
    page = folder / "site" / "professional" / "help.html"
    html = page.read_text(encoding="utf-8").replace("Professional edition", "Edition")
    html = html.replace("</body>", '<img src="x.png" alt="Professional edition"></body>')
    page.write_text(html, encoding="utf-8")
    assert [f.split("\n")[0] for f in run()] == [
        "professional/help.html: error: professional edition page does not say 'Professional edition'.",
    ]


def test_professional_address_in_any_link_attribute_is_found(outputs):
    folder, run = outputs
    page = folder / "site" / "public" / "help.html"
    target = "modules/responding-to-disclosure.html"
    html = page.read_text(encoding="utf-8").replace("</article>", (
        f'<blockquote cite="{target}#a">q</blockquote><form><button formaction="{target}#b">b</button></form>'
        f'<svg><use xlink:href="{target}#c"></use></svg><img src="a.png" alt="" longdesc="{target}#d"></article>'))
    page.write_text(html, encoding="utf-8")
    # One finding for each distinct address on the page.
    assert [f.split("\n")[0] for f in run()] == [
        "content/modules/responding-to-disclosure/module.yml: error: public file public/help.html has a link to "
        f"{target}, which belongs to professional-only module 'responding-to-disclosure'. (in built page "
        "public/help.html)",
    ] * 4


def test_professional_pages_of_the_fixture_are_all_marked(built_minimal):
    project, _ = built_minimal
    pages = sorted((project / "site" / "professional").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow, noarchive">' in html
        assert "Professional edition" in html


def test_text_shared_with_public_content_is_not_professional_only(project):
    shared = "Write down what helps you in a hard moment, and keep it somewhere private."
    for module in ("first-steps", "responding-to-disclosure"):
        body = project / "content" / "modules" / module / "body.md"
        body.write_text(body.read_text(encoding="utf-8") + f"\n{shared}\n", encoding="utf-8")
    prints = {fingerprint.shown for fingerprint in edition_leakage.fingerprints(load_content(project / "content"))}
    assert shared not in prints
    assert PROFESSIONAL_SENTENCE in prints
    assert "Responding to a disclosure" in prints


@pytest.mark.parametrize("parallel_from", [100, 0])  # 0: the public edition is built and checked in another process
def test_public_module_showing_a_professional_worksheet_fails_the_build(project, parallel_from):
    show_professional_worksheet(project)
    result = build_project(project, parallel_from=parallel_from)
    leaks = [f.message for f in result.findings if f.check == edition_leakage.NAME]
    assert not result.ok
    assert ("public file public/modules/first-steps.html contains the title of professional-only worksheet "
            "'case-notes': \"Case notes for practitioners\"") in leaks
    assert ("public file public/modules/first-steps.html has a link to worksheets/case-notes.html, which "
            "belongs to professional-only worksheet 'case-notes'.") in leaks


def test_normalising_many_texts_at_once_is_normalising_each():
    texts = ["  It’s “fine”\n  here ", "ＦＵＬＬ width", "", "Tab\tand — dash", "ﬁne ligature"]
    assert edition_leakage.normalise_all(texts) == [edition_leakage.normalise(text) for text in texts]
    with_nul = [*texts, "a\x00b"]  # the one-pass join cannot be used: each is normalised alone
    assert edition_leakage.normalise_all(with_nul) == [edition_leakage.normalise(text) for text in with_nul]
