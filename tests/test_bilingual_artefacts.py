"""Issue 29, item 3: the artefacts a bilingual pack prints in both languages at once, Welsh first.
The certificate and the sign-in sheet in one document (every phrase, date and title in Welsh, the
English under it), and the flip booklet (Welsh from the front cover, English from the back, upside
down), imposed for the office printer. Read back from the PDFs: text, its place and its rotation."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader

from conftest import ROOT, run_cli

from generator.artefacts import bilingual_booklet, booklet, cards_bilingual
from generator.artefacts.base import BuildContext
from generator.content.people import PeopleList, Person
from generator.content.reader import load_pack
from generator.pdf.flip import Leaf, flip_booklet, flip_order
from generator.people.certificate import render_certificate, signers
from generator.people.sign_in import Session, render_sign_in_sheet

BILINGUAL = ROOT / "tests" / "packs" / "bilingual"
BUILT = dt.date(2026, 6, 1)
SESSION_DAY = dt.date(2026, 5, 12)
MM = 72 / 25.4
A5 = (148 * MM, 210 * MM)
PDF_CHECK = Path("/work/shared/tools/pdf-check")


# The flip booklet's order: pure arithmetic --------------------------------------------------------


def test_the_welsh_half_reads_from_the_front_and_the_english_from_the_back_turned():
    order = flip_order(8, 8)
    assert order[:8] == [Leaf(0, page, False) for page in range(1, 9)]
    assert order[8:] == [Leaf(1, page, True) for page in range(8, 0, -1)]  # English page 1 is the back cover


def test_the_shorter_half_is_padded_before_its_back_page_so_both_end_at_the_centre_spread():
    order = flip_order(8, 12)
    assert len(order) == 24
    welsh, english = order[:12], order[12:][::-1]
    assert welsh[:7] == [Leaf(0, page, False) for page in range(1, 8)]
    assert welsh[7:11] == [Leaf(0, None, False)] * 4  # blanks before the Welsh back page
    assert welsh[11] == Leaf(0, 8, False)  # the Welsh back page faces the English back page
    assert english == [Leaf(1, page, True) for page in range(1, 13)]
    assert (order[11], order[12]) == (Leaf(0, 8, False), Leaf(1, 12, True))  # the centre spread


def test_halves_of_odd_lengths_still_make_whole_sheets():
    for first, second in ((2, 2), (6, 4), (4, 10)):
        assert len(flip_order(first, second)) % 4 == 0


# The flip booklet from two small booklets whose every page says which it is -----------------------


def labelled_booklet(language: str, pages: int) -> bytes:
    """An A5 booklet whose page n says '<language> page n' in one line near its top left."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    for number in range(1, pages + 1):
        page = pdf.add_blank_page(page_size=A5)
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        text = f"BT /F1 14 Tf 30 560 Td ({language} page {number}) Tj ET".encode()
        page.obj.Contents = pdf.make_stream(text)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def small_flip():
    return flip_booklet(labelled_booklet("cy", 8), labelled_booklet("en", 4), title="Test")


def test_the_flip_booklets_pages_are_the_welsh_then_the_english_backwards_upside_down(small_flip):
    reader = PdfReader(io.BytesIO(small_flip.pages))
    assert len(reader.pages) == 16 and small_flip.half == 8
    texts = [page.extract_text().strip() for page in reader.pages]
    rotations = [page.get("/Rotate", 0) for page in reader.pages]
    assert texts[:8] == [f"cy page {n}" for n in range(1, 9)]
    assert rotations[:8] == [0] * 8
    # the English half from the back cover inwards: page 1 last, then 2, 3; blanks; its back page 4 at the centre
    assert texts[8:] == ["en page 4", "", "", "", "", "en page 3", "en page 2", "en page 1"]
    assert rotations[8:] == [180] * 8


