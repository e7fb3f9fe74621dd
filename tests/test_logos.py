"""Logos that used to crash or mislead: each is refused with a sentence, or drawn within bounds
(issue 11, items 8 and 12). Every test drives the real CLI."""

from __future__ import annotations

import io
import struct
import zlib

import docx
import pytest
from PIL import Image

from conftest import run_cli

from generator.word.style import TEXT_WIDTH

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def with_logo(pack, name: str, data: bytes):
    (pack / name).write_bytes(data)
    with open(pack / "pack.yaml", "a", encoding="utf-8") as stream:
        stream.write(f"logo:\n  file: {name}\n  alt: Anytown Council\n")


def use_bomb() -> str:
    levels = ['<rect id="l0" width="1" height="1"/>']
    levels += [f'<g id="l{n}">' + f'<use href="#l{n - 1}"/>' * 10 + "</g>" for n in range(1, 10)]
    return f'{SVG_OPEN} viewBox="0 0 10 10"><defs>{"".join(levels)}</defs><use href="#l9"/></svg>'


def png(width: int, height: int, cut: bool = False) -> bytes:
    """A PNG of `width` x `height`; with `cut`, its picture data stops half way, checksums all correct."""
    if not cut:
        out = io.BytesIO()
        Image.new("L", (width, height), 128).save(out, "PNG")
        return out.getvalue()
    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height // 2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "name, data, reason",
    [
        (
            "logo.svg",
            (SVG_OPEN + ' viewBox="0 0 10 10"><title>Caf\xe9</title></svg>').encode("latin-1"),
            "is not a readable SVG (not well-formed (invalid token)",
        ),
        (
            "logo.svg",
            (SVG_OPEN + ' viewBox="0 0 10 10">' + "<g>" * 3000 + "</g>" * 3000 + "</svg>").encode(),
            "is an SVG nested more than 50 levels deep",
        ),
        (
            "logo.svg",
            (SVG_OPEN + ' width="100%" height="100%"><rect width="1" height="1"/></svg>').encode(),
            "is an SVG with no size of its own",
        ),
        ("logo.svg", use_bomb().encode(), "is an SVG whose <use> elements repeat other <use> elements"),
        (
            "logo.svg",
            (SVG_OPEN + ' width="100000" height="10"><rect width="1" height="1"/></svg>').encode(),
            "is 100,000 x 10, more than 20 times as long one way as the other",
        ),
        ("logo.png", png(25_000_000, 1), "is 25,000,000 x 1, more than 20 times as long one way as the other"),
        ("logo.png", png(200, 100, cut=True), "is damaged: its picture data stops part of the way through"),
    ],
)
def test_a_logo_that_would_crash_a_renderer_is_refused_by_check(pack_copy, name, data, reason):
    with_logo(pack_copy, name, data)
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1, result.output
    assert f"logo file '{name}' {reason}" in result.output
    assert "Traceback" not in result.output


def test_a_latin_1_svg_that_says_so_is_read(pack_copy):
    with_logo(
        pack_copy,
        "logo.svg",
        (
            f'<?xml version="1.0" encoding="ISO-8859-1"?>{SVG_OPEN} viewBox="0 0 10 10"><title>Caf\xe9</title></svg>'
        ).encode("latin-1"),
    )
    assert run_cli("check", pack_copy).exit_code == 0


def test_one_pack_with_a_bad_logo_does_not_stop_status_for_the_others(pack_copy, tmp_path):
    import shutil

    shutil.copytree(pack_copy, pack_copy.parent / "second")
    with_logo(pack_copy, "logo.svg", b"<svg \xff")
    result = run_cli("status", pack_copy.parent)
    assert result.exit_code == 0, result.output
    assert "social-media: cannot be read (1 problem)" in result.output
    assert "second: Social media guidance for councillors" in result.output


@pytest.mark.slow  # a build of its own
def test_a_banner_logo_is_narrowed_to_the_handout_column(pack_copy, tmp_path):
    with_logo(pack_copy, "logo.png", png(2400, 240))
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "handout")
    assert result.exit_code == 0, result.output
    picture = docx.Document(tmp_path / "out" / "social-media" / "handout.docx").inline_shapes[0]
    assert picture.width == TEXT_WIDTH
    assert abs(picture.height * 10 - picture.width) < 20  # still a 10:1 banner
