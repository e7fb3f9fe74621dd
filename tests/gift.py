"""A strict reader of the GIFT subset packgen writes, for round-trip tests.

No GIFT parser on PyPI is maintained (pygiftparser's last release was 2017), so the tests read
the export back with this one. It is strict on purpose: an unescaped special character
(~ = # { } :) inside text, an unknown escape or anything it does not expect fails the test.
"""

from __future__ import annotations

import re

SPECIAL = set("~=#{}:\\")


class GiftError(ValueError):
    pass


def parse_gift(text: str) -> tuple[str | None, list[dict]]:
    """(category, questions): each question a dict of name, text, answers [(option, weight)],
    answer (True/False for true-false) and feedback (the general feedback)."""
    category, questions = None, []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if not line.startswith("//")]
        if not lines:
            continue
        if lines[0].startswith("$CATEGORY:"):
            if len(lines) != 1:
                raise GiftError(f"category block has more than one line: {lines!r}")
            category = lines[0].removeprefix("$CATEGORY:").strip()
            continue
        questions.append(_question("\n".join(lines)))
    return category, questions


def _question(source: str) -> dict:
    match = re.fullmatch(r"::(?P<name>(?:\\.|[^:\\])+)::(?P<rest>.*)", source, re.S)
    if not match:
        raise GiftError(f"question without a ::title:: {source[:60]!r}")
    stem, block = _split_block(match["rest"])
    question = {
        "name": unescape(match["name"]),
        "text": unescape(stem.strip()),
        "answers": [],
        "answer": None,
        "feedback": "",
    }
    body, feedback = _split_unescaped(block, "####")
    question["feedback"] = unescape(feedback.strip()) if feedback is not None else ""
    body = body.strip()
    if body in ("TRUE", "FALSE", "T", "F"):
        question["answer"] = body in ("TRUE", "T")
    elif body:
        question["answers"] = [_answer(part) for part in _answers(body)]
    return question


def _split_block(text: str) -> tuple[str, str]:
    """The stem before the unescaped { and the answer block up to the closing }, which must end the text."""
    opening = _unescaped_index(text, "{")
    closing = _unescaped_index(text, "}")
    if opening is None or closing is None or closing < opening or text[closing + 1 :].strip():
        raise GiftError(f"no single {{...}} answer block at the end of {text[:60]!r}")
    return text[:opening], text[opening + 1 : closing]


def _answers(body: str) -> list[str]:
    parts, current = [], ""
    index = 0
    while index < len(body):
        character = body[index]
        if character == "\\":
            current += body[index : index + 2]
            index += 2
            continue
        if character in "=~" and current.strip():
            parts.append(current)
            current = ""
        current += character
        index += 1
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def _answer(part: str) -> tuple[str, float]:
    if part.startswith("="):
        return unescape(part[1:].strip()), 100.0
    weighted = re.fullmatch(r"~%(-?\d+(?:\.\d+)?)%(.*)", part, re.S)
    if weighted:
        return unescape(weighted[2].strip()), float(weighted[1])
    if part.startswith("~"):
        return unescape(part[1:].strip()), 0.0
    raise GiftError(f"answer should start with = or ~: {part!r}")


def _split_unescaped(text: str, marker: str) -> tuple[str, str | None]:
    index = _unescaped_index(text, marker)
    return (text, None) if index is None else (text[:index], text[index + len(marker) :])


def _unescaped_index(text: str, marker: str) -> int | None:
    index = 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(marker, index):
            return index
        index += 1
    return None


def unescape(text: str) -> str:
    """Text with GIFT's escapes undone; an unescaped special character or an unknown escape is an error.
    A leading [plain] is the format marker (shown as written), not text."""
    text = text.removeprefix("[plain]")
    out, index = [], 0
    while index < len(text):
        character = text[index]
        if character == "\\":
            following = text[index + 1 : index + 2]
            if following not in SPECIAL:
                raise GiftError(f"unknown escape \\{following} in {text!r}")
            out.append(following)
            index += 2
            continue
        if character in SPECIAL:
            raise GiftError(f"unescaped {character!r} in {text!r}")
        out.append(character)
        index += 1
    return "".join(out)
