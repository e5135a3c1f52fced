"""The only way WeasyPrint may load anything while printing a pack: local files we chose.

A pack must never make a network request while it is built (a build machine
may sit on a network it must not reveal itself to, and a URL in a pack could
be a tracker). This fetcher answers `data:` URLs and `file:` URLs inside the
allowed folders (the print assets and the content folder); every other URL,
including http://127.0.0.1 and files elsewhere on the disk, is refused and
recorded, and the pack step turns each refusal into an error finding.
"""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class RefusedURL(FatalURLFetchingError):
    """WeasyPrint asked for a URL that is not a local file we allow."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"refused to load {url}: {reason}")
        self.url = url
        self.reason = reason


class LocalOnlyFetcher(URLFetcher):
    """Fetch `data:` URLs and files under the allowed folders; refuse everything else."""

    def __init__(self, allowed_folders: list[Path]):
        super().__init__()
        self.allowed = [Path(folder).resolve() for folder in allowed_folders]

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return _data_response(url)
        if scheme != "file":
            raise RefusedURL(url, "packs only use files of this build, never the network")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(url, "a file on another machine")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            raise RefusedURL(url, "outside the print assets and the content folder")
        if not path.is_file():
            raise RefusedURL(url, "no such file")
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media_type})


def _data_response(url: str) -> URLFetcherResponse:
    header, _, payload = url[len("data:"):].partition(",")
    media_type, *params = header.split(";")
    body = base64.b64decode(payload) if "base64" in params else unquote(payload).encode("utf-8")
    return URLFetcherResponse(url, body, {"Content-Type": media_type or "text/plain"})
