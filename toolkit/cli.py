"""The `toolkit` command: build, check, validate, serve, new, review, schemas, stats.

Exit codes: 0 success; 1 content or check errors (or warnings with --strict);
2 usage errors. Authors never see a Python traceback: an unexpected failure is
written to build/reports/crash.txt and reported in one line.
"""

from __future__ import annotations

import argparse
import signal
import sys
import traceback
from collections import Counter
from pathlib import Path

from .content.names import AUDIENCES, EDITIONS, TOPICS
from .findings import Severity, count, format_report
from .outputs import HINT as OUTPUT_HINT
from .outputs import UnsafeOutput

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
REUSED = "Nothing changed since that build"  # how a reused build starts its report (scripts/bench looks for it)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    parser.add_argument("--content", type=Path, help="content folder (default: ROOT/content)")
    parser.add_argument("--local-contacts", type=Path, metavar="FILE",
                        help="YAML file of local services (same form as content/helplines.yml) for this deployment")
    parser.add_argument("--verbose", "-v", action="store_true", help="also show info-level findings")


def _build_folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--build", type=Path, metavar="DIR",
                        help="folder for work files and reports (default: ROOT/build)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="toolkit", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="validate content and build both editions and the packs")
    _common(build)
    _build_folder(build)
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    build.add_argument("--release", action="store_true",
                       help="release build: unverified or overdue helplines and unchecked links are errors")
    build.add_argument("--online", action="store_true", help="check external links and numbers on the network")
    build.add_argument("--no-packs", action="store_true", help="skip the printable packs and offline bundles")
    build.add_argument("--no-cache", action="store_true",
                       help="build everything again, without reading or writing build/cache/")
    build.add_argument("--site", type=Path, help="output folder for the editions (default: ROOT/site)")
    build.add_argument("--packs", type=Path, help="output folder for packs (default: ROOT/packs)")

    check = sub.add_parser("check", help="run every check over the last built site/ without rebuilding")
    _common(check)
    _build_folder(check)
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--release", action="store_true",
                       help="release rules: unverified or overdue helplines and unchecked links are errors")
    check.add_argument("--online", action="store_true",
                       help="check every external link and registry number on the network; update link-cache.json")
    check.add_argument("--refresh-cache", action="store_true",
                       help="check on the network only links missing from link-cache.json or expired there")
    check.add_argument("--site", type=Path, help="folder holding the built editions (default: ROOT/site)")
    check.add_argument("--per-host-limit", type=int, metavar="N", help="requests at once to one host (default 4)")
    check.add_argument("--per-host-delay", type=float, metavar="SECONDS",
                       help="pause between requests to one host (default 0.1)")
    check.add_argument("--timeout", type=float, metavar="SECONDS", help="network timeout per request (default 10)")

    validate = sub.add_parser("validate", help="only load and validate content (fast)")
    _common(validate)

    serve = sub.add_parser("serve", help="live preview: build one edition, serve it, rebuild when content/ changes")
    _common(serve)
    _build_folder(serve)
    serve.add_argument("--edition", choices=EDITIONS, default="public", help="edition to preview (default: public)")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")

    translations = sub.add_parser("translations", help="tools for translations: stamp, status, export, import")
    actions = translations.add_subparsers(dest="action", required=True)
    stamp = actions.add_parser("stamp", help="record in translations the version of the source they translate")
    _common(stamp)
    stamp.add_argument("--language", metavar="TAG", help="only translations into this language")
    stamp.add_argument("files", nargs="*", type=Path, help="only these translation files (default: all)")
    status = actions.add_parser("status", help="per language: what is missing, out of date or in draft, with words")
    _common(status)
    export = actions.add_parser("export", help="write the files a translator needs, with a checklist, to a folder")
    _common(export)
    export.add_argument("--language", metavar="TAG", required=True, help="the language to translate into")
    export.add_argument("folder", type=Path, help="folder to write (give it to the translator)")
    take = actions.add_parser("import", help="copy a translator's folder back into content/ if it validates")
    _common(take)
    take.add_argument("folder", type=Path, help="the folder the translator sent back")

    new = sub.add_parser("new", help="start a module, worksheet, page or helpline entry from files that validate")
    new.add_argument("kind", choices=("module", "worksheet", "page", "helpline"), help="what to start")
    new.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    new.add_argument("--content", type=Path, help="content folder (default: ROOT/content)")
    new.add_argument("--id", help="identifier: lower-case letters, digits and hyphens")
    new.add_argument("--audience", action="append", default=[], choices=AUDIENCES,
                     help="who it is for (repeat for more than one)")
    new.add_argument("--topic", choices=TOPICS, help="for a module: its topic")
    new.add_argument("--edition", choices=EDITIONS, default="public", help="public (default) or professional")
    new.add_argument("--title", help="title (or, for a helpline, the service's name)")
    new.add_argument("--region", action="append", default=[], help="for a helpline: where it is available")

    review = sub.add_parser("review", help="everything due for review, by owner; writes a CSV and a calendar")
    _common(review)
    review.add_argument("--release", action="store_true", help="fail while anything is overdue")
    review.add_argument("--today", type=_date, help="the date to judge by, YYYY-MM-DD (default: today)")
    review.add_argument("--out", type=Path, help="folder for review.csv and review.ics (default: ROOT/build/reports)")

    stats = sub.add_parser("stats", help="usage figures for funders from the servers' address-free usage logs")
    stats.add_argument("logs", type=Path, nargs="+", metavar="LOG", help="usage log files (docs/deploying.md)")
    stats.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    stats.add_argument("--content", type=Path, help="content folder (default: ROOT/content)")
    stats.add_argument("--out", type=Path, help="report folder (default: ROOT/build/reports/stats)")

    schemas = sub.add_parser("schemas", help="write the JSON Schemas (schemas/) and field reference (docs/content-model.md)")
    schemas.add_argument("--root", type=Path, default=Path.cwd())
    return parser


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-12-01") from exc


