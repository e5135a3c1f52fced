"""Read YAML while remembering where every value came from.

PyYAML's `safe_load` forgets positions and silently keeps the last of two equal
keys. Here the document is composed into nodes first, so every value's line and
column can be reported, and duplicate keys become findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..findings import Finding, error

Path = tuple  # ("helplines", 1, "phones", 0, "number")


@dataclass
class Positions:
    """Line and column (1-based) of each value in one YAML file, by field path."""

    file: str
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0

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
            self.constructor.flatten_mapping(node)
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
        line, column = _mark(node)
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
    findings: list[Finding] = []
    node = _fast_node(text)
    loader = yaml.SafeLoader(text)
    try:
        if node is None:
            node = loader.get_single_node()
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
    finally:
        loader.dispose()
    if node is None:
        return None, positions, findings
    data = _Composer(positions, findings).value(node, ())
    return data, positions, findings


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
