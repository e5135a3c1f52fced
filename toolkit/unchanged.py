"""Whether a build would make exactly what the last published build made: then nothing is built.

The fingerprint covers every input of a build (toolkit.buildcache describes the rest of the cache):
every file under the content folder, the local contacts, mkdocs.yml and link-cache.json, the
options that change output or findings, the checks run, the build date (SOURCE_DATE_EPOCH or the
last commit, the content's own dates being in the content) and today's date (review dates fall due),
and the toolkit's source and renderer versions. It is reused only when the last publish recorded
that fingerprint and site/ and packs/ still hold the files it published, with the same sizes and
modification times; anything else (an online build, a missing or damaged record, a file touched
in site/) builds. Content files are hashed by toolkit.buildcache.tree_hashes, which reads only the
files whose size or time changed since the last publish.

This module and what it imports stay light (no MkDocs, lxml, content loader or checks): the
command line asks it before importing the pipeline, so a build with nothing changed is over in
the time it takes to hash the inputs and list the output folders.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from .buildcache import BuildCache, digest, toolkit_fingerprint, tree_hashes, tree_manifest
from .findings import Finding, to_json
from .reports import write_reports

RECORD = ("build", "last-published")


@dataclass
class Inputs:
    """What the check found: the inputs' fingerprint and content hashes, and the last publish's findings if it stands."""

    fingerprint: str = ""  # "" for a build that is never reused (online, or content that cannot be hashed)
    hashes: dict = field(default_factory=dict)
    seconds: float = 0.0  # how long the check took
    findings: list[Finding] | None = None  # the last publish's findings, when nothing changed since: None otherwise
    summary: str = ""  # what the command line printed after that publish

    @property
    def reusable(self) -> bool:
        """Whether site/ and packs/ are what this build would make."""
        return self.findings is not None


def declared_epoch(root: Path) -> int | None:
    """The build date given outside the content: SOURCE_DATE_EPOCH, else the last commit's; None if neither."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value and value.isdigit():
        return int(value)
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True,
                             text=True, timeout=10, check=False)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return None


def examine(options, checks: tuple[str, ...] | None, today: dt.date) -> Inputs:
    """Fingerprint the inputs of a build with these options and checks (None: the default checks, which are
    part of the toolkit's source) and say whether the last publish stands."""
    started = time.perf_counter()
    cache = BuildCache(options.build_dir)
    try:
        record = cache.get(*RECORD)
        record = record if isinstance(record, dict) else None
        fingerprint, hashes = inputs_fingerprint(options, checks, today, declared_epoch(options.root), record)
        inputs = Inputs(fingerprint, hashes)
        if fingerprint and record and record.get("fingerprint") == fingerprint and record.get("outputs") == _outputs(options):
            inputs.findings = list(record["findings"])
            inputs.summary = cache.get("summary", fingerprint) or ""
    finally:
        cache.close()  # before the pipeline may fork: a database connection must not cross into a child
    inputs.seconds = time.perf_counter() - started
    return inputs


def inputs_fingerprint(options, checks: tuple[str, ...] | None, today: dt.date, epoch: int | None,
                       last: dict | None = None) -> tuple[str, dict]:
    """(a hash of everything a build reads, the content files' hashes); ("", {}) for builds never reused.

    The content files' hashes of the `last` record are reused for files whose size and time did not change.
    """
    if options.online:  # results come from the network, not from the inputs
        return "", {}
    extra = [Path(options.local_contacts)] if options.local_contacts else []
    files = [options.root / "mkdocs.yml", options.root / "link-cache.json", *extra]
    settings = repr((options.strict, options.release, options.packs, tuple(options.editions),
                     str(options.content_dir), str(options.site_dir), str(options.packs_dir),
                     [str(path) for path in extra], checks, today.isoformat(), epoch))
    parts: list[bytes | str] = [toolkit_fingerprint(), settings]
    for path in files:
        parts += [str(path), path.read_bytes() if path.is_file() else b"(missing)"]
    at = time.time_ns()
    hashes = tree_hashes(options.content_dir, (last or {}).get("content"))
    if hashes is None:  # something in content/ that is not a plain file: build, and let the loader say what
        return "", {}
    parts += [f"{name}\0{hashes[name][-1]}" for name in sorted(hashes)]
    return digest(*parts), {**hashes, "at": at}


def _outputs(options) -> dict:
    return {"site": tree_manifest(options.site_dir), "packs": tree_manifest(options.packs_dir) if options.packs else {}}


def report_reused(options, inputs: Inputs) -> None:
    """The reports of a build that reused the last publish: its findings.json, made again from its findings (the
    same bytes: toolkit.findings.to_json reads nothing else), and this check's time."""
    write_reports(options.build_dir / "reports", to_json(inputs.findings or []), {"unchanged": inputs.seconds})


def remember(options, inputs: Inputs, findings: list[Finding]) -> None:
    """Record a publish: its fingerprint, the content's hashes, its findings and the files now in site/ and packs/.

    Not their findings.json, which can be made again from them (0.03 s for 1,470 findings): stored too, it was a
    megabyte at 1,000 modules, pickled and copied at the build's end, where its peak memory is."""
    if inputs.fingerprint:
        _store(options, *RECORD, {"fingerprint": inputs.fingerprint, "content": inputs.hashes, "findings": findings,
                                  "outputs": _outputs(options)})


def remember_summary(options, fingerprint: str, text: str) -> None:
    """Keep the summary printed after a publish, to print again when that build is reused."""
    if fingerprint:
        _store(options, "summary", fingerprint, text)


def _store(options, kind: str, key: str, value) -> None:
    with BuildCache(options.build_dir) as cache:
        cache.put(kind, key, value)
