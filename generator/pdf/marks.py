"""The marked content of a tagged PDF's pages: the text inside each marked-content sequence,
and rewriting a sequence as an Artifact. generator/pdf/ua.py decides what to mark; this module
reads and writes the pages, with pikepdf.

The text is read from WeasyPrint's own output only, so the reader needs no more of PDF text
than WeasyPrint writes: fonts mapped to Unicode by a ToUnicode CMap of `bfchar` (and, to be
safe, `bfrange`) entries, two-byte codes in Type 0 fonts, text in the page and in the form
XObjects it draws. A general extractor (pypdf) read the same words five times slower: it
parses content streams in Python, and this pass runs on every PDF of every build.
"""

from __future__ import annotations

import re

import pikepdf

SHOW_TEXT = {"Tj", "'", '"', "TJ"}


class PageTexts:
    """The text inside each marked-content sequence, (0-based page, MCID) -> text, read one page
    at a time when a mark on it is first asked for: most pages need none."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.pages: dict[int, dict[int, str]] = {}
        self.fonts: dict[tuple[int, int], _Font] = {}

    def get(self, mark: tuple[int | None, int], default: str = "") -> str:
        page, mcid = mark
        if page is None:
            return default
        if page not in self.pages:
            self.pages[page] = self.read_page(page)
        return self.pages[page].get(mcid, default)

    def read_page(self, number: int) -> dict[int, str]:
        page = self.pdf.pages[number]
        reading = _Reading(self)
        reading.walk(page, page.obj.get("/Resources"))
        return reading.found

    def font(self, resources, name) -> _Font | None:
        """The font `name` in `resources`, its CMap read once per document; None if there is none."""
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        font = fonts.get(name) if isinstance(fonts, pikepdf.Dictionary) else None
        if not isinstance(font, pikepdf.Dictionary):
            return None
        key = font.objgen
        if key == (0, 0) or key not in self.fonts:
            self.fonts[key] = _Font(font)
        return self.fonts[key]


class _Reading:
    """One page's walk: the open marked-content sequences, the font, and which line of text."""

    def __init__(self, texts: PageTexts):
        self.texts = texts
        self.found: dict[int, str] = {}
        self.open_mcids: list[int | None] = []
        self.font: _Font | None = None
        self.line_y: object = None  # the text matrix's vertical position
        self.line = 0  # counts the moves to a new line of text
        self.shown_line: int | None = None  # the line where text was last shown
        self.seen_forms: set = set()

    def walk(self, stream, resources) -> None:
        for instruction in pikepdf.parse_content_stream(stream):
            operator, operands = str(instruction.operator), instruction.operands
            if operator == "BDC":
                self.open_mcids.append(_mcid(operands, resources))
            elif operator == "BMC":
                self.open_mcids.append(None)
            elif operator == "EMC" and self.open_mcids:
                self.open_mcids.pop()
            elif operator == "Tf":
                self.font = self.texts.font(resources, operands[0])
            elif operator == "Tm" and operands[5] != self.line_y:
                self.line_y, self.line = operands[5], self.line + 1
            elif operator in ("Td", "TD") and operands[1] != 0 or operator in ("T*", "'", '"'):
                self.line += 1
            if operator in SHOW_TEXT:
                self.show(operands[-1])
            elif operator == "Do":
                self.draw_form(resources, operands[0])

    def show(self, shown) -> None:
        mcid = next((m for m in reversed(self.open_mcids) if m is not None), None)
        if mcid is None or self.font is None:
            return
        strings = (
            [item for item in shown if isinstance(item, pikepdf.Object)]
            if isinstance(shown, pikepdf.Array)
            else [shown]
        )
        text = "".join(self.font.decode(bytes(item)) for item in strings)
        if not text:
            return
        if self.shown_line is not None and self.shown_line != self.line:
            text = "\n" + text  # a new line of text: its words do not run into the last line's
        self.shown_line = self.line
        self.found[mcid] = self.found.get(mcid, "") + text

    def draw_form(self, resources, name) -> None:
        xobject = resources.get("/XObject", {}).get(name) if isinstance(resources, pikepdf.Dictionary) else None
        if xobject is None or xobject.get("/Subtype") != "/Form" or xobject.objgen in self.seen_forms:
            return
        self.seen_forms.add(xobject.objgen)
        self.walk(xobject, xobject.get("/Resources", resources))


def _mcid(operands, resources) -> int | None:
    properties = operands[1] if len(operands) > 1 else None
    if isinstance(properties, pikepdf.Name) and isinstance(resources, pikepdf.Dictionary):
        properties = resources.get("/Properties", pikepdf.Dictionary()).get(properties)
    if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
        return int(properties.MCID)
    return None


class _Font:
    """A font's codes to Unicode, from its ToUnicode CMap."""

    HEX_PAIR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
    HEX_RANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")

    def __init__(self, font: pikepdf.Object):
        self.width = 2 if font.get("/Subtype") == "/Type0" else 1
        self.map: dict[int, str] = {}
        if "/ToUnicode" in font:
            self._read_cmap(font.ToUnicode.read_bytes())

    def _read_cmap(self, cmap: bytes) -> None:
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, text in self.HEX_PAIR.findall(block):
                self.map[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
            for first, last, start in self.HEX_RANGE.findall(block):
                base = int(start, 16)
                for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                    self.map[code] = chr(base + offset)

    def decode(self, data: bytes) -> str:
        width = self.width
        return "".join(self.map.get(int.from_bytes(data[i : i + width], "big"), "") for i in range(0, len(data), width))


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
