"""A deployment's local services (--local-contacts FILE) reach its help pages and packs, validated like the registry."""

from __future__ import annotations

import lxml.html

from tests.conftest import LOCAL_CONTACTS, build_project, write_tree


def test_local_service_is_on_the_help_page_of_both_editions(packs_build):
    project, _ = packs_build
    for edition in ("public", "professional"):
        page = lxml.html.parse(str(project / "site" / edition / "help.html")).getroot()
        card = page.get_element_by_id("help-fife-family-support")
        assert card.find_class("tk-card__title")[0].text_content() == "Fife Family Support Line"
        # Its own links; the "while it is closed" box after its title links to the help page and coping plan.
        assert [a.get("href") for a in card.iter("a") if not a.xpath("ancestor::*[@data-tk-meanwhile]")] == [
            "tel:+441314960018"]
        assert "Monday to Wednesday: 10am to 4pm." in card.text_content()
        assert "Details checked with the service on 20 October 2026." in card.text_content()


def test_local_contacts_are_validated_exactly_like_the_registry(project):
    broken = LOCAL_CONTACTS.replace("    audiences: [self, family-friends, parents-carers]\n", "").replace(
        '        e164: "+441314960018"\n', '        e164: "0131 496 0018"\n')
    write_tree(project, {"local/contacts.yml": broken})
    result = build_project(project, local_contacts=project / "local" / "contacts.yml")
    assert not result.ok
    assert [f.format() for f in result.findings if f.severity.value == "error"] == [
        "local/contacts.yml:2:5: error: helplines[0]: missing required field 'audiences'.\n    hint: Add "
        "'audiences:' (list of one of `self`, `family-friends`, `parents-carers`, `professionals`).",
        "local/contacts.yml:8:15: error: helplines[0].phones[0].e164: '0131 496 0018' is not in the expected "
        "form.\n    hint: Write + then the country code and number, no spaces.",
    ]
    assert not (project / "site").exists()


def test_a_local_service_cannot_reuse_a_registry_id(project):
    write_tree(project, {"local/contacts.yml": LOCAL_CONTACTS.replace("id: fife-family-support", "id: samaritans")})
    result = build_project(project, local_contacts=project / "local" / "contacts.yml")
    assert not result.ok
    assert any(f.message.startswith("duplicate helpline id 'samaritans'") for f in result.findings)
