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
    "a failed build leaves site/ and packs/ as they were",
    "site/ and packs/ are published together, all or none",
    "exit codes: 0 success, 1 content or check errors, 2 usage errors",
    "--strict fails on warnings too",
    "an internal error is one line for the author and build/reports/crash.txt for a maintainer",
    "--release refuses drafts, out-of-date translations and unverified or overdue entries",
    "the review desk's --release fails while anything is overdue",
    "a draft translation is published with a notice in its language",
    "every page has its lang and dir, and hreflang alternates",
    "a number typed into a translation, in any script's digits, is an error",
    "every server response carries every security header and HSTS",
    "the professional edition asks for a login",
    "pages are revalidated on every use, so a corrected number is never served stale",
    "every image has alt text or is marked decorative",
    "a skip link comes first on every page",
    "images in packs keep their alt text",
    "large print is at least 16 pt",
    "quick exit by Shift pressed three times",
    "without JavaScript the quick exit is a plain link (rel=nofollow noreferrer)",
    "search never sends the query, puts it in the address bar or keeps it",
    "a phone number typed into text is a build error",
    "the quick exit is always on screen and never covered",
    "every control shows visible focus",
    "printing a pack never makes a network request",
    "nothing of the professional edition is in the public one",
    "one build reports the problems of every stage",
    "an incremental build is byte for byte a clean build",
)

