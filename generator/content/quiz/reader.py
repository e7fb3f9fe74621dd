"""Reading quiz.yaml into the quiz's model (generator/content/quiz/bank.py), checked against the pack.

Each question is checked on its own, then against the pack (its section must exist), so
one run reports every problem in the file with its line. See docs/content-format.md.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError

from generator.errors import Problem
from generator.content.base import Model, Text, YesNo
from generator.content.quiz.checks import check_answer, check_items, check_section
from generator.content.quiz.bank import (
    GENERATED_PREFIX,
    MAX_QUESTIONS,
    QUESTION_CLASSES,
    QUESTION_TYPES,
    GenerateSpec,
    QuizBank,
)
from generator.content.quiz.generate import check_spec, resolved
from generator.content.quiz.leaks import hints, leaks, quoted_words, subject_of
from generator.content.quiz.shape import odd_one_out
from generator.content.validation import describe, validation_problems
from generator.content.sources import Sources
from generator.content.yamlio import YamlFile, read_into

QUIZ_FILE = "quiz.yaml"


class QuizSettings(Model):
    """The top level of quiz.yaml."""

    title: Text | None = None
    answer_grid: YesNo = True
    generate: tuple[dict, ...] = ()
    questions: Annotated[tuple[dict, ...], Field(min_length=1, max_length=MAX_QUESTIONS)]


def load_quiz(
    folder: Path, pack, problems: list[Problem], sources: Sources | None = None, read=read_into
) -> QuizBank | None:
    """Read and validate folder/quiz.yaml against the already-validated `pack`; None if absent or wrong."""

    path = Path(folder) / QUIZ_FILE
    if not os.path.lexists(path):
        return None
    source = read(path, problems, sources)
    if source is None:
        return None
    found: list[Problem] = []  # load_pack calls this only once every section has loaded
    bank = _bank(source, pack, found)
    problems.extend(found)
    return None if found else bank


def _bank(source: YamlFile, pack, problems: list[Problem]) -> QuizBank | None:
    """The bank in `source`, checked against `pack` (None: the pack is incomplete, skip those checks)."""
    if not isinstance(source.data, dict):
        problems.append(Problem(source.path, 1, "should be a set of keys starting with questions:"))
        return None
    try:
        settings = QuizSettings.model_validate(source.data)
    except ValidationError as error:
        problems += validation_problems(error, source)
        return None
    places: dict[str, tuple] = {}  # question id -> where it is in the file
    questions = _questions(source, settings.questions, pack, problems, places)
    problems += _leak_problems(source, questions, places)
    specs = _specs(source, settings.generate, pack, problems)
    return QuizBank(
        title=settings.title,
        answer_grid=settings.answer_grid,
        questions=questions,
        generate=tuple(spec for spec, _ in specs),
        generate_at=tuple((str(source.path), line) for _, line in specs),
        warnings=_hint_warnings(source, questions, places, pack) + _shape_warnings(source, questions, places),
    )


# ---- questions ----------------------------------------------------------------------------


def _questions(source: YamlFile, raws: tuple[dict, ...], pack, problems: list[Problem], places: dict) -> tuple:
    questions: list = []
    first_line: dict[str, int] = {}
    for index, raw in enumerate(raws):
        where = ("questions", index)
        question = _question(source, where, raw, problems)
        if question is None:
            continue
        line = source.line_of(where + ("id",))
        if question.id in first_line:
            problems.append(
                Problem(
                    source.path,
                    line,
                    f"id '{question.id}' is used twice (first on line "
                    f"{first_line[question.id]}); give each question its own id",
                )
            )
        first_line.setdefault(question.id, line)
        places.setdefault(question.id, where)
        if pack is not None and all([check_section(source, where, s, pack, problems) for s in question.sections]):
            check_items(source, where, question, pack, problems)
        check_answer(source, where, question, problems)
        questions.append(question)
    return tuple(questions)


def _question(source: YamlFile, where: tuple, raw: Any, problems: list[Problem]):
    if not isinstance(raw, dict):
        problems.append(Problem(source.path, source.line_of(where), "should be a set of keys starting with id:"))
        return None
    refused = _refusal(raw)
    if refused:
        key, message = refused
        problems.append(Problem(source.path, source.line_of(where + (key,)), message))
        return None
    try:
        return QUESTION_CLASSES[raw["type"]].model_validate(raw)
    except ValidationError as error:
        problems += _located(error, source, where)
        return None


def _refusal(raw: dict) -> tuple[str, str] | None:
    """(key, message) for what stops a question being read at all: its type, or a reserved id."""
    kind = raw.get("type")
    if kind not in QUESTION_TYPES:
        said = "'type' is missing" if kind is None else f"type '{kind}' is not known"
        return "type", f"{said}; use one of: {', '.join(QUESTION_TYPES)}"
    if kind == "true-false" and "options" in raw:
        return "options", "a true-false question needs no options (the sheet prints True and False); remove them"
    if str(raw.get("id", "")).startswith(GENERATED_PREFIX):
        return "id", f"ids starting '{GENERATED_PREFIX}' are kept for generated questions; choose another id"
    return None


def _located(error: ValidationError, source: YamlFile, where: tuple) -> list[Problem]:
    """Validation problems of one list item, located inside the whole file.

    A misspelt key ("promt") is reported once, as unknown with a suggestion, not again as missing.
    """
    problems = []
    for item in error.errors():
        loc = where + tuple(item["loc"])
        if item["type"] == "missing" and _misspelt(error, item["loc"]):
            continue
        problems.append(Problem(source.path, source.line_of(loc), describe(item, tuple(item["loc"]))))
    return problems


def _misspelt(error: ValidationError, missing: tuple) -> bool:
    """Whether an unknown key beside the `missing` one looks like a misspelling of it."""
    unknown = [
        str(e["loc"][-1])
        for e in error.errors()
        if e["type"] == "extra_forbidden" and tuple(e["loc"][:-1]) == tuple(missing[:-1])
    ]
    return bool(difflib.get_close_matches(str(missing[-1]), unknown, n=1))


# ---- what a sheet could give away ---------------------------------------------------------


def _leak_problems(source: YamlFile, questions: tuple, places: dict[str, tuple]) -> list[Problem]:
    """One problem for each question whose answer another question states, at the other's line."""
    lines = {question_id: source.line_of(where + ("id",)) for question_id, where in places.items()}
    return [
        Problem(
            source.path,
            lines[leak.by.id],
            f"question '{leak.by.id}' gives away the answer of question '{leak.answered.id}' "
            f'(line {lines[leak.answered.id]}): "{leak.where}" contains its answer "{leak.answer}"; '
            "reword one of them, since both can be on the same sheet",
        )
        for leak in leaks(list(questions))
    ]


