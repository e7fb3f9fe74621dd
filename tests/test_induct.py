"""packgen induct on two packs of different shapes: 60 named booklets and certificates, read back."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import stat
import subprocess
import sys

import openpyxl
import pikepdf
import pytest
from pypdf import PdfReader

from conftest import DEFAULT_PACK, ROOT, edit, pdf_page_texts, run_cli, snapshot, tool
from generator.content.people import MAX_NAME
from generator.people.induct import KINDS

COUNTY_PACK = ROOT / "tests" / "packs" / "county-induction"
PDF_CHECK = "/work/shared/tools/pdf-check"
FIRST = ["Siân", "Llŷr", "Patrick", "Aisha", "Tom", "Priya", "Gareth", "Olu", "Mary", "Dafydd", "Zoë", "Chen"]
LAST = ["Jones", "O'Brien", "Evans", "Khan", "Smith", "Patel", "Williams", "Adeyemi", "Murphy", "Ap Rhys"]
WARDS = ["Bletchley East", "Olney", "Newport Pagnell North", "Wolverton", "Central Milton Keynes"]
LONG_NAME = (
    "Dame Margaret Elizabeth Anne-Marie Fotheringham-Worthington Montgomery-Smythe of the Ancient "
    "Borough of Little Snoring Evans"
)[:MAX_NAME]


def sixty_people() -> list[dict]:
    """60 different people: Welsh letters, apostrophes, a 120-character name, some emails."""
    names = [f"{first} {last}" for first, last in itertools.product(FIRST, LAST)][::2]
    people = [
        {
            "name": names[i],
            "role": "Co-opted member" if i % 10 == 9 else "Councillor",
            "ward": "" if i % 10 == 9 else WARDS[i % len(WARDS)],
            "email": f"member{i}@example.org" if i % 3 == 0 else "",
        }
        for i in range(59)
    ]
    people.append({"name": LONG_NAME, "role": "Councillor", "ward": "Olney", "email": ""})
    assert len({p["name"] for p in people}) == 60 and len(LONG_NAME) == MAX_NAME
    return people


def write_csv(path, people):
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, ["name", "role", "ward", "email"])
        writer.writeheader()
        writer.writerows(people)
    return path


def write_xlsx(path, people):
    book = openpyxl.Workbook()
    book.active.append(["Name", "Role", "Division", "Email address"])
    for person in people:
        book.active.append([person["name"], person["role"], person["ward"] or None, person["email"] or None])
    book.save(path)
    return path


def surname_order(people):
    key = lambda text: "".join(c for c in text if c.isalnum()).casefold()  # noqa: E731
    return sorted(people, key=lambda p: (key(p["name"].split()[-1]), key(p["name"])))


def page_texts(path) -> list[str]:
    """Each page's text by pdftotext (far quicker than pypdf for 60 booklets), whitespace collapsed."""
    out = subprocess.run([tool("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", " ", page).strip() for page in out.split("\f")[:-1]]


def squashed(text: str) -> str:
    """Text without spaces or hyphens: a long name wraps at a hyphen, which pdftotext then drops."""
    return re.sub(r"[\s\-]+", "", text)


def folder_of(manifest: dict, name: str) -> str:
    """A person's slug, from the list order (the manifest's `people` keeps it)."""
    return manifest["people"][[p["name"] for p in sixty_people()].index(name)]


@pytest.fixture(scope="session")
def inducted(tmp_path_factory):
    """The default pack from a 60-person CSV, and the county pack from the same list as XLSX."""
    scratch = tmp_path_factory.mktemp("induct")
    people = sixty_people()
    runs = {
        "csv": (DEFAULT_PACK, write_csv(scratch / "people.csv", people), "1.0"),
        "xlsx": (COUNTY_PACK, write_xlsx(scratch / "people.xlsx", people), "0.3"),
    }
    results = {}
    for shape, (pack, people_file, version) in runs.items():
        out = scratch / shape
        result = run_cli(
            "induct",
            pack,
            "--people",
            people_file,
            "--out",
            out,
            "--as-of",
            "2021-06-01",
            "--session-date",
            "2026-05-12",
            "--venue",
            "Council Chamber",
        )
        assert result.exit_code == 0, result.output
        folder = out / pack.name / "people"
        results[shape] = {
            "folder": folder,
            "output": result.output,
            "version": version,
            "manifest": json.loads((folder / "manifest.json").read_text(encoding="utf-8")),
        }
    return results


SHAPES = ["csv", "xlsx"]
slow = pytest.mark.slow  # these read the 60-person builds (about a minute, once per session) or make their own


@slow
@pytest.mark.parametrize("shape", SHAPES)
def test_sixty_booklets_sixty_certificates_one_sheet_one_print_job(inducted, shape):
    run = inducted[shape]
    folders = sorted(p.name for p in run["folder"].iterdir() if p.is_dir())
    assert len(folders) == 60 and sorted(run["manifest"]["people"]) == folders
    for folder in folders:
        assert sorted(p.name for p in (run["folder"] / folder).iterdir()) == ["booklet.pdf", "certificate.pdf"]
    shared = sorted(p.name for p in run["folder"].iterdir() if p.is_file())
    assert shared == ["attendance.csv", "manifest.json", "people-booklets-imposed.pdf", "sign-in-sheet.pdf"]


@slow
@pytest.mark.parametrize("shape", SHAPES)
def test_every_cover_and_every_footer_names_the_person_beside_the_version(inducted, shape):
    run = inducted[shape]
    for person in sixty_people():
        pages = page_texts(run["folder"] / folder_of(run["manifest"], person["name"]) / "booklet.pdf")
        prepared = ", ".join(part for part in (person["name"], person["role"], person["ward"]) if part)
        assert squashed(f"Prepared for {prepared}") in squashed(pages[0]), pages[0]
        for number, text in enumerate(pages, start=1):
            assert f"Version {run['version']}" in text, f"{person['name']}: page {number} has no version"
            assert squashed(f"Prepared for {person['name']}") in squashed(text), f"{person['name']}: page {number}"
    first = sixty_people()[1]  # and exactly, as a reader's copy-paste gives it
    [cover] = pdf_page_texts(run["folder"] / folder_of(run["manifest"], first["name"]) / "booklet.pdf")[:1]
    assert f"Prepared for {first['name']}, {first['role']}, {first['ward']}" in cover


@slow
@pytest.mark.parametrize("shape", SHAPES)
def test_the_named_booklet_has_the_ordinary_booklets_pages(inducted, shape, tmp_path):
    pack = DEFAULT_PACK if shape == "csv" else COUNTY_PACK
    assert run_cli("build", pack, "--out", tmp_path, "--as-of", "2021-06-01", "--only", "booklet").exit_code == 0
    ordinary = page_texts(tmp_path / pack.name / "booklet.pdf")
    named = page_texts(inducted[shape]["folder"] / inducted[shape]["manifest"]["people"][0] / "booklet.pdf")
    footer = f"Prepared for {sixty_people()[0]['name']}"
    assert len(named) == len(ordinary) and len(named) % 4 == 0
    for page in range(1, len(named)):  # the same words on the same page numbers, for "turn to page 5"
        assert " ".join(named[page].replace(footer, "").split()) == ordinary[page]


def _slot_operations(pdf, page):
    """The content-stream operators inside each marked-content sequence of `page`, by MCID."""
    found, current = {}, []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            props = operands[1]
            current.append(
                int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else str(operands[0])
            )
        elif op == "BMC":
            current.append(str(operands[0]))
        elif op == "EMC":
            current.pop()
        elif current:
            found.setdefault(current[-1], []).append((op, list(operands)))
    return found


@slow
def test_the_name_on_the_cover_is_tagged_text_and_the_footer_an_artifact(inducted):
    run = inducted["csv"]
    path = run["folder"] / run["manifest"]["people"][0] / "booklet.pdf"
    with pikepdf.open(path) as pdf:
        cover = pdf.pages[0]
        by_mcid = _slot_operations(pdf, cover)
        drawn = [
            operands[0] for ops in by_mcid.values() if not isinstance(ops, str) for op, operands in ops if op == "Do"
        ]
        slot_name = next(name for name in drawn if str(name).startswith("/PackgenSlot"))
        mcid = next(m for m, ops in by_mcid.items() if isinstance(m, int) and ("Do", [slot_name]) in ops)
        elements = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    stack.append(kid)
                elif isinstance(kid, int) and node.get("/Pg") is not None and node.Pg.objgen == cover.objgen:
                    elements.append((str(node.S), kid, node))
        tag, _, element = next(e for e in elements if e[1] == mcid)
        assert tag == "/P" and "/Alt" not in element
        assert str(element.P.S) in ("/Sect", "/Div", "/Document", "/Part")  # in the cover's own structure
        form = cover.Resources.XObject[slot_name]
        assert b"Tj" in form.read_bytes() or b"TJ" in form.read_bytes()  # real text, not a picture of it
        for page in pdf.pages:
            artifacts = _slot_operations(pdf, page).get("/Artifact", [])
            assert ("Do", [pikepdf.Name("/PackgenFooter")]) in artifacts


def _findings(path) -> list[str]:
    result = subprocess.run([sys.executable, PDF_CHECK, "--ua", "--json", str(path)], capture_output=True, text=True)
    return json.loads(result.stdout)["findings"]


@slow
@pytest.mark.skipif(not __import__("os").path.exists(PDF_CHECK), reason="needs the shared pdf-check tool")
def test_personalised_pdfs_are_as_accessible_as_the_ordinary_booklet(inducted, default_build):
    run = inducted["csv"]
    person = run["folder"] / run["manifest"]["people"][-1]
    assert _findings(person / "booklet.pdf") == _findings(default_build / "booklet.pdf")
    ordinary = " ".join(_findings(default_build / "booklet.pdf"))
    for path in (person / "certificate.pdf", run["folder"] / "sign-in-sheet.pdf"):
        for finding in _findings(path):  # only what the ordinary booklet also falls short of, if anything
            assert re.sub(r"\d+", "N", finding.split(" on pages")[0]) in re.sub(r"\d+", "N", ordinary), finding


@slow
@pytest.mark.parametrize("shape", SHAPES)
def test_the_certificate(inducted, shape):
    run = inducted[shape]
    person = sixty_people()[-1]
    path = run["folder"] / folder_of(run["manifest"], person["name"]) / "certificate.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    width, height = (round(float(v) / 72 * 25.4) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == (297, 210)
    [text] = pdf_page_texts(path)
    title = "Social media guidance for councillors" if shape == "csv" else "Induction for newly elected members"
    owner = "Monitoring Officer Milton Keynes Council" if shape == "csv" else "Head of Democratic Services"
    for words in (
        "Certificate of completion",
        person["name"],
        title,
        f"Version {run['version']}",
        "12 May 2026",
        owner,
    ):
        assert words in text
    assert pikepdf.open(path).Root.StructTreeRoot is not None


@slow
@pytest.mark.parametrize("shape", SHAPES)
def test_the_sign_in_sheet_lists_everyone_in_surname_order(inducted, shape):
    run = inducted[shape]
    text = " ".join(pdf_page_texts(run["folder"] / "sign-in-sheet.pdf"))
    assert "12 May 2026" in text and "Council Chamber" in text and "record who attended" in text
    position = 0
    for person in surname_order(sixty_people()):
        found = text.find(person["name"].split()[0], position)
        assert found >= 0, f"{person['name']} is missing or out of order"
        assert text.find(person["name"].split()[-1], found) >= 0
        position = found
    with open(run["folder"] / "attendance.csv", encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["name"] for row in rows] == [p["name"] for p in surname_order(sixty_people())]
    assert {row["date"] for row in rows} == {"12 May 2026"} and {row["attended"] for row in rows} == {""}


@slow
def test_the_print_job_holds_every_booklet_imposed(inducted):
    run = inducted["xlsx"]
    pages = len(PdfReader(run["folder"] / run["manifest"]["people"][0] / "booklet.pdf").pages)
    reader = PdfReader(run["folder"] / "people-booklets-imposed.pdf")
    per_booklet = 2 + pages // 2  # a name slip (front and back), then the booklet's sides
    assert len(reader.pages) == 2 + 60 * per_booklet  # after the printing instructions (issue 25)
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 297
    texts = [page.extract_text() for page in reader.pages[4::per_booklet]]  # each booklet's first side
    in_order = surname_order(sixty_people())
    assert all(f"Prepared for {in_order[i]['name']}" in texts[i] for i in range(1, 60, 7))  # [0]: the long name wraps


@slow
@pytest.mark.parametrize("shape", SHAPES)
def test_personal_data_is_private_and_named_by_slug(inducted, shape):
    run = inducted[shape]
    folder = run["folder"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
    manifest_text = (folder / "manifest.json").read_text(encoding="utf-8")
    assert "@" not in manifest_text and "member0" not in manifest_text
    entries = run["manifest"]["artefacts"]
    assert {entry["kind"] for entry in entries} == set(KINDS)
    for slug in run["manifest"]["people"]:
        mine = {e["kind"]: e["path"] for e in entries if e.get("person") == slug}
        assert mine == {"person-booklet": f"{slug}/booklet.pdf", "certificate": f"{slug}/certificate.pdf"}


@slow
def test_progress_is_plain_lines_when_not_on_a_terminal(inducted):
    output = inducted["csv"]["output"]
    assert "personalised 10 of 60" in output and "personalised 60 of 60" in output
    assert "packgen clean social-media --people" in output


def test_a_bad_list_reports_every_row_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    lost = "Llŷr Evans,Councillor,Abbey,".encode("cp1252", errors="replace")
    people = tmp_path / "people.csv"
    people.write_bytes(
        "name,role,ward,email\nPatrick O'Brien,Councillor,Abbey,\n,Councillor,Abbey,\n"
        "Patrick O'Brien,Councillor,Abbey,\nSiân Jones,Councillor,Hillside,\n".encode("cp1252")
        + lost
        + b"\n"
    )
    result = run_cli("induct", COUNTY_PACK, "--people", people, "--out", out, "--quiet")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "people.csv:" in line]
    assert [line.split(":")[1] for line in lines] == ["3", "4", "6"]
    assert "the name is empty" in lines[0] and "same person as row 2" in lines[1] and "Ll?r" in lines[2]
    assert not out.exists()


@slow
def test_words_too_long_for_the_cover_are_reported_by_row(tmp_path):
    people = tmp_path / "people.csv"
    ward = "Long Division Name and Surrounding Parishes North of the River and Beyond the Hills"[:80]
    write_csv(
        people,
        [
            {"name": "Ann Lee", "role": "Councillor", "ward": "Abbey", "email": ""},
            {
                "name": LONG_NAME,
                "role": "Co-opted member of the Standards Committee and more",
                "ward": ward,
                "email": "",
            },
        ],
    )
    result = run_cli("induct", COUNTY_PACK, "--people", people, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert re.search(r"people\.csv:3: Dame Margaret .*too long together to fit on the booklet's cover", result.output)
    assert not (tmp_path / "out" / "county-induction" / "people").exists()


@slow
def test_build_keeps_current_named_packs_clean_deletes_only_them(tmp_path):
    pack = tmp_path / "county-induction"
    pack.mkdir()
    for path in COUNTY_PACK.rglob("*"):
        if path.is_file():
            (pack / path.relative_to(COUNTY_PACK)).parent.mkdir(parents=True, exist_ok=True)
            (pack / path.relative_to(COUNTY_PACK)).write_bytes(path.read_bytes())
    people = write_csv(tmp_path / "people.csv", sixty_people()[:3])
    out = tmp_path / "out"
    assert run_cli("induct", pack, "--people", people, "--out", out, "--quiet").exit_code == 0
    named = snapshot(out / "county-induction" / "people")
    assert run_cli("build", pack, "--out", out, "--only", "booklet").exit_code == 0
    assert snapshot(out / "county-induction" / "people") == named  # same content: kept
    assert stat.S_IMODE((out / "county-induction" / "people").stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "county-induction" / "booklet.pdf").stat().st_mode) == 0o644

    (out / "county-induction" / "people" / "notes.txt").write_text("mine")
    refused = run_cli("induct", pack, "--people", people, "--out", out, "--quiet")
    assert refused.exit_code == 4 and "notes.txt" in refused.output
    cleaned = run_cli("clean", pack, "--people", "--out", out)
    assert cleaned.exit_code == 0 and "deleted 10 files" in cleaned.output and "notes.txt" in cleaned.output
    remaining = snapshot(out / "county-induction")
    assert sorted(remaining) == ["booklet.pdf", "manifest.json", "people/notes.txt"]

    (out / "county-induction" / "people" / "notes.txt").unlink()
    assert run_cli("induct", pack, "--people", people, "--out", out, "--quiet").exit_code == 0
    edit(pack / "pack.yaml", '\nversion: "0.3"', '\nversion: "0.4"')
    edit(pack / "pack.yaml", '- version: "0.3"', '- version: "0.4"')
    rebuilt = run_cli("build", pack, "--out", out, "--only", "booklet")
    assert rebuilt.exit_code == 0 and "named induction packs" in rebuilt.output
    assert not (out / "county-induction" / "people").exists()  # of the old version: removed, and said so


def test_csv_and_xlsx_of_the_same_list_give_the_same_people(tmp_path):
    from generator.content.people import read_people

    people = sixty_people()
    from_csv = read_people(write_csv(tmp_path / "p.csv", people)).people
    from_xlsx = read_people(write_xlsx(tmp_path / "p.xlsx", people)).people
    assert [(p.name, p.role, p.ward, p.email, p.slug) for p in from_csv] == [
        (p.name, p.role, p.ward, p.email, p.slug) for p in from_xlsx
    ]


@slow
def test_the_same_list_gives_the_same_bytes(tmp_path):
    people = write_csv(tmp_path / "people.csv", sixty_people()[:2])
    digests = []
    for run in ("a", "b"):
        assert (
            run_cli(
                "induct", COUNTY_PACK, "--people", people, "--out", tmp_path / run, "--quiet", "--as-of", "2026-05-01"
            ).exit_code
            == 0
        )
        digests.append(snapshot(tmp_path / run / "county-induction" / "people"))
    assert digests[0] == digests[1]


@slow
def test_quiet_prints_nothing(tmp_path):
    people = write_csv(tmp_path / "people.csv", sixty_people()[:1])
    result = run_cli("induct", COUNTY_PACK, "--people", people, "--out", tmp_path, "--quiet")
    assert result.exit_code == 0 and result.stdout == ""  # warnings (a draft) still go to stderr


def test_attendance_csv_cells_never_run_as_formulas(tmp_path):
    from generator.content.people import read_people
    from generator.people.sign_in import Session, attendance_csv

    path = write_csv(tmp_path / "people.csv", [{"name": "Ann Lee", "role": "=HYPERLINK(1)", "ward": "", "email": ""}])
    rows = list(csv.reader(io.StringIO(attendance_csv(read_people(path), Session("Induction")).decode("utf-8-sig"))))
    assert rows[1][:2] == ["Ann Lee", "'=HYPERLINK(1)"]
