"""Markdown conversions shared by the editions: a page whose Markdown is the same in both is converted once.

Of the 917 pages of the public edition at 1,000 modules, 912 have the same generated Markdown in the
professional edition (only the navigation and the page around it differ), and converting a page's Markdown
(MkDocs' `Page.render`: Python-Markdown with MkDocs' own tree processors) was about 40% of a build's
processor time, done twice for those pages.

What a conversion gives (the page's HTML content, table of contents, title from its heading, the ids it
holds, its links to anchors and the messages it logs to MkDocs' and Material's loggers, which become
findings) follows from:

- the page's Markdown, its source path, address and whether it is excluded, the Markdown extensions and
  their settings, the link-validation levels and the logging level MkDocs asks: together the **key**;
- the answers to the questions it asked the edition's file list (`get_file_from_path`: which file a
  link leads to, that file's address and whether it is excluded), **recorded** with the conversion.

A conversion made in the other edition is used only when its key is this page's and every question it
asked has the same answer in this edition's file list; the conversion then is what converting the page
here would give, and its messages are logged again here, against this page
(tests/pipeline/test_shared_conversions.py builds with and without sharing and compares every byte and
finding). Anything else (a Markdown extension not in SHAREABLE, a setting that cannot be named, a
conversion that asked the file list anything but `get_file_from_path`, a project with MkDocs plugins) is
converted here as before. Messages to other loggers (Python-Markdown's own) are not kept: they never
become findings.

How the editions share (`Exchange`):

- **One process, one edition after another** (a small site in the tests): the first edition's
  conversions are kept in memory, pickled, until the second has rendered the same language.
- **Two processes at once** (every build of the command line): each writes its conversions, 16 at a
  time, into files in the build's stage folder, and reads the other's as they come. The first edition
  converts its pages in MkDocs' order, the second first converts its own from the last page backwards,
  until it meets a page the first has already converted, and then renders in MkDocs' order, taking
  every page the first converted. Neither ever waits for the other: a page not yet received is
  converted where it is needed (at most a chunk's worth of pages, where they meet, is converted in
  both), so a process that stops or never starts costs time, never output.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import json
import logging
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

# The loggers whose messages become findings: toolkit.render captures these, and a conversion's are kept.
LOGGERS = ("mkdocs", "material")
# Markdown extensions whose output follows from the page's Markdown and their settings alone: an extension that
# reads files, the environment or what an earlier page left (snippets, abbr's auto_append, includes) would make a
# conversion that another edition must not take. Any other extension in mkdocs.yml turns sharing off.
SHAREABLE = frozenset({"toc", "tables", "fenced_code", "attr_list", "admonition", "sane_lists", "md_in_html",
                       "toolkit.markdown_html", "toolkit.markdown_typography"})
CHUNK = 16  # conversions written to a file at a time: fewer files, and little converted twice where they meet
_PAGES_LOGGER = "mkdocs.structure.pages"  # Page.render keeps links to anchors only above its DEBUG level


def _facts(file) -> tuple[str, str, bool] | None:
    """What a conversion reads of a file it found: its source path, its address and whether it is excluded."""
    return None if file is None else (file.src_uri, file.url, file.inclusion.is_excluded())


@dataclass
class Converted:
    """One page's conversion: what Page.render sets on the page, the file-list questions it asked with their
    answers, and the messages it logged (logger, level, text)."""

    content: str
    toc: object
    title: str | None
    anchor_ids: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's source path
    asked: dict[str, tuple[str, str, bool] | None]
    records: list[tuple[str, int, str]]

    def holds_in(self, files) -> bool:
        """Whether every question the conversion asked has the same answer in this file list."""
        return all(_facts(files.get_file_from_path(path)) == facts for path, facts in self.asked.items())

    def apply(self, page, files) -> None:
        page.content = self.content
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = self.anchor_ids
        if self.links_to_anchors is not None:
            page.links_to_anchors = {files.get_file_from_path(src): anchors
                                     for src, anchors in self.links_to_anchors.items()}


class _AskedFiles:
    """An edition's file list as a conversion sees it: each `get_file_from_path` and its answer are recorded;
    a conversion that reads anything else of it is not shared (`other`)."""

    def __init__(self, files) -> None:
        self._files = files
        self.asked: dict[str, tuple[str, str, bool] | None] = {}
        self.other = False

    def get_file_from_path(self, path: str):
        found = self._files.get_file_from_path(path)
        self.asked[path] = _facts(found)
        return found

    def __getattr__(self, name: str):
        self.other = True
        return getattr(self._files, name)


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


@contextlib.contextmanager
def _recorded(*, kept: bool):
    """The messages logged to MkDocs' and Material's loggers in the block: handled as usual and noted too, or
    (`kept`) noted instead of handled, for a page other than the one MkDocs is rendering."""
    recorder = _Recorder()
    loggers = [logging.getLogger(name) for name in LOGGERS]
    saved = [logger.handlers for logger in loggers]
    for logger, handlers in zip(loggers, saved, strict=True):
        logger.handlers = [recorder] if kept else [*handlers, recorder]
    try:
        yield recorder.records
    finally:
        for logger, handlers in zip(loggers, saved, strict=True):
            logger.handlers = handlers


def _replay(records: list[tuple[str, int, str]]) -> None:
    """Log a conversion's messages as it logged them, now, for the page being rendered."""
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)


