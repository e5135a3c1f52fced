"""Help routes that keep their promise: each one says when it answers, and is for the reader sent to it.

A module or page that sends readers to a service (its `helplines:` list, a
help card or a phone shortcode) is warned about when a channel of that
service has no hours (its card cannot say whether it is open now), when the
service is not for one of the module's audiences (Childline on a page for
adults worried about themselves; professionals are left out, since they pass
services on to the people they work with), and when the text names a service by name
or alias without showing its help card, which is where its confidentiality
limits are. An empty confidentiality field is a validation error already.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from ..content import body as bodies
from ..content import schedules
from ..content.fields import Record
from ..findings import Finding, warning
from .site import BuiltSite

NAME = "help-routes"
CONTENT_ONLY = True  # reads the content alone, never a built page (toolkit.checks.check_content)
_SENDS = ("help-card", "phone")  # shortcodes that send readers to a service


def check(site: BuiltSite) -> list[Finding]:
    content = site.content
    findings: list[Finding] = []
    items = [*sorted(content.modules.values(), key=lambda m: m.id), *sorted(content.pages.values(), key=lambda p: p.id)]
    for item in items:
        offset = getattr(item, "body_line_offset", 0)
        # Where each service is sent to, asked only for a finding: a module file's positions are found again
        # from its text when asked (toolkit.content.yamlfile.Positions).
        sent: dict[str, Callable[[], dict]] = {}
        for index, helpline_id in enumerate(item.helplines):
            sent.setdefault(helpline_id, partial(item.where, "helplines", index))
        uses = [use for use in bodies.shortcodes(item.body) if use.kind in _SENDS and use.target]
        for use in uses:
            sent.setdefault(use.target, partial(dict, file=item.body_file, line=use.line + offset, column=use.column))
        for helpline_id, where in sent.items():
            helpline = content.helplines.get(helpline_id)
            if helpline is None:
                continue
            findings += _without_hours(helpline, where)
            if hasattr(item, "audiences"):
                findings += _not_for(helpline, item.audiences, where)
        carded = set(item.helplines) | {use.target for use in uses if use.kind == "help-card"}
        findings += _named_without_card(content.helplines.values(), carded, item.body, item.body_file, offset)
    return findings


def _channel_name(channel: Record) -> str:
    if hasattr(channel, "number"):
        return f"{channel.channel} number {channel.number}"
    return f"{channel.channel} contact"


def _without_hours(helpline: Record, where: Callable[[], dict]) -> list[Finding]:
    channels = schedules.channels(helpline) or [None]
    missing = [channel for channel in channels if not schedules.has_schedule(schedules.channel_hours(helpline, channel))]
    if not missing:
        return []
    what = ", ".join(_channel_name(channel) for channel in missing if channel is not None) or "the service"
    return [warning(NAME, f"'{helpline.id}' gives no opening hours for {what}.",
                    hint="Add the hours the service publishes (with their source) to the channel or the service in "
                         "content/helplines.yml, so its help card can say whether it is open now.", **where())]


def _not_for(helpline: Record, audiences: list[str], where: Callable[[], dict]) -> list[Finding]:
    if helpline.emergency:
        return []
    # Professionals pass services on to the people they work with: a service for their clients is right for them.
    missing = [audience for audience in audiences if audience not in helpline.audiences and audience != "professionals"]
    if not missing:
        return []
    names = ", ".join(f"'{audience}'" for audience in missing)
    return [warning(NAME, f"'{helpline.id}' is not for the {names} audience{'s' if len(missing) > 1 else ''} "
                          "of this module.",
                    hint=f"Send those readers to a service that is for them. Add the audience to '{helpline.id}' "
                         "in content/helplines.yml only if the service itself says it helps them.", **where())]


def _named_without_card(helplines, carded: set[str], text: str, file: str, offset: int) -> list[Finding]:
    prose = bodies.prose_only(text)
    findings = []
    for helpline in helplines:
        if helpline.id in carded:
            continue
        for name in (helpline.name, *helpline.aliases):
            # Looked for as a word only where the name is in the text at all: the check took 0.27 s at 1,000
            # modules with a search for every name of every service in every body, 0.05 s so.
            match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", prose) if name in prose else None
            if match:
                line, column = bodies.line_col(prose, match.start())
                findings.append(warning(
                    NAME, f"the text names {name} but the page has no help card for '{helpline.id}'.",
                    hint=f"Add '{helpline.id}' under helplines:, or write {{{{ help-card: {helpline.id} }}}} where the "
                         "text names it, so readers see how to reach it and what it keeps private.",
                    file=file, line=line + offset, column=column))
                break
    return findings
