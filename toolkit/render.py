"""Drive MkDocs: build one generated project, and turn its log messages into findings.

MkDocs is the renderer, not the place our logic lives: it receives a finished
Markdown project (toolkit.compile) and hands back HTML. Its warnings (a broken
relative link in Markdown, for instance) become findings like any other.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import functools
import importlib
import json
import logging
import os
from pathlib import Path

from .buildcache import BuildCache, digest, digester, entries_under, toolkit_fingerprint
from .compile.links import html_path
from .findings import Finding, error, warning
from .memo import bytes_key, file_bytes, remembered
from .render_shared import LOGGERS, sharing
from .venvcache import cache_folder, read_checked, write_checked

log = logging.getLogger("toolkit.render")

# MkDocs and Material say these on every build; they are not about the content.
_NOISE = (
    "Cleaning site directory",
    "Building documentation to directory",
    "Documentation built in",
    "MkDocs 2.0",
    "Material for MkDocs",
    "mkdocs-material",
    "end of life",
    "The following pages exist in the docs directory",
    "A 'dirty' build is being performed",  # the live preview's incremental builds
)


class _Collector(logging.Handler):
    """Keeps every record, with the page MkDocs was working on when it was logged (None between pages)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[logging.LogRecord, str | None]] = []
        self.config = None

    def emit(self, record: logging.LogRecord) -> None:
        page = getattr(self.config, "_current_page", None) if self.config is not None else None
        self.records.append((record, page.file.src_uri if page is not None else None))


@contextlib.contextmanager
def _captured_logs():
    collector = _Collector()
    loggers = [logging.getLogger(name) for name in LOGGERS]
    saved = [(lg, lg.level, lg.propagate, list(lg.handlers)) for lg in loggers]
    for lg in loggers:
        lg.handlers = [collector]
        lg.setLevel(logging.INFO)
        lg.propagate = False
    try:
        yield collector
    finally:
        for lg, level, propagate, handlers in saved:
            lg.handlers = handlers
            lg.setLevel(level)
            lg.propagate = propagate


@contextlib.contextmanager
def _source_date_epoch(epoch: int):
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@functools.cache
def _theme_parts():
    """The theme loader class, and the cache of compiled templates for an environment (made on first use, with
    MkDocs' jinja2)."""
    import jinja2

    class ThemeLoader(jinja2.FileSystemLoader):
        """The theme's templates, listed without walking hidden folders.

        MkDocs lists every theme file to copy the static ones, and drops every name that
        starts with '.' or has a part that does ('.*' and '*/.*' in Files.add_files_from_theme):
        so walking past Material's .icons folder (14,500 files, a third of a small build's
        render time) gives MkDocs the same files.

        Material's own assets/ (its JavaScript, search worker, stylesheets and their maps: 2.5 MB) are
        left out too: our base.html loads none of them, so harden deleted every copy MkDocs made (after
        fingerprinting them), in every edition and language. The stylesheet pruning reads Material's
        stylesheet from the package, and harden still deletes whatever assets no page uses.
        """

        def list_templates(self) -> list[str]:
            return list(_theme_listing(tuple(self.searchpath), self.followlinks))

    class StoredBytecodeCache(jinja2.BytecodeCache):
        """Compiled templates kept for the process (every edition and language renders the same theme), and on
        disk in the virtual environment, beside the stylesheets' parsed table (TEMPLATE_CACHE, toolkit.venvcache),
        as Python keeps its bytecode: compiling the theme's templates took 33 to 45 ms of each edition's
        process, a twentieth of a 20-module build.

        Jinja checks each entry against its template's source, so a changed template is compiled again;
        each file also carries a hash of its bytes, so a damaged or truncated one is compiled again too,
        never run. Outside a virtual environment, or where the folder cannot be written, templates are
        compiled once a process, as before."""

        def __init__(self, store: dict[tuple[Path | None, str], bytes], folder: Path | None) -> None:
            self.store = store
            self.folder = folder

        def load_bytecode(self, bucket) -> None:
            raw = self.store.get((self.folder, bucket.key))
            if raw is None and self.folder is not None:
                raw = read_checked(self.folder / f"{bucket.key}.bin")
            if raw is None:
                return
            try:
                bucket.bytecode_from_string(raw)
            except Exception:  # verified bytes this Jinja still cannot read: compiled again
                bucket.reset()
            if bucket.code is not None:
                self.store[(self.folder, bucket.key)] = raw

        def dump_bytecode(self, bucket) -> None:
            raw = self.store[(self.folder, bucket.key)] = bucket.bytecode_to_string()
            if self.folder is not None:
                _tidy_compiled(self.folder)
                write_checked(self.folder / f"{bucket.key}.bin", raw)

    store: dict[tuple[Path | None, str], bytes] = {}

    def compiled_for(env) -> StoredBytecodeCache:
        """The cache for templates compiled by `env`: a folder for each toolkit fingerprint (its source, Python's
        version and every installed package's: MkDocs sets up the environment, and Jinja decides when it
        compiles how each filter is called) and each setting of the environment that changes the compiled code."""
        finalize = getattr(env.finalize, "__qualname__", env.finalize)
        settings = repr((toolkit_fingerprint(), sorted(env.extensions), sorted(env.filters), finalize,
                         *(getattr(env, name) for name in _COMPILING_SETTINGS)))
        return StoredBytecodeCache(store, TEMPLATE_CACHE / digest(settings)[:16] if TEMPLATE_CACHE else None)

    return ThemeLoader, compiled_for


