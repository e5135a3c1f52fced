"""Atomic, reproducible, private output."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import build_project, copy_content
from toolkit import render as render_module
from toolkit.checks import BuiltSite, EditionOutput, offorigin
from toolkit.findings import Severity


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def errors(result) -> list[str]:
    return [f.format() for f in result.findings if f.severity is Severity.ERROR]


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    first = copy_content(tmp_path / "a")
    second = copy_content(tmp_path / "b")
    assert build_project(first).ok
    assert build_project(second).ok
    assert snapshot(first / "site") == snapshot(second / "site")
    before = snapshot(first / "site")
    assert build_project(first).ok
    assert snapshot(first / "site") == before


def test_build_date_without_source_date_epoch_comes_from_content(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_content(tmp_path)
    # Two real builds (a build with nothing changed would reuse the first and date nothing).
    assert build_project(project, cache=False).epoch == build_project(project, cache=False).epoch != 0


def test_invalid_content_leaves_previous_output_untouched(project):
    assert build_project(project).ok
    before = snapshot(project / "site")
    (project / "content/modules/first-steps/module.yml").write_text("id: first-steps\ntitle: [\n", encoding="utf-8")
    result = build_project(project)
    assert not result.ok
    assert errors(result)[0].startswith("content/modules/first-steps/module.yml:3:1: error: YAML syntax error")
    assert snapshot(project / "site") == before


def test_failing_check_leaves_previous_output_untouched(project):
    assert build_project(project).ok
    before = snapshot(project / "site")
    body = project / "content/modules/first-steps/body.md"
    body.write_text(body.read_text() + '\n<img src="https://tracker.example/pixel.png" alt="pixel">\n')
    result = build_project(project)
    assert not result.ok
    assert errors(result) == [
        'content/modules/first-steps/body.md: error: <img src="https://tracker.example/pixel.png"> loads a file '
        "from another site. (in built page public/modules/first-steps.html)\n"
        "    hint: Copy the file into the site; readers must never contact another site without clicking a link.",
        'content/modules/first-steps/body.md: error: <img src="https://tracker.example/pixel.png"> loads a file '
        "from another site. (in built page professional/modules/first-steps.html)\n"
        "    hint: Copy the file into the site; readers must never contact another site without clicking a link.",
    ]
    assert snapshot(project / "site") == before


def test_interrupted_build_leaves_previous_output_untouched(project, monkeypatch):
    assert build_project(project).ok
    before = snapshot(project / "site")
    real_render = render_module.render
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_render(*args, **kwargs)

    monkeypatch.setattr("toolkit.build.render", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_project(project, cache=False)  # a real build, not the reuse of the first
    assert snapshot(project / "site") == before


def test_strict_build_fails_on_warnings_and_keeps_output(project):
    first = build_project(project)
    assert first.ok  # warnings alone do not fail a normal build
    before = snapshot(project / "site")
    result = build_project(project, strict=True)
    assert not result.ok
    assert ("content/modules/talking-to-your-child/module.yml:1:1: warning: read_next: public module suggests "
            "nothing to read next.\n    hint: Add one to three module ids under read_next:."
            ) in [f.format() for f in result.findings]
    assert snapshot(project / "site") == before


OFF_ORIGIN_PAGE = """<!doctype html><html lang="en"><head><title>t</title>
<link rel="stylesheet" href="//cdn.example/x.css">
<script src="https://cdn.example/x.js"></script></head><body>
<img src="local.png" srcset="local.png 1x, https://img.example/big.png 2x" alt="">
<iframe src="https://video.example/embed"></iframe>
<form action="https://forms.example/submit"><button formaction="https://forms.example/other">Go</button></form>
<svg><use xlink:href="https://icons.example/sprite.svg#exit"></use></svg>
<table background="https://img.example/paper.png"><tr><td>x</td></tr></table>
<blockquote cite="https://www.example.org/source">A quotation is not loaded.</blockquote>
<a href="https://www.example.org/">fine</a>
<a href="https://www.example.org/ok" rel="noopener noreferrer">fine too</a>
</body></html>"""


def test_off_origin_scan_finds_every_kind_of_reference(tmp_path, built_minimal):
    _, result = built_minimal
    site_dir = tmp_path / "site"
    write = {
        "page.html": OFF_ORIGIN_PAGE,
        "style.css": "body{background:url(https://img.example/bg.png)} @import 'https://fonts.example/f.css';",
        "app.js": 'fetch("https://api.example/track?q=" + query);',
        "safe.css": "body{background:url(data:image/png;base64,AAAA)} a{mask:url(local.svg)}",
    }
    for name, text in write.items():
        (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / name).write_text(text, encoding="utf-8")
    site = BuiltSite(content=result.content, editions={"public": EditionOutput("public", site_dir)})
    found = sorted(f.message for f in offorigin.check(site))
    assert found == sorted([
        '<link href="//cdn.example/x.css"> loads a file from another site.',
        '<script src="https://cdn.example/x.js"> loads a file from another site.',
        '<img srcset="https://img.example/big.png"> loads a file from another site.',
        '<iframe src="https://video.example/embed"> loads a file from another site.',
        "<iframe> element in the page.",
        '<form action="https://forms.example/submit"> loads a file from another site.',
        '<button formaction="https://forms.example/other"> loads a file from another site.',
        '<use xlink:href="https://icons.example/sprite.svg#exit"> loads a file from another site.',
        '<table background="https://img.example/paper.png"> loads a file from another site.',
        "external link 'https://www.example.org/' lacks rel=\"noopener noreferrer\".",
        "stylesheet loads 'https://img.example/bg.png' from another site.",
        "stylesheet loads 'https://fonts.example/f.css' from another site.",
        "script contains the address 'https://api.example', which could make a request to another site.",
    ])


def test_built_output_has_no_off_origin_reference(built_minimal):
    project, result = built_minimal
    editions = {name: EditionOutput(name, project / "site" / name) for name in ("public", "professional")}
    site = BuiltSite(content=result.content, editions=editions)
    assert offorigin.check(site) == []
    html = (project / "site/public/index.html").read_text(encoding="utf-8")
    assert 'name="generator"' not in html
    assert "fonts.googleapis" not in html


def test_search_never_puts_the_query_in_a_url(built_minimal):
    project, _ = built_minimal
    search = (project / "site/public/search.html").read_text(encoding="utf-8")
    assert "<form" not in search
    script = next((project / "site/public/assets").glob("search.*.js")).read_text(encoding="utf-8")
    assert "location" not in script and "history" not in script and "Storage" not in script


def test_inline_code_check_finds_what_the_policy_would_block(tmp_path, built_minimal):
    from toolkit.checks import inline_code
    from toolkit.harden.csp import meta_policy

    _, result = built_minimal
    (tmp_path / "with-policy.html").write_text(
        f'<html><head><meta http-equiv="Content-Security-Policy" content="{meta_policy()}">'
        "<script>run()</script><style>a{color:red}</style></head><body>"
        '<a href="javascript:void(0)" onclick="go()">x</a><img src="a.png" alt="" onerror="oops()">'
        '<button formaction="javascript:send()">y</button></body></html>')
    (tmp_path / "no-policy.html").write_text("<html><head></head><body><p>x</p></body></html>")
    site = BuiltSite(content=result.content, editions={"public": EditionOutput("public", tmp_path)})
    assert [(f.page, f.message) for f in inline_code.check(site)] == [
        ("public/no-policy.html", "page has no Content-Security-Policy."),
        ("public/with-policy.html", "inline <script> (the policy blocks it)."),
        ("public/with-policy.html", "<style> element (the policy blocks it)."),
        ("public/with-policy.html", "event handler attribute onclick on <a> (the policy blocks it)."),
        ("public/with-policy.html", "event handler attribute onerror on <img> (the policy blocks it)."),
        ("public/with-policy.html", "javascript: URL in href."),
        ("public/with-policy.html", "javascript: URL in formaction."),
    ]