def main(argv: list[str] | None = None) -> int:
    args = None
    try:
        args = _parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except KeyboardInterrupt as exc:
        # A second Ctrl-C while this is printed must not reach toolkit.__main__, which would say otherwise.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # The publish step says what it left in place when it finished a swap before stopping.
        print(f"Interrupted. {exc.args[0] if exc.args else 'The previous output is unchanged.'}", file=sys.stderr)
        return 130
    except UnsafeOutput as exc:
        for line in str(exc).splitlines():
            print(f"toolkit {args.command}: error: {line}", file=sys.stderr)
        print(f"    hint: {OUTPUT_HINT}", file=sys.stderr)
        return EXIT_USAGE
    except Exception:  # an author must never see a traceback; keep it for the maintainers
        crash = Path(getattr(args, "root", Path.cwd())) / "build" / "reports" / "crash.txt"
        crash.parent.mkdir(parents=True, exist_ok=True)
        crash.write_text(traceback.format_exc(), encoding="utf-8")
        print(f"Internal error in the toolkit (not in your content). The previous output is unchanged.\n"
              f"Details for a maintainer were written to {crash}.", file=sys.stderr)
        return EXIT_CONTENT


def _print_findings(findings, verbose: bool) -> None:
    report = format_report(findings, show_info=verbose)
    if report:
        print(report, file=sys.stderr)
        print(file=sys.stderr)


def cmd_validate(args) -> int:
    from .content import load_content

    root = args.root.resolve()
    content = load_content(args.content or root / "content", local_contacts=args.local_contacts)
    _print_findings(content.findings, args.verbose)
    errors = count(content.findings, Severity.ERROR)
    print(f"{len(content.modules)} modules, {len(content.helplines)} helplines, {len(content.worksheets)} "
          f"worksheets, {len(content.pages)} pages: {errors} error(s), "
          f"{count(content.findings, Severity.WARNING)} warning(s).")
    return EXIT_CONTENT if errors else EXIT_OK


def _missing_inputs(command: str, args) -> bool:
    """Whether a file the build reads besides content/ is missing (the local contacts named, the renderer's
    base settings); if so it is said, as a usage error rather than a crash in the toolkit."""
    if args.local_contacts and not args.local_contacts.is_file():
        print(f"toolkit {command}: error: --local-contacts file not found: {args.local_contacts}", file=sys.stderr)
        return True
    if not (args.root / "mkdocs.yml").is_file():
        print(f"toolkit {command}: error: {args.root / 'mkdocs.yml'} not found: the renderer's base settings are "
              "missing.\n    hint: Run the command in the project folder (the one with content/ and mkdocs.yml), "
              "or give it with --root. Nothing was changed.", file=sys.stderr)
        return True
    return False


