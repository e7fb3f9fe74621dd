"""Tagged PDFs read as a screen reader meets them (issue 27): one Link element per link with the
whole address, structures cut by a page break kept as one element (counted against the HTML they
were made from), regular tables, leader dots as artifacts, an IDTree, a definition list's terms
as labels of its items; and web addresses that break only after a slash or before a dot."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from conftest import BUILT_ON, DEFAULT_PACK, ROOT, pdf_page_texts, run_cli
from marked_text import marked_texts

from generator.pdf.marks import PageTexts
from generator.html.typeset import BREAK, JOIN, typeset, web_breaks

TAGGED = ("booklet", "appendix", "booklet-large", "quiz-sheet-A", "quiz-key-A", "cards-sheet")
PACKS = [
    DEFAULT_PACK,
    *sorted(p.parent for p in [*ROOT.glob("examples/*/*/pack.yaml"), *ROOT.glob("tests/packs/*/pack.yaml")]),
]


@pytest.fixture(scope="module", params=PACKS, ids=lambda p: str(p.relative_to(ROOT)))
def built(request, tmp_path_factory) -> Path:
    """Each pack's tagged PDFs, with the HTML each was made from kept beside it."""
    work = tmp_path_factory.mktemp(request.param.name)
    source = request.param
    if (source.parent / "council.yaml").exists():  # the council's folder comes too
        pack = Path(shutil.copytree(source.parent, work / source.parent.name)) / source.name
    else:
        pack = Path(shutil.copytree(source, work / source.name))
    result = run_cli("build", pack, "--out", work / "out", "--as-of", BUILT_ON, "--keep-html")
    assert result.exit_code == 0, result.output
    return work / "out" / pack.name


def tagged(folder: Path) -> list[Path]:
    return [folder / f"{name}.pdf" for name in TAGGED if (folder / f"{name}.pdf").exists()]


# Reading the tree ------------------------------------------------------------------------------


def kids(node) -> list:
    k = node.get("/K")
    return [] if k is None else list(k) if isinstance(k, pikepdf.Array) else [k]


