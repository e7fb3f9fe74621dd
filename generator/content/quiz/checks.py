"""Checks of one question read from quiz.yaml, each adding a Problem at the line to look at:
the sections and items it names are the pack's, its answers are among its own options.
"""

from __future__ import annotations

import difflib

from generator.content.quiz.bank import MultipleChoice
from generator.content.quiz.items import describe_keys, items_of, place_of
from generator.content.yamlio import YamlFile
from generator.errors import Problem


def check_section(source: YamlFile, where: tuple, section: str, pack, problems: list[Problem]) -> bool:
    ids = [s.id for s in pack.sections]
    if section in ids:
        return True
    close = difflib.get_close_matches(section.removesuffix(".yaml"), ids, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(ids)}"
    problems.append(
        Problem(
            source.path,
            source.line_of(where + ("section",)),
            f"section '{section}' is not a section of this pack (a file name in sections/ without .yaml); {hint}",
        )
    )
    return False


def check_items(source: YamlFile, where: tuple, question, pack, problems: list[Problem]) -> None:
    for n, written in enumerate(question.item or ()):
        section_id, key = place_of(written, question.sections)
        section = pack.section(section_id)
        if key in items_of(section):
            continue
        location = where + (("item", n) if len(question.item) > 1 else ("item",))
        hint = (
            f"write pros {key} or cons {key}"
            if section.kind == "pros-and-cons" and key.isdigit()
            else f"its items are {describe_keys(section)}"
        )
        problems.append(
            Problem(source.path, source.line_of(location), f"item {key} is not in section '{section.id}'; {hint}")
        )


def check_answer(source: YamlFile, where: tuple, question, problems: list[Problem]) -> None:
    options = getattr(question, "options", None)
    if options is None:
        return

    def problem(location: tuple, message: str) -> None:
        problems.append(Problem(source.path, source.line_of(where + location), message))

    if len(options) < 2:
        problem(("options",), "a question needs at least two options; add another, or make it a true-false question")
    repeated = sorted({o for o in options if options.count(o) > 1})
    if repeated:
        problem(("options",), f'option "{repeated[0]}" is listed twice; each option should be different')
    answers = question.answer if isinstance(question, MultipleChoice) else (question.answer,)
    for index, answer in enumerate(answers):
        location = ("answer", index) if isinstance(question, MultipleChoice) else ("answer",)
        if answer not in options:
            close = difflib.get_close_matches(answer, options, n=1)
            hint = f'did you mean "{close[0]}"?' if close else "copy one of the options exactly"
            problem(location, f'answer "{answer}" is not one of the options; {hint}')
        elif answers.count(answer) > 1 and answers.index(answer) < index:
            problem(location, f'answer "{answer}" is listed twice; list it once')
    if isinstance(question, MultipleChoice) and set(answers) >= set(options) and len(options) >= 2:
        problem(("answer",), "every option is an answer; give a tick-all-that-apply question at least one wrong option")
