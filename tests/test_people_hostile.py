"""packgen induct against hostile or odd lists of people, notices and people/ folders (issue 23).

Workbooks are built here with openpyxl, then their XML is edited inside the zip to make what
Excel, other programs or an attacker can hand packgen: a stale or huge <dimension>, a hidden
first sheet, a chartsheet only, a missing sheet part, truncated XML.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from conftest import ROOT, run_cli

COUNTY_PACK = ROOT / "tests" / "packs" / "county-induction"
PACKGEN = Path(sys.executable).parent / "packgen"
SHEET = "xl/worksheets/sheet1.xml"
MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for a packgen that must not balloon
PEOPLE = [["Siân Jones", "Councillor", "Abbey"], ["Llŷr Evans", "Councillor", "Olney"], ["Ann Lee", "Officer", ""]]
DUPLICATE = ["Siân Jones", "Councillor", "Abbey"]  # the same person as the first: a problem on its own row


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Problems name the file as the user gave it: relative to where packgen runs."""
    monkeypatch.chdir(tmp_path)


def workbook(path: Path, *sheets: list[list], first_row: int = 1, hidden_first: bool = False) -> Path:
    """A workbook with one worksheet per list of rows, the first starting at `first_row`."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for number, rows in enumerate(sheets):
        sheet = book.create_sheet(f"Sheet{number + 1}")
        for offset, row in enumerate(rows):
            for column, value in enumerate(row, start=1):
                sheet.cell(row=(first_row if number == 0 else 1) + offset, column=column, value=value)
    if hidden_first:
        book.worksheets[0].sheet_state = "hidden"
    book.save(path)
    return path


def rewrite(path: Path, part: str, change) -> Path:
    """Edit one part of the zip (`change` takes and returns its text; None deletes the part)."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            if name == part:
                if change is None:
                    continue
                data = change(data.decode("utf-8")).encode("utf-8")
            archive.writestr(name, data)
    return path


def dimension(ref: str):
    return lambda xml: re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>', xml)


def people_rows(*extra: list) -> list[list]:
    return [["Name", "Role", "Ward"], *PEOPLE, *extra]


def induct(people: Path, *options: str):
    return run_cli("induct", COUNTY_PACK, "--people", people, "--out", "out", "--quiet", *options)


