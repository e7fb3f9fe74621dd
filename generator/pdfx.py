"""Print-shop files as PDF/X-4: an output intent, device-independent colour, 100% K black text.

`make_pdfx4` takes a finished PDF whose pages already carry a TrimBox and a BleedBox (a
booklet laid out with bleed and given crop marks, or cards with bleed) and returns the same
pages as PDF/X-4, whichever way the pages were made. It works on the PDF with pikepdf rather
than through WeasyPrint's `pdf/x-4` variant, which writes no output intent without a CMYK
profile in the CSS and stamps the wall-clock time into the file.

- Output intent: Coated FOGRA39 (ISO 12647-2:2004), the usual sheet-fed offset condition in
  the UK, with a profile made from FOGRA's own characterisation data (templates/icc/README.md).
- Colour: near-black neutral RGB (the house ink, #1a1a1a) becomes DeviceCMYK 0 0 0 1, so
  body text prints on the black plate alone; every other RGB colour and image is tagged sRGB
  (a DefaultRGB colour space on every page and form), so the print shop converts it exactly.
- Metadata: pdfxid:GTS_PDFXVersion "PDF/X-4", Trapped False, dates from the build clock.
  These are print files, not accessible documents: the PDF/UA claim is dropped.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pikepdf

from generator.errors import RenderError
from generator.templating import TEMPLATES

ICC_FOLDER = TEMPLATES / "icc"  # package data when installed from a wheel
CMYK_PROFILE = ICC_FOLDER / "FOGRA39L-packgen.icc"
OUTPUT_CONDITION = "FOGRA39"  # registered in the ICC characterisation data registry
OUTPUT_CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004)"
REGISTRY = "http://www.color.org"
BLACKEST_NEUTRAL = Decimal("0.2")  # RGB greys this dark or darker are text ink: printed as 100% K
PDFX_VERSION = "PDF/X-4"


def make_pdfx4(data: bytes, built: dt.date, what: str) -> bytes:
    """`data` as a PDF/X-4 file; `what` names it in errors."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        srgb = pdf.make_stream(_srgb_profile(), N=3)
        srgb_space = pikepdf.Array([pikepdf.Name.ICCBased, srgb])
        for number, page in enumerate(pdf.pages, start=1):
            _check_boxes(page, number, what)
            _print_colours(pdf, page.obj, srgb_space, seen=set())
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


def _print_colours(pdf: pikepdf.Pdf, holder: pikepdf.Object, srgb_space: pikepdf.Array, seen: set) -> None:
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
    _black_to_k(pdf, holder)
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == pikepdf.Name.Form:
            _print_colours(pdf, xobject, srgb_space, seen)


def _black_to_k(pdf: pikepdf.Pdf, holder: pikepdf.Object) -> None:
    """Rewrite `g g g rg` (and `RG`) for a near-black grey as `0 0 0 1 k` (and `K`)."""
    is_page = holder.get("/Type") == pikepdf.Name.Page
    target = pikepdf.Page(holder) if is_page else holder
    instructions = pikepdf.parse_content_stream(target)
    changed = False
    rewritten = []
    for operands, operator in instructions:
        name = str(operator)
        if name in ("rg", "RG") and _is_near_black(operands):
            operands, operator = [0, 0, 0, 1], pikepdf.Operator("k" if name == "rg" else "K")
            changed = True
        rewritten.append((operands, operator))
    if not changed:
        return
    content = pikepdf.unparse_content_stream(rewritten)
    if is_page:
        holder.Contents = pdf.make_stream(content)
    else:
        holder.write(content)


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