def elements(node):
    for kid in kids(node):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def marks(element, pages) -> list[tuple[int, int]]:
    found = []
    for kid in kids(element):
        if isinstance(kid, int):
            found.append((pages[element.Pg.objgen], int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            found.append((pages[kid.get("/Pg", element.get("/Pg")).objgen], int(kid.MCID)))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found += marks(kid, pages)
    return found


class Tags(HTMLParser):
    """How many of each tag the HTML holds, leaving out copies marked data-pdf-artifact (a card
    printed again to fill its sheet), which the PDF tags as artifacts."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self, html: str):
        super().__init__()
        self.count: Counter = Counter()
        self.open: list[bool] = []  # for each open element: is it inside a copy?
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        inside_copy = bool(self.open and self.open[-1]) or "data-pdf-artifact" in dict(attrs)
        if not inside_copy:
            self.count[tag] += 1
        if tag not in self.VOID:
            self.open.append(inside_copy)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.open:
            self.open.pop()


# Links -----------------------------------------------------------------------------------------


def test_an_address_breaks_only_after_a_slash_or_before_a_dot_in_one_link():
    html = str(typeset("See https://www.milton-keynes.gov.uk/your-council/guide.pdf today"))
    assert html.count("<a ") == 1 and "<wbr" not in html and "<span" not in html  # nothing splits the link
    inner = re.search(r">(.*)</a>", html)[1]
    assert inner.replace(BREAK, "").replace(JOIN, "") == "www.milton-keynes.gov.uk/your-council/guide.pdf"
    assert inner.split(BREAK) == ["www.milton-\u2060keynes", ".gov", ".uk/", "your-\u2060council/", "guide", ".pdf"]
    web = web_breaks(html)  # the web page holds no invisible characters: a copied address is the address
    assert BREAK not in web and JOIN not in web and web.count("<wbr>") == 5


@pytest.mark.slow  # a build of its own
def test_every_link_is_one_link_element_whose_annotations_say_the_whole_address(built):
    for path in tagged(built):
        with pikepdf.open(path) as pdf:
            texts = PageTexts(pdf)
            pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
            owners: dict = {}
            for element in elements(pdf.Root.StructTreeRoot):
                for kid in kids(element):
                    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                        assert element.S == "/Link", f"{path.name}: a link annotation under {element.S}"
                        owners.setdefault(element.objgen, []).append(kid.Obj)
            for annotations in owners.values():
                uris = {str(a.A.URI) for a in annotations if "/A" in a and "/URI" in a.A}
                if not uris:
                    continue
                assert len(uris) == 1, f"{path.name}: one Link element holds two addresses {uris}"
                contents = {str(a.Contents) for a in annotations}
                assert len(contents) == 1 and " " not in contents.pop(), f"{path.name}: {contents}"
                for annotation in annotations:
                    x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
                    assert abs(x1 - x0) > 1 and abs(y1 - y0) > 1, f"{path.name}: a link annotation with no area"
            for element in elements(pdf.Root.StructTreeRoot):
                if element.S == "/Link":
                    lines = "".join(texts.get(mark) for mark in marks(element, pages)).strip().split("\n")
                    ends = [line for line in lines[:-1] if line.endswith((".", "-"))]
                    assert ends == [], f"{path.name}: a link's line ends after a dot or hyphen: {ends}"


# Structures over page breaks -------------------------------------------------------------------


@pytest.mark.slow  # a build of its own
def test_tables_lists_and_items_are_one_element_each_however_the_pages_fall(built):
    for path in tagged(built):
        html = Tags(path.with_suffix(".html").read_text(encoding="utf-8")).count
        with pikepdf.open(path) as pdf:
            tags = Counter(str(e.S) for e in elements(pdf.Root.StructTreeRoot))
        expected = {
            "/Table": html["table"],
            "/L": html["ul"] + html["ol"] + html["dl"],
            "/LI": html["li"] + html["dt"],  # a term and its descriptions are one item
        }
        assert {tag: tags[tag] for tag in expected} == expected, path.name


@pytest.mark.slow  # a build of its own
def test_every_table_is_regular(built):
    for path in tagged(built):
        with pikepdf.open(path) as pdf:
            for table in (e for e in elements(pdf.Root.StructTreeRoot) if e.S == "/Table"):
                widths = [row_width(row) for row in elements(table) if row.S == "/TR"]
                assert widths and len(set(widths)) == 1, f"{path.name}: rows of {widths} cells"


def row_width(row) -> int:
    width = 0
    for cell in kids(row):
        if isinstance(cell, pikepdf.Dictionary) and cell.get("/S") in ("/TH", "/TD"):
            attributes = cell.get("/A")
            span = attributes.get("/ColSpan", 1) if isinstance(attributes, pikepdf.Dictionary) else 1
            width += int(span)
    return width


@pytest.mark.slow  # a build of its own
def test_ids_are_listed_in_an_id_tree(built):
    for path in tagged(built):
        with pikepdf.open(path) as pdf:
            root = pdf.Root.StructTreeRoot
            ids = {bytes(e.ID) for e in elements(root) if "/ID" in e}
            listed = set()
            if "/IDTree" in root:
                names = root.IDTree.Names
                listed = {bytes(names[i]) for i in range(0, len(names), 2)}
            assert listed == ids, path.name
            cells = [e for e in elements(root) if isinstance(e.get("/A"), pikepdf.Dictionary) and "/Headers" in e.A]
            assert all(bytes(h) in ids for cell in cells for h in cell.A.Headers), path.name


@pytest.mark.slow  # reads two PDFs' marked content with pypdf
def test_leader_dots_are_drawn_as_artifacts_and_never_tagged(default_build):
    from test_pdf_ua import artifact_texts

    for name in ("booklet.pdf", "booklet-large.pdf"):
        tagged_text = marked_texts((default_build / name).read_bytes())
        assert not [t for t in tagged_text.values() if re.search(r"(\.\s*){3}", t)], f"{name}: dots read aloud"
        assert any(page.count(".") > 100 for page in artifact_texts(default_build / name)), f"{name}: no leaders"


def test_the_cover_facts_are_items_labelled_by_their_terms(default_build):
    tagged_text = marked_texts((default_build / "booklet.pdf").read_bytes())
    with pikepdf.open(default_build / "booklet.pdf") as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        first_list = next(e for e in elements(pdf.Root.StructTreeRoot) if e.S == "/L")
        items = [kid for kid in kids(first_list) if isinstance(kid, pikepdf.Dictionary)]
        assert [[str(part.S) for part in kids(item)] for item in items] == [["/Lbl", "/LBody"]] * 4
        label = "".join(tagged_text.get(mark, "") for mark in marks(kids(items[0])[0], pages))
        assert label.strip() == "Version"


# The Word handout ------------------------------------------------------------------------------


@pytest.mark.slow  # three builds of the handout
@pytest.mark.parametrize(
    "status, as_of, said",
    [
        ("draft", BUILT_ON, "Status: Draft, not yet approved."),
        ("superseded", BUILT_ON, "Status: Superseded by a newer version."),
        ("approved", "2022-03-02", "Status: Approved; review overdue."),
    ],
)
def test_the_handout_states_its_status_in_the_body_under_the_title(pack_copy, tmp_path, status, as_of, said):
    from conftest import edit
    from docx import Document

    if status != "approved":
        edit(pack_copy / "pack.yaml", "status: approved", f"status: {status}")
    allow = ["--allow-superseded"] if status == "superseded" else []
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "handout", "--as-of", as_of, *allow)
    assert result.exit_code == 0, result.output
    paragraphs = [p for p in Document(tmp_path / "out" / "social-media" / "handout.docx").paragraphs if p.text]
    title = next(n for n, p in enumerate(paragraphs) if p.style.name == "Title")
    under_title = [p.text for p in paragraphs[title + 1 : title + 4]]
    assert said in under_title


def test_an_approved_current_handout_has_no_status_line(default_build):
    from docx import Document

    texts = [p.text for p in Document(default_build / "handout.docx").paragraphs]
    assert not [t for t in texts if t.startswith("Status:")]


@pytest.mark.slow  # a build of its own
def test_a_table_row_cut_by_a_page_break_is_one_row_of_one_table(pack_copy, tmp_path):
    """Forty pros cannot fit one A4 page: the appendix's one-row table is cut inside its row."""
    from conftest import edit

    many = "".join(f"\n  - Point number {n} in favour of using social media with care." for n in range(40))
    edit(pack_copy / "sections" / "pros-and-cons.yaml", "\npros:", "\npros:" + many)
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "appendix", "--as-of", BUILT_ON)
    assert result.exit_code == 0, result.output
    with pikepdf.open(tmp_path / "out" / "social-media" / "appendix.pdf") as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        tables = [e for e in elements(pdf.Root.StructTreeRoot) if e.S == "/Table"]
        pros = next(t for t in tables if any(e.S == "/L" and len(kids(e)) >= 40 for e in elements(t)))
        assert len({page for page, _ in marks(pros, pages)}) > 1  # the table does run over a page
        rows = [row for row in elements(pros) if row.S == "/TR"]
        assert [row_width(row) for row in rows] == [2, 2]  # a header row and the one row of points


# Reading in tag order --------------------------------------------------------------------------


def tag_order_text(path: Path) -> str:
    """The text a reader gets walking the structure tree: an element's /ActualText where it has
    one, otherwise the characters its marked content shows (read with pypdf, not packgen's own
    reader, without the line breaks pypdf guesses from the layout: a tag-order reader has none)."""
    texts = {mark: text.replace("\n", "") for mark, text in marked_texts(path.read_bytes()).items()}
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}

        def read(node) -> str:
            if "/ActualText" in node:
                return str(node.ActualText)
            words = []
            for kid in kids(node):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    words.append(read(kid))
                else:
                    holder = pikepdf.Dictionary(K=pikepdf.Array([kid]), Pg=node.get("/Pg", pdf.pages[0].obj))
                    words += [texts.get(mark, "") for mark in marks(holder, pages)]
            return "".join(words)

        return " ".join(read(pdf.Root.StructTreeRoot).split())


