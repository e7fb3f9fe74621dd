"""Tagged text that reads as printed when read in tag order, line ends included.

WeasyPrint drops the space at which a line breaks, so text read in tag order runs the last word
of one line into the first of the next ("at a" / "ward surgery" read as "at award surgery").
Each line's text is a marked-content sequence under a structure element of its own; where the
printed text has a space at the line's end, that element gets an /ActualText with the space. A
line that ends inside a web address (after a slash, before a dot) or after a word's own hyphen
is joined without one, as a reader would join it. Links are left alone: their words are in the
annotations' /Contents.
"""

from __future__ import annotations

import pikepdf

from generator.pdf.marks import PageTexts


def space_line_ends(root, pages: dict, texts: PageTexts) -> None:
    sequence: list[tuple] = []  # (element, text) for each marked-content sequence, in tag order
    _walk(root, pages, texts, sequence)
    lines: list[list] = []  # the same, each element's run of sequences joined
    for element, text in sequence:
        if lines and lines[-1][0] is element:
            lines[-1][1] += text
        else:
            lines.append([element, text])
    for index, (element, shown) in enumerate(lines):
        if not _is_leaf(element, pages):
            continue
        spoken = _spoken(shown, lines[index + 1][1] if index + 1 < len(lines) else "")
        if spoken != shown.lstrip("\n"):
            element.ActualText = pikepdf.String(spoken)


def _walk(node, pages, texts, sequence) -> None:
    for kid in _kids(node):
        mark = _mark(kid, node, pages)
        if mark is not None:
            sequence.append((node, texts.get(mark, "")))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _walk(kid, pages, texts, sequence)


def _spoken(shown: str, after: str) -> str:
    """`shown` (lines after the first marked by a leading newline) as read aloud: line breaks
    that stand for a space become one, and a trailing space if the next text starts a line."""
    lines = shown.lstrip("\n").split("\n")
    spoken = lines[0]
    for line in lines[1:]:
        spoken += (" " if _space_between(spoken, line) else "") + line
    if after.startswith("\n") and _space_between(spoken, after[1:]):
        spoken += " "
    return spoken


def _space_between(before: str, after: str) -> bool:
    return bool(before) and not before.endswith((" ", "-", "/")) and not after.startswith((".", " "))


def _is_leaf(element, pages) -> bool:
    kids = _kids(element)
    return element.get("/S") != "/Link" and bool(kids) and all(_mark(kid, element, pages) for kid in kids)


def _kids(node) -> list:
    kids = node.get("/K")
    return [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _mark(kid, element, pages) -> tuple[int, int] | None:
    if isinstance(kid, int) and "/Pg" in element:
        return pages[element.Pg.objgen], int(kid)
    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
        page = kid.get("/Pg", element.get("/Pg"))
        return None if page is None else (pages[page.objgen], int(kid.MCID))
    return None
