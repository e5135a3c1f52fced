"""Checks over content that every build runs: readability, module structure, placeholders."""

from __future__ import annotations

from tests.conftest import build_project
from toolkit.readability import measure_markdown


def formatted(result, check: str) -> list[str]:
    return [f.format() for f in result.findings if f.check == check]


def test_reading_grade_above_ceiling_fails_the_build(project):
    site = project / "content/site.yml"
    site.write_text(site.read_text().replace("professional_max_grade: 13", "professional_max_grade: 1"))
    body = project / "content/modules/responding-to-disclosure/body.md"
    grade = measure_markdown(body.read_text()).grade
    assert grade > 1
    result = build_project(project)
    assert not result.ok
    assert [m for m in formatted(result, "readability") if "responding-to-disclosure" in m] == [
        f"content/modules/responding-to-disclosure/body.md: error: reading grade {grade} is above the "
        "professional ceiling of 1.\n    hint: Use shorter sentences and everyday words; split long sentences in two.",
        "content/modules/responding-to-disclosure/body.md: warning: 13 words; a module should have 400 to 900 so "
        "it can be read in one sitting.\n    hint: Split a long module in two, or add to a short one.",
    ]
    table = {row["module"]: row for row in result.built_site.reports["readability"]}
    assert table["responding-to-disclosure"]["grade"] == grade
    assert table["responding-to-disclosure"]["ceiling"] == 1


def test_public_module_without_pause_worksheet_or_read_next_is_flagged(built_minimal):
    _, result = built_minimal
    assert formatted(result, "module-structure") == [
        "content/modules/talking-to-your-child/body.md: warning: public module has no pause point.\n"
        "    hint: Add {{ pause }} where a reader might need a break, about halfway.",
        "content/modules/talking-to-your-child/module.yml:1:1: warning: worksheets: public module has no "
        "worksheet or exercise.\n    hint: Add a worksheet id under worksheets:, or {{ worksheet: id }} in the text.",
        "content/modules/talking-to-your-child/module.yml:1:1: warning: read_next: public module suggests "
        "nothing to read next.\n    hint: Add one to three module ids under read_next:.",
    ]


def test_placeholders_warn_and_fail_a_release(project):
    normal = build_project(project)
    assert normal.ok
    assert formatted(normal, "placeholders") == [
        "content/site.yml:14:16: warning: organisation.placeholder: the publisher's details are still "
        "placeholders.\n    hint: Fill in organisation: in site.yml and set placeholder: false."
    ]
    release = build_project(project, release=True)
    assert not release.ok
    assert formatted(release, "placeholders")[0].startswith("content/site.yml:14:16: error: organisation.placeholder")


def test_a_module_without_a_practice_review_says_so_and_fails_a_release(project):
    """No page claims a review that has not happened (practice review 2026-12, section 1.7)."""
    module = project / "content/modules/talking-to-your-child/module.yml"
    module.write_text(module.read_text().replace("  last_reviewed: 2026-11-01\n", ""))
    normal = build_project(project)
    assert normal.ok
    assert formatted(normal, "placeholders")[1:] == [
        "content/modules/talking-to-your-child/module.yml:10:3: warning: review: 1 module(s) have not yet had a "
        "practice review (first: talking-to-your-child); their pages say so.\n"
        "    hint: Once a named role has reviewed a module, write the role under review.owner and the date under "
        "review.last_reviewed."
    ]
    page = (project / "site/public/modules/talking-to-your-child.html").read_text(encoding="utf-8")
    assert '<p class="tk-review">This page has not yet had a practice review by an experienced practitioner.</p>' in page
    assert "Last reviewed" not in page
    reviewed = (project / "site/public/modules/first-steps.html").read_text(encoding="utf-8")
    assert "Last reviewed 1 November 2026 by the Practice lead. Next review due 1 May 2027." in reviewed
    release = build_project(project, release=True)
    assert not release.ok
    assert "error: review: 1 module(s) have not yet had a practice review" in formatted(release, "placeholders")[1]


def test_a_placeholder_owner_is_not_a_review_even_with_a_date(project):
    module = project / "content/modules/first-steps/module.yml"
    module.write_text(module.read_text().replace("owner: Practice lead", "owner: Practice lead (placeholder)"))
    result = build_project(project)
    page = (project / "site/public/modules/first-steps.html").read_text(encoding="utf-8")
    assert "This page has not yet had a practice review by an experienced practitioner." in page
    assert "Last reviewed" not in page
    assert [m.split(": warning: ")[1].split("\n")[0] for m in formatted(result, "placeholders")[1:]] == [
        "review.owner: 1 module(s) name 'Practice lead (placeholder)' as review owner.",
        "review: 1 module(s) have not yet had a practice review (first: first-steps); their pages say so.",
    ]


def test_urgent_lines_for_one_audience_show_only_on_its_pages(project):
    """site.yml urgent_help.routes[].audiences and steps; audiences.<a>.also_for on the start and audience pages."""
    site = project / "content/site.yml"
    site.write_text(site.read_text().replace(
        "    - when: You, or someone else, may be about to harm themselves\n",
        "    - when: You feel you might harm a child right now\n"
        "      steps: Move away from the child now. Then\n"
        "      helplines: [emergency-services, stop-it-now]\n"
        "      audiences: [self]\n"
        "    - when: You, or someone else, may be about to harm themselves\n").replace(
        "    short: About me\n",
        "    short: About me\n    also_for:\n      label: I'm under 18\n      module: first-steps\n"))
    result = build_project(project)
    assert result.ok, [f.format() for f in result.findings]
    line = ('<li><strong>You feel you might harm a child right now:</strong> Move away from the child now. Then call '
            '<a class="tk-tel" href="tel:999;phone-context=+44"><span class="tk-nowrap" dir="ltr">999</span></a> or '
            'Stop It Now! helpline: call <a class="tk-tel" href="tel:+448081000900">'
            '<span class="tk-nowrap" dir="ltr">0808 1000 900</span></a></li>')
    public = project / "site/public"
    for page in ("modules/first-steps.html", "self/index.html", "worksheets/coping-plan.html"):
        assert line in (public / page).read_text(encoding="utf-8"), page
    for page in ("index.html", "modules/talking-to-your-child.html", "parents-carers/index.html"):
        html = (public / page).read_text(encoding="utf-8")
        assert "You feel you might harm a child" not in html, page
        assert "<strong>A child is in danger right now:</strong>" in html, page
    home = (public / "index.html").read_text(encoding="utf-8")
    assert "<li class=\"tk-choices__also\"><a href=\"modules/first-steps.html\">I'm under 18</a></li>" in home
    audience = (public / "self/index.html").read_text(encoding="utf-8")
    assert "<p class=\"tk-cta tk-also\"><a href=\"../modules/first-steps.html\">I'm under 18</a></p>" in audience
