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
from dataclasses import dataclass

from .content.body import FENCE, HTML_COMMENT, SHORTCODE

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
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


def plain_text(markdown: str, *, end_blocks: bool = True) -> str:
    """Prose as a reader meets it, one block (paragraph, heading, list item) per line, markup removed.

    With `end_blocks`, a block without closing punctuation gets a full stop, so that
    each block ends a sentence (as a reader hears it); without, the text is left as written.
    """
    text = HTML_COMMENT.sub(" ", markdown)
    text = FENCE.sub(" ", text)
    text = SHORTCODE.sub("\n\n", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{:[^}]*\}", " ", text)
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        stripped = line.strip()
        starts_block = re.match(r"^(#+|[-*+]|\d+[.)]|>)\s+", stripped)
        if not stripped or starts_block:
            blocks.append([])
        if stripped:
            blocks[-1].append(re.sub(r"^(#+|[-*+]|\d+[.)]|>)\s*", "", stripped))
        if starts_block and stripped.startswith("#"):
            blocks.append([])  # a heading is a block of its own
    sentences = []
    for block in blocks:
        joined = " ".join(block).replace("**", "").replace("__", "").replace("*", "").replace("`", "").strip()
        if not joined:
            continue
        if end_blocks and not re.search(r"[.!?:;][\"'’”)]*$", joined):
            joined += "."
        sentences.append(joined)
    return "\n".join(sentences)


def measure(text: str) -> Reading:
    words = _WORD.findall(text)
    sentences = max(1, len(_SENTENCE_END.findall(text + " "))) if words else 0
    return Reading(len(words), sentences, sum(syllables(w) for w in words))


def measure_markdown(markdown: str) -> Reading:
    return measure(plain_text(markdown))


def main(argv: list[str]) -> int:
    """`python -m toolkit.readability FILE...`: print words and grade of each Markdown file."""
    for path in argv:
        with open(path, encoding="utf-8") as handle:
            reading = measure_markdown(handle.read())
        print(f"{path}: {reading.words} words, grade {reading.grade}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
