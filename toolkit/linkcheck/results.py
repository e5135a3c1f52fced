"""What checking one link found: one of three outcomes, never more certain than the evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from enum import StrEnum


class Outcome(StrEnum):
    """ok: the page answered. broken: it is gone (404, 410, no such host, bad certificate).
    inconclusive: the site would not say (403, 429, bot checks, timeouts); never counted as either."""

    OK = "ok"
    BROKEN = "broken"
    INCONCLUSIVE = "inconclusive"


@dataclass(frozen=True)
class LinkResult:
    url: str
    outcome: Outcome
    status: int | None = None  # last HTTP status, if any site answered
    final_url: str = ""  # where redirects ended
    checked_at: str = ""  # ISO 8601 UTC
    detail: str = ""  # what happened, in words

    def to_json(self) -> dict:
        data = asdict(self)
        data["outcome"] = self.outcome.value
        del data["url"]
        return data

    @classmethod
    def from_json(cls, url: str, data: dict) -> LinkResult:
        return cls(url, Outcome(data["outcome"]), data.get("status"), data.get("final_url", ""),
                   data.get("checked_at", ""), data.get("detail", ""))

    def checked_date(self) -> dt.date | None:
        try:
            return dt.datetime.fromisoformat(self.checked_at.replace("Z", "+00:00")).date()
        except ValueError:
            return None


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
