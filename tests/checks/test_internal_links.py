"""Internal links and anchors over a fixture site with every kind of broken link."""

from __future__ import annotations

import shutil

from tests.checks.conftest import TODAY, formatted
from tests.conftest import FIXTURES, MINIMAL
from toolkit.checks import BuiltSite, CheckOptions, EditionOutput, internal_links
from toolkit.content import load_content

BROKEN = FIXTURES / "built" / "broken-links"
HINT = ("    hint: Link to pages by id: [text](module:id#heading), (page:id), (worksheet:id) or (help:id); "
        "ids come from headings.")


def test_every_kind_of_broken_link(tmp_path):
    shutil.copytree(BROKEN, tmp_path / "site")
    site = BuiltSite(load_content(MINIMAL),
                     {"public": EditionOutput("public", tmp_path / "site" / "public",
                                              {"modules/first-steps.html": "content/modules/first-steps/body.md"})},
                     options=CheckOptions(today=TODAY))
    assert formatted(internal_links.check(site)) == [
        "content/modules/first-steps/body.md:11:61: error: <a href=\"talking-to-your-child.html#what-should-i-say\"> "
        "points to 'modules/talking-to-your-child.html', which is not in the built site. "
        "(in built page public/modules/first-steps.html)\n" + HINT,
        "public/assets/site.css: error: url(missing.png) points to 'assets/missing.png', which is not in the "
        "built site.\n    hint: Keep files the stylesheet uses beside it in the theme's assets.",
        "public/index.html:10: error: <a href=\"/help.html\"> starts with '/', so it breaks when the site is "
        "opened from a folder or file:// copy.\n" + HINT,
        "public/index.html:11: error: <a href=\"../other/index.html\"> points outside the edition's folder.\n" + HINT,
        "public/index.html:12: error: <img src=\"assets/logo.png\"> points to 'assets/logo.png', which is not in "
        "the built site.\n" + HINT,
        "public/index.html:13: error: <a href=\"help.html#help-stop-it-nw\"> 'help.html' has no element with id "
        "'help-stop-it-nw'; did you mean '#help-stop-it-now'?\n" + HINT,
        "public/index.html:14: error: <a href=\"worksheets/\"> points to 'worksheets/index.html', which is not in "
        "the built site; did you mean 'modules/index.html'?\n" + HINT,
        "public/index.html:7: error: <a href=\"modules/first-step.html\"> points to 'modules/first-step.html', "
        "which is not in the built site; did you mean 'modules/first-steps.html'?\n" + HINT,
        "public/index.html:8: error: <a href=\"modules/first-steps.html#what-is-the-frist-step\"> "
        "'modules/first-steps.html' has no element with id 'what-is-the-frist-step'; did you mean "
        "'#what-is-the-first-step'?\n" + HINT,
        "public/index.html:9: error: <a href=\"#nowhere\"> 'index.html' has no element with id 'nowhere'.\n" + HINT,
    ]


def test_built_fixture_site_has_no_broken_links(built_minimal):
    _, result = built_minimal
    assert [f.format() for f in result.findings if f.check == "internal-links"] == []