def induct_process(*options: str, limit: int = MEMORY_LIMIT, timeout: float = 60) -> subprocess.CompletedProcess:
    """packgen induct as its own process, with a memory limit: a file that makes it balloon fails
    the test with MemoryError (or a timeout) instead of swamping the machine."""

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))

    return subprocess.run(
        [str(PACKGEN), "induct", str(COUNTY_PACK), "--out", "out", "--quiet", *options],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limited,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def problem_lines(output: str, where: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{where}:")]


# Item 7: what an officer filled in is never overwritten.


@pytest.mark.slow
def test_a_filled_in_attendance_csv_is_never_overwritten_and_the_message_says_how_to_keep_it(tmp_path):
    people = workbook(tmp_path / "people.xlsx", people_rows())
    assert induct(people).exit_code == 0
    folder = tmp_path / "out" / "county-induction" / "people"
    attendance = folder / "attendance.csv"
    filled_in = attendance.read_text(encoding="utf-8-sig").replace(",,,\r\n", ",yes,yes,\r\n", 1)
    attendance.write_text(filled_in, encoding="utf-8-sig")

    refused = induct(people, "--venue", "Council Chamber")
    assert refused.exit_code == 4, refused.output
    assert "attendance.csv" in refused.output and "move it elsewhere" in refused.output
    assert "filled in" in refused.output and "Nothing was written" in refused.output
    assert attendance.read_text(encoding="utf-8-sig") == filled_in

    attendance.rename(tmp_path / "attendance-kept.csv")  # as the message says
    assert induct(people, "--venue", "Council Chamber").exit_code == 0
    assert "Council Chamber" in attendance.read_text(encoding="utf-8-sig")


def test_any_file_of_people_changed_since_induct_wrote_it_is_refused(tmp_path):
    from generator.publish.people_folder import refuse_strangers
    from generator.errors import OutputError

    folder = tmp_path / "people"
    (folder / "ann-lee").mkdir(parents=True)
    (folder / "ann-lee" / "certificate.pdf").write_bytes(b"%PDF- as written")
    (folder / "manifest.json").write_text(
        '{"session": {}, "people": ["ann-lee"], "artefacts": [{"kind": "certificate", '
        '"path": "ann-lee/certificate.pdf", "sha256": "' + hashlib.sha256(b"%PDF- as written").hexdigest() + '"}]}'
    )
    refuse_strangers(folder)  # as written: packgen's to replace
    (folder / "ann-lee" / "certificate.pdf").write_bytes(b"%PDF- signed by hand")
    with pytest.raises(OutputError, match=r"ann-lee/certificate\.pdf in .* changed since packgen induct wrote it"):
        refuse_strangers(folder)


# Item 11: limits applied while reading, in the main process too.


LAST_ROW = (
    '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>Siân Jones</t></is></c>'
    '<c r="B1048576" t="inlineStr"><is><t>Councillor</t></is></c>'
    '<c r="C1048576" t="inlineStr"><is><t>Abbey</t></is></c></row>'
)


def test_a_workbook_declaring_a_million_rows_and_16384_columns_is_read_as_it_is(tmp_path):
    # Excel's largest sheet declared, and one person on its last row: packgen used to pad every
    # row out to 16,384 cells (about 128 GB); read as written, the last row is one duplicate.
    people = rewrite(
        workbook(tmp_path / "people.xlsx", people_rows()),
        SHEET,
        lambda xml: dimension("A1:XFD1048576")(xml).replace("</sheetData>", LAST_ROW + "</sheetData>"),
    )
    assert people.stat().st_size < 10_000
    result = induct_process("--people", "people.xlsx")
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr[-2000:]
    assert problem_lines(result.stderr, "people.xlsx") == [
        "people.xlsx:1048576: Siân Jones is the same person as row 2 (Siân Jones); delete one of the two rows"
    ]


def test_a_workbook_that_unpacks_to_far_more_than_a_list_of_people_is_refused(tmp_path):
    filler = "<row><c><v>1</v></c></row>" * 4_000_000  # about 100 MB of XML, 200 KB zipped
    people = rewrite(
        workbook(tmp_path / "people.xlsx", people_rows()),
        SHEET,
        lambda xml: xml.replace("</sheetData>", filler + "</sheetData>"),
    )
    assert people.stat().st_size < 1_000_000
    result = induct_process("--people", "people.xlsx")
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr[-2000:]
    [problem] = problem_lines(result.stderr, "people.xlsx")
    assert problem.startswith("people.xlsx:1: ") and "MB" in problem


def test_a_row_numbered_past_excels_last_row_is_refused_at_once(tmp_path):
    far = '<row r="99999999999"><c r="A99999999999" t="inlineStr"><is><t>Ann Lee</t></is></c></row>'
    people = rewrite(
        workbook(tmp_path / "people.xlsx", people_rows()),
        SHEET,
        lambda xml: dimension("A1:C99999999999")(xml).replace("</sheetData>", far + "</sheetData>"),
    )
    result = induct_process("--people", people.name, timeout=30)
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr[-2000:]
    [problem] = problem_lines(result.stderr, "people.xlsx")
    assert problem.startswith("people.xlsx:1: ") and "1,048,576" in problem


@pytest.mark.parametrize("notice", ["/dev/zero", "fifo", "."])
def test_a_privacy_notice_that_is_not_a_file_is_refused_unread(tmp_path, notice):
    if notice == "fifo":
        os.mkfifo(tmp_path / "fifo")
    people = workbook(tmp_path / "people.xlsx", people_rows())
    result = induct_process("--people", people.name, "--privacy-notice", notice, timeout=30)
    assert "Traceback" not in result.stderr and result.returncode in (1, 2), result.stderr[-2000:]
    assert "not a file" in result.stderr or "is a directory" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_privacy_notice_is_read_only_as_far_as_its_limit(tmp_path):
    notice = tmp_path / "notice.txt"
    with open(notice, "wb") as stream:  # 2 GB that takes no room on the disk
        stream.truncate(2 * 1024**3)
    people = workbook(tmp_path / "people.xlsx", people_rows())
    result = induct_process("--people", people.name, "--privacy-notice", notice.name, limit=1024**3)
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr[-2000:]
    assert problem_lines(result.stderr, "notice.txt")


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_people_list_that_is_not_a_file_is_refused_unread(tmp_path, kind):
    if kind == "fifo":
        os.mkfifo(tmp_path / "fifo")
    result = induct_process("--people", kind, timeout=30)
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr[-2000:]
    assert "is not a file" in result.stderr


def test_past_a_thousand_people_the_row_past_the_limit_is_named_and_the_rest_still_checked(tmp_path):
    rows = ["name,role"] + [f"Person {n},Councillor" for n in range(1, 1001)] + ["Person 1001,Councillor"] * 3
    rows[5] = ",Councillor"  # row 6: a problem among the first thousand is still reported
    people = tmp_path / "people.csv"
    people.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = induct(people)
    assert result.exit_code == 1, result.output
    assert problem_lines(result.output, "people.csv") == [
        "people.csv:6: the name is empty; fill it in, or delete the row",
        "people.csv:1002: has more than 1000 people; split the list into sessions",
    ]


# Item 15: workbooks as Excel and others write them.


def test_rows_are_numbered_as_the_spreadsheet_numbers_them_when_the_table_starts_lower(tmp_path):
    people = workbook(tmp_path / "people.xlsx", people_rows(DUPLICATE), first_row=3)
    result = induct(people)
    assert result.exit_code == 1, result.output
    assert problem_lines(result.output, "people.xlsx") == [
        "people.xlsx:7: Siân Jones is the same person as row 4 (Siân Jones); delete one of the two rows"
    ]


def test_rows_past_a_stale_dimension_are_read(tmp_path):
    people = rewrite(workbook(tmp_path / "people.xlsx", people_rows(DUPLICATE)), SHEET, dimension("A1:C2"))
    result = induct(people)
    assert result.exit_code == 1, result.output
    assert problem_lines(result.output, "people.xlsx") == [
        "people.xlsx:5: Siân Jones is the same person as row 2 (Siân Jones); delete one of the two rows"
    ]


def test_the_first_visible_sheet_is_read_not_a_hidden_one(tmp_path):
    hidden = [["Party", "Votes"], ["Independent", 12]]
    people = workbook(tmp_path / "people.xlsx", hidden, people_rows(DUPLICATE), hidden_first=True)
    result = induct(people)
    assert result.exit_code == 1, result.output
    assert problem_lines(result.output, "people.xlsx") == [
        "people.xlsx:5: Siân Jones is the same person as row 2 (Siân Jones); delete one of the two rows"
    ]


def chartsheet_only(path: Path) -> Path:
    book = openpyxl.Workbook()
    data = book.active
    data.append(["Votes"])
    data.append([3])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, min_row=1, max_row=2), titles_from_data=True)
    book.create_chartsheet("Chart").add_chart(chart)
    data.sheet_state = "hidden"
    book.save(path)
    return path


