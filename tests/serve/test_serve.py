"""The live preview: serves one edition, rebuilds what an edit changed, reloads open pages, never stops."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.promised import PROMISED_HEADER_POLICY, policy_directives
from toolkit.build import BuildOptions
from toolkit.cli import main
from toolkit.findings import Severity
from toolkit.serve import Preview, Watcher, make_server, rebuild_and_report

WAIT = 60.0  # generous for a busy CI machine; scripts/bench reports the real figure


class Running:
    """A preview of the project's public edition, served and watched in this process."""

    def __init__(self, project, edition="public"):
        self.messages: list[str] = []
        self.preview = Preview(BuildOptions(root=project), edition)
        self.project = project
        self.server = make_server(self.preview, 0)
        rebuild_and_report(self.preview, self.messages.append)
        self.watcher = Watcher(self.preview, [project / "content"], self.messages.append)
        self.watcher.start()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def get(self, path: str):
        with urllib.request.urlopen(self.base + path, timeout=WAIT) as answer:
            return answer.read().decode("utf-8"), answer.headers

    def wait_until(self, condition, what: str) -> None:
        """Wait for something to happen; WAIT is a deadline for a hung preview, not a speed requirement."""
        started = time.perf_counter()
        while not condition():
            assert time.perf_counter() - started < WAIT, f"{what} did not happen within {WAIT} s: {self.messages}"
            time.sleep(0.02)

    def stop(self):
        self.watcher.stop()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def running(project):
    preview = Running(project)
    yield preview
    preview.stop()


def test_serves_pages_with_the_reload_script_and_the_site_headers(running):
    html, headers = running.get("modules/first-steps.html")
    assert '<script src="/__preview__/reload.js" data-build="1" defer></script></head>' in html
    assert policy_directives(headers["Content-Security-Policy"]) == PROMISED_HEADER_POLICY
    assert headers["Cache-Control"] == "no-store"
    script, script_headers = running.get("__preview__/reload.js")
    assert script_headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert "window.location.reload()" in script
    assert running.get("__preview__/build")[0] == "1"
    built = running.preview.site_dir / "modules" / "first-steps.html"
    assert "__preview__" not in built.read_text(encoding="utf-8")  # only added on the way out


def test_first_build_reports_and_prunes_theme_files_like_the_build(running):
    *report, status = running.messages[-1].splitlines()
    pages = len(list(running.preview.site_dir.rglob("*.html")))
    assert status.startswith(f"Rebuilt {pages} page(s) in ")  # the first build writes every page
    warnings = sum(": warning: " in line for line in report)
    assert warnings > 0
    assert status.endswith(f" s: 0 error(s), {warnings} warning(s).")
    assert not (running.preview.site_dir / "assets" / "javascripts").exists()


def test_an_edit_to_one_module_is_served_and_only_its_pages_rebuilt(running):
    body = running.project / "content" / "modules" / "first-steps" / "body.md"
    other = running.preview.site_dir / "modules" / "talking-to-your-child.html"
    untouched = other.stat().st_mtime_ns
    body.write_text(body.read_text(encoding="utf-8") + "\nA brand new sentence about walking.\n", encoding="utf-8")
    running.wait_until(lambda: running.get("__preview__/build")[0] == "2", "the rebuild")
    assert "A brand new sentence about walking." in running.get("modules/first-steps.html")[0]
    assert other.stat().st_mtime_ns == untouched
    running.wait_until(lambda: len(running.messages) >= 2, "the report")
    assert running.messages[-1].splitlines()[-1].startswith("Rebuilt ")


def test_search_index_follows_the_edit(running):
    body = running.project / "content" / "modules" / "first-steps" / "body.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nZebracrossing is a new word.\n", encoding="utf-8")
    search = running.preview.site_dir / "search"  # files are named by their content, as in the build
    running.wait_until(lambda: any('"zebracrossing":' in chunk.read_text(encoding="utf-8")
                                   for chunk in search.glob("*.js")), "the search index update")


