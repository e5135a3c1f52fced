"""Changing a source makes exactly its translations out of date, with the changed paragraph shown."""

from __future__ import annotations

from tests.conftest import build_project
from tests.content.test_validation import edit, load
from toolkit.translations.stamp import stamp


def stale(findings) -> list[tuple[str, str]]:
    return sorted((f.file, f.severity.value) for f in findings
                  if f.check == "translations" and f.message.startswith("out of date"))


def test_one_changed_sentence_makes_exactly_that_modules_translations_out_of_date(translated):
    assert stale(build_project(translated).findings) == []
    edit(translated, "modules/first-steps/body.md", "Many people feel alone with this.",
         "Lots of people feel alone with this.")
    result = build_project(translated)
    assert stale(result.findings) == [("content/modules/first-steps/module.ar.yml", "warning"),
                                      ("content/modules/first-steps/module.pl.yml", "warning")]
    polish = next(f for f in result.findings if f.file == "content/modules/first-steps/module.pl.yml"
                  and f.message.startswith("out of date"))
    assert polish.format().startswith(
        "content/modules/first-steps/module.pl.yml:7:11: warning: translation.source: out of date: "
        "content/modules/first-steps/module.yml and content/modules/first-steps/body.md changed since it was "
        "stamped on 2026-12-01 (source f61af4bec55a, now 2ca90a2fad05).")
    assert polish.extra["changed"] == [
        "- Many people feel alone with this. You are not. You can call {{ phone: stop-it-now }} and talk it through.",
        "+ Lots of people feel alone with this. You are not. You can call {{ phone: stop-it-now }} and talk it "
        "through."]


def test_release_refuses_out_of_date_and_draft_translations(translated):
    edit(translated, "modules/talking-to-your-child/module.yml", "  - Stay calm.", "  - Stay very calm.")
    result = build_project(translated, release=True)
    assert not result.ok and not result.published
    assert ("content/modules/talking-to-your-child/module.pl.yml", "error") in stale(result.findings)
    drafts = {f.file for f in result.findings if f.message.startswith("draft translation")}
    assert "content/pages/privacy.pl.md" in drafts and all(
        f.severity.value == "error" for f in result.findings if f.message.startswith("draft translation"))


def test_stamp_makes_a_changed_translation_current_again(translated):
    edit(translated, "modules/talking-to-your-child/module.yml", "  - Stay calm.", "  - Stay very calm.")
    stamped = stamp(load(translated), files=["content/modules/talking-to-your-child/module.pl.yml"])
    assert [variant.file for variant in stamped] == ["content/modules/talking-to-your-child/module.pl.yml"]
    content = load(translated)
    assert not content.variants[("module", "talking-to-your-child", "pl")].stale
    assert content.variants[("module", "talking-to-your-child", "ar")].stale
