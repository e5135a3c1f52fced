"""External links: https only, and each one known to work, from the cache or the network.

Offline (the default) every result comes from the committed link-cache.json,
reported with its age; a link the cache lacks, or holds for longer than
`checks.link_cache_max_age_days` (default 30), is unchecked: a warning, and
an error in a release build. `--online` checks every link now and writes the
results to the cache; `--refresh-cache` checks only the missing and expired
ones. Broken links are errors; inconclusive ones (bot checks, rate limits,
timeouts) are warnings that ask for a look in a browser, never errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

# The package, not its engine: linkcheck imports the engine (urllib3, asyncio) when a build checks online.
from .. import linkcheck
from ..findings import Finding, error, info, warning
from ..linkcheck import CacheError, LinkCache, LinkResult, Outcome
from ..schemes import http_problem
from ..urls import without_fragment
from .locate import merge_repeats, where
from .site import BuiltSite, EditionOutput, check_setting, every_edition

NAME = "external-links"
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
REFRESH_HINT = "Run scripts/check --online (or --refresh-cache) and commit link-cache.json."


@dataclass(frozen=True)
class Occurrence:
    edition: EditionOutput
    page: str
    url: str
    line: int


def check_edition(site: BuiltSite, edition: EditionOutput) -> list[tuple[str, str, int]]:
    """(page, url, line) of every http, https and mailto link of one edition's pages."""
    found = []
    for page in edition.html_files:
        for link in edition.scan(page).links:
            url = link.url.strip()
            if link.tag in ("a", "area") and url.lower().startswith(("http://", "https://", "mailto:")):
                found.append((page, url, link.line))
    return found


def collect(site: BuiltSite, found: dict[str, list[tuple[str, str, int]]]) -> dict[str, list[Occurrence]]:
    """Every web link the editions gave, by URL."""
    occurrences: dict[str, list[Occurrence]] = {}
    for name, links in found.items():
        for page, url, line in links:
            occurrences.setdefault(url, []).append(Occurrence(site.editions[name], page, url, line))
    return occurrences


def settings_for(site: BuiltSite) -> linkcheck.Settings:
    """The online check's settings from the build's options."""
    return linkcheck.Settings(**site.options.link_settings)


def max_age_days(site: BuiltSite) -> int:
    return check_setting(site.content, "link_cache_max_age_days")


def age_words(days: int) -> str:
    return "today" if days <= 0 else "1 day ago" if days == 1 else f"{days} days ago"


def judge(url: str, result: LinkResult | None, age: int | None, site: BuiltSite) -> tuple:
    """(make, message, hint, extra) for one web link."""
    limit = max_age_days(site)
    if result is None or age is None or age > limit:
        make = error if site.options.release else warning
        why = "it is not in link-cache.json" if result is None or age is None else \
            f"its cached result is {age} days old (the limit is {limit})"
        return make, f"'{url}' has not been checked: {why}.", REFRESH_HINT, {"url": url, "outcome": "unchecked"}
    extra = {"url": url, **result.to_json(), "age_days": age}
    when = f"checked {age_words(age)}"
    moved = f", now at {result.final_url}" if result.final_url else ""
    if result.outcome is Outcome.OK:
        return info, f"'{url}' works ({result.detail}{moved}; {when}).", "", extra
    if result.outcome is Outcome.BROKEN:
        return (error, f"'{url}' is broken: {result.detail} ({when}).",
                "Find the page's new address on the site, or remove the link.", extra)
    return (warning, f"'{url}' could not be confirmed: {result.detail} ({when}).",
            "The site did not let an automated check through; open the link in a browser. This is not "
            "counted as broken.", extra)


def scheme_problems(url: str) -> tuple[str, str] | None:
    if url.lower().startswith("http://"):
        return http_problem(url)
    if url.lower().startswith("mailto:"):
        addresses = unquote(url[7:].split("?", 1)[0]).split(",")
        bad = [address for address in addresses if not _EMAIL.match(address.strip())]
        if bad:
            return f"'{url}' is not a valid email link ('{bad[0]}' is not an email address).", \
                "Write mailto:name@example.org."
    return None


def results_for(site: BuiltSite, web_urls: list[str], cache: LinkCache) -> tuple[dict, list[Finding]]:
    """Each URL's (result, age in days), checking on the network if asked; updates the cache."""
    options = site.options
    today = options.today
    answers = {url: (cache.entries.get(url), cache.age_days(url, today)) for url in web_urls}
    notes: list[Finding] = []
    if not (options.online or options.refresh_cache):
        return answers, notes
    limit = max_age_days(site)
    todo = web_urls if options.online else [
        url for url, (result, age) in answers.items() if result is None or age is None or age > limit]
    settings = settings_for(site)
    run = linkcheck.check_urls(todo, settings)
    for url, result in run.results.items():
        answers[url] = (result, 0)
    cache.update(run.results)
    cache.keep_only(set(web_urls))
    cache.save()
    busiest = max(run.peak_per_host.values(), default=0)
    notes.append(info(NAME, f"checked {len(todo)} links on {len(run.peak_per_host)} hosts in {run.seconds:.1f} s "
                      f"(at most {busiest} requests at once to one host; limit {settings.per_host_limit}); "
                      f"results written to {cache.path.name if cache.path else 'no cache file'}.",
                      extra={"seconds": run.seconds, "peak_per_host": run.peak_per_host}))
    return answers, notes


def finish(site: BuiltSite, found: dict[str, list[tuple[str, str, int]]]) -> list[Finding]:
    """Each web address judged once (from the link cache, or on the network when online), at every place."""
    occurrences = collect(site, found)
    findings: list[Finding] = []
    for url, places in occurrences.items():
        problem = scheme_problems(url)
        if problem:
            for place in places:
                findings.append(error(NAME, problem[0], hint=problem[1],
                                      **where(site, place.edition, place.page, [url], place.line)))
    try:
        cache = LinkCache.load(site.options.link_cache)
    except CacheError as exc:
        return [*merge_repeats(findings), error(NAME, str(exc), file=str(site.options.link_cache),
                                                hint="Delete the file and run scripts/check --online to "
                                                     "write a new one.")]
    by_page_url: dict[str, list[Occurrence]] = {}
    for url, places in occurrences.items():
        if url.lower().startswith(("http://", "https://")):
            by_page_url.setdefault(without_fragment(url), []).extend(places)
    answers, notes = results_for(site, sorted(by_page_url), cache)
    table = []
    for url, places in by_page_url.items():
        make, message, hint, extra = judge(url, *answers[url], site)
        table.append({**extra, "pages": sorted({p.edition.shown(p.page) for p in places})})
        for place in places:
            findings.append(make(NAME, message, hint=hint, extra=extra,
                                 **where(site, place.edition, place.page, [place.url, url], place.line)))
    site.reports[NAME] = table
    return merge_repeats(findings) + notes


def check(site: BuiltSite) -> list[Finding]:
    return every_edition(site, check_edition, finish)
