"""Read YAML while remembering where every value came from.

PyYAML's `safe_load` forgets positions and silently keeps the last of two equal
keys. Here the document is composed into nodes first, so every value's line and
column can be reported, and duplicate keys become findings.

Before anything is composed, the text is checked for characters YAML refuses and
its events are read once (a flat pass, no recursion) to bound the work: nesting
depth, alias uses, recursive aliases and the number of values once aliases are
expanded (toolkit/limits.py). A file over a limit is one finding, never a
RecursionError or a MemoryError.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from ..findings import Finding, error
from ..limits import MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_VALUES

# Characters no content file needs and YAML readers refuse or misread: C0 controls but tab and
# line feed, DEL, C1 controls (U+0085 included: YAML reads it as a line break), surrogates and
# Unicode non-characters.
NON_CHARACTERS = "".join(chr(plane * 0x10000 + 0xFFFE) + "-" + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + NON_CHARACTERS + "]")
CONTROL_NAMES = {0x00: "NUL", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed", 0x1B: "escape",
                 0x7F: "delete", 0x85: "next line"}

Path = tuple  # ("helplines", 1, "phones", 0, "number")


class Positions:
    """Line and column (1-based) of each value in one YAML file, by field path.

    Once a file is validated its marks can be let go (`let_go`): they are found again from the file's
    text the first time something asks where a field is, which later checks do only for the fields they
    report. Kept for every value of every file, they were 6 MB of a 1,000-module build's peak memory.
    """

    def __init__(self, file: str, line_offset: int = 0) -> None:
        self.file = file
        self.line_offset = line_offset
        self._marks: dict[Path, tuple[int, int]] | None = {}
        self._key_marks: dict[Path, tuple[int, int]] | None = {}
        self._text: str | None = None

    @property
    def marks(self) -> dict[Path, tuple[int, int]]:
        """Where each value starts (line and column in the file, before line_offset)."""
        if self._marks is None:
            self._read_again()
        return self._marks

    @property
    def key_marks(self) -> dict[Path, tuple[int, int]]:
        """Where each mapping key starts."""
        if self._key_marks is None:
            self._read_again()
        return self._key_marks

    def let_go(self, text: str) -> None:
        """Drop the marks of `text`, the document these positions were read from, until they are asked for."""
        self._text = text
        self._marks = self._key_marks = None

    def _read_again(self) -> None:
        again = Positions(self.file, self.line_offset)
        _Composer(again, []).value(_node(self._text), ())
        self._marks, self._key_marks, self._text = again._marks, again._key_marks, None

    def at(self, path: Path) -> tuple[int | None, int | None]:
        """Where `path` is, or its nearest parent that exists in the file."""
        path = tuple(path)
        while True:
            if path in self.marks:
                line, column = self.marks[path]
                return line + self.line_offset, column
            if not path:
                return None, None
            path = path[:-1]

    def where(self, path: Path) -> dict:
        """Keyword arguments for a Finding pointing at the value of `path`."""
        line, column = self.at(path)
        return {"file": self.file, "line": line, "column": column, "field": format_path(path)}

    def where_key(self, path: Path) -> dict:
        """Keyword arguments for a Finding pointing at the key of `path` (for unknown fields)."""
        if tuple(path) not in self.key_marks:
            return self.where(path)
        line, column = self.key_marks[tuple(path)]
        return {"file": self.file, "line": line + self.line_offset, "column": column, "field": format_path(path)}


def format_path(path: Path) -> str:
    """('helplines', 1, 'phones') -> 'helplines[1].phones'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Composer:
    def __init__(self, positions: Positions, findings: list[Finding]):
        self.positions = positions
        self.findings = findings
        self.constructor = yaml.SafeLoader("")

    def value(self, node: yaml.Node, path: Path) -> Any:
        self.positions.marks[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            # Merge keys (<<) are rare in content; flatten_mapping applies them.
            try:
                self.constructor.flatten_mapping(node)
            except yaml.MarkedYAMLError as exc:
                self.findings.append(error(
                    "yaml", "a merge key '<<' must be followed by an alias of a mapping (<<: *defaults) "
                            "or a list of them.",
                    hint="Write the fields out in full; merge keys are rarely worth their surprises.",
                    **self.positions_for_mark(exc.problem_mark, path)))
                node.value = [(key, value) for key, value in node.value if key.tag != "tag:yaml.org,2002:merge"]
            for key_node, value_node in node.value:
                key = self.scalar(key_node)
                if not isinstance(key, str | int | float | bool) or key is None:
                    self.findings.append(
                        error(
                            "yaml",
                            "a key must be plain text.",
                            **self.positions_for(key_node, path),
                        )
                    )
                    continue
                key = str(key)
                if key in result:
                    first_line = self.positions.marks.get(path + (key,), (None,))[0]
                    self.findings.append(
                        error(
                            "yaml",
                            f"duplicate key '{key}' (first given on line {first_line}).",
                            hint="YAML keeps only the last value; remove or merge one of them.",
                            **self.positions_for(key_node, path + (key,)),
                        )
                    )
                    continue
                self.positions.key_marks[path + (key,)] = _mark(key_node)
                result[key] = self.value(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (index,)) for index, item in enumerate(node.value)]
        return self.scalar(node)

    def positions_for(self, node: yaml.Node, path: Path) -> dict:
        return self.positions_for_mark(node.start_mark, path)

    def positions_for_mark(self, mark, path: Path) -> dict:
        line, column = mark.line + 1, mark.column + 1
        return {
            "file": self.positions.file,
            "line": line + self.positions.line_offset,
            "column": column,
            "field": format_path(path),
        }

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return node  # a mapping used as a key: reported by the caller
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError):
            # Values such as 2026-13-01 look like dates to YAML but are not;
            # keep the text so the schema can say what is wrong with it.
            return node.value


