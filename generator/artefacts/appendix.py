"""The A4 agenda appendix: the booklet's content for a committee papers pack."""

from __future__ import annotations

from generator.artefacts.base import BuildContext, Output
from generator.artefacts.guidance_html import balanced_document
from generator.artefacts.registry import BY_NAME

KINDS, NEEDS = BY_NAME["appendix"].kinds, BY_NAME["appendix"].needs  # its registry entry


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    return [balanced_document(context, "appendix", "appendix", "the agenda appendix")]
