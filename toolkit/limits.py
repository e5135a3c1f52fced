"""How much work one content file may ask for: every limit in one place, each with its reason.

Content comes from authors, from copies of copies, and sometimes from a hostile
contributor. Whatever is in content/, loading it must finish within a second or two
and a few hundred MB, and end in findings (never a hang, a MemoryError or a
RecursionError). The figures are far above what real content needs, so that no
honest file ever meets them.

MAX_YAML_BYTES, MAX_MARKDOWN_BYTES
    Size of one YAML file and of one Markdown file (a body or a page). Today's largest
    YAML file, helplines.yml, is 9 KB (1 MiB leaves room for a registry of thousands
    of services); the largest body is 4.5 KB and the readability check wants at most
    900 words. 64 KiB of Markdown keeps the search for typed phone numbers (about
    13 microseconds a byte when the text is dense with digits) under a second a file.
MAX_YAML_DEPTH
    Nesting of mappings and lists in a YAML file. Real content nests 6 levels
    (helplines[0].hours.weekly[0].days[0]); the parsers recurse once per level, and
    a few thousand levels exhaust Python's stack.
MAX_YAML_ALIASES
    Uses of an alias (*name) in one YAML file. Content needs few or none; a
    "billion laughs" file needs only 81 to expand to 387 million values.
MAX_YAML_VALUES
    Values in a YAML file once every alias is expanded: what the loader actually
    walks. 200,000 is some forty times today's whole content; the bomb above is
    stopped after reading a few hundred bytes instead of running out of memory.
MAX_MARKDOWN_BRACKETS
    '[' characters in one body: each starts a possible link, and the time Python-Markdown
    and the link-finding expressions take grows faster than their number (4,000 in a row
    took 21 s to render). Today's content has at most 11 in a file; 500 keep a body
    under a second.
EARLIEST_YEAR, LATEST_YEAR
    Years a content date (a review, a check, a source) may have. A date outside is a
    typo, and date arithmetic near the year 9999 overflows (a registry entry checked
    on 9999-12-31 used to crash the review-dates check).
MAX_MARKDOWN_DEPTH
    Nesting of lists and block quotes in a body. A list three levels deep is already
    hard to read; Python-Markdown recurses per level and took over a minute on a list
    a few thousand levels deep.
"""

MAX_YAML_BYTES = 1024 * 1024
MAX_MARKDOWN_BYTES = 64 * 1024
MAX_YAML_DEPTH = 20
MAX_YAML_ALIASES = 100
MAX_YAML_VALUES = 200_000
MAX_MARKDOWN_DEPTH = 10
MAX_MARKDOWN_BRACKETS = 500
EARLIEST_YEAR, LATEST_YEAR = 2000, 2199
