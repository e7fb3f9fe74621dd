"""A second council's branding (examples/fenmarsh): its colours, font and logo reach every
artefact, read back from the PDFs' colour operators and fonts and the DOCX styles; and
council.yaml's mistakes, pale colours above all, are content errors with their line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor

from conftest import DEFAULT_PACK, ROOT, edit, line_of, pdf_page_texts, run_cli, structure
from generator.content import contrast
from generator.content.reader import content_hash, load_pack

EXAMPLE = ROOT / "examples" / "fenmarsh"
EXAMPLE_PACK = EXAMPLE / "meeting-rooms"
PRIMARY, ACCENT, TINT, TEXT = "#5b2a86", "#9a5b2c", "#f3eef8", "#222222"
PACKGEN_TEAL = "#00505c"  # packgen's own primary: must not appear in the council's PDFs
PDF_KINDS = ("booklet.pdf", "appendix.pdf", "quiz-sheet-A.pdf", "quiz-key-A.pdf", "cards-sheet.pdf")


@pytest.fixture(scope="module")
def example_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fenmarsh")
    result = run_cli("build", EXAMPLE_PACK, "--out", out, "--as-of", "2025-06-01")
    assert result.exit_code == 0, result.output
    return out / "meeting-rooms"


@pytest.fixture
def council_copy(tmp_path) -> Path:
    """A private copy of the example council's folder, for a test to edit."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "fenmarsh"))


def pdf_colours(path: Path) -> set[str]:
    """Every RGB colour the PDF's pages (and the forms they draw) set for filling or stroking."""
    found = set()
    with pikepdf.open(path) as pdf:
        streams = [page for page in pdf.pages]
        streams += [
            x for page in pdf.pages for x in page.resources.get("/XObject", {}).values() if x.get("/Subtype") == "/Form"
        ]
        for holder in streams:
            for operands, operator in pikepdf.parse_content_stream(holder):
                if str(operator) in ("rg", "RG") or (
                    str(operator) in ("sc", "scn", "SC", "SCN") and len(operands) == 3
                ):
                    found.add(contrast.hex_colour(tuple(float(v) * 255 for v in operands)))
    return found


def page_fonts(path: Path) -> set[str]:
    """The base names of the fonts the pages use, without the subset prefix."""
    with pikepdf.open(path) as pdf:
        return {
            str(font.BaseFont).split("+")[-1] for page in pdf.pages for font in page.resources.get("/Font", {}).values()
        }


# ---- the example council's pack -------------------------------------------------------------


@pytest.mark.slow  # shares one full build of the example council
@pytest.mark.parametrize("name", PDF_KINDS)
def test_the_councils_colours_are_the_ones_drawn(example_build, name):
    colours = pdf_colours(example_build / name)
    assert TEXT in colours and PRIMARY in colours, sorted(colours)
    assert PACKGEN_TEAL not in colours, "packgen's own colour leaked into a council's PDF"


@pytest.mark.slow  # shares one full build of the example council
def test_the_booklet_draws_the_accent_and_the_tint(example_build):
    colours = pdf_colours(example_build / "booklet.pdf")
    assert {ACCENT, TINT} <= colours  # the cover's bar and rule; the cover and table headings


@pytest.mark.slow  # shares one full build of the example council
@pytest.mark.parametrize("name", PDF_KINDS)
def test_every_page_footers_included_is_set_in_the_councils_font(example_build, name):
    fonts = page_fonts(example_build / name)
    assert fonts and all(f.startswith("Lato") or f.startswith("DejaVu") for f in fonts), fonts
    assert not any("Atkinson" in f for f in fonts)
    # every page has a footer, and every page uses Lato: so the footers are in Lato too
    with pikepdf.open(example_build / name) as pdf:
        for page in pdf.pages:
            assert any(str(f.BaseFont).split("+")[-1].startswith("Lato") for f in page.resources.Font.values())


@pytest.mark.slow  # shares one full build of the example council
def test_the_handout_styles_are_built_from_council_yaml(example_build):
    document = docx.Document(example_build / "handout.docx")
    styles = document.styles
    for name in ("Title", "Heading 1", "Heading 2"):
        assert styles[name].font.color.rgb == RGBColor.from_string(PRIMARY[1:].upper())
    for name in ("Normal", "List Bullet", "Footer"):
        assert styles[name].font.color.rgb == RGBColor.from_string(TEXT[1:].upper())
    fonts = styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Calibri"  # the council's fallback: Word cannot carry Lato
    table = styles.element.xpath('w:style[@w:styleId="HandoutTable"]')[0]
    assert {b.get(qn("w:color")) for b in table.xpath(".//w:tblBorders/*")} == {ACCENT[1:].upper()}
    assert table.xpath(".//w:shd")[0].get(qn("w:fill")) == TINT[1:].upper()
    (logo,) = document.inline_shapes  # the council's logo, with its alt text
    assert logo._inline.docPr.get("descr") == "Fenmarsh District Council logo"