def test_a_content_error_is_reported_and_the_last_good_pages_stay(running):
    meta = running.project / "content" / "modules" / "first-steps" / "module.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("topic: coping-strategies", "topic: coping"),
                    encoding="utf-8")
    running.wait_until(lambda: len(running.messages) >= 2, "the report")
    report = running.messages[-1]
    assert "content/modules/first-steps/module.yml:4:8: error: topic: unknown topic 'coping'." in report
    assert report.endswith("1 error(s): fix them and save; the preview shows the last good pages.")
    assert "Traceback" not in report
    assert "What can I do today?" in running.get("modules/first-steps.html")[0]


def test_a_removed_module_disappears(running):
    folder = running.project / "content" / "modules" / "talking-to-your-child"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    meta = running.project / "content" / "modules" / "first-steps" / "module.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("read_next: [talking-to-your-child]\n", ""),
                    encoding="utf-8")
    body = running.project / "content" / "modules" / "first-steps" / "body.md"
    body.write_text(body.read_text(encoding="utf-8").replace(
        "Read about [talking to a child](module:talking-to-your-child#what-should-i-say).", ""), encoding="utf-8")

    def gone() -> bool:
        try:
            running.get("modules/talking-to-your-child.html")
        except urllib.error.HTTPError as exc:
            return exc.code == 404
        return False

    running.wait_until(gone, "the removal")


def test_an_internal_error_is_one_line_and_the_preview_goes_on(project, monkeypatch):
    preview = Preview(BuildOptions(root=project), "public")
    monkeypatch.setattr(preview, "rebuild", lambda: 1 / 0)
    messages: list[str] = []
    rebuild_and_report(preview, messages.append)
    crash = project / "build" / "reports" / "preview-crash.txt"
    assert messages == [f"Internal error in the toolkit (not in your content); the preview shows the last good "
                        f"pages. Details for a maintainer: {crash}"]
    assert "ZeroDivisionError" in crash.read_text(encoding="utf-8")


def test_a_busy_port_is_a_usage_error(project, capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--root", str(project), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"toolkit serve: error: cannot listen on 127.0.0.1:{port} (Address already in use). " \
           f"Try another port: scripts/serve --port {port + 1}" in err


@pytest.mark.browser
def test_an_open_page_reloads_itself_under_the_strict_policy(running, browser):
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(running.base + "modules/first-steps.html")
    body = running.project / "content" / "modules" / "first-steps" / "body.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nThe heron stands still.\n", encoding="utf-8")
    page.get_by_text("The heron stands still.").wait_for(timeout=WAIT * 1000)
    assert problems == []
    context.close()


