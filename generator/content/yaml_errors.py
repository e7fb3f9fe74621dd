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
    mark = error.problem_mark or error.context_mark
    if "could not find expected ':'" in str(error.problem) and error.context_mark:
        mark = error.context_mark  # the key without its colon, not the line where the scanner gave up
    index = mark.line if mark else 0
    lines = text.splitlines() or [""]
    if "mapping values are not allowed" in str(error.problem) and index < len(lines):
        for number in (index, index - 1):
            found = _curly_quoted(lines[number]) if number >= 0 else None
            if found:
                return number + 1, found
        starts = _start_of_scalar(lines, index)
        if starts is not None and COLONLESS_KEY.match(lines[starts]):
            key = COLONLESS_KEY.match(lines[starts])
            return starts + 1, (
                f"'{key['key']}' has no colon after it; write the line as {key['dash']}{key['key']}: {key['rest']}"
            )
        second = SECOND_COLON.match(lines[index])
        if second:
            return index + 1, (
                f"this line has a second colon, which YAML reads as the start of a new key; put the text in "
                f"double quotes: {second['key']}: {_straight_quoted(second['rest'])}"
            )
    return index + 1, _yaml_message(error)


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
