"""The A5 booklet and the A4 agenda appendix, read back from the real PDFs."""

from __future__ import annotations

import hashlib
import json
import re
import shutil

import pikepdf
import pytest
from pypdf import PdfReader

from conftest import BUILT_ON, DEFAULT_PACK, ROOT, pdf_page_texts, run_cli, set_version, structure

MM = 72 / 25.4


@pytest.mark.parametrize("name, size_mm", [("booklet.pdf", (148, 210)), ("appendix.pdf", (210, 297))])
def test_page_size(default_build, name, size_mm):
    box = PdfReader(default_build / name).pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == size_mm


@pytest.mark.parametrize("name", ["booklet.pdf", "appendix.pdf"])
def test_every_page_carries_version_review_date_and_page_number(default_build, name):
    pages = pdf_page_texts(default_build / name)
    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        assert "Version 1.0" in text, f"page {number}"
        assert "Review due 1 March 2022" in text, f"page {number}"
        if number in (1, len(pages)) and name == "booklet.pdf":
            assert "Page" not in text, "the cover and the back cover carry no page number"
        else:
            assert f"Page {number} of {len(pages)}" in text, f"page {number}"


@pytest.mark.slow  # a build of its own
def test_changing_the_version_changes_every_page_of_every_artefact(pack_copy, tmp_path):
    set_version(pack_copy, "2.3")
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "booklet", "--only", "appendix")
    assert result.exit_code == 0, result.output
    for name in ("booklet.pdf", "appendix.pdf"):
        pages = pdf_page_texts(tmp_path / "out" / "social-media" / name)
        assert all("Version 2.3" in text for text in pages)
        assert not any("Version 1.0" in text for text in pages)


def test_contents_page_numbers_match_where_sections_fall(default_build):
    pages = pdf_page_texts(default_build / "booklet.pdf")
    contents = pages[1]
    assert contents.startswith("Contents")
    entries = re.findall(r"([A-Z][^.]*?[a-z?])\s*\.{3,}\s*(\d+)", contents.removeprefix("Contents"))
    titles = [
        s.strip()
        for s in re.findall(
            r"^title: (.+)$",
            "\n".join(
                (DEFAULT_PACK / "sections" / name).read_text() for name in sorted((DEFAULT_PACK / "sections").iterdir())
            ),
            re.M,
        )
    ]
    assert len(entries) == len(titles) + 2  # the sections, document control, who to contact
    for title, page in entries:
        body = pages[int(page) - 1]
        assert title in body, f"{title!r} is not on page {page}"
        assert all(title not in pages[n] for n in range(2, int(page) - 1)), f"{title!r} appears before page {page}"


def test_sections_appear_in_the_order_pack_yaml_lists_them(default_build):
    text = " ".join(pdf_page_texts(default_build / "booklet.pdf")[2:])
    positions = [
        text.index(heading)
        for heading in (
            "What is the purpose of this guidance?",
            "Who is this guidance for?",
            "Pros and cons of social media",
            "The Code of Conduct",
            "Acting in capacity as a councillor",
            "General responsibilities when using social media",
            "Potential legal issues",
            "Training and review",
            "LGA checklist for councillors",
            "Document control",
            "Who to contact",
        )
    ]
    assert positions == sorted(positions)


def test_booklet_holds_the_cover_facts_document_control_and_contact(default_build):
    pages = pdf_page_texts(default_build / "booklet.pdf")
    cover, contact = pages[0], pages[-1]
    control = next(page for page in pages if "Document control Version" in page)
    for fact in (
        "Milton Keynes Council",
        "Social media guidance for councillors",
        "Issued 1 March 2021",
        "Review due 1 March 2022",
    ):
        assert fact in cover
    for fact in ("Document control", "Owner Monitoring Officer", "Approved by Standards Committee", "Version history"):
        assert fact in control
    assert "contact the Monitoring Officer" in contact
    assert "available in other formats" in contact


def test_every_lga_tip_reaches_the_booklet(default_build):
    text = " ".join(pdf_page_texts(default_build / "booklet.pdf")).replace(
        "’", "'"
    )  # printed with typographic apostrophes
    for tip in (
        "Be a person",
        "Don't worry about reaching everyone in your ward",
        "Don't let it replace your traditional work",
        "Think about the platform you'll use",
        "See how other councillors use it",
        "Don't be a slogan machine",
        "Have a conversation",
        "Don't wait for people to come to you",
        "Think about times when you won't post",
        "To post in meetings or not?",
        "Don't have a row",
        "Don't be abusive",
        "Don't discuss case work detail",
        "Pictures work",
        "Enjoy it",
    ):
        assert tip in text


@pytest.mark.parametrize("name", ["booklet.pdf", "appendix.pdf"])
def test_pdf_is_tagged_with_language_title_and_headings_in_order(default_build, name):
    path = default_build / name
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.MarkInfo.Marked
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        assert str(pdf.docinfo.Title).startswith("Social media guidance for councillors")
        assert len(pdf.Root.Outlines.First.keys()) > 0  # bookmarks from the headings
    levels = [int(tag[2]) for tag, _ in structure(path) if re.fullmatch(r"/H[1-6]", tag)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))
    assert levels.count(2) >= 10


