"""Quiz variants A, B, ...: the questions and options in an order drawn from the seed.

A variant is split in two on purpose: what the participant sees (SheetQuestion, which has
no field that could hold an answer) and what the trainer sees (KeyQuestion). The sheet
template only ever receives the first, so no slip in a template can print an answer, and
the variant's code is a hash of the sheet alone: changing an answer changes no sheet.
"""
from __future__ import annotations

import hashlib
import json
import random
import string
from dataclasses import asdict, dataclass

from generator.content.quiz_bank import MultipleChoice, Scenario, TrueFalse

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I to misread
CODE_LENGTH = 5
TRUE_FALSE = ("True", "False")


@dataclass(frozen=True)
class Choice:
    letter: str  # "A", "B", ... or "" for True and False
    text: str


@dataclass(frozen=True)
class SheetQuestion:
    number: int
    type: str
    prompt: str
    situation: str | None
    choices: tuple[Choice, ...]  # empty for a written answer
    tick_all: bool
    writing_lines: int  # 0 unless the answer is written
    points: int


@dataclass(frozen=True)
class KeyQuestion:
    asked: SheetQuestion
    right: tuple[Choice, ...]  # the boxes to tick; empty for a written answer
    model_answer: str | None  # what a written answer should say
    explanation: str
    section_id: str
    section_title: str
    page: int  # where the booklet, as rendered, starts the section

    @property
    def answer_text(self) -> str:
        """"B", "A and C", "False" or "Written": for the at-a-glance table."""
        if not self.right:
            return "Written"
        labels = [c.letter or c.text for c in self.right]
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


@dataclass(frozen=True)
class Variant:
    letter: str
    code: str
    sheet: tuple[SheetQuestion, ...]
    key: tuple[KeyQuestion, ...]

    @property
    def total_points(self) -> int:
        return sum(q.points for q in self.sheet)


def variant_letters(count: int) -> list[str]:
    return list(string.ascii_uppercase[:count])


def make_variant(questions: list, letter: str, seed: int, pack, pages: dict[str, int]) -> Variant:
    """Variant `letter`: its own order of questions and options, from `seed` and the letter alone."""
    rng = random.Random(f"{seed}-{letter}")
    ordered = rng.sample(questions, len(questions))
    placed = [(question, _option_order(question, rng)) for question in ordered]
    sheet = tuple(_sheet_question(number, q, options) for number, (q, options) in enumerate(placed, start=1))
    key = tuple(_key_question(asked, q, pack, pages) for asked, (q, _) in zip(sheet, placed))
    return Variant(letter, _code(letter, seed, pack.version, sheet), sheet, key)


def _option_order(question, rng: random.Random) -> tuple[str, ...]:
    if isinstance(question, TrueFalse):
        return TRUE_FALSE  # always True then False, as people expect
    options = getattr(question, "options", None) or ()
    return tuple(rng.sample(options, len(options)))


def _sheet_question(number: int, question, options: tuple[str, ...]) -> SheetQuestion:
    written = isinstance(question, Scenario) and question.written
    letters = [""] * len(options) if isinstance(question, TrueFalse) else string.ascii_uppercase
    return SheetQuestion(
        number=number, type=question.type, prompt=question.prompt,
        situation=question.situation if isinstance(question, Scenario) else None,
        choices=tuple(Choice(letter, text) for letter, text in zip(letters, options)),
        tick_all=isinstance(question, MultipleChoice),
        writing_lines=question.lines if written else 0,
        points=question.score,
    )


def _key_question(asked: SheetQuestion, question, pack, pages: dict[str, int]) -> KeyQuestion:
    if isinstance(question, TrueFalse):
        right_texts = {TRUE_FALSE[0] if question.answer else TRUE_FALSE[1]}
    elif isinstance(question, MultipleChoice):
        right_texts = set(question.answer)
    else:
        right_texts = set() if asked.writing_lines else {question.answer}
    return KeyQuestion(
        asked=asked,
        right=tuple(c for c in asked.choices if c.text in right_texts),
        model_answer=question.answer if asked.writing_lines else None,
        explanation=question.explanation,
        section_id=question.section,
        section_title=pack.section(question.section).title,
        page=pages[question.section],
    )


def _code(letter: str, seed: int, version: str, sheet: tuple[SheetQuestion, ...]) -> str:
    """A short code printed on a sheet and its key: it changes whenever the sheet would."""
    text = json.dumps([letter, seed, version, [asdict(q) for q in sheet]], sort_keys=True)
    number = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    digits = []
    for _ in range(CODE_LENGTH):
        number, digit = divmod(number, len(CODE_ALPHABET))
        digits.append(CODE_ALPHABET[digit])
    return "".join(digits)
