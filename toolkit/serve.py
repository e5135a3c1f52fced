"""`toolkit serve`: a live preview for content authors.

Builds one edition, in every language, into build/preview/, serves it on 127.0.0.1 and
rebuilds when anything in content/ changes. A rebuild runs the build's own stages
(toolkit.build.build_edition) with the build's cache (toolkit.buildcache), so only the
pages whose inputs an edit changed are rendered and hardened again, and the served files
are rewritten only where their bytes changed. What the stages did per file and per page is
also kept in this process's memory between rebuilds (toolkit.memo, and the cache's entries),
so an edit costs the loader and harden only the files and pages it changed.

Show first, check after: as soon as the edited pages are in the served tree, the build number
goes up and open pages reload; then every check runs over what is served, and its findings are
reported (terminal and error panel) when they are done. A newer edit stops the checks of an
older one between two checks; the newer rebuild reports instead.

Pages open in the browser reload themselves through a small script the server adds to
each page it sends (never to the built files): it is a file, not inline code, so
the strict Content-Security-Policy stays as it is. Findings are printed as they
come; a problem never stops the preview, and the last good pages stay up.

While the content has errors, every page the preview sends starts with a panel that lists
them (file, line, message and hint, each file a link that opens it at the line in an editor
that understands vscode:// links), styled by a file of its own so the CSP stays strict. The
panel is added on the way out, like the reload script: built files never have it. Pages
reload when the errors change, so the panel goes as soon as the author fixes them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import gc
import hashlib
import html as html_text
import http.server
import os
import shutil
import stat
import sys
import threading
import time
import traceback
import weakref
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from .build import BuildOptions, build_edition, source_date_epoch
from .buildcache import BuildCache, entries_under
from .checks import DEFAULT_CHECKS, BuiltSite, CheckOptions, EditionOutput, run_checks
from .compile.project import remove_others
from .content import load_content
from .content.model import is_restricted
from .findings import Finding, Severity, count, format_report, has_errors
from .harden.csp import all_headers
from .memo import Memo, bytes_key, remembering

PREFIX = "/__preview__/"
RELOAD_SCRIPT = """\
/* Live preview only: the preview server adds this file to each page it sends; built sites never have it.
   Asks the server for its build number and reloads the page when it changes. Stores nothing. */
