"""Print-shop files as PDF/X-4: an output intent, device-independent colour, 100% K black text.

`make_pdfx4` takes a finished PDF whose pages already carry a TrimBox and a BleedBox (a
booklet laid out with bleed and given crop marks, or cards with bleed) and returns the same
pages as PDF/X-4, whichever way the pages were made. It works on the PDF with pikepdf rather
than through WeasyPrint's `pdf/x-4` variant, which writes no output intent without a CMYK
profile in the CSS and stamps the wall-clock time into the file.

- Output intent: Coated FOGRA39 (ISO 12647-2:2004), the usual sheet-fed offset condition in
  the UK, with a profile made from FOGRA's own characterisation data (templates/icc/README.md).
- Colour: a brand colour council.yaml gives CMYK for (colours.print) becomes DeviceCMYK with
  exactly those values; near-black neutral RGB (the house ink, #1a1a1a) becomes DeviceCMYK
  0 0 0 1, so body text prints on the black plate alone; every other RGB colour and image is
  tagged sRGB (a DefaultRGB colour space on every page and form), so the print shop converts
  it exactly. The profile's light black generation keeps pale tints free of K (docs/printing.md).
- Metadata: pdfxid:GTS_PDFXVersion "PDF/X-4", Trapped False, dates from the build clock.
  These are print files, not accessible documents: the PDF/UA claim is dropped.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pikepdf

from generator.content.council import Colours
from generator.errors import RenderError
from generator.html.templating import TEMPLATES

ICC_FOLDER = TEMPLATES / "icc"  # package data when installed from a wheel
CMYK_PROFILE = ICC_FOLDER / "FOGRA39L-packgen.icc"
OUTPUT_CONDITION = "FOGRA39"  # registered in the ICC characterisation data registry
OUTPUT_CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004)"
REGISTRY = "http://www.color.org"
BLACKEST_NEUTRAL = Decimal("0.2")  # RGB greys this dark or darker are text ink: printed as 100% K
PDFX_VERSION = "PDF/X-4"


RGB = tuple[int, int, int]
CMYK = tuple[float, float, float, float]


def print_colours(colours: Colours) -> dict[RGB, CMYK]:
    """The brand colours council.yaml gives CMYK for (colours.print), as 8-bit RGB -> CMYK fractions."""
    found: dict[RGB, CMYK] = {}
    for key in ("primary", "accent", "tint", "text"):
        given = getattr(colours.print, key)
        if given is not None:
            hex_colour = getattr(colours, key)
            red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
            cyan, magenta, yellow, black = (value / 100 for value in given)
            found[red, green, blue] = (cyan, magenta, yellow, black)
    return found


def make_pdfx4(data: bytes, built: dt.date, what: str, cmyk_for: dict[RGB, CMYK] | None = None) -> bytes:
    """`data` as a PDF/X-4 file; `what` names it in errors. A colour in `cmyk_for` (a brand colour
    with the print shop's own CMYK) is printed as that CMYK exactly, not converted."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        srgb = pdf.make_stream(_srgb_profile(), N=3)
        srgb_space = pikepdf.Array([pikepdf.Name.ICCBased, srgb])
        for number, page in enumerate(pdf.pages, start=1):
            _check_boxes(page, number, what)
            _print_colours(pdf, page.obj, srgb_space, seen=set(), cmyk_for=cmyk_for or {})
            if "/Group" in page.obj and page.obj.Group.get("/CS") == pikepdf.Name.DeviceRGB:
                page.obj.Group.CS = srgb_space
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf)])
        _set_metadata(pdf, built)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, force_version="1.6")  # PDF/X-4 is PDF 1.6
        return out.getvalue()


def _check_boxes(page: pikepdf.Page, number: int, what: str) -> None:
    if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
        raise RenderError(
            f"{what}: page {number} has no trim and bleed box, so it cannot go to a print shop; nothing was written"
        )


def _print_colours(
    pdf: pikepdf.Pdf, holder: pikepdf.Object, srgb_space: pikepdf.Array, seen: set, cmyk_for: dict[RGB, CMYK]
) -> None:
    """Black text to 100% K and DefaultRGB = sRGB in a page or form, and in the forms it draws."""
    if holder.objgen != (0, 0):
        if holder.objgen in seen:
            return
        seen.add(holder.objgen)
    resources = holder.get("/Resources")
    if resources is None:
        resources = holder.Resources = pikepdf.Dictionary()
    if "/ColorSpace" not in resources:
        resources.ColorSpace = pikepdf.Dictionary()
    resources.ColorSpace.DefaultRGB = srgb_space
    _to_cmyk(pdf, holder, cmyk_for)
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == pikepdf.Name.Form:
            _print_colours(pdf, xobject, srgb_space, seen, cmyk_for)


