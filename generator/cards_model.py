"""Pocket cards (cards.yaml): STUB, to be written with the pocket cards issue."""
from __future__ import annotations

from pathlib import Path

from generator.errors import Problem
from generator.model import Model

CARDS_FILE = "cards.yaml"


class CardSet(Model):
    cards: tuple = ()


def load_cards(folder: Path, pack, problems: list[Problem]) -> CardSet | None:
    """Read and validate folder/cards.yaml against the already-validated `pack`; None if absent or wrong."""
    return None