def _packed(converted: Converted) -> bytes | None:
    """A conversion as bytes, taken when it is made (the page's table of contents and ids go on to the
    templates); None if it cannot be pickled: that page is then converted in both editions, no more."""
    try:
        return pickle.dumps(converted, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return None


def _unpacked(raw: bytes | None) -> Converted | None:
    """A conversion from its bytes (its own copies of the table of contents and ids), or None."""
    if raw is None:
        return None
    try:
        converted = pickle.loads(raw)
    except Exception:
        return None
    return converted if isinstance(converted, Converted) else None


class _MemoryChannel:
    """Conversions kept in this process for the next edition."""

    backward = False

    def __init__(self, store: dict[str, bytes], publishes: bool) -> None:
        self.store = store
        self.publishes = publishes

    def publish(self, key: str, converted: Converted) -> None:
        if self.publishes and (raw := _packed(converted)) is not None:
            self.store[key] = raw

    def take(self, key: str) -> Converted | None:
        return _unpacked(self.store.pop(key, None))

    def has(self, key: str) -> bool:
        return key in self.store

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if not self.publishes:  # the last edition: nobody else will take what is left
            self.store.clear()


class _FileChannel:
    """Conversions written to files for the other process, and read from the files it writes.

    Files are named `<tree>.<edition>.<number>` and made whole (written beside, then renamed), so a
    file that exists is complete; the other's are read in their order, as they appear."""

    def __init__(self, folder: Path, tree: str, me: str, peer: str, backward: bool) -> None:
        self.folder = folder
        self.tree = tree
        self.me = me
        self.peer: str | None = peer
        self.backward = backward
        self.pending: dict[str, bytes] = {}
        self.sent = 0
        self.got = 0
        self.received: dict[str, bytes] = {}

    def _path(self, edition: str, number: int) -> str:
        return os.path.join(self.folder, f"{self.tree}.{edition}.{number:05d}")

    def publish(self, key: str, converted: Converted) -> None:
        if (raw := _packed(converted)) is not None:
            self.pending[key] = raw
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        path = self._path(self.me, self.sent)
        part = os.path.join(self.folder, f".{os.path.basename(path)}")
        pending, self.pending = self.pending, {}
        try:
            with open(part, "wb") as file:
                pickle.dump(pending, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(part, path)
        except OSError:  # these pages are converted in both editions, no more; the next file takes this number
            return
        self.sent += 1

    def _receive(self) -> None:
        while self.peer is not None:
            try:
                with open(self._path(self.peer, self.got), "rb") as file:
                    received = pickle.load(file)
                if not isinstance(received, dict):
                    raise TypeError("not a table of conversions")
                self.received.update(received)
            except FileNotFoundError:
                return
            except Exception:  # unreadable: nothing more is taken from the other process
                self.peer = None
                return
            self.got += 1

    def take(self, key: str) -> Converted | None:
        self._receive()
        return _unpacked(self.received.pop(key, None))

    def has(self, key: str) -> bool:
        self._receive()
        return key in self.received

    def close(self) -> None:
        self.flush()
        self.received.clear()


@dataclass
class Exchange:
    """How the editions of one build share their conversions: in memory, one edition after another in one
    process (no `folder`), or through files in `folder` between two processes, where the first edition
    converts forwards and the second backwards. Editions beyond two neither give nor take."""

    editions: tuple[str, ...]
    folder: Path | None = None
    memory: dict[str, dict[str, bytes]] = field(default_factory=dict)

    def channel(self, edition: str, tree: str):
        """The channel of `edition` for one language tree (`tree`: its tag), or None."""
        if edition not in self.editions[:2] or len(self.editions) < 2:
            return None
        first = edition == self.editions[0]
        if self.folder is None:
            return _MemoryChannel(self.memory.setdefault(tree, {}), publishes=first)
        peer = self.editions[1] if first else self.editions[0]
        return _FileChannel(self.folder, tree, edition, peer, backward=not first)


class _Session:
    """One render's sharing: its channel, its settings' part of each key, and the pages its pre-pass converted."""

    def __init__(self, channel, settings: str, dirty: bool) -> None:
        self.channel = channel
        self.settings = settings
        self.dirty = dirty
        self.prepassed = not channel.backward
        self.done: dict[str, tuple[str, list]] = {}  # source path -> (key, messages), from the pre-pass

    def key(self, page) -> str:
        file = page.file
        text = "\0".join((self.settings, file.src_uri, file.url, str(file.inclusion.is_excluded()), page.markdown))
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()

    def render(self, page, config, files) -> None:
        if not self.prepassed:
            self.prepassed = True
            self._backwards(config, files)
        key = self.key(page)
        done = self.done.pop(page.file.src_uri, None)
        if done is not None and done[0] == key:
            _replay(done[1])
            return
        received = self.channel.take(key)
        if received is not None and received.holds_in(files):
            received.apply(page, files)
            _replay(received.records)
            return
        converted = _converted(page, config, files, kept=False)
        if converted is not None:
            self.channel.publish(key, converted)

    def _backwards(self, config, files) -> None:
        """Convert this edition's pages from the last one backwards, until one the other edition converted.

        Their messages to MkDocs' and Material's loggers are kept, and logged when MkDocs renders each page;
        at anything unusual (a page MkDocs has not made, a message while reading, a conversion not to share,
        an error) it stops, and MkDocs meets that page at its turn, as without sharing."""
        from mkdocs.structure.files import InclusionLevel

        pages = [file for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
                 if not (self.dirty and not file.is_modified())]
        try:
            for file in reversed(pages):
                page = file.page
                if page is None:  # MkDocs makes it just before rendering it (get_navigation makes every one)
                    break
                with _recorded(kept=True) as records:
                    page.read_source(config)
                if records:
                    break
                key = self.key(page)
                if self.channel.has(key):
                    break
                converted = _converted(page, config, files, kept=True)
                if converted is None:
                    page.content = None
                    break
                self.channel.publish(key, converted)
                self.done[file.src_uri] = (key, converted.records)
        except Exception:
            pass
        self.channel.flush()


def _converted(page, config, files, *, kept: bool) -> Converted | None:
    """Convert the page here (MkDocs' Page.render), its messages `kept` or handled as usual; None when the
    conversion is not to be shared."""
    asked = _AskedFiles(files)
    with _recorded(kept=kept) as records:
        _ORIGINAL_RENDER(page, config, asked)
    if asked.other:
        return None
    links = page.links_to_anchors
    return Converted(page.content, page.toc, page._title_from_render, page.present_anchor_ids,
                     None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
                     asked.asked, records)


_SESSION: contextvars.ContextVar[_Session | None] = contextvars.ContextVar("shared_conversions", default=None)
_ORIGINAL_RENDER = None


@functools.cache
def _install() -> None:
    """Route MkDocs' Page.render through the session of the render under way (none: MkDocs' own)."""
    global _ORIGINAL_RENDER
    from mkdocs.structure.pages import Page

    _ORIGINAL_RENDER = original = Page.render

    def render(self, config, files) -> None:
        session = _SESSION.get()
        if session is None:
            original(self, config, files)
        else:
            session.render(self, config, files)

    Page.render = render


def _named(value) -> str:
    """A function or class in a key by its dotted name (its address differs between processes): only one that
    its name leads back to, so that two closures or bound methods of the same name never share a key."""
    module, name = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if module is None or name is None or "<" in name:
        raise TypeError(f"{type(value).__name__} has no name")
    found = sys.modules.get(module)
    for part in name.split("."):
        found = getattr(found, part, None)
    if found is not value:
        raise TypeError(f"{module}.{name} does not name it")
    return f"{module}.{name}"


def settings_of(config, anchors_unlogged: bool) -> str | None:
    """The part of every page's key that a render's configuration gives, or None if it cannot be written or
    an extension may read more than the page's Markdown and its settings (not in SHAREABLE)."""
    if any(not isinstance(name, str) or name not in SHAREABLE for name in config["markdown_extensions"]):
        return None
    try:
        return json.dumps([config["markdown_extensions"], config["mdx_configs"], dict(config.validation.links),
                           config.use_directory_urls, logging.getLogger(_PAGES_LOGGER).getEffectiveLevel(),
                           anchors_unlogged], sort_keys=True, default=_named)
    except (TypeError, ValueError):
        return None


@contextlib.contextmanager
def sharing(channel, config, *, dirty: bool, anchors_unlogged: bool):
    """Within the block, MkDocs' pages are converted through `channel` (None: as MkDocs does)."""
    if channel is None:
        yield
        return
    settings = settings_of(config, anchors_unlogged)
    if settings is None or len(config.plugins):
        channel.close()  # neither gives nor takes: what another edition left for this one goes
        yield
        return
    _install()
    token = _SESSION.set(_Session(channel, settings, dirty))
    try:
        yield
    finally:
        _SESSION.reset(token)
        channel.close()
