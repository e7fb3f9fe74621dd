"""Quiz sheets on as little paper as reads easily (issue 24 item 3), read from the printed PDF.

The social media pack's 24 questions take four A4 pages and the answer grid; every page but
the last is at least half full; a written scenario's lines stand on the page of its question;
the grid page names its owner and paper again, spans the text width, and sets tick-all-that-
apply rows apart from one-answer rows. The paper is "Paper 1", never "Version 1" (the guidance
has a version). And layout-check finds nothing on any pack's sheets and keys.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from conftest import BUILT_ON, DEFAULT_PACK, ROOT, edit, pdf_page_texts, printed, run_cli
from generator.content.quiz.items import items_of
from generator.content.reader import load_pack
from generator.artefacts.quiz.variants import page_text

MM = 72 / 25.4
TOP, BOTTOM, SIDE = 18 * MM, (19 + 3) * MM, 18 * MM  # quiz.css: the page margins, and the footer rule's padding
INDENT = SIDE + 9 * MM  # a question's options and writing lines stand under its words, not its number
WRITE = (0.541176, 0.603922, 0.615686)  # quiz.css --write: the colour of writing lines
LAYOUT_CHECK = Path("/work/shared/tools/layout-check")
PACKS = [DEFAULT_PACK, ROOT / "examples" / "fenmarsh" / "meeting-rooms"] + sorted(
    path.parent for path in (ROOT / "tests" / "packs").glob("*/quiz.yaml")
)


def build(pack: Path, out: Path, *kinds: str) -> Path:
    args = [a for kind in kinds for a in ("--only", kind)]
    result = run_cli("build", pack, "--out", out, "--as-of", BUILT_ON, *args)
    assert result.exit_code == 0, result.output
    return out / pack.name


@pytest.fixture(scope="module")
def sheet(tmp_path_factory) -> Path:
    return build(DEFAULT_PACK, tmp_path_factory.mktemp("sheet"), "quiz-sheet") / "quiz-sheet-A.pdf"


def writing_rules(page) -> list[float]:
    """The bottoms of the writing lines on a page (each drawn once, whatever the PDF repeats)."""
    bottoms = sorted(
        r["bottom"] for r in page.rects if r["width"] > 100 and abs(r["x0"] - INDENT) < 1 and _colour(r) == WRITE
    )
    return [b for n, b in enumerate(bottoms) if n == 0 or b - bottoms[n - 1] > 2]


def _colour(obj) -> tuple:
    return tuple(round(c, 6) for c in obj.get("non_stroking_color") or ())


def fill(page) -> float:
    """How far down the text area the page's words and writing lines reach, 0 to 1."""
    bottoms = [c["bottom"] for c in page.chars if TOP <= c["top"] and c["bottom"] <= page.height - BOTTOM]
    bottoms += [r["bottom"] for r in page.rects if r["height"] < 100 and r["bottom"] <= page.height - BOTTOM]
    return (max(bottoms) - TOP) / (page.height - BOTTOM - TOP)


@pytest.mark.slow  # builds the sheet
def test_the_social_media_sheet_takes_four_pages_and_the_grid_none_under_half_full(sheet):
    with pdfplumber.open(sheet) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
        assert len(pdf.pages) <= 5, f"{len(pdf.pages)} pages"
        assert "Answer grid" in texts[-1] and not any("Answer grid" in text for text in texts[:-1])
        numbers = re.findall(r"^(\d+)\. ", "\n".join(texts[:-1]), re.M)
        assert [int(n) for n in numbers] == list(range(1, 25))
        for number, page in enumerate(pdf.pages[:-1], start=1):
            assert fill(page) >= 0.5, f"page {number} is {fill(page):.0%} full"


