"""Sheets that give nothing away: one question's answer stated by another.

Two strengths of finding, because refusing a sound quiz is as bad as passing a leaky one:
- a leak (certain, refused): a right answer printed word for word in another question's stem
  (its prompt or situation), or inside a longer option of it. Case, punctuation and quotes are
  ignored, so "Criminal or civil legal proceedings" is found inside "...may also lead to
  criminal or civil legal proceedings." A bare option that is also another question's answer is
  no leak: "Honesty" offered among four principles by two questions tells neither's answer.
- a hint (judgement, a warning): the answer reworded ("a potential breach of the Code" for
  "Potential breaches of their Code of Conduct"), or a written scenario's model answer stated by
  another question's text ("Don't have a row" beside a model answer "Do not have a row").

Words are compared as quiz_words gives them; an option's shape alone is quiz_shape's concern.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.content.quiz.bank import MultipleChoice, QuestionBase, Scenario, TrueFalse
from generator.content.quiz.items import items_of
from generator.content.quiz.words import meaning, sentences, words

LONG_WORD = 6  # letters of an answer's one telling word ("personal") for a sentence holding it to hint
REWORDED_SHARE = 0.75  # of an answer's words another question's sentence must hold to hint at it
COMMON_SHARE = 0.15  # words printed by this share of a quiz's questions are its subject, not a hint
FEWEST_TO_BE_COMMON = 3  # questions (or sections) a word is in, at least, to tell nothing
SUBJECT_SHARE = 2 / 3  # of a pack's sections, using a word that is then its subject
WHOLE_WORDS = 3  # a sentence this long whose every word is in a model answer's sentence hints at it
MOST_SHARED = 4  # words a sentence may share with a model answer's sentence before it hints


def right_answers(question) -> tuple[str, ...]:
    """What a question's right answer says, as it could be printed somewhere on a sheet.

    A true statement is its own answer; a false one, or a written scenario's model answer
    (see model_answer), is never printed as it stands.
    """
    if isinstance(question, TrueFalse):
        return (question.prompt,) if question.answer else ()
    if isinstance(question, MultipleChoice):
        return question.answer
    if isinstance(question, Scenario) and question.written:
        return ()
    return (question.answer,)


def model_answer(question) -> str | None:
    """A written scenario's model answer: never printed, but another question may state it."""
    return question.answer if isinstance(question, Scenario) and question.written else None


def stem_texts(question) -> tuple[str, ...]:
    """What a sheet prints for `question` besides its options: its situation and prompt."""
    return ((question.situation,) if isinstance(question, Scenario) else ()) + (question.prompt,)


def options_of(question) -> tuple[str, ...]:
    return tuple(getattr(question, "options", None) or ())


def printed_texts(question) -> tuple[str, ...]:
    """Everything a sheet prints for `question`: its stem and options."""
    return stem_texts(question) + options_of(question)


# ---- certain: refused ---------------------------------------------------------------------


@dataclass(frozen=True)
class Leak:
    answered: QuestionBase  # the question whose answer is given away
    by: QuestionBase  # the question that gives it away
    answer: str
    where: str  # the text of `by` that holds the answer


def leaks(questions: list, among: list | None = None) -> list[Leak]:
    """Every right answer printed word for word in another question's stem, or in a longer option.
    With `among`, only between one of those and any of `questions`."""
    if among is None:
        return _whole_bank(_bank_leaks, _leaks, questions)
    return _leaks(questions, among)


def _leaks(questions: list, among: list | None) -> list[Leak]:
    found = []
    for answered, by in _pairs(questions, among):
        for answer in right_answers(answered):
            needle = words(answer)
            texts = _telling_texts(by, needle) if answer in options_of(answered) else printed_texts(by)
            where = next((text for text in texts if needle and _contains(words(text), needle)), None)
            if where is not None:
                found.append(Leak(answered, by, answer, where))
    return found