@pytest.mark.slow  # a build of its own
def test_appendix_label_is_on_every_page_and_configurable(pack_copy, tmp_path):
    result = run_cli(
        "build", pack_copy, "--out", tmp_path / "out", "--only", "appendix", "--appendix-label", "Appendix 3"
    )
    assert result.exit_code == 0, result.output
    pages = pdf_page_texts(tmp_path / "out" / "social-media" / "appendix.pdf")
    assert all("Appendix 3" in text for text in pages)
    assert "Contents" not in pages[0]  # no cover, no contents: it sits inside a papers pack


@pytest.mark.slow  # a build of its own
def test_logo_is_drawn_and_has_alt_text(pack_copy, tmp_path):
    shutil.copy(ROOT / "tests" / "fixtures" / "logo.svg", pack_copy / "logo.svg")
    with open(pack_copy / "pack.yaml", "a", encoding="utf-8") as stream:
        stream.write("logo:\n  file: logo.svg\n  alt: Test Council logo\n")
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "booklet")
    assert result.exit_code == 0, result.output
    booklet = tmp_path / "out" / "social-media" / "booklet.pdf"
    figures = [node for tag, node in structure(booklet) if tag == "/Figure"]
    assert [str(f["/Alt"]) for f in figures] == [
        "Test Council logo",  # the cover
        "QR code: opens https://www.milton-keynes.gov.uk/",
        "Test Council logo",  # the foot of the back cover
    ]
    assert "Test Council" in pdf_page_texts(booklet)[0]  # the SVG's own text is on the cover


@pytest.mark.slow  # a build of its own
def test_same_source_date_epoch_gives_identical_bytes(pack_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1625097600")
    digests = []
    for run in ("one", "two"):
        result = run_cli("build", pack_copy, "--out", tmp_path / run, "--only", "booklet", "--only", "appendix")
        assert result.exit_code == 0, result.output
        digests.append(
            {
                p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted((tmp_path / run / "social-media").iterdir())
            }
        )
    assert digests[0] == digests[1]
    manifest = json.loads((tmp_path / "one" / "social-media" / "manifest.json").read_text())
    assert manifest["built"] == "2021-07-01"


def test_manifest_lists_each_artefact_with_hash_and_pages(default_build):
    manifest = json.loads((default_build / "manifest.json").read_text())
    assert {k: manifest[k] for k in ("pack", "title", "version", "issued", "review_due", "built")} == {
        "pack": "social-media",
        "title": "Social media guidance for councillors",
        "version": "1.0",
        "issued": "2021-03-01",
        "review_due": "2022-03-01",
        "built": BUILT_ON,
    }
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["content_sha256"])
    by_kind = {entry["kind"]: entry for entry in manifest["artefacts"]}
    for kind in ("booklet", "appendix"):
        entry = by_kind[kind]
        path = default_build / entry["path"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
        assert entry["pages"] == len(PdfReader(path).pages)


def test_fonts_are_embedded(default_build):
    with pikepdf.open(default_build / "booklet.pdf") as pdf:
        fonts = {}
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                fonts[str(font.BaseFont)] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert all("Atkinson-Hyperlegible" in name for name in fonts)


@pytest.mark.slow  # a build of its own
def test_only_keeps_other_artefacts_of_the_same_content(pack_copy, tmp_path):
    assert (
        run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "booklet", "--only", "appendix").exit_code == 0
    )
    assert run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "booklet").exit_code == 0
    manifest = json.loads((tmp_path / "out" / "social-media" / "manifest.json").read_text())
    assert {"booklet", "appendix"} <= {entry["kind"] for entry in manifest["artefacts"]}


@pytest.mark.slow  # a build of its own
def test_only_removes_artefacts_built_from_older_content(pack_copy, tmp_path):
    assert (
        run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "booklet", "--only", "appendix").exit_code == 0
    )
    set_version(pack_copy, "1.1")
    assert run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "booklet").exit_code == 0
    manifest = json.loads((tmp_path / "out" / "social-media" / "manifest.json").read_text())
    assert [entry["kind"] for entry in manifest["artefacts"]] == ["booklet"]
    assert not (tmp_path / "out" / "social-media" / "appendix.pdf").exists()  # an old version must not linger


def test_output_folder_inside_the_pack_is_refused(pack_copy):
    result = run_cli("build", pack_copy, "--out", pack_copy / "build")
    assert result.exit_code == 2
    assert "choose a folder outside them" in result.output
    assert not (pack_copy / "build").exists()
    result = run_cli("build", pack_copy, "--out", pack_copy.parent)  # OUT/<pack> would be the pack itself
    assert result.exit_code == 2
    assert "in or over" in result.output and "choose a folder outside them" in result.output