def test_the_professional_edition_can_be_previewed_and_is_marked_noindex(project):
    running = Running(project, "professional")
    try:
        html, headers = running.get("modules/responding-to-disclosure.html")
        assert "Professional-only sentence" in html
        assert headers["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    finally:
        running.stop()


def test_a_hardening_finding_stays_reported_while_its_page_is_unchanged(project):
    body = project / "content" / "modules" / "talking-to-your-child" / "body.md"
    body.write_text(body.read_text(encoding="utf-8") + '\n<p style="color: red">Red.</p>\n', encoding="utf-8")
    running = Running(project)
    try:
        message = ("content/modules/talking-to-your-child/body.md: error: inline style attribute on <p> is blocked "
                   "by the Content-Security-Policy. (in built page public/modules/talking-to-your-child.html)")
        assert message in running.messages[-1]
        other = project / "content" / "modules" / "first-steps" / "body.md"
        other.write_text(other.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        running.wait_until(lambda: len(running.messages) >= 2, "the report")
        assert message in running.messages[-1]
    finally:
        running.stop()


def break_topic(project) -> None:
    meta = project / "content" / "modules" / "first-steps" / "module.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("topic: coping-strategies", "topic: coping"),
                    encoding="utf-8")


def test_while_content_has_errors_every_page_shows_them_and_built_files_never_do(running):
    build = running.preview.build
    break_topic(running.project)
    running.wait_until(lambda: running.preview.build > build, "a new build number for the errors")
    meta = (running.project / "content" / "modules" / "first-steps" / "module.yml").resolve()
    for page in ("index.html", "modules/first-steps.html", "help.html"):
        html, _ = running.get(page)
        assert '<link rel="stylesheet" href="/__preview__/errors.css"></head>' in html
        panel = html[html.index('<section class="tk-preview-errors"'):html.index("</section>") + 10]
        assert panel == (
            '<section class="tk-preview-errors" role="alert" aria-labelledby="tk-preview-errors-title">'
            '<h2 id="tk-preview-errors-title">Preview: 1 error in the content. This page shows the last good '
            "version; it reloads when you fix them.</h2><ol>"
            f'<li><a href="vscode://file/{meta}:4:8">content/modules/first-steps/module.yml:4:8</a>: topic: '
            "unknown topic &#x27;coping&#x27;. Expected one of: coping-strategies, recognising-risk, "
            "where-to-get-help.</li></ol></section>")
    css, headers = running.get("__preview__/errors.css")
    assert headers["Content-Type"] == "text/css; charset=utf-8" and ".tk-preview-errors" in css
    for built in running.preview.site_dir.rglob("*.html"):
        assert "tk-preview-errors" not in built.read_text(encoding="utf-8")

    build = running.preview.build
    meta.write_text(meta.read_text(encoding="utf-8").replace("topic: coping\n", "topic: coping-strategies\n"),
                    encoding="utf-8")
    running.wait_until(lambda: running.preview.build > build, "a new build once fixed")
    assert "tk-preview-errors" not in running.get("index.html")[0]


@pytest.mark.browser
def test_an_open_page_shows_the_errors_and_loses_them_when_fixed(running, browser, tmp_path):
    from tests.conftest import ROOT

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if message.type == "error" else None)
    page.goto(running.base + "modules/first-steps.html")
    break_topic(running.project)
    alert = page.get_by_role("alert").filter(has_text="1 error in the content")
    alert.wait_for(timeout=WAIT * 1000)
    assert "unknown topic 'coping'" in alert.inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "What can I do today?"  # the last good page
    assert alert.bounding_box()["y"] == 0  # at the top of the screen, not scrolled away by the reload
    if (ROOT / "docs" / "images").is_dir() and __import__("os").environ.get("TOOLKIT_SCREENSHOTS") == "1":
        page.screenshot(path=str(ROOT / "docs" / "images" / "preview-error.png"))
    meta = running.project / "content" / "modules" / "first-steps" / "module.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("topic: coping\n", "topic: coping-strategies\n"),
                    encoding="utf-8")
    alert.wait_for(state="detached", timeout=WAIT * 1000)
    assert violations == []
    context.close()


def test_a_site_with_translations_previews_every_language_without_broken_links(tmp_path):
    from tests.conftest import FIXTURES, copy_content

    project = copy_content(tmp_path, FIXTURES / "sites" / "languages" / "content")
    preview = Preview(BuildOptions(root=project), "public")
    findings, pages = preview.rebuild()
    assert pages > 0
    assert [f.format() for f in findings if f.severity.value == "error"] == []
    assert preview.errors == []
    assert (preview.site_dir / "pl" / "index.html").is_file()  # every language's tree, as the build makes them


