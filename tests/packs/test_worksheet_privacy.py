"""A worksheet page in a real browser: answers can be typed and printed, and are never sent or stored."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

ANSWER = "I notice I stay up late and feel low"


@pytest.fixture
def worksheet_url(packs_build, serve_dir):
    project, _ = packs_build
    return serve_dir(project / "site" / "public") + "worksheets/coping-plan.html"


def _fill(page) -> None:
    page.get_by_label("What do I notice when things start to go wrong?").fill(ANSWER)
    page.get_by_label("I feel lonely").check()
    page.get_by_label("People I can contact").fill("My sister")


def _answers(page) -> list:
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-tk-worksheet] textarea, '
        + '[data-tk-worksheet] input')).map(f => f.type === 'checkbox' ? f.checked : f.value)""")


def test_form_cannot_submit_and_asks_browsers_not_to_remember(browser, worksheet_url):
    page = browser.new_page()
    page.goto(worksheet_url)
    form = page.locator("form[data-tk-worksheet]")
    assert form.get_attribute("action") is None
    assert form.get_attribute("method") is None
    assert form.get_attribute("autocomplete") == "off"
    fields = page.locator("[data-tk-worksheet] textarea, [data-tk-worksheet] input")
    assert fields.count() == 4
    for index in range(fields.count()):
        assert fields.nth(index).get_attribute("name") is None  # nothing a submission could carry
    # Text fields say so themselves too; checkboxes take it from the form (the attribute is invalid on them).
    text_fields = page.locator("[data-tk-worksheet] textarea, [data-tk-worksheet] input:not([type=checkbox])")
    for index in range(text_fields.count()):
        assert text_fields.nth(index).get_attribute("autocomplete") == "off"
    assert page.locator("[data-tk-worksheet] [type=submit]").count() == 0
    page.close()


def test_typing_sends_and_stores_nothing(browser, worksheet_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(worksheet_url)
    page.wait_for_load_state("networkidle")  # the page's own files (and favicon) have loaded
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _fill(page)
    page.get_by_label("I feel lonely").press("Enter")  # implicit submission must send nothing either
    page.wait_for_timeout(300)
    assert _answers(page) == [ANSWER, True, False, "My sister"]
    assert requests == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("indexedDB.databases().then(list => list.length)") == 0
    assert page.evaluate("caches.keys().then(keys => keys.length)") == 0
    state = context.storage_state()
    assert state["cookies"] == []
    assert all(not origin.get("localStorage") for origin in state["origins"])
    context.close()


def test_clear_my_answers_empties_every_field(browser, worksheet_url):
    page = browser.new_page()
    page.goto(worksheet_url)
    _fill(page)
    page.get_by_role("button", name="Clear my answers").click()
    assert _answers(page) == ["", False, False, ""]
    page.close()


def test_answers_are_gone_after_leaving_and_coming_back(browser, worksheet_url):
    page = browser.new_page()
    page.goto(worksheet_url)
    _fill(page)
    page.get_by_role("link", name="Plain text version of this worksheet").click()
    page.go_back()
    page.wait_for_selector("form[data-tk-worksheet]")
    assert _answers(page) == ["", False, False, ""]
    page.close()


def test_without_javascript_answers_can_be_typed_cleared_and_printed(browser, worksheet_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(worksheet_url)
    _fill(page)
    assert _answers(page) == [ANSWER, True, False, "My sister"]
    # The print button needs JavaScript, so it stays hidden; the browser's own Print works.
    assert not page.get_by_role("button", name="Print or save as PDF").is_visible()
    printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(p.extract_text() for p in printed.pages).split())
    assert ANSWER in text
    assert "My sister" in text
    page.get_by_role("button", name="Clear my answers").click()
    assert _answers(page) == ["", False, False, ""]
    context.close()
