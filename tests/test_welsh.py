"""Issue 29 part 2: packgen's fixed words in Welsh. A pack in Welsh prints "Tudalen 3 o 20",
"Fersiwn 1.0", Welsh dates and DRAFFT; its PDF says /Lang cy, its Word handout w:lang cy-GB;
its sign-in sheet sorts names in the Welsh alphabet; a council can put its own terms over any phrase.

The Welsh Pack is the default pack with language "cy" (its content stays English: what is read
here is packgen's own words around it)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import docx
import pikepdf
import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from docx.oxml.ns import qn
from pypdf import PdfReader

from conftest import DEFAULT_PACK, ROOT

from generator.artefacts import booklet, handout
from generator.artefacts.base import BuildContext
from generator.clock import local_date, short_date, uk_date
from generator.content import status
from generator.content.council import Council
from generator.content.people import PeopleList, Person
from generator.content.reader import load_pack
from generator.errors import ContentError
from generator.html.templating import render
from generator.i18n import LOCALE, _letters, collation_key, phrases, words_for
from generator.people.sign_in import Session, attendance_csv, in_reading_order, render_sign_in_sheet

BUILT = dt.date(2021, 6, 1)
WELSH_PO = LOCALE / "cy" / "LC_MESSAGES" / "packgen.po"
PLACE = re.compile(r"%\(\w+\)s")


@pytest.fixture(scope="module")
def english():
    return load_pack(DEFAULT_PACK)


@pytest.fixture(scope="module")
def welsh(english):
    return english.model_copy(update={"language": "cy"})


@pytest.fixture(scope="module")
def welsh_booklet(welsh, tmp_path_factory):
    """The Welsh booklet's PDF, and the English one's text, rendered the same way."""
    folder = tmp_path_factory.mktemp("welsh")
    for pack, name in ((welsh, "cy.pdf"), (welsh.model_copy(update={"language": "en"}), "en.pdf")):
        (output,) = booklet.render(BuildContext(pack, DEFAULT_PACK, BUILT), {})
        (folder / name).write_bytes(output.data)
    return folder


def page_text(path: Path) -> str:
    return "\n".join(re.sub(r"[ \t]+", " ", page.extract_text() or "") for page in PdfReader(path).pages)


# Dates --------------------------------------------------------------------------------------------

WELSH_MONTHS = "Ionawr Chwefror Mawrth Ebrill Mai Mehefin Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr".split()


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_is_written_in_welsh_and_english_is_unchanged(month):
    day = dt.date(2026, month, 12)
    assert local_date(day, "cy") == f"12 {WELSH_MONTHS[month - 1]} 2026"
    assert local_date(day, "en") == uk_date(day) == f"12 {day:%B} 2026"
    assert short_date(day, "en") == f"12 {day:%b} 2026"
    assert short_date(day, "cy").startswith("12 ") and short_date(day, "cy").endswith(" 2026")


def test_welsh_dates_agree_with_babel():
    from babel.dates import format_date

    for month in range(1, 13):
        day = dt.date(2026, month, 12)
        assert local_date(day, "cy") == format_date(day, "d MMMM y", locale="cy")


# The catalogue ------------------------------------------------------------------------------------


def test_the_welsh_catalogue_is_complete_and_keeps_every_place():
    with WELSH_PO.open("rb") as source:
        catalogue = read_po(source)
    messages = [message for message in catalogue if message.id]
    assert len(messages) > 80
    for message in messages:
        assert message.string, f"{message.id!r} has no Welsh"
        assert sorted(PLACE.findall(message.string)) == sorted(PLACE.findall(message.id)), message.id
        assert "fuzzy" not in message.flags, message.id


def test_the_shipped_mo_is_the_compiled_po():
    with WELSH_PO.open("rb") as source:
        po = {message.id: message.string for message in read_po(source) if message.id}
    with (WELSH_PO.with_suffix(".mo")).open("rb") as compiled:
        mo = {message.id: message.string for message in read_mo(compiled) if message.id}
    assert mo == po, "run: pybabel compile -D packgen -d generator/locale -l cy"


def test_the_catalogue_holds_every_marked_phrase(tmp_path):
    """The .pot (and so the Welsh) is up to date with what the templates and code mark."""
    pot = tmp_path / "packgen.pot"
    subprocess.run(
        [Path(sys.executable).parent / "pybabel", "--quiet", "extract", "-F", "babel.cfg", "-k", "phrase", "-k", "_"]
        + ["--no-location", "-o", str(pot), "."],
        cwd=ROOT,
        check=True,
    )
    with pot.open("rb") as source:
        marked = {message.id for message in read_po(source) if message.id}
    assert marked <= phrases(), f"not in the Welsh catalogue: {sorted(marked - phrases())}"


# The booklet --------------------------------------------------------------------------------------


@pytest.mark.slow  # two booklets of its own (about 8 s each on a shared machine)
def test_the_welsh_booklet_prints_packgens_words_in_welsh(welsh_booklet):
    text = page_text(welsh_booklet / "cy.pdf")
    assert "Tudalen 2 o " in text
    assert "Fersiwn 1.0 · Dyddiad adolygu 1 Mawrth 2022" in text
    assert "Cyhoeddwyd" in text and "1 Mawrth 2021" in text
    for heading in ("Cynnwys", "Rheoli’r ddogfen", "Pwy i gysylltu â nhw", "Manteision", "Anfanteision"):
        assert heading in text


@pytest.mark.slow  # two booklets of its own (about 8 s each on a shared machine)
def test_no_fixed_english_phrase_is_left_in_the_welsh_booklet(welsh_booklet):
    """Every catalogue phrase the English booklet prints (and the pack's own words do not hold)
    is gone from the Welsh one: no phrase was left unmarked or untranslated."""
    english_text = " ".join(page_text(welsh_booklet / "en.pdf").split())
    welsh_text = " ".join(page_text(welsh_booklet / "cy.pdf").split())
    content = " ".join(p.read_text(encoding="utf-8") for p in DEFAULT_PACK.rglob("*.yaml"))
    with WELSH_PO.open("rb") as source:
        changed = {m.id: m.string for m in read_po(source) if m.id and m.id != m.string}
    checked = 0
    for phrase in changed:
        piece = max(PLACE.split(phrase), key=len).strip(" .,:;")  # its longest fixed words
        if len(piece) < 5 or piece in content or piece not in english_text:
            continue
        checked += 1
        assert piece not in welsh_text, f"{piece!r} is printed in English in the Welsh booklet"
    assert checked >= 15


@pytest.mark.slow  # two booklets of its own (about 8 s each on a shared machine)
def test_the_welsh_pdf_says_its_language_is_welsh(welsh_booklet):
    with pikepdf.open(welsh_booklet / "cy.pdf") as pdf:
        assert str(pdf.Root.Lang) == "cy"
    with pikepdf.open(welsh_booklet / "en.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en-GB"


@pytest.mark.slow
def test_the_welsh_booklet_passes_pdf_check_ua(welsh_booklet):
    result = subprocess.run(
        [sys.executable, "/work/shared/tools/pdf-check", str(welsh_booklet / "cy.pdf"), "--ua"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_welsh_draft_says_drafft_on_every_stamp(welsh):
    draft = welsh.model_copy(update={"status": "draft"})
    assert status.stamp(draft, BUILT) == "DRAFFT · Fersiwn 1.0 · Dyddiad adolygu 1 Mawrth 2022"
    assert status.stamp(draft, dt.date(2023, 1, 1)).endswith(" · Adolygiad yn hwyr")
    assert status.watermark(draft) == "DRAFFT"
    assert "DRAFFT" in status.WATERMARK_WORDS and "DRAFT" in status.WATERMARK_WORDS


# The Word handout ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def welsh_handout(welsh, tmp_path_factory):
    path = tmp_path_factory.mktemp("handout") / "handout.docx"
    path.write_bytes(handout.handout_bytes(BuildContext(welsh, DEFAULT_PACK, BUILT)))
    return path


def test_the_welsh_handout_is_tagged_cy_gb_and_counts_pages_in_welsh(welsh_handout):
    document = docx.Document(welsh_handout)
    assert document.core_properties.language == "cy-GB"
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "cy-GB"
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Fersiwn 1.0 · Dyddiad adolygu 1 Mawrth 2022\tTudalen ")
    assert " o " in footer
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Rheoli’r ddogfen" in headings and "Pwy i gysylltu â nhw" in headings


@pytest.mark.slow
def test_the_welsh_handout_passes_docx_check(welsh_handout):
    result = subprocess.run(
        [sys.executable, "/work/shared/tools/docx-check", str(welsh_handout), "--lang", "cy-GB"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# Names in Welsh order -----------------------------------------------------------------------------

NAMES = [
    "Gareth Lloyd", "Sam Lyons", "Elin Thomas", "Owen Tudor", "Ffion Ffransis", "Ben Fox", "Rhodri Rhys",
    "Kate Roberts", "Huw Phillips", "Ann Powell", "Carys Charles", "Dai Cole", "Mair Ddafydd", "Ian Dyer",
    "Nia Ngugi", "Iwan Nash", "Tom Gwynne", "Siân O'Brien", "Ifan Ŵyn", "Gwen Wyn",
]  # fmt: skip


def people() -> PeopleList:
    return PeopleList("people.csv", tuple(Person(row, name) for row, name in enumerate(NAMES, 2)), "UTF-8")


def surnames(order) -> list[str]:
    return [person.name.split()[-1] for person in order]


def test_a_welsh_sheet_sorts_names_in_the_welsh_alphabet():
    order = surnames(in_reading_order(people(), "cy"))
    assert order.index("Lyons") < order.index("Lloyd")
    assert order.index("Tudor") < order.index("Thomas")
    assert order.index("Fox") < order.index("Ffransis")
    assert order.index("Powell") < order.index("Phillips")
    assert order.index("Roberts") < order.index("Rhys")
    assert order.index("Cole") < order.index("Charles")
    assert order.index("Dyer") < order.index("Ddafydd")
    assert order.index("Gwynne") < order.index("Ngugi") < order.index("Nash")  # ng comes after g, before h


def test_an_english_sheet_sorts_names_as_english_does():
    order = surnames(in_reading_order(people(), "en"))
    assert order == sorted(order, key=lambda name: name.replace("'", "").casefold().replace("ŵ", "w"))
    assert order.index("Lloyd") < order.index("Lyons") and order.index("Thomas") < order.index("Tudor")


def test_packgens_welsh_order_agrees_with_icu():
    icu = pytest.importorskip("icu")  # PyICU, in the test extra
    collator = icu.Collator.createInstance(icu.Locale("cy"))
    names = [name.split()[-1] for name in NAMES] + ["ap Rhys", "Ab Owen", "Angharad", "Chwilog", "Llan", "Lyn"]
    by_icu = sorted(names, key=lambda text: (collator.getSortKey(_letters(text)), text))
    assert sorted(names, key=collation_key("cy")) == by_icu


def test_the_attendance_list_follows_the_sheets_order_and_dates():
    data = attendance_csv(people(), Session(title="Sesiwn", date=dt.date(2026, 5, 12)), "cy").decode("utf-8-sig")
    rows = data.splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == [p.name for p in in_reading_order(people(), "cy")]
    assert ",12 Mai 2026," in rows[0]


def test_the_welsh_sign_in_sheet_prints_welsh_in_welsh_order(welsh, tmp_path):
    context = BuildContext(welsh, DEFAULT_PACK, BUILT)
    pdf = render_sign_in_sheet(context, people(), Session(date=dt.date(2026, 5, 12)))
    (tmp_path / "sheet.pdf").write_bytes(pdf.data)
    text = page_text(tmp_path / "sheet.pdf")
    assert "Taflen gofrestru" in text and "12 Mai 2026" in text and "Llofnod" in text and "Tudalen 1 o" in text
    assert "Eich gwybodaeth." in text and "Mae Milton Keynes Council yn casglu" in text
    assert text.index("Lyons") < text.index("Lloyd") and text.index("Tudor") < text.index("Thomas")
    with pikepdf.open(io.BytesIO(pdf.data)) as document:
        assert str(document.Root.Lang) == "cy"


# A council's own wording --------------------------------------------------------------------------


def with_wording(pack, wording):
    council = Council(name="Cyngor Sir Ynys Môn", wording=wording)
    return pack.model_copy(update={"council": council})


def test_a_councils_own_phrase_stands_for_packgens(welsh):
    pack = with_wording(welsh, {"cy": {"Who to contact": "Cysylltwch â ni <ar unwaith>", "Notes": "Nodion"}})
    html = render("parts/contents.html.j2", pack=pack)
    assert "Cysylltwch â ni &lt;ar unwaith&gt;" in html  # the council's words are text, escaped
    assert "Rheoli’r ddogfen" in html  # the rest is packgen's Welsh
    assert words_for(pack).phrase("Notes") == "Nodion"
    english = with_wording(welsh.model_copy(update={"language": "en"}), pack.council.wording)
    assert "Who to contact" in render("parts/contents.html.j2", pack=english)  # only for Welsh


def test_a_phrase_packgen_does_not_print_is_named_with_its_line(tmp_path):
    pack = tmp_path / "pack"
    import shutil

    shutil.copytree(DEFAULT_PACK, pack)
    (pack / "council.yaml").write_text(
        'name: Cyngor Sir Ynys Môn\nwording:\n  cy:\n    "Who to contact": "Cysylltwch â ni"\n'
        '    "Who to contct": "Cysylltwch"\n  fr:\n    "Notes": "Notes"\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        load_pack(pack)
    message = str(raised.value)
    assert "council.yaml:5:" in message and "'Who to contct' is not a phrase packgen prints" in message
    assert "did you mean 'Who to contact'" in message
    assert "council.yaml:6:" in message and "'fr' is not a language packgen prints" in message


def test_a_pack_without_history_says_its_one_line_of_history_in_its_own_language(english):
    draft = english.model_copy(update={"history": (), "status": "draft"})
    (welsh_line,) = draft.model_copy(update={"language": "cy"}).version_history
    assert (welsh_line.changes, welsh_line.approved_by) == ("Y fersiwn gyfredol.", "Heb ei gymeradwyo eto")
    (english_line,) = draft.version_history
    assert (english_line.changes, english_line.approved_by) == ("Current version.", "Not yet approved")
