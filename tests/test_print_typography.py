"""Typography a print designer would sign off (issue 24 item 4), read from the rendered outputs:
no line starts with a dash, typographic quotes in every string printed, the card stamp on one
line, and the appendix's "Who to contact" heading level with the other section headings."""

from __future__ import annotations

import csv
from pathlib import Path

import pdfplumber
import pytest

from conftest import DEFAULT_PACK, pdf_page_texts, run_cli

PACKS = Path(__file__).parent / "packs"
DASHES = ("-", "\u2013", "\u2014")


def printed_lines(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [line["text"] for page in pdf.pages for line in page.extract_text_lines()]


@pytest.mark.parametrize("name", ["booklet.pdf", "appendix.pdf", "booklet-large.pdf"])
def test_no_printed_line_starts_with_a_dash(default_build, name):
    sources = "".join(p.read_text(encoding="utf-8") for p in (DEFAULT_PACK / "sections").glob("*.yaml"))
    assert "\u2014" in sources, "the default pack sets dashes between words, so the test means something"
    starts = [line for line in printed_lines(default_build / name) if line.lstrip().startswith(DASHES)]
    assert starts == []


def test_a_dash_between_words_prints_as_a_spaced_en_dash(default_build):
    text = " ".join(pdf_page_texts(default_build / "booklet.pdf"))
    assert "residents \u2013 social media" in text.replace("\u00a0", " ")
    assert "\u2014" not in text


@pytest.mark.slow  # a build of its own: the stamp says "overdue" only once the review date has passed
def test_the_card_stamp_stays_on_one_line(tmp_path):
    """On the card backs "overdue" wrapped to a line of its own under the council's name."""
    result = run_cli("build", DEFAULT_PACK, "--out", tmp_path, "--only", "cards-sheet", "--as-of", "2024-06-01")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "social-media" / "cards-sheet.pdf") as pdf:
        words = [w for page in pdf.pages for w in page.extract_words()]
    overdue = [w for w in words if w["text"] == "overdue"]
    assert overdue
    for word in overdue:
        same_line = [w["text"] for w in words if abs(w["top"] - word["top"]) < 1 and w["x1"] <= word["x0"]]
        assert "review" in same_line, f"'overdue' at {word['x0']:.0f},{word['top']:.0f} stands apart from its stamp"


def test_the_web_page_cards_print_typographic_quotes(default_build):
    page = (default_build / "web" / "index.html").read_text(encoding="utf-8")
    cards = page[page.index('id="cards"') :]
    assert "Don\u2019t imply you speak for the whole Council" in cards
    assert "Don't" not in cards and "Don&#39;t" not in cards


def test_the_appendix_contact_heading_stands_level_with_the_others(default_build):
    """'Who to contact' stood 3 pt lower than the other headings that start an appendix page."""
    from pagination import findings

    assert [f for f in findings(default_build / "appendix.pdf") if "heights" in f] == []


@pytest.mark.slow  # a build of its own
def test_the_version_history_prints_typographic_quotes(tmp_path):
    """print-stress's history says: Updated the list of meetings and the 'before the meeting' checklist."""
    result = run_cli(
        "build", PACKS / "print-stress", "--out", tmp_path, "--as-of", "2024-06-01",
        "--only", "booklet", "--only", "appendix", "--only", "booklet-large",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for name in ("booklet.pdf", "appendix.pdf", "booklet-large.pdf"):
        text = " ".join(pdf_page_texts(tmp_path / "print-stress" / name))
        assert "\u2018before the meeting\u2019 checklist" in text, name
        assert "'before" not in text, name


def induct_osullivan(tmp_path) -> Path:
    people = tmp_path / "people.csv"
    with open(people, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerows([["name", "role", "ward"], ["Niamh O'Sullivan", "Councillor", "Olney"]])
    notice = tmp_path / "notice.txt"
    notice.write_text("We keep this sheet for the council's 'training record' for a year.", encoding="utf-8")
    result = run_cli(
        "induct", PACKS / "county-induction", "--people", people, "--out", tmp_path / "out", "--quiet",
        "--as-of", "2026-04-10", "--session-date", "2026-05-12", "--privacy-notice", notice,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "county-induction" / "people"


@pytest.mark.slow  # an induction of its own
def test_names_print_typographic_quotes(tmp_path):
    folder = induct_osullivan(tmp_path)
    named = folder / "niamh-osullivan"
    for pdf in (named / "certificate.pdf", named / "booklet.pdf", folder / "sign-in-sheet.pdf"):
        text = " ".join(pdf_page_texts(pdf))
        assert "O\u2019Sullivan" in text and "O'Sullivan" not in text, pdf.name


@pytest.mark.slow  # an induction of its own
def test_the_sign_in_sheet_prints_typographic_quotes(tmp_path):
    sheet = " ".join(pdf_page_texts(induct_osullivan(tmp_path) / "sign-in-sheet.pdf"))
    assert "council\u2019s \u2018training record\u2019" in sheet
    assert "members\u2019 code of conduct" in sheet and "members' code" not in sheet