# The environment's plain settings that change how a template compiles (besides its extensions, filters and
# finalize function).
_COMPILING_SETTINGS = ("autoescape", "is_async", "newline_sequence", "keep_trailing_newline", "block_start_string",
                       "block_end_string", "variable_start_string", "variable_end_string", "comment_start_string",
                       "comment_end_string", "line_statement_prefix", "line_comment_prefix", "trim_blocks",
                       "lstrip_blocks", "optimized")
# Compiled theme templates, a file each (toolkit.venvcache); None outside a virtual environment.
_KEPT = cache_folder()
TEMPLATE_CACHE = _KEPT / "templates" if _KEPT else None


@functools.cache
def _tidy_compiled(folder: Path) -> None:
    """Before a process first writes to `folder`: delete the other folders beside it (other toolkit versions' or
    settings'), and temporary files a process left there over a minute ago (killed before it renamed them)."""
    import shutil
    import time

    with contextlib.suppress(OSError):
        for other in folder.parent.iterdir():
            if other != folder and other.is_dir() and not other.is_symlink():
                shutil.rmtree(other, ignore_errors=True)
        for left in folder.glob(".*"):
            if left.is_file() and left.stat().st_mtime < time.time() - 60:
                left.unlink(missing_ok=True)


@functools.cache
def _theme_listing(searchpaths: tuple[str, ...], followlinks: bool) -> tuple[str, ...]:
    """The theme folders' files, listed once a process: each render (every edition and language, every save in the
    live preview) lists the same installed theme, 0.02 s each time. Without hidden folders and Material's
    assets/ (see ThemeLoader)."""
    import material

    material_templates = os.path.realpath(os.path.join(os.path.dirname(material.__file__), "templates"))
    found = set()
    for searchpath in searchpaths:
        material_theme = os.path.realpath(searchpath) == material_templates
        for folder, subfolders, names in os.walk(searchpath, followlinks=followlinks):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")
                             and not (material_theme and folder == searchpath and name == "assets")]
            relative = os.path.relpath(folder, searchpath).replace(os.path.sep, "/")
            found.update(name if relative == "." else f"{relative}/{name}" for name in names)
    return tuple(sorted(found))


# Besides those mkdocs.yml names: material.templates (Material's theme hooks, which import colorama) and
# fenced_code (an extension MkDocs always adds, which imports Pygments), 50 ms a process otherwise.
_RENDERER_MODULES = ("mkdocs.commands.build", "mkdocs.config.defaults", "material", "material.templates",
                     *(f"markdown.extensions.{name}" for name in
                       ("toc", "attr_list", "tables", "admonition", "sane_lists", "fenced_code")),
                     "toolkit.markdown_html", "toolkit.markdown_typography")


def import_renderer() -> None:
    """Import MkDocs, Material and the Markdown extensions our mkdocs.yml names, now.

    Called before the second edition's process is forked, so that both do not import them again."""
    for name in _RENDERER_MODULES:
        importlib.import_module(name)
    _theme_parts()


# Whether the render under way logs MkDocs' anchor messages (see _raw_html_anchors_when_logged).
_ANCHORS_UNLOGGED = contextvars.ContextVar("anchors_unlogged", default=False)


