"""The editable Word handout (A4 DOCX). STUB: produces nothing yet."""
from __future__ import annotations

from generator.artefact import BuildContext, Output

KINDS = ("handout",)
NEEDS = ()


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    return []
