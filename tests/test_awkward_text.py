"""Text holding ' " & < > ’ — ŵ reaches every artefact as written (issue 26 item 1).

tests/packs/awkward-text puts these characters in the title, the organisation, section titles,
tips, quiz options and people's names. Each output escapes text its own way (HTML by Jinja's
autoescape, CSS strings by `css_string`, XML by ElementTree, GIFT by quiz_gift): an escape
code printed means text was escaped twice, or markup reached an output as text. Every
artefact is read back as a reader would see it: PDFs by pdftotext, the Word handout by
python-docx, the web page as a browser shows it, the exports as Moodle reads them.
"""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import docx
import pytest

from conftest import BUILT_ON, ROOT, run_cli, tool
from gift import parse_gift

PACK = ROOT / "tests" / "packs" / "awkward-text"
TITLE = 'Members\' "Q&A" guide to <tags> & Gŵyr’s rules — in brief'
ORGANISATION = 'Gŵyr & Llŷn "Joint" Council <Test>'
SECTION_TITLES = ['Quotes, "marks" & <angle brackets> — Gŵyr’s way', 'Tips & "tricks" for <new> members']
TIP_TITLES = ['Say "please" & "thank you"', "Don't use <jargon>"]
OPTIONS = ["Dear <councillor name>", "% Hello & welcome", 'To whom it may concern — "Sir"', "Plain words, not <jargon>"]
PEOPLE = ["Siân O'Brien-Gŵyn", "Zoë “Zed” D’Arcy — Smith", 'Rhodri "Rhod" ap Gŵyn & Co']
ESCAPES = re.compile(r"&#|&amp;|&lt;|&gt;|&quot;|\\")

pytestmark = pytest.mark.slow  # a full build and an induction of the test pack


def same_marks(text: str) -> str:
    """Text with typographic quotes as straight ones and whitespace collapsed: print curls quotes
    on purpose (docs/typography.md); what must survive is every character, unescaped."""
    text = text.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')
    text = text.replace(" — ", " – ")  # a dash between words prints as a spaced en dash (typeset)
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("awkward")
    people = out / "people.csv"
    with open(people, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "role", "ward", "email"])
        for name in PEOPLE:
            writer.writerow([name, "Councillor", 'Gŵyr & "North" <Ward>', ""])
    result = run_cli("build", PACK, "--out", out, "--as-of", BUILT_ON)
    assert result.exit_code == 0, result.output
    result = run_cli(
        "induct", PACK, "--people", people, "--out", out, "--as-of", BUILT_ON,
        "--session-date", "2026-05-12", "--venue", 'Room "A" & <B>',
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out / "awkward-text"


def pdf_text(path) -> str:
    return subprocess.run([tool("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_title(path) -> str:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return str(pdf.docinfo.get("/Title", "")) + " " + str(pdf.docinfo.get("/Author", ""))


class ShownText(HTMLParser):
    """The words a browser shows: text outside <style> and <script>, entities decoded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("style", "script")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def shown(markup: str) -> str:
    reader = ShownText()
    reader.feed(markup)
    return " ".join(reader.parts)


def assert_clean(name: str, text: str) -> None:
    found = ESCAPES.findall(text)
    assert not found, f"{name} shows {found[:3]}: {text[max(0, text.find(found[0]) - 60) :][:140]!r}"


def assert_shows(name: str, text: str, *wanted: str) -> None:
    for words in wanted:
        assert same_marks(words) in same_marks(text), f"{name} does not show {words!r}"


def test_every_pdf_shows_the_text_as_written(built):
    pdfs = sorted(built.rglob("*.pdf"))
    assert len(pdfs) >= 14  # the pack's PDFs, and each person's booklet and certificate
    for path in pdfs:
        text = pdf_text(path)
        assert_clean(path.name, text)
        assert_clean(f"{path.name}'s properties", pdf_title(path))
    for name in ("booklet.pdf", "appendix.pdf", "booklet-large.pdf"):
        assert_shows(name, pdf_text(built / name), TITLE, ORGANISATION, *SECTION_TITLES, *TIP_TITLES)
        assert_shows(f"{name}'s properties", pdf_title(built / name), TITLE, ORGANISATION)
    assert_shows("quiz-sheet-A.pdf", pdf_text(built / "quiz-sheet-A.pdf"), f"Quiz sheet: {TITLE}", *OPTIONS)
    key = pdf_text(built / "quiz-key-A.pdf")  # the right answers only
    assert_shows("quiz-key-A.pdf", key, f"Answer key, for the trainer: {TITLE}", OPTIONS[0], OPTIONS[3])
    assert_shows("cards-sheet.pdf", pdf_text(built / "cards-sheet.pdf"), *TIP_TITLES)


def test_the_certificates_and_sign_in_sheet_show_names_as_written(built):
    people = built / "people"
    assert_shows("sign-in-sheet.pdf", pdf_text(people / "sign-in-sheet.pdf"), TITLE, ORGANISATION, *PEOPLE)
    certificates = sorted(people.glob("*/certificate.pdf"))
    assert len(certificates) == len(PEOPLE)
    printed_names = " ".join(pdf_text(path) for path in certificates)
    assert_shows("the certificates", printed_names, TITLE, *PEOPLE)


def test_the_word_handout_shows_the_text_as_written(built):
    document = docx.Document(built / "handout.docx")
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    properties = f"{document.core_properties.title} {document.core_properties.author}"
    assert_clean("handout.docx", text + properties)
    assert_shows("handout.docx", text, TITLE, *SECTION_TITLES, *TIP_TITLES)
    assert_shows("handout.docx's properties", properties, TITLE)


def test_the_web_page_shows_the_text_as_written(built):
    page = (built / "web" / "index.html").read_text(encoding="utf-8")
    text = shown(page)
    title = shown(re.search(r"<title>(.*?)</title>", page, re.S)[1])
    assert_clean("web/index.html", text)
    assert_shows("web/index.html", text, TITLE, ORGANISATION, *SECTION_TITLES, *TIP_TITLES)
    assert_shows("the web page's title", title, TITLE)


def test_the_moodle_xml_shows_the_text_as_moodle_reads_it(built):
    root = ET.parse(built / "quiz-moodle.xml").getroot()
    texts = []
    for element in root.iter():
        holder = element.find("text")
        if holder is not None and holder.text:
            html_format = element.get("format") == "html"
            texts.append(shown(holder.text) if html_format else holder.text)
    text = " ".join(texts)
    assert_clean("quiz-moodle.xml", text)
    assert_shows("quiz-moodle.xml", text, *OPTIONS, 'Say "please" & "thank you"')
    category = root.find("question[@type='category']/category/text").text
    assert "version 0.4, review due 1 May 2022" in category


def test_the_gift_file_shows_the_text_as_written(built):
    text = (built / "quiz-gift.txt").read_text(encoding="utf-8")
    _, questions = parse_gift(text)
    read = " ".join(" ".join([q["text"], q["feedback"]] + [option for option, _ in q["answers"]]) for q in questions)
    assert_clean("quiz-gift.txt, as read", read)
    assert_shows("quiz-gift.txt", read, *OPTIONS, 'Say "please" & "thank you"')
    assert html.unescape(read) == read  # nothing written as an entity for Moodle to decode


def test_the_manifest_keeps_the_title_as_written(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["title"] == TITLE and manifest["organisation"] == ORGANISATION
