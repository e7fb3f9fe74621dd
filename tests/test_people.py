"""The list of people for packgen induct: every file shape a council sends, every problem by row."""

from __future__ import annotations

import codecs

import openpyxl
import pytest

from generator.errors import ContentError
from generator.content.people import MAX_NAME, read_people

HEADER = "name,role,ward,email\n"
LONG_NAME = (
    "Dame Margaret Elizabeth Anne-Marie Fotheringham-Worthington Montgomery-Smythe of the "
    "Ancient Borough of Little Snoring"
)
LONG_NAME = (LONG_NAME + " Evans" * 10)[:MAX_NAME].rstrip()


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Problems name the file as the user gave it: relative to where packgen runs."""
    monkeypatch.chdir(tmp_path)


def write(tmp_path, text: str, encoding: str = "utf-8", name: str = "people.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems(path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        read_people(path)
    return [str(problem) for problem in caught.value.problems]


def test_utf8_with_and_without_bom_read_alike(tmp_path):
    text = HEADER + "Siân Jones,Councillor,Bletchley East,\nLlŷr Evans,Councillor,Olney,llyr@example.org\n"
    plain = read_people(write(tmp_path, text, name="plain.csv"))
    bom = read_people(write(tmp_path, codecs.BOM_UTF8.decode("utf-8") + text, name="bom.csv"))
    assert [p.name for p in plain.people] == [p.name for p in bom.people] == ["Siân Jones", "Llŷr Evans"]
    assert (plain.encoding, bom.encoding) == ("UTF-8", "UTF-8 with BOM")
    assert plain.notes == bom.notes == []


def test_windows_1252_is_read_and_reported(tmp_path):
    people = read_people(write(tmp_path, HEADER + "Siân O'Brien,Councillor,Olney,\n", encoding="cp1252"))
    assert people.people[0].name == "Siân O'Brien"
    assert people.encoding == "Windows-1252"
    assert "saved as Windows-1252" in people.notes[0] and "CSV UTF-8" in people.notes[0]


def test_a_letter_windows_1252_cannot_hold_is_reported_on_its_row(tmp_path):
    # Excel's older "CSV (Comma delimited)" writes ŷ as "?": the name was lost before packgen saw it.
    lost = "Llŷr Evans,Councillor,Olney,\n".encode("cp1252", errors="replace").decode("cp1252")
    path = write(tmp_path, HEADER + "Siân Jones,Councillor,Olney,\n" + lost, encoding="cp1252")
    [problem] = problems(path)
    assert problem.startswith('people.csv:3: the name "Ll?r Evans" has a "?" where a letter was lost')
    assert "CSV UTF-8" in problem


def test_every_bad_row_is_reported_at_once(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "Siân Jones,Councillor,Bletchley East,\n"
        + ",Councillor,Olney,\n"
        + "siân  jones,councillor,Bletchley East,\n"
        + "Tom Bell,Councillor,Olney,not-an-email\n"
        + "Ann Lee,Officer,,ann@example.org\n"
        + "Bob Lee,Officer,,ANN@example.org\n"
        + "X" * (MAX_NAME + 1)
        + ",Councillor,Olney,\n",
    )
    assert problems(path) == [
        "people.csv:3: the name is empty; fill it in, or delete the row",
        "people.csv:4: siân jones is the same person as row 2 (Siân Jones); delete one of the two rows",
        'people.csv:5: the email "not-an-email" is not an email address; correct it or leave it blank',
        "people.csv:7: Bob Lee is the same email address as row 6 (Ann Lee); delete one of the two rows",
        f"people.csv:8: the name is {MAX_NAME + 1} characters long; at most {MAX_NAME} fit on the cover, "
        "certificate and sign-in sheet: shorten it",
    ]


def test_same_name_different_wards_are_two_people_with_two_folders(tmp_path):
    people = read_people(
        write(
            tmp_path,
            HEADER + "Jane Smith,Councillor,North,\nJane Smith,Councillor,South,\nJane Smith,Councillor,East,\n",
        )
    )
    assert [p.slug for p in people.people] == ["jane-smith", "jane-smith-2", "jane-smith-3"]


def test_apostrophes_accents_and_a_120_character_name_are_accepted(tmp_path):
    assert len(LONG_NAME) <= MAX_NAME
    people = read_people(
        write(
            tmp_path,
            HEADER + f"Patrick O'Brien,Councillor,Olney,\n{LONG_NAME},Councillor,,\nLlŷr Ap Rhys,Co-opted member,,\n",
        )
    )
    assert [p.name for p in people.people] == ["Patrick O'Brien", LONG_NAME, "Llŷr Ap Rhys"]
    assert [p.slug for p in people.people][0::2] == ["patrick-obrien", "llyr-ap-rhys"]
    assert len(people.people[1].slug) <= 60


def test_folder_names_keep_every_letter_transliterated(tmp_path):
    """Letters ASCII lacks were dropped: "Łukasz" made the folder "ukasz-nowak"."""
    people = read_people(
        write(
            tmp_path, HEADER + "Łukasz Nowak,Councillor,,\nAnna Strauß,Councillor,,\nÆthelred Æsc,Co-opted member,,\n"
        )
    )
    assert [p.slug for p in people.people] == ["lukasz-nowak", "anna-strauss", "aethelred-aesc"]


def test_headers_are_matched_ignoring_case_and_their_spelling_is_documented(tmp_path):
    people = read_people(
        write(tmp_path, "FULL NAME,Role,Electoral Division,E-mail\nAnn Lee,Councillor,Abbey,a@b.org\n")
    )
    person = people.people[0]
    assert (person.name, person.role, person.ward, person.email) == ("Ann Lee", "Councillor", "Abbey", "a@b.org")


def test_unknown_and_missing_columns(tmp_path):
    assert problems(write(tmp_path, "name,party\nAnn Lee,Independent\n")) == [
        'people.csv:1: unknown column "party"; the columns packgen reads are name, role, ward (or division) '
        "and email: rename or delete this column"
    ]
    assert problems(write(tmp_path, "role,ward\nCouncillor,Olney\n"))[0].startswith("people.csv:1: no name column")


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", "is not a table of people: it is empty"),
        (b"%PDF-1.7\n\x00\x01\x02binary", "is not a table of people: it holds binary data"),
        (b"name\n", "lists no people"),
    ],
)
def test_a_file_that_is_not_a_list_of_people(tmp_path, data, expected):
    path = tmp_path / "people.csv"
    path.write_bytes(data)
    [problem] = problems(path)
    assert problem.startswith("people.csv:1: ") and expected in problem


def test_a_broken_workbook_is_not_a_table(tmp_path):
    path = tmp_path / "people.xlsx"
    path.write_bytes(b"PK\x03\x04 this is no workbook")
    [problem] = problems(path)
    assert problem.startswith("people.xlsx:1: is not a table of people: it is not an Excel workbook")


def test_xlsx_rows_are_numbered_as_excel_shows_them(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Role", "Division"])
    sheet.append(["Siân Jones", "Councillor", "Abbey"])
    sheet.append([None, "Councillor", "Hillside"])
    sheet.append(["Llŷr Evans", None, 42])
    path = tmp_path / "people.xlsx"
    book.save(path)
    assert problems(path) == ["people.xlsx:3: the name is empty; fill it in, or delete the row"]
    sheet.delete_rows(3)
    book.save(path)
    people = read_people(path)
    assert [(p.row, p.name, p.ward) for p in people.people] == [(2, "Siân Jones", "Abbey"), (3, "Llŷr Evans", "42")]
    assert people.encoding == "XLSX" and people.notes == []


def test_surname_order_ignores_apostrophes_and_accents(tmp_path):
    people = read_people(write(tmp_path, HEADER + "Zoë Ward,,,\nPatrick O'Brien,,,\nAnn Nowak,,,\nÉlise Oakes,,,\n"))
    assert [p.name for p in people.in_surname_order()] == ["Ann Nowak", "Élise Oakes", "Patrick O'Brien", "Zoë Ward"]


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path):
    people = read_people(write(tmp_path, HEADER + ",,,\nAnn Lee,,,\n\n,,,\nBob Lee,,,\n"))
    assert [(p.row, p.name) for p in people.people] == [(3, "Ann Lee"), (6, "Bob Lee")]
