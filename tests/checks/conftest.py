"""Helpers for the check tests: hand-written built pages over the minimal fixture's content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, write_tree
from toolkit.checks import BuiltSite, CheckOptions, EditionOutput
from toolkit.content import load_content

TODAY = dt.date(2026, 11, 24)


def page(body: str, title: str = "Page") -> str:
    """A small built page: the checks only look at what is in it."""
    return (f"<!doctype html><html lang=\"en-GB\"><head><title>{title}</title></head>"
            f"<body>\n{body}\n</body></html>\n")


def make_site(folder: Path, pages: dict[str, str], *, sources: dict[str, str] | None = None,
              content_dir: Path = MINIMAL, **options) -> BuiltSite:
    """A BuiltSite whose public edition is `pages`, checked against `content_dir`'s registry."""
    write_tree(folder / "public", pages)
    content = load_content(content_dir)
    assert not content.findings, [f.format() for f in content.findings]
    options.setdefault("today", TODAY)
    return BuiltSite(content, {"public": EditionOutput("public", folder / "public", sources or {})},
                     options=CheckOptions(**options))


def formatted(findings) -> list[str]:
    return sorted(f.format() for f in findings)


@pytest.fixture
def site_in(tmp_path):
    return lambda pages, **kw: make_site(tmp_path / "site", pages, **kw)