BROKEN_WORKBOOKS = {
    "chartsheet only": lambda path: chartsheet_only(path),
    "every sheet hidden": lambda path: rewrite(
        workbook(path, people_rows()), "xl/workbook.xml", lambda xml: xml.replace('state="visible"', 'state="hidden"')
    ),
    "missing sheet part": lambda path: rewrite(workbook(path, people_rows()), SHEET, None),
    "first of two sheet parts missing": lambda path: rewrite(
        workbook(path, people_rows(), people_rows(DUPLICATE)), SHEET, None
    ),
    "truncated sheet XML": lambda path: rewrite(workbook(path, people_rows()), SHEET, lambda xml: xml[: len(xml) // 2]),
    "sheet XML not XML": lambda path: rewrite(workbook(path, people_rows()), SHEET, lambda xml: "<worksheet"),
    "no workbook part": lambda path: rewrite(workbook(path, people_rows()), "xl/workbook.xml", None),
}


@pytest.mark.parametrize("broken", BROKEN_WORKBOOKS)
def test_a_broken_workbook_is_one_clear_line(tmp_path, broken):
    people = BROKEN_WORKBOOKS[broken](tmp_path / "people.xlsx")
    result = induct(people)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    [problem] = problem_lines(result.output, "people.xlsx")
    assert problem.startswith("people.xlsx:1: ")
    assert "Excel" in problem or "sheet" in problem


def test_something_far_to_the_right_of_the_table_is_reported_not_dropped(tmp_path):
    people = workbook(tmp_path / "people.xlsx", people_rows())
    rewrite(
        people,
        SHEET,
        lambda xml: xml.replace(
            "</row></sheetData>", '<c r="ZZ5" t="inlineStr"><is><t>stray</t></is></c></row></sheetData>'
        ),
    )
    result = induct(people)
    assert result.exit_code == 1, result.output
    [problem] = problem_lines(result.output, "people.xlsx")
    assert problem.startswith("people.xlsx:4: ") and '"stray" is in a column with no heading' in problem


# Item 17: encodings and characters.


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_list_as_excel_saves_unicode_text_is_read(tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    text = "\r\n".join("\t".join(row) for row in people_rows(DUPLICATE)) + "\r\n"
    people = tmp_path / "people.txt"
    people.write_bytes(bom + text.encode(codec))
    result = induct(people)
    assert result.exit_code == 1, result.output
    assert problem_lines(result.output, "people.txt") == [
        "people.txt:5: Siân Jones is the same person as row 2 (Siân Jones); delete one of the two rows"
    ]


def test_utf16_without_a_byte_order_mark_is_named_and_the_fix_given(tmp_path):
    people = tmp_path / "people.csv"
    people.write_bytes("name,role\nAnn Lee,Officer\n".encode("utf-16-le"))
    result = induct(people)
    assert result.exit_code == 1, result.output
    [problem] = problem_lines(result.output, "people.csv")
    assert "UTF-16" in problem and "CSV UTF-8" in problem and "binary" not in problem


INVISIBLE_AND_UNPRINTABLE = [
    ("Siân\u202e Jones", "RIGHT-TO-LEFT OVERRIDE (U+202E)"),
    ("Llŷr\u2066 Evans", "LEFT-TO-RIGHT ISOLATE (U+2066)"),
    ("Ann\u200b Lee", "ZERO WIDTH SPACE (U+200B)"),
    ("Tom Be\u00adll", "SOFT HYPHEN (U+00AD)"),
    ("Priya\ufeff Patel", "ZERO WIDTH NO-BREAK SPACE (U+FEFF)"),
    ("Chen \ue000Wei", "U+E000"),
    ("Mary \u738b", "U+738B"),
]


def test_invisible_and_unprintable_characters_in_names_are_refused_by_row_and_named(tmp_path):
    rows = [["Name", "Role", "Ward"]] + [[name, "Councillor", "Abbey"] for name, _ in INVISIBLE_AND_UNPRINTABLE]
    people = tmp_path / "people.csv"
    people.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    result = induct(people)
    assert result.exit_code == 1, result.output
    problems = problem_lines(result.output, "people.csv")
    assert [line.split(":")[1] for line in problems] == [
        str(row) for row in range(2, 2 + len(INVISIBLE_AND_UNPRINTABLE))
    ]
    for problem, (_, described) in zip(problems, INVISIBLE_AND_UNPRINTABLE):
        assert described in problem and "the name" in problem


def test_a_role_or_ward_with_an_invisible_character_is_refused_too(tmp_path):
    people = workbook(tmp_path / "people.xlsx", people_rows(["Bob Lee", "Councillor", "Ab\u202ebey"]))
    result = induct(people)
    assert result.exit_code == 1, result.output
    [problem] = problem_lines(result.output, "people.xlsx")
    assert problem.startswith("people.xlsx:5: the ward") and "RIGHT-TO-LEFT OVERRIDE (U+202E)" in problem


@pytest.mark.parametrize("option", ["--venue", "--session-title"])
@pytest.mark.parametrize("value", ["Council\u202e Chamber", "Council \ue000Chamber", "Council\x07 Chamber"])
def test_venue_and_session_title_with_characters_that_cannot_print_are_a_command_line_error(tmp_path, option, value):
    people = workbook(tmp_path / "people.xlsx", people_rows())
    result = induct(people, option, value)
    assert result.exit_code == 2, result.output
    assert option in result.output and "U+" in result.output
    assert not (tmp_path / "out").exists()


def test_a_privacy_notice_with_characters_that_cannot_print_is_refused(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text("We keep this sheet\u202e for a year.", encoding="utf-8")
    people = workbook(tmp_path / "people.xlsx", people_rows())
    result = induct(people, "--privacy-notice", notice)
    assert result.exit_code == 1, result.output
    [problem] = problem_lines(result.output, "notice.txt")
    assert "RIGHT-TO-LEFT OVERRIDE (U+202E)" in problem
