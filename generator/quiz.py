"""Quiz sheets for participants and answer keys for trainers. STUB: produces nothing yet."""
from __future__ import annotations

from generator.artefact import BuildContext, Output

KINDS = ("quiz-sheet", "quiz-key")
NEEDS = ("booklet",)


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    return []
