"""Quiz sheets fill their pages: a page is not left part empty when the next question would fit.

Measured from the rendered sheet (tests/pagination.py reads its lines): for every page but the
last before the answer grid, either the page is at least two-thirds full, or the question that
opens the next page is taller than the space left. Run on the default pack and on
tests/packs/gifts-and-hospitality (a different bank: more scenarios and written answers).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_cli
from pagination import MM, read_pages

GIFTS_PACK = Path(__file__).parent / "packs" / "gifts-and-hospitality"
QUESTION_START = re.compile(r"^\d+\.\s")
TEXT_GAP_ABOVE_RULE = 3 * MM  # quiz.css: the footer rule is the page area's border, 3 mm under the text


def question_pages(path: Path):
    """(top of text area, bottom of text area, content bottom, tops of question starts) per question page."""
    pages = []
    for page in read_pages(path):
        starts = [line.top for line in page.content if QUESTION_START.match(line.text)]
        if not starts:
            continue  # the answer grid
        footer_rule = max(r for r in page.rules if page.footer_top is None or r < page.footer_top)
        top = min(line.top for line in page.content)
        # writing lines under a scenario are rules, not text: they count as used space
        used = max([line.bottom for line in page.content] + [r for r in page.rules if r < footer_rule - 1])
        pages.append((top, footer_rule - TEXT_GAP_ABOVE_RULE, used, starts))
    return pages


def underfilled_pages(path: Path) -> list[str]:
    pages = question_pages(path)
    problems = []
    for number, (page, following) in enumerate(zip(pages, pages[1:]), start=1):
        top, bottom, used, _ = page
        next_top, next_bottom, next_used, next_starts = following
        next_question_end = next_starts[1] if len(next_starts) > 1 else next_used
        next_height = next_question_end - next_starts[0]
        fill = (used - top) / (bottom - top)
        if fill < 2 / 3 and bottom - used >= next_height:
            problems.append(
                f"{path.name} page {number}: {fill:.0%} full, "
                f"yet the next question ({next_height / MM:.0f} mm) would fit "
                f"in the {(bottom - used) / MM:.0f} mm left"
            )
    return problems


@pytest.fixture(scope="module")
def gifts_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gifts")
    result = run_cli(
        "build", GIFTS_PACK, "--out", out, "--as-of", "2024-06-01", "--only", "quiz-sheet", "--only", "quiz-key"
    )
    assert result.exit_code == 0, result.output
    return out / "gifts-and-hospitality"


def test_default_quiz_sheet_fills_its_pages(default_build):
    sheet = default_build / "quiz-sheet-A.pdf"
    assert len(question_pages(sheet)) > 2
    assert underfilled_pages(sheet) == []


def test_second_pack_quiz_sheet_fills_its_pages(gifts_build):
    sheets = sorted(gifts_build.glob("quiz-sheet-*.pdf"))
    assert sheets
    for sheet in sheets:
        assert underfilled_pages(sheet) == []
