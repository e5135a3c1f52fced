"""The whole pipeline: load, validate, compile, render, harden, check, pack, publish.

Nothing in site/ or packs/ changes unless every step succeeded: all output is
made in build/stage/ and swapped in at the end (toolkit.publish).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import importlib
import logging
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .buildoptions import BuildOptions
from .checks import (
    DEFAULT_CHECKS,
    BuiltSite,
    CheckOptions,
    ContentChecked,
    EditionChecked,
    EditionOutput,
    check_content,
    check_edition,
    run_checks,
)
from .checks.locate import without_restated
from .compile.links import language_root
from .compile.pages import Edition
from .compile.project import CompiledEdition, compile_edition
from .content import Content, load_content
from .content.model import is_restricted
from .content.renderable import renderable
from .content.variants import localized
from .deploy import write_recipes
from .deploy.downloads import copy_downloads
from .deploy.fingerprint import fingerprint_assets, point_search_at
from .deploy.precompress import move_compressed, precompress
from .findings import Finding, has_errors, to_json
from .harden.csp import meta_policy
from .harden.headers import write_header_files
from .harden.minify import minify_scripts
from .harden.pages import harden_site, search_texts, svg_findings
from .harden.search_index import write_index
from .harden.sitemap import write_sitemap
from .harden.unused_css import parse_theme_stylesheets, prune_unused_rules
from .pagescan import PageScan
from .publish import publish
from .render import import_renderer, render
from .render_shared import Exchange
from .reports import write_reports
from .unchanged import Inputs, declared_epoch, examine, remember, report_reused

if TYPE_CHECKING:  # the pack step is imported only by builds that make packs
    from .packs import PackOutput

log = logging.getLogger("toolkit.build")


@dataclass
class BuildResult:
    ok: bool
    content: Content | None  # None when the last build was reused: nothing was loaded
    findings: list[Finding] = field(default_factory=list)
    compiled: dict[str, CompiledEdition] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    built_site: BuiltSite | None = None
    epoch: int = 0
    published: bool = False
    packs: list[PackOutput] = field(default_factory=list)
    reused: str | None = None  # the summary of the build whose output stands, when nothing changed since
    fingerprint: str = ""  # of every input (toolkit.buildcache); "" when not cached


def source_date_epoch(root: Path, content: Content) -> int:
    """The build's date: SOURCE_DATE_EPOCH, else the last commit, else the newest content date."""
    declared = declared_epoch(root)
    if declared is not None:
        return declared
    dates = [m.review.last_reviewed for m in content.modules.values() if m.review.last_reviewed]
    newest = max(dates) if dates else dt.date(2026, 1, 1)
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


@contextlib.contextmanager
def _timed(timings: dict, name: str):
    """Add the block's wall time to timings[name]."""
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - started


@dataclass
class EditionBuild:
    """One edition compiled, rendered and hardened: its findings, and every page as the checks read it."""

    compiled: CompiledEdition
    findings: list[Finding]
    scans: dict[str, PageScan] = field(default_factory=dict)
    checked: EditionChecked | None = None  # what the checks found in its pages (PageChecks), once they are read
    content_checked: ContentChecked | None = None  # the checks of the content alone its process took (Claims)


