"""Drive MkDocs: build one generated project, and turn its log messages into findings.

MkDocs is the renderer, not the place our logic lives: it receives a finished
Markdown project (toolkit.compile) and hands back HTML. Its warnings (a broken
relative link in Markdown, for instance) become findings like any other.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import logging
import os
from pathlib import Path

from .compile.links import html_path
from .findings import Finding, error, warning

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
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _captured_logs():
    collector = _Collector()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger("material")]
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
    """The theme loader class and the process's compiled templates (made on first use, with MkDocs' jinja2)."""
    import jinja2

    class ThemeLoader(jinja2.FileSystemLoader):
        """The theme's templates, listed without walking hidden folders.

        MkDocs lists every theme file to copy the static ones, and drops every name that
        starts with '.' or has a part that does ('.*' and '*/.*' in Files.add_files_from_theme):
        so walking past Material's .icons folder (14,500 files, a third of a small build's
        render time) gives MkDocs the same files.
        """

        def list_templates(self) -> list[str]:
            found = set()
            for searchpath in self.searchpath:
                for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                    subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                    relative = os.path.relpath(folder, searchpath).replace(os.path.sep, "/")
                    found.update(name if relative == "." else f"{relative}/{name}" for name in names)
            return sorted(found)

    class MemoryBytecodeCache(jinja2.BytecodeCache):
        """Compiled templates kept for the process: every edition and language renders the same theme.

        Jinja checks each entry against its template's source, so a changed template is compiled again."""

        def __init__(self) -> None:
            self.store: dict[str, bytes] = {}

        def load_bytecode(self, bucket) -> None:
            if bucket.key in self.store:
                bucket.bytecode_from_string(self.store[bucket.key])

        def dump_bytecode(self, bucket) -> None:
            self.store[bucket.key] = bucket.bytecode_to_string()

    return ThemeLoader, MemoryBytecodeCache()


def _share_theme_setup(theme) -> None:
    """Give MkDocs' theme environment the listing and the compiled templates shared by every render."""
    loader, compiled = _theme_parts()
    make_env = theme.get_env

    def get_env():
        env = make_env()
        env.loader = loader(theme.dirs)
        env.bytecode_cache = compiled
        return env

    theme.get_env = get_env


def render(config_file: Path, *, epoch: int, sources: dict[str, str] | None = None,
           dirty: bool = False) -> list[Finding]:
    """Run `mkdocs build` on a generated project. Returns findings; raises nothing for content problems."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    findings: list[Finding] = []
    sources = sources or {}
    with _captured_logs() as collector, _source_date_epoch(epoch):
        try:
            config = load_config(Path(config_file))
            _share_theme_setup(config.theme)
            build(config, dirty=dirty)
        except MkDocsException as exc:
            findings.append(error("render", f"MkDocs could not build the site: {exc}",
                                  file=str(config_file), hint="This is a toolkit bug if content validated; "
                                  "please report it with this message."))
    for record in collector.records:
        if record.levelno < logging.WARNING:
            continue
        message = record.getMessage().strip()
        if any(noise in message for noise in _NOISE):
            continue
        page = _page_in(message)
        make = error if record.levelno >= logging.ERROR else warning
        findings.append(make("render", message, file=sources.get(page, ""), page=page))
    return findings


def load_config(config_file: Path):
    """The MkDocs configuration of a generated project.

    MkDocs reads YAML with its pure-Python loader, which takes 0.4 s on the per-page table
    in `extra` of a 1,000-module project. The generated file is plain YAML (no MkDocs tags),
    so libyaml reads it here and MkDocs gets `extra` as an override of a small file.
    """
    import io

    import yaml
    from mkdocs.config import load_config as mkdocs_load_config

    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    extra = data.pop("extra", None) or {}
    extensions = [_with_slugify(entry) for entry in data.pop("markdown_extensions", [])]
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
