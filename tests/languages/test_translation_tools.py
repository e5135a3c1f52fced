"""Tools for translations: the published schemas, status with word counts, and the hand-off round trip."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from tests.content.test_schemas import _json_ready, _schema
from tests.content.test_validation import edit, load
from tests.languages.conftest import LANGUAGES
from toolkit.cli import main
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
    copied, findings = import_files(translated / "content", folder)
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
    copied, _ = import_files(translated / "content", folder)
    assert "content/pages/privacy.ar.md" in copied
    assert ("page", "privacy", "ar") in load(translated).variants


def test_import_copies_into_the_content_folder_given(translated, tmp_path, capsys):
    folder = tmp_path / "returned"
    export(load(translated), "ar", folder)
    for name in ("content/helplines.ar.yml", "content/modules/responding-to-disclosure/module.ar.yml",
                 "content/modules/responding-to-disclosure/body.ar.md"):
        (folder / name).unlink()
    starter = folder / "content/pages/privacy.ar.md"
    starter.write_text(starter.read_text(encoding="utf-8").replace("translator: ''", "translator: مترجم"),
                       encoding="utf-8")
    (translated / "content").rename(translated / "texts")
    assert main(["translations", "import", str(folder), "--root", str(translated),
                 "--content", str(translated / "texts")]) == 0
    assert capsys.readouterr().out.strip().endswith("7 file(s) copied into texts/.")
    assert (translated / "texts/pages/privacy.ar.md").read_bytes() == starter.read_bytes()
    assert not (translated / "content").exists()


def test_import_refuses_every_file_that_is_not_a_translation(translated, tmp_path):
    folder = tmp_path / "returned"
    export(load(translated), "ar", folder)
    helplines = translated / "content/helplines.yml"
    before = helplines.read_bytes()
    (folder / "content/helplines.yml").write_bytes(before.replace(b"0808", b"0909"))
    (folder / "content/pages/privacy.xx.md").write_text("---\ntitle: x\n---\nx\n", encoding="utf-8")
    (folder / "content/modules/notes.ar.yml").write_text("title: x\n", encoding="utf-8")
    copied, findings = import_files(translated / "content", folder)
    assert copied == [] and helplines.read_bytes() == before
    assert not (translated / "content/pages/privacy.ar.md").exists()
    hint = ("    hint: Remove it from the folder. Translation files are named like module.<tag>.yml, "
            "body.<tag>.md or helplines.<tag>.yml, with a tag site.yml lists (pl, ar).")
    assert [f.format() for f in findings] == [
        f"content/{name}: error: not a translation file: only translations are taken back, nothing was copied.\n"
        + hint for name in ("helplines.yml", "modules/notes.ar.yml", "pages/privacy.xx.md")]


def test_import_of_a_folder_without_translations_says_so(translated, tmp_path):
    copied, findings = import_files(translated / "content", tmp_path / "empty")
    assert copied == []
    assert [f.format() for f in findings] == [
        f"{tmp_path / 'empty' / 'content'}: error: holds no translation files: nothing was copied.\n"
        "    hint: Import the folder `toolkit translations export` wrote, with its content/ folder inside and the "
        "translated files in it."]


def test_an_import_that_is_undone_leaves_no_folder_behind(translated, tmp_path):
    folder = tmp_path / "returned"
    (folder / "content/modules/ghost").mkdir(parents=True)
    (folder / "content/modules/ghost/module.pl.yml").write_text("title: Duch\n", encoding="utf-8")
    copied, findings = import_files(translated / "content", folder)
    assert copied == [] and not (translated / "content/modules/ghost").exists()
    assert "content/modules/ghost/module.pl.yml: error: translation of a module that does not exist: there is no " \
           "module.yml in content/modules/ghost/.\n    hint: A translation sits beside its source; check the folder " \
           "name, or write the module in the source language first." in [f.format() for f in findings]
