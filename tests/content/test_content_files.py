"""Files the build would skip or that would replace its own pages, and public pages naming professional-only
things: each a validation error at the file or field to change, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write_tree
from tests.content.test_validation import edit, load, messages

PAGE = "---\ntitle: Extra page\n---\nSome words.\n"
SHEET_HINT = "    hint: Did you mean 'extra.yml'? Rename the file."


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("worksheets/extra.yaml", "id: extra\n",
         "content/worksheets/extra.yaml: error: is not read: worksheet files end in '.yml'.\n" + SHEET_HINT),
        ("worksheets/extra.YML", "id: extra\n",
         "content/worksheets/extra.YML: error: is not read: worksheet files end in '.yml'.\n" + SHEET_HINT),
        ("worksheets/notes.txt", "draft\n",
         "content/worksheets/notes.txt: error: is not read: content/worksheets/ holds only worksheets "
         "(<name>.yml).\n    hint: Delete it, or keep it outside content/ (drafts, notes and editor backups "
         "included)."),
        ("pages/extra.MD", PAGE,
         "content/pages/extra.MD: error: is not read: page files end in '.md'.\n"
         "    hint: Did you mean 'extra.md'? Rename the file."),
        ("pages/extra.markdown", PAGE,
         "content/pages/extra.markdown: error: is not read: page files end in '.md'.\n"
         "    hint: Did you mean 'extra.md'? Rename the file."),
        ("pages/guides/extra.md", PAGE,
         "content/pages/guides: error: folder is not read: pages in subfolders are not part of the site.\n"
         "    hint: Move its pages into content/pages/."),
        ("pages/privacy.md~", PAGE,
         "content/pages/privacy.md~: error: is not read: content/pages/ holds only pages (<name>.md).\n"
         "    hint: Delete it, or keep it outside content/ (drafts, notes and editor backups included)."),
        ("modules/notes.md", "draft\n",
         "content/modules/notes.md: error: is not read: each module is a folder holding module.yml and body.md.\n"
         "    hint: Move it into its module's folder, or out of content/."),
        ("pages/.privacy.md.swp", "x", None),
        ("worksheets/.DS_Store", "x", None),
    ],
    ids=["yaml-worksheet", "upper-case-worksheet", "other-worksheet-file", "upper-case-page", "markdown-page",
         "page-in-subfolder", "editor-backup-page", "file-in-modules", "hidden-swap-file", "hidden-system-file"],
)
def test_files_the_build_does_not_read(project, name, data, expected):
    write_tree(project / "content", {name: data})
    assert messages(load(project)) == ([expected] if expected else [])


def test_module_files_with_nearly_the_right_name(project):
    folder = project / "content/modules/first-steps"
    (folder / "module.yml").rename(folder / "Module.yaml")
    folder = project / "content/modules/talking-to-your-child"
    (folder / "body.md").rename(folder / "body.MD")
    found = messages(load(project))
    assert found[0] == ("content/modules/first-steps: error: module folder has no module.yml.\n"
                        "    hint: Did you mean 'module.yml'? Rename 'Module.yaml' to 'module.yml': the build reads "
                        "only that name.")
    assert found[1] == ("content/modules/talking-to-your-child/body.md: error: body.md is missing.\n"
                        "    hint: Did you mean 'body.md'? Rename 'body.MD' to 'body.md': the build reads only that "
                        "name.")


def test_site_file_with_the_wrong_extension(project):
    (project / "content/site.yml").rename(project / "content/site.yaml")
    assert messages(load(project))[0] == (
        "content/site.yml: error: file is missing.\n"
        "    hint: Did you mean 'site.yml'? Rename 'site.yaml' to 'site.yml': the build reads only that name.")


@pytest.mark.parametrize(
    ("slug", "what"),
    [("index", "the start page"), ("search", "the search page"), ("a-z", "the A to Z list"),
     ("help", "the list of services"), ("404", "the page-not-found page")],
)
def test_page_named_like_a_page_the_build_makes(project, slug, what):
    write_tree(project / "content", {f"pages/{slug}.md": PAGE})
    assert messages(load(project)) == [
        f"content/pages/{slug}.md: error: page '{slug}' has the name of {what}, which the build makes and this "
        "page would replace.\n    hint: Choose another file name; the build's own pages are index, search, a-z, "
        "help, 404."]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("About Us.md", "content/pages/About Us.md: error: file name 'About Us.md' cannot be a page address.\n"
         "    hint: Use lower-case letters, digits and hyphens, like 'about-us.md': the file name is the page's "
         "address."),
        ("Privacy.md", "content/pages/Privacy.md: error: file name 'Privacy.md' cannot be a page address.\n"
         "    hint: Use lower-case letters, digits and hyphens, like 'about-us.md': the file name is the page's "
         "address."),
        ("nul.md", "content/pages/nul.md: error: file name 'nul.md' is a name Windows keeps for a device: no file "
         "can be called 'nul.html' there.\n    hint: Add a word, for example 'nul-guide.md'."),
        ("x" * 70 + ".md", f"content/pages/{'x' * 70}.md: error: file name '{'x' * 70}.md' is 70 characters long "
         "before '.md'; at most 64 are allowed.\n    hint: Ids become file names, and the offline copy must unpack "
         "on every system: use a few words, like 'managing-urges'."),
    ],
    ids=["space", "capital-collides-on-case-insensitive-disks", "windows-device", "too-long"],
)
def test_page_file_names_that_cannot_be_addresses(project, name, expected):
    write_tree(project / "content", {f"pages/{name}": PAGE})
    assert messages(load(project)) == [expected]


PROFESSIONAL_HINT = "    hint: Choose a public service, or set edition: professional where it is used."


def test_public_pages_naming_a_professional_only_service_name_the_page_and_field(project):
    edit(project, "helplines.yml", "    regions: [uk]\n    phones:\n      - number: \"0808 1000 900\"",
         "    regions: [uk]\n    edition: professional\n    phones:\n      - number: \"0808 1000 900\"")
    edit(project, "pages/privacy.md", "order: 10", "order: 10\nhelplines: [stop-it-now]")
    assert messages(load(project)) == [
        "content/modules/first-steps/body.md:3:61: error: 'stop-it-now' is a professional-only service, but this "
        "module is in the public edition.\n" + PROFESSIONAL_HINT,
        "content/modules/first-steps/module.yml:9:13: error: helplines[0]: 'stop-it-now' is a professional-only "
        "service, but this module is in the public edition.\n" + PROFESSIONAL_HINT,
        "content/modules/talking-to-your-child/body.md:5:1: error: 'stop-it-now' is a professional-only service, "
        "but this module is in the public edition.\n" + PROFESSIONAL_HINT,
        "content/modules/talking-to-your-child/module.yml:8:13: error: helplines[0]: 'stop-it-now' is a "
        "professional-only service, but this module is in the public edition.\n" + PROFESSIONAL_HINT,
        "content/pages/privacy.md:5:13: error: helplines[0]: 'stop-it-now' is a professional-only service, but "
        "this page is in the public edition.\n" + PROFESSIONAL_HINT,
    ]


def test_urgent_box_and_audience_pages_with_professional_only_routes(project):
    edit(project, "helplines.yml", "    regions: [uk]\n    emergency: true",
         "    regions: [uk]\n    emergency: true\n    edition: professional")
    edit(project, "site.yml", "    short: About me", "    short: About me\n    start_with: responding-to-disclosure")
    edit(project, "site.yml", "    short: Professionals", "    short: Professionals\n"
         "    start_with: responding-to-disclosure\n    call_first: emergency-services")
    assert messages(load(project)) == [
        "content/site.yml:24:19: error: urgent_help.routes[0].helplines[0]: 'emergency-services' is a "
        "professional-only service, but the urgent-help box is in the public edition.\n" + PROFESSIONAL_HINT,
        "content/site.yml:26:31: error: urgent_help.routes[1].helplines[1]: 'emergency-services' is a "
        "professional-only service, but the urgent-help box is in the public edition.\n" + PROFESSIONAL_HINT,
        "content/site.yml:32:17: error: audiences.self.start_with: 'responding-to-disclosure' is a "
        "professional-only module, but the 'self' page is in the public edition.\n"
        "    hint: Choose a public module, or set edition: professional where it is used.",
    ]


def test_a_module_folder_linked_from_inside_content_is_read_through_the_link(project):
    """The loader lists content/ once without following links; a folder behind a link that stays inside
    content/ is still read, and its stray files still reported, as when every question went to the file system."""
    content = project / "content"
    (content / "shared").mkdir()
    (content / "modules" / "first-steps").rename(content / "shared" / "first-steps")
    (content / "shared" / "first-steps" / "notes.txt").write_text("draft\n", encoding="utf-8")
    (content / "modules" / "first-steps").symlink_to(Path("..") / "shared" / "first-steps")
    loaded = load(project)
    assert "first-steps" in loaded.modules
    assert messages(loaded) == []
    assert [finding.format() for finding in loaded.findings] == [
        "content/modules/first-steps/notes.txt: warning: is not shown in body.md, so it is not published.\n"
        "    hint: Delete it, or keep drafts, notes and backups outside content/. To show an image, write "
        "![what it shows](notes.txt) in body.md."]
