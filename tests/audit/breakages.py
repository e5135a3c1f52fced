"""Named breakages of the README's promises, for scripts/audit-tests.

Each breakage replaces one exact piece of the code with a broken one, in a throwaway copy of the
project, and names the tests that must then fail. A breakage whose `old` text is no longer in its
file is reported as stale: update it with the code, never delete it to make the audit pass.
Every promise in PROMISES (the README's, in short) has at least one breakage here, and every
breakage still applies to the code: tests/audit/test_breakages.py keeps both true.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Breakage:
    name: str
    promise: str  # one of PROMISES
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


# The README's promises, one line each.
PROMISES = (
    "strict Content-Security-Policy",
    "Permissions-Policy denies every feature",
    "Referrer-Policy: no-referrer",
    "external links carry rel=noopener noreferrer",
    "nothing is kept in the browser",
    "nothing leaves the site",
    "quick exit replaces the history entry",
    "quick exit blanks the page at once",
    "coming back through the back/forward cache shows the page",
    "worksheet answers are gone when the page is left",
    "every build checks its own output",
    "a build killed in the middle of the swap is rolled back by the next one",
    "Ctrl-C during the swap leaves site/ and packs/ whole",
    "output folders are checked before anything is touched",
    "a folder the toolkit did not make is never deleted",
    "no content file makes loading hang, crash or run out of memory",
    "Ctrl-C at any point exits 130 with one line",
    "two builds of the same content are byte-identical",
    "local services appear first in packs",
    "every professional page is noindex",
    "help cards say what is open now, in UK time",
    "a closed help card shows what the reader can do now",
    "one build reports the problems of every stage",
    "an incremental build is byte for byte a clean build",
)

PROMISES_TEST = "tests/pipeline/test_promises.py"
PUBLISH_TESTS = ("tests/test_publish.py",)
INTERRUPTED_TESTS = ("tests/pipeline/test_interrupted_publish.py",)
PATHS_TESTS = ("tests/pipeline/test_hostile_paths.py",)
BOUNDED_TESTS = ("tests/content/test_bounded_work.py", "tests/content/test_fuzz.py")
OPEN_NOW_TESTS = "tests/browser/test_open_now.py"
ONE_RUN_TESTS = ("tests/pipeline/test_one_run.py",)
INCREMENTAL_TESTS = ("tests/pipeline/test_incremental.py",)

BREAKAGES = (
    # --- privacy: the Content-Security-Policy and other headers -----------------------------
    Breakage("csp-allows-inline-and-eval", "strict Content-Security-Policy", "toolkit/harden/csp.py",
             '"script-src": "\'self\'",', '"script-src": "\'self\' \'unsafe-inline\' \'unsafe-eval\'",',
             (PROMISES_TEST,)),
    Breakage("csp-without-object-src", "strict Content-Security-Policy", "toolkit/harden/csp.py",
             '    "object-src": "\'none\'",\n', "", (PROMISES_TEST,)),
    Breakage("csp-without-base-uri-and-form-action", "strict Content-Security-Policy", "toolkit/harden/csp.py",
             '    "base-uri": "\'none\'",\n    "form-action": "\'none\'",\n', "", (PROMISES_TEST,)),
    Breakage("no-frame-ancestors-header", "strict Content-Security-Policy", "toolkit/harden/csp.py",
             'HEADER_ONLY = {"frame-ancestors": "\'none\'"}', "HEADER_ONLY = {}", (PROMISES_TEST,)),
    Breakage("permissions-policy-allows-camera", "Permissions-Policy denies every feature", "toolkit/harden/csp.py",
             '"accelerometer", "autoplay", "camera",', '"accelerometer", "autoplay",', (PROMISES_TEST,)),
    Breakage("referrer-sent", "Referrer-Policy: no-referrer", "toolkit/harden/csp.py",
             '"Referrer-Policy": "no-referrer"', '"Referrer-Policy": "origin"', (PROMISES_TEST,)),
    Breakage("external-links-without-noreferrer", "external links carry rel=noopener noreferrer",
             "toolkit/harden/pages.py", 'REL_EXTERNAL = ("noopener", "noreferrer")', 'REL_EXTERNAL = ("noopener",)',
             ("tests/browser/test_privacy.py", "tests/pipeline/test_output_guarantees.py")),
    Breakage("script-writes-storage", "nothing is kept in the browser", "toolkit/theme/assets/toolkit.js",
             'html.classList.add("tk-js");', 'html.classList.add("tk-js"); localStorage.setItem("seen", "1");',
             ("tests/browser/test_privacy.py",)),
    Breakage("script-requests-another-site", "nothing leaves the site", "toolkit/theme/assets/toolkit.js",
             'html.classList.add("tk-js");',
             'html.classList.add("tk-js"); new Image().src = "https://tracker.example/p.gif";',
             ("tests/browser/test_privacy.py",)),
    # --- the quick exit ------------------------------------------------------------------------
    Breakage("quick-exit-keeps-history", "quick exit replaces the history entry", "toolkit/theme/assets/toolkit.js",
             "window.location.replace(exitLink.href);", "window.location.assign(exitLink.href);",
             ("tests/browser/test_quick_exit.py",)),
    Breakage("quick-exit-does-not-blank", "quick exit blanks the page at once", "toolkit/theme/assets/toolkit.js",
             '    html.classList.add("tk-exiting");\n    document.title = "";\n', "",
             ("tests/browser/test_quick_exit.py",)),
    Breakage("back-forward-cache-stays-blank", "coming back through the back/forward cache shows the page",
             "toolkit/theme/assets/toolkit.js",
             'if (event.persisted) { html.classList.remove("tk-exiting"); }', "",
             ("tests/browser/test_back_forward_cache.py",)),
    Breakage("worksheet-answers-kept", "worksheet answers are gone when the page is left",
             "toolkit/theme/assets/toolkit.js",
             "Array.prototype.forEach.call(sheets, function (form) { form.reset(); });", "",
             ("tests/browser/test_back_forward_cache.py", "tests/packs/test_worksheet_privacy.py")),
    # --- which checks the build runs -------------------------------------------------------------
    *(Breakage(f"build-skips-{name}", "every build checks its own output", "toolkit/checks/__init__.py",
               "    for module in checks:\n", f"    for module in [m for m in checks if m.NAME != {name!r}]:\n",
               (PROMISES_TEST,))
      for name in ("phone-numbers", "tel-links", "internal-links", "off-origin", "edition-leakage",
                   "external-links", "registry-numbers", "inline-code", "review-dates", "number-sources",
                   "readability", "module-structure", "placeholders", "url-schemes", "help-routes",
                   "holiday-list", "translations")),
    # --- atomic, reproducible output --------------------------------------------------------------
    Breakage("no-rollback", "a build killed in the middle of the swap is rolled back by the next one",
             "toolkit/publish.py", "            if entry[\"had_previous\"]:\n                os.replace(previous, target)\n",
             "", PUBLISH_TESTS + INTERRUPTED_TESTS),
    Breakage("rollback-only-before-publishing", "a build killed in the middle of the swap is rolled back by the next one",
             "toolkit/build.py", "        recover(self.journal)\n", "", INTERRUPTED_TESTS),
    Breakage("signals-not-held", "Ctrl-C during the swap leaves site/ and packs/ whole", "toolkit/publish.py",
             '    with _interrupts_held("The new output was published in full first."):\n',
             "    with contextlib.nullcontext():\n", PUBLISH_TESTS + INTERRUPTED_TESTS),
    Breakage("content-folder-as-output", "output folders are checked before anything is touched", "toolkit/outputs.py",
             '        if relation and (inside_too or relation != "is inside"):\n', "        if False:\n", PATHS_TESTS),
    Breakage("file-as-output", "output folders are checked before anything is touched", "toolkit/outputs.py",
             "    if path.exists() and not path.is_dir():\n", "    if False:\n", PATHS_TESTS),
    Breakage("foreign-folder-replaced", "a folder the toolkit did not make is never deleted", "toolkit/outputs.py",
             "    if path.is_dir() and not is_ours(path, output.kind):\n", "    if False:\n", PATHS_TESTS),
    Breakage("yaml-unbounded", "no content file makes loading hang, crash or run out of memory",
             "toolkit/content/yamlfile.py", "    findings = _bounds(text, file, line_offset)\n", "    findings = []\n",
             BOUNDED_TESTS),
    Breakage("markdown-unbounded", "no content file makes loading hang, crash or run out of memory",
             "toolkit/content/loader.py", "    costly = too_costly(text, file, line_offset)\n", "    costly = []\n",
             BOUNDED_TESTS),
    Breakage("build-stops-at-load-errors", "one build reports the problems of every stage", "toolkit/build.py",
             "        content = renderable(content)\n        if content is None:\n", "        if True:\n",
             ONE_RUN_TESTS),
    Breakage("refused-links-rendered", "one build reports the problems of every stage",
             "toolkit/content/renderable.py", "        return match.group(0) if _resolves(content, kind, match[\"id\"], public) "
             "else match[\"text\"]\n", "        return match.group(0)\n", ONE_RUN_TESTS),
    Breakage("restated-findings-kept", "one build reports the problems of every stage", "toolkit/checks/locate.py",
             "            if not any((check, finding.file, finding.line) in reported", "            if not any(False",
             ONE_RUN_TESTS),
    Breakage("pipes-opened", "no content file makes loading hang, crash or run out of memory",
             "toolkit/content/files.py", "    if not stat.S_ISREG(info.st_mode):\n", "    if False:\n", BOUNDED_TESTS),
    Breakage("ctrl-c-traceback-at-start-up", "Ctrl-C at any point exits 130 with one line", "toolkit/__main__.py",
             "except KeyboardInterrupt:  # still importing", "except ImportError:  # still importing",
             ("tests/content/test_bounded_work.py",)),
    Breakage("random-pdf-id", "two builds of the same content are byte-identical", "toolkit/packs/pdf.py",
             'identifier = hashlib.sha256(document.html.encode("utf-8")).hexdigest()[:32].encode("ascii")',
             'identifier = os.urandom(16).hex().encode("ascii")',
             (f"{PROMISES_TEST}::test_two_processes_build_the_same_bytes_with_other_hash_seeds_and_a_later_clock",)),
    Breakage("zip-dated-by-the-clock", "two builds of the same content are byte-identical", "toolkit/packs/offline.py",
             "info = zipfile.ZipInfo(name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))",
             "info = zipfile.ZipInfo(name, date_time=__import__('time').localtime()[:6])",
             (f"{PROMISES_TEST}::test_two_processes_build_the_same_bytes_with_other_hash_seeds_and_a_later_clock",)),
    # --- packs -------------------------------------------------------------------------------------
    Breakage("local-contacts-last", "local services appear first in packs", "toolkit/packs/templates/pack.html",
             "  {% if local_helplines %}\n",
             "  {% for helpline, card in helplines %}{{ card | safe }}{% endfor %}\n  {% if local_helplines %}\n",
             ("tests/packs/test_pdf_contents.py",)),
    # --- editions ----------------------------------------------------------------------------------
    Breakage("professional-pages-indexed", "every professional page is noindex", "toolkit/compile/project.py",
             '"noindex": is_restricted(edition_name),', '"noindex": False,',
             ("tests/editions/test_leakage.py", "tests/pipeline/test_end_to_end.py")),
    # --- help cards: open now ------------------------------------------------------------------------
    Breakage("open-now-in-device-time", "help cards say what is open now, in UK time",
             "toolkit/theme/assets/open-now.js", 'timeZone: "Europe/London", ', "", (OPEN_NOW_TESTS,)),
    Breakage("bank-holidays-ignored", "help cards say what is open now, in UK time", "toolkit/content/schedules.py",
             "        days.update((day, []) for day in holidays)\n", "        pass\n", (OPEN_NOW_TESTS,)),
    Breakage("overnight-ends-at-midnight", "help cards say what is open now, in UK time",
             "toolkit/content/schedules.py", "(DAY if opening.closes_next_day else 0)", "0",
             (OPEN_NOW_TESTS, "tests/content/test_schedules.py")),
    Breakage("closed-card-says-nothing-more", "a closed help card shows what the reader can do now",
             "toolkit/theme/assets/open-now.js", "    meanwhile.hidden = false;\n", "", (OPEN_NOW_TESTS,)),
    Breakage("render-key-without-shared-settings", "an incremental build is byte for byte a clean build",
             "toolkit/render.py", "json.dumps(shared, sort_keys=True, default=str)", "\"\"", INCREMENTAL_TESTS),
    Breakage("damaged-cache-trusted", "an incremental build is byte for byte a clean build", "toolkit/buildcache.py",
             "        if raw[:len(_MAGIC)] != _MAGIC or", "        if False and", INCREMENTAL_TESTS),
)