(function () {
  "use strict";
  var me = document.currentScript;
  var seen = me ? me.getAttribute("data-build") : null;
  function poll() {
    fetch("/__preview__/build", { cache: "no-store" }).then(function (answer) {
      return answer.text();
    }).then(function (build) {
      if (seen !== null && build !== seen) { window.location.reload(); return; }
      seen = build;
      setTimeout(poll, 250);
    }, function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 250);
})();
"""
ERRORS_STYLE = """\
/* Live preview only: the panel listing content errors. Built sites never have it.
   No scroll anchoring: a page reloaded with the panel must show it, not keep the text in place. */
html, body { overflow-anchor: none; }
.tk-preview-errors { position: relative; z-index: 100; margin: 0; padding: 1rem 1.25rem;
  background: #fff4f4; color: #1a1a1a; border-block-end: 0.3rem solid #b00020; font: 1rem/1.5 system-ui, sans-serif; }
.tk-preview-errors h2 { margin: 0 0 0.5rem; font-size: 1.25rem; color: #8a0016; }
.tk-preview-errors ol { margin: 0; padding-inline-start: 1.5rem; }
.tk-preview-errors li { margin-block-end: 0.5rem; }
.tk-preview-errors a { color: #0b3d91; }
.tk-preview-errors .tk-preview-hint { display: block; color: #333; }
"""
QUIET_SECONDS = 0.05  # after an editor's last file event, wait this long for more before rebuilding
# ...but only this long after a file was closed from writing or moved into place: the last events of a save.
# (An editor that saves by writing a copy and renaming it moves it within a millisecond of closing it.)
SAVED_SECONDS = 0.01


def quiet_after(event_type: str, is_directory: bool, last: float, moved_to: str = "") -> float:
    """How long the watcher waits for more after a file event of this kind (watchdog's event_type), when it waited
    `last` after the one before. A folder's "modified" follows each change of an entry in it (watchdog adds it):
    it keeps the wait of the event it follows. A move ends a save only when it puts a file in place (`moved_to`):
    vim and Emacs begin theirs by moving the file to a backup (body.md~), and the new file is not there yet."""
    if is_directory and event_type == "modified":
        return last
    if event_type == "moved" and not is_directory and not _editors_own(os.path.basename(moved_to)):
        return SAVED_SECONDS
    return SAVED_SECONDS if event_type == "closed" else QUIET_SECONDS


def _editors_own(name: str) -> bool:
    """Whether a file name is an editor's backup or temporary file, never a content file put in place."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp", "___jb_old___", "___jb_tmp___"))


class RememberingCache(BuildCache):
    """The build cache, with every entry this preview read or wrote also kept in memory (toolkit.memo.Memo).

    A hit in memory still marks the entry on disk as used, so the cache's pruning keeps what the
    preview serves: just before the pruning, after the checks, not while the author waits (marking a
    site's entries in the database was a tenth of a rebuild's processor time)."""

    def __init__(self, build_dir: Path, memo: Memo):
        super().__init__(build_dir)
        self.memo = memo
        self.hits: set[tuple[str, str]] = set()  # answered from memory since the last pruning

    def get(self, kind: str, key: str):
        hit = self.memo.holds((kind, key))
        value = self.memo.get((kind, key), functools.partial(super().get, kind, key))
        if hit:
            self.hits.add((kind, key))
        return value

    def prune(self, started: float) -> None:
        for kind, key in self.hits:
            self.mark_used(kind, key)
        self.hits = set()
        super().prune(started)

    def put(self, kind: str, key: str, value) -> None:
        super().put(kind, key, value)
        self.memo.put((kind, key), value)


class PreviewOptions(BuildOptions):
    """The build's options for the preview's stages: the same, but every rebuild shares one remembering cache."""

    remembering_cache: RememberingCache | None = None

    def store(self) -> BuildCache | None:
        return self.remembering_cache

    def collects_after_render(self) -> bool:
        return False  # Preview.check collects, after the edit is shown


@dataclass
class Shown:
    """One rebuild's first half: what was loaded and built and is now served."""

    findings: list[Finding]  # of loading and building
    pages: int  # pages rewritten in the served tree
    seconds: float  # from the start of the rebuild until it was served
    site: BuiltSite | None = None  # what the checks read; None when nothing was built
    first: int = 0  # of `pages`, those served (with the build number up) before the whole edition was built


class Preview:
    """One edition, every language, built into build/preview/ by the build's own stages and caches."""

    def __init__(self, options: BuildOptions, edition: str, *, checks=DEFAULT_CHECKS):
        # Its own build folder (projects, cache, staging), no packs: the preview never touches
        # what `toolkit build` keeps, and a build and a preview can run side by side.
        self.options = options
        self.stages = PreviewOptions(**{**{f.name: getattr(options, f.name) for f in fields(BuildOptions)},
                                        "build_dir": options.build_dir / "preview", "packs": False})
        self.memo = Memo()
        own = edition_folder(options.build_dir, edition)
        if options.cache:
            # One database per edition: each preview's pruning deletes what its own rebuilds did not use, and
            # two editions previewed side by side would delete each other's entries.
            self.stages.remembering_cache = RememberingCache(own, self.memo)
        self.edition = edition
        self.checks = checks
        self.site_dir = self.stages.build_dir / "site" / edition
        self.served = ServedTree(self.site_dir)
        self.staging = staging_folder(own)
        # In memory: gone with this preview (close(), or when it is collected, or at exit).
        in_memory = not self.staging.is_relative_to(self.stages.build_dir)
        self.close = weakref.finalize(self, shutil.rmtree, self.staging, ignore_errors=True) if in_memory \
            else (lambda: None)
        self.build = 0  # goes up by one each time new pages are served
        self.epoch: int | None = None
        self.errors: list[Finding] = []  # shown above every page until fixed
        self.check_errors: list[Finding] = []  # of the last checks that ran to the end
        self.unchecked: BuiltSite | None = None  # what is served, when a newer edit stopped its checks
        self.newer_edit = lambda: False  # the watcher's: whether an edit came after this rebuild began
        self.shown_seconds = 0.0  # of the last rebuild: how long until its pages were served
        self.started = 0.0  # the last rebuild's start, a time.time(): the cache keeps what it used

    def rebuild(self) -> tuple[list[Finding], int] | None:
        """Rebuild what changed, serve it, then check it. Returns (findings, pages rewritten), or None when
        a newer edit stopped the checks (that edit's rebuild reports)."""
        shown = self.show()
        self.shown_seconds = shown.seconds
        findings = self.check(shown)
        return None if findings is None else (findings, shown.pages)

    def show(self) -> Shown:
        """Load and build what changed and serve it, with the build number up when pages or errors changed.

        The error panel then lists this rebuild's errors and those of the last checks, until the
        checks of this rebuild say otherwise. When the errors change but no page was rewritten
        (content that fails validation is not rendered), the build number still goes up, so open
        pages reload and show the new list.
        """
        started = time.perf_counter()
        with remembering(self.memo):
            shown = self._show()
        if shown.site is not None:
            self.memo.sweep()  # a whole site was made: forget what it did not use
        shown.seconds = time.perf_counter() - started
        self._set_errors(shown.findings + (self.check_errors if shown.site is not None else []),
                         shown.pages - shown.first)
        return shown

    def check(self, shown: Shown) -> list[Finding] | None:
        """Every check over what show() served; all findings, or None when a newer edit came first.

        When this rebuild served nothing new (its content has errors) but the checks of the pages
        that are served were stopped by it, those pages are checked now: served pages are never
        left unchecked because a later save did not build."""
        site = shown.site or self.unchecked
        if site is None:
            return shown.findings
        found: list[Finding] = []
        for module in self.checks:  # one at a time, so that a newer edit need not wait for them all
            if self.newer_edit():
                self.unchecked = site
                return None
            found += run_checks(site, (module,))
        self.unchecked = None
        self.check_errors = [finding for finding in found if finding.severity is Severity.ERROR]
        self._set_errors(shown.findings + found, 0)
        if (cache := self.stages.store()) is not None:
            cache.prune(self.started)
        shutil.rmtree(self.staging / "served-stage", ignore_errors=True)
        # A full collection now, while nobody waits (a rebuild makes none after its render: PreviewOptions),
        # then everything that lives on (the memo, the server) is left out of later ones. When a newer edit
        # stops the checks there is none until the checks of a later rebuild finish; the automatic
        # collections run meanwhile.
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        return shown.findings + found

    def _set_errors(self, findings: list[Finding], pages: int) -> None:
        errors = [finding for finding in findings if finding.severity is Severity.ERROR]
        changed = [e.format() for e in errors] != [e.format() for e in self.errors]
        self.errors = errors  # before the new build number, so a reload never sees the old list
        if pages or changed:
            self.build += 1

    def _show(self) -> Shown:
        """Load, then build the edition in every language as `toolkit build` does, reusing every page
        whose inputs did not change (toolkit.buildcache); served files are rewritten only where their
        bytes changed."""
        self.started = time.time()
        content = load_content(self.options.content_dir, local_contacts=self.options.local_contacts)
        findings = list(content.findings)
        if has_errors(findings):
            return Shown(findings, 0, 0.0)  # keep serving the last good pages
        if self.epoch is None:
            self.epoch = source_date_epoch(self.options.root, content)
        stage = self.staging / "next"
        for old in (stage, self.staging / "served-stage"):
            if old.exists():
                shutil.rmtree(old)
        stage.mkdir(parents=True)
        trees = sum(language.published_in(self.edition) for language in content.languages)
        first = 0

        def tree_built(tag: str) -> None:
            """Serve the source language's tree as soon as it is built, when other trees follow: an edit to the
            source text shows before its translations' pages (which say they are out of date) are rebuilt.
            Its changed files only; nothing is deleted until the whole edition is built."""
            nonlocal first
            if tag == content.source_language and trees > 1:
                first = self.served.update(stage / self.edition, partial=True)
                if first:
                    self.build += 1

        built = build_edition(content, self.edition, self.stages, stage, self.epoch, {}, tree_built=tree_built)
        findings += built.findings
        if not (stage / self.edition).exists():
            return Shown(findings, first, 0.0, first=first)
        pages = first + self.served.update(stage / self.edition)
        stage.rename(self.staging / "served-stage")  # deleted after the checks, not while the author waits
        output = EditionOutput(self.edition, self.site_dir, built.compiled.sources)
        output.store_scans(built.scans)
        site = BuiltSite(content=content, editions={self.edition: output},
                         options=CheckOptions(today=dt.date.today(), link_cache=self.options.root / "link-cache.json"))
        return Shown(findings, pages, 0.0, site, first=first)


def edition_folder(build_dir: Path, edition: str) -> Path:
    """What one edition's preview keeps to itself, under the preview's build folder: its cache, its staging
    folder when not in memory, its lock. The public and the professional edition can be previewed side by side."""
    return build_dir / "preview" / "editions" / edition


def staging_folder(own: Path) -> Path:
    """Where each rebuild stages the whole edition before the files that changed are copied into the served tree.

    A folder of this user's in memory (/dev/shm), when the system has one: the stages write every
    file of the edition anew, and creating a thousand files on a busy disk took longer than all
    the rest of a rebuild. Otherwise a folder in the edition's own folder (`own`, edition_folder): one per
    edition, since two editions previewed side by side shared one and each rebuild emptied the other's.
    Its name follows that folder, so the pages' cache keys (which include the generated project's
    settings) stay the same from one preview to the next.
    """
    on_disk = own / "staging"
    memory = Path("/dev/shm")
    if not (memory.is_dir() and os.access(memory, os.W_OK)):
        return on_disk
    name = hashlib.blake2b(str(own).encode(), digest_size=8).hexdigest()
    folder = memory / f"toolkit-preview-{name}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass  # an earlier preview's: used if it is this user's own (below)
    except OSError:
        return on_disk
    info = os.lstat(folder)  # never a link or a folder someone else made
    if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) == 0o700:
        return folder
    return on_disk


def preview_lock(build_dir: Path, edition: str):
    """An open file holding this process's lock on previewing `edition` into build_dir, or None when another
    preview holds it: two previews of one edition would rebuild into one served tree and staging folder.
    Where the file system cannot lock, the file is returned unlocked."""
    folder = edition_folder(build_dir, edition)
    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / "lock", "a+b")  # noqa: SIM115 (held open for as long as the preview runs)
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:  # another process holds it
        handle.close()
        return None
    except OSError:
        pass  # a file system that cannot lock (some network and FUSE ones): go on without the guard
    return handle


class ServedTree:
    """The folder the server sends, with a hash of each file it holds, so an update reads only the new files."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.hashes: dict[str, bytes] = {}  # of the files as this preview wrote them, by path
        self.known = False  # whether every file in the folder is one this preview wrote

    def update(self, source: Path, *, partial: bool = False) -> int:
        """Make the folder hold exactly the files of `source`, writing only files whose bytes differ (a page
        open in the browser keeps being served meanwhile). Returns how many pages (.html) were written.

        `partial`: only write the files of `source` whose bytes differ, and delete nothing (`source` holds part of
        what will be served: the next update, not partial, makes the folder exact)."""
        # Paths as text, not Path objects: every file of the edition is visited after each edit, and making
        # and relating two Paths per file was most of this step's time.
        wanted: dict[str, bytes] = {}
        pages = 0
        folder = str(self.folder)
        for relative, entry in entries_under(str(source)):
            target = os.path.join(folder, relative)
            with open(entry.path, "rb") as file:
                data = file.read()
            digest = bytes_key(data)
            wanted[target] = digest
            if self.hashes.get(target) == digest and os.path.isfile(target):
                continue
            if not (os.path.isfile(target) and Path(target).read_bytes() == data):  # first update: compare bytes
                os.makedirs(os.path.dirname(target), exist_ok=True)
                Path(target).write_bytes(data)
                pages += relative.endswith(".html")
        if partial:
            self.hashes.update(wanted)
            return pages
        if not self.known:  # the first update also removes what an earlier preview left
            remove_others(self.folder, wanted.keys())
        for target in self.hashes.keys() - wanted.keys():  # later ones know what they wrote: no walk of the tree
            _remove_with_empty_folders(target, folder)
        self.known = True
        self.hashes = wanted
        return pages


def _remove_with_empty_folders(path: str, top: str) -> None:
    """Delete a file, then each folder above it that this leaves empty, up to (not including) `top`."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    folder = os.path.dirname(path)
    while folder != top and folder.startswith(top + os.sep):
        try:
            os.rmdir(folder)
        except OSError:  # not empty (or gone): what is above it is not empty either
            return
        folder = os.path.dirname(folder)


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the preview folder with the site's security headers, plus the reload script and build number."""

    preview: Preview

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == PREFIX + "build":
            return self._send(str(self.preview.build).encode(), "text/plain; charset=utf-8")
        if path == PREFIX + "reload.js":
            return self._send(RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8")
        if path == PREFIX + "errors.css":
            return self._send(ERRORS_STYLE.encode(), "text/css; charset=utf-8")
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            tag = f'<script src="{PREFIX}reload.js" data-build="{self.preview.build}" defer></script></head>'
            html = file.read_text(encoding="utf-8").replace("</head>", tag, 1)
            if self.preview.errors:
                html = with_errors_panel(html, self.preview.errors, self.preview.options.root)
            return self._send(html.encode("utf-8"), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        for name, value in all_headers(noindex=is_restricted(self.preview.edition)).items():
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass  # keep the terminal for findings; and a preview keeps no log of what was read


def errors_panel(errors: list[Finding], root: Path) -> str:
    """The preview's list of content errors, as HTML."""
    items = []
    for finding in errors:
        where = html_text.escape(finding.location())
        if finding.file:
            path = (root / finding.file).resolve()
            target = f"vscode://file/{path}" + (f":{finding.line}" if finding.line else "") + (
                f":{finding.column}" if finding.line and finding.column else "")
            where = f'<a href="{html_text.escape(target)}">{where}</a>'
        field = f"{html_text.escape(finding.field)}: " if finding.field else ""
        hint = (f'<span class="tk-preview-hint">Hint: {html_text.escape(finding.hint)}</span>'
                if finding.hint else "")
        items.append(f"<li>{where}: {field}{html_text.escape(finding.message)}{hint}</li>")
    count_text = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    return (f'<section class="tk-preview-errors" role="alert" aria-labelledby="tk-preview-errors-title">'
            f'<h2 id="tk-preview-errors-title">Preview: {count_text} in the content. This page shows the last '
            f"good version; it reloads when you fix them.</h2><ol>{''.join(items)}</ol></section>")


def with_errors_panel(html: str, errors: list[Finding], root: Path) -> str:
    """The page with the errors stylesheet in its head and the panel first in its body."""
    html = html.replace("</head>", f'<link rel="stylesheet" href="{PREFIX}errors.css"></head>', 1)
    start = html.find("<body")
    end = html.find(">", start) + 1 if start >= 0 else 0
    return html[:end] + errors_panel(errors, root) + html[end:]


def make_server(preview: Preview, port: int) -> http.server.ThreadingHTTPServer:
    """An HTTP server for the preview on 127.0.0.1 (port 0: any free port)."""
    handler = type("Handler", (PreviewHandler,), {"preview": preview})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(preview.site_dir)))
    server.daemon_threads = True
    return server


class Watcher:
    """Rebuilds the preview after files under the watched folders change, one rebuild at a time."""

    def __init__(self, preview: Preview, paths: list[Path], report, *, verbose: bool = False):
        from watchdog import events
        from watchdog.observers import Observer

        self.preview = preview
        self.report = report
        self.verbose = verbose
        self.changed = threading.Event()
        self.last_event = 0.0  # time.monotonic() of the last file event
        self.quiet = QUIET_SECONDS  # how long to wait after it (quiet_after)
        self.stopped = threading.Event()
        self.observer = Observer()
        preview.newer_edit = self.changed.is_set  # its checks stop for a newer edit
        watcher = self

        class Handler(events.FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                watcher.quiet = quiet_after(event.event_type, event.is_directory, watcher.quiet,
                                            os.fsdecode(event.dest_path))
                watcher.last_event = time.monotonic()
                watcher.changed.set()

        # Every kind of event but a file opened or closed unchanged (so the handler sees changes only): asked
        # for, those came for each file every rebuild reads (two thousand at 1,000 modules), and the watchdog
        # thread reading them held the interpreter long enough to double the time until an edit was shown.
        changes = [events.FileCreatedEvent, events.DirCreatedEvent, events.FileModifiedEvent, events.DirModifiedEvent,
                   events.FileDeletedEvent, events.DirDeletedEvent, events.FileMovedEvent, events.DirMovedEvent,
                   events.FileClosedEvent]
        for path in paths:
            # A single file (the local contacts) is watched through its folder.
            folder, recursive = (path, True) if path.is_dir() else (path.parent, False)
            self.observer.schedule(Handler(), str(folder), recursive=recursive, event_filter=changes)
        self.thread = threading.Thread(target=self._loop, name="preview-rebuild", daemon=True)

    def start(self) -> None:
        self.observer.start()
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.changed.set()
        self.observer.stop()
        self.observer.join(timeout=5)
        self.thread.join(timeout=30)

    def _loop(self) -> None:
        while not self.stopped.is_set():
            self.changed.wait()
            if self.stopped.is_set():
                return
            # Let a burst of events finish (a save is several: modified, closed, a rename): rebuild once the
            # last came QUIET_SECONDS ago, or SAVED_SECONDS when it ended a save (quiet_after). Counted from the
            # last event, not from each wake, so the events of one save, which come within a millisecond, cost
            # one wait and not two; and each event wakes the wait, so the save's last one shortens it.
            self.changed.clear()
            while (quiet := self.last_event + self.quiet - time.monotonic()) > 0 or self.changed.is_set():
                self.changed.clear()
                self.changed.wait(max(quiet, 0.0))
            if self.stopped.is_set():
                return
            rebuild_and_report(self.preview, self.report, verbose=self.verbose)


def rebuild_and_report(preview: Preview, report, *, verbose: bool = False) -> None:
    """Rebuild once and report what happened, unless a newer edit stopped the checks; never raises."""
    started = time.perf_counter()
    try:
        done = preview.rebuild()
    except Exception:  # the preview must keep running; keep the details for a maintainer
        crash = preview.options.build_dir / "reports" / "preview-crash.txt"
        crash.parent.mkdir(parents=True, exist_ok=True)
        crash.write_text(traceback.format_exc(), encoding="utf-8")
        report(f"Internal error in the toolkit (not in your content); the preview shows the last good pages. "
               f"Details for a maintainer: {crash}")
        return
    if done is None:
        return  # the newer edit's rebuild reports
    findings, pages = done
    errors, warnings = count(findings, Severity.ERROR), count(findings, Severity.WARNING)
    text = format_report(findings, show_info=verbose)
    took = time.perf_counter() - started
    if pages:
        status = (f"Rebuilt {pages} page(s) in {preview.shown_seconds:.2f} s, checked in {took:.2f} s: "
                  f"{errors} error(s), {warnings} warning(s).")
    elif errors:
        status = f"{errors} error(s): fix them and save; the preview shows the last good pages."
    else:
        status = f"Nothing to rebuild ({took:.2f} s)."
    report((text + "\n\n" if text else "") + status)


def serve(options: BuildOptions, *, edition: str, port: int, report=print, verbose: bool = False) -> int:
    """Build, serve and watch until interrupted. Returns an exit code."""
    lock = preview_lock(options.build_dir, edition)
    if lock is None:
        report(f"toolkit serve: error: a preview of the {edition} edition of this project is already running "
               f"(into {options.build_dir / 'preview'}). Use that one, or stop it first (Ctrl+C in its terminal); "
               f"the other edition can be previewed beside it (--edition).")
        return 2
    with lock:
        return _serve(options, edition=edition, port=port, report=report, verbose=verbose)


def _serve(options: BuildOptions, *, edition: str, port: int, report, verbose: bool) -> int:
    preview = Preview(options, edition)
    try:
        server = make_server(preview, port)
    except OSError as exc:
        report(f"toolkit serve: error: cannot listen on 127.0.0.1:{port} ({exc.strerror}). "
               f"Try another port: scripts/serve --port {port + 1}")
        return 2
    report(f"Building the {edition} edition for the preview...")
    rebuild_and_report(preview, report, verbose=verbose)
    paths = [options.content_dir] + ([Path(options.local_contacts)] if options.local_contacts else [])
    watcher = Watcher(preview, paths, report, verbose=verbose)
    watcher.start()
    report(f"Preview of the {edition} edition: http://127.0.0.1:{server.server_address[1]}/ "
           f"(rebuilds when {options.content_dir} changes; Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        report("Preview stopped.")
    finally:
        watcher.stop()
        server.server_close()
        preview.close()  # before the lock is let go: a preview started next must not lose its staging folder
    return 0


def report_to_terminal(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
