"""Only what the content names is published: a module folder's other files stay out, every image is what its
name says, SVG holds only drawing, and HTML comments never reach a page. Proven through build()."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.conftest import build_project, write_tree
from tests.content.test_validation import edit, load, messages
from toolkit.content.images import SVG_HINT
from toolkit.harden.pages import svg_findings

MODULE = "content/modules/first-steps"
BODY = f"{MODULE}/body.md"
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
CLEAN_SVG = SVG_OPEN + '<title>A circle</title><circle cx="5" cy="5" r="4" fill="url(#g)"/></svg>'


def png(size=(4, 4), mode="RGB", fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, fmt)
    return out.getvalue()


def show(project, name: str, data: bytes | str) -> None:
    """Put a file in the module folder and show it as an image in body.md."""
    write_tree(project / MODULE, {name: data})
    edit(project, "modules/first-steps/body.md", "Many people", f"![A plan]({name})\n\nMany people")


def test_only_the_images_a_body_shows_are_published(project):
    write_tree(project / MODULE, {"plan.png": png(), "img/steps.svg": CLEAN_SVG, "notes.txt": "draft, do not publish",
                                  "module.yml~": "id: first-steps\n", "unused.png": png(), ".body.md.swp": "x"})
    edit(project, "modules/first-steps/body.md", "Many people", "![A plan](plan.png) ![Steps](img/steps.svg)\n\n"
         "Many people")
    result = build_project(project)
    assert result.ok, [f.format() for f in result.findings if f.severity.value == "error"]
    hint = ("    hint: Delete it, or keep drafts, notes and backups outside content/. To show an image, write "
            "![what it shows]({}) in body.md.")
    assert [f.format() for f in result.findings if f.file.startswith(MODULE) and f.check == "files"] == [
        f"{MODULE}/module.yml~: warning: is not shown in body.md, so it is not published.\n" + hint.format("module.yml~"),
        f"{MODULE}/notes.txt: warning: is not shown in body.md, so it is not published.\n" + hint.format("notes.txt"),
        f"{MODULE}/unused.png: warning: is not shown in body.md, so it is not published.\n" + hint.format("unused.png"),
    ]
    for edition in ("public", "professional"):
        folder = project / "site" / edition / "modules" / "first-steps"
        assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
            "img/steps.svg", "plan.png"]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("plan.png", b"", "image 'plan.png' is empty (0 bytes).\n    hint: Save or export the image again."),
        ("plan.png", b"Remember to ask Sam about this picture.\n",
         "image 'plan.png' is not a PNG image: it holds text.\n"
         "    hint: Export the image again, or give the file the extension of what it holds."),
        ("plan.png", b"<!doctype html><html><body><script>alert(1)</script></body></html>",
         "image 'plan.png' is not a PNG image: it holds HTML.\n"
         "    hint: Export the image again, or give the file the extension of what it holds."),
        ("plan.png", png(fmt="JPEG"),
         "image 'plan.png' is not a PNG image: it is a JPEG image.\n"
         "    hint: Export the image again, or give the file the extension of what it holds."),
        ("plan.png", b"\x89PNG\r\n\x1a\n",
         "image 'plan.png' is not a PNG image: it is damaged, or in another format.\n"
         "    hint: Export the image again, or give the file the extension of what it holds."),
        ("photo.jpg", png(), "image 'photo.jpg' is not a JPEG image: it is a PNG image.\n"
         "    hint: Export the image again, or give the file the extension of what it holds."),
        ("plan.png", png() + b"\0" * 2_000_000,
         "image 'plan.png' is 2.0 MB; at most 2 MB is allowed.\n    hint: Make it smaller (fewer pixels; JPEG for "
         "photographs): readers may be on a slow or metered connection."),
        ("plan.png", png(size=(6000, 5000), mode="1"),
         "image 'plan.png' is 6000 x 5000 pixels; at most 25 million pixels are allowed.\n    hint: Make it smaller."),
    ],
    ids=["empty", "text", "html", "jpeg-named-png", "signature-only", "png-named-jpg", "too-many-bytes",
         "too-many-pixels"],
)
def test_an_image_must_be_what_its_name_says(project, name, data, expected):
    show(project, name, data)
    assert messages(load(project)) == [f"{BODY}:3:1: error: " + expected]


@pytest.mark.parametrize(
    ("svg", "problem"),
    [
        (SVG_OPEN + "<script>alert(1)</script></svg>", "has a <script> element"),
        ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "has an event handler (onload) on <svg>"),
        (SVG_OPEN + '<image xlink:href="https://tracker.example/p.png"/></svg>', "has a <image> element"),
        (SVG_OPEN + '<use xlink:href="https://icons.example/s.svg#i"/></svg>',
         "refers to 'https://icons.example/s.svg#i' in href on <use>, outside the image"),
        (SVG_OPEN + '<rect style="fill:url(https://x.example/f.svg#p)"/></svg>',
         "refers to 'https://x.example/f.svg#p' in style on <rect>, outside the image"),
        (SVG_OPEN + '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">Hi</p></foreignObject></svg>',
         "has a <foreignObject> element"),
        (SVG_OPEN + '<a href="javascript:alert(1)"><circle r="1"/></a></svg>', "has a <a> element"),
        (SVG_OPEN + '<set attributeName="href" to="javascript:alert(1)"/></svg>', "has a <set> element"),
        (SVG_OPEN + '<style>@import url(https://x.example/a.css);</style></svg>', "has a <style> element"),
        (SVG_OPEN + '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>',
         "has a <script> element from outside SVG (http://www.w3.org/1999/xhtml)"),
        ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>' + SVG_OPEN + "<title>&a;</title></svg>",
         "has a DOCTYPE, which can define entities and load other files"),
        ('<?xml-stylesheet href="https://x.example/a.css"?>' + CLEAN_SVG,
         "has a processing instruction (<?xml-stylesheet ...?>)"),
        ("<html><body>Not a drawing</body></html>", "is not an SVG image: it holds HTML"),
        (SVG_OPEN + "<circle r='1'>", "is not a well-formed SVG file (Premature end of data in tag circle line 1, "
         "line 1, column 118)"),
    ],
    ids=["script", "handler", "image", "external-use", "style-url", "foreign-object", "link", "animation",
         "style-element", "xhtml-script", "doctype", "processing-instruction", "html", "broken"],
)
def test_an_svg_image_may_hold_only_drawing(project, svg, problem):
    show(project, "drawing.svg", svg)
    assert messages(load(project)) == [f"{BODY}:3:1: error: image 'drawing.svg' {problem}.\n    hint: {SVG_HINT}"]


def test_a_drawing_from_an_editor_is_accepted(project):
    show(project, "drawing.svg", (
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 10 10">'
        '<sodipodi:namedview inkscape:zoom="1"/><defs><linearGradient id="g"><stop offset="0"/></linearGradient>'
        '</defs><!-- layer 1 --><g inkscape:label="Layer 1"><path d="M0 0L10 10" style="stroke:url(#g)"/>'
        '<use href="#g"/></g></svg>'))
    assert messages(load(project)) == []


def test_every_svg_in_the_built_site_is_checked_again(tmp_path):
    write_tree(tmp_path, {"assets/favicon.svg": CLEAN_SVG,
                          "modules/x/evil.svg": SVG_OPEN + '<circle r="1" onclick="go()"/></svg>'})
    assert [f.format() for f in svg_findings(tmp_path)] == [
        f"modules/x/evil.svg: error: SVG file has an event handler (onclick) on <circle>.\n    hint: {SVG_HINT}"]


def test_html_comments_never_reach_a_page(project):
    edit(project, "modules/first-steps/body.md", "Many people",
         "<!-- Draft: ask the practice lead before publishing -->\n\nMany people")
    result = build_project(project)
    assert result.ok, [f.format() for f in result.findings if f.severity.value == "error"]
    for page in (project / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<!--" not in html and "practice lead before" not in html, page
    assert "Many people feel alone" in (project / "site/public/modules/first-steps.html").read_text(encoding="utf-8")


def test_a_number_in_an_html_comment_is_reported_at_its_line(project):
    edit(project, "modules/first-steps/body.md", "Many people", "<!-- old number: 0808 1000 901 -->\nMany people")
    assert messages(load(project)) == [
        f"{BODY}:3:18: error: phone number '0808 1000 901' is typed into an HTML comment.\n"
        "    hint: Did you mean '0808 1000 900' (stop-it-now)? Comments never reach the site, but numbers are "
        "written only in the helpline registry: delete it, or write {{ phone: stop-it-now }} or "
        "{{ help-card: stop-it-now }}."]