def test_an_edit_to_the_source_text_is_served_before_the_translations_are_rebuilt(tmp_path, monkeypatch):
    """In a translated site the source language's tree is served as soon as it is built; the other trees follow,
    and only then is anything deleted or checked."""
    from tests.conftest import FIXTURES, copy_content
    from toolkit import build as build_module

    project = copy_content(tmp_path, FIXTURES / "sites" / "languages" / "content")
    preview = Preview(BuildOptions(root=project), "public")
    preview.rebuild()
    page = preview.site_dir / "modules" / "first-steps.html"
    body = project / "content" / "modules" / "first-steps" / "body.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nA brand new sentence about the lighthouse.\n",
                    encoding="utf-8")
    translated = {tag: (preview.site_dir / tag / "modules" / "first-steps.html").read_bytes() for tag in ("pl", "ar")}
    seen = []  # (language being built, build number, whether the served English page has the edit)
    real = build_module.build_language

    def watched(content, *args, **kwargs):
        seen.append((content.language.tag, preview.build, "lighthouse" in page.read_text(encoding="utf-8")))
        return real(content, *args, **kwargs)

    monkeypatch.setattr(build_module, "build_language", watched)
    before = preview.build
    _, pages = preview.rebuild()
    assert seen == [("en-GB", before, False), ("pl", before + 1, True), ("ar", before + 1, True)]
    # A new paragraph leaves the translated ones current: the other trees' pages are as they were, so the build
    # number went up once, when the English pages were served.
    assert preview.build == before + 1
    assert pages >= 1
    assert {tag: (preview.site_dir / tag / "modules" / "first-steps.html").read_bytes() for tag in ("pl", "ar")} == \
        translated
    fresh = Preview(BuildOptions(root=project, build_dir=tmp_path / "fresh", cache=False), "public")
    fresh.rebuild()
    assert served_tree(preview) == served_tree(fresh)


