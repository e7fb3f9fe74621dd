"""A golden outline of the Word handout: every paragraph's style and text, tables, headers and
footers, in order. A diff in review shows what a change did to the handout.

After a deliberate change, refresh it with `make golden` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from docx import Document
from docx.table import Table

GOLDEN = Path(__file__).parent / "golden" / "handout.outline.txt"
REFRESH = os.environ.get("PACKGEN_REFRESH_GOLDEN") == "1"


def outline(path: Path) -> str:
    document = Document(path)
    properties = document.core_properties
    lines = [f"title: {properties.title}", f"language: {properties.language}", f"author: {properties.author}"]
    for number, section in enumerate(document.sections, start=1):
        for where, part in (("header", section.header), ("footer", section.footer)):
            text = " | ".join(p.text for p in part.paragraphs if p.text.strip())
            lines.append(f"section {number} {where}: {text}")
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.append(f"[table: {block.style.name if block.style else 'no style'}]")
            lines += [
                "  | " + " | ".join(cell.text.replace("\n", " / ") for cell in row.cells) + " |" for row in block.rows
            ]
        elif block.text.strip():
            lines.append(f"{block.style.name}: {block.text}")
    return "\n".join(lines) + "\n"


def test_handout_outline_matches_the_golden_snapshot(default_build):
    actual = outline(default_build / "handout.docx")
    if REFRESH:
        GOLDEN.write_text(actual, encoding="utf-8")
    assert GOLDEN.exists(), f"no snapshot yet: run `make golden` to create {GOLDEN}"
    assert actual == GOLDEN.read_text(encoding="utf-8"), "the handout changed: run `make golden` if that was intended"
