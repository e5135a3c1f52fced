"""Typed content fields: each one validates a value, explains itself and describes its JSON Schema.

The content model in `model.py` is written with these classes, and that one
definition drives validation, the published JSON Schemas and the documentation
of every field, so the three can never disagree.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from .. import schemes
from ..findings import Finding, error
from ..limits import EARLIEST_YEAR, LATEST_YEAR
from . import plaintext
from .yamlfile import Path, Positions

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Ids become file and folder names (modules/<id>.html, modules/<id>/, worksheets/<id>.txt), and
# the offline copy is unpacked on any system. Each name may be 255 bytes on ext4, NTFS, APFS and
# FAT32, but Windows limits a whole path to 260 characters unless long paths are turned on:
# 64 leaves room for the folder someone unpacks into. The longest generated name is "<id>.html".
ID_MAX_LENGTH = 64
# Names Windows keeps for devices, with any extension: no file can be called con.html there.
WINDOWS_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                                  *(f"lpt{n}" for n in range(1, 10))})


class Record:
    """A validated mapping with attribute access; `source` and `path` say where it came from."""

    def __init__(self, values: dict, source: Positions | None = None, path: Path = ()):
        self.__dict__.update(values)
        self._source = source
        self._path = tuple(path)

    def where(self, *subpath) -> dict:
        """Keyword arguments for a Finding about this record or one of its fields."""
        if self._source is None:
            return {}
        return self._source.where(self._path + tuple(subpath))

    @property
    def source_file(self) -> str:
        return self._source.file if self._source else ""

    def as_dict(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if not key.startswith("_")}

    def copy(self, **changes) -> Record:
        """A copy from the same place in the same file, with `changes` to its fields."""
        return Record({**self.as_dict(), **changes}, self._source, self._path)

    def __repr__(self) -> str:
        return f"Record({self.as_dict()!r})"


def describe(value: Any) -> str:
    """How an author would name what they wrote: 'a list', 'the number 3', 'text 'abc''."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.datetime):
        return f"a date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    return type(value).__name__