def cmd_build(args) -> int:
    import datetime as dt

    from .buildoptions import BuildOptions
    from .unchanged import examine, remember_summary, report_reused

    options = BuildOptions(root=args.root, content_dir=args.content, site_dir=args.site, packs_dir=args.packs,
                           build_dir=args.build, local_contacts=args.local_contacts, strict=args.strict, release=args.release,
                           online=args.online, packs=not args.no_packs, cache=not args.no_cache,
                           may_fork=True)
    if _missing_inputs("build", args):
        return EXIT_USAGE
    inputs = None
    if options.cache:
        # Before the pipeline is imported (MkDocs, lxml, the checks: most of a second): with nothing
        # changed since the last build, the answer is its report.
        options.prepare()
        inputs = examine(options, None, dt.date.today())
        if inputs.reusable:
            report_reused(options, inputs)
            _print_findings(inputs.findings, args.verbose)
            print(inputs.summary)
            kept = f"{options.site_dir}/ and {options.packs_dir}/ are" if options.packs else f"{options.site_dir}/ is"
            print(f"{REUSED}: {kept} as it left it (checked in {inputs.seconds:.2f} s).")
            return EXIT_OK
    from .build import build

    result = build(options, inputs=inputs)
    _print_findings(result.findings, args.verbose)
    text = summary(result, options)
    print(text)
    if result.published:
        remember_summary(options, result.fingerprint, text)
    return EXIT_OK if result.ok else EXIT_CONTENT


def cmd_check(args) -> int:
    import datetime as dt

    from .buildoptions import BuildOptions
    from .checks.built_output import check_built_output
    from .checks.review_dates import table as review_table
    from .checks.site import CheckOptions
    from .findings import has_errors, to_json
    from .reports import write_reports

    root = args.root.resolve()
    prepared = BuildOptions(root=root, content_dir=args.content, build_dir=args.build)
    prepared.prepare(publishes=False)  # the site checked must not be a publish cut short
    overrides = {"per_host_limit": args.per_host_limit, "per_host_delay": args.per_host_delay,
                 "timeout": args.timeout}
    options = CheckOptions(online=args.online, release=args.release, today=dt.date.today(),
                           link_cache=root / "link-cache.json", refresh_cache=args.refresh_cache,
                           link_settings={key: value for key, value in overrides.items() if value is not None})
    _content, site, findings, timings = check_built_output(root, args.site or root / "site", options,
                                                           content_dir=args.content,
                                                           local_contacts=args.local_contacts)
    ok = not has_errors(findings, strict=args.strict)
    write_reports(prepared.build_dir / "reports", to_json(findings), timings, site.reports if site else {})
    _print_findings(findings, args.verbose)
    lines = review_table(site.reports.get("review-dates", [])) if site else []
    errors, warnings = count(findings, Severity.ERROR), count(findings, Severity.WARNING)
    lines.append(f"{errors} error(s), {warnings} warning(s) in {timings.get('check', 0.0):.1f} s. "
                 f"Reports: {prepared.build_dir / 'reports'}/")
    print("\n".join(lines))
    return EXIT_OK if ok else EXIT_CONTENT


def summary(result, options) -> str:
    """The short report printed after a build."""
    from .checks.review_dates import table as review_table

    content = result.content
    lines = []
    errors, warnings = count(result.findings, Severity.ERROR), count(result.findings, Severity.WARNING)
    if content.modules:
        lines.append("Modules by audience and topic:")
        width = max(len(t) for t in TOPICS) + 2
        lines.append(" " * width + "".join(f"{a:>17}" for a in AUDIENCES))
        for topic in TOPICS:
            cells = Counter(a for m in content.modules.values() if m.topic == topic for a in m.audiences)
            lines.append(f"{topic:<{width}}" + "".join(f"{cells.get(a, 0):>17}" for a in AUDIENCES))
    for name, compiled in result.compiled.items():
        lines.append(f"{name} edition: {len(compiled.pages)} pages")
    lines += readability_lines(result)
    lines += review_table(result.built_site.reports.get("review-dates", []) if result.built_site else [])
    lines += pack_lines(result)
    lines.append(f"{errors} error(s), {warnings} warning(s) in {sum(v for k, v in result.timings.items() if ':' not in k):.1f} s.")
    if result.ok and result.published:
        lines.append(f"Site written to {options.site_dir}/ ({', '.join(f'{n}/' for n in result.compiled)}).")
        if result.packs:
            lines.append(f"Packs written to {options.packs_dir}/ ({len(result.packs)} files).")
    else:
        reason = "errors" if errors else "warnings (--strict)"
        kept = (f"{options.site_dir}/ and {options.packs_dir}/ were left as they were" if options.packs
                else f"{options.site_dir}/ was left as it was")
        lines.append(f"Build failed because of {reason} above; {kept}.")
    lines.append(f"Reports: {options.build_dir}/reports/")
    return "\n".join(lines)


