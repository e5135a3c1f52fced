"""Easy read versions: a variant tree of the public edition, its pictures, its check, its freshness and its packs.

All through build() on tests/fixtures/sites/easy-read (the minimal fixture plus easy read versions of
first-steps and talking-to-your-child, the Stop It Now! card and four pictures).
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.conftest import FIXTURES, build_project, copy_content
from tests.content.test_validation import edit
from tests.packs.test_pack_step import figure_alts
from tests.packs.test_pdf_structure import _body_font_sizes

EASY = FIXTURES / "sites" / "easy-read" / "content"


@pytest.fixture
def easy(tmp_path):
    return copy_content(tmp_path, EASY)


@pytest.fixture(scope="module")
def easy_built(tmp_path_factory):
    """The fixture built once with its packs."""
    project = copy_content(tmp_path_factory.mktemp("easy"), EASY)
    result = build_project(project, packs=True)
    assert result.ok, [f.format() for f in result.findings if f.severity.value == "error"]
    return project, result


def test_the_easy_read_tree_is_in_the_public_edition_only_with_its_modules_pictures_and_search(easy_built):
    project, _ = easy_built
    tree = project / "site" / "public" / "easy-read"
    assert sorted(path.name for path in (tree / "modules").glob("*.html")) == [
        "first-steps.html", "talking-to-your-child.html"]  # responding-to-disclosure has no easy read version
    assert sorted(path.name for path in (tree / "pictures").glob("*.svg")) == [
        "1F4DD.svg", "1F4DE.svg", "1F5E3.svg", "1F9D1.svg"]
    assert (tree / "404.html").is_file() and (tree / "search.html").is_file()
    assert not (project / "site" / "professional" / "easy-read").exists()
    page = (tree / "modules" / "first-steps.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB" dir="ltr" class="no-js tk-easy-read">' in page
    assert ('<p class="tk-idea"><img class="tk-picture" src="../pictures/1F4DE.svg" alt="A telephone" width="64" height="64"> '
            "You can <strong>call</strong> Stop It Now! helpline") in page
    assert "<dt>confidential</dt><dd>It means they keep what you say private, with some limits.</dd>" in page
    assert ("This easy read page is new. People with learning disabilities have not checked it yet.") in page
    assert 'href="talking-to-your-child.html"' in page
    assert 'hreflang=' not in page
    start = (tree / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h3>I'm worried about my own thoughts or behaviour</h3><ul class=\"tk-list\"><li>"
                     r'<a href="modules/first-steps.html">What can I do today\?</a>', start)
    search = "".join(path.read_text(encoding="utf-8") for path in (tree / "search").glob("docs.*.js"))
    assert "What can I do today" in search and "Three small steps you can take today" not in search


def test_source_pages_that_have_a_version_link_to_it_with_a_picture(easy_built):
    project, _ = easy_built
    public = project / "site" / "public"
    link = ('<p class="tk-easy-link"><a href="../easy-read/modules/first-steps.html"><img class="tk-picture" '
            'src="../pictures/1F4D6.svg" alt="" width="64" height="64"><span>Easy read version</span></a></p>')
    assert link in (public / "modules" / "first-steps.html").read_text(encoding="utf-8")
    assert 'href="easy-read/index.html"' in (public / "index.html").read_text(encoding="utf-8")
    assert (public / "pictures" / "1F4D6.svg").is_file()
    credit = ('<p class="tk-credit">All emojis designed by OpenMoji, the open-source emoji and icon project. '
              "License: CC BY-SA 4.0.</p>")
    assert credit in (public / "about.html").read_text(encoding="utf-8")
    assert credit in (public / "easy-read" / "about.html").read_text(encoding="utf-8")
    assert "easy-read" not in (project / "site" / "professional" / "modules" / "first-steps.html").read_text(
        encoding="utf-8")


def test_the_easy_read_help_card_uses_the_easy_words_and_the_registry_hours(easy_built):
    project, _ = easy_built
    page = (project / "site" / "public" / "easy-read" / "modules" / "talking-to-your-child.html").read_text(
        encoding="utf-8")
    assert "<p>You can call if you worry about your thoughts about children. They will listen." in page
    assert ("<dt>When it is open</dt><dd>Monday to Thursday: 9am to 9pm. Friday: 9am to 5pm. Fixture hours, "
            "not real. These are UK times.</dd><dt>What they keep private</dt><dd>You do not have to say your "
            "name.</dd>") in page


def test_an_easy_read_pack_per_audience_with_easy_modules_tagged_large_and_with_pictures(easy_built):
    project, _ = easy_built
    packs = project / "packs"
    assert sorted(path.name for path in packs.glob("*.easy.pdf")) == ["parents-carers.easy.pdf", "self.easy.pdf"]
    assert (project / "site" / "public" / "downloads" / "self.easy.pdf").is_file()
    pdf = PdfReader(packs / "self.easy.pdf")
    catalog = pdf.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB" and bool(catalog["/MarkInfo"]["/Marked"])
    assert 'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert figure_alts(pdf) == ["A person", "A telephone", "A paper and a pen", "A person talking"]
    assert min(_body_font_sizes(pdf)) >= 16
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "All emojis designed by OpenMoji" in text


def test_a_changed_source_sentence_makes_exactly_its_easy_read_version_out_of_date(easy):
    edit(easy, "modules/first-steps/body.md", "Many people feel alone with this.", "Lots of people feel alone.")
    result = build_project(easy)
    stale = sorted(f.file for f in result.findings if f.check == "translations" and "out of date" in f.message)
    assert stale == ["content/modules/first-steps/module.easy.yml"]


def test_release_refuses_draft_easy_read_versions(easy):
    result = build_project(easy, release=True)
    assert not result.published
    drafts = [f.format() for f in result.findings if f.message.startswith("draft easy read version")]
    assert ("content/modules/first-steps/module.easy.yml:9:11: error: translation.source: draft easy read "
            "version: not yet checked by a reviewer with a learning disability; published with a notice.\n"
            "    hint: When a review group of people with learning disabilities has checked it, set status: "
            "reviewed and reviewed_by: (the group). A release build (--release) refuses it.") in drafts
    assert len(drafts) == 3


def test_an_unknown_picture_is_an_error_with_a_did_you_mean(easy):
    edit(easy, "modules/first-steps/body.easy.md", "{{ picture: phone }}", "{{ picture: phon }}")
    result = build_project(easy)
    assert not result.ok
    assert ("content/modules/first-steps/body.easy.md:5:1: error: unknown picture 'phon'.\n"
            "    hint: Did you mean 'phone'?") in [f.format() for f in result.findings]
    assert [f for f in result.findings if f.check == "easy-read"] == []  # reported once, by the loader


def test_the_easy_read_check_finds_each_broken_rule(easy):
    edit(easy, "modules/first-steps/body.easy.md", "{{ picture: paper }} **Write** down what helps you.",
         "Write down everything that helps you, because it will help you later on when you feel bad again.")
    result = build_project(easy)
    assert [f.format() for f in result.findings if f.check == "easy-read"] == [
        "content/modules/first-steps/body.easy.md:11: error: paragraph has no picture.\n"
        "    hint: Start it with a picture from content/pictures.yml: {{ picture: name }}.",
        "content/modules/first-steps/body.easy.md:11: error: sentence of 18 words: 'Write down everything "
        "that helps you, because it will hel...'; easy read allows at most 15.\n"
        "    hint: Split it in two: one idea a sentence.",
        "content/modules/first-steps/body.easy.md:11: error: sentence has more than one clause ('because'): "
        "'Write down everything that helps you, because it will hel...'.\n"
        "    hint: Make each idea a sentence of its own.",
        "content/modules/first-steps/body.easy.md:11: error: word 'everything' has 4 syllables; easy read keeps "
        "to 3.\n    hint: Use a shorter, everyday word, or explain it under words: in the version's .easy.yml "
        "(everything: what it means).",
    ]
    assert not result.published


def test_translations_status_and_the_review_desk_list_the_easy_read_drafts(easy):
    import datetime as dt

    from toolkit.content import load_content
    from toolkit.review_desk import items
    from toolkit.translations.status import report

    content = load_content(easy / "content")
    assert report(content)[0] == ("Easy read (easy): 7 missing (397 words), 0 out-of-date (0 words), 0 unstamped "
                                  "(0 words), 3 draft (162 words), 0 reviewed (0 words)")
    due = [(item.owner, item.id, item.due) for item in items(content, easy, dt.date(2026, 12, 1))
           if item.kind == "easy-read"]
    assert due == [("Easy read review group", "helpline:stop-it-now", None),
                   ("Easy read review group", "module:first-steps", None),
                   ("Easy read review group", "module:talking-to-your-child", None)]
