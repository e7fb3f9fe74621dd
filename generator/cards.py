"""Pocket cards: an office A4 sheet and a print-shop file. STUB: produces nothing yet."""
from __future__ import annotations

from generator.artefact import BuildContext, Output

KINDS = ("cards-sheet", "cards-print")
NEEDS = ()


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    return []