def pack_lines(result) -> list[str]:
    """Pages per pack (standard / large print) and the offline bundles."""
    pdfs = [pack for pack in result.packs if pack.audience]
    if not pdfs:
        return []
    pages = {(pack.audience, pack.variant): pack.pages for pack in pdfs}
    audiences = list(dict.fromkeys(pack.audience for pack in pdfs))
    cells = ", ".join(f"{a} {pages.get((a, 'standard'), 0)}/{pages.get((a, 'large-print'), 0)}" for a in audiences)
    bundles = ", ".join(pack.name for pack in result.packs if not pack.audience)
    printed = [pack for pack in pdfs if not pack.reused]
    if printed:
        slowest = max(printed, key=lambda pack: pack.seconds)
        timing = f"{len(printed)} printed, slowest {slowest.name} {slowest.seconds:.1f} s"
    else:
        timing = "none printed"
    reused = len(pdfs) - len(printed)
    timing += f", {reused} unchanged since the last build" if reused else ""
    return [f"Packs, pages (standard/large print): {cells}; {timing}.", f"Offline bundles: {bundles}."]


def readability_lines(result) -> list[str]:
    """Reading grades in brief, per edition, with the hardest module (full table: build/reports/readability.json)."""
    rows = result.built_site.reports.get("readability", []) if result.built_site else []
    lines = []
    for edition in EDITIONS:
        group = [row for row in rows if row["edition"] == edition]
        if not group:
            continue
        hardest = max(group, key=lambda row: row["grade"])
        lines.append(f"Reading grade, {edition} modules: {min(r['grade'] for r in group)} to {hardest['grade']} "
                     f"(ceiling {hardest['ceiling']}; hardest: {hardest['module']}); "
                     f"{min(r['words'] for r in group)} to {max(r['words'] for r in group)} words.")
    easy = result.built_site.reports.get("readability-easy", []) if result.built_site else []
    if easy:  # a ceiling of its own (4), so never mixed with the editions' grades
        hardest = max(easy, key=lambda row: row["grade"])
        lines.append(f"Reading grade, easy read: {min(r['grade'] for r in easy)} to {hardest['grade']} "
                     f"(ceiling {hardest['ceiling']:g}; hardest: {hardest['id']}).")
    return lines


def cmd_serve(args) -> int:
    from .buildoptions import BuildOptions
    from .serve import report_to_terminal, serve

    if _missing_inputs("serve", args):
        return EXIT_USAGE
    options = BuildOptions(root=args.root, content_dir=args.content, build_dir=args.build,
                           local_contacts=args.local_contacts)
    options.prepare(publishes=False)
    return serve(options, edition=args.edition, port=args.port, report=report_to_terminal, verbose=args.verbose)


def cmd_schemas(args) -> int:
    from .content.reference import write_reference
    from .content.schemas import write_schemas

    root = args.root.resolve()
    for path in [*write_schemas(root / "schemas"), write_reference(root / "docs" / "content-model.md")]:
        print(f"wrote {path}")
    return EXIT_OK


def cmd_translations(args) -> int:
    from .content import load_content
    from .findings import has_errors
    from .translations.stamp import stamp

    root = args.root.resolve()
    if args.action == "import":
        from .translations.handoff import import_files

        content_dir = args.content or root / "content"
        copied, findings = import_files(content_dir, args.folder)
        _print_findings(findings, args.verbose)
        print(f"{len(copied)} file(s) copied into {content_dir.name}/." if copied else
              "Nothing copied: fix the errors above in the translator's files and import again.")
        return EXIT_OK if copied else EXIT_CONTENT
    content = load_content(args.content or root / "content")
    if has_errors(content.findings):
        _print_findings(content.findings, args.verbose)
        print(f"Nothing done ({args.action}): fix the errors above first.", file=sys.stderr)
        return EXIT_CONTENT
    if args.action == "status":
        from .translations.status import report

        print("\n".join(report(content)))
        return EXIT_OK
    if args.action == "export":
        from .translations.handoff import export

        if args.language not in content.translation_tags:
            print(f"toolkit translations export: error: '{args.language}' is not a translation language "
                  f"(site.yml lists: {', '.join(content.translation_tags) or 'none'}).", file=sys.stderr)
            return EXIT_USAGE
        written = export(content, args.language, args.folder)
        print(f"{len(written)} file(s) and CHECKLIST.md written to {args.folder}/.")
        return EXIT_OK
    changed = stamp(content, files=[str(name) for name in args.files], language=args.language)
    for variant in changed:
        print(f"stamped {variant.file}" + (f" ({variant.kind} {variant.id})" if variant.kind == "helpline" else ""))
    print(f"{len(changed)} translation(s) stamped.")
    return EXIT_OK