@functools.cache
def _raw_html_anchors_when_logged() -> None:
    """Make MkDocs read the ids in each page's raw HTML only when a message about anchors would be logged.

    MkDocs feeds every page's whole Markdown through an HTML parser to find the ids its raw HTML holds; they
    serve only its anchor messages (`validation: anchors`, ignored in our mkdocs.yml: our internal-link check
    reads every #fragment). The parser was about a tenth of a render at 200 modules. The page's HTML is the
    same either way: the preprocessor hands its lines on unchanged."""
    from mkdocs.structure import pages

    find_ids = pages._RawHTMLPreprocessor.run

    def run(self, lines: list[str]) -> list[str]:
        return lines if _ANCHORS_UNLOGGED.get() else find_ids(self, lines)

    pages._RawHTMLPreprocessor.run = run


# The pages the render under way wrote from the cache (see _stored_pages_unmodified).
_STORED = contextvars.ContextVar("stored_pages", default=frozenset())


@functools.cache
def _stored_pages_unmodified() -> None:
    """Let MkDocs' dirty build know the pages written from the cache without asking the file system.

    It asks each page twice whether its HTML is older than its Markdown (three calls to the system each time:
    6,000 at 1,000 modules, after every save in the live preview). For a page _write_stored_pages wrote, the
    answer is no: it dated the HTML after the Markdown. Every other file is asked as before."""
    from mkdocs.structure.files import File

    is_modified = File.is_modified

    def unless_stored(self) -> bool:
        return False if self.src_uri in _STORED.get() else is_modified(self)

    File.is_modified = unless_stored


def _share_theme_setup(theme) -> None:
    """Give MkDocs' theme environment the listing and the compiled templates shared by every render."""
    loader, compiled_for = _theme_parts()
    make_env = theme.get_env

    def get_env():
        env = make_env()
        env.loader = loader(theme.dirs)
        env.bytecode_cache = compiled_for(env)
        return env

    theme.get_env = get_env


def render(config_file: Path, *, epoch: int, sources: dict[str, str] | None = None,
           cache: BuildCache | None = None, shared=None) -> list[Finding]:
    """Run `mkdocs build` on a generated project into an empty folder. Returns findings; raises nothing
    for content problems.

    With a cache, a page whose inputs are byte for byte those of a page rendered before is not
    rendered again: its stored HTML is written first, newer than its Markdown, and MkDocs' dirty
    build (which renders only pages whose HTML is older than their Markdown) leaves it alone. Its
    stored messages are reported again, so the findings are those of a full render.

    With `shared` (a channel of toolkit.render_shared.Exchange), a page whose Markdown another edition of
    the build converted is not converted again: that edition's conversion is used when it is the one this
    page would get.
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    findings: list[Finding] = []
    sources = sources or {}
    by_page: dict[str, list[Finding]] = {}
    failed = False
    with _captured_logs() as collector, _source_date_epoch(epoch):
        try:
            data = _read_project(Path(config_file))
            config = load_config(Path(config_file), data)
            _share_theme_setup(config.theme)
            docs = Path(config["docs_dir"])
            keys = page_keys(docs, data, epoch) if cache else {}
            reused = _write_stored_pages(cache, keys, docs, Path(config["site_dir"]), by_page)
            collector.config = config
            _raw_html_anchors_when_logged()
            _stored_pages_unmodified()
            level = config.validation.links.anchors
            quiet = not logging.getLogger("mkdocs.structure.pages").isEnabledFor(level)
            unlogged, stored = _ANCHORS_UNLOGGED.set(quiet), _STORED.set(frozenset(reused))
            try:
                with sharing(shared, config, dirty=bool(reused), anchors_unlogged=quiet):
                    build(config, dirty=bool(reused))
            finally:
                _ANCHORS_UNLOGGED.reset(unlogged)
                _STORED.reset(stored)
        except MkDocsException as exc:
            findings.append(error("render", f"MkDocs could not build the site: {exc}",
                                  file=str(config_file), hint="This is a toolkit bug if content validated; "
                                  "please report it with this message."))
            failed = True
    for record, src in collector.records:
        if record.levelno < logging.WARNING:
            continue
        message = record.getMessage().strip()
        if any(noise in message for noise in _NOISE):
            continue
        page = _page_in(message)
        make = error if record.levelno >= logging.ERROR else warning
        finding = make("render", message, file=sources.get(page, ""), page=page)
        if src is None:
            findings.append(finding)
        else:
            by_page.setdefault(src, []).append(finding)
    if cache and not failed:  # a project MkDocs could not build stores nothing
        _store_pages(cache, keys, Path(config["site_dir"]), by_page, reused)
    return findings + [finding for src in sorted(by_page) for finding in by_page[src]]


def page_keys(docs: Path, data: dict, epoch: int) -> dict[str, str]:
    """Each page's cache key: its Markdown and its own settings, the project's other settings and file list."""
    # Text, not Paths, and no stat but the directory entry's: this runs after every save in the preview.
    files = sorted(name for name, entry in entries_under(str(docs)) if entry.is_file())
    tk = dict((data.get("extra") or {}).get("tk") or {})
    per_page = tk.pop("pages", {}) or {}
    shared = {**data, "extra": {**(data.get("extra") or {}), "tk": tk}}
    project = digest(toolkit_fingerprint(), str(epoch), json.dumps(shared, sort_keys=True, default=str),
                     "\n".join(files))
    key_of = digester(project)
    # The live preview reads again only the Markdown the compile step changed (toolkit.memo.file_bytes).
    return {src: key_of(src, file_bytes(os.path.join(docs, src)), json.dumps(per_page.get(src), sort_keys=True))
            for src in files if src.endswith(".md")}


def _write_stored_pages(cache: BuildCache | None, keys: dict[str, str], docs: Path, site_dir: Path,
                        by_page: dict[str, list[Finding]]) -> set[str]:
    """Write every page the cache has into site_dir, dated after its Markdown; returns their sources."""
    reused = set()
    if cache is None:
        return reused
    made: set[str] = set()  # folders: one mkdir each, not one a page
    for src, key in keys.items():
        stored = cache.get("render", key)
        if stored is None:
            continue
        html, page_findings = stored
        target = os.path.join(site_dir, html_path(src))
        if (folder := os.path.dirname(target)) not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(target, "wb") as file:
            file.write(html)
        later = os.stat(os.path.join(docs, src)).st_mtime_ns + 1_000_000_000
        os.utime(target, ns=(later, later))
        if page_findings:
            by_page[src] = list(page_findings)
        reused.add(src)
    return reused


def _store_pages(cache: BuildCache, keys: dict[str, str], site_dir: Path, by_page: dict[str, list[Finding]],
                 reused: set[str]) -> None:
    """Store what MkDocs wrote for each page it rendered, with that page's messages."""
    for src, key in keys.items():
        target = site_dir / html_path(src)
        if src not in reused and target.is_file():
            cache.put("render", key, (target.read_bytes(), by_page.get(src, [])))


