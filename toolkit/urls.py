"""References inside a built site: where a relative link points, and url() in stylesheets."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit, urlunsplit

CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", re.I)


def local_target(page: str, ref: str) -> str | None:
    """Site-relative path that `ref`, written on `page`, points to; None for other sites, schemes and bare #."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))


def without_fragment(url: str) -> str:
    """The address without its #fragment."""
    return urlunsplit(urlsplit(url)._replace(fragment=""))
