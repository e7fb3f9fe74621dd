"""A pack in Welsh and English builds every artefact in each language (issue 29): build/<pack>/cy/
and build/<pack>/en/, each from the pack read in that language, the manifest giving each file's
`language`; one Moodle bank whose texts carry both languages; web pages that link each other.

Most tests read one build of tests/packs/bilingual (about 15 s on a shared machine: every kind
twice), made once for the module, with one English paragraph changed so its Welsh twin is out
of step and the build warns about it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT, edit, pdf_page_texts, run_cli

from generator.artefacts.registry import ARTEFACTS

BILINGUAL = ROOT / "tests" / "packs" / "bilingual"
TOOLS = Path("/work/shared/tools")
LANGUAGES = ("cy", "en")
EACH = [kind for entry in ARTEFACTS if entry.each_language for kind in entry.kinds]
WELSH_PDFS = ("booklet.pdf", "appendix.pdf", "booklet-large.pdf", "quiz-sheet-A.pdf", "quiz-key-A.pdf")
CHANGED = "Council meetings are where decisions are made in public, by the councillors."

slow = pytest.mark.slow  # the shared build of a pack in two languages: about 15 s


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("bilingual-build")
    pack = Path(shutil.copytree(BILINGUAL, work / "bilingual"))
    edit(pack / "sections" / "purpose.yaml", "Council meetings are where decisions are made in public.", CHANGED)
    result = run_cli("build", pack, "--out", work / "out")
    assert result.exit_code == 0, result.output
    out = work / "out" / "bilingual"
    return {
        "pack": pack,
        "out_root": work / "out",
        "out": out,
        "output": result.output,
        "manifest": json.loads((out / "manifest.json").read_text(encoding="utf-8")),
    }


# The language folders and the manifest ----------------------------------------------------------


@slow
def test_every_kind_is_built_in_each_language_folder(built):
    listed = {(entry["kind"], entry["path"].split("/")[0]) for entry in built["manifest"]["artefacts"]}
    for code in LANGUAGES:
        for kind in EACH:
            assert (kind, code) in listed, f"no {kind} in {code}/"
        assert (built["out"] / code / "booklet.pdf").is_file()
        assert (built["out"] / code / "web" / "index.html").is_file()
    assert not (built["out"] / "booklet.pdf").exists()  # nothing of one language outside its folder


@slow
def test_the_manifest_gives_each_artefacts_language(built):
    manifest = built["manifest"]
    assert manifest["languages"] == ["cy", "en"]
    for entry in manifest["artefacts"]:
        folder = entry["path"].split("/")[0]
        expected = folder if folder in LANGUAGES else "mul"
        assert entry["language"] == expected, entry["path"]
        assert (built["out"] / entry["path"]).is_file()
    moodle = [entry for entry in manifest["artefacts"] if entry["kind"] == "quiz-moodle"]
    assert [(e["path"], e["language"]) for e in moodle] == [("quiz-moodle.xml", "mul")]
    welsh_booklet = next(e for e in manifest["artefacts"] if e["path"] == "cy/booklet.pdf")
    assert welsh_booklet["inputs"]["options"]["language"] == "cy"  # the cache tells the languages apart


def test_a_pack_in_one_language_keeps_its_layout_and_says_en(default_build):
    manifest = json.loads((default_build / "manifest.json").read_text(encoding="utf-8"))
    assert "languages" not in manifest
    assert {entry["language"] for entry in manifest["artefacts"]} == {"en"}
    assert all(not entry["path"].startswith(("cy/", "en/")) for entry in manifest["artefacts"])
    assert (default_build / "booklet.pdf").is_file() and (default_build / "web" / "index.html").is_file()
    assert all("language" not in entry["inputs"]["options"] for entry in manifest["artefacts"])


@slow
def test_a_warning_is_printed_once_not_once_per_language(built):
    output = built["output"]
    drift = [line for line in output.splitlines() if "purpose.cy.yaml" in line]
    assert len(drift) == 1, output
    assert "Warning" in drift[0] and "sections/purpose.yaml" in drift[0]
    assert output.count("Warning: this pack is a DRAFT") == 1


@slow
def test_the_welsh_text_is_in_the_welsh_folder_and_the_english_in_the_english(built):
    welsh = " ".join(pdf_page_texts(built["out"] / "cy" / "booklet.pdf"))
    english = " ".join(pdf_page_texts(built["out"] / "en" / "booklet.pdf"))
    assert "Cymryd rhan" in welsh and "Tudalen 2 o" in welsh and "Taking part" not in welsh
    assert "Taking part in council meetings" in english and "Page 2 of" in english
    assert " ".join(CHANGED.split()[:5]) in english  # the English as changed; the Welsh stays its own


# What reads the language ------------------------------------------------------------------------


@slow
def test_the_welsh_pdfs_say_lang_cy_and_the_english_en_gb(built):
    for name in WELSH_PDFS + ("cards-sheet.pdf", "booklet-imposed.pdf", "booklet-print.pdf"):
        with pikepdf.open(built["out"] / "cy" / name) as pdf:
            assert str(pdf.Root.Lang) == "cy", name
        with pikepdf.open(built["out"] / "en" / name) as pdf:
            assert str(pdf.Root.Lang) == "en-GB", name
    with pikepdf.open(built["out"] / "booklet-bilingual.pdf") as pdf:  # Welsh from the front cover
        assert str(pdf.Root.Lang) == "cy"


@slow
@pytest.mark.skipif(not (TOOLS / "pdf-check").is_file(), reason="needs the shared pdf-check tool")
def test_pdf_check_ua_holds_on_the_welsh_pdfs(built):
    for name in WELSH_PDFS:
        result = subprocess.run(
            [sys.executable, str(TOOLS / "pdf-check"), "--ua", str(built["out"] / "cy" / name)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


@slow
@pytest.mark.skipif(not (TOOLS / "docx-check").is_file(), reason="needs the shared docx-check tool")
def test_docx_check_holds_on_the_welsh_handout(built):
    result = subprocess.run(
        [sys.executable, str(TOOLS / "docx-check"), str(built["out"] / "cy" / "handout.docx"), "--lang", "cy-GB"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@slow
def test_the_welsh_quiz_sheet_and_key_print_packgens_words_in_welsh(built):
    sheet = " ".join(" ".join(pdf_page_texts(built["out"] / "cy" / "quiz-sheet-A.pdf")).split())
    key = " ".join(" ".join(pdf_page_texts(built["out"] / "cy" / "quiz-key-A.pdf")).split())
    for words in ("Taflen cwis", "Papur 1", "Cwestiynau", "Gwir", "Gau", "Canllawiau:", "1 pwynt"):
        assert words in sheet, words
    for english in ("Quiz sheet", "Paper 1", "Questions", "True", "Guidance:", "point"):
        assert english not in sheet, english
    for words in ("Allwedd atebion", "Yr atebion yn gryno", "Cynllun marcio", "Pam:", "Llyfryn t. "):
        assert words in key, words
    for english in ("Answer key", "Marking scheme", "Why:", "Booklet p"):
        assert english not in key, english
    english_sheet = " ".join(" ".join(pdf_page_texts(built["out"] / "en" / "quiz-sheet-A.pdf")).split())
    assert "Quiz sheet" in english_sheet and "Paper 1" in english_sheet and "True" in english_sheet


# The web pages ----------------------------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: dict[int, str] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self.tags and self.tags[-1][0] == "a":
            self.text[len(self.tags) - 1] = self.text.get(len(self.tags) - 1, "") + data


def links(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@slow
@pytest.mark.parametrize("here, there, name", [("cy", "en", "English"), ("en", "cy", "Cymraeg")])
def test_each_web_page_links_the_other_language_with_hreflang(built, here, there, name):
    page = built["out"] / here / "web" / "index.html"
    found = links(page)
    html_lang = next(attrs["lang"] for tag, attrs in found.tags if tag == "html")
    assert html_lang == {"cy": "cy", "en": "en-GB"}[here]
    alternates = [a for tag, a in found.tags if tag == "link" and a.get("rel") == "alternate"]
    assert [a["hreflang"] for a in alternates] == [there]
    target = (page.parent / alternates[0]["href"]).resolve()
    assert target == (built["out"] / there / "web" / "index.html").resolve() and target.is_file()
    visible = [(i, a) for i, (tag, a) in enumerate(found.tags) if tag == "a" and a.get("hreflang") == there]
    assert len(visible) == 1
    index, anchor = visible[0]
    assert found.text[index].strip() == name and anchor["lang"] == there
    assert (page.parent / anchor["href"]).resolve() == target


@slow
def test_axe_finds_no_wcag_22_aa_violations_on_the_welsh_page(chromium, built):
    from test_web import axe_violations, open_page

    for width in (1280, 320):
        page = open_page(chromium, built["out"] / "cy" / "web", width)
        assert page.evaluate("document.documentElement.lang") == "cy"
        assert axe_violations(page) == [], f"at {width} px"
        page.close()


# The quiz exports -------------------------------------------------------------------------------

SPANS = re.compile(
    r'^<p><span lang="cy" class="multilang">([^<]+)</span><span lang="en" class="multilang">([^<]+)</span></p>$'
)


@slow
def test_the_moodle_bank_is_one_file_with_both_languages_in_multilang_spans(built):
    assert not (built["out"] / "cy" / "quiz-moodle.xml").exists()
    root = ET.parse(built["out"] / "quiz-moodle.xml").getroot()
    assert root.tag == "quiz"
    questions = root.findall("question")
    assert questions[0].get("type") == "category"
    category = questions[0].find("category/text").text
    assert category.startswith("$course$/top/") and "Cymryd rhan" in category and "Taking part" in category
    asked = questions[1:]
    assert len(asked) == 3  # every question once, not once per language
    assert {q.get("type") for q in asked} <= {"multichoice", "truefalse", "essay"}
    for question in asked:
        assert question.find("questiontext").get("format") == "html"
        for text in question.findall("questiontext/text") + question.findall("generalfeedback/text"):
            for paragraph in re.findall(r"<p>.*?</p>", text.text):
                welsh, english = SPANS.fullmatch(paragraph).groups()
                assert welsh != english
        for answer in question.findall("answer"):
            assert answer.get("fraction") is not None
            if question.get("type") == "multichoice":
                assert SPANS.fullmatch(answer.find("text").text), answer.find("text").text
    texts = " ".join(t.text or "" for t in root.iter("text"))
    assert "Ym mha iaith y cewch siarad" in texts and "Which language may you speak" in texts


@slow
def test_gift_is_one_file_per_language(built):
    welsh = (built["out"] / "cy" / "quiz-gift.txt").read_text(encoding="utf-8")
    english = (built["out"] / "en" / "quiz-gift.txt").read_text(encoding="utf-8")
    assert "Ym mha iaith y cewch siarad" in welsh and "Which language" not in welsh
    assert "Which language may you speak" in english and "Ym mha iaith" not in english


# The bilingual artefacts: the flip booklet and the cards, Welsh first ---------------------------

BILINGUAL_FILES = {
    "booklet-bilingual": "booklet-bilingual.pdf",
    "cards-sheet-bilingual": "cards-sheet-bilingual.pdf",
    "cards-print-bilingual": "cards-print-bilingual.pdf",
}


@slow
def test_the_flip_booklet_and_bilingual_cards_are_one_file_each_in_every_language(built):
    listed = {entry["kind"]: entry for entry in built["manifest"]["artefacts"] if entry["kind"] in BILINGUAL_FILES}
    assert {kind: (e["path"], e["language"]) for kind, e in listed.items()} == {
        kind: (name, "mul") for kind, name in BILINGUAL_FILES.items()
    }
    for name in BILINGUAL_FILES.values():
        assert (built["out"] / name).is_file() and not (built["out"] / "cy" / name).exists()


@slow
def test_the_flip_booklet_holds_both_booklets_padded_to_meet_at_the_centre(built):
    welsh, english = (len(pikepdf.open(built["out"] / code / "booklet.pdf").pages) for code in LANGUAGES)
    half = -(-max(welsh, english) // 2) * 2  # each half padded to the longer, the whole in whole sheets
    flip = built["out"] / "booklet-bilingual.pdf"
    with pikepdf.open(flip) as pdf:
        sides = len(pdf.pages) - 2  # after the printing instructions and their blank back
        assert sides == 2 * half // 2  # two A5 pages a side, both halves
    entry = next(e for e in built["manifest"]["artefacts"] if e["kind"] == "booklet-bilingual")
    assert entry["pages"] == 2 + sides
    texts = pdf_page_texts(flip)
    assert "Cymryd rhan yng nghyfarfodydd y cyngor" in texts[2]  # the Welsh front cover on the first sheet
    assert f"Tudalennau: 3 i {2 + sides}." in texts[0]


@slow
def test_the_printing_instructions_are_in_the_booklets_language(built):
    welsh = pdf_page_texts(built["out"] / "cy" / "booklet-imposed.pdf")[0]
    for words in ("Sut i argraffu’r llyfryn hwn", "Gosodiadau’r argraffydd", "Plygu a styffylu", "Tudalennau: 3 i"):
        assert words in welsh, words
    for english in ("How to print", "Printer settings", "Folding and stapling", "Scale:"):
        assert english not in welsh, english
    english = pdf_page_texts(built["out"] / "en" / "booklet-imposed.pdf")[0]
    assert "How to print this booklet" in english and "Printer settings" in english and "Gosodiadau" not in english
    flip = pdf_page_texts(built["out"] / "booklet-bilingual.pdf")[0]
    assert "Sut i argraffu’r llyfryn troi-drosodd hwn" in flip and "o’r clawr cefn" in flip
    assert "Printer settings" not in flip


@slow
def test_the_bilingual_cards_are_welsh_on_the_fronts_and_english_on_the_backs(built):
    fronts, backs = pdf_page_texts(built["out"] / "cards-sheet-bilingual.pdf")
    assert "Cyn y cyfarfod" in fronts and "Datgan buddiannau" in fronts and "Before the meeting" not in fronts
    assert "Before the meeting" in backs and "Declaring interests" in backs and "Cyn y cyfarfod" not in backs
    faces = pdf_page_texts(built["out"] / "cards-print-bilingual.pdf")
    assert ["Cyn y cyfarfod" in face for face in faces] == [True, False, False, False]
    assert "Before the meeting" in faces[1] and "Datgan buddiannau" in faces[2] and "Declaring interests" in faces[3]


def test_a_pack_in_one_language_makes_no_bilingual_file(default_build):
    manifest = json.loads((default_build / "manifest.json").read_text(encoding="utf-8"))
    assert not {entry["kind"] for entry in manifest["artefacts"]} & set(BILINGUAL_FILES)
    assert not any((default_build / name).exists() for name in BILINGUAL_FILES.values())


# The cache, --only, and the officer's files -------------------------------------------------------


@slow
def test_only_one_kind_rebuilds_it_in_every_language_and_keeps_the_rest(built):
    result = run_cli("build", built["pack"], "--out", built["out_root"], "--only", "quiz-gift")
    assert result.exit_code == 0, result.output
    assert "rendered" not in result.output  # the same inputs: both languages from the cache
    manifest = json.loads((built["out"] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["artefacts"] == built["manifest"]["artefacts"]
    assert (built["out"] / "cy" / "quiz-gift.txt").is_file() and (built["out"] / "en" / "quiz-gift.txt").is_file()


@slow
def test_only_the_flip_booklet_comes_from_the_cache_with_both_booklets(built):
    result = run_cli("build", built["pack"], "--out", built["out_root"], "--only", "booklet-bilingual")
    assert result.exit_code == 0, result.output
    assert "rendered" not in result.output and "nothing to build" not in result.output
    manifest = json.loads((built["out"] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["artefacts"] == built["manifest"]["artefacts"]
    assert (built["out"] / "booklet-bilingual.pdf").is_file()


@slow
def test_an_officers_file_in_a_language_folder_is_never_deleted_or_overwritten(built):
    own = built["out"] / "cy" / "nodiadau.docx"
    own.write_bytes(b"the officer's own notes")
    before = (built["out"] / "cy" / "booklet.pdf").read_bytes()
    try:
        result = run_cli("build", built["pack"], "--out", built["out_root"])
        assert result.exit_code == 4, result.output
        assert "cy/nodiadau.docx" in result.output
        assert own.read_bytes() == b"the officer's own notes"
        assert (built["out"] / "cy" / "booklet.pdf").read_bytes() == before
        copy = built["out_root"].parent / "clean" / "bilingual"
        shutil.copytree(built["out"], copy)
        cleaned = run_cli("clean", built["pack"], "--out", copy.parent)
        assert cleaned.exit_code == 0, cleaned.output
        assert (copy / "cy" / "nodiadau.docx").read_bytes() == b"the officer's own notes"
        assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*")) == ["cy", "cy/nodiadau.docx"]
    finally:
        own.unlink()


@slow  # a booklet build of its own
def test_only_a_bilingual_kind_on_a_pack_in_one_language_says_why_nothing_was_built(tmp_path):
    result = run_cli("build", BILINGUAL.parent / "meeting-rooms", "--only", "booklet-bilingual", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert (
        "nothing to build for booklet-bilingual: this pack is not in both Welsh and English "
        "(languages: [cy, en] in pack.yaml)" in result.output
    )