def served_tree(preview: Preview) -> dict[str, bytes]:
    return {path.relative_to(preview.site_dir).as_posix(): path.read_bytes()
            for path in sorted(preview.site_dir.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("files_settle", ["after two seconds", "at once"])
def test_after_each_edit_the_served_tree_is_byte_for_byte_a_fresh_preview_build(tmp_path, monkeypatch, files_settle):
    """What the preview remembers between rebuilds (toolkit.memo, the cache) never changes what it serves.

    Files are remembered once they have been left alone for two seconds (toolkit.memo.SETTLED_NS), longer than
    these edits take: "at once" remembers every file it reads, as the preview does for an author's other files."""
    from tests.conftest import FIXTURES, copy_content
    from toolkit import memo

    if files_settle == "at once":
        monkeypatch.setattr(memo, "SETTLED_NS", 0)

    project = copy_content(tmp_path, FIXTURES / "sites" / "languages" / "content")
    content = project / "content"
    preview = Preview(BuildOptions(root=project), "public")
    preview.rebuild()
    # Each edit changes what a memo's key must hold (a module page's own module, another module's title it lists,
    # the registry and site.yml it shows, the generated mkdocs.yml), so an incomplete key serves a stale page.
    edits = {
        "body sentence": ("modules/first-steps/body.md", "\n",
                          "\nA brand new sentence about the river.\n\n{{ organisation }}\n"),
        "title": ("modules/first-steps/module.yml", "title: What can I do today?", "title: What can I do this week?"),
        "title of a module another lists": ("modules/talking-to-your-child/module.yml",
                                            "title: How do I talk to my child?", "title: How do I talk with my child?"),
        "registry number": ("helplines.yml", '"0808 1000 900"\n        e164: "+448081000900"',
                            '"0808 1000 901"\n        e164: "+448081000901"'),
        "translation": ("modules/first-steps/body.pl.md", "\n", "\nNowe zdanie o rzece.\n"),
        "site.yml": ("site.yml", 'name: "[Organisation name]"', 'name: "[Name of the organisation]"'),
        "site name": ("site.yml", "name: Fixture toolkit", "name: Fixture toolkit for the river"),
    }
    for number, (what, (name, old, new)) in enumerate(edits.items()):
        path = content / name
        text = path.read_text(encoding="utf-8")
        assert old in text, what
        # A body edit appends; the others replace their field.
        path.write_text(text + new.lstrip("\n") if old == "\n" else text.replace(old, new, 1), encoding="utf-8")
        findings, pages = preview.rebuild()
        assert pages > 0, what
        fresh = Preview(BuildOptions(root=project, build_dir=tmp_path / f"fresh-{number}", cache=False), "public")
        fresh_findings, _ = fresh.rebuild()
        assert [f.format() for f in findings] == [f.format() for f in fresh_findings], what
        served, expected = served_tree(preview), served_tree(fresh)
        assert sorted(served) == sorted(expected), what
        assert [name for name in expected if served[name] != expected[name]] == [], what


def test_an_edit_is_served_before_its_checks_run_and_a_newer_edit_stops_them(project):
    preview = Preview(BuildOptions(root=project), "public")
    page = preview.site_dir / "modules" / "first-steps.html"
    seen: list[tuple[int, bool]] = []  # (build number, whether the page had the sentence) as each check ran

    class Spy:
        NAME = "spy"

        @staticmethod
        def check(site):
            seen.append((preview.build, "The kettle sings." in page.read_text(encoding="utf-8")))
            return []

    preview.checks = (Spy, Spy)
    preview.rebuild()
    assert seen == [(1, False), (1, False)]
    body = project / "content" / "modules" / "first-steps" / "body.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nThe kettle sings.\n", encoding="utf-8")
    preview.newer_edit = lambda: len(seen) == 3  # another save arrives during the first check
    assert preview.rebuild() is None  # that save's rebuild reports
    assert seen == [(1, False), (1, False), (2, True)]
    # That save breaks module.yml: nothing new is built, and the served pages are checked now.
    module = project / "content" / "modules" / "first-steps" / "module.yml"
    module.write_text(module.read_text(encoding="utf-8") + "\n  : [\n", encoding="utf-8")
    preview.newer_edit = lambda: False
    findings, pages = preview.rebuild()
    assert pages == 0 and any(finding.severity is Severity.ERROR for finding in findings)
    assert seen == [(1, False), (1, False), (2, True), (3, True), (3, True)]  # 3: the error panel changed


def test_a_second_preview_of_the_same_edition_is_a_usage_error(project, capsys):
    from toolkit.serve import preview_lock

    held = preview_lock(project / "build", "public")
    assert held is not None
    try:
        assert main(["serve", "--root", str(project), "--port", "0"]) == 2
    finally:
        held.close()
    err = capsys.readouterr().err
    assert "toolkit serve: error: a preview of the public edition of this project is already running" in err
    assert not (project / "build" / "preview" / "site").exists()  # refused before building anything


def test_both_editions_previewed_side_by_side_rebuild_each_edit_without_getting_in_each_others_way(project):
    from tests.conftest import ROOT
    from toolkit.bench.serve_timing import PreviewProcess

    previews = {edition: PreviewProcess(project, ROOT, edition) for edition in ("public", "professional")}
    try:
        for preview in previews.values():
            preview.wait_for("Preview of the", timeout=WAIT)
        body = project / "content" / "modules" / "first-steps" / "body.md"
        for sentence in ("The kestrel hovers.", "The otter dives."):
            body.write_text(body.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
            for edition, preview in previews.items():  # both rebuild at once, each from its own staging folder
                deadline = time.monotonic() + WAIT
                while sentence not in preview.get("modules/first-steps.html"):
                    assert time.monotonic() < deadline, f"{edition}: '{sentence}' not served: {preview.seen}"
                    assert preview.process.poll() is None, f"{edition}: the preview stopped: {preview.seen}"
                    time.sleep(0.05)
        for preview in previews.values():
            preview.wait_for("Rebuilt", timeout=WAIT)  # at least one edit's checks ran to the end
    finally:
        for preview in previews.values():
            preview.stop()
    for edition, preview in previews.items():
        assert not [line for line in preview.seen if "Internal error" in line], (edition, preview.seen)


def test_a_preview_rebuild_collects_after_its_checks_and_a_build_after_each_render(project, monkeypatch):
    import gc

    from tests.conftest import build_project

    calls = []
    collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *args: calls.append("full collection") or collect(*args))
    # One process: the public and the professional edition, each rendered once (one language).
    assert build_project(project, may_fork=False, parallel_from=10**9).ok
    assert calls == ["full collection", "full collection"]
    calls.clear()
    preview = Preview(BuildOptions(root=project), "public")
    try:
        shown = preview.show()
        assert shown.pages > 0 and calls == []  # none while the author waits for the edit
        preview.check(shown)
        assert calls == ["full collection"]
    finally:
        preview.close()


@pytest.mark.parametrize(("event_type", "is_directory", "waited", "moved_to", "expected"), [
    ("modified", False, 0.01, "", 0.05),  # a file being written: more may come
    ("created", False, 0.01, "", 0.05),
    ("deleted", False, 0.01, "", 0.05),
    ("closed", False, 0.05, "", 0.01),  # closed after writing: the save is done
    ("moved", False, 0.05, "/c/modules/a/body.md", 0.01),  # a copy renamed into place: the save is done
    ("moved", False, 0.01, "/c/modules/a/body.md~", 0.05),  # vim and Emacs: the old file to a backup, first
    ("moved", False, 0.01, "/c/modules/a/.body.md.swp", 0.05),
    ("moved", False, 0.01, "/c/modules/a/body.md___jb_old___", 0.05),  # JetBrains' editors
    ("moved", True, 0.01, "/c/modules/b", 0.05),  # a module folder renamed: its files follow
    ("modified", True, 0.01, "", 0.01),  # watchdog's echo of a change in the folder keeps the wait of that change
    ("modified", True, 0.05, "", 0.05),
])
def test_the_watcher_waits_briefly_after_a_save_and_longer_while_a_file_is_written(event_type, is_directory, waited,
                                                                                    moved_to, expected):
    from toolkit.serve import quiet_after

    assert quiet_after(event_type, is_directory, waited, moved_to) == expected


class CountedPreview:
    """The watcher's preview, counting its rebuilds (each says one page was rewritten)."""

    def __init__(self):
        self.rebuilds = 0
        self.shown_seconds = 0.0
        self.newer_edit = None

    def rebuild(self):
        self.rebuilds += 1
        return [], 1


def until(condition) -> None:
    """Wait until `condition()` holds, or WAIT seconds (a deadline for a hung watcher, not a speed requirement)."""
    deadline = time.monotonic() + WAIT
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.001)


