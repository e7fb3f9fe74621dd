"""Render once, stamp many: put each person's words into a PDF laid out once for everybody.

A document to be personalised is rendered once with a *slot* where a person's words go: a
transparent image of the right size whose alternative text names the slot. WeasyPrint tags
it as a Figure with its own marked content on the page. Every person's words are then laid
out once, all people together, in a single small WeasyPrint document: one page per slot and
person, each page exactly the slot's size. For each person, the slot's image is swapped for
that person's page (as a form XObject) and the Figure becomes a P: the words are real text in
the cover's structure, where the slot stood in reading order, not an untagged overlay.

A footer line (the person's name beside the version stamp) is laid over every page the same
way, marked as a pagination Artifact like the rest of the running footer.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pikepdf
from markupsafe import Markup

from generator.errors import RenderError

SLOT_IMAGE = "induct/slot.png"
SLOT_ALT = "packgen slot: "
PX = 0.75  # points in a CSS pixel
MM = 72 / 25.4  # points in a millimetre
MARKED_CONTENT = {"BDC", "BMC", "EMC", "MP", "DP"}


def slot(name: str, width_mm: float, height_mm: float) -> Markup:
    """The markup that reserves a slot in a template: a transparent image, `width_mm` x `height_mm`."""
    return Markup(
        f'<img class="personal-slot" id="slot-{name}" src="{SLOT_IMAGE}" alt="{SLOT_ALT}{name}" '
        f'style="display: block; width: {width_mm}mm; height: {height_mm}mm">'
    )


@dataclass(frozen=True)
class FooterPlace:
    """Where a person's footer line goes on every page: its left edge and its bottom, from the
    page's bottom left corner, in millimetres."""

    left_mm: float
    bottom_mm: float


def stamp_forms(stamps: bytes) -> tuple[pikepdf.Pdf, list[pikepdf.Object]]:
    """Every page of the stamps document as a form XObject, its marked content dropped (the
    form is drawn inside the tag or artifact of the page it is put on)."""
    pdf = pikepdf.open(io.BytesIO(stamps))
    forms = []
    for page in pdf.pages:
        form = page.as_form_xobject()
        operations = [
            (instruction.operands, instruction.operator)
            for instruction in pikepdf.parse_content_stream(form)
            if str(instruction.operator) not in MARKED_CONTENT
        ]
        form.write(pikepdf.unparse_content_stream(operations))
        forms.append(form)
    return pdf, forms


def personalise(
    base: bytes,
    slots: dict[str, pikepdf.Object],
    footer: pikepdf.Object | None = None,
    footer_place: FooterPlace | None = None,
) -> bytes:
    """`base` with each named slot filled by its form, and `footer` laid over every page."""
    with pikepdf.open(io.BytesIO(base)) as pdf:
        found = find_slots(pdf)
        for name, form in slots.items():
            if name not in found:
                raise RenderError(f"the document has no slot for {name!r}; nothing was written")
            _fill(pdf, found[name], pdf.copy_foreign(form))
        if footer is not None and footer_place is not None:
            _add_footer(pdf, pdf.copy_foreign(footer), footer_place)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


@dataclass(frozen=True)
class FoundSlot:
    element: pikepdf.Dictionary  # the Figure structure element
    page: pikepdf.Page
    mcid: int


def find_slots(pdf: pikepdf.Pdf) -> dict[str, FoundSlot]:
    """Every slot in the structure tree, by name."""
    found = {}
    stack: list = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append(kid)
        alt = str(node.get("/Alt", ""))
        if node.get("/S") == pikepdf.Name.Figure and alt.startswith(SLOT_ALT):
            found[alt[len(SLOT_ALT) :]] = FoundSlot(node, pikepdf.Page(node.Pg), _mcid_of(node))
    return found


def _mcid_of(element: pikepdf.Dictionary) -> int:
    kids = element.K
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int):
            return int(kid)
        if isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
            return int(kid.MCID)
    raise RenderError("a personal slot has no marked content on its page; nothing was written")


