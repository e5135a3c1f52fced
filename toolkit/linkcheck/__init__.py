"""Checking external links: an engine that classifies each URL as ok, broken or inconclusive.

`check_urls(urls, Settings(...))` is the whole public API for a benchmark or
another tool; the `external-links` check and the `number-sources` check use it
with the committed cache in `LinkCache`.
"""

from .cache import CacheError, LinkCache
from .engine import Run, Settings, check_urls, fetch_pages, without_fragment
from .results import LinkResult, Outcome

__all__ = ["CacheError", "LinkCache", "LinkResult", "Outcome", "Run", "Settings", "check_urls", "fetch_pages",
           "without_fragment"]
