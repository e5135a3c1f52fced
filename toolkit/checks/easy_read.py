"""Easy read: every easy read version keeps to the rules readers with learning disabilities rely on.

For each body of an easy read version (`body.easy.md`, `pages/<slug>.easy.md`), paragraph by paragraph:

- every paragraph starts with a picture (`{{ picture: name }}`); headings and paragraphs that
  are only a box (`{{ pause }}`, `{{ help-card: id }}`, `{{ worksheet: id }}`) need none;
- a sentence has at most 15 words (a shortcode inside a sentence, such as a phone number, counts
  as one word);
- a sentence has at most one clause, by a simple rule: it holds no semicolon, no comma followed
  by a word that joins on a second clause (but, so, then, which, while), and, after its first
  word, none of the words that always start a second clause (because, although, though, unless,
  whereas, so that; "because of" is not one). Lists ("hurt, angry, or blamed"), a sentence
  opening with "But", and questions ("When will I look at it again?") pass;
- no word has more than three syllables (the vowel-group estimate of toolkit/readability.py),
  unless the version explains it under `words:`; names, written with a capital, are left alone;
- the whole body has a Flesch-Kincaid grade of 4 or lower.

Findings are errors with file, line and hint. The grades go to build/reports/readability-easy.json.
"""

from __future__ import annotations

import re

from ..content import body as bodies
from ..content.renderable import LEFT_OUT
from ..content.variants import EASY
from ..findings import Finding, error
from ..readability import WORD, measure_markdown, plain_text, syllables
from .site import BuiltSite

NAME = "easy-read"
CONTENT_ONLY = True  # reads the content alone, never a built page (toolkit.checks.check_content)
MAX_WORDS = 15
MAX_SYLLABLES = 3
MAX_GRADE = 4.0
AFTER_COMMA = ("but", "so", "then", "which", "while")
SUBORDINATING = ("because(?!\\s+of\\b)", "although", "though", "unless", "whereas", "so that")
_SECOND_CLAUSE = re.compile(r"(;)\s*\w|,\s*(" + "|".join(AFTER_COMMA) + r")\b|(?<=[\w,])\s+("
                            + "|".join(word.replace(" ", r"\s+") for word in SUBORDINATING) + r")\b", re.I)
_PICTURE_FIRST = re.compile(r"^\{\{\s*picture\s*:")
# Shortcodes that stand as a paragraph of their own (a box): they need no picture, and are no words.
BOXES = ("pause", "help-card", "worksheet", "organisation")
_BOX_ONLY = re.compile(r"^\{\{\s*(" + "|".join(BOXES) + r")\b[^}]*\}\}$")
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def check(site: BuiltSite) -> list[Finding]:
    """Findings for every easy read body that breaks a rule; the grade of each goes to the report."""
    findings: list[Finding] = []
    rows = []
    for (kind, item_id, tag), variant in sorted(site.content.variants.items()):
        if tag != EASY or variant.body is None:
            continue
        words = set(getattr(variant.record, "words", None) or {})
        findings += body_findings(variant.body, variant.body_file, variant.body_line_offset, words)
        reading = measure_markdown(_words_only(variant.body))
        rows.append({"kind": kind, "id": item_id, "grade": reading.grade, "ceiling": MAX_GRADE,
                     "words": reading.words, "file": variant.body_file})
        if reading.grade > MAX_GRADE:
            findings.append(error(NAME, f"reading grade {reading.grade} is above easy read's ceiling of "
                                  f"{MAX_GRADE:g}.", file=variant.body_file,
                                  hint="Use shorter sentences and shorter, everyday words."))
    site.reports["readability-easy"] = rows
    return findings


def _words_only(text: str) -> str:
    """The text with each shortcode inside a sentence read as one word, pictures and boxes dropped."""
    def one_word(match: re.Match) -> str:
        return "" if match["name"] in ("picture", *BOXES) else "Name"
    return bodies.SHORTCODE.sub(one_word, text)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each block separated by blank lines."""
    found, start, lines = [], 0, []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
        elif lines:
            found.append((start, " ".join(lines)))
            lines = []
    if lines:
        found.append((start, " ".join(lines)))
    return found


def body_findings(text: str, file: str, line_offset: int, explained: set[str]) -> list[Finding]:
    """Every rule broken by one easy read body."""
    findings = []
    for line, paragraph in paragraphs(text):
        where = {"file": file, "line": line + line_offset}
        if paragraph.startswith("#") or _BOX_ONLY.match(paragraph):
            continue
        if paragraph.startswith(LEFT_OUT):  # a shortcode the loader refused, reported there already
            paragraph = paragraph[len(LEFT_OUT):]
        elif not _PICTURE_FIRST.match(paragraph):
            findings.append(error(NAME, "paragraph has no picture.",
                                  hint="Start it with a picture from content/pictures.yml: {{ picture: name }}.",
                                  **where))
        prose = plain_text(_words_only(paragraph.replace(LEFT_OUT, "Name")), end_blocks=False)
        for sentence in (part.strip() for part in _SENTENCE.findall(prose)):
            words = WORD.findall(sentence)
            if not words:
                continue
            quoted = sentence if len(sentence) <= 60 else sentence[:57] + "..."
            if len(words) > MAX_WORDS:
                findings.append(error(NAME, f"sentence of {len(words)} words: '{quoted}'; easy read allows at "
                                      f"most {MAX_WORDS}.", hint="Split it in two: one idea a sentence.", **where))
            clause = _SECOND_CLAUSE.search(sentence)
            if clause:
                joint = next(group for group in clause.groups() if group)
                findings.append(error(NAME, f"sentence has more than one clause ('{joint}'): '{quoted}'.",
                                      hint="Make each idea a sentence of its own.", **where))
            for word in words:
                if (word[0].isupper() and word != words[0]) or word.lower().strip("'’") in explained:
                    continue  # a name, or a word the page explains
                count = syllables(word)
                if count > MAX_SYLLABLES:
                    findings.append(error(NAME, f"word '{word}' has {count} syllables; easy read keeps to "
                                          f"{MAX_SYLLABLES}.", hint="Use a shorter, everyday word, or explain it "
                                          f"under words: in the version's .easy.yml ({word.lower()}: what it "
                                          "means).", **where))
    return findings
