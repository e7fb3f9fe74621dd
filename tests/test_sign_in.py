"""Issue 25: a sign-in sheet people can sign, measured on the PDF `packgen induct` writes."""

from __future__ import annotations

import csv

import pdfplumber
import pytest

from conftest import DEFAULT_PACK, pdf_page_texts, run_cli

MM = 72 / 25.4
pytestmark = pytest.mark.slow  # every test reads one induct run (a few seconds)
WIDE_NAME = "William Wentworth-Woodhouse Mowbray-Howe"  # 40 characters, many of them wide
NAMES = [
    "Siân Angharad Llewelyn-Prys",
    "Patrick O'Sullivan",
    WIDE_NAME,
    "Aisha Khan",
    "Zoë Adeyemi",
    *[f"Member{i} Surname{i:02d}" for i in range(25)],
]
HEADER = ["No.", "Name", "Role and ward or division", "Signature"]


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sign-in")
    people = tmp / "people.csv"
    with open(people, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "role", "ward", "email"])
        writer.writerows([name, "Councillor", "Newport Pagnell North", ""] for name in NAMES)
    result = run_cli(
        "induct",
        DEFAULT_PACK,
        "--people",
        people,
        "--out",
        tmp / "out",
        "--as-of",
        "2021-06-01",
        "--session-date",
        "2026-05-12",
    )
    assert result.exit_code == 0, result.output
    folder = tmp / "out" / "social-media" / "people"
    with pdfplumber.open(folder / "sign-in-sheet.pdf") as pdf:
        tables = [page.find_tables()[-1] for page in pdf.pages]
        pages = [
            {"widths": [(c[2] - c[0]) / MM for c in table.rows[0].cells], "rows": table.extract(), "chars": page.chars}
            for page, table in zip(pdf.pages, tables)
        ]
    return folder, pages


def test_the_signature_column_is_the_widest(sheet):
    _, pages = sheet
    for page in pages:
        widths = dict(zip(HEADER, page["widths"]))
        assert widths["Signature"] >= 55
        assert widths["Signature"] == max(widths.values()), widths


def test_a_forty_character_name_stands_on_one_line(sheet):
    _, pages = sheet
    [row] = [row for page in pages for row in page["rows"] if row[1] and row[1].startswith("William")]
    assert row[1] == WIDE_NAME  # no line break inside the cell


def test_the_header_is_on_every_page_and_five_blank_rows_follow_the_list(sheet):
    _, pages = sheet
    assert len(pages) > 1
    assert all(page["rows"][0] == HEADER for page in pages)
    rows = [row for page in pages for row in page["rows"][1:]]
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(NAMES) + 6)]
    assert all(row[1:] == ["", "", ""] for row in rows[-5:])
    assert all(row[1] for row in rows[:-5])


def test_one_alphabetical_order_on_the_sheet_and_in_attendance_csv(sheet):
    folder, pages = sheet
    listed = [row[1] for page in pages for row in page["rows"][1:] if row[1]]
    with open(folder / "attendance.csv", encoding="utf-8-sig", newline="") as stream:
        recorded = [row["name"] for row in csv.DictReader(stream)]
    assert [name.replace("’", "'") for name in listed] == recorded
    assert recorded[:4] == ["Zoë Adeyemi", "Aisha Khan", "Siân Angharad Llewelyn-Prys", WIDE_NAME]
    assert "Patrick O’Sullivan" in listed  # a typographic apostrophe on paper


def test_the_people_print_job_starts_with_instructions_and_names_each_booklet_in_the_same_order(sheet):
    folder, pages = sheet
    listed = [row[1] for page in pages for row in page["rows"][1:] if row[1]]
    texts = pdf_page_texts(folder / "people-booklets-imposed.pdf")
    booklet_sides = len(pdf_page_texts(next(folder.glob("*/booklet.pdf")))) // 2
    assert "How to print these named booklets" in texts[0] and f"{len(NAMES)} named copies" in texts[0]
    assert "This page is intentionally blank" in texts[1]
    assert len(texts) == 2 + len(NAMES) * (2 + booklet_sides)
    slips = texts[2 :: 2 + booklet_sides]
    prefix = "The booklet under this sheet is for "
    assert [slip.split(prefix)[1].split(" Councillor")[0].strip() for slip in slips] == listed
    assert all("This side is blank" in texts[3 + i * (2 + booklet_sides)] for i in range(len(NAMES)))
    first_cover = texts[4]  # the first booklet's outer side: back cover and front cover
    assert f"Prepared for {listed[0]}" in first_cover
