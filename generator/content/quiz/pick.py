"""Seeded picks that prefer texts which give nothing away, for the question generator.

A tip title such as "Don't discuss case work detail" printed as an option hands a written
scenario its answer; redrawing whole question sets until none is printed succeeds a few times
in a hundred. So each text is judged once, on its own, against the other questions, and picks
take the texts that tell nothing first: the same seed still gives the same questions.
"""

from __future__ import annotations

import random
from functools import lru_cache

from generator.content.quiz.bank import SingleChoice
from generator.content.quiz.leaks import hints, leaks, right_answers
from generator.content.quiz.words import words


@lru_cache(maxsize=32)
def _judged(others: tuple, section_id: str, subject: frozenset[str]) -> dict[str, bool]:
    """{text: whether it tells} for texts judged against these questions so far. A judgement
    depends on nothing else (the questions are frozen), so every draw and every check of the same
    bank shares one: each text is judged once per process, not once per draw."""
    return {}


class Picker:
    """random.Random's sample and choice, taking texts that would tell another answer last."""

    def __init__(self, rng: random.Random, others: list, section_id: str, subject: frozenset[str]):
        self.rng = rng
        self._others = others
        self._section_id = section_id
        self._subject = subject
        try:
            self._told = _judged(tuple(others), section_id, subject)
        except TypeError:  # a text that is not frozen (unhashable): judged afresh for this draw
            self._told = {}

    def randrange(self, stop: int) -> int:
        return self.rng.randrange(stop)

    def sample(self, pool, count: int, text=None) -> list:
        """`count` of `pool`, those whose text (the item, or text(item)) tells nothing first."""
        text = text or (lambda item: item if isinstance(item, str) else "")
        pool = list(pool)
        quiet = [item for item in pool if not self.tells(text(item))]
        if len(quiet) >= count:
            return self.rng.sample(quiet, count)
        loud = [item for item in pool if self.tells(text(item))]
        picked = quiet + self.rng.sample(loud, count - len(quiet))
        self.rng.shuffle(picked)
        return picked

    def choice(self, pool, text=None):
        return self.sample(pool, 1, text)[0]

    def tells(self, text: str) -> bool:
        """Whether `text`, printed as an option, gives away or hints at another question's
        answer, or is one (harmless beside it, but better avoided)."""
        if not text:
            return False
        if text not in self._told:
            probe = SingleChoice(
                type="single",
                id="probe",
                section=self._section_id,
                prompt="Which?",
                options=(text, "None of these"),
                answer=text,
                explanation="A probe.",
            )
            bank = [probe, *self._others]
            said = words(text)
            is_an_answer = any(words(a) == said for q in self._others for a in right_answers(q))
            self._told[text] = bool(
                is_an_answer or leaks(bank, among=[probe]) or hints(bank, among=[probe], subject=self._subject)
            )
        return self._told[text]