@pytest.mark.slow  # reads two PDFs' marked content with pypdf
def test_text_read_in_tag_order_keeps_the_spaces_at_line_ends(default_build):
    from conftest import printed
    from generator.content.reader import load_pack

    pack = load_pack(DEFAULT_PACK)
    paragraphs = [printed(section.intro) for section in pack.sections if getattr(section, "intro", None)]
    assert len(paragraphs) >= 3
    for name in ("booklet.pdf", "booklet-large.pdf"):
        text = tag_order_text(default_build / name)
        assert [p for p in paragraphs if p not in text] == [], name
        assert "www.milton-keynes.gov.uk" in text  # an address broken over lines reads as one


def test_quiz_option_letters_are_labels_read_with_a_space(default_build):
    import html as entities

    sheet = default_build / "quiz-sheet-A.pdf"
    page = sheet.with_suffix(".html").read_text(encoding="utf-8")
    options = re.findall(r'<span class="letter"[^>]*>(\w)</span><span class="text"[^>]*>(.*?)</span></li>', page)
    assert len(options) > 20
    text = tag_order_text(sheet)
    for letter, words in options[:8]:
        printed_words = " ".join(entities.unescape(re.sub(r"<[^>]+>", "", words)).split())
        assert f"{letter} {printed_words}" in text
    with pikepdf.open(sheet) as pdf:
        labelled = [
            e
            for e in elements(pdf.Root.StructTreeRoot)
            if e.S == "/LI" and any(isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Lbl" for k in kids(e))
        ]
        assert len(labelled) == len(options)
        assert all([str(kid.S) for kid in kids(item)] == ["/Lbl", "/LBody"] for item in labelled)


def test_do_and_dont_are_said_in_the_tagged_text_and_on_the_web(default_build):
    pdf_text = tag_order_text(default_build / "booklet.pdf")
    assert "Do: Be a person" in pdf_text and "Don’t have a row" in pdf_text
    assert "Do: To post" not in pdf_text  # a question is neither
    assert "Do:" not in " ".join(pdf_page_text for pdf_page_text in pdf_page_texts(default_build / "booklet.pdf"))
    web = default_build / "web" / "index.html"
    web_text = " ".join(re.sub(r"<[^>]+>", "", web.read_text(encoding="utf-8")).split())
    assert "Do: Be a person" in web_text and "Don’t have a row" in web_text


def test_each_card_is_tagged_once_and_its_copies_are_artifacts(default_build):
    sheet = default_build / "cards-sheet.pdf"
    faces = Tags(sheet.with_suffix(".html").read_text(encoding="utf-8"))
    with pikepdf.open(sheet) as pdf:
        headings = [e for e in elements(pdf.Root.StructTreeRoot) if e.S == "/H2"]
    assert len(headings) == faces.count["h2"] == 4  # two cards, a front and a back each
    assert tag_order_text(sheet).count("Before you post") == 1  # read once
    assert " ".join(pdf_page_texts(sheet)).count("Before you post") == 5  # printed five times, to cut out


@pytest.mark.slow  # a build of its own
def test_the_large_print_draft_mark_stands_clear_of_the_text(tmp_path):
    import pdfplumber

    pack = ROOT / "tests" / "packs" / "meeting-rooms"  # a draft
    result = run_cli("build", pack, "--out", tmp_path, "--only", "booklet-large", "--as-of", BUILT_ON)
    assert result.exit_code == 0, result.output
    top_margin = 20 * 72 / 25.4
    with pdfplumber.open(tmp_path / "meeting-rooms" / "booklet-large.pdf") as pdf:
        for page in pdf.pages:
            words = page.extract_words(extra_attrs=["size"])
            marks = [w for w in words if w["text"] == "DRAFT" and w["size"] >= 18]
            assert len(marks) == 1, f"page {page.page_number}: one DRAFT mark, large"
            mark = marks[0]
            assert mark["bottom"] <= top_margin, f"page {page.page_number}: the mark is in the top margin"
            letters = [c for c in page.chars if mark["x0"] <= c["x0"] < mark["x1"] and c["top"] < mark["bottom"]]
            assert "".join(c["text"] for c in letters) == "DRAFT"  # nothing else printed where it stands
            assert all(c["matrix"][1] == 0 for c in letters), "level, not diagonal"