@pytest.mark.slow  # shares one full build of the example council
def test_the_councils_name_logo_and_contact_reach_the_booklet(example_build):
    pages = pdf_page_texts(example_build / "booklet.pdf")
    assert "Fenmarsh District Council" in pages[0]
    assert "contact Democratic Services, Fenmarsh District Council" in pages[-1]
    figures = [node for tag, node in structure(example_build / "booklet.pdf") if tag == "/Figure"]
    assert any(str(node.get("/Alt")) == "Fenmarsh District Council logo" for node in figures)


@pytest.mark.slow  # shares one full build of the example council
def test_the_audience_keeps_its_capitals(example_build):
    assert (
        "Who this guidance is for: Councillors and officers of Fenmarsh District Council"
        in pdf_page_texts(example_build / "booklet.pdf")[0]
    )


def test_without_council_yaml_packgen_keeps_its_own_look():
    pack = load_pack(DEFAULT_PACK)
    assert pack.council is None and pack.organisation == "Milton Keynes Council"


# ---- council.yaml's mistakes --------------------------------------------------------------


def test_a_pale_colour_is_refused_with_its_line_ratio_and_a_shade_that_passes(council_copy):
    council = council_copy / "council.yaml"
    edit(council, f'accent: "{ACCENT}"', 'accent: "#f47738"')
    result = run_cli("check", council_copy / "meeting-rooms")
    assert result.exit_code == 1
    line = line_of(council, "accent:")
    match = re.search(
        rf'council\.yaml:{line}: colours\.accent "#f47738" has a contrast of 2\.78:1 on white paper; '
        r'.* at least 3:1 \(WCAG 2\.2 AA\); the nearest accent that passes is "(#[0-9a-f]{6})"',
        result.output,
    )
    assert match, result.output
    edit(council, 'accent: "#f47738"', f'accent: "{match.group(1)}"')
    assert run_cli("check", council_copy / "meeting-rooms").exit_code == 0  # the suggestion really passes


def test_text_needs_four_and_a_half_to_one(council_copy):
    council = council_copy / "council.yaml"
    edit(council, f'text: "{TEXT}"', 'text: "#777777"')  # 4.47:1: just short
    result = run_cli("check", council_copy / "meeting-rooms")
    assert result.exit_code == 1
    assert f'council.yaml:{line_of(council, "text:")}: colours.text "#777777" has a contrast of 4.47:1' in result.output


def test_a_tint_too_dark_for_the_text_on_it_is_the_tints_fault(council_copy):
    council = council_copy / "council.yaml"
    edit(council, f'tint: "{TINT}"', 'tint: "#8a7f99"')
    result = run_cli("check", council_copy / "meeting-rooms")
    assert result.exit_code == 1
    assert f"council.yaml:{line_of(council, 'tint:')}: colours." in result.output
    assert "the nearest tint that passes is" in result.output


def test_an_unquoted_colour_says_to_quote_it(council_copy):
    council = council_copy / "council.yaml"
    edit(council, f'primary: "{PRIMARY}"', f"primary: {PRIMARY}")
    result = run_cli("check", council_copy / "meeting-rooms")
    assert result.exit_code == 1
    assert f"council.yaml:{line_of(council, 'primary:')}: " in result.output
    assert "double quotes" in result.output


def test_a_font_whose_licence_forbids_embedding_is_refused(council_copy):
    from fontTools.ttLib import TTFont

    font = TTFont(council_copy / "fonts" / "Lato-Bold.ttf")
    font["OS/2"].fsType = 0x0002  # restricted licence embedding
    font.save(council_copy / "fonts" / "Lato-Bold.ttf")
    result = run_cli("check", council_copy / "meeting-rooms")
    assert result.exit_code == 1
    line = line_of(council_copy / "council.yaml", "bold:")
    assert (
        f"council.yaml:{line}: font file 'fonts/Lato-Bold.ttf' cannot be used: its licence forbids embedding"
        in result.output
    )


def test_a_missing_logo_and_an_unknown_key_are_reported_together(council_copy):
    council = council_copy / "council.yaml"
    (council_copy / "logo.svg").unlink()
    edit(council, "owner: Democratic", "ownr: Democratic")
    result = run_cli("check", council_copy / "meeting-rooms")
    assert result.exit_code == 1
    assert f"council.yaml:{line_of(council, 'ownr:')}: unknown key 'ownr'; did you mean 'owner'?" in result.output


