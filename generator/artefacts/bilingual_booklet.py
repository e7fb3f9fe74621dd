"""The flip booklet for the office printer, booklet-bilingual.pdf: the Welsh booklet from the front
cover, the English one from the back, turned upside down (tête-bêche), as the Welsh Language
Standards expect of a printed bilingual document: Welsh met first.

Made from the two languages' A5 booklets as built (each padded to whole sheets), never laid out
again: generator/pdf/flip.py orders, turns and imposes their pages. A pack that is not written in
both Welsh and English makes nothing here.
"""

from __future__ import annotations

from dataclasses import replace

from generator.artefacts.base import BuildContext, Output
from generator.artefacts.print_booklet import instructions, padded_booklet
from generator.pdf.flip import flip_booklet, half_length
from generator.pdf.render import RenderedPdf

# Its registry entry, to be: the one kind it makes, and the module whose outputs it reads, in
# each of the pack's languages (`earlier` keyed by booklet_key(code)).
KINDS, NEEDS = ("booklet-bilingual",), ("booklet",)
FIRST, SECOND = "cy", "en"  # Welsh from the front cover, English from the back


def is_bilingual(languages: tuple[str, ...]) -> bool:
    return FIRST in languages and SECOND in languages


def booklet_key(code: str) -> str:
    """Where `earlier` holds the booklet in the language `code`: "booklet:cy", "booklet:en"."""
    return f"booklet:{code}"


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    """booklet-bilingual.pdf, from `earlier[booklet_key("cy")]` and `earlier[booklet_key("en")]`
    (the booklet module's output in each language); nothing for a pack in one language."""
    welsh = next((pack for pack in context.packs if pack.language == FIRST), None)
    if welsh is None or not is_bilingual(tuple(pack.language for pack in context.packs)):
        return []  # one language: `packs` is empty and `earlier` holds the one booklet by kind
    welsh_context = replace(context, pack=welsh, packs=())  # the printing instructions in Welsh
    return render_flip(welsh_context, earlier[booklet_key(FIRST)], earlier[booklet_key(SECOND)])


def render_flip(context: BuildContext, welsh: Output, english: Output) -> list[Output]:
    """The flip booklet imposed on A4 after a sheet of printing instructions (with a blank back)."""
    first, second = padded_booklet(welsh), padded_booklet(english)
    front = flip_instructions(context, 2 * half_length(first.pdf.pages, second.pdf.pages))
    title = f"{context.pack.title}: llyfryn dwyieithog i'w argraffu ar A4 / bilingual booklet for printing on A4"
    flip = flip_booklet(first.pdf.data, second.pdf.data, front.data, title=title)
    notes = (
        f"The flip booklet has {flip.half} A5 pages in Welsh from the front cover and {flip.half} in "
        "English from the back cover, upside down; each half ends at the centre spread.",
        *front.notes,  # WeasyPrint's harmless notices
    )
    return [Output("booklet-bilingual", "booklet-bilingual.pdf", flip.sheets, front.pages + flip.half, notes=notes)]


def flip_instructions(context: BuildContext, pages: int) -> RenderedPdf:
    """The printing instructions for the flip booklet, in the context's language (Welsh): one A4
    sheet, its back blank."""
    return instructions(context, pages, booklets=0, flip=True)