def side_words(pdf: pdfplumber.PDF, index: int) -> list[tuple[str, float, bool]]:
    """(words, x of their first letter, upside down) of each text line on one imposed side."""
    lines: dict[tuple[float, bool], list] = {}
    for char in pdf.pages[index].chars:
        turned = char["matrix"][0] < 0
        lines.setdefault((round(char["top"]), turned), []).append(char)
    found = []
    for (_, turned), chars in lines.items():
        chars.sort(key=lambda c: c["x0"], reverse=turned)  # upside down, a line reads right to left
        found.append(("".join(c["text"] for c in chars), min(c["x0"] for c in chars), turned))
    return sorted(found, key=lambda line: line[1])


def test_the_imposed_sheets_put_the_covers_outside_and_the_two_back_pages_at_the_centre(small_flip):
    with pdfplumber.open(io.BytesIO(small_flip.sheets)) as pdf:
        assert len(pdf.pages) == 8  # 16 pages, four to a sheet of A4, two sides each
        fold = float(pdf.pages[0].width) / 2
        outside = side_words(pdf, 0)
        assert [(text, x > fold, turned) for text, x, turned in outside] == [
            ("en page 1", False, True),  # the English cover, upside down, on the left of the first side
            ("cy page 1", True, False),  # the Welsh cover on the right: the front of the folded booklet
        ]
        centre = side_words(pdf, 7)
        assert [(text, turned) for text, _, turned in centre] == [("cy page 8", False), ("en page 4", True)]
        assert centre[0][1] < fold < centre[1][1]
        every_side = [text for index in range(8) for text, _, _ in side_words(pdf, index)]
    assert sorted(every_side) == sorted([f"cy page {n}" for n in range(1, 9)] + [f"en page {n}" for n in range(1, 5)])


def test_the_sheets_are_preset_for_duplex_on_the_short_edge(small_flip):
    with pikepdf.open(io.BytesIO(small_flip.sheets)) as pdf:
        assert pdf.Root.ViewerPreferences.Duplex == pikepdf.Name.DuplexFlipShortEdge
        assert str(pdf.Root.Lang) == "en-GB"


# The certificate and the sign-in sheet ----------------------------------------------------------


@pytest.fixture(scope="module")
def packs():
    return load_pack(BILINGUAL, "cy"), load_pack(BILINGUAL, "en")


def context_of(pack) -> BuildContext:
    return BuildContext(pack, BILINGUAL, BUILT)


def lines_of(data: bytes) -> list[str]:
    """Every line of text, top to bottom, page after page, spaces as one."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [" ".join(line.split()) for page in pdf.pages for line in (page.extract_text() or "").splitlines()]


def below(lines: list[str], first: str, then: str) -> bool:
    """`then` is on a line after `first`'s (running heads and stamps, both languages on one line, aside)."""
    where = {
        text: next(i for i, line in enumerate(lines) if text in line and " / " not in line) for text in (first, then)
    }
    return where[first] < where[then]


@pytest.fixture(scope="module")
def certificate(packs):
    welsh, _ = packs
    return render_certificate(context_of(welsh), SESSION_DAY, signers(context_of(welsh), packs), packs)


def test_the_certificate_says_every_phrase_in_welsh_with_the_english_under_it(certificate):
    assert certificate.pages == 1
    lines = lines_of(certificate.data)
    pairs = [
        ("Cyngor Sir Prawf", "Test County Council"),
        ("Tystysgrif cwblhau", "Certificate of completion"),
        ("Mae hyn i dystio bod", "This is to certify that"),
        ("wedi cwblhau’r hyfforddiant", "has completed the training"),
        ("Cymryd rhan yng nghyfarfodydd y cyngor", "Taking part in council meetings"),
        ("Sesiwn hyfforddi ar 12 Mai 2026", "Training session on 12 May 2026"),
        ("Pennaeth Gwasanaethau Democrataidd", "Head of Democratic Services"),
    ]
    for welsh, english in pairs:
        assert below(lines, welsh, english), (welsh, english, lines)
    assert below(lines, "Certificate of completion", "Mae hyn i dystio bod")  # pair by pair, not two halves


def test_a_welsh_only_pack_keeps_its_welsh_only_certificate(packs):
    welsh, _ = packs
    text = " ".join(lines_of(render_certificate(context_of(welsh), SESSION_DAY, signers(context_of(welsh))).data))
    assert "Tystysgrif cwblhau" in text and "12 Mai 2026" in text
    assert "Certificate" not in text and "May" not in text


