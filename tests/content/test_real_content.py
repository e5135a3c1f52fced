"""The toolkit's own content: every module through load, render and every check; the counts issue 4 asks for."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.conftest import ROOT, build_project
from toolkit.content import load_content
from toolkit.content.body import prose_only
from toolkit.content.model import PUBLIC_AUDIENCES, TOPICS
from toolkit.findings import Severity
from toolkit.phones import find_numbers
from toolkit.readability import measure_markdown

CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil

    project = tmp_path_factory.mktemp("real") / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project, build_project(project, content_dir=CONTENT)


def test_content_loads_without_errors(content):
    assert [f.format() for f in content.findings if f.severity is Severity.ERROR] == []


def test_at_least_two_public_modules_per_audience_and_topic(content):
    public = [m for m in content.modules.values() if m.edition == "public"]
    cells = Counter((a, m.topic) for m in public for a in m.audiences)
    short = {(a, t): cells[(a, t)] for a in PUBLIC_AUDIENCES for t in TOPICS if cells[(a, t)] < 2}
    assert short == {}


def test_at_least_six_professional_modules(content):
    professional = [m for m in content.modules.values() if m.edition == "professional"]
    assert len(professional) >= 6
    assert all(m.audiences == ["professionals"] for m in professional)


def test_pause_module_reaches_every_audience(content):
    pause = content.modules["need-a-pause"]
    assert pause.edition == "public"
    assert set(pause.audiences) == {"self", "family-friends", "parents-carers", "professionals"}


def test_required_site_pages_and_worksheets_exist(content):
    assert {"start-here", "about", "privacy", "accessibility", "packs"} <= set(content.pages)
    assert {"personal-safety-plan", "coping-plan", "signs-im-at-risk"} <= set(content.worksheets)


@pytest.mark.parametrize("module_id", sorted(p.name for p in (CONTENT / "modules").iterdir() if p.is_dir()))
def test_module_reading_grade_length_and_no_typed_numbers(content, module_id):
    module = content.modules[module_id]
    reading = measure_markdown(module.body)
    ceiling = 8 if module.edition == "public" else 12
    assert reading.grade <= ceiling, f"{module_id}: grade {reading.grade}"
    assert 400 <= reading.words <= 900, f"{module_id}: {reading.words} words"
    assert find_numbers(prose_only(module.body)) == []
    assert not re.search(r"\btel:", module.body)
    if module.edition == "public":
        assert re.search(r"\{\{\s*pause\s*\}\}", module.body)
        assert module.worksheets and module.helplines and module.read_next and module.key_points


def test_every_module_builds_and_passes_every_check(built):
    project, result = built
    assert [f.format() for f in result.findings if f.severity is Severity.ERROR] == []
    for module in result.content.modules.values():
        assert (project / "site" / "professional" / "modules" / f"{module.id}.html").is_file()
        public = project / "site" / "public" / "modules" / f"{module.id}.html"
        assert public.is_file() == (module.edition == "public")


def test_each_audience_reaches_something_to_do_and_a_number_in_two_clicks(built):
    """Home -> audience page (one click) shows a number to call; its first module link is the second click."""
    project, result = built
    site = result.content.site
    home = (project / "site/public/index.html").read_text(encoding="utf-8")
    for audience in PUBLIC_AUDIENCES:
        assert f'href="{audience}/index.html"' in home
        page = (project / f"site/public/{audience}/index.html").read_text(encoding="utf-8")
        words = getattr(site.audiences, audience)
        assert 'class="tk-tel" href="tel:' in page.split('<article', 1)[1]
        assert f'href="../modules/{words.start_with}.html"' in page
        assert "worksheet" in (project / f"site/public/modules/{words.start_with}.html").read_text(encoding="utf-8")


NEW_SERVICES = ("shore", "report-remove", "ceop", "breathing-space", "nhs-24", "crimestoppers")


def test_new_services_are_unverified_and_cite_the_practice_review(content):
    for helpline_id in NEW_SERVICES:
        helpline = content.helplines[helpline_id]
        assert helpline.verification.status == "unverified", helpline_id
        assert any("practice-review-2026-12.md" in source.source for source in helpline.sources), helpline_id


def test_confidentiality_terms_follow_the_services_published_terms(content):
    """Practice review 1.1: Stop It Now!'s three limits, Samaritans' exceptions, NSPCC's records."""
    stop = " ".join(content.helplines["stop-it-now"].confidentiality.split())
    for limit in ("identifies a child who has been abused or is at risk of abuse",
                  "any other person is at risk of harm", "details of a criminal offence"):
        assert limit in stop
    assert "when a child or an adult who can be identified is at risk" in content.helplines["samaritans"].confidentiality
    assert "records calls" in content.helplines["nspcc-helpline"].confidentiality
    texts = [m.body for m in content.modules.values()] + [h.confidentiality for h in content.helplines.values()]
    assert not [t for t in texts if "completely anonymous" in t]


def _clicks_from_home(project, *path):
    """Follow links from the public start page: each step must be a link on the page before it."""
    public = project / "site/public"
    page = "index.html"
    for target in path:
        html = (public / page).read_text(encoding="utf-8")
        relative = re.findall(r'href="([^"#]+)"', html)
        base = (public / page).parent
        matches = [h for h in relative if (base / h).resolve() == (public / target).resolve()]
        assert matches, f"{target} is not linked from {page}"
        page = target
    return (public / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("clicks", [
    ("modules/under-18-worried-about-your-thoughts.html",),          # an under-18 reader
    ("self/index.html", "modules/devices-seized-after-an-arrest.html"),  # a reader just arrested
])
def test_readers_we_missed_reach_a_help_card_and_something_to_do_within_two_clicks(built, clicks):
    project, _ = built
    html = _clicks_from_home(project, *clicks)
    article = html.split("<article", 1)[1]
    assert 'class="tk-card"' in article and 'class="tk-tel" href="tel:' in article
    assert 'class="tk-worksheet-box"' in article


def test_self_pages_carry_the_right_now_and_under_18_lines_and_others_do_not(built):
    project, _ = built
    public = project / "site/public"
    harm = "<strong>You feel you might harm a child right now:</strong> Move away from the child"
    under_18 = "<strong>You are under 18 and worried about your own thoughts or behaviour:</strong> Childline: call"
    for page in ("self/index.html", "modules/managing-urges.html", "worksheets/coping-plan.html"):
        html = (public / page).read_text(encoding="utf-8")
        assert harm in html and under_18 in html, page
    for page in ("index.html", "family-friends/index.html", "modules/raising-a-concern.html"):
        html = (public / page).read_text(encoding="utf-8")
        assert harm not in html and under_18 not in html, page


def test_urgent_box_puts_999_before_samaritans_and_no_page_claims_a_review(built):
    """Practice review 1.5 and 1.7."""
    project, result = built
    for page in sorted((project / "site/public").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        box = re.search(r'<aside class="tk-urgent".*?</aside>', html, re.S).group(0)
        assert box.index("tel:999;") < box.index("tel:116123;"), page
        assert "Last reviewed" not in html, page
    for module in result.content.modules.values():
        if module.edition == "public":
            html = (project / f"site/public/modules/{module.id}.html").read_text(encoding="utf-8")
            assert "This page has not yet had a practice review by an experienced practitioner." in html
