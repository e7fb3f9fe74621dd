"""The text inside each marked-content sequence of a PDF, read with pypdf: the tests' own reader,
independent of the one packgen's PDF/UA pass uses (generator/pdf/marks.py, on pikepdf)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def marked_texts(data: bytes) -> dict[tuple[int, int], str]:
    """(0-based page, MCID) -> the text inside it (pypdf reads the form XObjects a page draws)."""
    return {
        (number, mcid): text
        for number, page in enumerate(PdfReader(io.BytesIO(data)).pages)
        for mcid, text in _page_marks(page).items()
    }


def _page_marks(page) -> dict[int, str]:
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
