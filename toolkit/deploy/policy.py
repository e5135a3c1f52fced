"""What every server recipe sends, in one table: headers, caching, compression, the usage log.

The nginx, Apache and Caddy recipes, the `_headers` file and the hosting tests
all read these values, so a recipe cannot drift from the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.model import is_restricted
from ..harden.csp import all_headers

# One year. The Observatory asks for at least six months; no includeSubDomains, because a
# charity's other hosts (mail, intranet) may not all have HTTPS, and no preload.
HSTS = "max-age=31536000"

# A file named by its content (toolkit.3f2a9c01d4.css, Material's main.57a0d79d.min.css)
# never changes under that name.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}(\.min)?\.(css|js)$")
FINGERPRINTED_PATTERN = r"\.[0-9a-f]{8,}(\.min)?\.(css|js)$"  # the same rule as a server regex

# Everything else (pages, PDFs, the offline zip, images, plain-text worksheets) is revalidated on
# every use: a corrected helpline number must never come from a stale copy.
CACHE_IMMUTABLE = "max-age=31536000, immutable"
CACHE_REVALIDATE = "no-cache"

# Text files: compressed on the fly and, by the build, written beside themselves as .gz and .br.
TEXT_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".xml": "application/xml",
}
# What Debian's servers call them (nginx mime.types and Apache say application/javascript).
SERVER_TEXT_MIME = sorted({*TEXT_TYPES.values(), "application/javascript", "text/xml", "text/plain"})

# Where a deployer's files go; the docs list each one to change. The tests change exactly these.
SERVER_NAME = {"public": "example.org", "professional": "professionals.example.org"}
SITE_ROOT = "/srv/toolkit/site/{edition}"
CERTIFICATE = "/etc/ssl/toolkit/{edition}.crt"
CERTIFICATE_KEY = "/etc/ssl/toolkit/{edition}.key"
PASSWORD_FILE = "/etc/toolkit/professional.htpasswd"
CADDY_USERS_FILE = "/etc/toolkit/professional.caddy-users"
LOG_DIR = "/var/log/toolkit"
HTTPS_PORT = 443
HTTP_PORT = 80
REALM = "Professional edition"

# The onion mirror (public edition only): Tor forwards the onion service's port 80 here.
ONION_PORT = 8180
ONION_ADDRESS = "YOUR-ONION-ADDRESS.onion"  # the docs say where to read the real one
TOR_SERVICE_DIR = "/var/lib/tor/toolkit-public/"

# The usage log: one line per request, only what the funders' counts need.
USAGE_LOG = "{edition}-usage.log"
ERROR_LOG = "{edition}-error.log"


@dataclass(frozen=True)
class Recipe:
    """One edition's deployment values, as the generated configurations write them."""

    edition: str

    @property
    def protected(self) -> bool:
        return is_restricted(self.edition)

    @property
    def server_name(self) -> str:
        return SERVER_NAME.get(self.edition, f"{self.edition}.example.org")

    @property
    def root(self) -> str:
        return SITE_ROOT.format(edition=self.edition)

    @property
    def certificate(self) -> str:
        return CERTIFICATE.format(edition=self.edition)

    @property
    def certificate_key(self) -> str:
        return CERTIFICATE_KEY.format(edition=self.edition)

    @property
    def onion(self) -> bool:
        """Whether the edition gets an onion mirror: only the public one (a login over Tor adds nothing)."""
        return not self.protected

    @property
    def usage_log(self) -> str:
        return f"{LOG_DIR}/{USAGE_LOG.format(edition=self.edition)}"

    @property
    def error_log(self) -> str:
        return f"{LOG_DIR}/{ERROR_LOG.format(edition=self.edition)}"

    def headers(self) -> dict[str, str]:
        """Every header every response carries (errors and redirects included)."""
        return {**all_headers(noindex=self.protected), "Strict-Transport-Security": HSTS}

    def cache_control(self, fingerprinted: bool) -> str:
        """Cache-Control for a fingerprinted file or any other; the professional edition's are private."""
        value = CACHE_IMMUTABLE if fingerprinted else CACHE_REVALIDATE
        return f"private, {value}" if self.protected else value
