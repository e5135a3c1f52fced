"""The committed link cache (link-cache.json): what each external link answered, and when.

Offline builds answer from here, each result with its age; `--online` runs
write fresh results back. An inconclusive answer is stored as inconclusive,
never as broken, so a passing rate limit can not fail a later offline build.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from .results import LinkResult

VERSION = 1


class CacheError(Exception):
    """The cache file exists but can not be read."""


@dataclass
class LinkCache:
    path: Path | None
    entries: dict[str, LinkResult] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None) -> LinkCache:
        if path is None or not Path(path).exists():
            return cls(path)
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            links = data["links"]
            return cls(Path(path), {url: LinkResult.from_json(url, entry) for url, entry in links.items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CacheError(f"{path} is not a link cache this toolkit can read ({exc})") from exc

    def age_days(self, url: str, today: dt.date) -> int | None:
        """Days since `url` was checked, or None if it never was."""
        result = self.entries.get(url)
        checked = result.checked_date() if result else None
        return None if checked is None else (today - checked).days

    def update(self, results: dict[str, LinkResult]) -> None:
        self.entries.update(results)

    def keep_only(self, urls: set[str]) -> None:
        """Forget links the site no longer has."""
        self.entries = {url: result for url, result in self.entries.items() if url in urls}

    def save(self) -> None:
        if self.path is None:
            return
        data = {"version": VERSION,
                "links": {url: self.entries[url].to_json() for url in sorted(self.entries)}}
        self.path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