def closest(word: str, choices) -> str:
    """The choice most like `word`, or '' if none is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else ""


def by_likeness(word: str, choices) -> list[str]:
    """`choices` with the one most like `word` first (equally alike ones keep their order), for lists in hints."""
    word = str(word)
    return sorted((str(choice) for choice in choices),
                  key=lambda choice: -difflib.SequenceMatcher(None, word, choice).ratio())


def did_you_mean(word: str, choices) -> str:
    """'Did you mean 'x'?' for the closest choice, or ''."""
    close = closest(word, choices)
    return f"Did you mean '{close}'?" if close else ""


@dataclass
class Context:
    """What a field needs while validating: where values are, and where to report."""

    positions: Positions
    findings: list[Finding]
    # Raw items dropped from lists with independent items (reported already).
    dropped: list = field(default_factory=list)

    def report(self, path: Path, message: str, hint: str = "") -> None:
        self.findings.append(error("schema", message, hint=hint, **self.positions.where(path)))

    def report_key(self, path: Path, message: str, hint: str = "") -> None:
        self.findings.append(error("schema", message, hint=hint, **self.positions.where_key(path)))


class Field:
    """Base class. `check` returns the clean value, or `INVALID` after reporting."""

    json_type: str = ""

    def __init__(self, description: str = "", *, default: Any = None, example: Any = None):
        self.description = description
        self.default = default
        self.example = example

    def check(self, value: Any, path: Path, ctx: Context) -> Any:
        raise NotImplementedError

    def schema(self) -> dict:
        data: dict = {}
        if self.json_type:
            data["type"] = self.json_type
        if self.description:
            data["description"] = self.description
        if self.example is not None:
            data["examples"] = [self.example]
        return data

    def kind(self) -> str:
        """A short name of the expected value for documentation tables."""
        return self.json_type or "value"

    def human_part(self) -> Field | None:
        """The shape of this field in a variant (a translation): only its human text, or None if it has none."""
        return None


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


class Text(Field):
    """Plain text: no HTML, Markdown or shortcodes, and no character that cannot be seen (plaintext.py)."""

    json_type = "string"
    # A URL may hold what looks like Markdown (my_page_name); it is checked as an address instead.
    plain = True
    length_hint = "Shorten it."

    def __init__(self, description: str = "", *, pattern: str | None = None, pattern_hint: str = "",
                 max_length: int | None = None, multiline: bool = False, **kw):
        super().__init__(description, **kw)
        self.pattern = re.compile(pattern) if pattern else None
        self.pattern_hint = pattern_hint
        self.max_length = max_length
        self.multiline = multiline

    def check(self, value, path, ctx):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            hint = "Put the text in quotes." if isinstance(value, bool | int | float) else ""
            ctx.report(path, f"expected text, found {describe(value)}.", hint)
            return INVALID
        # Before spaces are tidied: str.split() would quietly swallow a form feed or U+2028.
        hidden = plaintext.first_invisible(str(value), marks=self.pattern is None)
        if hidden:
            index, char = hidden
            ctx.report(path, f"contains {plaintext.name_of(char)} at character {index + 1}.",
                       plaintext.INVISIBLE_HINT)
            return INVALID
        text = str(value).strip() if self.multiline else " ".join(str(value).split())
        if not text:
            ctx.report(path, "must not be empty.", "Write the text, or remove the field if it is optional.")
            return INVALID
        if self.max_length and len(text) > self.max_length:
            ctx.report(path, f"is {len(text)} characters long; at most {self.max_length} are allowed.",
                       self.length_hint)
            return INVALID
        if self.pattern and not self.pattern.match(text):
            ctx.report(path, f"{describe(text)} is not in the expected form.", self.pattern_hint)
            return INVALID
        found = plaintext.markup(text) if self.plain else None
        if found:
            ctx.report(path, f"holds {found[0]} ('{found[1]}'); this field is plain text.", plaintext.MARKUP_HINT)
            return INVALID
        return text

    def schema(self):
        data = super().schema()
        data["minLength"] = 1
        if self.pattern:
            data["pattern"] = self.pattern.pattern
        if self.max_length:
            data["maxLength"] = self.max_length
        return data

    def kind(self):
        return "text"


class HumanText(Text):
    """Text a reader reads: the only kind of field a translation (or other variant) may hold."""

    def human_part(self):
        # No length limit and no default: a translation may run longer, and a missing field keeps the source's.
        return Text(self.description, multiline=self.multiline)


class Slug(Text):
    """An id: lower-case letters, digits and single hyphens, short enough and allowed as a file name anywhere."""

    length_hint = ("Ids become file names, and the offline copy must unpack on every system: "
                   "use a few words, like 'managing-urges'.")

    def __init__(self, description: str = "", **kw):
        kw.setdefault("max_length", ID_MAX_LENGTH)
        super().__init__(description, pattern=SLUG.pattern,
                         pattern_hint="Use lower-case letters, digits and hyphens, like 'managing-urges'.", **kw)

    def check(self, value, path, ctx):
        text = super().check(value, path, ctx)
        if text is not INVALID and text in WINDOWS_DEVICE_NAMES:
            ctx.report(path, f"'{text}' is a name Windows keeps for a device: no file can be called "
                       f"'{text}.html' there.", f"Add a word, for example '{text}-guide'.")
            return INVALID
        return text

    def kind(self):
        return "id"


class Ref(Slug):
    """The id of another thing (a helpline, module or worksheet); resolved by the loader."""

    def __init__(self, target: str, description: str = "", **kw):
        super().__init__(description, **kw)
        self.target = target

    def kind(self):
        return f"{self.target} id"


class Choice(Field):
    json_type = "string"

    def __init__(self, choices, description: str = "", *, noun: str = "value", **kw):
        super().__init__(description, **kw)
        self.choices = tuple(choices)
        self.noun = noun

    def check(self, value, path, ctx):
        if value in self.choices:
            return value
        if not isinstance(value, str):
            expected = ", ".join(str(c) for c in self.choices)
            ctx.report(path, f"expected one of {expected}; found {describe(value)}.")
        else:
            expected = ", ".join(by_likeness(value, self.choices))
            ctx.report(path, f"unknown {self.noun} '{value}'. Expected one of: {expected}.",
                       did_you_mean(value, self.choices))
        return INVALID

    def schema(self):
        data = super().schema()
        data["enum"] = list(self.choices)
        return data

    def kind(self):
        return "one of " + ", ".join(f"`{c}`" for c in self.choices)


class Boolean(Field):
    json_type = "boolean"

    def check(self, value, path, ctx):
        if isinstance(value, bool):
            return value
        ctx.report(path, f"expected true or false, found {describe(value)}.")
        return INVALID

    def kind(self):
        return "true/false"


class Integer(Field):
    json_type = "integer"

    def __init__(self, description: str = "", *, minimum: int | None = None,
                 maximum: int | None = None, **kw):
        super().__init__(description, **kw)
        self.minimum = minimum
        self.maximum = maximum

    def check(self, value, path, ctx):
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.report(path, f"expected a whole number, found {describe(value)}.")
            return INVALID
        if self.minimum is not None and value < self.minimum:
            ctx.report(path, f"must be at least {self.minimum}, found {value}.")
            return INVALID
        if self.maximum is not None and value > self.maximum:
            ctx.report(path, f"must be at most {self.maximum}, found {value}.")
            return INVALID
        return value

    def schema(self):
        data = super().schema()
        if self.minimum is not None:
            data["minimum"] = self.minimum
        if self.maximum is not None:
            data["maximum"] = self.maximum
        return data

    def kind(self):
        return "whole number"


class Date(Field):
    json_type = "string"

    def check(self, value, path, ctx):
        date = self._date(value)
        if date is INVALID:
            ctx.report(path, f"expected a date like 2026-11-24 (year-month-day), found {describe(value)}.",
                       "Check the month is 01-12 and the day exists in that month.")
        elif not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
            ctx.report(path, f"the year {date.year} is outside {EARLIEST_YEAR} to {LATEST_YEAR}.",
                       "Check the year: content dates are when something was checked or is due.")
            return INVALID
        return date

    @staticmethod
    def _date(value):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        return INVALID

    def schema(self):
        data = super().schema()
        data["format"] = "date"
        data["pattern"] = r"^2[01]\d{2}-\d{2}-\d{2}$"  # EARLIEST_YEAR to LATEST_YEAR
        return data

    def kind(self):
        return "date (YYYY-MM-DD)"


class Time(Text):
    def __init__(self, description: str = "", **kw):
        super().__init__(description, pattern=r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$",
                         pattern_hint="Use 24-hour time like 09:00 or 21:30.", **kw)

    def kind(self):
        return "time (HH:MM)"


class Url(Text):
    """A web address. Only https is accepted: http leaks what people read to the network."""

    plain = False

    def __init__(self, description: str = "", **kw):
        super().__init__(description, pattern=r"^https://[^\s/$.?#][^\s]*$",
                         pattern_hint="Use a full https:// address, for example https://www.example.org/.", **kw)

    # Never unencoded in an address; in a template's href="..." a quote or bracket would end the attribute.
    _UNSAFE = re.compile(r"[\"<>\\^`{|}]")

    def check(self, value, path, ctx):
        if isinstance(value, str) and value.strip().startswith("http://"):
            ctx.report(path, f"{describe(value.strip())} uses http://, which is not private.",
                       "Use the https:// address of the same page.")
            return INVALID
        unsafe = self._UNSAFE.search(value) if isinstance(value, str) else None
        if unsafe:
            ctx.report(path, f"{describe(value.strip())} holds '{unsafe.group(0)}', which a web address cannot hold "
                       "as it is.", "Copy the address from the browser's address bar: it writes such characters "
                       "encoded (%22 for a quote, %3C and %3E for < and >).")
            return INVALID
        return super().check(value, path, ctx)

    def kind(self):
        return "https address"


class Source(Text):
    """Where a fact came from: an address (https only, by the one allow-list), a document's name, or words."""

    _ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S")

    def check(self, value, path, ctx):
        if isinstance(value, str) and self._ADDRESS.match(schemes.normalised(value)):
            problem = schemes.problem(value, ("https",))
            if problem:
                ctx.report(path, problem[0], problem[1] if schemes.scheme_of(value) == "http"
                           else "Give the https:// address of the page, or name the document.")
                return INVALID
            return Url().check(value, path, ctx)
        return super().check(value, path, ctx)