PROMISES_TEST = "tests/pipeline/test_promises.py"
TRANSLATED_TESTS = "tests/languages/test_translated_build.py"
HOSTING_TESTS = "tests/hosting/test_servers.py"
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
    Breakage("quick-exit-needs-four-shifts", "quick exit by Shift pressed three times",
             "toolkit/theme/assets/toolkit.js", "if (presses >= 3) {", "if (presses >= 4) {",
             ("tests/browser/test_quick_exit.py::test_shift_three_times_exits_with_announcements[fixture]",)),
    Breakage("quick-exit-scrolls-away", "the quick exit is always on screen and never covered",
             "toolkit/theme/assets/toolkit.css", "  position: sticky; inset-block-start: 0; z-index: 20;",
             "  position: static; inset-block-start: 0; z-index: 20;",
             ("tests/browser/test_quick_exit.py::test_quick_exit_stays_visible_and_uncovered_on_every_page[fixture-390]",)),
    # harden adds noreferrer to every external link, the quick exit too (external-links-without-noreferrer
    # breaks that); nofollow is the template's alone.
    Breakage("quick-exit-link-without-nofollow", "without JavaScript the quick exit is a plain link (rel=nofollow noreferrer)",
             "toolkit/theme/partials/header.html", 'rel="nofollow noreferrer" data-tk-exit', 'rel="noreferrer" data-tk-exit',
             ("tests/browser/test_without_javascript.py::test_quick_exit_is_a_plain_link_without_javascript[fixture]",)),
    Breakage("search-query-in-the-address-bar", "search never sends the query, puts it in the address bar or keeps it",
             "toolkit/theme/assets/search.js", "    var query = words(input.value);\n",
             '    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));\n'
             "    var query = words(input.value);\n",
             ("tests/browser/test_privacy.py::test_search_sends_nothing_and_changes_no_address[fixture]",)),
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
    Breakage("failed-build-publishes", "a failed build leaves site/ and packs/ as they were", "toolkit/build.py",
             "    if result.ok:\n", "    if True:\n",
             ("tests/pipeline/test_output_guarantees.py", "tests/packs/test_pack_step.py")),
    Breakage("site-and-packs-published-apart", "site/ and packs/ are published together, all or none",
             "toolkit/build.py", "            publish(pairs, journal=options.journal)\n",
             "            for pair in pairs:\n                publish([pair], journal=options.journal)\n",
             INTERRUPTED_TESTS),
    # --- the command line ----------------------------------------------------------------------------
    Breakage("content-errors-exit-0", "exit codes: 0 success, 1 content or check errors, 2 usage errors",
             "toolkit/cli.py", "    return EXIT_OK if result.ok else EXIT_CONTENT\n", "    return EXIT_OK\n",
             (f"{PROMISES_TEST}::test_exit_codes_of_the_build_command",)),
    Breakage("strict-ignores-warnings", "--strict fails on warnings too", "toolkit/build.py",
             "strict=options.strict)", "strict=False)",
             ("tests/pipeline/test_output_guarantees.py::test_strict_build_fails_on_warnings_and_keeps_output",)),
    Breakage("crash-file-not-written",
             "an internal error is one line for the author and build/reports/crash.txt for a maintainer",
             "toolkit/cli.py", '        crash.write_text(traceback.format_exc(), encoding="utf-8")\n', "",
             (f"{PROMISES_TEST}::test_an_internal_error_is_one_line_for_the_author_and_a_crash_file_for_a_maintainer",)),
    Breakage("release-flag-not-passed-to-checks",
             "--release refuses drafts, out-of-date translations and unverified or overdue entries", "toolkit/build.py",
             "release=options.release,", "release=False,",
             ("tests/languages/test_freshness.py", "tests/pipeline/test_content_checks.py")),
    Breakage("release-publishes-draft-translations",
             "--release refuses drafts, out-of-date translations and unverified or overdue entries",
             "toolkit/checks/translations.py", "Severity.ERROR if site.options.release else Severity.WARNING",
             "Severity.WARNING", ("tests/languages/test_freshness.py",)),
    Breakage("review-desk-release-passes-overdue", "the review desk's --release fails while anything is overdue",
             "toolkit/cli.py", "    if args.release and overdue:\n", "    if False:\n",
             ("tests/content/test_authoring.py",)),
    Breakage("typed-number-accepted", "a phone number typed into text is a build error", "toolkit/content/loader.py",
             "    for number in find_numbers(prose):\n", "    for number in []:\n",
             ("tests/content/test_validation.py::test_phone_number_typed_in_prose",)),
    # --- languages -----------------------------------------------------------------------------------
    Breakage("draft-translation-without-notice", "a draft translation is published with a notice in its language",
             "toolkit/compile/project.py", '        notices.append(strings.text("notice.draft"))\n', "        pass\n",
             (TRANSLATED_TESTS,)),
    Breakage("hreflang-dropped", "every page has its lang and dir, and hreflang alternates", "toolkit/theme/base.html",
             '    <link rel="alternate" hreflang="{{ other.tag }}" href="{{ other.href }}">', "",
             (TRANSLATED_TESTS,)),
    Breakage("arabic-pages-left-to-right", "every page has its lang and dir, and hreflang alternates",
             "toolkit/theme/base.html", 'dir="{{ tk.dir }}" class="no-js', 'dir="ltr" class="no-js',
             (TRANSLATED_TESTS,)),
    Breakage("translated-pages-marked-english", "every page has its lang and dir, and hreflang alternates",
             "toolkit/theme/base.html", '<html lang="{{ pagetk.language or tk.language }}"', '<html lang="en-GB"',
             (TRANSLATED_TESTS,)),
    Breakage("arabic-digits-not-a-number", "a number typed into a translation, in any script's digits, is an error",
             # A finder that knows only ASCII digits (phonenumbers alone reads Arabic-Indic ones, so emptying
             # the translation table breaks nothing: every digit of another script must go unseen).
             "toolkit/phones.py", "    text = text.translate(_TO_ASCII_DIGITS)\n",
             '    text = "".join(" " if ch.isdigit() and not ch.isascii() else ch for ch in text)\n',
             (f"{TRANSLATED_TESTS}::test_arabic_indic_digits_typed_into_a_translation_are_a_phone_number",)),
    # --- deploying -----------------------------------------------------------------------------------
    Breakage("nginx-without-hsts", "every server response carries every security header and HSTS",
             "toolkit/deploy/nginx.py", "    if onion:\n        del headers", "    if True:\n        del headers",
             (HOSTING_TESTS,)),
    Breakage("nginx-professional-without-login", "the professional edition asks for a login",
             "toolkit/deploy/nginx.py", "    if recipe.protected:\n", "    if False:\n", (HOSTING_TESTS,)),
    Breakage("pages-cached-for-an-hour", "pages are revalidated on every use, so a corrected number is never served stale",
             "toolkit/deploy/policy.py", 'CACHE_REVALIDATE = "no-cache"', 'CACHE_REVALIDATE = "max-age=3600"',
             (HOSTING_TESTS,)),
    # --- accessibility -------------------------------------------------------------------------------
    Breakage("image-without-alt-accepted", "every image has alt text or is marked decorative",
             "toolkit/content/loader.py", '        if not alt.strip() and "decorative" not in attrs:\n',
             "        if False:\n", ("tests/content/test_validation.py::test_image_without_alt_text",)),
    Breakage("focus-not-shown", "every control shows visible focus", "toolkit/theme/assets/toolkit.css",
             "  outline: 3px solid var(--tk-focus);\n  outline-offset: 0;\n  background-color: var(--tk-focus);\n"
             "  color: #0b0c0c;\n  box-shadow: 0 4px 0 #0b0c0c;\n", "  outline: none;\n",
             ("tests/browser/test_keyboard.py::test_focus_is_visible_on_every_control_of_every_page[fixture]",)),
    Breakage("no-skip-link", "a skip link comes first on every page", "toolkit/theme/partials/header.html",
             '  <a href="#tk-main" class="tk-skip">{{ tk.strings["page.skip"] }}</a>\n', "",
             ("tests/browser/test_keyboard.py::test_skip_link_comes_first_and_quick_exit_early_on_every_page[fixture]",)),
    # --- packs -------------------------------------------------------------------------------------
    Breakage("pack-images-without-alt", "images in packs keep their alt text", "toolkit/packs/document.py",
             "![{match['alt']}]", "![]", ("tests/packs/test_pack_step.py::test_a_module_image_is_printed_in_its_pack",)),
    Breakage("packs-fetch-from-the-network", "printing a pack never makes a network request",
             "toolkit/packs/fetcher.py",
             '            raise RefusedURL(url, "packs only use files of this build, never the network")\n',
             "            return super().fetch(url, headers)\n", ("tests/packs/test_fetcher.py",)),
    Breakage("large-print-at-12-pt", "large print is at least 16 pt", "toolkit/packs/assets/large-print.css",
             "html { font-size: 16pt;", "html { font-size: 12pt;",
             ("tests/packs/test_pdf_structure.py::test_large_print_body_text_is_at_least_16_points",)),
    Breakage("local-contacts-last", "local services appear first in packs", "toolkit/packs/templates/pack.html",
             "  {% if local_helplines %}\n",
             "  {% for helpline, card in helplines %}{{ card | safe }}{% endfor %}\n  {% if local_helplines %}\n",
             ("tests/packs/test_pdf_contents.py",)),
    # --- editions ----------------------------------------------------------------------------------
    Breakage("professional-pages-indexed", "every professional page is noindex", "toolkit/compile/project.py",
             '"noindex": is_restricted(edition_name),', '"noindex": False,',
             ("tests/editions/test_leakage.py", "tests/pipeline/test_end_to_end.py")),
    Breakage("professional-modules-in-public", "nothing of the professional edition is in the public one",
             "toolkit/content/loader.py", 'if edition == "professional" or item.edition == "public"]', "if True]",
             ("tests/pipeline/test_end_to_end.py", "tests/editions/test_leakage.py")),
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
