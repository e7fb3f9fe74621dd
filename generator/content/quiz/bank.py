"""The quiz's model: questions as written in quiz.yaml and what to generate from the sections.

Only types and their own checks live here (no files, no cross-checks against the pack):
generator/content/quiz/reader.py reads quiz.yaml into these. See docs/content-format.md.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import BeforeValidator, Field, model_validator

from generator.content.base import Model, Text
from generator.content.base import fail as _fail
from generator.content.quiz.items import item_key, place_of

QUESTION_TYPES = ("single", "multiple", "true-false", "scenario")
GENERATED_PREFIX = "generated-"
MAX_OPTIONS = 8  # lettered A to H
MAX_QUESTIONS = 100
DEFAULT_SCENARIO_PROMPT = "What should the councillor do?"


def _question_id(value: object) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text) or len(text) > 60:
        raise _fail(f'"{text}" should be a few lower-case words joined by hyphens, e.g. "delete-a-post"')
    return text


def _whole_number(low: int, high: int, example: int):
    def check(value: object) -> int:
        text = str(value).strip()
        if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:  # "²" is a digit to isdigit()
            raise _fail(f'"{text}" should be a whole number from {low} to {high}, e.g. {example}')
        return int(text)

    return BeforeValidator(check)


def _true_or_false(value: object) -> bool:
    text = str(value).strip().lower()
    if text not in ("true", "false"):
        raise _fail(f'"{value}" should be true or false')
    return text == "true"


def _item_keys(value: object) -> object:
    """`item:` may be one item (3, intro, pros 2) or a list of them; kept as keys (see quiz_items)."""
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    if not values or any(isinstance(v, (dict, list)) or v is None or isinstance(v, bool) for v in values):
        raise _fail(f'"{value}" should be an item of the section, e.g. 3, intro or pros 2, or a list of them')
    return tuple(item_key(v) for v in values)


def _one_or_more(value: object) -> object:
    """`answer:` of a tick-all-that-apply question may be one line of text or a list."""
    return [value] if isinstance(value, str) else value


QuestionId = Annotated[str, BeforeValidator(_question_id)]
Points = Annotated[int, _whole_number(1, 10, 2)]
Options = Annotated[tuple[Text, ...], Field(max_length=MAX_OPTIONS)]


class QuestionBase(Model):
    id: QuestionId
    section: Text  # the id of the section it tests: its file name without .yaml (the first, if several)
    also_in: tuple[Text, ...] = ()  # the rest of `section: [a, b]`: an answer drawn from several sections
    prompt: Text
    explanation: Text
    points: Points | None = None  # None: the type's usual points (see default_points)
    # The items of the section the answer is printed in (see quiz_items); None: the whole section.
    item: Annotated[tuple[str, ...], BeforeValidator(_item_keys)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _several_sections(cls, data: object) -> object:
        """`section: [a, b]` is the first section and the others it draws on."""
        if isinstance(data, dict) and isinstance(data.get("section"), (list, tuple)) and data["section"]:
            wrong = [entry for entry in data["section"] if not isinstance(entry, str)]
            if wrong:  # reported as `section:`'s own problem, on its line
                return {**data, "section": wrong[0]}
            first, *rest = data["section"]
            data = {**data, "section": first, "also_in": tuple(rest)}
        return data

    @property
    def score(self) -> int:
        return self.points or default_points(self)

    @property
    def sections(self) -> tuple[str, ...]:
        return (self.section, *self.also_in)

    @property
    def places(self) -> tuple[tuple[str, str | None], ...]:
        """Where the answer is printed: (section, item key), or (section, None) for a section of
        which no item is named."""
        named: list[tuple[str, str | None]] = [place_of(key, self.sections) for key in self.item or ()]
        whole: list[tuple[str, str | None]] = [
            (section, None) for section in self.sections if section not in {s for s, _ in named}
        ]
        return tuple(named + whole)


class SingleChoice(QuestionBase):
    type: Literal["single"]
    options: Options
    answer: Text


class MultipleChoice(QuestionBase):
    type: Literal["multiple"]
    options: Options
    answer: Annotated[tuple[Text, ...], BeforeValidator(_one_or_more), Field(min_length=1, max_length=MAX_OPTIONS)]


class TrueFalse(QuestionBase):
    type: Literal["true-false"]
    answer: Annotated[bool, BeforeValidator(_true_or_false)]


class Scenario(QuestionBase):
    """A situation and what to do: ticked from options, or written (then `answer` is a model answer)."""

    type: Literal["scenario"]
    situation: Text
    prompt: Text = DEFAULT_SCENARIO_PROMPT
    options: Options | None = None
    answer: Text
    lines: Annotated[int, _whole_number(2, 15, 5)] = 5  # writing lines on the sheet, when written

    @property
    def written(self) -> bool:
        return self.options is None


Question = Annotated[Union[SingleChoice, MultipleChoice, TrueFalse, Scenario], Field(discriminator="type")]
QUESTION_CLASSES: dict[str, type[QuestionBase]] = {
    "single": SingleChoice,
    "multiple": MultipleChoice,
    "true-false": TrueFalse,
    "scenario": Scenario,
}


def default_points(question) -> int:
    return 2 if isinstance(question, Scenario) and question.written else 1


class GenerateSpec(Model):
    """Questions to draw from one section (see generator/quiz_generate.py for the kinds)."""

    section: Text
    count: Annotated[int, _whole_number(1, 30, 2)]
    type: Literal["single", "multiple", "true-false"] | None = None  # None: the section kind's first
    distractors: tuple[Text, ...] = ()  # wrong options, for lists such as "Potential legal issues"


class QuizBank(Model):
    title: Text | None = None
    answer_grid: bool = True
    questions: tuple[Question, ...] = ()
    generate: tuple[GenerateSpec, ...] = ()
    warnings: tuple[str, ...] = ()  # "quiz.yaml:LINE: ..." for what may be printed, with care
    generate_at: tuple[tuple[str, int], ...] = ()  # (quiz.yaml, line) of each of `generate`, for messages