def _to_cmyk(pdf: pikepdf.Pdf, holder: pikepdf.Object, cmyk_for: dict[RGB, CMYK]) -> None:
    """Rewrite `r g b rg` (and `RG`) as `c m y k k` (and `K`): near-black greys as 100% K, and the
    brand colours council.yaml gives CMYK for as exactly those values."""
    is_page = holder.get("/Type") == pikepdf.Name.Page
    target = pikepdf.Page(holder) if is_page else holder
    instructions = pikepdf.parse_content_stream(target)
    changed = False
    rewritten: list[tuple[list, pikepdf.Operator]] = []
    for instruction in instructions:
        operands: list = list(instruction.operands)
        operator = instruction.operator
        name = str(operator)
        cmyk = _cmyk_of(operands, cmyk_for) if name in ("rg", "RG") else None
        if cmyk is not None:
            operands, operator = list(cmyk), pikepdf.Operator("k" if name == "rg" else "K")
            changed = True
        rewritten.append((operands, operator))
    if not changed:
        return
    content = pikepdf.unparse_content_stream(rewritten)
    if is_page:
        holder.Contents = pdf.make_stream(content)
    else:
        holder.write(content)


def _cmyk_of(operands, cmyk_for: dict[RGB, CMYK]) -> CMYK | None:
    rgb = tuple(round(float(value) * 255) for value in operands)
    if rgb in cmyk_for:
        return cmyk_for[rgb]
    return (0, 0, 0, 1) if _is_near_black(operands) else None


def _is_near_black(operands) -> bool:
    values = [Decimal(str(value)) for value in operands]
    return len(values) == 3 and max(values) - min(values) < Decimal("0.01") and max(values) <= BLACKEST_NEUTRAL


def _output_intent(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    profile = pdf.make_stream(CMYK_PROFILE.read_bytes(), N=4)
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION),
        OutputCondition=pikepdf.String(OUTPUT_CONDITION_INFO),
        RegistryName=pikepdf.String(REGISTRY),
        Info=pikepdf.String(OUTPUT_CONDITION_INFO),
        DestOutputProfile=profile,
    )


def _set_metadata(pdf: pikepdf.Pdf, built: dt.date) -> None:
    stamp = dt.datetime(built.year, built.month, built.day, tzinfo=dt.timezone.utc)
    pdf_date = f"D:{stamp:%Y%m%d%H%M%S}Z"
    pdf.docinfo.Trapped = pikepdf.Name("/False")
    pdf.docinfo.CreationDate = pikepdf.String(pdf_date)
    pdf.docinfo.ModDate = pikepdf.String(pdf_date)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        for key in list(meta):
            if "pdfuaid" in key or "aiim.org/pdfua" in key:
                del meta[key]
        meta.register_xml_namespace("http://www.npes.org/pdfx/ns/id/", "pdfxid")
        meta["{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"] = PDFX_VERSION
        meta["pdf:Trapped"] = "False"
        meta["xmp:CreateDate"] = stamp.isoformat()
        meta["xmp:ModifyDate"] = stamp.isoformat()
        meta["xmp:MetadataDate"] = stamp.isoformat()
        document_id = "uuid:" + _stable_id(pdf)
        meta["xmpMM:DocumentID"] = document_id
        meta["xmpMM:InstanceID"] = document_id
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = "default"


def _stable_id(pdf: pikepdf.Pdf) -> str:
    """A UUID-shaped id from the document's title and page count: the same input gives the same bytes."""
    import hashlib
    import uuid

    seed = f"{pdf.docinfo.get('/Title', '')}|{len(pdf.pages)}".encode()
    return str(uuid.UUID(bytes=hashlib.sha256(seed).digest()[:16]))


def _srgb_profile() -> bytes:
    """sRGB as WeasyPrint ships it (the ICC's sRGB2014 profile, free to embed)."""
    import weasyprint

    return (Path(weasyprint.__file__).parent / "pdf" / "sRGB2014.icc").read_bytes()