class ListOf(Field):
    json_type = "array"

    def __init__(self, item: Field, description: str = "", *, min_items: int = 0,
                 unique: bool = False, independent: bool = False, **kw):
        kw.setdefault("default", [])
        super().__init__(description, **kw)
        self.item = item
        self.min_items = min_items
        self.unique = unique
        # Independent items (registry entries): a bad one is reported and dropped, the rest stay usable.
        self.independent = independent

    def check(self, value, path, ctx):
        if not isinstance(value, list):
            ctx.report(path, f"expected a list, found {describe(value)}.",
                       "Write one item per line, each starting with '- ', or [one, two] on one line.")
            return INVALID
        if len(value) < self.min_items:
            ctx.report(path, f"needs at least {self.min_items} item{'s' if self.min_items > 1 else ''}, "
                       f"found {len(value)}.")
            return INVALID
        result = []
        seen = set()
        ok = True
        for index, item in enumerate(value):
            clean = self.item.check(item, path + (index,), ctx)
            if clean is INVALID:
                if self.independent:
                    ctx.dropped.append(item)
                else:
                    ok = False
                continue
            if self.unique and not isinstance(clean, Record):
                if clean in seen:
                    ctx.report(path + (index,), f"{describe(clean)} is listed twice.", "Remove the repeat.")
                    ok = False
                    continue
                seen.add(clean)
            result.append(clean)
        return result if ok else INVALID

    def schema(self):
        data = super().schema()
        data["items"] = self.item.schema()
        if self.min_items:
            data["minItems"] = self.min_items
        if self.unique:
            data["uniqueItems"] = True
        return data

    def kind(self):
        return f"list of {self.item.kind()}"

    def human_part(self):
        item = self.item.human_part()
        if item is None:
            return None
        return ListOf(item, self.description + " Same number of items, in the same order, as the source.",
                      default=None)


