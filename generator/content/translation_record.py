"""What a twin was translated from: a short hash of each block's source text, kept in step.

A twin's `translated_from:` maps each block of its source (`title`, `body.3`, `tips.0`,
`questions.2`, `cards.1`: a top-level key, or one entry of a top-level list) to a hash of the
source text it was translated from. packgen writes it (`packgen translate --accept` and
`--import`), never a person. When the source's text changes, the hashes differ, and check and
build say which twin to update.
"""

from __future__ import annotations

import hashlib
import json
import re

from generator.content.languages import language_name
from generator.content.twins import RECORD_KEY, texts
from generator.content.yamlio import YamlFile
from generator.errors import Problem

HASH_LENGTH = 10
HASH = re.compile(rf"[0-9a-f]{{{HASH_LENGTH}}}")


def block_of(path: tuple) -> tuple:
    """The block a text belongs to: an entry of a top-level list (`body`, 3), or a top-level key."""
    for index, part in enumerate(path):
        if isinstance(part, int):
            return path[: index + 1]
    return path[:1]


def block_id(block: tuple) -> str:
    return ".".join(str(part) for part in block)


def blocks(data) -> dict[str, tuple[tuple, list[tuple[tuple, str]]]]:
    """Each block with text to translate, in reading order: its id -> (its path, its texts)."""
    found: dict[str, tuple[tuple, list[tuple[tuple, str]]]] = {}
    for path, text in texts(data):
        block = block_of(path)
        found.setdefault(block_id(block), (block, []))[1].append((path, text))
    return found


def block_hash(units: list[tuple[tuple, str]], block: tuple) -> str:
    """A short hash of a block's text and where each piece sits in it."""
    pieces = [[".".join(str(p) for p in path[len(block) :]), text] for path, text in units]
    return hashlib.sha256(json.dumps(pieces, ensure_ascii=False).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def current_hashes(data) -> dict[str, str]:
    """The hash of every block of a source file's data, as --accept records them."""
    return {name: block_hash(units, block) for name, (block, units) in blocks(data).items()}


def recorded(twin: YamlFile, problems: list[Problem]) -> dict[str, str] | None:
    """The twin's record (None if it has none); a record not as packgen writes it is a problem."""
    record = twin.data.get(RECORD_KEY) if isinstance(twin.data, dict) else None
    if record is None:
        return None
    if not isinstance(record, dict) or not all(isinstance(v, str) and HASH.fullmatch(v) for v in record.values()):
        problems.append(
            Problem(
                twin.path,
                twin.line_of((RECORD_KEY,)),
                f"{RECORD_KEY}: is written by packgen, not by hand; remove it, then record the file as "
                "current with packgen translate PACK --accept FILE",
            )
        )
        return None
    return record


def drift(source: YamlFile, twin: YamlFile, code: str, accept: str, problems: list[Problem]) -> list[Problem]:
    """A warning for each block of `source` whose text changed since `twin` was translated from it
    (`accept`: the command that records the twin as current, for the message)."""
    record = recorded(twin, problems)
    if record is None:
        if RECORD_KEY in (twin.data or {}):
            return []
        return [
            Problem(
                twin.path,
                1,
                f"has no record of the wording of {source.path} it was translated from; once the "
                f"{language_name(code)} has been checked against it, run {accept}",
            )
        ]
    found = []
    for name, (block, units) in blocks(source.data).items():
        where = f"{source.path}:{source.line_of(block)}"
        if record.get(name) is None:
            message = f"has no record of the wording of {where} it was translated from; check it, then run {accept}"
        elif record[name] != block_hash(units, block):
            message = f"translated from an earlier wording of {where}; update the {language_name(code)}"
        else:
            continue
        found.append(Problem(twin.path, twin.line_of(block), message))
    return found