@pytest.mark.slow  # builds the sheet
def test_a_written_answers_lines_stand_on_the_page_of_its_question(sheet):
    pack = load_pack(DEFAULT_PACK)
    lines = {q.lines for q in pack.quiz.questions if q.type == "scenario" and q.options is None}
    assert len(lines) == 1, "the test reads every written scenario as having the same number of lines"
    per_question = lines.pop()
    with pdfplumber.open(sheet) as pdf:
        for number, page in enumerate(pdf.pages[:-1], start=1):
            words = page.extract_words()
            asked = [w for w in words if w["text"] == "Scenario:"]
            written = [w for w in asked if not _has_options_below(words, w)]
            rules = writing_rules(page)
            assert len(rules) == per_question * len(written), f"page {number}: {len(rules)} lines"
            for question in written:
                below = [r for r in rules if r > question["bottom"]]
                assert len(below) >= per_question, f"page {number}: a written scenario's lines are not under it"


def _has_options_below(words, scenario) -> bool:
    """Whether the lettered options of a scenario follow it (the next question number ends them)."""
    after = [w for w in words if w["top"] > scenario["bottom"]]
    for word in sorted(after, key=lambda w: w["top"]):
        if re.fullmatch(r"\d+\.", word["text"]) and word["x0"] < SIDE + 5:
            return False
        if re.fullmatch(r"[A-H]", word["text"]) and word["x0"] < SIDE + 12 * MM:
            return True
    return False


@pytest.mark.slow  # builds the sheet
def test_the_answer_grid_names_its_owner_and_paper_and_spans_the_text_width(sheet):
    with pdfplumber.open(sheet) as pdf:
        first, grid = pdf.pages[0], pdf.pages[-1]
        code = re.search(r"Paper 1 Code ([2-9A-Z]{5})", first.extract_text()).group(1)
        text = grid.extract_text()
        assert re.search(r"^Name\b", text, re.M), "the grid page has no Name box"
        assert f"Paper 1 · Code {code}" in text.split("Answer grid", 1)[1]  # in the page, not only its header
        boxes = [r for r in grid.rects if 5 * MM < r["height"] < 100]
        left, right = min(r["x0"] for r in boxes), max(r["x1"] for r in boxes)
        assert left <= SIDE + 1 and right >= grid.width - SIDE - 1, f"the grid spans {left:.0f} to {right:.0f} pt"


@pytest.mark.slow  # builds the sheet
def test_tick_all_rows_of_the_grid_look_different_from_one_answer_rows(sheet):
    with pdfplumber.open(sheet) as pdf:
        grid = pdf.pages[-1]
        words = grid.extract_words()
        squares = [r for r in grid.rects if abs(r["width"] - r["height"]) < 1 and 5 * MM < r["width"] < 7 * MM]
        rows = {"All": [], "One": []}
        for word in words:
            if word["text"] in rows and word["x0"] > grid.width / 2:
                rows[word["text"]].append((word["top"] + word["bottom"]) / 2)
        assert rows["All"] and rows["One"]

        def letters_in(row_y: float) -> list:
            return [
                w for w in words if re.fullmatch(r"[A-H]", w["text"]) and abs((w["top"] + w["bottom"]) / 2 - row_y) < 4
            ]

        def squared(letter) -> bool:
            return any(s["x0"] <= letter["x0"] and letter["x1"] <= s["x1"] and s["top"] <= letter["top"] for s in squares
                       if s["bottom"] >= letter["bottom"])  # fmt: skip

        for y in rows["All"]:
            assert letters_in(y) and all(squared(letter) for letter in letters_in(y)), (
                "a tick-all row's letters are not squared"
            )
        for y in rows["One"]:
            assert not any(squared(letter) for letter in letters_in(y)), "a one-answer row's letters are squared"


@pytest.mark.slow  # builds the sheet
def test_the_paper_is_called_a_paper_never_a_version(sheet):
    text = "\n".join(page.extract_text() for page in pdfplumber.open(sheet).pages)
    assert "Paper 1 · Code" in text
    assert not re.search(r"\bVersion \d+\b(?![.\d])", text), "a paper is called a version"
    assert "Version 1.0 · Review due" in text  # the guidance keeps its version