def _hint_warnings(source: YamlFile, questions: tuple, places: dict[str, tuple], pack) -> tuple[str, ...]:
    """A warning for each answer another question may state in other words, at the other's line."""
    lines = {question_id: source.line_of(where + ("id",)) for question_id, where in places.items()}
    return tuple(
        f"{source.path}:{lines[hint.by.id]}: question '{hint.by.id}' may give away the answer of question "
        f"'{hint.answered.id}' (line {lines[hint.answered.id]}): \"{hint.where}\" says "
        f"{quoted_words(hint.shared)}; reword one of them if a participant could answer from it"
        for hint in hints(list(questions), subject=subject_of(pack))
    )


def _shape_warnings(source: YamlFile, questions: tuple, places: dict[str, tuple]) -> tuple[str, ...]:
    found = []
    for question in questions:
        why = odd_one_out(question)
        if why:
            line = source.line_of(places[question.id] + ("options",))
            found.append(
                f"{source.path}:{line}: question '{question.id}': {why}, so it can be guessed "
                "without knowing the guidance; reword the options to a similar shape"
            )
    return tuple(found)


# ---- generated questions ------------------------------------------------------------------


def _specs(source: YamlFile, raws: tuple[dict, ...], pack, problems: list[Problem]) -> list[tuple[GenerateSpec, int]]:
    """Each sound `generate:` item, with its line."""
    specs: list[tuple[GenerateSpec, int]] = []
    first_item: dict[tuple[str, str | None], int] = {}
    for index, raw in enumerate(raws):
        where = ("generate", index)
        try:
            spec = GenerateSpec.model_validate(raw)
        except ValidationError as error:
            problems += _located(error, source, where)
            continue
        if pack is None:
            continue
        section = next((s for s in pack.sections if s.id == spec.section), None)
        if section is None:
            check_section(source, where, spec.section, pack, problems)
            continue
        found = [
            Problem(source.path, source.line_of(where + (key if isinstance(key, tuple) else (key,))), message)
            for key, message in check_spec(spec, section)
        ]
        problems += found
        if found:
            continue
        spec = resolved(spec, section)
        twice = first_item.setdefault((spec.section, spec.type), index)
        if twice != index:
            problems.append(
                Problem(
                    source.path,
                    source.line_of(where),
                    f"section '{spec.section}' is listed "
                    f"twice under generate: for {spec.type} questions; add the counts together "
                    f"in item {twice + 1}",
                )
            )
            continue
        specs.append((spec, source.line_of(where)))
    return specs