def _pairs(questions: list, among: list | None):
    """(answered, by) for every two questions, at least one of them `among` when given."""
    if among is None:
        yield from ((a, b) for a in questions for b in questions if a is not b)
        return
    new = {id(q) for q in among}
    for one in among:
        for other in questions:
            if other is not one:
                yield one, other
                if id(other) not in new:
                    yield other, one


def _telling_texts(question, answer: tuple[str, ...]) -> tuple[str, ...]:
    """The texts of `question` that would tell an option's `answer`: its stem, and options other
    than the bare answer (offered by both questions, it tells neither's answer)."""
    return stem_texts(question) + tuple(o for o in options_of(question) if words(o) != answer)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


# ---- judgement: warned --------------------------------------------------------------------


@dataclass(frozen=True)
class Hint:
    answered: QuestionBase
    by: QuestionBase
    shared: tuple[str, ...]  # the words, as `by` prints them, that say the answer
    where: str  # the text of `by` that holds them


def hints(questions: list, among: list | None = None, subject: frozenset[str] = frozenset()) -> list[Hint]:
    """Every answer another question states in other words (judgement, so a warning, not a refusal).

    Words most questions use ("councillor", "social media" in a social media quiz) tell nothing
    and are not counted, nor the `subject` of the guidance (see subject_of). A pair already
    found by leaks() is left to it. `among` as for leaks().
    """
    if among is None:
        return _whole_bank(_bank_hints, _hints, questions, subject)
    return _hints(questions, among, subject)


def _hints(questions: list, among: list | None, subject: frozenset[str]) -> list[Hint]:
    certain = {(id(leak.answered), id(leak.by)) for leak in leaks(questions, among)}
    meaning_of = _meaning_in(questions, subject)
    found = []
    for answered, by in _pairs(questions, among):
        if (id(answered), id(by)) not in certain:
            hint = _reworded(answered, by, meaning_of) or _model_answer_told(answered, by, meaning_of)
            if hint is not None:
                found.append(hint)
    return found


def _whole_bank(remembered, find, questions: list, *args) -> list:
    """find(questions, None, *args) for a whole bank, worked out once per process for the same
    texts (`remembered`): a bank is read, checked, then drawn from by every command, and its
    questions are frozen models compared by value. What is found names the caller's own
    questions, since callers tell questions apart by identity."""
    first: dict[int, int] = {}
    same_as = tuple(first.setdefault(id(q), n) for n, q in enumerate(questions))  # a question listed twice
    try:
        found = remembered(tuple(questions), same_as, *args)
    except TypeError:  # a text that is not frozen (unhashable): work it out afresh
        return find(questions, None, *args)
    return [replace(f, answered=questions[a], by=questions[b]) for a, b, f in found]


def _by_place(questions: tuple, found: list) -> tuple:
    """(place of the question answered, place of the one that tells, the finding) for each finding."""
    place: dict[int, int] = {}
    for n, question in enumerate(questions):
        place.setdefault(id(question), n)
    return tuple((place[id(f.answered)], place[id(f.by)], f) for f in found)


@lru_cache(maxsize=64)
def _bank_leaks(questions: tuple, same_as: tuple) -> tuple:
    return _by_place(questions, _leaks(list(questions), None))


@lru_cache(maxsize=64)
def _bank_hints(questions: tuple, same_as: tuple, subject: frozenset[str]) -> tuple:
    return _by_place(questions, _hints(list(questions), None, subject))


def subject_of(pack) -> frozenset[str]:
    """The words most of the guidance's sections use ("councillor", "social media"): what it is
    about, so they tell nothing, however few or many questions a quiz has."""
    return frozenset() if pack is None else subject_of_sections(pack.sections)


def subject_of_sections(sections: tuple) -> frozenset[str]:
    """subject_of() a pack with these sections."""
    used: Counter[str] = Counter()
    for section in sections:
        used.update(set(meaning(" ".join((section.title, *items_of(section).values())))))
    least = max(FEWEST_TO_BE_COMMON, SUBJECT_SHARE * len(sections))
    return frozenset(word for word, count in used.items() if count >= least) - {"not"}