@pytest.mark.slow  # builds the booklet, sheet and key of each pack
@pytest.mark.parametrize("pack", PACKS, ids=lambda path: str(path.relative_to(ROOT)))
def test_layout_check_finds_nothing_on_any_packs_sheets_and_keys(pack, tmp_path):
    if not LAYOUT_CHECK.exists():
        pytest.skip("the shared layout-check tool is not on this machine")
    out = build(pack, tmp_path, "quiz-sheet", "quiz-key")
    for pdf in sorted(out.glob("quiz-*.pdf")):
        run = subprocess.run([sys.executable, str(LAYOUT_CHECK), str(pdf), "--skip-first", "0"],
                             capture_output=True, text=True, check=False)  # fmt: skip
        assert run.returncode == 0, f"{pack.name}/{pdf.name}: {run.stdout}{run.stderr[-300:]}"


GIFTS = ROOT / "tests" / "packs" / "gifts-and-hospitality"


@pytest.mark.slow  # builds the booklet and the key
def test_an_answer_drawn_from_two_sections_cites_the_page_of_each(tmp_path):
    pack = Path(shutil.copytree(GIFTS, tmp_path / "gifts-and-hospitality"))
    edit(
        pack / "quiz.yaml",
        "    section: when-to-register\n    item: 2\n    prompt: Within how many days",
        "    section: [when-to-register, what-to-do]\n    item: [2, what-to-do 1]\n    prompt: Within how many days",
    )
    result = run_cli(
        "build", pack, "--out", tmp_path / "out", "--as-of", "2024-06-01", "--only", "quiz-key", "--only", "booklet"
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / pack.name
    loaded = load_pack(pack)
    booklet = pdf_page_texts(out / "booklet.pdf")
    wanted = []
    for section_id, key in (("when-to-register", "2"), ("what-to-do", "1")):
        words = printed(items_of(loaded.section(section_id))[key])[:60]
        wanted.append(next(n for n, text in enumerate(booklet, start=1) if words in text))
    assert wanted[0] != wanted[1], "the test needs the two items on different pages"
    key = " ".join(pdf_page_texts(out / "quiz-key-A.pdf"))
    asked = key.index("Within how many days")
    cited = re.search(r"Booklet (pp? [\d–, ]+?) \(([^)]+)\)", key[asked:])
    assert cited[1] == page_text(tuple(sorted(wanted)))
    titles = [loaded.section(s).title for s in ("when-to-register", "what-to-do")]
    assert cited[2] == printed("; ".join(titles))


def test_an_item_of_a_section_the_question_does_not_list_is_a_content_error(tmp_path):
    pack = Path(shutil.copytree(GIFTS, tmp_path / "gifts-and-hospitality"))
    edit(
        pack / "quiz.yaml",
        "    section: when-to-register\n    item: 2\n    prompt: Within how many days",
        "    section: [when-to-register, what-to-do]\n    item: [2, what-to-do 99]\n    prompt: Within how many days",
    )
    result = run_cli("check", pack)
    assert result.exit_code == 1
    assert f"{pack / 'quiz.yaml'}:10: item 99 is not in section 'what-to-do'; its items are" in result.output


def test_a_section_list_holding_something_but_names_is_refused_on_its_line(tmp_path):
    pack = Path(shutil.copytree(GIFTS, tmp_path / "gifts-and-hospitality"))
    edit(
        pack / "quiz.yaml",
        "    section: when-to-register\n    item: 2\n    prompt: Within",
        "    section: [when-to-register, {a: 1}]\n    item: 2\n    prompt: Within",
    )
    result = run_cli("check", pack)
    assert result.exit_code == 1
    assert f"{pack / 'quiz.yaml'}:9: section should be text, not a set of keys" in result.output
