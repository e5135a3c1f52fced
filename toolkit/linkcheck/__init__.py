"""Checking external links: an engine that classifies each URL as ok, broken or inconclusive.

`check_urls(urls, Settings(...))` is the whole public API for a benchmark or
another tool; the `external-links` check and the `number-sources` check use it
with the committed cache in `LinkCache`.
"""

from ..urls import without_fragment
from .cache import CacheError, LinkCache
from .results import LinkResult, Outcome

_ENGINE = ("Run", "Settings", "check_urls", "fetch_pages")


def __getattr__(name: str):
    """The engine (urllib3, asyncio) is imported when first used: an offline build answers from the cache."""
    if name in _ENGINE:
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["CacheError", "LinkCache", "LinkResult", "Outcome", "Run", "Settings", "check_urls", "fetch_pages",
           "without_fragment"]
