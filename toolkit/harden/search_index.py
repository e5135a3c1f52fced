"""The search index: small script files, loaded only when someone searches.

Terms are grouped by their first two letters into chunks, and chunks, in
the order of their keys, into files of about GROUP_CHARACTERS
(`search/<first key>.js`); page titles and addresses, the file of each chunk
and the stop words are in `search/docs.js`. A build names each file by its
content (`search/ab.<hash>.js`, toolkit/deploy/fingerprint.py) so that it can
be cached for good. A query loads `docs.js` and one file per word, so a first
page load fetches none of it, and the index grows with the site without
growing what any one search downloads by much.
Scripts (not fetch) so that search also works from file:// in the offline copy.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from ..deploy.fingerprint import content_name
from ..memo import bytes_key, keep, previous, remembered, remembers
from .pages import PageText

# Stop words by language (the primary subtag of its tag), written as search folds them (no accents).
STOPWORDS = {
    "en": frozenset(
        "a an and are as at be been but by can do for from had has have he her his how i if in into is it its "
        "me my no not of on or our she so that the their them then there they this to up us was we were what "
        "when where which who will with you your".split()),
    "pl": frozenset(
        "a aby ale by do gdy i ich jak jest jestes je jego jej juz lub ma mi mnie moze na nad nie o od po pod "
        "przez sa sie ta tak te tego tej ten to tu ty w we z za ze".split()),
    "ar": frozenset("في من علي الي عن ان او ما هذا هذه ذلك التي الذي مع كل لا هو هي".split()),
}
TITLE_WEIGHT = 10
# Chunks share a file up to this size (characters of script). Most chunks are small (at 1,000 modules, half
# were under 140 bytes, 492 of 627 under 256, too small to be worth compressing), and every file is one more
# to create, fingerprint and compress in every edition and language: 2,300 of a 20-module site's 2,600
# files were search chunks and their compressed copies. A search downloads at most this much per word
# more than its own chunk, 4 KB compressed.
GROUP_CHARACTERS = 16 * 1024
SUMMARY_WEIGHT = 3


# A term: two or more letters or digits (a run between the spaces, punctuation and underscores that split words).
_TERM = re.compile(r"[^\W_]{2,}")
# Letters NFKD leaves whole that readers type without their marks (ł), and Arabic letters
# written several ways (alef with hamza or madda, alef maqsura, teh marbuta, tatweel).
# search.js folds queries the same way.
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
                       "ى": "ي", "ة": "ه", "ـ": None})


def words(text: str, stopwords: frozenset[str] = STOPWORDS["en"]) -> list[str]:
    """The search terms of a text: lower case, accents and Arabic vowel marks off, stop words out."""
    text = text.lower()
    if not text.isascii():  # accents off (café -> cafe); ASCII text has none, and skipping this halves index time
        # Run by run (the text between spaces), each distinct run folded once, then looked up: a Polish or Arabic
        # page repeats its words, and folding character by character, then calling _folded for every run, was
        # most of its index time. The same terms as folding the whole text: spaces split terms either way, and
        # no mark joins two runs.
        runs = text.split()
        folded = {run: _folded(run) for run in set(runs)}
        text = " ".join(map(folded.__getitem__, runs))
    return [w for w in _TERM.findall(text) if w not in stopwords]


def _folded(run: str) -> str:
    """A run of text with the letters of _FOLD folded, then decomposed (NFKD) and without the marks."""
    if run.isascii():
        return run
    # Remembered when word-sized: a run of a script written without spaces is a whole sentence, seldom seen again.
    return _folded_word(run) if len(run) <= _WORD_SIZED else _fold(run)


_WORD_SIZED = 40


def _fold(run: str) -> str:
    run = unicodedata.normalize("NFKD", run.translate(_FOLD))
    return "".join(ch for ch in run if not unicodedata.combining(ch))


_folded_word = functools.lru_cache(maxsize=16384)(_fold)


def chunk_key(term: str) -> str:
    """The chunk a term is in: its first two letters, or their code points when not ASCII (safe file names)."""
    head = term[:2]
    return head if head.isascii() else "u" + "-".join(f"{ord(ch):x}" for ch in head)


def build_index(pages: list[PageText], stopwords: frozenset[str] = STOPWORDS["en"]
                ) -> tuple[list, dict[str, dict[str, list]]]:
    """(docs, chunks): docs[i] = [title, url, summary]; chunks[ab][term] = [doc, weight, doc, weight, ...].

    Flat, and made into pairs one chunk at a time as it is written (`pairs`): a list for each of the
    240,000 postings of 918 pages at 1,000 modules took 15 MB, the flat lists 4 MB (peak memory)."""
    ordered = sorted(pages, key=lambda p: p.url)
    postings = _postings((index, page_weights(page, stopwords).items()) for index, page in enumerate(ordered))
    chunks: dict[str, dict[str, list]] = defaultdict(dict)
    for term, flat in postings.items():  # each term's chunk worked out once, not once for each page that uses it
        chunks[chunk_key(term)][term] = flat
    return documents(ordered), {key: dict(sorted(terms.items())) for key, terms in sorted(chunks.items())}


def _postings(pages) -> dict[str, list]:
    """{term: [doc, weight, doc, weight, ...]} from (doc, (term, weight) pairs) in the order of the docs."""
    postings: dict[str, list] = {}
    for index, weights in pages:
        for term, weight in weights:
            postings.setdefault(term, []).extend((index, weight))
    return postings


def documents(ordered: list[PageText]) -> list:
    """docs.js's list of pages, [title, url, summary] each, in the order the postings number them."""
    return [[p.title, p.url, p.summary] for p in ordered]


