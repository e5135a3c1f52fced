"""Plain text: what may not be in a YAML text field, or anywhere an author writes.

Every text field of every YAML file is plain text. Some of them reach a page
as Markdown or raw HTML (an audience intro, the edition banner), so markup in
them would run, or change every page; in others it would be shown as typed.
Either way it is a mistake, and it is reported against the field that holds it.

Characters nobody can see are reported with their code point: control
characters (escape sequences, form feeds) break pages and file names, and
direction overrides (U+202E) make text read differently from what it says.
"""

from __future__ import annotations

import re
import unicodedata

# HTML: a tag, closing tag, comment, declaration or processing instruction; a character reference.
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>?|<!--?|<![A-Za-z]+|<\?")
_HTML_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Markdown: links and images, code, strong and emphasis, headings; and body shortcodes.
_MARKDOWN = (
    (re.compile(r"!?\[[^\]\n]*\]\s*[(\[]"), "a Markdown link"),
    (re.compile(r"`[^`\n]*`?"), "Markdown code"),
    (re.compile(r"\*\*|__|~~"), "Markdown formatting"),
    (re.compile(r"(?<![\w*])\*(?=\S)[^*\n]+?(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)[^_\n]+?(?<=\S)_(?![\w_])"),
     "Markdown emphasis"),
    (re.compile(r"^ {0,3}#{1,6}(?:\s|$)", re.M), "a Markdown heading"),
)
_SHORTCODE = re.compile(r"\{\{[^\n]*?(?:\}\}|$)", re.M)
_MARKUP_CHARACTERS = re.compile(r"[<&\[`*_~#{]")

# Joiners are part of how Persian, Indic scripts and emoji are written; every other format character is invisible.
_ALLOWED_FORMAT = frozenset("\u200c\u200d")
# Left-to-right, right-to-left and Arabic letter marks: invisible, but they only order the text around them.
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
# The embedding, override and isolate controls ("Trojan source"): wrong in any text, bodies included.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Control characters have no Unicode name; these are the ones people meet.
_CONTROL_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
}


def markup(text: str) -> tuple[str, str] | None:
    """(what, as written) for the first HTML, Markdown or shortcode markup in `text`, or None."""
    if not _MARKUP_CHARACTERS.search(text):
        return None  # most text: one scan instead of eight
    found = []
    for pattern, what in ((_HTML_TAG, "HTML markup"), (_HTML_ENTITY, "an HTML character reference"),
                          (_SHORTCODE, "a shortcode"), *_MARKDOWN):
        match = pattern.search(text)
        if match:
            found.append((match.start(), what, match.group(0)))
    if not found:
        return None
    _, what, written = min(found)
    written = written.strip()
    return what, written if len(written) <= 30 else written[:27] + "..."


def name_of(char: str) -> str:
    """'the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)': how a message names a character nobody can see."""
    code = ord(char)
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(code, "")
    kind = "control character" if unicodedata.category(char) == "Cc" else "invisible character"
    return f"the {kind} U+{code:04X}" + (f" ({name})" if name else "")


def _noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def invisible(char: str, marks: bool = False) -> bool:
    """Whether a YAML text field or id must not hold `char`: a control (but tab and newline), a non-character,
    a direction override, or any other invisible format character but the joiners.

    With `marks`, the direction marks (LRM, RLM, ALM) are allowed: right-to-left text such as Arabic
    needs them to show numbers and Latin words in the right order, as bodies may. Ids never hold them.
    """
    if char in "\t\n":
        return False
    category = unicodedata.category(char)
    if category == "Cc" or char in BIDI_CONTROLS or _noncharacter(ord(char)):
        return True
    allowed = _ALLOWED_FORMAT | DIRECTION_MARKS if marks else _ALLOWED_FORMAT
    return category in ("Cf", "Zl", "Zp", "Cs") and char not in allowed


def first_invisible(text: str, marks: bool = False) -> tuple[int, str] | None:
    """(index, character) of the first character a YAML text field (`marks`: one that may hold direction
    marks) or id must not hold, or None."""
    # Each distinct character judged once (a translated field is nearly all letters outside ASCII), then the
    # first place of those it must not hold.
    found = [char for char in set(text) if (char < " " or char > "~") and invisible(char, marks)]
    if not found:
        return None
    index = min(text.index(char) for char in found)
    return index, text[index]


_BODY_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff"
                          + "".join(sorted(BIDI_CONTROLS)) + "]")


def hidden_characters(body: str) -> list[tuple[int, str]]:
    """(index, character) of every control character, non-character and direction override in a body.

    Bodies may hold other format characters (a soft hyphen, a right-to-left mark in Arabic text).
    """
    return [(match.start(), match.group(0)) for match in _BODY_HIDDEN.finditer(body)]


INVISIBLE_HINT = ("Delete it (retype the words around it if you cannot see it): it may have come in with text "
                  "copied from a web page or a document. Such characters break pages and file names, or make "
                  "text read differently from what it says.")
MARKUP_HINT = ("This field is plain text: HTML and Markdown are not run here, and would be shown as typed or "
               "change every page. Write plain words; put links and formatting in a body.md or page.")
