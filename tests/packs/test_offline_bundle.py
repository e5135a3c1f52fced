"""The offline bundle opened from file:// in Chromium: navigation and search work, and nothing leaves the disk."""

from __future__ import annotations

import re
import zipfile

import pytest

from toolkit.packs.offline import bundle_folder

pytestmark = pytest.mark.browser


def unzip(packs_build, tmp_path_factory, edition: str):
    project, _ = packs_build
    folder = tmp_path_factory.mktemp(f"offline-{edition}")
    with zipfile.ZipFile(project / "packs" / f"{edition}-offline.zip") as bundle:
        bundle.extractall(folder)
    return folder / bundle_folder("Fixture toolkit", edition)


@pytest.fixture(scope="module")
def unzipped(packs_build, tmp_path_factory):
    return unzip(packs_build, tmp_path_factory, "public")


def watched_page(browser):
    """A page that records every request and every console error or warning."""
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return context, page, requests, problems


def test_bundle_is_one_folder_with_a_readme_the_site_and_plain_text_worksheets(packs_build):
    project, _ = packs_build
    with zipfile.ZipFile(project / "packs" / "public-offline.zip") as bundle:
        names = bundle.namelist()
    assert {name.split("/", 1)[0] for name in names} == {"fixture-toolkit-public-offline"}
    for name in ("README.txt", "index.html", "search.html", "worksheets/coping-plan.html",
                 "worksheets/coping-plan.txt", "help.html"):
        assert f"fixture-toolkit-public-offline/{name}" in names
    assert [n for n in names if re.fullmatch(r"fixture-toolkit-public-offline/search/docs\.[0-9a-f]{10}\.js", n)]
    assert not [name for name in names if "responding-to-disclosure" in name]


def test_navigation_and_search_work_from_file_with_zero_network_requests(browser, unzipped):
    context, page, requests, problems = watched_page(browser)

    page.goto((unzipped / "index.html").as_uri())
    assert page.evaluate("document.documentElement.classList.contains('tk-js')")  # our script ran under the CSP
    page.get_by_role("link", name="I'm worried about my own thoughts or behaviour").click()
    assert page.url.endswith("/self/index.html")
    page.get_by_role("link", name="What can I do today?").first.click()
    assert page.url.endswith("/modules/first-steps.html")
    assert page.get_by_role("heading", level=1).inner_text() == "What can I do today?"

    page.get_by_role("link", name="Search", exact=True).first.click()
    page.fill("#tk-search-input", "coping")
    page.wait_for_selector("#tk-search-results li a", timeout=5000)
    assert "My coping plan" in page.inner_text("#tk-search-results")
    page.get_by_role("link", name="My coping plan").first.click()
    assert page.url.endswith("/worksheets/coping-plan.html")

    page.get_by_role("link", name="Plain text version of this worksheet").click()
    assert "My coping plan" in page.inner_text("body")

    context.close()
    assert requests, "the test saw no requests at all"
    assert [url for url in requests if not url.startswith("file://")] == []
    assert problems == []


def test_the_professional_bundle_works_from_file_with_its_own_modules(browser, packs_build, tmp_path_factory):
    folder = unzip(packs_build, tmp_path_factory, "professional")
    context, page, requests, problems = watched_page(browser)
    page.goto((folder / "index.html").as_uri())
    assert page.evaluate("document.documentElement.classList.contains('tk-js')")
    page.get_by_role("link", name="I work with children or families").click()
    assert page.url.endswith("/professionals/index.html")
    page.get_by_role("link", name="Responding to a disclosure").first.click()
    assert page.url.endswith("/modules/responding-to-disclosure.html")
    assert page.get_by_role("heading", level=1).inner_text() == "Responding to a disclosure"
    page.get_by_role("link", name="Search", exact=True).first.click()
    page.fill("#tk-search-input", "disclosure")
    page.wait_for_selector("#tk-search-results li a", timeout=5000)
    assert "Responding to a disclosure" in page.inner_text("#tk-search-results")
    context.close()
    assert requests
    assert [url for url in requests if not url.startswith("file://")] == []
    assert problems == []