class Object(Field):
    """A mapping with named fields; unknown keys are errors with a did-you-mean."""

    json_type = "object"

    def __init__(self, fields: dict[str, Field], description: str = "", *,
                 required: tuple[str, ...] = (), title: str = "", not_here: tuple[str, ...] = (), **kw):
        super().__init__(description, **kw)
        self.fields = fields
        self.required = tuple(required)
        self.title = title
        # Fields of the source that a variant must not repeat: named in their own message.
        self.not_here = tuple(not_here)
        unknown = set(self.required) - set(fields)
        assert not unknown, f"required fields not defined: {unknown}"

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            ctx.report(path, f"expected a mapping of fields (key: value), found {describe(value)}.")
            return INVALID
        ok = True
        for key in value:
            if key in self.not_here:
                ctx.report_key(path + (key,), f"'{key}' is not translated: it comes from the source.",
                               f"Remove '{key}'. A translation holds only the human text of its source: "
                               f"{', '.join(self.fields)}.")
                ok = False
            elif key not in self.fields:
                suggestion = did_you_mean(key, self.fields)
                ctx.report_key(path + (key,), f"unknown field '{key}'.",
                               (suggestion + " " if suggestion else "") + "Allowed fields: " + ", ".join(self.fields) + ".")
                ok = False
        for name in self.required:
            if name not in value or value[name] is None:
                ctx.report(path, f"missing required field '{name}'.",
                           f"Add '{name}:' ({self.fields[name].kind()}).")
                ok = False
        values = {}
        for name, definition in self.fields.items():
            if name in value and value[name] is not None:
                clean = definition.check(value[name], path + (name,), ctx)
                if clean is INVALID:
                    ok = False
                values[name] = clean
            else:
                default = definition.default
                values[name] = list(default) if isinstance(default, list) else default
        if not ok:
            return INVALID
        return Record(values, ctx.positions, path)

    def schema(self):
        data = super().schema()
        if self.title:
            data["title"] = self.title
        data["properties"] = {name: field.schema() for name, field in self.fields.items()}
        if self.required:
            data["required"] = list(self.required)
        data["additionalProperties"] = False
        return data

    def kind(self):
        return "mapping"

    def human_part(self):
        fields = {name: part for name, field in self.fields.items() if (part := field.human_part()) is not None}
        if not fields:
            return None
        return Object(fields, self.description, not_here=tuple(name for name in self.fields if name not in fields))


class MappingOf(Field):
    """A mapping from ids (any slug) to values of one kind, such as registry id -> that entry's translation."""

    json_type = "object"

    def __init__(self, item: Field, description: str = "", **kw):
        kw.setdefault("default", {})
        super().__init__(description, **kw)
        self.item = item

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            ctx.report(path, f"expected a mapping of ids (id: fields), found {describe(value)}.")
            return INVALID
        result = {}
        ok = True
        for key, item in value.items():
            if not SLUG.match(key):
                ctx.report_key(path + (key,), f"'{key}' is not an id.",
                               "Use the id exactly as the source writes it, like 'stop-it-now'.")
                ok = False
                continue
            clean = self.item.check(item, path + (key,), ctx)
            if clean is INVALID:
                ok = False
            result[key] = clean
        return result if ok else INVALID

    def schema(self):
        data = super().schema()
        data["propertyNames"] = {"pattern": SLUG.pattern}
        data["additionalProperties"] = self.item.schema()
        return data

    def kind(self):
        return f"mapping of id to {self.item.kind()}"


def validate(definition: Field, data: Any, positions: Positions, findings: list[Finding],
             dropped: list | None = None) -> Any:
    """Validate a whole document; returns a Record (or value) or INVALID.

    Raw items dropped from independent lists are appended to `dropped`.
    """
    ctx = Context(positions, findings)
    result = definition.check(data, (), ctx)
    if dropped is not None:
        dropped.extend(ctx.dropped)
    return result


def json_schema(definition: Object, schema_id: str) -> dict:
    """A standalone JSON Schema (draft 2020-12) for one YAML file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        **definition.schema(),
    }
