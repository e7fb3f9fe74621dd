"""Sheets that give nothing away: one question's answer stated by another, or an odd-one-out option.

Text is compared as words: case, punctuation and quotes are ignored, so "Criminal or civil
legal proceedings" is found inside "...may also lead to criminal or civil legal proceedings."
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.quiz_bank import MultipleChoice, Scenario, SingleChoice, TrueFalse

WORD = re.compile(r"[a-z0-9]+")
SHAPE_RATIO = 2  # a right answer more than twice as long as every wrong option stands out


def words(text: str) -> tuple[str, ...]:
    """`text` as lower-case words, with punctuation, quotes and apostrophes dropped ("don't" -> "dont")."""
    return tuple(WORD.findall(text.lower().replace("'", "").replace("’", "")))


def right_answers(question) -> tuple[str, ...]:
    """What a question's right answer says, as printed somewhere on a sheet.

    A true statement is its own answer; a false one, or a written scenario's model answer,
    is never printed, so nothing on the sheet can repeat it.
    """
    if isinstance(question, TrueFalse):
        return (question.prompt,) if question.answer else ()
    if isinstance(question, MultipleChoice):
        return question.answer
    if isinstance(question, Scenario) and question.written:
        return ()
    return (question.answer,)


def printed_texts(question) -> tuple[str, ...]:
    """Everything a sheet prints for `question`: its stem (situation and prompt) and options."""
    stem = (question.situation,) if isinstance(question, Scenario) else ()
    return stem + (question.prompt,) + tuple(getattr(question, "options", None) or ())


@dataclass(frozen=True)
class Leak:
    answered: object  # the question whose answer is given away
    by: object  # the question that gives it away
    answer: str
    where: str  # the text of `by` that holds the answer


def leaks(questions: list) -> list[Leak]:
    """Every answer of one question that appears, word for word, in another question's text."""
    found = []
    for answered in questions:
        for answer in right_answers(answered):
            needle = words(answer)
            if not needle:
                continue
            for by in questions:
                if by is answered:
                    continue
                where = next((text for text in printed_texts(by) if _contains(words(text), needle)), None)
                if where is not None:
                    found.append(Leak(answered, by, answer, where))
    return found


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def odd_one_out(question) -> str | None:
    """Why the right answer of a tick-one-box question stands out by its shape alone, or None."""
    if not isinstance(question, (SingleChoice, Scenario)) or not getattr(question, "options", None):
        return None
    wrong = [option for option in question.options if option != question.answer]
    if len(wrong) < 2:
        return None
    if len(question.answer) > SHAPE_RATIO * max(len(option) for option in wrong):
        return "the right answer is more than twice as long as every other option"
    firsts = {_first_word(option) for option in wrong}
    if len(firsts) == 1 and _first_word(question.answer) not in firsts:
        return f'the right answer is the only option not starting "{_capital(firsts.pop())}"'
    return None


def _first_word(text: str) -> str:
    found = words(text)
    return found[0] if found else ""


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]
