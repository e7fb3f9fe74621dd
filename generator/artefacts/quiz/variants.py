"""Quiz variants, printed as Paper 1, 2, ...: questions and options in an order drawn from the seed.

A variant is split in two on purpose: what the participant sees (SheetQuestion, which has
no field that could hold an answer) and what the trainer sees (KeyQuestion). The sheet
template only ever receives the first, so no slip in a template can print an answer, and
the variant's code is a hash of the sheet alone.

Right answers are spread over the letters: in every variant no letter is right for more than
40% of the tick-one-box questions, nor three times running. Files and the manifest keep the
letter (quiz-sheet-A.pdf is Paper 1), so tools that read them need not change.
"""

from __future__ import annotations

import hashlib
import json
import random
import string
from dataclasses import asdict, dataclass, field
from fractions import Fraction

from generator.content.quiz.bank import MultipleChoice, Scenario, SingleChoice, TrueFalse
from generator.i18n import Words, _, words_for

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I to misread
CODE_LENGTH = 5
TRUE_FALSE = (_("True"), _("False"))  # in the pack's language on the paper (Gwir, Gau)
PAPER = _("Paper %(number)s")
PAGE, PAGE_RUN, PAGES = _("p %(page)s"), _("pp %(first)s–%(last)s"), _("pp %(pages)s")
ENGLISH = Words()  # the source language: phrases exactly as written here
WRITTEN, AND = _("Written"), _("%(list)s and %(last)s")
GAIN, LOSS = _("+%(gain)s for each right answer marked"), _(", −%(loss)s for each wrong one; never below 0")
MOST_OFTEN = 0.4  # the largest share of tick-one-box answers one letter may have
RUN = 3  # no letter is right this many times running
TRIES = 200  # seeded tries at letters that meet both rules


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
    section_title: str  # of every section the answer draws on, joined with "; "
    pages: tuple[int, ...]  # the booklet pages, as rendered, that hold the answer
    words: Words = field(default_factory=Words)  # the pack's language, for what the key prints

    @property
    def page_text(self) -> str:
        """ "p 9", "pp 8–9" or "pp 5, 9": where to look in the booklet."""
        return page_text(self.pages, self.words)

    @property
    def answer_text(self) -> str:
        """ "B", "A and C", "False" or "Written": for the at-a-glance table."""
        if not self.right:
            return self.words.gettext(WRITTEN)
        labels = [c.letter or c.text for c in self.right]
        return labels[0] if len(labels) == 1 else self.words.phrase(AND, list=", ".join(labels[:-1]), last=labels[-1])

    @property
    def marking(self) -> str:
        """For a tick-all-that-apply question, what each box is worth (the Moodle export's shares):
        "+1 for each right letter circled, −½ for each wrong one; never below 0"."""
        if not self.asked.tick_all:
            return ""
        wrong = len(self.asked.choices) - len(self.right)
        gain = share_text(Fraction(self.asked.points, len(self.right)))
        loss = share_text(Fraction(self.asked.points, wrong)) if wrong else ""
        text = self.words.phrase(GAIN, gain=gain)
        return text + (self.words.phrase(LOSS, loss=loss) if loss else "")


def share_text(share: Fraction) -> str:
    """A share of a question's points as printed: "1", "½", "1⅓", "2/5"."""
    whole, part = divmod(share, 1)
    glyph = VULGAR.get(part, f"{part.numerator}/{part.denominator}" if part else "")
    return f"{whole or ''}{glyph}" if whole else (glyph or "0")


VULGAR = {Fraction(1, 2): "½", Fraction(1, 3): "⅓", Fraction(2, 3): "⅔", Fraction(1, 4): "¼", Fraction(3, 4): "¾"}


def page_text(pages: tuple[int, ...], words: Words = ENGLISH) -> str:
    if len(pages) == 1:
        return words.phrase(PAGE, page=pages[0])
    if list(pages) == list(range(pages[0], pages[-1] + 1)):
        return words.phrase(PAGE_RUN, first=pages[0], last=pages[-1])
    return words.phrase(PAGES, pages=", ".join(map(str, pages)))


@dataclass(frozen=True)
class Variant:
    letter: str  # in file names and the manifest: quiz-sheet-A.pdf
    number: int  # printed: "Paper 1" (never "Version", which is the guidance's)
    code: str
    sheet: tuple[SheetQuestion, ...]
    key: tuple[KeyQuestion, ...]
    words: Words = field(default_factory=Words)

    @property
    def name(self) -> str:
        return self.words.phrase(PAPER, number=self.number)

    @property
    def total_points(self) -> int:
        return sum(q.points for q in self.sheet)


def variant_letters(count: int) -> list[str]:
    return list(string.ascii_uppercase[:count])