def _meaning_in(questions: list, subject: frozenset[str]):
    """meaning(), less the subject's words and those used by so many of `questions` that they tell nothing."""
    used: Counter[str] = Counter()
    for question in questions:
        used.update(set(meaning(" ".join(printed_texts(question)))))
    common = {word for word, count in used.items() if count >= max(FEWEST_TO_BE_COMMON, COMMON_SHARE * len(questions))}
    common = (common | subject) - {"not"}

    def meaning_of(text: str) -> dict[str, str]:
        return {key: word for key, word in meaning(text).items() if key not in common}

    return meaning_of


def _reworded(answered, by, meaning_of) -> Hint | None:
    """One sentence of `by` holds most of the words that tell one of `answered`'s right answers
    from its wrong options and its prompt ("co-opted" tells nothing when a wrong option says it too)."""
    for answer in right_answers(answered):
        telling = _telling_words(answered, answer, meaning_of)
        if not telling or (len(telling) == 1 and len(next(iter(telling))) < LONG_WORD):
            continue  # a short word alone ("year") tells too little to be a hint
        # one word alone hints only from a statement, given as fact ("their personal responsibility")
        statement = (by.prompt,) if isinstance(by, TrueFalse) else ()
        texts = statement if len(telling) == 1 else _texts_that_could_restate(by, answered, telling, meaning_of)
        for text in texts:
            for sentence in sentences(text):
                said = meaning_of(sentence)
                shared = [s for s in telling if s in said]
                if len(shared) >= max(min(2, len(telling)), REWORDED_SHARE * len(telling)):
                    return Hint(answered, by, tuple(said[s] for s in shared), text)
    return None


def _telling_words(answered, answer: str, meaning_of) -> dict[str, str]:
    if isinstance(answered, TrueFalse):
        return meaning_of(answer)  # its prompt is the answer itself
    wrong = [o for o in options_of(answered) if o not in right_answers(answered)]
    known = set(meaning_of(" ".join(stem_texts(answered) + tuple(wrong))))
    return {key: word for key, word in meaning_of(answer).items() if key not in known}


def _texts_that_could_restate(by, answered, wanted: dict[str, str], meaning_of) -> tuple[str, ...]:
    """`by`'s stem, and those of its options that say more than a parallel option would: an option
    that is much the same as a choice answer is offered alongside it, not stated."""
    if isinstance(answered, TrueFalse):
        return printed_texts(by)
    return stem_texts(by) + tuple(o for o in options_of(by) if len(set(meaning_of(o)) - set(wanted)) >= 2)


def _model_answer_told(answered, by, meaning_of) -> Hint | None:
    """A sentence of `by` (its stem or an option) says what one sentence of the model answer says:
    every word of it is there ("To post in meetings or not?"), or most of its telling words."""
    answer = model_answer(answered)
    if answer is None:
        return None
    told = [(meaning(s), meaning_of(s)) for s in sentences(answer)]
    for text in printed_texts(by):
        for sentence in sentences(text):
            whole, said = meaning(sentence), meaning_of(sentence)
            for model_whole, model in told:
                if len(whole) >= WHOLE_WORDS and set(whole) <= set(model_whole):
                    return Hint(answered, by, tuple(whole.values()), text)
                shared = [s for s in said if s in model]
                enough = len(shared) >= max(2, REWORDED_SHARE * len(said)) or len(shared) >= MOST_SHARED
                if enough and set(shared) != {"not"}:
                    return Hint(answered, by, tuple(said[s] for s in shared), text)
    return None


def quoted_words(shared: tuple[str, ...]) -> str:
    """'"potential" and "breach"': a hint's words, for a message."""
    said = [f'"{word}"' for word in shared]
    return ", ".join(said[:-1]) + " and " + said[-1] if len(said) > 1 else said[0]