def _fill(pdf: pikepdf.Pdf, found: FoundSlot, form: pikepdf.Object) -> None:
    """Swap the slot's transparent image for the person's words; the Figure becomes a paragraph."""
    name = pikepdf.Name(f"/PackgenSlot{found.mcid}")
    width, height = _width(form), _height(form)
    form.Matrix = pikepdf.Array([1 / width, 0, 0, 1 / height, 0, 0])  # into the image's unit square
    operations, inside, swapped = [], False, False
    for instruction in pikepdf.parse_content_stream(found.page):
        operands: list = list(instruction.operands)
        operator = instruction.operator
        op = str(operator)
        if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and operands[1].get("/MCID") == found.mcid:
            inside = True
            operands = [pikepdf.Name.P, operands[1]]
        elif op == "EMC":
            inside = False
        elif inside and op == "Do":
            operands, swapped = [name], True
        operations.append((operands, operator))
    if not swapped:
        raise RenderError("a personal slot's image was not found on its page; nothing was written")
    found.page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))
    _add_xobject(found.page, name, form)
    found.element.S = pikepdf.Name.P
    del found.element["/Alt"]


def _add_footer(pdf: pikepdf.Pdf, form: pikepdf.Object, place: FooterPlace) -> None:
    name = pikepdf.Name("/PackgenFooter")
    x, y = place.left_mm * MM, place.bottom_mm * MM
    overlay = b"\nQ\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq 1 0 0 1 %.3f %.3f cm %s Do Q\nEMC\n" % (
        x,
        y,
        bytes(str(name), "ascii"),
    )
    for page in pdf.pages:
        page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
        page.contents_add(pdf.make_stream(overlay), prepend=False)
        _add_xobject(page, name, form)


def _add_xobject(page: pikepdf.Page, name: pikepdf.Name, form: pikepdf.Object) -> None:
    """Add to this page's own resources (pages may share one Resources dictionary)."""
    # A page's /Resources and its /XObject are dictionaries (a mapping at run time); copied, not shared.
    resources = pikepdf.Dictionary(cast("Mapping[str, Any]", page.obj.Resources))
    xobjects = pikepdf.Dictionary(cast("Mapping[str, Any]", resources.get("/XObject", pikepdf.Dictionary())))
    xobjects[name] = form
    resources.XObject = xobjects
    page.obj.Resources = resources


def _width(form: pikepdf.Object) -> float:
    return float(form.BBox[2]) - float(form.BBox[0])


def _height(form: pikepdf.Object) -> float:
    return float(form.BBox[3]) - float(form.BBox[1])


@dataclass(frozen=True)
class SlotSize:
    """A slot's name and the room it keeps, in millimetres."""

    name: str
    width_mm: float
    height_mm: float

    def markup(self) -> Markup:
        return slot(self.name, self.width_mm, self.height_mm)


class TooLong(Exception):
    """Some people's words overflow the room kept for them: (person index, slot name) for each."""

    def __init__(self, overflows: list[tuple[int, str]]):
        super().__init__(", ".join(f"person {person}: {slot}" for person, slot in overflows))
        self.overflows = overflows


def render_stamps(html: str, base_dir: Path, allowed_roots: list[Path], people: int, slots: list[SlotSize]) -> bytes:
    """Lay out every person's words for every slot in one go: page (person * len(slots) + slot).

    Raises TooLong naming the first person whose words do not fit their slot."""
    from generator.pdf.render import plain_pdf, weasyprint_layout

    what = "the names for the induction packs"
    document = weasyprint_layout(html, base_dir, allowed_roots, what)
    _check_fit(document, people, slots)
    return plain_pdf(document, what)


def _check_fit(document: Any, people: int, slots: list[SlotSize]) -> None:  # a WeasyPrint Document
    """Each person's words on their own page, within their slot's height: words that spill
    over show up as an anchor on a second page, and words cut off at the foot of their page
    (WeasyPrint stops an absolutely placed box there) lose the marker after their last word."""
    pages_of: dict[str, set[int]] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            pages_of.setdefault(anchor, set()).add(number)
    overflows = []
    for person in range(people):
        for index, size in enumerate(slots):
            expected = {person * len(slots) + index}
            words = f"{size.name}-{person}-words"
            end = f"{size.name}-{person}-end"
            if any(pages_of.get(anchor) != expected for anchor in (words, end, f"{size.name}-{person}")):
                overflows.append((person, size.name))
                continue
            x1, y1, x2, y2 = document.pages[min(expected)].anchors[words]
            if (y2 - y1) * PX > size.height_mm * MM + 0.5:
                overflows.append((person, size.name))
    if overflows:
        raise TooLong(overflows)
    if len(document.pages) != people * len(slots):
        raise RenderError(
            f"the names came out on {len(document.pages)} pages, not {people * len(slots)}; nothing was written"
        )