def _ask(args, name: str, question: str, *, many: bool = False):
    """A flag's value, or the answer to a question when run in a terminal; None if neither."""
    value = getattr(args, name)
    if value or not sys.stdin.isatty():
        return value
    answer = input(f"{question}: ").strip()
    return [part.strip() for part in answer.split(",") if part.strip()] if many else answer


def cmd_new(args) -> int:

    from .content import load_content
    from .scaffold import NEXT_STEPS, Request, ScaffoldError, create, first_service

    root = args.root.resolve()
    content_dir = args.content or root / "content"
    wanted = {"id": "the id (lower-case words joined by hyphens)"}
    if args.kind != "page":
        wanted["audience"] = f"who it is for ({', '.join(AUDIENCES)}; commas between several)"
    if args.kind == "module":
        wanted["topic"] = f"its topic ({', '.join(TOPICS)})"
    if args.kind == "helpline":
        wanted["region"] = "where it is available (for example scotland; commas between several)"
    answers = {name: _ask(args, name, question, many=name in ("audience", "region"))
               for name, question in wanted.items()}
    missing = [f"--{name}" for name, value in answers.items() if not value]
    if missing:
        print(f"toolkit new {args.kind}: error: missing {', '.join(missing)} (or run it in a terminal to be asked).",
              file=sys.stderr)
        return EXIT_USAGE
    request = Request(args.kind, answers["id"], tuple(answers.get("audience") or ()), answers.get("topic") or "",
                      args.edition, args.title or "", tuple(answers.get("region") or ()))
    call_first = first_service(load_content(content_dir), request.audiences[0]) if args.kind == "module" else None
    try:
        written = create(request, content_dir, call_first=call_first)
    except ScaffoldError as exc:
        print(f"toolkit new {args.kind}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"wrote {path}")
    print(NEXT_STEPS[args.kind])
    return EXIT_OK


def cmd_review(args) -> int:
    import datetime as dt

    from . import review_desk
    from .content import load_content
    from .findings import has_errors

    root = args.root.resolve()
    content = load_content(args.content or root / "content", local_contacts=args.local_contacts)
    if has_errors(content.findings):  # a module that fails validation would silently drop out of the list
        _print_findings(content.findings, args.verbose)
        print("toolkit review: error: the content has errors; fix them first, so that no review is left out.",
              file=sys.stderr)
        return EXIT_CONTENT
    today = args.today or dt.date.today()
    rows = review_desk.items(content, root, today)
    out = args.out or root / "build" / "reports"
    out.mkdir(parents=True, exist_ok=True)
    (out / "review.csv").write_text(review_desk.to_csv(rows, today), encoding="utf-8")
    (out / "review.ics").write_text(review_desk.to_ical(rows, today, content.site.name), encoding="utf-8",
                                    newline="")
    overdue = [row for row in rows if row.overdue(today)]
    print(review_desk.table(rows, today))
    print(f"{len(rows)} review(s), {len(overdue)} overdue or never done. Wrote {out / 'review.csv'} and "
          f"{out / 'review.ics'}.")
    if args.release and overdue:
        print(f"toolkit review: error: {len(overdue)} review(s) overdue; a release needs every one done.",
              file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def cmd_stats(args) -> int:
    from .stats import write_stats

    root = args.root.resolve()
    missing = [str(path) for path in args.logs if not path.is_file()]
    if missing:
        print(f"toolkit stats: error: log file not found: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    report, files = write_stats(args.logs, args.content or root / "content", args.out or root / "build" / "reports" / "stats")
    print(f"{report.lines} log lines, {report.bad_lines} skipped (not a usage log line); "
          f"months: {', '.join(report.months) or 'none'}.")
    print("Report written to " + " and ".join(str(path) for path in files) + ".")
    return EXIT_OK


COMMANDS = {"build": cmd_build, "check": cmd_check, "validate": cmd_validate, "serve": cmd_serve,
            "schemas": cmd_schemas, "new": cmd_new, "review": cmd_review, "translations": cmd_translations,
            "stats": cmd_stats}
