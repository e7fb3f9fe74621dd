"""Generated true/false questions: one function decides what a "don't" tip is and how it turns
round, so the key never marks a tip's own words False (issue 11, item 5)."""

from __future__ import annotations

import re

import pytest

from conftest import edit, pdf_page_texts, run_cli

from generator.content.model import turned_round

CHECKLIST = "sections/lga-checklist.yaml"


@pytest.mark.parametrize(
    "title, opposite",
    [
        ("Don't have a row", "Have a row"),
        ("Don’t have a row", "Have a row"),
        ("DON'T have a row", "Have a row"),
        ("Do not have a row", "Have a row"),
        ("do  not have a row", "Have a row"),
        ("Dont have a row", "Have a row"),
        ("Do not, in any circumstances, have a row", None),
        ("Do nothing you would not say in person", None),
        ("Don't", None),
        ("Do not 10 things at once", None),
        ("Donate to a good cause", None),
        ("Doing nothing is not an option", None),
        ("Have a conversation", None),
    ],
)
def test_every_phrasing_of_do_not(title, opposite):
    assert turned_round(title) == opposite


@pytest.mark.slow  # a build of its own
def test_the_key_never_marks_a_tip_false_in_its_own_words(pack_copy, tmp_path):
    checklist = pack_copy / CHECKLIST
    edit(checklist, "title: Don't have a row", "title: Do not, in any circumstances, have a row")
    edit(
        checklist,
        "title: Don't worry about reaching everyone in your ward",
        "title: Do nothing you would not say in person",
    )
    text = checklist.read_text(encoding="utf-8")
    checklist.write_text(re.sub(r"title: Don't (\w)", lambda m: f"title: Avoid this, {m[1]}", text), encoding="utf-8")
    edit(
        pack_copy / "quiz.yaml",
        "  - section: lga-checklist\n    type: single\n    count: 2\n",
        "  - section: lga-checklist\n    type: true-false\n    count: 10\n",
    )
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "quiz-key", "--as-of", "2021-06-01")
    assert result.exit_code == 0, result.output
    key = " ".join(pdf_page_texts(tmp_path / "out" / "social-media" / "quiz-key-A.pdf"))
    assert "Do not, in any circumstances, have a row" in key and "Do nothing you would not say in person" in key
    assert "The tip is the opposite" not in key  # no tip left that turns round into its opposite
