"""Reading cards.yaml into the cards' model (generator/content/card_set.py), checked against the pack.

A card's lines are either written out in cards.yaml or taken from one of the pack's
sections (`from: legal-issues`), so a card cannot drift from the booklet. A written-out
line may name the section (and item) it summarises; the name is checked to exist.
Whether the text fits on a card is measured later, when the cards are laid out.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, ValidationError
from pydantic_core import PydanticCustomError

from generator.errors import Problem
from generator.content.base import Model, YesNo
from generator.content.card_set import CARDS_FILE, Card, CardFace, CardLine, CardSet
from generator.content.validation import validation_problems
from generator.content.sources import Sources
from generator.content.yamlio import YamlFile, read_into

MAX_CARDS = 20
MAX_LINES = 20  # per face; the measured fit is the real limit
MAX_LINE = 300  # characters in one card line; the measured fit is the real limit
CardText = Annotated[str, Field(min_length=1, max_length=MAX_LINE)]
NO_SECTION = "there is no section"
ONLY = {"checklist": ("do", "don't"), "pros-and-cons": ("pros", "cons")}


# ---- cards.yaml as written ----------------------------------------------------------------


class WrittenLine(Model):
    """A line written out on the card, optionally naming the section (and item) it summarises."""

    text: CardText
    section: str | None = None
    item: Annotated[int, Field(ge=1)] | None = None


def _line_from_yaml(raw):
    return {"text": raw} if isinstance(raw, str) or raw is None else raw


LineEntry = Annotated[WrittenLine, BeforeValidator(_line_from_yaml)]


def _one_or_two(raw):
    if str(raw).strip() in ("1", "2"):
        return int(raw)
    raise PydanticCustomError("packgen", f'"{raw}" should be 1 or 2')


Columns = Annotated[int, BeforeValidator(_one_or_two)]


class FaceFile(Model):
    heading: CardText | None = None
    lines: Annotated[tuple[LineEntry, ...], Field(min_length=1, max_length=MAX_LINES)] | None = None
    take_from: str | None = Field(None, alias="from")
    only: str | None = None
    note: CardText | None = None
    qr: YesNo = False
    columns: Columns = 1  # 2 sets a list of short items in two columns


class CardFile(Model):
    title: CardText
    front: FaceFile
    back: FaceFile


class CardsFile(Model):
    cards: Annotated[tuple[CardFile, ...], Field(min_length=1, max_length=MAX_CARDS)]


# ---- loading ------------------------------------------------------------------------------


def load_cards(
    folder: Path, pack, problems: list[Problem], sources: Sources | None = None, read=read_into
) -> CardSet | None:
    """Read and validate folder/cards.yaml against the already-validated `pack`; None if absent or wrong."""
    path = Path(folder) / CARDS_FILE
    if not os.path.lexists(path):
        return None
    source = read(path, problems, sources)
    if source is None:
        return None
    if not isinstance(source.data, dict):
        problems.append(Problem(source.path, 1, "should start with 'cards:' followed by a list of cards"))
        return None
    try:
        written = CardsFile.model_validate(source.data)
    except ValidationError as error:
        problems.extend(validation_problems(error, source))
        return None
    found: list[Problem] = []
    cards = tuple(_card(source, pack, index, card, found) for index, card in enumerate(written.cards))
    problems.extend(found)
    return None if found else CardSet(path=source.path, cards=cards)


SIDES: tuple[Literal["front", "back"], ...] = ("front", "back")


def _card(source: YamlFile, pack, index: int, card: CardFile, problems: list[Problem]) -> Card:
    faces = {side: _face(source, pack, ("cards", index, side), side, getattr(card, side), problems) for side in SIDES}
    return Card(title=card.title, line=source.line_of(("cards", index)), **faces)


def _face(
    source: YamlFile, pack, where: tuple, side: Literal["front", "back"], face: FaceFile, problems: list[Problem]
) -> CardFace:
    line = source.line_of(where)

    def problem(key: tuple, message: str) -> None:
        problems.append(Problem(source.path, source.line_of(where + key), message))

    _check_keys_together(face, side, pack, problem)
    lines: tuple[CardLine, ...] = ()
    heading = face.heading
    if face.take_from and not face.lines:
        section = _section(pack, face.take_from, lambda m: problem(("from",), m))
        if section is not None:
            lines = _taken_lines(section, face.only, source.line_of(where + ("from",)), lambda m: problem(("only",), m))
            if len(lines) > MAX_LINES:
                problem(
                    ("from",),
                    f"section '{section.id}' gives {len(lines)} lines, more than a card can hold "
                    f"({MAX_LINES} at most); write the card's lines out under lines: instead",
                )
            elif too_long := next((taken for taken in lines if len(taken.text) > MAX_LINE), None):
                problem(
                    ("from",),
                    f"{too_long.source} is {len(too_long.text):,} characters, more than a card line can "
                    f"hold ({MAX_LINE} at most); write the card's lines out under lines: instead",
                )
            heading = heading or section.title
    elif face.lines:
        lines = tuple(
            _written_line(source, pack, where + ("lines", i), written, problems) for i, written in enumerate(face.lines)
        )
    if not heading and face.lines and not face.take_from:
        problem((), f"{side} needs a heading: line")
    return CardFace(
        side=side,
        heading=heading or "",
        lines=lines,
        note=face.note,
        qr=face.qr,
        columns=face.columns,
        line=line,
        taken_from=face.take_from if face.take_from and not face.lines else None,
    )


def _check_keys_together(face: FaceFile, side: str, pack, problem) -> None:
    if face.lines and face.take_from:
        problem(("from",), f"{side} has both lines: and from:; keep one of them")
    elif not face.lines and not face.take_from:
        problem((), f"{side} needs lines: (the text, one line per '- ') or from: (a section to take a list from)")
    if face.only and not face.take_from:
        problem(("only",), "only: goes with from:; remove it or add from: with a section name")
    if face.qr and not pack.url:
        problem(("qr",), "qr: yes needs the pack's web address; add url: to pack.yaml or remove qr:")


def _section(pack, section_id: str, report):
    ids = [s.id for s in pack.sections]
    if section_id in ids:
        return pack.section(section_id)
    close = difflib.get_close_matches(section_id, ids, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(ids)
    report(f"{NO_SECTION} '{section_id}' in the pack; {hint}")
    return None


def section_items(section, only: str | None = None) -> list[tuple[int, str]] | None:
    """The short list a card can take from a section, numbered as in the section; None if it has none."""
    if section.kind == "legal-issues":
        return list(enumerate(section.issues, start=1))
    if section.kind == "responsibilities":
        return list(enumerate(section.items, start=1))
    if section.kind == "checklist":
        return [
            (n, tip.title)
            for n, tip in enumerate(section.tips, start=1)
            if only is None or tip.kind == {"do": "do", "don't": "dont"}[only]
        ]
    if section.kind == "pros-and-cons":
        return list(enumerate(section.cons if only == "cons" else section.pros, start=1))
    return None


def _taken_lines(section, only: str | None, line: int, report) -> tuple[CardLine, ...]:
    allowed = ONLY.get(section.kind, ())
    if only is not None and only not in allowed:
        report(
            f"only: {only} does not fit section '{section.id}'; "
            + (f"use one of: {', '.join(allowed)}" if allowed else "remove only:")
        )
        return ()
    if section.kind == "pros-and-cons" and only is None:
        report(f"section '{section.id}' has two lists; add only: pros or only: cons")
        return ()
    items = section_items(section, only)
    if items is None:
        report(
            f"section '{section.id}' is {section.kind} text with no list to take; write the card's lines out instead"
        )
        return ()
    return tuple(CardLine(text=text, line=line, source=f"item {n} of section {section.id}") for n, text in items)


def _written_line(source: YamlFile, pack, where: tuple, written: WrittenLine, problems: list[Problem]) -> CardLine:
    line = source.line_of(where)
    if written.item is not None and written.section is None:
        problems.append(
            Problem(
                source.path, source.line_of(where + ("item",)), "item: needs section: to say which section's item it is"
            )
        )
    if written.section is not None:
        section = _section(
            pack,
            written.section,
            lambda m: problems.append(Problem(source.path, source.line_of(where + ("section",)), m)),
        )
        if section is not None and written.item is not None:
            items = section_items(section)
            if items is None or written.item > len(items):
                count = "has no numbered items" if items is None else f"has {len(items)} items"
                problems.append(
                    Problem(
                        source.path,
                        source.line_of(where + ("item",)),
                        f"item: {written.item} is not in section '{section.id}', which {count}",
                    )
                )
    return CardLine(text=written.text, line=line)
