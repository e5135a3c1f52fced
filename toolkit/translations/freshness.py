"""Whether each translation follows the current source, and what changed in the source since."""

from __future__ import annotations

import difflib

from ..content.loader import Content
from ..content.variants import (
    EASY,
    FIELD,
    ITEM,
    REMOVED,
    Untranslated,
    Variant,
    stamped_source,
    translated_record,
)
from ..findings import Finding, Severity

RELEASE_NOTE = "A release build (--release) refuses it."
SHOWN_CHARACTERS = 160


def changed_paragraphs(old: list[str], new: list[str]) -> list[str]:
    """The source's paragraphs that changed, as '- old' and '+ new' lines (shortened), in source order."""
    lines = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        lines += [f"- {_short(text)}" for text in old[i1:i2]]
        lines += [f"+ {_short(text)}" for text in new[j1:j2]]
    return lines


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 3] + "..."


def state(variant: Variant) -> str:
    """current, out-of-date or unstamped."""
    if variant.block.source is None:
        return "unstamped"
    return "out-of-date" if variant.stale else "current"


def freshness_findings(content: Content, severity: Severity) -> list[Finding]:
    """A finding for each unstamped, out-of-date or draft translation, at the given severity."""
    findings = []
    for variant in content.variants.values():
        where = {"file": variant.file, **_line(variant)}
        sources = " and ".join(variant.source_files)
        current = state(variant)
        if current == "unstamped":
            findings.append(Finding(severity, "translations", "translation has not been stamped with the version of "
                                    "its source it translates.", hint="Run `toolkit translations stamp "
                                    f"{variant.file}` once the translation matches {sources}. " + RELEASE_NOTE,
                                    **where))
        elif current == "out-of-date":
            old = stamped_source(content.root, variant.block.source)
            since = f"since it was stamped on {old['stamped']}" if old else "since it was stamped"
            lines = changed_paragraphs(old["paragraphs"], variant.source_paragraphs) if old else [
                f"(no copy of source version {variant.block.source} is kept in content/.stamped/)"]
            findings.append(Finding(severity, "translations",
                                    f"out of date: {sources} changed {since} (source {variant.block.source}, "
                                    f"now {variant.current_hash}).",
                                    hint="Changed in the source:\n      " + "\n      ".join(lines) +
                                         f"\n    Update the translation, then run `toolkit translations stamp "
                                         f"{variant.file}`. " + RELEASE_NOTE,
                                    extra={"changed": lines}, **where))
        findings += _untranslated_findings(variant, current, untranslated_items(content, variant), severity, where)
        if variant.draft and variant.tag == EASY:
            findings.append(Finding(severity, "translations", "draft easy read version: not yet checked by a "
                                    "reviewer with a learning disability; published with a notice.",
                                    hint="When a review group of people with learning disabilities has checked it, "
                                         "set status: reviewed and reviewed_by: (the group). " + RELEASE_NOTE,
                                    **where))
        elif variant.draft:
            findings.append(Finding(severity, "translations", f"draft translation into '{variant.tag}': not yet "
                                    "checked by a fluent reviewer; published with a notice.",
                                    hint="When a fluent reviewer has checked it, set status: reviewed and "
                                         "reviewed_by:. " + RELEASE_NOTE, **where))
    return findings


def untranslated_items(content: Content, variant: Variant) -> list[Untranslated]:
    """The texts of its source that `variant`'s pages show in the source language, and translated ones no longer shown (overlay decides)."""
    source = content.source_of(variant)
    notes: list[Untranslated] = []
    if source is not None:
        translated_record(content.root, variant, source, notes)
    return notes


def _untranslated_findings(variant: Variant, current: str, notes: list[Untranslated], severity: Severity,
                           where: dict) -> list[Finding]:
    # Without the followed source every text outside a list is shown in the source language:
    # one warning for them all (at the translation block), not one per title and label.
    unknown = [note for note in notes if note.kind == FIELD and note.item_path is None]
    findings = [_untranslated_finding(variant, current, note, severity) for note in notes if note not in unknown]
    if unknown:
        findings.append(Finding(severity, "translations", f"{len(unknown)} text{'s' * (len(unknown) != 1)} outside "
                                f"lists shown in the source language: {_reason(variant, current)}, so "
                                f"{'they' if len(unknown) != 1 else 'it'} cannot be checked against the source's.",
                                hint=f"Check that the translation follows {variant.source_files[0]}, then run "
                                     f"`toolkit translations stamp {variant.file}`.", **where))
    return findings


def _reason(variant: Variant, current: str) -> str:
    return "the translation has not been stamped" if current == "unstamped" else \
        f"no copy of source version {variant.block.source} is kept in content/.stamped/"


def _untranslated_finding(variant: Variant, current: str, note: Untranslated, severity: Severity) -> Finding:
    where = variant.record.where(*note.path)
    source = variant.source_files[0]
    stamp = f"`toolkit translations stamp {variant.file}`"
    if note.kind == REMOVED:
        return Finding(severity, "translations", f"translated text no longer shown: {source} has had no such field "
                       "since the translation was stamped.",
                       hint=f"Remove it from the translation (or put the field back in {source}), then run {stamp}.",
                       **where)
    if note.item_path is not None:
        what = "is new or changed" if note.kind == ITEM else "changed"
        keeping = ", keeping the items in the source's order" if note.kind == ITEM else ""
        return Finding(severity, "translations", f"shown in the source language: '{_short(note.text)}' {what} in "
                       f"{source} since the translation was stamped.",
                       hint=f"Translate it{keeping}, then run {stamp}.",
                       **{**where, "field": variant.record.where(*note.item_path)["field"]})
    return Finding(severity, "translations", f"every item shown in the source language: {_reason(variant, current)}, so its items "
                   "cannot be matched with the source's.",
                   hint=f"Check that the items follow {source}, item for item, then run {stamp}.",
                   **where)


def _line(variant: Variant) -> dict:
    where = variant.record.where("translation", "source") if variant.block.source else \
        variant.record.where("translation")
    return {"line": where.get("line"), "column": where.get("column"), "field": where.get("field", "")}
