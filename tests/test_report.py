"""packgen report: the committee report (report.docx) and its agenda-ready appendices, read back
as a clerk, a member and a screen reader would meet them (issue 32)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from conftest import ROOT, pdf_page_texts, run_cli, tool
from generator.committee.report_docx import HEADINGS, IMPLICATIONS
from generator.html.typeset import typographic

PACKS = ROOT / "tests" / "packs"
DOCX_CHECK = Path("/work/shared/tools/docx-check")
FIRST_PAGE = 7
CLEAR_MM = 15


def papers_from(tmp: Path, *options: str) -> Path:
    """members-protocol 2.0 beside its archived 1.0, reported on with `options`; the output folder."""
    shutil.copytree(PACKS / "members-protocol", tmp / "members-protocol")
    shutil.copytree(PACKS / "members-protocol-1.0", tmp / "archive" / "members-protocol" / "1.0")
    result = run_cli("report", tmp / "members-protocol", "--out", tmp / "out", "--as-of", "2025-05-02", *options)
    assert result.exit_code == 0, result.output
    return tmp / "out" / "members-protocol-committee"


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    return papers_from(
        tmp,
        "--from",
        "1.0",
        "--meeting",
        "Standards Committee, 14 June 2025",
        "--meeting-date",
        "2025-06-14",
        "--first-page",
        str(FIRST_PAGE),
    )


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(path).paragraphs]


def between(found: list[tuple[str, str]], start: str, end: str) -> list[tuple[str, str]]:
    texts = [text for _, text in found]
    return found[texts.index(start) + 1 : texts.index(end)]


def test_the_report_has_the_committee_layout_in_order(papers):
    found = paragraphs(papers / "report.docx")
    assert [text for style, text in found if style == "Heading 1"] == list(HEADINGS)
    assert ("Title", "Protocol on member and officer relations: version 2.0 for approval") in found
    facts = [text for _, text in found[: [t for _, t in found].index(HEADINGS[0])]]
    assert "Report to: Standards Committee, 14 June 2025" in facts
    assert "Date of meeting: 14 June 2025" in facts
    assert "Report author: Monitoring Officer" in facts
    assert "Wards affected: All" in facts
    contact = [text for _, text in found[[t for _, t in found].index(HEADINGS[-1]) + 1 :]]
    assert contact[0] == "Monitoring Officer, Example Borough Council."


def test_the_recommendation_names_the_version_and_the_appendices_as_they_are_labelled(papers):
    found = paragraphs(papers / "report.docx")
    recommendations = [text for _, text in between(found, "Recommendations", "Background")]
    assert recommendations[0] == (
        "That the Committee approves version 2.0 of the Protocol on member and officer relations guidance at Appendix A."
    )
    assert "shown at Appendix B" in recommendations[1]
    listed = [text for _, text in between(found, "Appendices", "Contact officer")]
    assert listed[0].startswith("Appendix A: Protocol on member and officer relations, version 2.0 (appendix-a.pdf)")
    assert listed[1].startswith("Appendix B: changes from version 1.0 to version 2.0")
    for name, label in (("appendix-a.pdf", "Appendix A"), ("appendix-b-changes.pdf", "Appendix B")):
        assert all(label in page for page in pdf_page_texts(papers / name)), name
    assert docx.Document(papers / "appendix-b-changes.docx").sections[0].header.paragraphs[0].text == "Appendix B"


def test_the_summary_of_changes_is_what_diff_says_with_the_new_history_entry(papers):
    diff = run_cli("diff", papers.parent.parent / "members-protocol", "--from", "1.0")
    assert diff.exit_code == 0, diff.output
    expected = [typographic(line.removeprefix("- ")) for line in diff.output.splitlines()[1:]]
    found = between(paragraphs(papers / "report.docx"), "Summary of changes", "Implications")
    assert [text for style, text in found if style == "List Bullet"] == expected
    assert [text for style, text in found if style == "Heading 2"] == ["Pack details", "Version history", "Sections"]
    assert any(line.startswith("Version 2.0 added to the history") for line in expected)


def test_each_implication_has_a_sentence_marked_for_the_author(papers):
    document = docx.Document(papers / "report.docx")
    items = document.paragraphs
    names = [p.text for p in items]
    for name in IMPLICATIONS:
        sentence = items[names.index(name) + 1]
        run = sentence.runs[0]
        assert run.text.startswith("[To complete: ") and run.text.endswith("]"), name
        assert run._r.rPr.find(qn("w:highlight")).get(qn("w:val")) == "yellow", name


@pytest.mark.parametrize("name", ["report.docx", "appendix-b-changes.docx"])
def test_docx_check_holds(papers, name):
    result = subprocess.run(
        [sys.executable, str(DOCX_CHECK), str(papers / name), "--lang", "en-GB"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_changes_appendix_shows_each_change_in_print_and_in_words(papers):
    text = " ".join(pdf_page_texts(papers / "appendix-b-changes.pdf"))
    assert "It [removed: should] [added: must always] be read together" in text  # the edited paragraph
    assert "Removed: raise any concern about an officer’s conduct" in text  # the removed list item
    assert "Email between councillors and officers (new section) Officers aim to answer" in text
    assert "Training and review: no changes." in text  # unchanged: by title only
    assert "Councillors receive training" not in text
    assert "underlined and bracketed as added" in text and "struck through and bracketed as removed" in text


def test_the_changes_appendix_tags_insertions_and_deletions(tmp_path):
    from generator.artefacts.base import BuildContext
    from generator.committee.appendices import changes_appendix
    from generator.committee.changes import section_changes
    from generator.content.reader import load_pack

    old, new = load_pack(PACKS / "members-protocol-1.0"), load_pack(PACKS / "members-protocol")
    context = BuildContext(new, PACKS / "members-protocol", new.issued)
    html, _ = changes_appendix(context, "Appendix B", "1.0", section_changes(old, new), None)
    assert "<del>should</del>" in html and "<ins>must always</ins>" in html
    assert re.search(r"Removed: </span><del>raise any concern", html)
    assert re.search(r"<ins>Officers aim to answer", html)
    # a list stays a list: its items, the removed one among them, are items of one <ul>
    items = re.search(r"<ul class=\"blocks\">(.*?)</ul>", html, re.DOTALL)
    assert items and "treat each other with courtesy" in items[1] and "Removed: </span><del>raise" in items[1]
    assert "Councillors and officers should:" not in items[1]  # the lead-in is a paragraph


def test_the_changes_docx_holds_word_revisions_with_author_and_date(papers):
    body = docx.Document(papers / "appendix-b-changes.docx").element.body
    inserted = ["".join(t.text for t in mark.iter(qn("w:t"))) for mark in body.iter(qn("w:ins"))]
    deleted = ["".join(t.text for t in mark.iter(qn("w:delText"))) for mark in body.iter(qn("w:del"))]
    assert "must always" in inserted and "should" in deleted
    assert any(text.startswith("raise any concern") for text in deleted)
    assert any(text.startswith("Officers aim to answer") for text in inserted)
    for mark in [*body.iter(qn("w:ins")), *body.iter(qn("w:del"))]:
        assert mark.get(qn("w:author")) == "Monitoring Officer"
        assert mark.get(qn("w:date")) == "2025-05-02T00:00:00Z"


@pytest.mark.parametrize("name", ["appendix-a.pdf", "appendix-b-changes.pdf"])
def test_the_bottom_15_mm_of_every_appendix_page_is_clear(papers, name):
    with pdfplumber.open(papers / name) as pdf:
        for page in pdf.pages:
            limit = page.height - CLEAR_MM / 25.4 * 72
            marks = page.chars + page.rects + page.lines + page.curves + page.images
            low = [m for m in marks if m["bottom"] > limit]
            assert not low, (
                f"{name} page {page.page_number}: {low[0].get('text', low[0]['object_type'])!r} in the bottom 15 mm"
            )


def test_first_page_numbers_the_appendices_on_from_it(papers):
    guidance = pdf_page_texts(papers / "appendix-a.pdf")
    changes = pdf_page_texts(papers / "appendix-b-changes.pdf")
    for number, page in enumerate(guidance + changes, start=FIRST_PAGE):
        assert re.search(rf"Page {number}\b(?! of)", page), (number, page[-80:])


def test_without_from_there_is_no_changes_appendix(tmp_path):
    out = papers_from(tmp_path)
    assert sorted(p.name for p in out.iterdir()) == ["appendix-a.pdf", "manifest.json", "report.docx"]
    found = paragraphs(out / "report.docx")
    assert [text for _, text in between(found, "Appendices", "Contact officer")] == [
        "Appendix A: Protocol on member and officer relations, version 2.0 (appendix-a.pdf)"
    ]
    assert "Page 1 of 3" in pdf_page_texts(out / "appendix-a.pdf")[0]


def test_a_councils_report_docx_is_the_base_document(tmp_path):
    templates = tmp_path / "council-templates"
    templates.mkdir()
    base = docx.Document()
    base.styles.add_style("Council Note", 1)
    base.add_paragraph("Body text of the template, which the report replaces.")
    base.save(templates / "report.docx")
    out = papers_from(tmp_path, "--templates", str(templates))
    document = docx.Document(out / "report.docx")
    assert "Council Note" in [style.name for style in document.styles]
    assert "Body text of the template" not in " ".join(p.text for p in document.paragraphs)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == list(HEADINGS)


def test_an_unreadable_report_docx_is_one_message(tmp_path):
    templates = tmp_path / "council-templates"
    templates.mkdir()
    (templates / "report.docx").write_text("not a Word document")
    shutil.copytree(PACKS / "members-protocol", tmp_path / "members-protocol")
    result = run_cli("report", tmp_path / "members-protocol", "--out", tmp_path / "out", "--templates", templates)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "report.docx: the council's report template is not usable" in result.output
    assert not (tmp_path / "out" / "members-protocol-committee").exists()


@pytest.mark.slow
def test_libreoffice_opens_the_report_and_shows_the_tracked_changes(papers, tmp_path):
    soffice = tool("soffice")
    for name, target in (("report.docx", "pdf"), ("appendix-b-changes.docx", "odt")):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path}/lo",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(tmp_path),
                str(papers / name),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    assert "Purpose of the report" in " ".join(pdf_page_texts(tmp_path / "report.pdf"))
    with zipfile.ZipFile(tmp_path / "appendix-b-changes.odt") as odt:
        content = odt.read("content.xml").decode()
    assert "<text:insertion>" in content and "<text:deletion>" in content
