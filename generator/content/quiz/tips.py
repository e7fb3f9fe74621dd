"""Questions drawn from a checklist's tips (see quiz_generate for what each gives).

A tip is quoted by one of its sentences that points at it alone, so "Which tip says ...?" has
one right answer, and a statement pairing a tip with another tip's sentence is plainly false.
"""

from __future__ import annotations

import functools
import operator
import re

from generator.content.quiz.bank import SingleChoice, TrueFalse
from generator.content.quiz.words import words

WRONG_OPTIONS = 3  # beside the one right option of a single-choice question
COMMON_WORDS = set("a an the to of in it you your or and for with on be dont do not about how".split())
QUOTE_WORDS = 8  # a quoted sentence long enough to stand on its own
LEANS_ON_BEFORE = {"they", "it", "this", "these", "those"}
STARTS_LEANING = {"that"}  # only as a sentence's first word: "Check that the screen ..." stands alone
ECHO_WORDS = 5
TITLE = operator.attrgetter("title")  # what a sheet prints of a tip


def tip_statements(count: int, section, rng) -> list:
    """'In "...", the tip "<title>" says: "<sentence>"', the sentence from another tip about half the time."""
    quotable = statement_tips(section)
    tips = rng.sample(quotable, count, text=TITLE)
    false = set(rng.sample(range(count), (count + rng.randrange(2)) // 2))
    questions = []
    for n, tip in enumerate(tips):
        said_by = rng.choice([t for t in quotable if t is not tip], text=TITLE) if n in false else tip
        quote = rng.choice(quotable_sentences(said_by, section))
        explanation = f'The tip "{tip.title}" says: "{tip.text}"'
        if said_by is not tip:
            explanation = f'"{quote}" is from the tip "{said_by.title}". ' + explanation
        questions.append(
            TrueFalse(
                type="true-false",
                id="pending",
                section=section.id,
                answer=said_by is tip,
                item=tuple(dict.fromkeys(str(section.tips.index(t) + 1) for t in (tip, said_by))),
                prompt=f'In "{section.title}", the tip "{tip.title}" says: "{quote}"',
                explanation=explanation,
            )
        )
    return questions


def which_tip(count: int, section, rng) -> list:
    """'Which tip says: "..."?', the wrong options being other tips' titles from the same checklist."""
    tips = rng.sample(quotable_tips(section), count, text=TITLE)
    questions = []
    for tip in tips:
        others = rng.sample([t.title for t in section.tips if t is not tip], WRONG_OPTIONS)
        quote = rng.choice(quotable_sentences(tip, section))
        questions.append(
            SingleChoice(
                type="single",
                id="pending",
                section=section.id,
                item=(str(section.tips.index(tip) + 1),),
                prompt=f'Which tip in "{section.title}" says: "{quote}"?',
                options=(tip.title, *others),
                answer=tip.title,
                explanation=f'The tip "{tip.title}" says: "{tip.text}"',
            )
        )
    return questions


def quotable_sentences(tip, section) -> tuple[str, ...]:
    """Sentences of a tip that point at it alone: long enough to stand on their own, not leaning
    on the sentence before ("they", "this"), not repeating the tip's title, and not echoing
    another tip (two tips both say "which channel works best for them")."""
    return _quotable(tip.title, section.tips.index(tip), tuple(t.text for t in section.tips))


@functools.lru_cache(maxsize=1024)  # asked again on every draw
def _quotable(title: str, index: int, texts: tuple[str, ...]) -> tuple[str, ...]:
    title_words = set(words(title)) - COMMON_WORDS
    runs = _runs(texts)

    def echoes(sentence: tuple[str, ...]) -> bool:
        return any(runs.get(sentence[i : i + ECHO_WORDS], {index}) != {index} for i in range(len(sentence)))

    quotable = []
    for sentence in re.split(r"(?<=[.!?])\s+", texts[index]):
        said = words(sentence)
        leans = bool(set(said) & LEANS_ON_BEFORE) or (said[:1] and said[0] in STARTS_LEANING)
        if len(said) >= QUOTE_WORDS and not leans and not set(said) & title_words and not echoes(said):
            quotable.append(sentence.strip().replace('"', "'"))  # quoted in double quotes: inner ones single
    return tuple(quotable)


@functools.lru_cache(maxsize=64)
def _runs(texts: tuple[str, ...]) -> dict[tuple[str, ...], set[int]]:
    """{every run of ECHO_WORDS words: the indexes of the texts it is in}."""
    runs: dict[tuple[str, ...], set[int]] = {}
    for index, said in enumerate(map(words, texts)):
        for i in range(len(said) - ECHO_WORDS + 1):
            runs.setdefault(said[i : i + ECHO_WORDS], set()).add(index)
    return runs


def quotable_tips(section, others_needed: int = WRONG_OPTIONS) -> list:
    """Tips with a sentence that points at them alone; none when too few to give the other tips
    a question needs (three wrong options for "Which tip says ...?")."""
    if len(section.tips) <= others_needed:
        return []
    return [tip for tip in section.tips if quotable_sentences(tip, section)]


def statement_tips(section) -> list:
    """Tips a true/false statement can quote: a false one quotes another of them, so two at least."""
    quotable = quotable_tips(section, others_needed=1)
    return quotable if len(quotable) >= 2 else []
