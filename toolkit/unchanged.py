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
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from .buildcache import BuildCache, digest, toolkit_fingerprint, tree_hashes, tree_manifest
from .findings import Finding

RECORD = ("build", "last-published")


def last_record(options) -> dict | None:
    """What the last publish recorded (toolkit.buildcache), or None."""
    record = BuildCache(options.build_dir).get(*RECORD)
    return record if isinstance(record, dict) else None


def inputs_fingerprint(options, checks, today: dt.date, epoch: int | None,
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
                     [str(path) for path in extra], [check.__name__ for check in checks],
                     today.isoformat(), epoch))
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


def remember(options, fingerprint: str, content: dict, findings: list[Finding]) -> None:
    """Record a publish: its fingerprint, the content's hashes, its findings and the files now in site/ and packs/."""
    if fingerprint:
        BuildCache(options.build_dir).put(*RECORD, {"fingerprint": fingerprint, "content": content,
                                                    "findings": findings, "outputs": _outputs(options)})


def remember_summary(options, fingerprint: str, text: str) -> None:
    """Keep the summary printed after a publish, to print again when that build is reused."""
    if fingerprint:
        BuildCache(options.build_dir).put("summary", fingerprint, text)


def reusable(options, fingerprint: str, last: dict | None) -> tuple[list[Finding], str] | None:
    """(findings, summary) of the `last` publish, if it had this fingerprint and its output is untouched."""
    if not fingerprint or not last or last.get("fingerprint") != fingerprint:
        return None
    if last.get("outputs") != _outputs(options):
        return None
    return list(last["findings"]), BuildCache(options.build_dir).get("summary", fingerprint) or ""
