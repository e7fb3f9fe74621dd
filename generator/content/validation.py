"""Validation errors from the content model, as messages an officer can act on."""

from __future__ import annotations

import difflib

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from generator.content import model
from generator.errors import Problem
from generator.content.yamlio import YamlFile

DOCS = "packgen help content"  # the content guide, shipped with packgen


def known_keys() -> list[str]:
    """Every key any content file may hold, for "did you mean" suggestions."""
    keys, pending = set(), [model.Model]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        keys |= {field.alias or name for name, field in cls.model_fields.items()}
    return sorted((keys | set(model.BLOCK_KEYS)) - {"slug", "id", "type"})


def validation_problems(error: ValidationError, source: YamlFile, drop: tuple = ()) -> list[Problem]:
    """Every error in `error`, located in `source` (leaving out `drop`: union tags that are not keys)."""
    problems = []
    for item in error.errors():
        where = tuple(part for part in item["loc"] if part not in drop)
        problems.append(Problem(source.path, source.line_of(where), describe(item, where)))
    return problems


def describe(error: ErrorDetails, where: tuple) -> str:
    kind, context = error["type"], error.get("ctx", {})
    name = _name(where)
    value = error.get("input")
    if kind == "packgen":
        message = error["msg"]
        return message if message.startswith(name) else f"{name}: {message}"
    if kind == "missing":
        return f"'{where[-1]}' is missing; add a line '{where[-1]}: ...' (see {DOCS})"
    if kind == "extra_forbidden":
        key = str(where[-1])
        close = difflib.get_close_matches(key, known_keys(), n=1)
        if close and close[0] == key:  # a real key, in the wrong kind of entry
            return f"'{key}' does not belong here (it is used in other kinds of entry); remove it (see {DOCS})"
        hint = f"did you mean '{close[0]}'?" if close else f"remove it or check the spelling (see {DOCS})"
        return f"unknown key '{key}'; {hint}"
    if kind == "union_tag_invalid":
        return f"kind '{value.get('kind') if isinstance(value, dict) else value}' is not known; use one of: {', '.join(model.SECTION_KINDS)}"
    if kind == "union_tag_not_found":
        return f"'kind' is missing; add a line such as 'kind: prose' (one of: {', '.join(model.SECTION_KINDS)})"
    if kind == "literal_error":
        return f'{name} "{value}" is not one of: {context.get("expected", "").replace(chr(39), "")}'
    if kind == "string_type":
        return f"{name} should be text, not {_shape(value)}" + _colon_hint(value)
    if kind in ("tuple_type", "list_type"):
        return f"{name} should be a list, one item per line starting with '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{name} should be a set of keys, not {_shape(value)}"
    if kind == "string_too_short":
        return f"{name} is empty; write the text or remove the line"
    if kind == "string_too_long":
        return f"{name} is {len(value or ''):,} characters long; the limit is {context.get('max_length'):,}"
    if kind == "too_short":
        return f"{name} needs at least {context.get('min_length')} item(s)"
    if kind == "too_long":
        return f"{name} has {context.get('actual_length'):,} items; the limit is {context.get('max_length'):,}"
    if kind == "string_pattern_mismatch" and where[-1:] == ("version",):
        return f'version "{value}" should be one word such as "1.2", with no spaces'
    return f"{name}: {error['msg']}"


def _name(where: tuple) -> str:
    if not where:
        return "this file"
    if isinstance(where[-1], int):
        parent = _name(where[:-1])
        return f"item {where[-1] + 1} of {parent}"
    return str(where[-1])


def _shape(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if value is None:
        return "empty"
    return f'"{value}"'


def _colon_hint(value) -> str:
    """A line such as `- Copyright: who owns a photo` reads in YAML as a key and its value."""
    if isinstance(value, dict) and len(value) == 1:
        key, text = next(iter(value.items()))
        if isinstance(key, str) and isinstance(text, (str, int, float)):
            return f'; if the colon is part of the text, put the text in double quotes: "{key}: {text}"'
    return ""
