"""YAML syntax errors in plain words, on the line to fix.

YAML's scanner often stops a line after the mistake ("mapping values are not allowed here")
and names it in its own terms. These explain the mistakes officers make: Word's curly quotes
used as quotes, a key whose colon was forgotten, a second colon inside a line of text.
"""

from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError


def explained(error: MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line to fix and what to do, in plain words: YAML's scanner often stops a line after the
    mistake ("mapping values are not allowed here"), and names it in its own terms."""
    problem, context = str(error.problem or ""), str(error.context or "")
    mark = error.problem_mark or error.context_mark
    if ("could not find expected ':'" in problem or "quoted scalar" in context) and error.context_mark:
        mark = error.context_mark  # where the key or the quoted text began, not where the scanner gave up
    index = mark.line if mark else 0
    lines = text.splitlines() or [""]
    line = lines[index] if index < len(lines) else ""
    if "\\t" in problem or "tab" in problem:
        return index + 1, _yaml_message(error)
    if "mapping values are not allowed" in problem:
        return _mapping_values(lines, index)
    if "quoted scalar" in context:
        return index + 1, "a quote mark opened on this line is never closed; end the text with the same quote mark"
    if "cannot start any token" in problem:
        return index + 1, _cannot_start(line, problem)
    unclosed = _unclosed_quote(lines, index)
    if "expected <block end>" in problem and unclosed is not None:
        return unclosed + 1, "a quote mark opened on this line is never closed; end the text with the same quote mark"
    if "expected <block end>" in problem and "<scalar>" in problem and re.search(r":\s*[\"']", line):
        return index + 1, "there is text after the closing quote; put the whole text inside the quotes"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return index + 1, (
            "this line is not lined up with the lines above it; indent it with the same number of spaces "
            "as the line (or list item) it belongs with"
        )
    return index + 1, _yaml_message(error)


def _mapping_values(lines: list[str], index: int) -> tuple[int, str]:
    """YAML's "mapping values are not allowed here": a colon where YAML expected none."""
    for number in (index, index - 1):
        found = _curly_quoted(lines[number]) if 0 <= number < len(lines) else None
        if found:
            return number + 1, found
    line = lines[index] if index < len(lines) else ""
    starts = _start_of_scalar(lines, index) if line else None
    key = COLONLESS_KEY.match(lines[starts]) if starts is not None else None
    if key and starts is not None:
        return starts + 1, (
            f"'{key['key']}' has no colon after it; write the line as {key['dash'] or ''}{key['key']}: {key['rest']}"
        )
    second = SECOND_COLON.match(line)
    if second:
        return index + 1, (
            f"this line has a second colon, which YAML reads as the start of a new key; put the text in "
            f"double quotes: {second['key'].strip()}: {_straight_quoted(second['rest'])}"
        )
    if starts is not None and starts != index:
        return index + 1, (
            f"this line is indented more than line {starts + 1}, so YAML reads it as more of that line's text; "
            "indent it with the same number of spaces as the lines around it"
        )
    return (
        index + 1,
        "this line has a colon YAML cannot read; if the colon is part of the text, put the text in double quotes",
    )


def _unclosed_quote(lines: list[str], index: int) -> int | None:
    """The line above `index` whose double-quoted value never closes: YAML reads on to the next
    quote mark and stops lines later, at the value it then cannot read."""
    for number, line in enumerate(lines[:index]):
        if OPEN_QUOTE.match(line):
            return number
    return None


OPEN_QUOTE = re.compile(r"^\s*(?:- )?(?:[\w-]+:\s+)?\"[^\"]*$")


def _cannot_start(line: str, problem: str) -> str:
    """A value starting with %, @ or ` (a Twitter handle, "%50 off"): YAML keeps those characters."""
    character = re.search(r"character '(.)'", problem)
    shown = character[1] if character else "that character"
    match = re.match(r"^(?P<key>\s*(?:- )?[\w-]+):\s+(?P<rest>.+)$", line)
    fix = f": {match['key'].strip()}: {_straight_quoted(match['rest'])}" if match else ""
    return f"a text cannot start with {shown} unless it is in quotes; put the whole text in double quotes{fix}"


CURLY_OPEN, CURLY_CLOSE = "“‘„‚", "”’“‘"
CURLY_VALUE = re.compile(r"^(?P<key>\s*(?:- )?[\w-]+):\s*(?P<open>[“‘„‚])(?P<text>.*)(?P<close>[”’“‘])\s*$")
COLONLESS_KEY = re.compile(r"^\s*(?P<dash>- )?(?P<key>[a-z][a-z_-]*) (?P<rest>[^:]+)$")
SECOND_COLON = re.compile(r"^(?P<key>\s*(?:- )?[\w-]+):\s+(?P<rest>[^\"'].*: .*)$")


def _curly_quoted(line: str) -> str | None:
    """Word's curly quotes around a value, which YAML reads as part of the text, not as quotes."""
    match = CURLY_VALUE.match(line)
    if not match:
        return None
    return (
        f"the text is in curly quotes ({match['open']} {match['close']}, as Word types them), which YAML does not "
        f"read as quotes; write the line with straight quotes: {match['key'].strip()}: {_straight_quoted(match['text'])}"
    )


def _straight_quoted(text: str) -> str:
    text = text.strip()
    return f'"{text}"' if '"' not in text else "'" + text.replace("'", "''") + "'"


def _start_of_scalar(lines: list[str], index: int) -> int | None:
    """The line a plain text that runs on to line `index` starts on: the nearest line above that is
    less indented than it, when only text lies between (a key whose colon was forgotten)."""
    indent = len(lines[index]) - len(lines[index].lstrip())
    for number in range(index - 1, -1, -1):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        own = len(line) - len(line.lstrip()) + (2 if line.lstrip().startswith("- ") else 0)
        if own <= indent:
            return number
    return None


def _yaml_message(error: MarkedYAMLError) -> str:
    problem = (error.problem or error.context or "not valid YAML").strip()
    if "\\t" in problem or "tab" in problem:
        return "a tab character is used for indenting; indent with spaces instead"
    if "found duplicate key" in problem:
        return problem
    if "could not find expected ':'" in problem:
        return "this line has no colon; write a key as key: value (e.g. title: My pack), or a list item as - text"
    return f"not valid YAML ({problem}); check the indentation and that text with a colon is in quotes"