def _read_project(config_file: Path) -> dict:
    """The generated mkdocs.yml as data, with the per-page table of the pages.json beside it as extra.tk.pages.

    MkDocs reads YAML with its pure-Python loader, which took 0.4 s on that table in a 1,000-module
    project; the generated file is plain YAML (no MkDocs tags), so libyaml reads it here. The live
    preview remembers the data by both files' bytes; callers copy before changing it."""
    import yaml

    from .compile.project import PAGES_FILE

    raw = config_file.read_bytes()
    table = config_file.with_name(PAGES_FILE)
    pages = table.read_bytes() if table.is_file() else b""  # a project the compile step did not make has none

    def read() -> dict:
        data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if pages:
            data.setdefault("extra", {}).setdefault("tk", {})["pages"] = json.loads(pages)
        return data

    return remembered(("generated-project", bytes_key(raw), bytes_key(pages)), read)


def load_config(config_file: Path, data: dict | None = None):
    """The MkDocs configuration of a generated project (`data`: the file as read by _read_project).

    MkDocs gets `extra` as an override of a small file, so it never parses the large table itself.
    """
    import io

    import yaml
    from mkdocs.config import load_config as mkdocs_load_config

    data = dict(data if data is not None else _read_project(config_file))
    extra = data.pop("extra", None) or {}
    # Copies: MkDocs takes each extension's settings apart, and the data may be the live preview's remembered one.
    extensions = [_with_slugify(entry) for entry in copy.deepcopy(data.pop("markdown_extensions", []))]
    rest = io.StringIO(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return mkdocs_load_config(config_file=rest, config_file_path=str(config_file), extra=extra,
                              markdown_extensions=extensions)


def _with_slugify(entry):
    """A toc entry naming its slugify function by dotted path gets the function (translated trees)."""
    if not (isinstance(entry, dict) and isinstance((entry.get("toc") or {}).get("slugify"), str)):
        return entry
    module, _, name = entry["toc"]["slugify"].rpartition(".")
    return {"toc": {**entry["toc"], "slugify": getattr(importlib.import_module(module), name)}}


def _page_in(message: str) -> str:
    """MkDocs names the page as "Doc file 'modules/x.md'"; return 'modules/x.html'."""
    marker = "Doc file '"
    if marker in message:
        return html_path(message.split(marker, 1)[1].split("'", 1)[0])
    return ""
