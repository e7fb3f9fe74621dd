"""Options that give the right answer away by their shape alone: the odd one out (a warning).

"Say no..." against three "Say yes...", three options ending "nothing further" and one not, or a
right answer under half (or over twice) as long as every other: each can be picked without
knowing the guidance. quiz.yaml's loader warns with the line of `options:`.
"""

from __future__ import annotations

from generator.content.quiz.bank import Scenario, SingleChoice
from generator.content.quiz.words import STOP_WORDS, WRITTEN_WORD, words

SHAPE_RATIO = 2  # a right answer more than twice as long, or under half as long, as every wrong one stands out


def odd_one_out(question) -> str | None:
    """Why the right answer of a tick-one-box question stands out by its shape alone, or None."""
    if not isinstance(question, (SingleChoice, Scenario)) or not question.options:
        return None
    wrong = [option for option in question.options if option != question.answer]
    if len(wrong) < 2:
        return None
    return _odd_length(question.answer, wrong) or _odd_start(question.answer, wrong) or _odd_end(question.answer, wrong)


def _odd_length(answer: str, wrong: list[str]) -> str | None:
    if len(answer) > SHAPE_RATIO * max(len(option) for option in wrong):
        return "the right answer is more than twice as long as every other option"
    if SHAPE_RATIO * len(answer) < min(len(option) for option in wrong):
        return "the right answer is less than half as long as every other option"
    return None


def _odd_start(answer: str, wrong: list[str]) -> str | None:
    """ "Say no..." against three "Say yes...": every wrong option starts alike, the answer not."""
    size = _shared_length([words(option) for option in wrong])
    if size and words(answer)[:size] != words(wrong[0])[:size]:
        return f'the right answer is the only option not starting "{_as_written(wrong[0], 0, size)}"'
    return None


def _odd_end(answer: str, wrong: list[str]) -> str | None:
    """Every wrong option ends alike ("... nothing further"), the answer not."""
    backwards = [words(option)[::-1] for option in wrong]
    size = _shared_length(backwards)
    ending = backwards[0][:size]
    if size and set(ending) - STOP_WORDS and words(answer)[::-1][:size] != ending:
        count = len(words(wrong[0]))
        return f'the right answer is the only option not ending "{_as_written(wrong[0], count - size, count)}"'
    return None


def _shared_length(lists: list[tuple[str, ...]]) -> int:
    """How many words every list starts with alike."""
    size = 0
    while all(len(each) > size for each in lists) and len({each[size] for each in lists}) == 1:
        size += 1
    return size


def _as_written(text: str, start: int, end: int) -> str:
    """Words start to end of `text` as printed, capital and apostrophes kept ("Say yes")."""
    written = WRITTEN_WORD.findall(text)
    return " ".join(written[start:end])