def load_yaml(text: str, file: str, *, line_offset: int = 0) -> tuple[Any, Positions, list[Finding]]:
    """Parse one YAML document. Returns (data, positions, findings); data is None on a syntax error."""
    positions = Positions(file=file, line_offset=line_offset)
    findings = forbidden_characters(text, file, line_offset=line_offset)
    if findings:
        return None, positions, findings
    findings = _bounds(text, file, line_offset)
    if findings:
        return None, positions, findings
    try:
        node = _node(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        findings.append(
            error(
                "yaml",
                f"YAML syntax error: {problem}{context}.",
                file=file,
                line=(mark.line + 1 + line_offset) if mark else None,
                column=(mark.column + 1) if mark else None,
                hint=_syntax_hint(problem),
            )
        )
        return None, positions, findings
    except yaml.YAMLError as exc:
        findings.append(error("yaml", f"YAML syntax error: {exc}.", file=file))
        return None, positions, findings
    if node is None:
        return None, positions, findings
    data = _Composer(positions, findings).value(node, ())
    return data, positions, findings


def forbidden_characters(text: str, file: str, *, line_offset: int = 0) -> list[Finding]:
    """The first character YAML cannot hold (with how many more there are), as a finding."""
    found = FORBIDDEN.search(text)
    if found is None:
        return []
    point = ord(found.group())
    name = CONTROL_NAMES.get(point) or unicodedata.name(found.group(), "")
    kind = ("non-character" if 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE
            else "surrogate" if 0xD800 <= point <= 0xDFFF else "control character")
    more = len(FORBIDDEN.findall(text)) - 1
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return [error("yaml", f"the file contains the invisible {kind} U+{point:04X}{f' ({name})' if name else ''}"
                          f"{f', and {more} more like it' if more else ''}.",
                  file=file, line=line + line_offset, column=column,
                  hint="Delete it (it often comes from text copied out of a word processor or a PDF); "
                       "YAML files may hold only printable text, tabs and line breaks.")]


def _bounds(text: str, file: str, line_offset: int) -> list[Finding]:
    """Read the document's events once, without recursion, and report the first limit it goes past."""
    parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    anchors: dict[str, int] = {}  # anchor -> values it stands for, once expanded
    open_frames: list[list] = []  # [anchor, values so far] of each mapping or list being read
    aliases = values = 0

    def over(message: str, hint: str, mark) -> list[Finding]:
        return [error("yaml", message, hint=hint, file=file, line=mark.line + 1 + line_offset,
                      column=mark.column + 1)]

    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                if len(open_frames) >= MAX_YAML_DEPTH:
                    return over(f"values are nested more than {MAX_YAML_DEPTH} levels deep.",
                                "Content needs a few levels at most; check the indentation and the brackets.",
                                event.start_mark)
                open_frames.append([event.anchor, 1])
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = open_frames.pop()
                if anchor:
                    anchors[anchor] = size
                if open_frames:
                    open_frames[-1][1] += size
                continue
            if isinstance(event, yaml.AliasEvent):
                if any(frame[0] == event.anchor for frame in open_frames):
                    return over(f"the alias *{event.anchor} is used inside the value it names, "
                                "which would repeat for ever.", "Remove the alias or point it at another value.",
                                event.start_mark)
                aliases += 1
                if aliases > MAX_YAML_ALIASES:
                    return over(f"more than {MAX_YAML_ALIASES} aliases (*name) in one file.",
                                "Write the values out; content files need few aliases, if any.", event.start_mark)
                size = anchors.get(event.anchor, 1)
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor:
                    anchors[event.anchor] = 1
            else:
                continue
            values += size
            if values > MAX_YAML_VALUES:
                return over(f"the aliases in this file expand to more than {MAX_YAML_VALUES:,} values.",
                            "Write the values out instead of repeating them through aliases.", event.start_mark)
            if open_frames:
                open_frames[-1][1] += size
    except yaml.YAMLError:
        return []  # a syntax error: reported, with the pure-Python parser's wording, by load_yaml
    finally:
        parser.dispose()
    return []


def _node(text: str) -> yaml.Node | None:
    """The document's node tree (libyaml's when it is there and reads the text, else PyYAML's own parser,
    whose errors say more); raises yaml.YAMLError on a syntax error."""
    node = _fast_node(text)
    if node is not None:
        return node
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _fast_node(text: str) -> yaml.Node | None:
    """The document's node tree read by libyaml (7 times faster), or None to let PyYAML read it.

    libyaml gives the same nodes and positions but words its errors differently, so on any
    error (and without libyaml) the pure-Python parser reads the file again and reports.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None:
        return None
    loader = fast(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _syntax_hint(problem: str) -> str:
    if "expected <block end>" in problem:
        return "This line is indented differently from the lines above it; line it up with its neighbours."
    if "tab" in problem:
        return "Indent with spaces, not tabs."
    if "mapping values are not allowed" in problem:
        return "A value containing ': ' must be in quotes, for example title: \"Help: where to start\"."
    if "could not find expected ':'" in problem:
        return "Each line inside a mapping needs 'key: value'; check the indentation of this line and the one before."
    if "found character '@'" in problem or "found character '`'" in problem:
        return "Put text starting with @ or ` in quotes."
    return "Check the indentation and quotes on this line and the one before it."
