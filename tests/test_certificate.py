"""Issue 25: a certificate worth framing, read back from the PDFs `packgen induct` writes."""

from __future__ import annotations

import shutil
import subprocess

import pdfplumber
import pytest
from PIL import Image

from conftest import DEFAULT_PACK, ROOT, edit, pdf_page_texts, run_cli, tool

FENMARSH = ROOT / "examples" / "fenmarsh"
TWO_SIGNATORIES = """signatories:
  - name: Sam Okafor
    role: Monitoring Officer
  - name: Bridget O'Hare
    role: Chair of the Standards Committee
"""
ONE_SIGNATORY = "signatory:\n  name: Sam Okafor\n  role: Monitoring Officer\n"
MM = 72 / 25.4


def people_file(folder, *names):
    path = folder / "people.csv"
    path.write_text("name,role,ward,email\n" + "".join(f'"{n}",Councillor,Olney,\n' for n in names), encoding="utf-8")
    return path


def fenmarsh_copy(tmp_path, signatories: str | None):
    council = shutil.copytree(FENMARSH, tmp_path / "fenmarsh")
    if signatories is not None:
        edit(council / "council.yaml", ONE_SIGNATORY, signatories)
    (council / "meeting-rooms" / "quiz.yaml").unlink()  # induct makes no quiz: the certificate is what counts here
    return council / "meeting-rooms"


def induct(pack, people, out, *extra):
    return run_cli("induct", pack, "--people", people, "--out", out, "--session-date", "2026-05-12", *extra)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """An overdue Fenmarsh pack's certificate for Patrick O'Sullivan, signed by two people."""
    tmp = tmp_path_factory.mktemp("certificate")
    pack = fenmarsh_copy(tmp, TWO_SIGNATORIES)
    result = induct(pack, people_file(tmp, "Patrick O'Sullivan"), tmp / "out", "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.output
    return tmp / "out" / "meeting-rooms" / "people" / "patrick-osullivan" / "certificate.pdf"


@pytest.mark.slow  # reads one induct run (a few seconds)
def test_the_name_is_the_largest_text_with_a_typographic_apostrophe(certificate):
    with pdfplumber.open(certificate) as pdf:
        chars = pdf.pages[0].chars
    largest = max(char["size"] for char in chars)
    name = "".join(char["text"] for char in chars if abs(char["size"] - largest) < 0.01)
    assert name == "Patrick O’Sullivan"
    assert all(char["size"] < largest * 0.7 for char in chars if char["text"] not in name)


@pytest.mark.slow  # reads one induct run (a few seconds)
def test_both_signatories_sign_under_centred_lines(certificate):
    [text] = pdf_page_texts(certificate)
    for words in ("Sam Okafor", "Monitoring Officer", "Bridget O’Hare", "Chair of the Standards Committee"):
        assert words in text
    with pdfplumber.open(certificate) as pdf:
        page = pdf.pages[0]
        rules = [r for r in page.rects + page.lines if r["height"] < 2 and 60 * MM < r["width"] < 120 * MM]
        middle = float(page.width) / 2
    assert len(rules) == 2, rules
    left, right = sorted(rules, key=lambda r: r["x0"])
    assert abs((left["x0"] + right["x1"]) / 2 - middle) < 1 * MM  # the pair is centred on the page
    assert abs(left["width"] - right["width"]) < 0.5 and abs(left["top"] - right["top"]) < 0.5


@pytest.mark.slow  # reads one induct run (a few seconds)
def test_nothing_is_printed_within_10_mm_of_the_paper_edge(certificate, tmp_path):
    subprocess.run([tool("pdftoppm"), "-r", "100", "-png", "-singlefile", certificate, tmp_path / "page"], check=True)
    image = Image.open(tmp_path / "page.png").convert("L")
    width, height = image.size
    edge = round(10 / 25.4 * 100)  # 10 mm at 100 dpi
    pixels = image.load()
    inked = [
        (x, y)
        for y in range(height)
        for x in range(width)
        if (x < edge or x >= width - edge or y < edge or y >= height - edge) and pixels[x, y] < 250
    ]
    assert inked == []
    assert min(pixels[x, height // 2] for x in range(edge, width // 4)) < 200  # the frame is there, inside


@pytest.mark.slow  # reads one induct run (a few seconds)
def test_no_status_stamp_on_an_overdue_packs_certificate(certificate):
    [text] = pdf_page_texts(certificate)
    assert "overdue" not in text.lower() and "Review due" not in text
    assert "Certificate of completion" in text and "12 May 2026" in text and "Version 2.1 of the guidance" in text


@pytest.mark.slow
def test_the_old_signatory_key_still_signs(tmp_path):
    pack = fenmarsh_copy(tmp_path, None)
    result = induct(pack, people_file(tmp_path, "Aisha Khan"), tmp_path / "out", "--as-of", "2026-03-01")
    assert result.exit_code == 0, result.output
    [text] = pdf_page_texts(tmp_path / "out" / "meeting-rooms" / "people" / "aisha-khan" / "certificate.pdf")
    assert "Sam Okafor" in text and "Monitoring Officer" in text and "Fenmarsh District Council" in text


@pytest.mark.parametrize(
    "signatories, message",
    [
        (
            TWO_SIGNATORIES + ONE_SIGNATORY,
            "gives both signatory: and signatories:; keep signatories: (one or two) and remove signatory:",
        ),
        (
            TWO_SIGNATORIES + "  - name: Third Person\n    role: Leader\n",
            "signatories: lists 3 people; a certificate has room for one or two signatories",
        ),
    ],
)
def test_signatories_are_one_or_two(tmp_path, signatories, message):
    pack = fenmarsh_copy(tmp_path, signatories)
    result = run_cli("check", pack)
    assert result.exit_code == 1
    assert "council.yaml" in result.output and message in result.output, result.output


def test_induct_on_an_overdue_pack_warns_and_refuses_under_strict(tmp_path):
    people = people_file(tmp_path, "Aisha Khan")
    refused = induct(DEFAULT_PACK, people, tmp_path / "strict", "--as-of", "2023-01-01", "--strict")
    assert refused.exit_code == 1
    assert "review_due 1 March 2022 has passed" in refused.output and "--strict" in refused.output
    assert not (tmp_path / "strict").exists()


@pytest.mark.slow
def test_induct_on_an_overdue_pack_warns(tmp_path):
    people = people_file(tmp_path, "Aisha Khan")
    warned = induct(DEFAULT_PACK, people, tmp_path / "out", "--as-of", "2023-01-01")
    assert warned.exit_code == 0, warned.output
    assert "Warning: the review of this guidance was due on 1 March 2022 and is overdue" in warned.output


@pytest.mark.slow
def test_the_longest_name_a_list_may_give_is_printed_whole(tmp_path):
    """A name of MAX_NAME characters fits the certificate; it was once cut off after two lines
    without a word (WeasyPrint stops an absolutely placed box at its page's foot)."""
    from generator.content.people import MAX_NAME

    name = (
        "Dame Margaret Elizabeth Anne-Marie Fotheringham-Worthington Montgomery-Smythe of the Ancient "
        "Borough of Little Snoring Evans"
    )[:MAX_NAME]
    result = induct(DEFAULT_PACK, people_file(tmp_path, name), tmp_path / "out", "--as-of", "2021-06-01")
    assert result.exit_code == 0, result.output
    [certificate] = (tmp_path / "out" / "social-media" / "people").glob("*/certificate.pdf")
    assert name.replace("-", "") in pdf_page_texts(certificate)[0].replace("-", "").replace("\u00ad", "")