@dataclass(frozen=True)
class Claims:
    """Work that either of two processes may do, taken by the first to ask: a file each in `folder`, made only if
    it is not there (the file system decides, once)."""

    folder: Path

    def __call__(self, name: str) -> bool:
        try:
            os.close(os.open(self.folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return False
        return True


@dataclass
class PageChecks:
    """The checks' part that reads an edition's pages (toolkit.checks.check_edition), run in the process that
    built the edition as soon as it is built; its page scans are then let go, so that no process holds
    two editions' scans, nor sends them to another (peak memory)."""

    modules: tuple[str, ...]  # by name: a module cannot be pickled, and the edition may be built elsewhere
    options: CheckOptions

    def run(self, content: Content, name: str, built: EditionBuild, stage_site: Path) -> EditionBuild:
        """Check the edition's pages, keep what was found and drop the scans; an edition MkDocs did not write is
        left as it is."""
        if (stage_site / name).exists():
            output = EditionOutput(name, stage_site / name, built.compiled.sources)
            output.store_scans(built.scans)
            site = BuiltSite(content=content, editions={name: output}, options=self.options)
            built.checked = check_edition(site, name, self._checks())
            built.scans = {}
        return built

    def content(self, content: Content, claim=None) -> ContentChecked:
        """The checks that read only the content (toolkit.checks.check_content; `claim`: those this process
        takes)."""
        return check_content(BuiltSite(content=content, editions={}, options=self.options), self._checks(), claim)

    def _checks(self) -> list:
        return [importlib.import_module(module) for module in self.modules]


def build_edition(content: Content, edition: str, options: BuildOptions, stage_site: Path,
                  epoch: int, timings: dict, exchange: Exchange | None = None,
                  tree_built: Callable[[str], None] | None = None) -> EditionBuild:
    """Compile, render and harden one edition into stage_site/<edition>: each language its own tree, sharing
    its Markdown conversions with the build's other edition through `exchange` (toolkit.render_shared).
    `tree_built(tag)` is called as each language's tree is done (the live preview shows the first at once).

    The source language is built first, at the edition's root: MkDocs empties its output
    folder, so the other languages' trees (<tag>/ inside it) must come after.
    """
    result: EditionBuild | None = None
    trees: dict[str, tuple[str, list[str]]] = {}
    for language in content.languages:
        if not language.published_in(edition):
            continue
        root = language_root(language.tag, content.source_language)
        part = build_language(localized(content, language), edition, options, stage_site / edition / root,
                              options.build_dir / "projects" / edition / (root or language.tag), epoch, timings,
                              exchange.channel(edition, language.tag) if exchange else None)
        trees[language.tag] = (root, [page.path for page in part.compiled.pages])
        if tree_built is not None and (stage_site / edition).exists():
            tree_built(language.tag)
        if result is None:
            result = part
            if not (stage_site / edition).exists():
                return result
            continue
        result.compiled.sources.update({root + page: source for page, source in part.compiled.sources.items()})
        result.compiled.pages += part.compiled.pages
        result.findings += part.findings
        result.scans.update({root + page: scan for page, scan in part.scans.items()})
    write_header_files(stage_site / edition, edition)
    write_recipes(stage_site, edition)
    if content.site.url and not is_restricted(edition):
        write_sitemap(stage_site / edition, content.site.url, trees)
    return result


def build_language(content: Content, edition: str, options: BuildOptions, site_dir: Path, project_dir: Path,
                   epoch: int, timings: dict, shared=None) -> EditionBuild:
    """Compile, render and harden one (edition, language) pair into site_dir (`shared`: render's)."""
    findings: list[Finding] = []
    with _timed(timings, "compile"):
        # The downloads page only in the source language's tree, where downloads/ is.
        compiled = compile_edition(content, edition, project_dir, base_config=options.root / "mkdocs.yml",
                                   csp=meta_policy(), site_dir=site_dir,
                                   downloads=options.packs and content.language.tag == content.source_language)
        release_markdown(compiled)
    with _stored(options) as cache, _timed(timings, "render"):
        findings += render(compiled.config_file, epoch=epoch, sources=compiled.sources, cache=cache, shared=shared)
        release_rendered(options)
    if not site_dir.exists():
        return EditionBuild(compiled, findings)
    with _stored(options) as cache, _timed(timings, "harden"):
        # Unused stylesheet rules and the scripts' comments go first, then stylesheets and scripts are
        # named by their final content, so harden writes each page once with the final names.
        prune_unused_rules(site_dir)
        minify_scripts(site_dir)
        renamed = fingerprint_assets(site_dir)
        pages = harden_site(site_dir, renamed, cache)
        findings += [with_source(finding, compiled) for page in pages for finding in page.findings]
        findings += [with_source(finding, compiled) for finding in svg_findings(site_dir)]
        docs_name = write_index(site_dir, search_texts(pages), content.language.lang, fingerprint=True)
        scans = {page.url: page.scan for page in pages}
        scans.update(point_search_at(site_dir, docs_name, [page.url for page in pages if page.searches]))
    return EditionBuild(compiled, findings, scans)


def _stored(options: BuildOptions):
    """The build cache for one stage, as a `with` block (None without one): what the stage put is written in one
    transaction at its end."""
    return options.store() or contextlib.nullcontext()


def release_markdown(compiled: CompiledEdition) -> None:
    """Let go of the pages' Markdown once the compile step has written it into the generated project, where the
    render reads it (peak memory: 9 MB at 1,000 modules, held through MkDocs' own copy of every page)."""
    for page in compiled.pages:
        page.markdown = ""


def release_rendered(options: BuildOptions) -> None:
    """Let go of what the render no longer needs before harden and the checks add their own (peak memory).

    MkDocs' pages and files refer to each other, so what it built is freed only by a full
    collection (16 and 18 MB at 1,000 modules). Not in the live preview (its options'
    `collects_after_render`), whose rebuild renders only the pages an edit changed and collects after
    its checks (toolkit.serve.Preview.check): there this collection was a sixth of the time until an
    edit showed at 200 modules.

    In a process that makes this one build and ends (`BuildOptions.builds_once`), what lives on after the
    collection is then frozen: no later collection walks it again. Each tree's pages, as the checks read
    them, live until its edition is checked, so every full collection of a three-language edition walked the
    scans of the trees before: collections took 2.2 s of each process at 1,000 modules in three languages,
    0.4 to 0.6 s in one. A frozen object is still freed when nothing refers to it any more (the scans); only
    a frozen cycle would stay until the process ends (peak memory was the same: 107 and 318 MB)."""
    if options.collects_after_render():
        gc.collect()
        if options.builds_once():
            gc.freeze()


def build_editions(content: Content, options: BuildOptions, stage_site: Path, epoch: int,
                   timings: dict, checks: PageChecks) -> dict[str, EditionBuild]:
    """Build, compress and check the pages of every edition (each compressed as soon as it is built, by the
    process that built it: `_edition`): one after the other, or the largest here and the others in
    parallel processes.

    Work done in another process is timed under "<stage>:<edition>" keys, so the plain keys
    still add up to the build's wall time; "editions-wait" is the time spent waiting for them.
    """
    if len(options.editions) < 2 or not options.parallel(content):
        exchange = Exchange(tuple(options.editions)) if options.share_conversions else None
        return {name: checks.run(content, name, _edition(content, name, options, stage_site, epoch, timings,
                                                         exchange), stage_site) for name in options.editions}
    # The largest edition is built here: the others start later, in another process.
    here = max(options.editions, key=lambda name: len(content.in_edition(content.modules, name)))
    others = [name for name in options.editions if name != here]
    if options.forks():  # once, for both processes
        parse_theme_stylesheets()
        import_renderer()
        # What is there now (modules, content, the stylesheet table) lives until the process ends: frozen,
        # no collection walks it again (release_rendered's, every automatic one). Only here, where the process
        # makes one build and ends; a process that builds again (the preview) must not keep each build.
        gc.freeze()
    # What the two processes share, in folders of the stage (gone with this function, whatever happens).
    claims = Claims(stage_site.parent / "claims")
    claims.folder.mkdir(exist_ok=True)
    exchange = None
    if options.share_conversions and len(others) == 1:  # this edition converts forwards, the other backwards
        exchange = Exchange((here, *others), folder=stage_site.parent / "conversions")
        exchange.folder.mkdir(exist_ok=True)
    try:
        context = multiprocessing.get_context("fork" if options.forks() else "spawn")
        with ProcessPoolExecutor(max_workers=len(others), mp_context=context) as pool:
            # The checks of the content alone are taken one at a time by the first of the others (the smaller
            # edition) and by this process, each once its edition is built and checked: the first done runs most of
            # them while the other is still building (at 1,000 modules 0.8 s in one language, 3 s in three).
            futures = {name: pool.submit(_edition_in_process, content, name, options, stage_site, epoch, checks,
                                         claims if name == others[0] else None, exchange)
                       for name in others}
            results = {here: checks.run(content, here, _edition(content, here, options, stage_site, epoch, timings,
                                                                exchange), stage_site)}
            if (stage_site / here).exists():
                with _timed(timings, "check-content"):
                    results[here].content_checked = checks.content(content, claims)
            with _timed(timings, "editions-wait"):
                for name, future in futures.items():
                    result, edition_timings = future.result()
                    result.compiled.edition = Edition.of(content, name)
                    results[name] = result
                    timings.update({f"{stage}:{name}": seconds for stage, seconds in edition_timings.items()})
    finally:
        for folder in (claims.folder, exchange.folder if exchange else None):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)  # the conversions: 11 MB at 1,000 modules
    return {name: results[name] for name in options.editions}


def _edition(content: Content, edition: str, options: BuildOptions, stage_site: Path, epoch: int,
             timings: dict, exchange: Exchange | None = None) -> EditionBuild:
    """build_edition, then the edition's compressed copies, in the same process (the other CPU compresses
    the edition it built), before the checks rather than after them."""
    result = build_edition(content, edition, options, stage_site, epoch, timings, exchange)
    if (stage_site / edition).exists():
        with _stored(options) as cache, _timed(timings, "precompress"):
            precompress(stage_site / edition, compressed_dir(stage_site, edition), cache)
    return result


def compressed_dir(stage_site: Path, edition: str) -> Path:
    """Where an edition's .gz and .br copies wait for the checks to pass: beside the staged site, not in it."""
    return stage_site.parent / "compressed" / edition


def _edition_in_process(content: Content, edition: str, options: BuildOptions, stage_site: Path,
                        epoch: int, checks: PageChecks, claims: Claims | None = None,
                        exchange: Exchange | None = None) -> tuple[EditionBuild, dict]:
    timings: dict[str, float] = {}
    result = checks.run(content, edition, _edition(content, edition, options, stage_site, epoch, timings,
                                                   exchange), stage_site)
    if claims is not None and (stage_site / edition).exists():
        with _timed(timings, "check-content"):
            result.content_checked = checks.content(content, claims)
    result.compiled.edition = None  # the parent has the content; do not send it back
    return result, timings


def with_source(finding: Finding, compiled: CompiledEdition) -> Finding:
    """A finding about a built page, pointed at the content file the page came from (if it names none)."""
    if finding.file:
        return finding
    return replace(finding, file=compiled.sources.get(finding.page, ""), page=f"{compiled.name}/{finding.page}")


def build(options: BuildOptions, *, checks=DEFAULT_CHECKS, today: dt.date | None = None,
          inputs: Inputs | None = None) -> BuildResult:
    """Run the pipeline. Publishes to site/ and packs/ only if no error (or warning, with strict) was found.

    `inputs` is what toolkit.unchanged.examine found for these options and the default checks, when
    the caller asked it first (the command line does, before importing this module); without it,
    the build asks. When nothing changed since the last publish, nothing is built.
    Raises toolkit.outputs.UnsafeOutput, before touching anything, when an output folder is unsafe.
    """
    options.prepare()  # first, whatever happens next: a failing build must not keep a half-published site
    started = time.time()
    timings: dict[str, float] = {}
    if inputs is None:
        names = None if checks == DEFAULT_CHECKS else tuple(check.__name__ for check in checks)
        inputs = examine(options, names, today or dt.date.today()) if options.cache else Inputs()
    if options.cache:
        timings["unchanged"] = inputs.seconds
    if inputs.reusable:  # site/ and packs/ are what this build would make: keep them
        report_reused(options, inputs)
        return BuildResult(ok=True, content=None, findings=inputs.findings, timings=timings, reused=inputs.summary,
                           fingerprint=inputs.fingerprint)
    # After the reuse check (which reads the cache and creates nothing), before any stage may write to it.
    options = options.for_one_build()
    with _timed(timings, "load"):
        content = load_content(options.content_dir, local_contacts=options.local_contacts)
    result = BuildResult(ok=False, content=content, findings=list(content.findings), timings=timings,
                         fingerprint=inputs.fingerprint)
    if has_errors(result.findings):
        # Everything the loader kept is still built and checked, so one run reports every stage's
        # problems; with an error standing nothing is published (result.ok stays False).
        content = renderable(content)
        if content is None:
            return result

    epoch = source_date_epoch(options.root, content)
    result.epoch = epoch
    stage = options.build_dir / "stage"
    if stage.exists():
        shutil.rmtree(stage)
    stage_site = stage / "site"
    stage_site.mkdir(parents=True)

    check_options = CheckOptions(online=options.online, release=options.release, today=today or dt.date.today(),
                                 link_cache=options.root / "link-cache.json")
    page_checks = PageChecks(tuple(module.__name__ for module in checks), check_options)
    editions = build_editions(content, options, stage_site, epoch, timings, page_checks)
    for name, edition in editions.items():
        result.compiled[name] = edition.compiled
        result.findings += edition.findings
    built_editions = [name for name in editions if (stage_site / name).exists()]  # MkDocs may have failed

    if options.packs:  # the pack step: PDFs from content, offline zips from the staged editions
        from .packs import make_packs

        with _timed(timings, "packs"):
            result.packs, pack_findings = make_packs(
                content, stage_site, stage / "packs", editions=tuple(built_editions),
                built=dt.datetime.fromtimestamp(epoch, tz=dt.UTC), base_config=options.root / "mkdocs.yml",
                cache_dir=options.build_dir / "pack-cache")
        result.findings += pack_findings
        for pack in result.packs:
            timings[f"pack:{pack.name}"] = pack.seconds
        for name in built_editions:  # after the offline zips, which must not hold themselves
            copy_downloads(stage / "packs", stage_site / name, name)

    built = BuiltSite(
        content=content,
        editions={name: EditionOutput(name, stage_site / name, result.compiled[name].sources)
                  for name in built_editions},
        packs_dir=stage / "packs",
        options=check_options,
    )
    result.built_site = built
    with _timed(timings, "check"):
        # The pages were checked as each edition was built (PageChecks): this finishes those checks.
        checked = {name: editions[name].checked for name in built_editions if editions[name].checked is not None}
        content_checked = {name: ran for edition in editions.values() for name, ran in
                           (edition.content_checked or {}).items()} or None
        result.findings += without_restated(run_checks(built, checks, checked, content_checked), content.findings)
    for name, seconds in built.timings.items():
        timings[f"check:{name}"] = seconds

    write_reports(options.build_dir / "reports", to_json(result.findings), result.timings, built.reports)
    result.ok = not has_errors(result.findings, strict=options.strict)
    if result.ok:
        with _timed(timings, "publish"):
            for name in built_editions:  # the compressed copies, now that the checks have read the plain files
                move_compressed(compressed_dir(stage_site, name), stage_site / name)
            # site/ and packs/ together, all or none: a crash never pairs a new site with old packs.
            pairs = [(stage_site, options.site_dir)] + ([(stage / "packs", options.packs_dir)] if options.packs else [])
            publish(pairs, journal=options.journal)
            result.published = True
            remember(options, inputs, result.findings)
            with _stored(options) as cache:
                if cache is not None:
                    cache.prune(started)
    return result


__all__ = ["BuildOptions", "BuildResult", "build"]
