"""Pagination rules, measured on the rendered PDFs of every pack the tests build (tests/pagination.py).

The default pack, every pack under tests/packs/ (print-stress: a long section with subheadings,
short sections, a 30-item list, a section that ends near a page foot, pros and cons and a
checklist; pagination-stress: a lead-in with a colon at a page foot, a section one line over a
page, tips of very uneven length, a 30-row version history), and examples/fenmarsh; booklet,
appendix and large print of each.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_cli
from generator.content.reader import load_pack
from pagination import findings, intro_left_behind

PACKS = Path(__file__).parent / "packs"
STRESS_PACK = PACKS / "print-stress"
PAGINATION_PACK = PACKS / "pagination-stress"
FENMARSH_PACK = Path(__file__).resolve().parent.parent / "examples" / "fenmarsh" / "meeting-rooms"
PAGED = ("booklet.pdf", "appendix.pdf", "booklet-large.pdf")
DEFAULT_PACK = Path(__file__).resolve().parent.parent / "content" / "social-media"


@pytest.fixture(scope="module")
def stress_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("stress")
    result = run_cli(
        "build", STRESS_PACK, "--out", out, "--as-of", "2024-06-01", "--only", "booklet", "--only", "appendix"
    )
    assert result.exit_code == 0, result.output
    return out / "print-stress"


def intros(pack_dir: Path) -> list[tuple[str, str]]:
    """(title, last words of the intro) for every section that opens with an intro before a block."""
    found = []
    for section in load_pack(pack_dir).sections:
        intro = getattr(section, "intro", None)
        if intro is None and section.kind == "prose" and len(section.body) > 1 and section.body[0].type == "paragraph":
            intro = section.body[0].text
        if intro:
            found.append((section.title, " ".join(re.findall(r"\S+", intro)[-3:])))
    return found


@pytest.mark.parametrize("name", ["booklet.pdf", "appendix.pdf"])
def test_default_pack_pages_break_as_a_designer_would(default_build, name):
    assert findings(default_build / name) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["booklet.pdf", "appendix.pdf"])
def test_stress_pack_pages_break_as_a_designer_would(stress_build, name):
    assert findings(stress_build / name) == []


@pytest.mark.parametrize("name", ["quiz-sheet-A.pdf", "quiz-key-A.pdf"])
def test_quiz_pages_keep_the_footer_apart(default_build, name):
    assert [f for f in findings(default_build / name, skip=set()) if "footer" in f] == []


@pytest.mark.parametrize(
    "build, pack", [("default_build", DEFAULT_PACK), pytest.param("stress_build", STRESS_PACK, marks=pytest.mark.slow)]
)
@pytest.mark.parametrize("name", ["booklet.pdf", "appendix.pdf"])
def test_a_section_intro_stays_with_its_first_block(request, build, pack, name):
    assert intro_left_behind(request.getfixturevalue(build) / name, intros(pack)) == []


@pytest.mark.slow
def test_the_stress_pack_has_the_shapes_it_promises(stress_build):
    pack = load_pack(STRESS_PACK)
    lists = [len(b.items) for s in pack.sections if s.kind == "prose" for b in s.body if b.type == "list"]
    assert 30 in lists
    pages = stress_build / "booklet.pdf"
    from pagination import read_pages

    read = read_pages(pages)
    assert len(read) >= 12, "the long section should run over several pages"
    # a section that ends in the last fifth of a page, the next starting on the next page
    ends_near_foot = [
        p
        for p, nxt in zip(read, read[1:])
        if p.content and nxt.content and p.content[-1].bottom > p.height * 0.7 and nxt.content[0].size > 15
    ]
    assert ends_near_foot, "no section ends near a page foot"


@pytest.mark.slow
def test_the_checker_finds_a_stranded_heading(tmp_path):
    """The rules can fail: a heading forced to a page foot is reported."""
    from generator.pdf.render import render_pdf
    from generator.html.templating import TEMPLATES

    body = "<p>" + "Words fill the page. " * 30 + "</p>"
    html = f"""<html lang="en-GB"><head><title>t</title><link rel="stylesheet" href="styles/common.css">
      <style>@page {{ size: A5; margin: 16mm 14mm 20mm 14mm; @bottom-right {{ content: "Page " counter(page) " of " counter(pages) }} }}
      .spacer {{ height: 128mm }} h2 {{ break-after: auto }} p {{ orphans: 1 }}</style></head>
      <body><section class="section"><h2>First</h2><div class="spacer"></div><h2>Stranded heading</h2>{body}</section></body></html>"""
    pdf = render_pdf(html, TEMPLATES, [TEMPLATES], what="a test page")
    path = tmp_path / "stranded.pdf"
    path.write_bytes(pdf.data)
    assert any("Stranded heading" in f for f in findings(path, skip=set()))


@pytest.fixture(scope="module")
def built_packs(tmp_path_factory):
    """Booklet, appendix and large print of a pack, built once per pack for this module."""
    built = {}

    def build(pack: Path) -> Path:
        if pack not in built:
            out = tmp_path_factory.mktemp(pack.name)
            result = run_cli(
                "build", pack, "--out", out, "--as-of", "2024-06-01",
                "--only", "booklet", "--only", "appendix", "--only", "booklet-large",
            )  # fmt: skip
            assert result.exit_code == 0, result.output
            built[pack] = out / pack.name
        return built[pack]

    return build


EVERY_PACK = sorted(p for p in PACKS.iterdir() if (p / "pack.yaml").is_file()) + [FENMARSH_PACK]


@pytest.mark.slow
@pytest.mark.parametrize("pack", EVERY_PACK, ids=lambda p: p.parent.name + "/" + p.name)
def test_every_pack_pages_break_as_a_designer_would(built_packs, pack):
    folder = built_packs(pack)
    languages = sorted(p for p in folder.iterdir() if p.is_dir() and (p / "booklet.pdf").is_file())
    for language in languages or [folder]:  # a pack in two languages: each language's folder
        found = {name: findings(language / name) for name in PAGED}
        assert found == {name: [] for name in PAGED}, language.name


def test_default_large_print_pages_break_as_a_designer_would(default_build):
    """Large print runs its sections on (a page each left pages 16-29% full) and keeps tips whole."""
    assert findings(default_build / "booklet-large.pdf") == []


def test_a_lead_in_keeps_with_what_it_introduces(default_build):
    """'... consider the following when using social media:' ended booklet page 6, its list on page 7."""
    from pagination import read_pages

    texts = [" ".join(l.text for l in p.content) for p in read_pages(default_build / "booklet.pdf")]
    page = next(t for t in texts if "consider the following when using social media:" in t)
    after = page.split("consider the following when using social media:", 1)[1]
    assert "Keep separate accounts" in after and "By having one account" in after


@pytest.mark.slow
def test_the_pagination_pack_has_the_shapes_it_promises(built_packs):
    pack = load_pack(PAGINATION_PACK)
    assert len(pack.version_history) == 30
    tips = sorted(len(tip.text) for s in pack.sections if s.kind == "checklist" for tip in s.tips)
    assert tips[-1] > 15 * tips[0], "tips of very uneven length"
    assert any(
        b.type == "paragraph" and b.text.endswith(":") for s in pack.sections if s.kind == "prose" for b in s.body
    )
    from pagination import read_pages

    pages = read_pages(built_packs(PAGINATION_PACK) / "booklet.pdf")
    history = [p for p in pages if any(l.text.startswith("Version Date") for l in p.content)]
    assert len(history) >= 3, "the version history should break over pages"
    assert all(len(p.content) >= 3 for p in history), "a header and two rows at least on each page"


@pytest.mark.slow  # a build of its own
def test_the_large_print_banner_heading_is_larger_than_its_text(tmp_path):
    """The draft banner on the large print's cover: its heading was 16 pt over 18 pt text."""
    import pdfplumber

    result = run_cli(
        "build", PACKS / "county-induction", "--out", tmp_path, "--only", "booklet-large", "--as-of", "2024-06-01"
    )
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "county-induction" / "booklet-large.pdf") as pdf:
        lines = pdf.pages[0].extract_text_lines()
    size = {l["text"]: max(c["size"] for c in l["chars"]) for l in lines}
    heading = next(s for text, s in size.items() if text.startswith("Draft: not yet approved"))
    text = next(s for text, s in size.items() if text.startswith("This guidance is a draft"))
    assert heading >= text + 2  # was 16 pt over 18 pt
