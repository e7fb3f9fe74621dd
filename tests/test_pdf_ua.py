"""PDF/UA that holds, checked here rather than by the shared pdf-check tool: every tagged PDF of
two packs of different shapes, in draft and approved states, read back with pikepdf and pypdf."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from conftest import BUILT_ON, DEFAULT_PACK, ROOT, edit, run_cli
from marked_text import marked_texts

from generator.pdf.marks import PageTexts

SECOND_PACK = ROOT / "tests" / "packs" / "meeting-rooms"
PACKS = {"social-media": (DEFAULT_PACK, "approved"), "meeting-rooms": (SECOND_PACK, "draft")}
TAGGED_KINDS = {
    "booklet",
    "booklet-large",
    "appendix",
    "quiz-sheet",
    "quiz-key",
}  # at least these; print files may be PDF/X


@pytest.fixture(
    scope="session", params=[(p, s) for p in PACKS for s in ("approved", "draft")], ids=lambda p: "-".join(p)
)
def built(request, tmp_path_factory) -> tuple[str, str, Path]:
    """(pack, status, folder of its build) for each pack in each state."""
    name, status = request.param
    source, written_status = PACKS[name]
    work = tmp_path_factory.mktemp(f"ua-{name}-{status}")
    pack = Path(shutil.copytree(source, work / name))
    if status != written_status:
        edit(pack / "pack.yaml", f"status: {written_status}", f"status: {status}")
    result = run_cli("build", pack, "--out", work / "out", "--as-of", BUILT_ON)
    assert result.exit_code == 0, result.output
    return name, status, work / "out" / name


def tagged_pdfs(folder: Path) -> dict[str, Path]:
    manifest = json.loads((folder / "manifest.json").read_text())
    found = {}
    for entry in manifest["artefacts"]:
        path = folder / entry["path"]
        if path.suffix == ".pdf":
            with pikepdf.open(path) as pdf, pdf.open_metadata() as meta:
                print_file = "pdfx:GTS_PDFXVersion" in meta or "pdfxid:GTS_PDFXVersion" in meta
                if "/StructTreeRoot" in pdf.Root and not print_file:  # PDF/X print files are not PDF/UA
                    found[entry["path"]] = path
    assert TAGGED_KINDS <= {e["kind"] for e in manifest["artefacts"] if e["path"] in found}
    return found


# Reading the structure tree --------------------------------------------------------------------


def kids(node) -> list:
    k = node.get("/K")
    return [] if k is None else list(k) if isinstance(k, pikepdf.Array) else [k]


def elements(pdf):
    """(element, parent tag) for every element reached from the structure tree root."""

    def walk(node, parent):
        for kid in kids(node):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield kid, parent
                yield from walk(kid, str(kid.S))

    yield from walk(pdf.Root.StructTreeRoot, None)


def reached_marks(pdf) -> dict[tuple[int, int], pikepdf.Dictionary]:
    pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
    reached = {}
    for element, _ in elements(pdf):
        for kid in kids(element):
            if isinstance(kid, int):
                reached[pages[element.Pg.objgen], int(kid)] = element
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                reached[pages[kid.get("/Pg", element.get("/Pg")).objgen], int(kid.MCID)] = element
    return reached


def element_text(element, pdf, texts) -> str:
    pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
    words = []
    for kid in kids(element):
        if isinstance(kid, int):
            words.append(texts.get((pages[element.Pg.objgen], int(kid)), ""))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            words.append(texts.get((pages[kid.get("/Pg", element.get("/Pg")).objgen], int(kid.MCID)), ""))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            words.append(element_text(kid, pdf, texts))
    return "".join(words)


def content_streams(pdf):
    """(page number, page, stream) for each page and each form XObject it draws."""
    for number, page in enumerate(pdf.pages):
        yield number, page, page
        pending, seen = [page.obj.get("/Resources")], set()
        while pending:
            resources = pending.pop()
            for xobject in (resources or {}).get("/XObject", {}).values():
                if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                    seen.add(xobject.objgen)
                    yield number, page, xobject
                    pending.append(xobject.get("/Resources"))


def content_findings(pdf, reached) -> list[str]:
    """Text outside any tag or artifact, tagged content the tree never reaches, artifacts in tags."""
    findings = []
    for number, page, stream in content_streams(pdf):
        stack = []
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            if op in ("BDC", "BMC"):
                is_artifact = str(operands[0]) == "/Artifact"
                mcid = None
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    mcid = int(operands[1].MCID)
                if is_artifact and any(isinstance(e, int) for e in stack):
                    findings.append(f"page {number + 1}: an Artifact inside tagged content")
                if mcid is not None and (number, mcid) not in reached:
                    findings.append(f"page {number + 1}: MCID {mcid} is not reached from the structure tree")
                stack.append("artifact" if is_artifact else mcid)
            elif op == "EMC" and stack:
                stack.pop()
            elif op in ("Tj", "TJ", "'", '"') and not stack and stream is page:  # a form takes its caller's tag
                findings.append(f"page {number + 1}: text neither tagged nor an Artifact")
    return findings


def artifact_texts(path: Path) -> list[str]:
    """The text drawn inside Artifacts on each page."""
    from pypdf import PdfReader

    return [_artifact_text(page) for page in PdfReader(path).pages]


def _artifact_text(page) -> str:
    stack, words = [], []

    def before(operator, operands, cm, tm):
        if operator in (b"BDC", b"BMC"):
            stack.append(str(operands[0]) == "/Artifact")
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(chunk, cm, tm, font, size):
        if any(stack):
            words.append(chunk)

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return "".join(words)


# The checks -----------------------------------------------------------------------------------


@pytest.mark.slow  # four builds of their own, shared by these tests
def test_every_tagged_pdf_holds_as_pdf_ua(built):
    name, status, folder = built
    for filename, path in tagged_pdfs(folder).items():
        with pikepdf.open(path) as pdf:
            assert pdf.Root.MarkInfo.Marked, filename
            assert str(pdf.Root.Lang) == "en-GB", filename
            assert pdf.Root.ViewerPreferences.DisplayDocTitle, filename
            assert str(pdf.docinfo.Title).strip(), filename
            with pdf.open_metadata() as meta:
                assert str(meta.get("pdfuaid:part")) == "1", filename
            found = list(elements(pdf))
            tags = [str(e.S) for e, _ in found]
            levels = [int(t[2]) for t in tags if re.fullmatch(r"/H[1-6]", t)]
            assert levels and all(b <= a + 1 for a, b in zip([0] + levels, levels)), (filename, levels)
            for element, parent in found:
                tag = str(element.S)
                assert tag != "/LI" or parent == "/L", f"{filename}: a list item outside a list"
                assert parent != "/L" or tag in ("/LI", "/L", "/Caption"), f"{filename}: {tag} directly in a list"
                assert tag != "/Figure" or str(element.get("/Alt", "")).strip(), f"{filename}: a Figure without /Alt"
                if tag == "/TH":
                    assert str(element.A.get("/Scope")) in ("/Row", "/Column"), f"{filename}: a TH without /Scope"
            assert content_findings(pdf, reached_marks(pdf)) == [], filename


@pytest.mark.slow  # four builds of their own, shared by these tests
def test_page_furniture_and_watermark_are_artifacts_and_status_is_stated_in_the_body(built):
    name, status, folder = built
    for filename, path in tagged_pdfs(folder).items():
        texts = marked_texts(path.read_bytes())
        with pikepdf.open(path) as pdf:
            reached = reached_marks(pdf)
            tagged = {mark: text for mark, text in texts.items() if mark in reached}
            for number, page_furniture in enumerate(artifact_texts(path)):
                if not filename.startswith("cards"):  # a card carries its stamp in its own words
                    assert "Review due" in page_furniture, f"{filename} page {number + 1}: no stamp artifact"
                if status == "draft":
                    assert "DRAFT" in page_furniture, f"{filename} page {number + 1}: no DRAFT artifact"
            assert not [t for t in tagged.values() if re.sub(r"\s+", "", t) in ("DRAFT", "SUPERSEDED")], (
                f"{filename}: the watermark is read as text"
            )
            assert not [t for t in tagged.values() if re.fullmatch(r"[.\s]+", t) and t.count(".") > 1], (
                f"{filename}: leader dots are read as text"
            )
        if filename.startswith("quiz"):  # the stamp is furniture, so the version is said once in the text
            first_page = " ".join(" ".join(t for (n, _), t in tagged.items() if n == 0).split())
            assert "Guidance: " in first_page and "Review due" in first_page, f"{filename}: no version"
        if filename in ("booklet.pdf", "booklet-large.pdf", "appendix.pdf"):
            said = "Draft, not yet approved" if status == "draft" else "Approved"
            with pikepdf.open(path) as pdf:
                first_page = " ".join(" ".join(t for (n, _), t in tagged.items() if n == 0).split())
                assert said in first_page and "Version" in first_page, f"{filename}: status not on the cover"
                control = [e for e, _ in elements(pdf) if e.S == "/Table"]
                assert any(said in " ".join(element_text(t, pdf, texts).split()) for t in control), (
                    f"{filename}: status not in document control"
                )


def test_header_cells_are_scoped_as_the_table_means(default_build):
    with pikepdf.open(default_build / "booklet.pdf") as pdf:
        texts = marked_texts((default_build / "booklet.pdf").read_bytes())
        scopes = [
            (" ".join(element_text(element, pdf, texts).split()), str(element.A.Scope))
            for element, _ in elements(pdf)
            if element.S == "/TH"
        ]
    # document control: each label beside its value; the version history's header row
    assert {("Version", "/Row"), ("Issued", "/Row"), ("Review due", "/Row"), ("Status", "/Row")} <= set(scopes)
    assert {("Version", "/Column"), ("What changed", "/Column")} <= set(scopes)


def test_contents_links_carry_the_section_title(default_build):
    path = default_build / "booklet.pdf"
    with pikepdf.open(path) as pdf:
        contents_page = pdf.pages[1]
        words = {str(a.Contents) for a in contents_page.Annots if a.Subtype == "/Link"}
        owners = {}
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        for annotation in contents_page.Annots:
            owner = nums[list(nums).index(annotation.StructParent) + 1]
            owners[annotation.objgen] = owner
            assert owner.S == "/Link"
    assert "What is the purpose of this guidance?" in words
    assert "Document control" in words and "Who to contact" in words
    assert not any(re.fullmatch(r"[a-z0-9-]+", w) for w in words), words


@pytest.mark.slow  # four builds of their own, shared by these tests
def test_web_and_email_addresses_are_links_with_readable_words(built):
    name, status, folder = built
    with pikepdf.open(folder / "booklet.pdf") as pdf:
        links = {
            str(a.A.URI): str(a.Contents)
            for page in pdf.pages
            for a in page.get("/Annots", [])
            if a.Subtype == "/Link" and "/A" in a and "/URI" in a.A
        }
    if name == "social-media":
        assert "www.milton-keynes.gov.uk" in links["https://www.milton-keynes.gov.uk/"]
        assert any(uri.startswith("https://www.local.gov.uk/") for uri in links)
    else:
        assert "facilities@test-borough.example" in links["mailto:facilities@test-borough.example"]


@pytest.mark.slow  # builds of its own
def test_same_clock_gives_the_same_bytes_for_a_draft_with_a_logo(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1622505600")
    digests = []
    for run in ("one", "two"):
        result = run_cli("build", SECOND_PACK, "--out", tmp_path / run, "--only", "booklet", "--only", "quiz-key")
        assert result.exit_code == 0, result.output
        digests.append({p.name: p.read_bytes() for p in (tmp_path / run / "meeting-rooms").glob("*.pdf")})
    assert digests[0] == digests[1]


@pytest.mark.slow  # a build of its own
def test_the_pdf_ua_pass_reads_the_same_text_as_pypdf(default_build, tmp_path):
    """packgen's own reader of marked content (fast, for WeasyPrint's output only) against pypdf's
    general one: the same characters in every marked-content sequence of every PDF, on three
    packs (a draft with an SVG logo's lettering and a DRAFT watermark, and a second council's
    fonts and colours). Spaces are left out of the comparison: pypdf adds one between runs it
    sees apart on a line, as in a logo's lettering, and packgen reads words only from links,
    whose spaces are real characters."""
    folders = [default_build]
    for number, pack in enumerate([SECOND_PACK, ROOT / "examples" / "fenmarsh" / "meeting-rooms"]):
        result = run_cli("build", pack, "--out", tmp_path / str(number), "--as-of", BUILT_ON)
        assert result.exit_code == 0, result.output
        folders.append(tmp_path / str(number) / pack.name)
    compared = 0
    for path in [p for folder in folders for p in sorted(folder.glob("*.pdf"))]:
        expected = {mark: "".join(text.split()) for mark, text in marked_texts(path.read_bytes()).items()}
        with pikepdf.open(path) as pdf:
            reader = PageTexts(pdf)
            found = {
                (n, mcid): "".join(t.split()) for n in range(len(pdf.pages)) for mcid, t in reader.read_page(n).items()
            }
        assert found == expected, path.name
        compared += len(found)
    assert compared > 3000  # every PDF of the three packs was read