def pairs(terms: dict[str, list]) -> dict[str, list]:
    """A chunk of build_index with each term's postings as [[doc, weight], ...], as the search script reads them
    (tuples, which JSON writes as lists: zip makes them without a slice for each pair)."""
    return {term: list(zip(flat[::2], flat[1::2], strict=True)) for term, flat in terms.items()}


def chunk_script(key: str, terms: dict[str, list]) -> str:
    """The text of one chunk file, from its terms' flat postings (build_index's form), terms in sorted order."""
    return _script("chunk", key, pairs(terms))


def page_weights(page: PageText, stopwords: frozenset[str]) -> Counter:
    """Each term of a page with its weight: once for each use in the text, more in the summary and title."""
    weights = Counter(words(page.text, stopwords))
    for word in words(page.summary, stopwords):
        weights[word] += SUMMARY_WEIGHT
    for word in words(page.title, stopwords):
        weights[word] += TITLE_WEIGHT
    return weights


def _script(call: str, *args) -> str:
    payload = ",".join(json.dumps(arg, ensure_ascii=False, separators=(",", ":"), sort_keys=True) for arg in args)
    return f"window.__tkSearch&&window.__tkSearch.{call}({payload});\n"


def write_index(site_dir: Path, pages: list[PageText], language: str = "en-GB", *, fingerprint: bool = False) -> str:
    """Write search/docs.js and search/<ab>.js for one language's tree (named by content with `fingerprint`).

    Returns docs.js's name.
    """
    folder = site_dir / "search"
    folder.mkdir(parents=True, exist_ok=True)
    stopwords = STOPWORDS.get(language.split("-")[0], frozenset())
    if remembers():
        ordered = sorted(pages, key=lambda p: p.url)
        docs, chunks = documents(ordered), _remembered_chunks(ordered, stopwords, str(folder))
    else:
        docs, terms_by_chunk = build_index(pages, stopwords)
        chunks = {key: chunk_script(key, terms) for key, terms in terms_by_chunk.items()}
    files = {}
    for keys, text in grouped(chunks):
        files.update(dict.fromkeys(keys, _write(folder, f"{keys[0]}.js", text, fingerprint)))
    # The chunks' files and stop words go with the titles, so a search asks only for chunks that exist.
    return _write(folder, "docs.js", _script("docs", docs, files, sorted(stopwords)), fingerprint)


