"""The Word handout, read back with python-docx from the real built file."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from PIL import Image
from pypdf import PdfReader

from conftest import BUILT_ON, DEFAULT_PACK, ROOT, edit, line_of, run_cli, snapshot, tool
from generator.artefacts.base import BuildContext
from generator.artefacts.handout import handout_bytes
from generator.content.reader import load_pack
from generator.html.typeset import typographic

DOCX_CHECK = ROOT.parent / "shared" / "tools" / "docx-check"
NEAR_BLACK = "0B0C0C"
PACKGEN_PRIMARY = "00505C"  # Colours().primary, for Word


@pytest.fixture(scope="module")
def pack():
    return load_pack(DEFAULT_PACK)


@pytest.fixture(scope="module")
def handout(default_build):
    return docx.Document(default_build / "handout.docx")


def body_paragraphs(document):
    """Every paragraph of the body, table cells included, in reading order."""
    for block in document.element.body.iter(qn("w:p")):
        yield Paragraph(block, document)


def styled(document, style: str) -> list[str]:
    return [p.text for p in body_paragraphs(document) if p.style.name == style]


def build_handout(pack_dir, out, *extra):
    result = run_cli("build", pack_dir, "--out", out, "--as-of", BUILT_ON, "--only", "handout", *extra)
    assert result.exit_code == 0, result.output
    return out / pack_dir.name / "handout.docx"


def add_logo(pack_dir, file_name: str, alt: str) -> None:
    with open(pack_dir / "pack.yaml", "a", encoding="utf-8") as stream:
        stream.write(f"logo:\n  file: {file_name}\n  alt: {alt}\n")


# ---- structure ------------------------------------------------------------------------------


def test_headings_follow_the_content_in_order_from_heading_1(handout, pack):
    expected = []
    for section in pack.sections:
        expected.append(("Heading 1", section.title))
        if section.kind == "prose":
            expected += [("Heading 2", b.text) for b in section.body if b.type == "subheading"]
    expected += [("Heading 1", "Document control"), ("Heading 2", "Version history"), ("Heading 1", "Who to contact")]
    headings = [(p.style.name, p.text) for p in handout.paragraphs if p.style.name.startswith("Heading")]
    assert headings == expected


def test_title_block_names_the_council_title_and_dates(handout, pack):
    texts = [p.text for p in handout.paragraphs[:5]]
    assert texts[0] == "Milton Keynes Council"
    assert styled(handout, "Title") == [pack.title] == [handout.paragraphs[1].text]
    assert "Who this guidance is for: Councillors and co-opted members of Milton Keynes Council" in texts
    assert "Version 1.0, issued 1 March 2021, review due 1 March 2022." in texts


def test_bullet_lists_are_word_list_paragraphs(handout, pack):
    bullets = styled(handout, "List Bullet")
    legal = pack.section("legal-issues")
    responsibilities = pack.section("general-responsibilities")
    for item in legal.issues + responsibilities.items:
        assert typographic(item) in bullets  # don't -> don’t, as the booklet prints it
    acting = next(b for b in pack.section("acting-in-capacity").body if b.type == "list")
    assert all(typographic(item) in bullets for item in acting.items)
    typed = [t for t in (p.text for p in body_paragraphs(handout)) if re.match(r"\s*[•\-*–·]\s", t)]
    assert typed == []


def test_lettered_list_is_numbered_a_b_and_restarts(handout, pack):
    lettered = next(b for b in pack.section("who-it-applies-to").body if b.type == "lettered")
    paragraphs = [p for p in handout.paragraphs if p.style.name == "List Lettered"]
    assert [p.text for p in paragraphs] == list(lettered.items)
    numbering = handout.part.numbering_part.element
    num_ids = {p._p.pPr.numPr.numId.val for p in paragraphs}
    assert len(num_ids) == 1  # one list, one numbering instance
    num = numbering.num_having_numId(num_ids.pop())
    assert num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val")) == "1"
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val)
    )
    level = abstract.find(qn("w:lvl"))
    assert level.find(qn("w:numFmt")).get(qn("w:val")) == "lowerLetter"
    assert level.find(qn("w:lvlText")).get(qn("w:val")) == "(%1)"


def test_checklist_tips_are_list_items_with_a_bold_title(handout, pack):
    checklist = pack.section("lga-checklist")
    items = [p for p in handout.paragraphs if p.style.name == "List Bullet" and p.runs and p.runs[0].bold]
    assert [p.runs[0].text for p in items] == [f"{typographic(tip.title)}\n" for tip in checklist.tips]  # a break
    assert [p.runs[-1].text for p in items] == [typographic(tip.text) for tip in checklist.tips]
    shown = checklist.source.url.removeprefix("https://")  # as every output prints it (typeset.address_target)
    assert f"Source: {checklist.source.name}, {shown}" in [p.text for p in handout.paragraphs]


def test_every_table_has_a_header_row_that_repeats(handout):
    assert len(handout.tables) == 3
    for table in handout.tables:
        first = table.rows[0]._tr
        assert first.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
        assert all(p.style.name == "Table Heading" for cell in table.rows[0].cells for p in cell.paragraphs)
        assert table.style.name == "Handout Table"
        assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))


def test_pros_and_cons_are_two_columns_of_bullets(handout, pack):
    section = pack.section("pros-and-cons")
    table = handout.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Pros", "Cons"]
    for cell, items in zip(table.rows[1].cells, (section.pros, section.cons)):
        assert [(p.style.name, p.text) for p in cell.paragraphs] == [("List Bullet", typographic(i)) for i in items]


def test_document_control_and_version_history_tables(handout, pack):
    control, history = handout.tables[1], handout.tables[2]
    assert [[c.text for c in row.cells] for row in control.rows] == [
        ["Version", "Issued", "Review due", "Owner", "Approved by"],
        ["1.0", "1 March 2021", "1 March 2022", "Monitoring Officer", "Standards Committee"],
    ]
    assert [c.text for c in history.rows[0].cells] == ["Version", "Date", "What changed", "Approved by"]
    assert len(history.rows) == 1 + len(pack.version_history)
    assert [c.text for c in history.rows[1].cells][:2] == ["1.0", "1 March 2021"]


def test_who_to_contact_closes_the_handout_with_a_qr_code_to_the_current_version(handout, pack):
    closing = [p.text for p in handout.paragraphs[-5:-1]]
    other_formats = f"{pack.other_formats} It is also published as a web page, in large print and as a Word document."
    address = "www.milton-keynes.gov.uk"  # pack.url as every output prints it: no https://, no lone slash
    assert closing == [
        "Who to contact",
        pack.contact,
        other_formats,
        f"The current version of this guidance is at {address}. Printed copies are uncontrolled: "
        "check the version and review date against it.",
    ]
    qr = handout.paragraphs[-1]._p.xpath(".//wp:docPr")
    assert [shape.get("descr") for shape in qr] == [f"QR code: opens {pack.url}"]


@pytest.mark.slow  # a build of its own
def test_without_a_web_address_printed_copies_point_to_the_owner(pack):
    context = BuildContext(pack.model_copy(update={"url": None}), DEFAULT_PACK, dt.date.fromisoformat(BUILT_ON))
    document = docx.Document(io.BytesIO(handout_bytes(context)))
    assert document.paragraphs[-1].text == (
        "Printed copies are uncontrolled: check with the Monitoring Officer that this is the current version."
    )


def test_no_empty_paragraphs(handout):
    empty = [p for p in body_paragraphs(handout) if not p.text.strip() and not p._p.xpath(".//w:drawing")]
    assert empty == []


def test_shared_words_match_the_booklet(default_build, handout):
    """The contact sentences and document-control labels read the same in both documents."""
    booklet = html.unescape(re.sub(r"\s+", " ", (default_build / "booklet.html").read_text(encoding="utf-8")))
    shared = [handout.paragraphs[-1].text]
    shared += [c.text for table in handout.tables[1:] for c in table.rows[0].cells]
    shared += ["Document control", "Version history", "Who to contact"]
    assert [text for text in shared if text not in booklet] == []


# ---- stamps, style, language ----------------------------------------------------------------


def test_header_and_footer_carry_title_stamp_and_page_fields(handout, pack):
    section = handout.sections[0]
    stamp = BuildContext(pack, DEFAULT_PACK, dt.date.fromisoformat(BUILT_ON)).stamp
    assert section.header.paragraphs[0].text == "Milton Keynes Council: Social media guidance for councillors"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith(f"{stamp}\tPage ")
    instructions = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    kinds = [c.get(qn("w:fldCharType")) for c in footer._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2


def test_page_is_a4_portrait(handout):
    section = handout.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


@pytest.mark.parametrize(
    "name, smallest",
    [
        (name, 12)
        for name in (
            "Normal",
            "Title",
            "Heading 1",
            "Heading 2",
            "Heading 3",
            "List Bullet",
            "List Lettered",
            "Table Heading",
            "Table Text",
        )
    ]
    + [("Header", 11), ("Footer", 11)],
)
def test_named_styles_are_arial_left_aligned_near_black_headings_primary(handout, name, smallest):
    style = handout.styles[name]
    fonts = style.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Arial"
    assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would win over Arial
    assert style.font.size.pt >= smallest
    # Headings are the primary colour, as in the PDFs and the web page (packgen's teal without a
    # council.yaml); everything else near-black.
    heading = name == "Title" or name.startswith("Heading")
    assert str(style.font.color.rgb) == (PACKGEN_PRIMARY if heading else NEAR_BLACK)
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_headings_step_down_in_size(handout):
    sizes = [handout.styles[f"Heading {n}"].font.size.pt for n in (1, 2, 3)]
    assert sizes == sorted(sizes, reverse=True)


def test_body_text_takes_its_look_from_styles(handout):
    """No run sets its own font or size: an officer restyles the whole handout from the gallery."""
    for paragraph in body_paragraphs(handout):
        for run in paragraph.runs:
            assert run.font.name is None and run.font.size is None and run.font.italic is None


def test_language_is_en_gb_everywhere(default_build, handout):
    assert handout.core_properties.language == "en-GB"
    with zipfile.ZipFile(default_build / "handout.docx") as package:
        styles = package.read("word/styles.xml").decode()
        settings = package.read("word/settings.xml").decode()
        names = package.namelist()
    assert re.search(r'<w:rPrDefault>.*?<w:lang w:val="en-GB"', styles, re.S)
    assert '<w:themeFontLang w:val="en-GB"' in settings
    assert 'w:val="en-US"' not in styles + settings
    assert "word/stylesWithEffects.xml" not in names  # python-docx's Word 2010 copy, still en-US


def test_core_properties_describe_this_handout(handout, pack):
    core = handout.core_properties
    assert core.title == pack.title
    assert core.subject == "Training handout"
    assert core.author == core.last_modified_by == "Milton Keynes Council"
    assert "python-docx" not in f"{core.author} {core.comments}"
    assert "review due 1 March 2022" in core.comments
    assert core.created == core.modified == dt.datetime(2021, 6, 1, tzinfo=dt.timezone.utc)


def test_manifest_lists_the_handout(default_build):
    manifest = json.loads((default_build / "manifest.json").read_text())
    entry = next(a for a in manifest["artefacts"] if a["kind"] == "handout")
    assert entry["path"] == "handout.docx"
    assert entry["sha256"] == hashlib.sha256((default_build / "handout.docx").read_bytes()).hexdigest()


# ---- the same bytes every build ---------------------------------------------------------------


@pytest.mark.slow  # builds of its own
def test_rebuild_is_byte_identical(default_build, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1622505600")  # 2021-06-01, BUILT_ON
    first = build_handout(DEFAULT_PACK, tmp_path / "one")
    second = build_handout(DEFAULT_PACK, tmp_path / "two")
    assert first.read_bytes() == second.read_bytes() == (default_build / "handout.docx").read_bytes()
    with zipfile.ZipFile(first) as package:
        infos = package.infolist()
    assert {info.date_time for info in infos} == {(2021, 6, 1, 0, 0, 0)}
    assert infos[0].filename == "[Content_Types].xml"


def test_another_build_day_changes_only_the_dates(default_build, tmp_path):
    later = build_handout(DEFAULT_PACK, tmp_path / "later", "--as-of", "2021-07-01")
    assert docx.Document(later).core_properties.created == dt.datetime(2021, 7, 1, tzinfo=dt.timezone.utc)
    with zipfile.ZipFile(later) as new, zipfile.ZipFile(default_build / "handout.docx") as old:
        assert new.read("word/document.xml") == old.read("word/document.xml")
        assert new.read("docProps/core.xml") != old.read("docProps/core.xml")


# ---- logos -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_logo_is_in_the_title_block_with_alt_text(pack_copy, tmp_path, kind):
    if kind == "svg":
        pytest.importorskip("cairosvg")
        shutil.copy(ROOT / "tests" / "fixtures" / "logo.svg", pack_copy / "logo.svg")
    else:
        Image.new("RGB", (300, 90), "#00505c").save(pack_copy / "logo.png")
    add_logo(pack_copy, f"logo.{kind}", "Test Council logo")
    document = docx.Document(build_handout(pack_copy, tmp_path / "out"))
    pictures = list(document.element.body.iter(qn("wp:docPr")))
    assert [p.get("descr") for p in pictures] == [
        "Test Council logo",
        "QR code: opens https://www.milton-keynes.gov.uk/",
    ]
    assert document.paragraphs[0]._p.xpath(".//w:drawing")  # first thing in the handout
    assert round(document.inline_shapes[0].height.cm, 1) == 2.0


# ---- bad content -----------------------------------------------------------------------------


def test_a_word_line_break_in_content_is_a_located_error(pack_copy, tmp_path):
    section = pack_copy / "sections" / "purpose.yaml"
    edit(section, "Importantly, this Guidance", "Importantly,\x0bthis Guidance")
    line = line_of(section, "Importantly,")
    result = run_cli("build", pack_copy, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert re.search(rf"sections/purpose\.yaml:{line}: contains a control character \(U\+000B\)", result.output)
    assert "Traceback" not in result.output
    assert snapshot(tmp_path / "out") == {}


# ---- other readers ---------------------------------------------------------------------------


@pytest.mark.skipif(not DOCX_CHECK.is_file(), reason="shared/tools/docx-check is not beside the project")
def test_docx_check_finds_nothing_to_fix(default_build):
    result = subprocess.run(
        [
            sys.executable,
            str(DOCX_CHECK),
            str(default_build / "handout.docx"),
            "--lang",
            "en-GB",
            "--stamp",
            "1.0",
            "--stamp",
            "1 March 2022",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks hold" in result.stdout


@pytest.mark.slow  # LibreOffice takes seconds to start
def test_libreoffice_opens_and_converts_it(default_build, tmp_path):
    source = shutil.copy(default_build / "handout.docx", tmp_path / "handout.docx")
    result = subprocess.run(
        [
            tool("soffice"),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "handout.pdf")
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        assert "Version 1.0" in text and "Review due 1 March 2022" in text, f"page {number}"
        assert f"Page {number} of {len(pages)}" in text, f"page {number}"
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 210


def test_a_council_templates_folder_without_the_shared_wording_falls_back_to_packgens(pack_copy, tmp_path):
    templates = shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (templates / "parts" / "wording.j2").unlink()
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "handout", "--templates", templates)
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(tmp_path / "out" / pack_copy.name / "handout.docx").paragraphs]
    assert "Document control" in texts


def test_web_addresses_are_links_a_screen_reader_can_follow(handout, pack):
    links = [(link.address, link.text) for paragraph in handout.paragraphs for link in paragraph.hyperlinks]
    source = next(section.source.url for section in pack.sections if getattr(section, "source", None))
    assert (pack.url, "www.milton-keynes.gov.uk") in links  # "... is at www.milton-keynes.gov.uk." without the stop
    assert (source, source.removeprefix("https://")) in links
    for paragraph in handout.paragraphs:
        for link in paragraph.hyperlinks:
            assert [run.style.name for run in link.runs] == ["Hyperlink"]


def test_web_addresses_are_links_in_another_councils_pack_too():
    folder = ROOT / "tests" / "packs" / "print-stress"
    pack = load_pack(folder)
    document = docx.Document(io.BytesIO(handout_bytes(BuildContext(pack, folder, dt.date.fromisoformat(BUILT_ON)))))
    addresses = {link.address for paragraph in document.paragraphs for link in paragraph.hyperlinks}
    assert addresses == {pack.url, "https://www.testshire.example.gov.uk/members/before-the-meeting-checklist"}


def test_quotes_and_apostrophes_are_typographic_and_addresses_untouched(handout):
    text = "\n".join(p.text for p in body_paragraphs(handout))
    assert "don’t" in text and "‘fake news’" in text and "“Organisations don’t tweet, people do”" in text
    assert "'" not in text and '"' not in text
    links = [link.text for p in handout.paragraphs for link in p.hyperlinks]
    assert links and all(words in text for words in links)


def test_every_table_has_a_caption_for_screen_readers(handout):
    captions = [table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) for table in handout.tables]
    assert captions == ["Pros and cons of social media", "Document control", "Version history"]
