"""Only what an edit reaches: what the cards and the quiz read of the guidance, section by section.

A card sheet prints the lines its cards take from sections (`from:`, copied when cards.yaml is
read) and nothing else of the guidance; a quiz prints its questions (quiz.yaml), the titles of the
sections they cite, and the questions generated from the sections its `generate:` entries name.
Generated questions also avoid the words most sections share (content/quiz/leaks.py subject_of),
a fact of the whole guidance: its digest is an input of its own, so an edit to another section
renders the quiz again only when it changes those words. The quiz key reads of the booklet only
the pages its answers are on (AnswerPages in artefacts/quiz/key.py): the page map of the places
its questions cite, not the booklet's bytes.

Every rule here is safe by default: a section file not known to be a section's, a card face
without from:, a council's own templates in use: the artefact reads every section.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Iterable

from generator.artefacts.base import BookletPages
from generator.content.model import Pack
from generator.content.quiz.items import anchor
from generator.content.quiz.leaks import subject_of

SECTIONS = "sections/"


@dataclass(frozen=True)
class Answers:
    """The booklet anchors the quiz key looks up: named items and sections exactly, and every anchor
    of a section questions are generated from (which of its items they ask is drawn at render time)."""

    exact: frozenset[str]
    whole: frozenset[str]

    def digest(self, pages: BookletPages) -> str:
        """The hash of the first and last page of every anchor the key looks up (None: not in the booklet)."""
        wanted = set(self.exact) | {
            name for name in (*pages.first, *pages.last) if any(_of(name, section) for section in self.whole)
        }
        found = {name: [pages.first.get(name), pages.last.get(name)] for name in sorted(wanted)}
        return hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Reach:
    """What the optional content files cite, in every language of the pack."""

    cited: dict[str, frozenset[str]]  # "cards.yaml" / "quiz.yaml" -> the section ids it cites
    facts: dict[str, str]  # "quiz.yaml" -> the digest of the guidance-wide words generated questions avoid
    answers: Answers | None  # what the quiz key reads of the booklet's pages; None: the booklet's bytes


def reach(packs: Iterable[Pack]) -> Reach:
    packs = tuple(packs)
    cards: set[str] = set()
    quiz: set[str] = set()
    exact: set[str] = set()
    whole: set[str] = set()
    subjects = []
    for pack in packs:
        for card in pack.cards.cards if pack.cards else ():
            cards |= {face.taken_from for face in (card.front, card.back) if face.taken_from}
        if pack.quiz is None:
            continue
        for question in pack.quiz.questions:
            quiz |= set(question.sections)
            for section, key in question.places:
                exact |= {section, anchor(section, key)} if key else {section}
        whole |= {spec.section for spec in pack.quiz.generate}
        if pack.quiz.generate:
            subjects.append(sorted(subject_of(pack)))
    facts = {"quiz.yaml": hashlib.sha256(json.dumps(subjects).encode()).hexdigest()} if subjects else {}
    answers = Answers(frozenset(exact), frozenset(whole)) if packs else None
    return Reach({"cards.yaml": frozenset(cards), "quiz.yaml": frozenset(quiz | whole)}, facts, answers)


def section_of(path: str) -> str | None:
    """The id of the section a content file holds ("sections/purpose.yaml", its Welsh twin
    "sections/purpose.cy.yaml"), or None for any other file."""
    if not path.startswith(SECTIONS) or "/" in path.removeprefix(SECTIONS):
        return None
    return path.removeprefix(SECTIONS).split(".", 1)[0] or None


def _of(name: str, section: str) -> bool:
    """Whether a booklet anchor is the section's or one of its items' ("legal-issues--3")."""
    return name == section or name.startswith(f"{section}--")
