"""The one allow-list of URL schemes: for every link and source in content, and every address in the built site.

A link may be an https:// address, a mailto: email link, a tel: or sms: link
(made from the registry), or site-relative. http:// is refused because it lets
the network see and change what a reader gets; everything else (javascript:,
vbscript:, data:, file:, callto:, an app's own scheme...) either runs code,
reads the reader's disk, or opens an app the reader did not choose.
"""

from __future__ import annotations

import re

ALLOWED = ("https", "mailto", "tel", "sms")
# Links to toolkit pages by id, written in bodies and turned into site-relative links by the compile step.
ID_SCHEMES = ("module", "page", "worksheet", "help")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers drop tabs and newlines anywhere in an address and spaces or controls around it:
# "java\tscript:" runs as javascript:.
_DROPPED_INSIDE = re.compile(r"[\t\n\r]")
_STRIPPED = "".join(chr(code) for code in range(0x21))
HINT = ("Links may be https:// addresses, mailto: email links, or links to toolkit pages by id, such as "
        "[text](page:privacy); call and text links come from the registry: {{ phone: helpline-id }}.")


def normalised(url: str) -> str:
    """The address as a browser reads it."""
    return _DROPPED_INSIDE.sub("", url).strip(_STRIPPED)


def scheme_of(url: str) -> str:
    """The lower-case scheme of `url`, or '' for a site-relative address."""
    match = _SCHEME.match(normalised(url))
    return match.group(1).lower() if match else ""


def http_problem(url: str) -> tuple[str, str]:
    """(message, hint) for an http:// address."""
    rest = normalised(url).split(":", 1)[1].lstrip("/")
    return (f"'{url}' uses http://, which lets anyone on the network see and change what the reader gets.",
            f"Use https://{rest} (check that it works).")


def problem(url: str, allowed: tuple[str, ...] = ALLOWED) -> tuple[str, str] | None:
    """(message, hint) when `url` is not allowed, or None."""
    address = normalised(url)
    shown = address if len(address) <= 60 else address[:57] + "..."  # as the browser reads it
    if address.startswith(("//", "\\\\")):
        return (f"'{shown}' leaves out the scheme, so it opens another site with whatever the page uses.",
                "Write the full https:// address.")
    scheme = scheme_of(address)
    if not scheme or scheme in allowed:
        return None
    if scheme == "http":
        return http_problem(url)
    return f"'{shown}' uses the {scheme}: scheme, which the site does not allow.", HINT
