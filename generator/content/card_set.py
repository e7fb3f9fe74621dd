"""The pocket cards' model: each card's two faces as they will be laid out.

Only types live here; generator/content/cards_model.py reads cards.yaml into them, taking
lines from the pack's sections and checking every name against the pack.
"""

from __future__ import annotations

from typing import Literal

from generator.content.base import Model

CARDS_FILE = "cards.yaml"


class CardLine(Model):
    text: str
    line: int  # the cards.yaml line it was written on, or the from: line it was taken by
    source: str | None = None  # where it came from, for messages: 'item 3 of section legal-issues'


class CardFace(Model):
    side: Literal["front", "back"]
    heading: str
    lines: tuple[CardLine, ...]
    note: str | None = None
    qr: bool = False
    columns: int = 1
    line: int  # the line of `front:` or `back:`
    taken_from: str | None = None  # the section whose list it took (from:): what the card reads of the guidance


class Card(Model):
    title: str
    line: int
    front: CardFace
    back: CardFace


class CardSet(Model):
    path: str = CARDS_FILE  # cards.yaml as messages name it
    cards: tuple[Card, ...] = ()
