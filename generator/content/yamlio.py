"""Read a content file as plain text values, remembering the line of every value.

Every scalar is read as the text that was typed: no YAML 1.1 guessing, so `NO` stays
"NO", `1.10` stays "1.10" and `2022-02-30` reaches the validator as text (which then says
what is wrong with it). Anchors, aliases and tags are refused, and so are duplicate keys,
because each is a way for a file to mean something other than what it shows.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from generator.content.pasted_text import invisible_characters, plain_spaces
from generator.content.yaml_errors import explained
from generator.content.sources import Sources, YamlProblems, read_limited, shown
from generator.errors import Problem
from generator.assets.fonts import unprintable

Location = tuple  # a path into the data, e.g. ("tips", 3, "title")

# Characters Word and XML cannot hold; python-docx raises on them, PDFs show boxes.
FORBIDDEN_CHARACTERS = {chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}
FORBIDDEN_CHARACTERS |= {"\ufffe", "\uffff"}
YAML_LINE_BREAKS = {"\u0085", "\u2028", "\u2029"}
# Line and paragraph separators, next line and interlinear annotation marks: invisible, and
# refused by the renderers further on, so refused here with the file and line.
FORBIDDEN_CHARACTERS |= {"\u0085", "\u2028", "\u2029", "\ufff9", "\ufffa", "\ufffb"}

MAX_DEPTH = 10  # levels of nesting; the deepest real content (a quiz option) needs 4


@dataclass
class YamlFile:
    """A content file's data as plain Python values, and the line each value came from."""

    path: str
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int:
        """The line of `location`, or of its nearest enclosing value that has one."""
        location = tuple(location)
        while location not in self.lines and location:
            location = location[:-1]
        return self.lines.get(location, 1)


def read_into(path: Path, problems: list[Problem], sources: Sources | None = None) -> YamlFile | None:
    """Read `path`, adding any problems to `problems` (and returning None) instead of raising.
    With `sources`, the bytes are recorded there (and the file must be inside the pack)."""
    try:
        return read_yaml(path, shown(path), sources)
    except YamlProblems as error:
        problems.extend(error.problems)
        return None


def read_yaml(path: Path, shown_as: str, sources: Sources | None = None) -> YamlFile:
    """Read `path` (named `shown_as` in messages) or raise YamlProblems."""
    raw = sources.read(path, shown_as) if sources is not None else read_limited(path, shown_as)
    text = _decode(raw, shown_as)
    known = _parsed.get(text)
    if known is not None:  # the same text read before in this process (check, then build; watch; tests)
        return YamlFile(shown_as, copy.deepcopy(known.data), dict(known.lines))
    result = _parse(text, shown_as)
    if len(_parsed) >= PARSED_KEPT:
        _parsed.pop(next(iter(_parsed)))
    _parsed[text] = YamlFile(shown_as, copy.deepcopy(result.data), dict(result.lines))
    return result


# Parsing is most of the time a command takes to read a pack (ruamel.yaml in pure Python), and
# the same text always gives the same values and lines (the file's name is only in problems, and
# only text that parsed without one is kept), so a second reading in one process is a copy.
PARSED_KEPT = 256
_parsed: dict[str, YamlFile] = {}


def _parse(text: str, shown_as: str) -> YamlFile:
    yaml = YAML(typ="safe", pure=True)
    try:
        _check_events(yaml, text, shown_as)
        node = yaml.compose(text)
    except MarkedYAMLError as error:
        raise YamlProblems([Problem(shown_as, *explained(error, text))]) from None
    except ReaderError as error:
        line = text[: error.position].count("\n") + 1
        message = f"contains a control character (U+{error.character:04X}), often pasted from Word; retype the text"
        raise YamlProblems([Problem(shown_as, line, message)]) from None
    except YAMLError as error:
        raise YamlProblems([Problem(shown_as, 1, f"cannot be read as YAML: {error}")]) from None
    result = YamlFile(shown_as, None)
    problems: list[Problem] = []
    result.data = _plain(node, (), result, problems) if node is not None else {}
    if problems:
        raise YamlProblems(problems)
    return result


def _decode(raw: bytes, shown_as: str) -> str:
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark from Notepad is harmless
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblems([Problem(shown_as, line, "is not UTF-8 text; save the file with UTF-8 encoding")]) from None
    breaks = [(text.count("\n", 0, n) + 1, c) for n, c in enumerate(text) if c in YAML_LINE_BREAKS]
    if breaks:  # YAML would take them as line breaks and report a confusing error (or none) instead
        raise YamlProblems(
            [
                Problem(
                    shown_as,
                    line,
                    f"contains a control character (U+{ord(c):04X}), often pasted from Word; retype the text",
                )
                for line, c in dict(breaks).items()
            ]
        )
    invisible = invisible_characters(text, shown_as)
    if invisible:
        raise YamlProblems(invisible)
    return text


def _check_events(yaml: YAML, text: str, shown_as: str) -> None:
    """Walk the parser's events (cheap, linear) so an alias bomb or deep nesting is refused before
    anything is built from them."""
    depth = 0
    for event in yaml.parse(text):
        line = event.start_mark.line + 1
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblems(
                    [
                        Problem(
                            shown_as,
                            line,
                            f"is nested more than {MAX_DEPTH} levels deep; "
                            "the content format never needs that many (see: packgen help content)",
                        )
                    ]
                )
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor):
            raise YamlProblems(
                [
                    Problem(
                        shown_as,
                        line,
                        "anchors and aliases (& and *) are not allowed; write the text out in full "
                        "(a text that starts with * or & goes in double quotes)",
                    )
                ]
            )
        tag = getattr(event, "tag", None)
        if tag is not None and str(getattr(tag, "value", tag) or "") not in ("", "!"):
            raise YamlProblems(
                [Problem(shown_as, line, f"YAML tags such as {getattr(tag, 'value', tag)} are not allowed; remove it")]
            )


def _plain(node, location: Location, out: YamlFile, problems: list[Problem]):
    out.lines[location] = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        return _scalar(node, location, out, problems)
    if isinstance(node, SequenceNode):
        return [_plain(item, location + (i,), out, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, ScalarNode):
            problems.append(Problem(out.path, line, "a key must be a plain word"))
            continue
        key = key_node.value
        if key in result:
            first = out.lines[location + (key,)]
            problems.append(Problem(out.path, line, f"'{key}' appears twice (first on line {first}); keep one of them"))
            continue
        out.lines[location + (key,)] = line
        result[key] = _plain(value_node, location + (key,), out, problems)
        out.lines[location + (key,)] = line  # keep the key's line, not the value's
    return result


def _scalar(node: ScalarNode, location: Location, out: YamlFile, problems: list[Problem]):
    text = plain_spaces(node.value)
    if node.style is None and text in ("", "~", "null"):
        return None
    line = node.start_mark.line + 1
    bad = sorted({c for c in text if c in FORBIDDEN_CHARACTERS or 0xD800 <= ord(c) <= 0xDFFF})
    if bad:
        names = ", ".join(f"U+{ord(c):04X}" for c in bad)
        problems.append(
            Problem(out.path, line, f"contains a control character ({names}), often pasted from Word; retype the text")
        )
    elif unprintable(text):
        problems.append(
            Problem(
                out.path,
                line,
                f"contains characters the pack's fonts cannot print: "
                f"{', '.join(unprintable(text)[:5])}; remove or replace them",
            )
        )
    return text
