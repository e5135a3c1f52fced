"""What a reader of each PDF pack finds in it, read back with a real PDF parser (pypdf)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from toolkit.packs import PACK_EDITIONS, VARIANTS, pdf_name

PACKS = [(audience, variant) for audience in PACK_EDITIONS for variant in VARIANTS]
PROFESSIONAL_ONLY = ("Responding to a disclosure", "Professional-only sentence", "Listen, record, refer.")


@cache
def pages_text(path: Path) -> tuple[str, ...]:
    """Each page's text, with line breaks and runs of spaces made single spaces."""
    return tuple(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def text_of(project: Path, audience: str, variant: str = "standard") -> str:
    return " ".join(pages_text(project / "packs" / pdf_name(audience, variant)))


def test_every_audience_gets_a_standard_and_a_large_print_pack(packs_build):
    project, _ = packs_build
    names = sorted(path.name for path in (project / "packs").iterdir())
    assert names == sorted([pdf_name(a, v) for a, v in PACKS] + ["public-offline.zip", "professional-offline.zip",
                                                              ".toolkit-output"])  # the marker: a build made it


# Help routes of each audience in the fixture: the registry's, the urgent box's, and the local contact.
ROUTES = {
    "self": ["Stop It Now! helpline", "0808 1000 900", "Samaritans", "116 123", "999", "Fife Family Support Line",
             "0131 496 0018"],
    "family-friends": ["Stop It Now! helpline", "0808 1000 900", "Samaritans", "Fife Family Support Line"],
    "parents-carers": ["Stop It Now! helpline", "0808 1000 900", "Samaritans", "Fife Family Support Line"],
    "professionals": ["Samaritans", "116 123", "Emergency services", "999", "Stop It Now! helpline"],
}


@pytest.mark.parametrize(("audience", "variant"), PACKS)
def test_pack_lists_every_help_route_of_its_audience_with_hours_and_checked_date(packs_build, audience, variant):
    project, _ = packs_build
    text = text_of(project, audience, variant)
    for route in ROUTES[audience]:
        assert route in text
    assert "Monday to Thursday: 9am to 9pm. Friday: 9am to 5pm. Fixture hours, not real." in text
    assert "Details checked with the service on 1 November 2026." in text
    assert "Open 24 hours a day, every day." in text
    assert "These details have not yet been confirmed with the service." in text  # Samaritans is unverified


def test_local_contacts_are_in_the_public_packs_only_for_their_audiences(packs_build):
    project, _ = packs_build
    text = text_of(project, "self")
    assert "Services near you" in text
    assert "Fife Family Support Line" in text
    assert "Monday to Wednesday: 10am to 4pm." in text
    assert "Details checked with the service on 20 October 2026." in text
    assert "Fife Family Support Line" not in text_of(project, "professionals")
    # Local services come first in the help section: before every registry service of the audience.
    local = text.index("Services near you")
    heading = text.rindex("Services that can help", 0, local)  # the part's heading, just before
    assert "Stop It Now! helpline" not in text[heading:local]  # no registry card comes before them
    help_section = text[local:]
    assert help_section.index("Fife Family Support Line") < help_section.index("Stop It Now! helpline")


@pytest.mark.parametrize("audience", [a for a, edition in PACK_EDITIONS.items() if edition == "public"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_public_packs_hold_no_professional_only_text(packs_build, audience, variant):
    project, _ = packs_build
    text = text_of(project, audience, variant)
    for words in PROFESSIONAL_ONLY:
        assert words not in text


def test_professional_pack_holds_the_professional_module(packs_build):
    project, _ = packs_build
    text = text_of(project, "professionals")
    for words in PROFESSIONAL_ONLY:
        assert words in text
    assert "Professional edition. For registered professionals only" in text


@pytest.mark.parametrize(("audience", "variant"), PACKS)
def test_every_page_has_the_urgent_box_and_its_page_number(packs_build, audience, variant):
    project, _ = packs_build
    pages = pages_text(project / "packs" / pdf_name(audience, variant))
    for number, text in enumerate(pages, start=1):
        assert "Need help now? A child is in danger right now: call 999" in text
        assert f"Page {number} of {len(pages)}" in text


def test_cover_has_version_and_build_date(packs_build):
    project, result = packs_build
    built = dt.datetime.fromtimestamp(result.epoch, tz=dt.UTC).date()
    cover = pages_text(project / "packs" / "self.pdf")[0]
    assert "I'm worried about my own thoughts or behaviour" in cover
    assert "Printable pack" in cover
    assert "Version" in cover and "0.1.0" in cover
    assert f"{built.day} {built.strftime('%B %Y')}" in cover


def test_contents_page_numbers_are_the_pages_things_are_on(packs_build):
    project, _ = packs_build
    pages = pages_text(project / "packs" / "self.pdf")
    contents = pages[1]
    assert contents.startswith("Contents")
    for title in ("What can I do today?", "My coping plan", "Services that can help"):
        match = re.search(re.escape(title) + r" \.{3,} (\d+)", contents)
        assert match, f"{title} not in contents: {contents}"
        page = int(match.group(1))
        assert title in pages[page - 1], f"{title} is not on page {page}"


def test_worksheet_has_writing_space_and_tick_boxes(packs_build):
    project, _ = packs_build
    text = text_of(project, "self")
    assert "My coping plan" in text
    assert "What do I notice when things start to go wrong?" in text
    assert "I feel lonely" in text and "I stay up late online" in text
    assert "1. 2. 3." in text  # the numbered writing lines of the list question


@pytest.mark.parametrize(("audience", "variant"), PACKS)
def test_page_counts_are_sane(packs_build, audience, variant):
    project, _ = packs_build
    count = len(pages_text(project / "packs" / pdf_name(audience, variant)))
    # cover, contents, about, at least one part, services: the fixture is small
    assert 5 <= count <= 20


def test_large_print_takes_more_pages(packs_build):
    project, _ = packs_build
    for audience in PACK_EDITIONS:
        standard = len(pages_text(project / "packs" / pdf_name(audience, "standard")))
        large = len(pages_text(project / "packs" / pdf_name(audience, "large-print")))
        assert large >= standard
