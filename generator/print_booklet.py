"""The booklet for print: imposed for the office printer, with bleed for a print shop. STUB: produces nothing yet."""
from __future__ import annotations

from generator.artefact import BuildContext, Output

KINDS = ("booklet-imposed", "booklet-print")
NEEDS = ("booklet",)


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    return []
