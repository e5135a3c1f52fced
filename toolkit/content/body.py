"""The Markdown bodies authors write, and the few things they may write in them.

Shortcodes (in double braces) put registry data into prose, so that numbers,
hours and addresses are written once, in the registry:

    {{ help-card: stop-it-now }}   a full help card for a service
    {{ phone: stop-it-now }}       the service's first number as a call link
    {{ worksheet: coping-plan }}   a worksheet's questions, with a link to fill it in
    {{ pause }}                    a "pause here" point
    {{ organisation }}             the publisher's details from site.yml
    {{ picture: phone }}           a picture from content/pictures.yml (easy read: one at the start of each paragraph)

Links to other toolkit pages use ids, never file paths:

    [Managing urges](module:managing-urges)   [privacy](page:privacy)
    [Safety plan](worksheet:personal-safety-plan)   [Samaritans](help:samaritans)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..pagescan import URL_ATTRIBUTES

SHORTCODE = re.compile(r"\{\{\s*(?P<name>[a-z][a-z-]*)\s*(?::\s*(?P<arg>[^}\s]*)\s*)?\}\}")
SHORTCODES = {"help-card": "helpline", "phone": "helpline", "worksheet": "worksheet", "pause": None,
              "organisation": None, "picture": "picture"}
REF_LINK = re.compile(r"\]\(\s*(?P<kind>module|page|worksheet|help):(?P<id>[^)#\s]*)(?P<anchor>#[^)\s]*)?\s*\)")
# The whole of an id link, text included: the renderer replaces some with raw HTML, and a build with
# errors some with their text (toolkit.content.renderable).
ID_LINK = re.compile(r"\[(?P<text>[^\]]*)" + REF_LINK.pattern)
REF_KINDS = {"module": "module", "page": "page", "worksheet": "worksheet", "help": "helpline"}
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)(?P<attrs>\{[^}]*\})?")
RELATIVE_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<href>[^)\s:]+)(?:\s+\"[^\"]*\")?\)")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
INLINE_CODE = re.compile(r"(`+)[^`].*?\1", re.S)
# Every place a body can give an address: Markdown links and images, reference definitions,
# autolinks, and the address attributes of raw HTML (entities decoded, as a browser would).
_MARKDOWN_TARGET = re.compile(r"\]\(\s*<?(?P<url>(?:[^()\s>]|\([^()\s]*\))+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?(?P<url>[^\s>]+)", re.M)
_AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_HTML_ADDRESS = re.compile(
    r"\s(?:" + "|".join(sorted(URL_ATTRIBUTES | {"ping"})) + r")\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|"
    r"(?P<bare>[^\s>]+))", re.I)


# What an author may have meant as a shortcode: a name, perhaps ": words", in one or two braces.
_INNER = re.compile(r"^\s*(?P<name>[^\s:{}]+)\s*(?::\s*(?P<rest>.*?))?\s*$", re.S)
_SINGLE = re.compile(r"(?<!\{)\{(?!\{)\s*(?P<name>[A-Za-z][\w-]*)\s*(?::(?P<rest>[^{}\n]*))?\}{1,2}")


@dataclass(frozen=True)
class Malformed:
    """Something in a body that looks like a shortcode but is not one: the renderer would print it as typed."""

    text: str  # as written (cut at the end of its line when never closed)
    name: str
    words: tuple[str, ...]  # what follows the colon
    problem: str  # "unclosed", "unopened", "single-braces" or "shape" (wrong name or too many words)
    line: int
    column: int


@dataclass(frozen=True)
class Use:
    """One shortcode or id link in a body, with its line number."""

    kind: str  # shortcode name, or "link:module" etc.
    target: str | None
    line: int
    column: int
    text: str


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def shortcodes(text: str) -> list[Use]:
    uses = []
    for match in SHORTCODE.finditer(text):
        line, column = line_col(text, match.start())
        uses.append(Use(match["name"], match["arg"], line, column, match.group(0)))
    return uses


def malformed_shortcodes(text: str) -> list[Malformed]:
    """Every `{{` that does not start a well-formed shortcode, and single-brace shortcode look-alikes."""
    valid = {match.start() for match in SHORTCODE.finditer(text)}  # a shortcode holds no other "{{"
    found = []
    for opening in re.finditer(r"\{\{", text):
        start = opening.start()
        if start in valid or (found and start < found[-1][1]):
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        close = text.find("}}", start + 2, line_end)
        again = text.find("{{", start + 2, line_end)
        unclosed = close < 0 or 0 <= again < close
        end = (again if 0 <= again < line_end else line_end) if unclosed else close + 2
        inner = text[start + 2:end if unclosed else close]
        found.append((start, end, inner, "unclosed" if unclosed else "shape"))
    for match in _SINGLE.finditer(text):
        found.append((match.start(), match.end(), match.group(0).strip("{} "), "single-braces"))
    ends = {match.end() for match in SHORTCODE.finditer(text)} | {end for _, end, _, _ in found}
    for closing in re.finditer(r"\}\}", text):
        if closing.end() not in ends:  # "phone: samaritans }}": the opening braces are missing
            line_start = text.rfind("\n", 0, closing.start()) + 1
            before = text[line_start:closing.start()].split()
            start = closing.start() - len(" ".join(before[-2:])) - 1 if before else closing.start()
            start = max(start, line_start)
            found.append((start, closing.end(), text[start:closing.start()], "unopened"))
    result = []
    for start, end, inner, problem in sorted(found):
        parsed = _INNER.match(inner)
        name = parsed["name"] if parsed else ""
        words = tuple((parsed["rest"] or "").split()) if parsed else ()
        line, column = line_col(text, start)
        result.append(Malformed(text[start:end].rstrip(), name, words, problem, line, column))
    return result


def ref_links(text: str) -> list[Use]:
    uses = []
    for match in REF_LINK.finditer(text):
        line, column = line_col(text, match.start() + 2)
        uses.append(Use("link:" + match["kind"], match["id"], line, column, match.group(0)))
    return uses


def images(text: str) -> list[tuple[str, str, str, int, int]]:
    """(alt, src, attrs, line, column) of every Markdown image."""
    result = []
    for match in IMAGE.finditer(text):
        line, column = line_col(text, match.start())
        result.append((match["alt"], match["src"], match["attrs"] or "", line, column))
    return result


def relative_links(text: str) -> list[tuple[str, int, int]]:
    """(href, line, column) of plain relative links (no scheme), which must stay inside content/."""
    result = []
    for match in RELATIVE_LINK.finditer(text):
        href = match["href"]
        if href.startswith("#"):
            continue
        line, column = line_col(text, match.start())
        result.append((href, line, column))
    return result


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def link_targets(text: str) -> list[tuple[str, int, int]]:
    """(address, line, column) of every address the body gives, outside code."""
    if "`" in text or "~~~" in text:
        text = INLINE_CODE.sub(_blank, FENCE.sub(_blank, text))
    found = []
    for pattern in (_MARKDOWN_TARGET, _REFERENCE, _AUTOLINK):
        found += [(html.unescape(match["url"]), match.start("url")) for match in pattern.finditer(text)]
    for match in _HTML_ADDRESS.finditer(text) if "=" in text else ():
        group = next(name for name in ("dq", "sq", "bare") if match[name] is not None)
        value = html.unescape(match[group])
        urls = [part.strip().split()[0] for part in value.split(",") if part.strip()] \
            if match.group(0).lstrip().lower().startswith("srcset") else [value]
        found += [(url, match.start(group)) for url in urls]
    return [(url, *line_col(text, offset)) for url, offset in sorted(found, key=lambda item: item[1])]


def prose_only(text: str) -> str:
    """The body with shortcodes, link targets, comments and code removed, same length (for offsets)."""

    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    text = HTML_COMMENT.sub(blank, text)
    text = FENCE.sub(blank, text)
    text = SHORTCODE.sub(blank, text)
    text = re.sub(r"\]\([^)]*\)", blank, text)
    return text
