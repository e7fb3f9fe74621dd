"""Issue 25: print-shop colour that prints clean, measured on the print files packgen writes.

A soft proof as a print shop's RIP would make it: each brand colour converted sRGB -> the output
intent embedded in the PDF (relative colorimetric) -> Lab, compared with its sRGB value by
CIEDE2000; pale tints and greys must separate with little or no black.
"""

from __future__ import annotations

import io
import itertools
import math
import shutil
import subprocess

import pikepdf
import pytest
from PIL import Image, ImageCms

from conftest import DEFAULT_PACK, ROOT, edit, run_cli, tool
from generator.content.council import Colours

FENMARSH = ROOT / "examples" / "fenmarsh"
FENMARSH_COLOURS = {"primary": "#5b2a86", "accent": "#9a5b2c", "tint": "#f3eef8", "text": "#222222"}
BRAND_COLOURS = sorted(set(Colours().model_dump(exclude={"print"}).values()) | set(FENMARSH_COLOURS.values()))
RELATIVE = ImageCms.Intent.RELATIVE_COLORIMETRIC
MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The Fenmarsh example's print-shop cards, with colours.print for two brand colours."""
    tmp = tmp_path_factory.mktemp("print-colour")
    council = shutil.copytree(FENMARSH, tmp / "fenmarsh")
    edit(
        council / "council.yaml",
        '  text: "#222222"\n',
        '  text: "#222222"\n  print:\n    primary: 80 98 0 6\n    accent: "5%, 56%, 86%, 45%"\n',
    )
    (council / "meeting-rooms" / "quiz.yaml").unlink()  # the cards are what this file is about
    result = run_cli("build", council / "meeting-rooms", "--out", tmp / "out", "--only", "cards-print")
    assert result.exit_code == 0, result.output
    return tmp / "out" / "meeting-rooms" / "cards-print.pdf"


@pytest.fixture(scope="module")
def output_intent(built):
    """The CMYK profile the print file names as its output intent, as a print shop receives it."""
    with pikepdf.open(built) as pdf:
        data = pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes()
    return ImageCms.ImageCmsProfile(io.BytesIO(data))


def transforms(profile):
    srgb, lab = ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB")
    return (
        ImageCms.buildTransform(srgb, profile, "RGB", "CMYK", renderingIntent=RELATIVE),
        ImageCms.buildTransform(profile, lab, "CMYK", "LAB", renderingIntent=RELATIVE),
        ImageCms.buildTransform(srgb, lab, "RGB", "LAB", renderingIntent=RELATIVE),
    )


def lab_of(image) -> tuple[float, float, float]:
    lightness, a, b = image.getpixel((0, 0))
    return lightness * 100 / 255, a - 128, b - 128  # Pillow's LAB: L scaled to 0-255, a and b offset by 128


