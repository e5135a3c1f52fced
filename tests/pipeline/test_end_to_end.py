"""End to end: the minimal fixture builds both editions with the expected pages."""

from __future__ import annotations

from toolkit.findings import Severity


def test_fixture_builds_both_editions(built_minimal):
    project, result = built_minimal
    assert result.ok
    assert not [f for f in result.findings if f.severity is Severity.ERROR]
    for edition in ("public", "professional"):
        assert (project / "site" / edition / "index.html").is_file()
        assert (project / "site" / edition / "modules" / "first-steps.html").is_file()


def test_professional_module_only_in_professional_edition(built_minimal):
    project, _ = built_minimal
    assert (project / "site" / "professional" / "modules" / "responding-to-disclosure.html").is_file()
    assert not (project / "site" / "public" / "modules" / "responding-to-disclosure.html").exists()


def test_module_page_has_urgent_box_help_card_and_read_next(built_minimal):
    project, _ = built_minimal
    html = (project / "site" / "public" / "modules" / "first-steps.html").read_text(encoding="utf-8")
    assert 'href="tel:999;phone-context=+44"' in html
    assert 'href="tel:+448081000900"' in html
    assert ">0808 1000 900<" in html
    assert 'id="help-stop-it-now"' in html
    assert 'href="talking-to-your-child.html"' in html
    assert 'href="../worksheets/coping-plan.html"' in html


def test_start_page_routes_each_audience(built_minimal):
    project, _ = built_minimal
    public = (project / "site" / "public" / "index.html").read_text(encoding="utf-8")
    professional = (project / "site" / "professional" / "index.html").read_text(encoding="utf-8")
    for label in ("I'm worried about my own thoughts or behaviour", "I'm worried about someone I know",
                  "I'm worried about a child's behaviour"):
        assert f">{label}</a>" in public
    assert "I work with children or families" not in public
    assert "I work with children or families" in professional
