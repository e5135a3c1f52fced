"""The search index's files (toolkit/harden/search_index.write_index): chunks share files, and docs.js names each
chunk's file, so a search asks for each file once and never for one that does not exist."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.harden.pages import PageText
from toolkit.harden.search_index import write_index


def calls(text: str, name: str) -> list[list]:
    """The arguments of every `window.__tkSearch.<name>(...)` call in a search file."""
    return [json.loads("[" + line.split(f".{name}(", 1)[1].rsplit(");", 1)[0] + "]")
            for line in text.splitlines() if f".{name}(" in line]


def chunk_files(folder: Path) -> tuple[Path, dict[str, str]]:
    """A built search folder's docs.js (named by its content) and the file it names for each chunk."""
    (docs_file,) = folder.glob("docs.*.js")
    (_docs, files, _stops), = calls(docs_file.read_text(encoding="utf-8"), "docs")
    return docs_file, files


def chunk_terms(folder: Path, key: str) -> dict:
    """The terms of chunk `key` of a built search folder, from its call in the file that holds it."""
    text = (folder / chunk_files(folder)[1][key]).read_text(encoding="utf-8")
    return dict(calls(text, "chunk"))[key]


def test_small_chunks_share_a_file_and_a_large_one_has_its_own(tmp_path):
    # One page with a word for each of 26 chunks aa..az, and one with 3,000 words of chunk "zz" (about 40,000
    # characters of postings: more than a file holds).
    small = " ".join(f"a{chr(letter)}word" for letter in range(ord("a"), ord("z") + 1))
    large = " ".join(f"zz{number}" for number in range(3000))
    pages = [PageText("a.html", "", "", small), PageText("b.html", "", "", large)]
    docs_name = write_index(tmp_path, pages, "en-GB")
    assert docs_name == "docs.js"
    (_docs, files, _stops), = calls((tmp_path / "search" / "docs.js").read_text(encoding="utf-8"), "docs")
    assert sorted(files) == [f"a{chr(letter)}" for letter in range(ord("a"), ord("z") + 1)] + ["zz"]
    assert {files[key] for key in files if key != "zz"} == {"aa.js"}
    assert files["zz"] == "zz.js"
    assert sorted(path.name for path in (tmp_path / "search").iterdir()) == ["aa.js", "docs.js", "zz.js"]
    shared = calls((tmp_path / "search" / "aa.js").read_text(encoding="utf-8"), "chunk")
    assert [key for key, _terms in shared] == sorted(key for key in files if key != "zz")
    assert dict(shared)["aq"] == {"aqword": [[0, 1]]}
    (key, terms), = calls((tmp_path / "search" / "zz.js").read_text(encoding="utf-8"), "chunk")
    assert key == "zz" and len(terms) == 3000 and terms["zz2999"] == [[1, 1]]


def test_a_built_sites_chunk_files_each_hold_what_docs_js_says(built_minimal):
    project, _result = built_minimal
    for tree in (project / "site" / "public", project / "site" / "professional"):
        folder = tree / "search"
        docs_file, files = chunk_files(folder)
        held = {}
        for name in set(files.values()):
            for key, _terms in calls((folder / name).read_text(encoding="utf-8"), "chunk"):
                held[key] = name
        assert held == files
        # The minimal fixture's index fits in a few files, not one for each of its chunks.
        assert len(files) > 50
        assert len(set(files.values())) <= 3
        assert sorted(path.name for path in folder.glob("*.js")) == sorted({docs_file.name, *files.values()})
