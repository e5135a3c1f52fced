"""Reading level: Flesch-Kincaid grade and word count of a module's prose.

Why not textstat: since 0.7.4 it counts syllables with NLTK's cmudict, which it
downloads at run time; the build must work offline. The vowel-group syllable
estimate used here is the one most readability tools used before that, and is
close enough to rank modules and hold a ceiling.
"""

from __future__ import annotations

import functools
import re
import sys
from collections import Counter
from dataclasses import dataclass

from .content.body import FENCE, HTML_COMMENT, SHORTCODE

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")  # an English word, as the formula counts it
_SENTENCE_END = re.compile(r"[.!?]+[\"'’”)]*(?:\s|$)")


@dataclass(frozen=True)
class Reading:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level, rounded to one decimal."""
        if not self.words or not self.sentences:
            return 0.0
        value = 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59
        return round(value, 1)


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Estimated syllables in one English word (cached: prose reuses a small vocabulary)."""
    word = word.lower().strip("'’-")
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


_TAG = re.compile(r"<[^>]+>")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ATTRIBUTE_LIST = re.compile(r"\{:[^}]*\}")
_BLOCK_START = re.compile(r"^(#+|[-*+]|\d+[.)]|>)\s+")
# Removed even without a space after it: "#Heading" is a heading to Python-Markdown.
_BLOCK_MARK = re.compile(r"^(#+|[-*+]|\d+[.)]|>)\s*")
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'’”)]*$")


def plain_text(markdown: str, *, end_blocks: bool = True) -> str:
    """Prose as a reader meets it, one block (paragraph, heading, list item) per line, markup removed.

    With `end_blocks`, a block without closing punctuation gets a full stop, so that
    each block ends a sentence (as a reader hears it); without, the text is left as written.
    """
    blocks = _blocks(markdown)
    if end_blocks:
        blocks = tuple(block if _ENDS_SENTENCE.search(block) else block + "." for block in blocks)
    return "\n".join(blocks)


@functools.lru_cache(maxsize=4096)
def _blocks(markdown: str) -> tuple[str, ...]:
    """The blocks of a Markdown text, markup removed (cached: the readability and edition checks both read them)."""
    text = HTML_COMMENT.sub(" ", markdown)
    text = FENCE.sub(" ", text)
    text = SHORTCODE.sub("\n\n", text)
    text = _TAG.sub(" ", text)
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _ATTRIBUTE_LIST.sub(" ", text)
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        stripped = line.strip()
        starts_block = _BLOCK_START.match(stripped)
        if not stripped or starts_block:
            blocks.append([])
        if stripped:
            blocks[-1].append(_BLOCK_MARK.sub("", stripped, count=1))
        if starts_block and stripped.startswith("#"):
            blocks.append([])  # a heading is a block of its own
    joined = (" ".join(block).replace("**", "").replace("__", "").replace("*", "").replace("`", "").strip()
              for block in blocks)
    return tuple(block for block in joined if block)


def measure(text: str) -> Reading:
    words = WORD.findall(text)
    sentences = max(1, len(_SENTENCE_END.findall(text + " "))) if words else 0
    # Counted per distinct word: prose repeats its words, and each lookup costs more than counting.
    return Reading(len(words), sentences, sum(syllables(word) * n for word, n in Counter(words).items()))


def measure_markdown(markdown: str) -> Reading:
    return measure(plain_text(markdown))


# Languages other than English: no well-kept offline library has a validated readability formula
# for Polish or Arabic (Jasnopis, FOG-PL are services or unmaintained), so the limits are on what
# every formula measures: words per sentence, and the share of long words (letters, prefixes included).
_ANY_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")
_ANY_SENTENCE_END = re.compile(r"[.!?؟۔]+[\"'’”)»]*(?:\s|$)")


@dataclass(frozen=True)
class LengthLimits:
    """Most words per sentence on average, and the largest share of words of `long_word` letters or more."""

    sentence_words: float
    long_word: int
    long_share: float


LENGTH_LIMITS = {
    "pl": LengthLimits(sentence_words=15, long_word=13, long_share=0.12),
    # Arabic attaches articles, conjunctions and pronouns to words, so its long words are counted from 10 letters.
    "ar": LengthLimits(sentence_words=15, long_word=10, long_share=0.15),
}


@dataclass(frozen=True)
class Lengths:
    words: int
    sentences: int
    long_words: int

    @property
    def sentence_words(self) -> float:
        return round(self.words / self.sentences, 1) if self.sentences else 0.0

    @property
    def long_share(self) -> float:
        return round(self.long_words / self.words, 2) if self.words else 0.0


def measure_lengths(markdown: str, long_word: int) -> Lengths:
    """Words, sentences and long words of a body in any script."""
    text = plain_text(markdown)
    words = _ANY_WORD.findall(text)
    sentences = max(1, len(_ANY_SENTENCE_END.findall(text + " "))) if words else 0
    return Lengths(len(words), sentences, sum(1 for word in words if len(word) >= long_word))


def main(argv: list[str]) -> int:
    """`python -m toolkit.readability FILE...`: print words and grade of each Markdown file."""
    for path in argv:
        with open(path, encoding="utf-8") as handle:
            reading = measure_markdown(handle.read())
        print(f"{path}: {reading.words} words, grade {reading.grade}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
