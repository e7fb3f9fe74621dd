"""Pocket cards: the office sheet and the print-shop file, measured from the real PDFs."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from conftest import DEFAULT_PACK, edit, line_of, pdf_page_texts, run_cli, snapshot, structure, tool

MM = 72 / 25.4
# The sheet as the issue specifies it, in mm: A4 portrait, 85 x 55 mm cards, 2 columns x 5 rows.
PAGE_W, PAGE_H = 210, 297
CARD_W, CARD_H = 85, 55
SAFE = 5  # text starts this far inside the trim
DRIFT = 4  # no word may come nearer the trim than an office printer drifts
STAMP = "Milton Keynes Council v1.0 · review 1 Mar 2022"  # the cards' short stamp, on every back
URL = "https://www.milton-keynes.gov.uk/"
CARDS = DEFAULT_PACK / "cards.yaml"
FRONTS = {"Before you post": "Potential legal issues", "LGA checklist: do": "LGA checklist: don't"}


# ---- reading the PDFs back ----------------------------------------------------------------


def words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(text, x0, y0, x1, y1) in mm from the page's top left, for every word pdftotext finds."""
    out = subprocess.run(
        [tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out)
    return [(html.unescape(text).replace("’", "'"), *(float(v) / MM for v in box)) for *box, text in found]


def phrase_at(page_words, phrase: str) -> list[tuple[float, float]]:
    """Where each occurrence of `phrase` starts (x0, y0 of its first word), read word by word."""
    wanted = phrase.split()
    texts = [w[0] for w in page_words]
    return [page_words[i][1:3] for i in range(len(texts) - len(wanted) + 1) if texts[i : i + len(wanted)] == wanted]


def front_slots() -> list[tuple[float, float]]:
    """Top-left corners of the ten cards on the fronts page, from the specified sheet geometry."""
    margin_x = (PAGE_W - 2 * CARD_W - 6) / 2
    margin_y = (PAGE_H - 5 * CARD_H) / 2  # rows share one cut
    return [(margin_x + c * (CARD_W + 6), margin_y + r * CARD_H) for r in range(5) for c in range(2)]


def mirrored(slot: tuple[float, float]) -> tuple[float, float]:
    return PAGE_W - slot[0] - CARD_W, slot[1]


def inside(word, left, top, right, bottom) -> bool:
    _, x0, y0, x1, y1 = word
    return x0 >= left and y0 >= top and x1 <= right and y1 <= bottom


@pytest.fixture(scope="module")
def sheet(default_build) -> Path:
    return default_build / "cards-sheet.pdf"


@pytest.fixture(scope="module")
def print_file(default_build) -> Path:
    return default_build / "cards-print.pdf"


# ---- sizes and positions ------------------------------------------------------------------


def test_sheet_is_two_a4_portrait_pages(sheet):
    pages = PdfReader(sheet).pages
    assert len(pages) == 2
    for page in pages:
        assert (round(float(page.mediabox.width) / MM, 1), round(float(page.mediabox.height) / MM, 1)) == (
            PAGE_W,
            PAGE_H,
        )


def test_print_file_is_one_face_a_page_at_trim_plus_3mm_bleed(print_file):
    with pikepdf.open(print_file) as pdf:
        assert len(pdf.pages) == 2 * len(FRONTS)
        for page in pdf.pages:
            media = [float(v) / MM for v in page.obj.MediaBox]
            trim = [float(v) / MM for v in page.obj.TrimBox]
            bleed = [float(v) / MM for v in page.obj.BleedBox]
            assert media[2] - media[0] == pytest.approx(CARD_W + 6, abs=0.01)
            assert media[3] - media[1] == pytest.approx(CARD_H + 6, abs=0.01)
            assert [t - m for t, m in zip(trim[:2], media[:2])] == pytest.approx([3, 3], abs=0.01)
            assert [m - t for t, m in zip(trim[2:], media[2:])] == pytest.approx([3, 3], abs=0.01)
            assert bleed == pytest.approx(media, abs=0.01)


def test_print_file_alternates_fronts_and_backs(print_file):
    pages = [page.replace("’", "'") for page in pdf_page_texts(print_file)]  # printed with typographic apostrophes
    faces = [f for front, back in FRONTS.items() for f in (front, back)]
    assert len(pages) == len(faces)
    for text, face in zip(pages, faces):
        shown = [bool(re.search(re.escape(other) + r"(?![\w'])", text)) for other in faces]
        assert shown == [other == face for other in faces], (face, text)


def test_each_back_lands_behind_its_front_for_a_long_edge_flip(sheet):
    fronts, backs = words(sheet, 1), words(sheet, 2)
    slots = front_slots()
    checked = 0
    for front, back in FRONTS.items():
        front_headings = phrase_at(fronts, front)
        back_headings = phrase_at(backs, back)
        assert len(front_headings) == len(back_headings) == 5
        for x, y in front_headings:
            slot = next(s for s in slots if s[0] < x < s[0] + CARD_W and s[1] < y < s[1] + CARD_H)
            offset = (x - slot[0], y - slot[1])
            expected = (mirrored(slot)[0] + offset[0], mirrored(slot)[1] + offset[1])
            assert any(
                bx == pytest.approx(expected[0], abs=0.01) and by == pytest.approx(expected[1], abs=0.01)
                for bx, by in back_headings
            ), f"{back!r} is not behind {front!r} at {slot}"
            checked += 1
    assert checked == 10


def test_card_text_starts_at_the_safe_margin_of_each_card(sheet):
    headings = sorted(
        phrase_at(words(sheet, 1), "Before you post") + phrase_at(words(sheet, 1), "LGA checklist: do"),
        key=lambda p: (round(p[1]), p[0]),
    )
    assert [round(x - SAFE, 1) for x, _ in headings[:2]] == [round(s[0], 1) for s in front_slots()[:2]]


@pytest.mark.parametrize("page", [1, 2])
def test_every_word_is_inside_its_card_clear_of_the_trim(sheet, page):
    slots = front_slots() if page == 1 else [mirrored(s) for s in front_slots()]
    margin_note = [w for w in words(sheet, page) if w[3] < slots[0][0] - 1 and w[3] < PAGE_W / 2]
    card_words = [w for w in words(sheet, page) if w not in margin_note]
    assert margin_note and len(card_words) > 100
    for word in card_words:
        assert any(inside(word, x + DRIFT, y + DRIFT, x + CARD_W - DRIFT, y + CARD_H - DRIFT) for x, y in slots), word


def test_every_word_of_the_print_file_is_inside_the_trim(print_file):
    for page in range(1, 5):
        for word in words(print_file, page):
            assert inside(word, 3 + DRIFT, 3 + DRIFT, 3 + CARD_W - DRIFT, 3 + CARD_H - DRIFT), (page, word)


# ---- what every card carries --------------------------------------------------------------


def test_the_stamp_is_on_the_back_of_every_card(sheet, print_file):
    stamps = phrase_at(words(sheet, 2), STAMP)
    slots = [mirrored(s) for s in front_slots()]
    assert len(stamps) == 10
    assert all(sum(x < sx < x + CARD_W and y < sy < y + CARD_H for sx, sy in stamps) == 1 for x, y in slots)
    backs = pdf_page_texts(print_file)[1::2]
    assert all(STAMP in text for text in backs)


def test_printing_instructions_are_in_the_sheet_margin(sheet):
    text = pdf_page_texts(sheet)[0]
    for needed in ("double-sided", "flip on long edge", "100% scale"):
        assert needed in text


@pytest.mark.parametrize("name, page, count", [("cards-sheet.pdf", 2, 5), ("cards-print.pdf", 2, 1)])
def test_qr_codes_decode_to_the_pack_url_at_150_dpi(default_build, tmp_path, name, page, count):
    subprocess.run(
        [
            tool("pdftoppm"),
            "-r",
            "150",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            str(default_build / name),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    image = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run([tool("zbarimg"), "-q", "--raw", str(image)], capture_output=True, text=True).stdout
    assert decoded.split() == [URL] * count


def test_qr_code_encodes_the_pack_url_before_rendering():
    """Holds without a decoder: the data handed to the QR library is pack.yaml's url."""
    import segno

    from generator.html.qr import qr_svg

    assert re.search(r"^url: (\S+)$", (DEFAULT_PACK / "pack.yaml").read_text(), re.M).group(1) == URL
    drawn = qr_svg(URL)
    assert f"<title>QR code: opens {URL}</title>" in drawn
    modules = re.search(r' d="([^"]+)"', segno.make(URL, micro=False, error="m").svg_inline(border=2)).group(1)
    assert f'd="{modules}"' in drawn  # the same modules as a code made straight from the url


def test_qr_code_has_alternative_text_in_the_tagged_pdf(sheet):
    alts = [str(node.get("/Alt", "")) for tag, node in structure(sheet) if tag == "/Figure"]
    assert alts == [f"QR code: opens {URL}"]  # tagged once: the copies that fill the sheet are artifacts


@pytest.mark.parametrize("name", ["cards-sheet.pdf", "cards-print.pdf"])
def test_tagged_english_pdf_with_a_title(default_build, name):
    with pikepdf.open(default_build / name) as pdf:
        assert pdf.Root.Lang == "en-GB"
        assert pdf.Root.MarkInfo.Marked
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo.Title).startswith("Pocket cards")
        assert "Social media guidance for councillors" in str(pdf.docinfo.Title)


def test_sheet_asks_pdf_readers_for_duplex_long_edge_at_actual_size(sheet):
    with pikepdf.open(sheet) as pdf:
        preferences = pdf.Root.ViewerPreferences
        assert preferences.Duplex == "/DuplexFlipLongEdge"
        assert preferences.PrintScaling == "/None"


def test_manifest_lists_both_card_files(default_build):
    import json

    manifest = json.loads((default_build / "manifest.json").read_text())
    entries = {e["kind"]: e for e in manifest["artefacts"]}
    assert entries["cards-sheet"]["path"] == "cards-sheet.pdf" and entries["cards-sheet"]["pages"] == 2
    assert entries["cards-print"]["path"] == "cards-print.pdf" and entries["cards-print"]["pages"] == 4


# ---- content: taken from the sections, checked, measured ----------------------------------


def build_cards(pack, tmp_path):
    """Build just the cards into tmp_path/out (not tmp_path: the pack copy is tmp_path/social-media)."""
    out = tmp_path / "out"
    return run_cli("build", pack, "--out", out, "--only", "cards-sheet", "--only", "cards-print")


@pytest.mark.slow  # a build of its own
def test_a_list_taken_from_a_section_follows_the_booklet(pack_copy, tmp_path):
    edit(pack_copy / "sections" / "legal-issues.yaml", "  - Bias\n", "  - Apparent bias\n")
    result = build_cards(pack_copy, tmp_path)
    assert result.exit_code == 0, result.output
    assert "Apparent bias" in pdf_page_texts(tmp_path / "out" / "social-media" / "cards-print.pdf")[1]


@pytest.mark.slow  # a build of its own
def test_a_card_with_too_much_text_fails_naming_the_card_line_and_excess(pack_copy, tmp_path):
    cards = pack_copy / "cards.yaml"
    extra = "        - Never post anything you would not be prepared to discuss with your family.\n"
    edit(cards, "    back:\n      # No heading", extra + "    back:\n      # No heading")
    before = snapshot(tmp_path)
    result = build_cards(pack_copy, tmp_path)
    assert result.exit_code == 1, result.output
    assert snapshot(tmp_path) == before and not (tmp_path / "out").exists()
    line = line_of(cards, "prepared to discuss with your family")
    first = result.output.splitlines()[0]
    assert re.fullmatch(
        rf'{re.escape(str(cards))}:{line}: card "Before you post", front: the text is '
        r'\d+\.\d mm \(about \d lines?\) too long for the card; from "Never post anything.*" on it '
        r"does not fit: shorten the lines or remove some, or move some to the other side",
        first,
    ), first
    assert result.output.strip().endswith("nothing was written.")


def test_check_finds_a_card_with_too_much_text_as_build_does(pack_copy):
    cards = pack_copy / "cards.yaml"
    extra = "        - Never post anything you would not be prepared to discuss with your family.\n"
    edit(cards, "    back:\n      # No heading", extra + "    back:\n      # No heading")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1, result.output
    line = line_of(cards, "prepared to discuss with your family")
    assert result.output.startswith(f'{cards}:{line}: card "Before you post", front: the text is '), result.output
    assert result.output.strip().endswith("nothing was written.")


@pytest.mark.slow  # a build of its own
def test_a_taken_list_too_long_for_its_card_names_the_from_line_and_item(pack_copy, tmp_path):
    more = "".join(f"  - Another issue number {n}\n" for n in range(8))
    edit(pack_copy / "sections" / "legal-issues.yaml", "  - Judicial review\n", "  - Judicial review\n" + more)
    result = build_cards(pack_copy, tmp_path)
    assert result.exit_code == 1, result.output
    line = line_of(pack_copy / "cards.yaml", "from: legal-issues")
    assert f'cards.yaml:{line}: card "Before you post", back: the text is ' in result.output
    assert re.search(r'; from item \d+ of section legal-issues, "[^"]+" on it does not fit: ', result.output)
    assert not (tmp_path / "out").exists()


def test_a_section_list_longer_than_any_card_can_hold_is_refused_at_load(pack_copy):
    tips = "".join(f"  - title: Tip number {n}\n    text: Keep it short.\n" for n in range(30))
    checklist = pack_copy / "sections" / "lga-checklist.yaml"
    checklist.write_text(checklist.read_text() + tips)
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    cards = pack_copy / "cards.yaml"
    assert result.output.splitlines()[0] == (
        f"{cards}:{line_of(cards, '      only: do') - 1}: section 'lga-checklist' gives 37 lines, more than a card can "
        "hold (20 at most); write the card's lines out under lines: instead"
    )


@pytest.mark.parametrize("item", ["x" * 2000, "word " * 1500])  # once 60 s to measure, or a renderer fault
def test_a_section_item_longer_than_a_card_line_is_refused_at_load(pack_copy, item):
    edit(pack_copy / "sections" / "legal-issues.yaml", "  - Copyright\n", f"  - {item}\n")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1, result.output
    cards = pack_copy / "cards.yaml"
    length = len(item.strip())
    assert result.output.splitlines()[0] == (
        f"{cards}:{line_of(cards, 'from: legal-issues')}: item 4 of section legal-issues is {length:,} characters, "
        "more than a card line can hold (300 at most); write the card's lines out under lines: instead"
    )


@pytest.mark.slow  # a build of its own
def test_an_unbreakable_long_word_wraps_inside_the_card(pack_copy, tmp_path):
    long_word = "www.milton-keynes.gov.uk/councillors/social-media/guidance/checklist"
    edit(pack_copy / "sections" / "lga-checklist.yaml", "  - title: Be a person", f"  - title: {long_word}")
    result = build_cards(pack_copy, tmp_path)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out" / "social-media" / "cards-print.pdf"
    assert "www.milton" in pdf_page_texts(pdf)[2]
    for word in words(pdf, 3):
        assert inside(word, 3 + DRIFT, 3 + DRIFT, 3 + CARD_W - DRIFT, 3 + CARD_H - DRIFT), word


CONTENT_ERRORS = [
    (
        "from: legal-issues",
        "from: legal-issue",
        "from: legal-issue",
        "there is no section 'legal-issue' in the pack; did you mean 'legal-issues'?",
    ),
    (
        "          item: 10",
        "          item: 11",
        "item: 11",
        "item: 11 is not in section 'general-responsibilities', which has 10 items",
    ),
    (
        "          section: general-responsibilities\n          item: 1\n",
        "          section: responsibilities\n          item: 1\n",
        "section: responsibilities",
        "there is no section 'responsibilities' in the pack; did you mean 'general-responsibilities'?",
    ),
    (
        "      only: do\n",
        "      only: maybe\n",
        "only: maybe",
        "only: maybe does not fit section 'lga-checklist'; use one of: do, don't",
    ),
    (
        '      heading: "LGA checklist: do"\n',
        "",
        None,
        None,
    ),  # a face taking a list from a section may leave out its heading
    (
        "      from: legal-issues\n",
        "      from: legal-issues\n      lines:\n        - Bias\n",
        "from: legal-issues",
        "back has both lines: and from:; keep one of them",
    ),
    ("      note: If unsure", "      nothe: If unsure", "nothe:", "unknown key 'nothe'; did you mean 'note'?"),
    ("      columns: 2", "      columns: 3", "columns: 3", 'columns: "3" should be 1 or 2'),
    (
        "    back:\n      heading: \"LGA checklist: don't\"\n      from: lga-checklist\n      only: don't\n",
        "",
        "- title: Do / Don't",
        "'back' is missing; add a line 'back: ...' (see packgen help content)",
    ),
    ("      qr: yes", "      qr: maybe", "qr: maybe", 'qr: "maybe" should be yes or no'),
]


@pytest.mark.parametrize("old, new, at, message", CONTENT_ERRORS)
def test_cards_yaml_mistakes_are_path_line_errors(pack_copy, old, new, at, message):
    cards = pack_copy / "cards.yaml"
    edit(cards, old, new)
    result = run_cli("check", pack_copy)
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert f"{cards}:{line_of(cards, at)}: {message}" in result.output.splitlines()[0]


def test_a_section_that_fails_to_load_is_not_also_reported_as_missing_from_the_cards(pack_copy):
    legal = pack_copy / "sections" / "legal-issues.yaml"
    edit(legal, "  - Copyright\n", "\t- Copyright\n")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        f"{legal}:{line_of(legal, 'Copyright')}: a tab character is used for indenting; indent with spaces instead"
    ]


def test_qr_without_a_pack_url_is_an_error_at_the_qr_line(pack_copy):
    edit(pack_copy / "pack.yaml", "url: https://www.milton-keynes.gov.uk/\n", "")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    cards = pack_copy / "cards.yaml"
    assert (
        f"{cards}:{line_of(cards, '      qr: yes')}: qr: yes needs the pack's web address; add url: to pack.yaml"
        in result.output
    )


@pytest.mark.slow  # a build of its own
def test_a_pack_without_cards_yaml_builds_no_cards(pack_copy, tmp_path):
    (pack_copy / "cards.yaml").unlink()
    result = build_cards(pack_copy, tmp_path)
    assert result.exit_code == 0, result.output
    assert not list((tmp_path / "out" / "social-media").glob("cards-*"))


# ---- placing cards on sheets --------------------------------------------------------------


def test_cards_repeat_in_order_until_the_sheet_is_full_and_spill_onto_more_sheets():
    from generator.artefacts.cards import sheet_pages
    from generator.content.reader import load_pack

    card = load_pack(DEFAULT_PACK).cards.cards[0]
    cards = tuple(card.model_copy(update={"title": f"Card {n}"}) for n in range(12))
    pages = sheet_pages(cards)
    assert len(pages) == 4  # two sheets, fronts and backs
    titles = [slot.card.title for page in pages[::2] for slot in page.slots]
    assert titles == [f"Card {n}" for n in range(12)] + [f"Card {n}" for n in range(8)]
    pair = sheet_pages(cards[:2])
    assert [slot.card.title for slot in pair[0].slots] == ["Card 0", "Card 1"] * 5
    assert [slot.face.side for slot in pair[1].slots] == ["back"] * 10


# ---- print quality: sizes, edges, stamps ---------------------------------------------------


@pytest.mark.parametrize("name", ["cards-sheet.pdf", "cards-print.pdf"])
def test_nothing_on_a_card_is_smaller_than_8pt(default_build, name):
    import pdfplumber

    with pdfplumber.open(default_build / name) as pdf:
        # a turned character's size is its box's width (the instructions run up the sheet's margin)
        sizes = {
            round(c["size"] if c["upright"] else c["x1"] - c["x0"], 2)
            for page in pdf.pages
            for c in page.chars
            if c["text"].strip()
        }
    assert min(sizes) >= 7.99, sorted(sizes)


def test_everything_on_the_sheet_is_at_least_5mm_inside_the_paper_edge(sheet):
    import pdfplumber

    edge = 5 * MM
    with pdfplumber.open(sheet) as pdf:
        for page in pdf.pages:
            drawn = page.chars + page.rects + page.lines
            assert drawn
            for thing in drawn:
                assert thing["x0"] >= edge - 0.1 and thing["top"] >= edge - 0.1, thing.get("text", thing)
                assert thing["x1"] <= page.width - edge + 0.1 and thing["bottom"] <= page.height - edge + 0.1


def test_both_faces_carry_the_same_stamp_and_every_card_the_council_name(print_file):
    faces = pdf_page_texts(print_file)
    stamp = "v1.0 · review 1 Mar 2022"
    assert all(stamp in face for face in faces)
    assert all("Milton Keynes Council" in back for back in faces[1::2])


def test_the_do_card_lists_only_things_to_do(print_file):
    """The LGA checklist's question ("To post in meetings or not?") is neither a do nor a don't."""
    faces = pdf_page_texts(print_file)
    do_card = next(face for face in faces if "LGA checklist: do " in face)
    assert "Be a person" in do_card
    assert "?" not in do_card and "Don’t" not in do_card