@pytest.fixture
def watched(tmp_path):
    """A function starting a watcher on a content folder holding body.md, with its rebuild loop (`rebuilding`) or
    its events only; it returns (folder, the counted preview, the reports, the watcher)."""
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "body.md").write_text("Before.\n", encoding="utf-8")
    preview, messages = CountedPreview(), []
    watcher = Watcher(preview, [folder], messages.append)

    def start(*, rebuilding: bool):
        if rebuilding:
            watcher.start()
        else:
            watcher.observer.start()
        time.sleep(0.2)  # the observer's watches in place
        return folder, preview, messages, watcher

    yield start
    if watcher.thread.ident is not None:
        watcher.stop()
    else:
        watcher.observer.stop()
        watcher.observer.join(timeout=5)


def test_one_save_is_one_rebuild_and_a_stopped_watcher_rebuilds_nothing(watched):
    folder, preview, messages, watcher = watched(rebuilding=True)
    body = folder / "body.md"
    (folder / ".body.md.tmp").write_text("After.\n", encoding="utf-8")
    (folder / ".body.md.tmp").replace(body)  # created, modified, closed, moved, and the folder's echoes
    until(lambda: preview.rebuilds > 0)
    time.sleep(0.3)
    assert preview.rebuilds == 1
    assert messages[-1].startswith("Rebuilt 1 page(s)")
    seen = watcher.last_event
    with open(body, "a", encoding="utf-8") as file:  # written, not closed: the watcher waits 50 ms for more
        file.write("More.\n")
        file.flush()
        until(lambda: watcher.last_event != seen)
        assert watcher.last_event != seen
        watcher.stop()  # meanwhile
    time.sleep(0.2)
    assert preview.rebuilds == 1


@pytest.mark.parametrize("save", ["in place", "by renaming a copy"])
def test_the_events_of_a_real_save_end_with_the_brief_wait(watched, save):
    folder, _, _, watcher = watched(rebuilding=False)  # the events only: no rebuild loop
    if save == "in place":
        (folder / "body.md").write_text("After.\n", encoding="utf-8")
    else:
        (folder / ".body.md.tmp").write_text("After.\n", encoding="utf-8")
        (folder / ".body.md.tmp").replace(folder / "body.md")
    until(lambda: watcher.quiet == 0.01)
    time.sleep(0.2)  # whatever the save still sends
    assert watcher.changed.is_set()
    assert watcher.quiet == 0.01