def delta_e_2000(lab1, lab2) -> float:
    """CIEDE2000 (Sharma, Wu and Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    mean_c = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_c**7 / (mean_c**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = (math.degrees(math.atan2(b, a)) % 360 for a, b in ((a1p, b1), (a2p, b2)))
    dh = 0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    d_l, d_c, d_h = l2 - l1, c2p - c1p, 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    mean_l, mean_cp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        mean_h = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        mean_h = (h1p + h2p) / 2
    else:
        mean_h = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(mean_h - 30))
        + 0.24 * math.cos(math.radians(2 * mean_h))
        + 0.32 * math.cos(math.radians(3 * mean_h + 6))
        - 0.20 * math.cos(math.radians(4 * mean_h - 63))
    )
    s_l = 1 + 0.015 * (mean_l - 50) ** 2 / math.sqrt(20 + (mean_l - 50) ** 2)
    s_c, s_h = 1 + 0.045 * mean_cp, 1 + 0.015 * mean_cp * t
    r_t = (
        -math.sin(math.radians(60 * math.exp(-(((mean_h - 275) / 25) ** 2))))
        * 2
        * math.sqrt(mean_cp**7 / (mean_cp**7 + 25**7))
    )
    return math.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h))


def test_delta_e_2000_matches_sharmas_published_pairs():
    assert delta_e_2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert delta_e_2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)


@pytest.mark.slow
@pytest.mark.parametrize("colour", BRAND_COLOURS)
def test_every_brand_colour_soft_proofs_within_delta_e_3(output_intent, colour):
    to_cmyk, cmyk_to_lab, rgb_to_lab = transforms(output_intent)
    rgb = Image.new("RGB", (1, 1), tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5)))
    proofed = lab_of(ImageCms.applyTransform(ImageCms.applyTransform(rgb, to_cmyk), cmyk_to_lab))
    assert delta_e_2000(lab_of(ImageCms.applyTransform(rgb, rgb_to_lab)), proofed) <= 3


@pytest.mark.slow
def test_pale_tints_and_greys_separate_with_at_most_5_percent_black(output_intent):
    to_cmyk, _, rgb_to_lab = transforms(output_intent)
    pale = []
    for rgb in itertools.product(range(160, 256, 6), repeat=3):
        image = Image.new("RGB", (1, 1), rgb)
        if lab_of(ImageCms.applyTransform(image, rgb_to_lab))[0] > 90:
            pale.append((ImageCms.applyTransform(image, to_cmyk).getpixel((0, 0))[3] * 100 / 255, rgb))
    assert len(pale) > 300
    worst = max(pale)
    assert worst[0] <= 5, f"{worst[1]} separates with {worst[0]:.1f}% K"


def fills(pdf_path) -> set[tuple[str, tuple[float, ...]]]:
    """Every fill colour set on every page and form of the file."""
    found = set()
    with pikepdf.open(pdf_path) as pdf:
        targets = [*pdf.pages] + [
            obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form"
        ]
        for target in targets:
            for operands, operator in pikepdf.parse_content_stream(target):
                if str(operator) in ("rg", "k"):
                    found.add((str(operator), tuple(round(float(v), 4) for v in operands)))
    return found


@pytest.mark.slow
def test_colours_print_is_used_as_given_in_the_print_file(built):
    used = fills(built)
    assert ("k", (0.8, 0.98, 0.0, 0.06)) in used  # primary, as council.yaml gives it
    assert ("k", (0.05, 0.56, 0.86, 0.45)) in used  # accent, with commas and % signs
    purple, copper = (91, 42, 134), (154, 91, 44)
    as_rgb = {tuple(round(v * 255) for v in values) for operator, values in used if operator == "rg"}
    assert purple not in as_rgb and copper not in as_rgb


@pytest.mark.slow
def test_the_print_shop_cards_carry_a_brand_band_into_the_bleed(built, tmp_path):
    subprocess.run(
        [tool("pdftoppm"), "-r", "100", "-f", "1", "-l", "1", "-png", "-singlefile", built, tmp_path / "card"],
        check=True,
    )
    with pikepdf.open(built) as pdf:
        page = pdf.pages[0]
        bleed_top, trim_top = float(page.obj.BleedBox[3]), float(page.obj.TrimBox[3])
        media_top = float(page.mediabox[3])
    image = Image.open(tmp_path / "card.png").convert("RGB")
    row = lambda points_from_media_top: round(points_from_media_top / 72 * 100)  # noqa: E731
    in_bleed = row(media_top - bleed_top + 1)
    inside_trim = row(media_top - trim_top + 1.5 * MM)
    below_band = row(media_top - trim_top + 4 * MM)
    width = image.width
    for y in (in_bleed, inside_trim):
        colours = {image.getpixel((x, y)) for x in range(5, width - 5)}
        assert len(colours) == 1 and max(colours.pop()) < 200, f"row {y} is not one band of colour"
    assert (255, 255, 255) in {image.getpixel((x, below_band)) for x in range(5, width - 5)}


@pytest.mark.parametrize(
    "value, message",
    [
        ("80 98 0", 'primary: "80 98 0" is not a CMYK colour; write four percentages'),
        ("80 98 0 160", "each from 0 to 100"),
        ("purple", '"purple" is not a CMYK colour'),
    ],
)
def test_a_print_colour_that_is_not_cmyk_is_a_content_problem_on_its_line(tmp_path, value, message):
    council = shutil.copytree(FENMARSH, tmp_path / "fenmarsh")
    edit(council / "council.yaml", '  text: "#222222"\n', f'  text: "#222222"\n  print:\n    primary: "{value}"\n')
    result = run_cli("check", council / "meeting-rooms")
    assert result.exit_code == 1
    assert "council.yaml:20:" in result.output and message in result.output, result.output


def test_the_default_colours_have_no_print_values():
    assert Colours().print.model_dump() == {"primary": None, "accent": None, "tint": None, "text": None}
    assert DEFAULT_PACK.is_dir()
