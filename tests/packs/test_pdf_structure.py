"""The PDFs are tagged PDF/UA-1 documents with language, title and bookmarks; large print is large."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from toolkit.packs import PACK_EDITIONS, VARIANTS, pdf_name

PACKS = [(audience, variant) for audience in PACK_EDITIONS for variant in VARIANTS]


def reader(project, audience, variant="standard") -> PdfReader:
    return PdfReader(project / "packs" / pdf_name(audience, variant))


@pytest.mark.parametrize(("audience", "variant"), PACKS)
def test_pdf_is_tagged_with_language_title_and_ua_identification(packs_build, audience, variant):
    project, _ = packs_build
    pdf = reader(project, audience, variant)
    catalog = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/StructTreeRoot"].get_object()["/K"]  # the structure tree has content
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    title = pdf.metadata.title
    assert title.startswith("Fixture toolkit: ")
    assert title.endswith("(large print)") == (variant == "large-print")
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp


def test_bookmarks_follow_the_parts_and_modules(packs_build):
    project, _ = packs_build
    pdf = reader(project, "self")

    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    found = list(titles(pdf.outline))
    for title in ("Cover", "Contents", "About this pack", "Coping strategies", "What can I do today?",
                  "Worksheets", "My coping plan", "Services that can help", "Stop It Now! helpline"):
        assert title in found
    # Headings inside modules and worksheets are not bookmarked: the list stays short.
    assert "What is the first step?" not in found


def _body_font_sizes(pdf: PdfReader) -> list[float]:
    """Font sizes, in points, of every run of text on the pages after the contents."""
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.append(round(size * scale, 1))

    for page in pdf.pages[2:]:
        page.extract_text(visitor_text=visit)
    return sizes


def test_large_print_body_text_is_at_least_16_points(packs_build):
    project, _ = packs_build
    large = _body_font_sizes(reader(project, "self", "large-print"))
    standard = _body_font_sizes(reader(project, "self"))
    most_common = max(set(large), key=large.count)
    assert most_common >= 16
    assert max(set(standard), key=standard.count) < 16