PEOPLE = PeopleList(
    "people.csv",
    tuple(
        Person(row, name, "Councillor", ward, slug=name.lower().replace(" ", "-"))
        for row, (name, ward) in enumerate(
            [("Rhian Thomas", "Aber"), ("Dafydd Lloyd", "Bala"), ("Siân Lyons", "Conwy"), ("Owain Tudor", "Dyfi")],
            start=2,
        )
    ),
    "UTF-8",
)


@pytest.fixture(scope="module")
def sign_in(packs):
    welsh, _ = packs
    return render_sign_in_sheet(context_of(welsh), PEOPLE, Session(date=SESSION_DAY, venue="Neuadd y Sir"), packs)


def test_the_sign_in_sheet_is_bilingual_welsh_first(sign_in):
    lines = lines_of(sign_in.data)
    text = "\n".join(lines)
    assert below(lines, "Taflen gofrestru: Cymryd rhan yng nghyfarfodydd y cyngor", "Sign-in sheet: Taking part")
    for welsh, english in (("Sefydliad", "Organisation"), ("12 Mai 2026", "12 May 2026"), ("Enw", "Name")):
        assert below(lines, welsh, english), (welsh, english)
    assert below(lines, "Eich gwybodaeth.", "Your information.")  # both privacy notices, Welsh first
    assert "Cyngor Sir Prawf yn casglu" in text and "Test County Council collects" in text
    assert "Tudalen 1 o" in text and "Page 1 of" in text
    assert "DRAFFT · Fersiwn 1.0" in text and "DRAFT · Version 1.0" in text


def test_the_sign_in_sheets_first_page_has_room_for_names(sign_in):
    first_page = lines_of(sign_in.data)[: len(PdfReader(io.BytesIO(sign_in.data)).pages[0].extract_text().splitlines())]
    assert any("Siân Lyons" in line for line in first_page), first_page


def test_the_bilingual_sign_in_sheet_lists_names_in_the_welsh_alphabets_order(sign_in):
    names = [line for line in lines_of(sign_in.data) if any(n in line for n in ("Thomas", "Lloyd", "Lyons", "Tudor"))]
    order = [next(n for n in ("Lyons", "Lloyd", "Tudor", "Thomas") if n in line) for line in names]
    assert order == ["Lyons", "Lloyd", "Tudor", "Thomas"]  # ll and th are letters of their own