def test_a_pack_may_override_the_council(council_copy):
    pack = council_copy / "meeting-rooms"
    with open(pack / "pack.yaml", "a", encoding="utf-8") as stream:
        stream.write(
            "organisation: Fenmarsh and Wyke Joint Committee\nowner: Committee Clerk\n"
            "contact: Ask the Committee Clerk.\n"
        )
    loaded = load_pack(pack)
    assert loaded.organisation == "Fenmarsh and Wyke Joint Committee" and loaded.owner == "Committee Clerk"
    assert loaded.other_formats == "This document is available in other formats, such as large print, on request."
    (pack / "council.yaml").write_text(  # a pack's own council.yaml wins over the shared one
        'name: Wyke Parish Council\ncolours:\n  primary: "#1d4f91"\nlogo:\n  file: ../logo.svg\n  alt: Logo\n',
        encoding="utf-8",
    )
    result = run_cli("check", pack)
    assert (
        result.exit_code == 1
        and "council.yaml:5: logo file '../logo.svg' must be a file in the folder" in result.output
    )
    edit(pack / "council.yaml", "logo:\n  file: ../logo.svg\n  alt: Logo\n", "")
    loaded = load_pack(pack)
    assert loaded.council.colours.primary == "#1d4f91" and loaded.council.name == "Wyke Parish Council"
    assert loaded.organisation == "Fenmarsh and Wyke Joint Committee"  # pack.yaml still wins


def test_a_change_to_the_shared_council_yaml_changes_the_content_hash(council_copy):
    pack = council_copy / "meeting-rooms"
    before = content_hash(load_pack(pack))
    edit(council_copy / "council.yaml", f'primary: "{PRIMARY}"', 'primary: "#1d4f91"')
    assert content_hash(load_pack(pack)) != before


def test_contrast_ratios_match_wcag():
    assert contrast.ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast.shown_ratio(contrast.ratio("#f47738", "#ffffff")) == "2.78:1"
    assert contrast.shown_ratio(contrast.ratio("#767676", "#ffffff")) == "4.54:1"
    shade = contrast.nearest_passing("#f47738", lambda c: contrast.ratio(c, "#ffffff") >= 4.5)
    assert contrast.ratio(shade, "#ffffff") >= 4.5
    one_step_less = contrast.mix("#f47738", "#000000", (int(shade != "#f47738") and 0))
    assert contrast.ratio(one_step_less, "#ffffff") < 4.5


def test_the_readme_shows_what_packgen_says_of_a_pale_accent(tmp_path):
    """The README's sample error, made as a user would make it: packgen new, then a pale accent."""
    folder = tmp_path / "packs" / "induction"
    assert (
        run_cli(
            "new",
            folder,
            "--title",
            "Induction",
            "--organisation",
            "Anytown Borough Council",
            "--owner",
            "Monitoring Officer",
        ).exit_code
        == 0
    )
    edit(folder / "council.yaml", 'accent: "#00505c"', 'accent: "#f47738"')
    result = run_cli("check", folder)
    said = next(line for line in result.output.splitlines() if "council.yaml:" in line)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = next(line for line in readme.splitlines() if line.startswith("packs/council.yaml:"))
    assert said.split("council.yaml:", 1)[1] == sample.split("council.yaml:", 1)[1]


def test_no_stylesheet_or_template_names_a_font_or_a_brand_colour_itself():
    """Fonts and brand colours come only through the variables council.yaml sets, so a new
    template (a footer, a web page, a card) cannot miss the council's branding."""
    offenders = []
    for path in (ROOT / "templates").rglob("*"):
        if path.suffix not in (".css", ".j2"):
            continue
        text = re.sub(r"@font-face\s*{[^}]*}", "", path.read_text(encoding="utf-8"))
        text = re.sub(r":root\s*{[^}]*}", "", text)  # packgen's defaults for the variables
        for match in re.finditer(r"font(-family)?\s*:\s*([^;}]*)", text):
            if not match.group(2).strip().startswith("var(") and match.group(0).startswith(("font:", "font-family")):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
        offenders += [f"{path.relative_to(ROOT)}: {c}" for c in re.findall(r"#00505c|#e6f0f1", text, re.I)]
    assert not offenders


def test_the_certificate_is_signed_by_the_councils_signatory():
    import datetime as dt

    from generator.artefacts.base import BuildContext
    from generator.people.certificate import signatory

    pack = load_pack(EXAMPLE_PACK)
    context = BuildContext(pack=pack, pack_dir=EXAMPLE_PACK, built=dt.date(2025, 6, 1))
    assert signatory(context) == "Sam Okafor, Monitoring Officer, Fenmarsh District Council"
    assert (
        signatory(BuildContext(pack=load_pack(DEFAULT_PACK), pack_dir=DEFAULT_PACK, built=dt.date(2021, 6, 1)))
        == "Monitoring Officer, Milton Keynes Council"
    )


def test_a_missing_organisation_points_at_council_yaml_too(pack_copy):
    edit(pack_copy / "pack.yaml", "organisation: Milton Keynes Council\n", "")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert "'organisation' is missing; add a line 'organisation: ...'" in result.output
    assert "or give 'name' in a council.yaml beside the pack" in result.output


def test_every_html_document_template_takes_the_branding():
    """A template with its own <head> (booklet, cards, quiz, induction, and any new artefact such as
    a web version) includes the branding stylesheet, so the council's colours and font reach it."""
    missing = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.j2")
        if "<head>" in (text := path.read_text(encoding="utf-8")) and 'include "parts/branding.html.j2"' not in text
    ]
    assert not missing