def grouped(chunks: dict[str, str]) -> list[tuple[list[str], str]]:
    """The chunks' texts in files: (keys, text) each, keys in order, a file closed before a chunk would take it past
    GROUP_CHARACTERS (so a chunk larger than that has a file of its own)."""
    files: list[tuple[list[str], str]] = []
    keys: list[str] = []
    texts: list[str] = []
    size = 0
    for key in sorted(chunks):
        text = chunks[key]
        if keys and size + len(text) > GROUP_CHARACTERS:
            files.append((keys, "".join(texts)))
            keys, texts, size = [], [], 0
        keys.append(key)
        texts.append(text)
        size += len(text)
    if keys:
        files.append((keys, "".join(texts)))
    return files


def _write(folder: Path, name: str, text: str, fingerprint: bool) -> str:
    data = text.encode("utf-8")
    if fingerprint:
        name = content_name(name, data)
    (folder / name).write_bytes(data)
    return name


def _remembered_chunks(ordered: list[PageText], stopwords: frozenset[str], place: str) -> dict[str, str]:
    """The chunk files' texts of build_index, for the live preview: {chunk: text}.

    Each page's terms are grouped by chunk once (toolkit.memo), each with a short key of its terms there.
    Then the last rebuild's chunks of the same tree (`place`) are updated: a chunk is made again only
    where the terms of a page at some position in it changed; every chunk is made when there is no
    last rebuild or the number of pages changed (the positions number the pages)."""
    grouped = [remembered(("search-terms", page.title, page.summary, page.text, stopwords),
                          lambda page=page: _terms_by_chunk(page, stopwords)) for page in ordered]
    state_key = ("search-chunks", place, stopwords)
    last = previous(state_key)
    if last is not None and len(last[0]) == len(grouped):
        members, chunks = _updated(last, grouped)
    else:
        # chunk -> {page position: (key of its terms there, those terms)}, positions in order
        members = defaultdict(dict)
        for index, by_chunk in enumerate(grouped):
            for key, (terms, token) in by_chunk.items():
                members[key][index] = (token, terms)
        members = dict(members)
        chunks = {key: _chunk_text(key, members[key]) for key in sorted(members)}
    keep(state_key, (grouped, members, chunks))
    return chunks


def _updated(last: tuple, grouped: list) -> tuple[dict, dict]:
    """(members, chunks) of _remembered_chunks from the last rebuild's, for pages whose terms changed in place.

    The last rebuild's dictionaries are copied where they change, never changed: it may be kept."""
    old_grouped, members, chunks = last
    changed = [index for index, (old, new) in enumerate(zip(old_grouped, grouped, strict=True)) if old is not new]
    if not changed:
        return members, chunks
    members, dirty = dict(members), set()
    for index in changed:
        old, new = old_grouped[index], grouped[index]
        for key in old.keys() | new.keys():
            before, after = old.get(key), new.get(key)
            if before is not None and after is not None and before[1] == after[1]:
                continue  # this page's terms in this chunk are the same
            inner = dict(members.get(key, {}))
            if after is None:
                inner.pop(index, None)
            else:
                inner[index] = (after[1], after[0])
            members[key] = inner
            dirty.add(key)
    chunks = dict(chunks)
    for key in dirty:
        if members[key]:
            chunks[key] = _chunk_text(key, members[key])
        else:
            del members[key]
            chunks.pop(key, None)
    return members, {key: chunks[key] for key in sorted(chunks)}


def _chunk_text(key: str, members: dict[int, tuple]) -> str:
    """One chunk's text from the terms of the pages in it, by their positions (build_index's postings)."""
    terms = _postings((index, page_terms) for index, (_token, page_terms) in sorted(members.items()))
    return chunk_script(key, dict(sorted(terms.items())))


def _terms_by_chunk(page: PageText, stopwords: frozenset[str]) -> dict[str, tuple[tuple, bytes]]:
    """A page's (term, weight) pairs by chunk, each with a short key of those pairs: a chunk is made again
    only when a page's terms in it changed."""
    grouped: dict[str, list] = defaultdict(list)
    for term, weight in page_weights(page, stopwords).items():
        grouped[chunk_key(term)].append((term, weight))
    return {key: (tuple(terms), bytes_key(repr(terms).encode())) for key, terms in grouped.items()}
