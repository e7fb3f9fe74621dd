"""A 3 mm bleed added to finished pages, so the print-shop booklet is the booklet's own pages.

Laying the booklet out a second time just to get a bleed costs as much as the booklet itself.
Instead each page keeps its drawing, its boxes grow by the bleed, and every rectangle that
touches the trim (a page background, a full-width band, and the clip that holds it) is
stretched by the bleed on the sides where it touches, so the tint runs past the cut as a print
shop needs. Nothing else moves: text, images and links stay exactly where the booklet has them.
"""

from __future__ import annotations

import io

import pikepdf

MM = 72 / 25.4
BLEED = 3 * MM
TOUCHING = 0.05  # points: how close to the trim an edge must be to count as touching it

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def add_bleed(pdf_data: bytes) -> bytes:
    """Every page with a TrimBox where its MediaBox was, and a 3 mm bleed around it, filled."""
    with pikepdf.open(io.BytesIO(pdf_data)) as pdf:
        for page in pdf.pages:
            trim = pikepdf.Rectangle(page.mediabox)
            instructions = _stretched(pikepdf.parse_content_stream(page), trim)
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
            grown = pikepdf.Rectangle(trim.llx - BLEED, trim.lly - BLEED, trim.urx + BLEED, trim.ury + BLEED)
            page.obj.TrimBox = trim.as_array()
            page.obj.BleedBox = grown.as_array()
            page.obj.MediaBox = grown.as_array()
            if "/CropBox" in page.obj:
                del page.obj["/CropBox"]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _stretched(instructions, trim: pikepdf.Rectangle) -> list:
    """The page's drawing with each rectangle that touches the trim stretched into the bleed."""
    matrix, saved, result = IDENTITY, [], []
    for operands, operator in instructions:
        name = str(operator)
        if name == "q":
            saved.append(matrix)
        elif name == "Q" and saved:
            matrix = saved.pop()
        elif name == "cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            matrix = _multiply((a, b, c, d, e, f), matrix)
        elif name == "re" and _axis_aligned(matrix):
            x, y, width, height = (float(v) for v in operands)
            operands = _stretch((x, y, width, height), matrix, trim)
        result.append((operands, operator))
    return result


def _stretch(rect: tuple[float, float, float, float], matrix: Matrix, trim: pikepdf.Rectangle) -> list:
    x, y, width, height = rect
    corners = [_apply(matrix, x, y), _apply(matrix, x + width, y + height)]
    left, right = sorted(c[0] for c in corners)
    bottom, top = sorted(c[1] for c in corners)
    touched = False
    if abs(left - trim.llx) < TOUCHING:
        left, touched = left - BLEED, True
    if abs(right - trim.urx) < TOUCHING:
        right, touched = right + BLEED, True
    if abs(bottom - trim.lly) < TOUCHING:
        bottom, touched = bottom - BLEED, True
    if abs(top - trim.ury) < TOUCHING:
        top, touched = top + BLEED, True
    if not touched:
        return list(rect)
    inverse = _inverse(matrix)
    (x1, y1), (x2, y2) = _apply(inverse, left, bottom), _apply(inverse, right, top)
    return [round(v, 4) for v in (min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))]


def _axis_aligned(m: Matrix) -> bool:
    return abs(m[1]) < 1e-9 and abs(m[2]) < 1e-9


def _multiply(a: Matrix, b: Matrix) -> Matrix:
    """a then b, in PDF's row-vector convention (`a b c d e f cm` applies a before the current matrix)."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _inverse(m: Matrix) -> Matrix:
    determinant = m[0] * m[3] - m[1] * m[2]
    a, b, c, d = m[3] / determinant, -m[1] / determinant, -m[2] / determinant, m[0] / determinant
    return (a, b, c, d, -(m[4] * a + m[5] * c), -(m[4] * b + m[5] * d))
