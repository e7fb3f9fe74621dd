"""Large print on request: the booklet's pages set on A4 as RNIB Clear Print describes large print.

The same document as the booklet (cover, contents, sections, document control, contact), the
same stamps and the same tags, with body text at 18 pt (16 pt is the floor), headings larger,
each section starting a new page, and nothing printed over a picture.
"""

from __future__ import annotations

from generator.artefacts.base import BuildContext, Output
from generator.artefacts.guidance_html import balanced_document
from generator.artefacts.registry import BY_NAME

KINDS, NEEDS = BY_NAME["large_print"].kinds, BY_NAME["large_print"].needs  # its registry entry


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    return [balanced_document(context, "large", "booklet-large", "the large-print booklet")]