def test_the_bilingual_certificate_and_sign_in_sheet_pass_pdf_ua_checks(certificate, sign_in, tmp_path):
    if not PDF_CHECK.exists():
        pytest.skip("the shared pdf-check tool is not on this machine")
    for name, pdf in (("certificate.pdf", certificate), ("sign-in-sheet.pdf", sign_in)):
        (tmp_path / name).write_bytes(pdf.data)
        result = subprocess.run(
            [sys.executable, str(PDF_CHECK), "--ua", str(tmp_path / name)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


# The pocket cards ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def card_sheet(packs):
    welsh, english = packs
    (output,) = cards_bilingual.render_sheet(context_of(welsh), context_of(english))
    return output


def words_by_half(data: bytes, page: int) -> tuple[str, str]:
    """A page's text in its left half and in its right half."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sheet = pdf.pages[page]
        middle = float(sheet.width) / 2
        halves = [sheet.crop((0, 0, middle, sheet.height)), sheet.crop((middle, 0, sheet.width, sheet.height))]
        return tuple(" ".join((half.extract_text() or "").split()) for half in halves)


def test_bilingual_cards_are_welsh_on_the_front_and_english_behind_each_face(card_sheet):
    assert (card_sheet.kind, card_sheet.filename, card_sheet.pages) == (
        "cards-sheet-bilingual",
        "cards-sheet-bilingual.pdf",
        2,
    )
    fronts_left, fronts_right = words_by_half(card_sheet.data, 0)
    backs_left, backs_right = words_by_half(card_sheet.data, 1)
    fronts, backs = fronts_left + fronts_right, backs_left + backs_right
    assert "Cyn y cyfarfod" in fronts and "Datgan buddiannau" in fronts and "adolygu 12 Mai 2027" in fronts
    assert "Before the meeting" not in fronts and "review" not in fronts
    assert "Before the meeting" in backs and "Declaring interests" in backs and "review 12 May 2027" in backs
    assert "Cyn y cyfarfod" not in backs and "adolygu" not in backs
    # each English face behind its Welsh one: mirrored across the sheet for a long-edge flip
    assert "Cyn y cyfarfod" in fronts_left and "Before the meeting" in backs_right
    assert "Datgan buddiannau" in fronts_right and "Declaring interests" in backs_left


def test_the_bilingual_print_file_gives_each_welsh_face_then_its_english(packs):
    welsh, english = packs
    (output,) = cards_bilingual.render_print(context_of(welsh), context_of(english))
    reader = PdfReader(io.BytesIO(output.data))
    first_lines = [page.extract_text().strip().splitlines()[0] for page in reader.pages]
    expected = ["Cyn y cyfarfod", "Before the meeting", "Datgan buddiannau", "Declaring interests"]
    assert [line.startswith(heading) for line, heading in zip(first_lines, expected, strict=True)] == [True] * 4


# The flip booklet from the bilingual pack's own booklets -----------------------------------------


@pytest.mark.slow  # lays out the booklet in Welsh and in English (several seconds)
def test_the_flip_booklet_of_a_bilingual_pack_starts_in_welsh_and_ends_in_english_upside_down(packs):
    welsh, english = packs
    earlier = {bilingual_booklet.booklet_key(pack.language): booklet.render(context_of(pack), {})[0] for pack in packs}
    once = BuildContext(welsh, BILINGUAL, BUILT, packs=(welsh, english))  # as the build makes it once a pack
    (output,) = bilingual_booklet.render(once, earlier)
    assert (output.kind, output.filename) == ("booklet-bilingual", "booklet-bilingual.pdf")
    with pdfplumber.open(io.BytesIO(output.data)) as pdf:
        assert len(pdf.pages) == output.pages == 2 + earlier["booklet:cy"].pages  # instructions, then the sides
        cover = pdf.pages[2]
        middle = float(cover.width) / 2
        right = [c for c in cover.chars if c["x0"] > middle]
        left = [c for c in cover.chars if c["x0"] < middle]
    assert "Cymryd rhan" in "".join(c["text"] for c in right) and all(c["matrix"][0] > 0 for c in right)
    assert all(c["matrix"][0] < 0 for c in left)  # the English cover, upside down
    english_cover = "".join(c["text"] for c in sorted(left, key=lambda c: (-c["top"], -c["x0"])))
    assert "Taking part" in english_cover
    assert bilingual_booklet.render(context_of(english.model_copy(update={"languages": ("en",)})), {}) == []


@pytest.mark.slow  # a whole packgen induct run (several seconds)
def test_packgen_induct_writes_the_bilingual_certificate_and_sign_in_sheet(tmp_path):
    people = tmp_path / "people.csv"
    rows = "".join(f'"{name}",Councillor,Aber,\n' for name in ("Rhian Thomas", "Dafydd Lloyd", "Siân Lyons"))
    people.write_text("name,role,ward,email\n" + rows, encoding="utf-8")
    result = run_cli("induct", BILINGUAL, "--people", people, "--out", tmp_path / "out", "--session-date", "2026-05-12")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "bilingual" / "people"
    certificate = " ".join(lines_of((folder / "sian-lyons" / "certificate.pdf").read_bytes()))
    assert "Tystysgrif cwblhau Certificate of completion" in certificate and "Siân Lyons" in certificate
    assert "12 Mai 2026" in certificate and "12 May 2026" in certificate
    sheet = " ".join(lines_of((folder / "sign-in-sheet.pdf").read_bytes()))
    assert "Taflen gofrestru" in sheet and "Sign-in sheet" in sheet
    assert sheet.index("Lyons") < sheet.index("Lloyd") < sheet.index("Thomas")
    attendance = (folder / "attendance.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert [row.split(",")[0] for row in attendance] == [
        "Siân Lyons",
        "Dafydd Lloyd",
        "Rhian Thomas",
    ]  # the sheet's order
