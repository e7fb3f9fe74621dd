"""What WeasyPrint may reach and leave behind (issue 23, items 4 and 13): no file attached to a
PDF whatever a template asks, no local path in a kept HTML preview in any spelling, and nothing
left in the temp folder after a build."""

from __future__ import annotations

import base64
import html
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pikepdf
import pytest

from conftest import BUILT_ON, ROOT, run_cli

EXAMPLE = ROOT / "examples" / "fenmarsh"
PACKGEN = ROOT / ".venv" / "bin" / "packgen"


@pytest.fixture
def council(tmp_path) -> Path:
    """A copy of the Fenmarsh example: council.yaml, its logo and fonts, and one pack."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "fenmarsh"))


def council_template(council: Path, name: str, extra: str) -> None:
    """The council's copy of one of packgen's templates, with `extra` added at its end."""
    path = council / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((ROOT / "templates" / name).read_text(encoding="utf-8") + extra + "\n", encoding="utf-8")


def attachments(pdf_path: Path) -> list[str]:
    """Every embedded file and file-attachment annotation in a PDF."""
    found = []
    with pikepdf.open(pdf_path) as pdf:
        if "/Names" in pdf.Root and "/EmbeddedFiles" in pdf.Root.Names:
            found.append("/EmbeddedFiles")
        if "/AF" in pdf.Root:
            found.append("/AF")
        for number, page in enumerate(pdf.pages, start=1):
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") == "/FileAttachment":
                    found.append(f"/FileAttachment on page {number}")
    return found


# The file a template tries to attach is inside the pack, so the fetcher would serve it.
ATTACHING = {
    "a link element": ("parts/branding.html.j2", '<link rel="attachment" href="../meeting-rooms/pack.yaml">'),
    "an a element": ("parts/branding.html.j2", '<a rel="nofollow Attachment" href="../meeting-rooms/pack.yaml">x</a>'),
}


@pytest.mark.parametrize("only", ["booklet", "cards-sheet"])
@pytest.mark.parametrize("template, markup", ATTACHING.values(), ids=list(ATTACHING))
def test_a_template_cannot_attach_a_file_to_a_pdf(council, tmp_path, template, markup, only):
    council_template(council, template, markup)
    out = tmp_path / "out"
    result = run_cli("build", council / "meeting-rooms", "--out", out, "--as-of", BUILT_ON, "--only", only)
    assert result.exit_code == 3, result.output
    assert 'rel="attachment"' in result.output and "remove" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not list(out.rglob("*.pdf"))  # refused before WeasyPrint read the file, so no PDF holds it


@pytest.mark.slow
def test_an_induction_cannot_attach_a_file_either(council, tmp_path):
    council_template(council, "induct/stamps.html.j2", ATTACHING["a link element"][1])
    people = tmp_path / "people.csv"
    people.write_text("name,role,ward\nAnn Jones,Councillor,North\n", encoding="utf-8")
    out = tmp_path / "out"
    pack = council / "meeting-rooms"
    result = run_cli("induct", pack, "--people", people, "--out", out, "--templates", council / "templates")
    assert result.exit_code == 3, result.output
    assert "the names for the induction packs" in result.output and 'rel="attachment"' in result.output
    assert not list(out.rglob("*.pdf"))


def spellings(path: str) -> dict[str, str]:
    """A local path as it could appear in HTML or CSS: raw, CSS-escaped, percent- and entity-encoded."""
    return {
        "raw": path,
        "CSS-escaped": "".join(c if c.isalnum() else f"\\{ord(c):x} " for c in path),
        "CSS-escaped, tight": "".join(c if c.isalnum() else f"\\{ord(c):x}" for c in path),
        "percent-encoded": path.replace("/", "%2F"),
        "entity-encoded": path.replace("/", "&#47;"),
    }


def decoded(text: str) -> str:
    """`text` with CSS escapes, HTML entities and percent-encoding undone."""
    text = re.sub(
        r"\\([0-9a-fA-F]{1,6})[ \t\r\n\f]?", lambda m: chr(int(m[1], 16)) if int(m[1], 16) < 0x110000 else "", text
    )
    return unquote(html.unescape(text))


@pytest.mark.slow
def test_kept_html_names_no_local_path_in_any_form_and_no_pdf_holds_a_file(council, tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", council / "meeting-rooms", "--out", out, "--as-of", BUILT_ON, "--keep-html")
    assert result.exit_code == 0, result.output
    assert {pdf.name: attachments(pdf) for pdf in out.rglob("*.pdf")} == {pdf.name: [] for pdf in out.rglob("*.pdf")}
    kept = sorted((out / "meeting-rooms").rglob("*.html"))  # what the officer gets (not packgen's cache)
    assert {p.name for p in kept} >= {"booklet.html", "cards-sheet.html", "quiz-sheet-A.html"}
    council_fonts = (council / "fonts" / "Lato-Regular.ttf").read_bytes()
    local = {str(tmp_path), str(tmp_path.resolve()), str(ROOT), str(Path.home())} - {"/"}
    for page in kept:
        text = page.read_text(encoding="utf-8")
        for path in local:
            for form, spelt in spellings(path).items():
                assert spelt not in text, f"{page.name} names {path} ({form})"
        assert "file:" not in decoded(text).lower(), page.name
        for path in local:
            assert path not in decoded(text), f"{page.name} names {path}"
        if page.name == "booklet.html":  # the council's font is still in the preview, as data
            assert "base64," + base64.b64encode(council_fonts[:30]).decode() in text


@pytest.mark.slow
def test_a_build_and_an_induction_leave_nothing_in_the_temp_folder(council, tmp_path):
    """WeasyPrint's copies of the council's fonts (1.6-4.6 MB a render) used to stay in /tmp for good."""
    temp = tmp_path / "temp"
    temp.mkdir()
    people = tmp_path / "people.csv"
    people.write_text("name,role,ward\nAnn Jones,Councillor,North\n", encoding="utf-8")
    environment = {**os.environ, "TMPDIR": str(temp)}
    pack, out = council / "meeting-rooms", tmp_path / "out"
    for command in (
        ["build", pack, "--out", out, "--as-of", BUILT_ON],
        ["induct", pack, "--people", people, "--out", out, "--as-of", BUILT_ON],
    ):
        finished = subprocess.run([PACKGEN, *command], env=environment, capture_output=True, text=True, timeout=300)
        assert finished.returncode == 0, finished.stderr
        assert sorted(os.listdir(temp)) == [], command[0]
