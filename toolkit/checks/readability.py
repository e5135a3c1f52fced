"""Plain language: each module's reading grade (Flesch-Kincaid) and length.

A module above its edition's grade ceiling (site.yml checks.public_max_grade,
default 9; professional_max_grade, default 13) is an error. A body outside
400-900 words is a warning: long topics should be split, short ones merged.
The table of every module's grade goes to build/reports/readability.json and
the build summary.
"""

from __future__ import annotations

from ..content.model import EDITIONS
from ..findings import Finding, error, warning
from ..readability import LENGTH_LIMITS, measure_lengths, measure_markdown
from .site import BuiltSite, check_setting

NAME = "readability"
CONTENT_ONLY = True  # reads the content alone, never a built page (toolkit.checks.check_content)
MIN_WORDS, MAX_WORDS = 400, 900


def check(site: BuiltSite) -> list[Finding]:
    content = site.content
    ceilings = {edition: check_setting(content, f"{edition}_max_grade") for edition in EDITIONS}
    findings: list[Finding] = []
    rows = []
    for module in sorted(content.modules.values(), key=lambda m: m.id):
        reading = measure_markdown(module.body)
        ceiling = ceilings[module.edition]
        rows.append({"module": module.id, "edition": module.edition, "words": reading.words,
                     "sentences": reading.sentences, "grade": reading.grade, "ceiling": ceiling,
                     "file": module.body_file})
        if reading.grade > ceiling:
            findings.append(error(NAME, f"reading grade {reading.grade} is above the {module.edition} ceiling "
                                  f"of {ceiling}.", file=module.body_file,
                                  hint="Use shorter sentences and everyday words; split long sentences in two."))
        if not MIN_WORDS <= reading.words <= MAX_WORDS:
            findings.append(warning(NAME, f"{reading.words} words; a module should have {MIN_WORDS} to "
                                    f"{MAX_WORDS} so it can be read in one sitting.", file=module.body_file,
                                    hint="Split a long module in two, or add to a short one."))
    site.reports[NAME] = rows
    findings += _translations(content, site)
    return findings


def _translations(content, site: BuiltSite) -> list[Finding]:
    """Translated modules: sentence and word length limits of their language (Flesch-Kincaid is for English)."""
    findings = []
    rows = site.reports.setdefault(f"{NAME}-translations", [])
    for (kind, module_id, tag), variant in sorted(content.variants.items()):
        limits = LENGTH_LIMITS.get(tag.split("-")[0])
        if kind != "module" or limits is None:
            continue
        lengths = measure_lengths(variant.body, limits.long_word)
        rows.append({"module": module_id, "language": tag, "words": lengths.words,
                     "sentence_words": lengths.sentence_words, "long_share": lengths.long_share,
                     "file": variant.body_file})
        if lengths.sentence_words > limits.sentence_words or lengths.long_share > limits.long_share:
            findings.append(warning(NAME, f"sentences average {lengths.sentence_words} words and "
                                    f"{lengths.long_share:.0%} of words have {limits.long_word} letters or more; "
                                    f"'{tag}' aims at most {limits.sentence_words:g} words and "
                                    f"{limits.long_share:.0%}.", file=variant.body_file,
                                    hint="Split long sentences in two and prefer everyday words."))
    return findings
