"""Tools for translations: the published schemas, status with word counts, and the hand-off round trip."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from tests.content.test_schemas import _json_ready, _schema
from tests.content.test_validation import edit, load
from tests.languages.conftest import LANGUAGES
from toolkit.content.loader import FRONT_MATTER
from toolkit.translations.handoff import export, import_files
from toolkit.translations.status import report


def _translation_documents():
    for pattern, name in (("site.*.yml", "site"), ("helplines.*.yml", "helplines"),
                          ("modules/*/module.*.yml", "module"), ("worksheets/*.*.yml", "worksheet")):
        for path in sorted(LANGUAGES.glob(pattern)):
            yield name, yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted(LANGUAGES.glob("pages/*.*.md")):
        yield "page", yaml.safe_load(FRONT_MATTER.match(path.read_text(encoding="utf-8"))[1])


def test_translation_files_validate_against_their_published_schemas():
    documents = list(_translation_documents())
    assert len(documents) == 11
    for name, data in documents:
        jsonschema.validate(_json_ready(data), _schema(f"{name}.translation"))


def test_translation_schema_rejects_a_field_that_is_not_translated():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "Tytuł", "topic": "coping-strategies", "translation": {"status": "draft"}},
                            _schema("module.translation"))


def test_status_lists_what_each_language_needs_with_word_counts(translated):
    edit(translated, "modules/first-steps/body.md", "Many people feel alone with this.",
         "Lots of people feel alone with this.")
    lines = report(load(translated))
    assert lines[0] == ("Polski (pl): 2 missing (48 words), 1 out-of-date (95 words), 0 unstamped (0 words), "
                        "6 draft (395 words), 0 reviewed (0 words)")
    assert ("  out-of-date  module first-steps                             95 words  "
            "content/modules/first-steps/module.pl.yml") in lines
    assert ("  missing      page privacy                                   23 words  "
            "content/pages/privacy.ar.md") in lines


def test_export_then_import_brings_a_translators_files_back(translated, tmp_path):
    folder = tmp_path / "for-translator"
    written = export(load(translated), "ar", folder)
    assert "content/pages/privacy.ar.md" in written
    checklist = (folder / "CHECKLIST.md").read_text(encoding="utf-8")
    assert "- [ ] missing: page privacy (23 words): content/pages/privacy.ar.md" in checklist
    starter = folder / "content/pages/privacy.ar.md"
    # Sent back unchanged, the starter has no translator: refused, and content/ is left as it was.
    copied, findings = import_files(translated, folder)
    assert copied == [] and not (translated / "content/pages/privacy.ar.md").exists()
    assert "content/pages/privacy.ar.md:6:15: error: translation.translator: must not be empty." in [
        f.format().split("\n")[0] for f in findings]
    starter.write_text(starter.read_text(encoding="utf-8")
                       .replace("title: Privacy and staying safe online", "title: الخصوصية والأمان على الإنترنت")
                       .replace("translator: ''", "translator: مترجم")
                       .replace("Nothing. No cookies, no tracking.", "لا شيء. لا ملفات تعريف ارتباط ولا تتبع."),
                       encoding="utf-8")
    for name in written:
        if "helplines" in name or "responding-to-disclosure" in name:
            (folder / name).unlink()  # the translator sent back only what they finished
    copied, _ = import_files(translated, folder)
    assert "content/pages/privacy.ar.md" in copied
    assert ("page", "privacy", "ar") in load(translated).variants
