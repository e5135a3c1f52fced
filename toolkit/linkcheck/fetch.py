"""One HTTP exchange, without following redirects: the engine decides what happens next.

urllib3 (already installed as a dependency of MkDocs' requests) speaks HTTP/1.1
and TLS with certificate checks; it runs in worker threads while asyncio in
engine.py schedules requests per host. Bodies are read only up to a cap, so a
10 MB page costs no more than the first megabyte.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import certifi
import urllib3

USER_AGENT = "prevention-toolkit-linkcheck/0.1 (checks that links in a self-help site still work)"
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en-GB,en;q=0.8",
}
CHUNK = 65536


@dataclass
class Reply:
    status: int | None = None
    headers: dict = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    truncated: bool = False
    error: BaseException | None = None


def pool_manager(per_host_limit: int, timeout: float) -> urllib3.PoolManager:
    return urllib3.PoolManager(
        num_pools=256, maxsize=per_host_limit, block=False, retries=False,
        timeout=urllib3.Timeout(connect=timeout, read=timeout),
        cert_reqs="CERT_REQUIRED", ca_certs=certifi.where(),
    )


def exchange(pool: urllib3.PoolManager, method: str, url: str, cookies: dict[str, str], *,
             body_cap: int, read_deadline: float) -> Reply:
    """Send one request; read at most `body_cap` bytes of the body, for at most `read_deadline` seconds."""
    headers = dict(HEADERS)
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    try:
        response = pool.request(method, url, headers=headers, redirect=False, retries=False,
                                preload_content=False)
    except Exception as error:  # every failure to get an answer is classified, never raised
        return Reply(error=error)
    reply = Reply(status=response.status, headers={k.lower(): v for k, v in response.headers.items()},
                  cookies=_cookies(response.headers.getlist("Set-Cookie")))
    if method == "HEAD":
        response.release_conn()
        return reply
    chunks, size, started = [], 0, time.monotonic()
    try:
        while size < body_cap:
            chunk = response.read(min(CHUNK, body_cap - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if time.monotonic() - started > read_deadline:
                reply.truncated = True
                break
        else:
            reply.truncated = bool(response.read(1))
    except Exception:  # the status is known; a body cut short only loses the bot-check sniffing
        reply.truncated = True
    reply.body = b"".join(chunks)
    if reply.truncated:
        # An unread body would poison the pooled connection: close it instead of reusing it.
        response.close()
    response.release_conn()
    return reply


def _cookies(values: list[str]) -> dict[str, str]:
    cookies = {}
    for value in values:
        name, _, rest = value.partition("=")
        if name.strip():
            cookies[name.strip()] = rest.split(";", 1)[0].strip()
    return cookies