def make_variant(questions: list, letter: str, seed: int, pack, pages) -> Variant:
    """Variant `letter`: its own order of questions and options, from `seed` and the letter alone.

    `pages(question)` gives the booklet pages that hold a question's answer.
    """
    rng = random.Random(f"{seed}-{letter}")
    words = words_for(pack)
    true_false = (words.gettext(TRUE_FALSE[0]), words.gettext(TRUE_FALSE[1]))
    ordered = sorted(rng.sample(questions, len(questions)), key=is_written)  # stable: written ones last
    rights = _right_positions(ordered, rng)
    placed = [(q, _option_order(q, rng, right, true_false)) for q, right in zip(ordered, rights)]
    sheet = tuple(_sheet_question(number, q, options) for number, (q, options) in enumerate(placed, start=1))
    key = tuple(_key_question(asked, q, pack, pages(q), true_false, words) for asked, (q, _) in zip(sheet, placed))
    number = string.ascii_uppercase.index(letter) + 1
    return Variant(letter, number, _code(letter, seed, pack.version, sheet), sheet, key, words)


def is_written(question) -> bool:
    """A written scenario: set after every question answered by a tick, as the last part of the
    paper, so its writing lines (kept whole with the question) do not leave a gap on every page."""
    return isinstance(question, Scenario) and question.written


def ticks_one(question) -> bool:
    """Whether the question is answered by ticking one of lettered options."""
    return isinstance(question, SingleChoice) or (isinstance(question, Scenario) and not question.written)


def _right_positions(questions: list, rng: random.Random) -> list[int | None]:
    """Where each tick-one-box question's right answer goes (0 is A); None for other questions."""
    sizes = [len(q.options) if ticks_one(q) else 0 for q in questions]
    counted = sum(1 for size in sizes if size)
    most = max(1, int(MOST_OFTEN * counted + 1e-9))
    best = None
    for _try in range(TRIES):
        positions = _deal(sizes, most, rng)
        if positions is not None:
            return positions
        best = best or [rng.randrange(size) if size else None for size in sizes]
    assert best is not None  # TRIES draws were made
    return best  # too few questions to meet both rules (e.g. two questions of two options)


def _deal(sizes: list[int], most: int, rng: random.Random) -> list[int | None] | None:
    """One seeded try at right-answer positions within the rules, or None if it ran into a corner."""
    counts: dict[int, int] = {}
    positions: list[int | None] = []
    recent: list[int] = []  # the positions of the last tick-one-box questions, newest last
    for size in sizes:
        if not size:
            positions.append(None)
            continue
        allowed = [p for p in range(size) if counts.get(p, 0) < most and recent[-(RUN - 1) :] != [p] * (RUN - 1)]
        if not allowed:
            return None
        fewest = min(counts.get(p, 0) for p in allowed)  # keep the letters evenly used, too
        position = rng.choice([p for p in allowed if counts.get(p, 0) <= fewest + 1])
        counts[position] = counts.get(position, 0) + 1
        positions.append(position)
        recent.append(position)
    return positions


def _option_order(question, rng: random.Random, right: int | None, true_false: tuple[str, str]) -> tuple[str, ...]:
    if isinstance(question, TrueFalse):
        return true_false  # always True then False, as people expect
    options = getattr(question, "options", None) or ()
    shuffled = rng.sample(options, len(options))
    if right is None:
        return tuple(shuffled)
    wrong = [option for option in shuffled if option != question.answer]
    return tuple(wrong[:right] + [question.answer] + wrong[right:])


def _sheet_question(number: int, question, options: tuple[str, ...]) -> SheetQuestion:
    written = isinstance(question, Scenario) and question.written
    letters = [""] * len(options) if isinstance(question, TrueFalse) else string.ascii_uppercase
    return SheetQuestion(
        number=number,
        type=question.type,
        prompt=question.prompt,
        situation=question.situation if isinstance(question, Scenario) else None,
        choices=tuple(Choice(letter, text) for letter, text in zip(letters, options)),
        tick_all=isinstance(question, MultipleChoice),
        writing_lines=question.lines if written else 0,
        points=question.score,
    )


def _key_question(
    asked: SheetQuestion, question, pack, pages: tuple[int, ...], true_false: tuple[str, str], words: Words
) -> KeyQuestion:
    if isinstance(question, TrueFalse):
        right_texts = {true_false[0] if question.answer else true_false[1]}
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
        section_title="; ".join(pack.section(section).title for section in question.sections),
        pages=pages,
        words=words,
    )


def _code(letter: str, seed: int, version: str, sheet: tuple[SheetQuestion, ...]) -> str:
    """A short code printed on a sheet and its key: it changes whenever the sheet would."""
    text = json.dumps([letter, seed, version, [asdict(q) for q in sheet]], sort_keys=True)
    number = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    digits = []
    for _place in range(CODE_LENGTH):
        number, digit = divmod(number, len(CODE_ALPHABET))
        digits.append(CODE_ALPHABET[digit])
    return "".join(digits)
