"""The marked content of a tagged PDF's pages: the text inside each marked-content sequence
(read with pypdf, which decodes the fonts), and rewriting a sequence as an Artifact (pikepdf).
generator/pdf_ua.py decides what to mark; this module reads and writes the pages."""

from __future__ import annotations

import io

import pikepdf
from pypdf import PdfReader


def marked_texts(data: bytes) -> dict[tuple[int, int], str]:
    """The text inside each marked-content sequence: (0-based page, MCID) -> text."""
    return {
        (number, mcid): text
        for number, page in enumerate(PdfReader(io.BytesIO(data)).pages)
        for mcid, text in _page_marks(page).items()
    }


class PageTexts:
    """marked_texts, read one page at a time when a mark on it is first asked for: reading text
    is most of this pass's time, and most pages need none."""

    def __init__(self, data: bytes):
        self.reader = PdfReader(io.BytesIO(data))
        self.pages: dict[int, dict[int, str]] = {}

    def get(self, mark: tuple[int | None, int], default: str = "") -> str:
        page, mcid = mark
        if page is None:
            return default
        if page not in self.pages:
            self.pages[page] = _page_marks(self.reader.pages[page])
        return self.pages[page].get(mcid, default)


def _page_marks(page) -> dict[int, str]:
    """MCID -> text on one page (pypdf reads the form XObjects it draws as well)."""
    found: dict[int, str] = {}
    open_mcids: list[int | None] = []

    def before(operator, operands, cm, tm):
        if operator == b"BDC":
            props = operands[1] if len(operands) > 1 else None
            mcid = props.get("/MCID") if hasattr(props, "get") else None
            open_mcids.append(int(mcid) if mcid is not None else None)
        elif operator == b"BMC":
            open_mcids.append(None)
        elif operator == b"EMC" and open_mcids:
            open_mcids.pop()

    def text(chunk, cm, tm, font, size):
        mcid = next((m for m in reversed(open_mcids) if m is not None), None)
        if mcid is not None and chunk:
            found[mcid] = found.get(mcid, "") + chunk

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def mark_unreached_as_artifacts(pdf, page, number: int, reached: set, artifacts: dict) -> None:
    """Rewrite the page, and the form XObjects it draws (WeasyPrint puts anything with opacity
    in one), so marked content the tree does not reach is an Artifact."""
    for stream in _content_streams(page):
        instructions = pikepdf.parse_content_stream(stream)
        changed = False
        rewritten = []
        for instruction in instructions:
            operands, operator = instruction.operands, instruction.operator
            if str(operator) == "BDC" and str(operands[0]) != "/Artifact":
                props = operands[1]
                mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
                if mcid is not None and (number, mcid) not in reached:
                    kind = artifacts.get((number, mcid), pikepdf.Dictionary(Type=pikepdf.Name.Pagination))
                    instruction = pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact, kind], operator)
                    changed = True
            rewritten.append(instruction)
        if changed:
            data = pikepdf.unparse_content_stream(rewritten)
            if stream is page:
                page.Contents = pdf.make_stream(data)
            else:
                stream.write(data)


def _content_streams(page):
    """The page itself, then every form XObject reachable from its resources, once each."""
    yield page
    seen = set()
    pending = [page.obj.get("/Resources")]
    while pending:
        resources = pending.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield xobject
                pending.append(xobject.get("/Resources"))
