"""Hostile and broken input: clear errors, nothing leaked, nothing lost (issue 8).

Every test drives the real CLI and proves the output folder is byte-for-byte what it was.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from generator.html.typeset import ADDRESS, display_address

from conftest import ROOT, edit, line_of, pdf_page_texts, run_cli, snapshot

# Most tests here are refused while the content is read, before any rendering: fast, so `make
# test` runs them. Those marked slow render a whole booklet or pack of their own.

LEGAL = "sections/legal-issues.yaml"
CONDUCT = "sections/code-of-conduct.yaml"  # prose that no card quotes, so any length fits


def add_paragraphs(pack: Path, *paragraphs: str) -> None:
    with open(pack / CONDUCT, "a", encoding="utf-8") as stream:
        stream.writelines(f"  - {p}\n" for p in paragraphs)


@pytest.fixture
def out(default_build, tmp_path):
    """An output folder holding a good earlier build."""
    folder = tmp_path / "out"
    shutil.copytree(default_build, folder / "social-media")
    return folder


def refused(pack, out, *extra, code=1):
    """Build, expect failure with `code`, prove nothing changed, and return the output text."""
    before = snapshot(out)
    result = run_cli("build", pack, "--out", out, *extra)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert snapshot(out) == before
    return result.output


def all_text(folder: Path) -> str:
    """Every word in every PDF and DOCX of a built pack."""
    texts = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".pdf":
            texts += [page.extract_text() or "" for page in PdfReader(path).pages]
        elif path.suffix == ".docx":
            document = docx.Document(path)
            texts += [p.text for p in document.paragraphs]
            texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(texts).split())


# 1. YAML ------------------------------------------------------------------------------------


def test_billion_laughs_is_refused_quickly(pack_copy, out):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(9)]
    (pack_copy / LEGAL).write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    message = refused(pack_copy, out)
    # Refused at the first anchor, never expanded: a bound against a hang, not a speed goal (an
    # expanded bomb takes minutes and gigabytes; a refusal takes seconds even on a busy machine).
    assert time.perf_counter() - start < 60
    assert f"{LEGAL}:1: anchors and aliases (& and *) are not allowed" in message


def test_byte_order_mark_is_harmless(pack_copy, tmp_path):
    path = pack_copy / LEGAL
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_cli("check", pack_copy).exit_code == 0


def test_deep_nesting_is_refused_with_the_limit(pack_copy, out):
    (pack_copy / LEGAL).write_text("kind: legal-issues\ntitle: x\nissues: " + "[" * 400 + "]" * 400 + "\n")
    message = refused(pack_copy, out)
    assert f"{LEGAL}:3: is nested more than 10 levels deep" in message


# 2. Text ------------------------------------------------------------------------------------


@pytest.mark.parametrize("escape, shown", [("\\0", "U+0000"), ("\\x0b", "U+000B"), ("\\ud800", "U+D800")])
def test_control_characters_and_lone_surrogates_are_refused(pack_copy, out, escape, shown):
    edit(pack_copy / LEGAL, "  - Copyright\n", f'  - "Copy{escape}right"\n')
    message = refused(pack_copy, out)
    assert f"{LEGAL}:{line_of(pack_copy / LEGAL, 'Copy')}: contains a control character ({shown})" in message


def test_characters_the_fonts_cannot_print_are_refused(pack_copy, out):
    edit(pack_copy / LEGAL, "  - Copyright\n", "  - Copyright 版权\n")
    message = refused(pack_copy, out)
    assert "contains characters the pack's fonts cannot print: 版 (U+7248 cjk unified ideograph-7248)" in message


@pytest.mark.slow  # a whole pack of its own
def test_welsh_emoji_right_to_left_marks_and_long_words_reach_every_artefact(pack_copy, tmp_path):
    word = "Gwasanaethau" * 12  # 144 letters with no break
    add_paragraphs(pack_copy, f'"Copyright ŵŷ 😀 \\u200f{word}"')
    result = run_cli("build", pack_copy, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = all_text(tmp_path / "out" / "social-media")
    assert "ŵŷ" in text and "😀" in text
    assert text.replace(" ", "").count(word) >= 2  # the booklet and the appendix at least, broken to fit


# 3. Markup in content -----------------------------------------------------------------------

MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% raw %}",
    "body { display: none }",
    "</style><b>bold</b>",
    '<a rel="attachment" href="file:///etc/passwd">x</a>',
    '<link rel="attachment" href="/etc/passwd">',
    '<meta http-equiv="refresh" content="0; url=http://127.0.0.1/">',
]


@pytest.mark.slow  # a whole pack of its own
def test_markup_in_content_is_printed_literally_everywhere(pack_copy, tmp_path):
    add_paragraphs(pack_copy, *(f"'{m}'" for m in MARKUP))
    edit(pack_copy / "pack.yaml", "owner: Monitoring Officer", 'owner: "Monitoring Officer <b>{{ 7*7 }}</b>"')
    result = run_cli("build", pack_copy, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = all_text(tmp_path / "out" / "social-media")
    text = text.translate(str.maketrans("‘’“”", "''\"\""))  # printed with typographic quotes, as all text is
    for markup in MARKUP:
        # a web address inside the markup prints as every address does (127.0.0.1, no scheme)
        shown = ADDRESS.sub(lambda found: display_address(found[0]), markup)
        assert " ".join(shown.split()) in text, markup
    assert "Monitoring Officer <b>{{ 7*7 }}</b>" in text
    assert "49" not in text.replace("1049", "")
    passwd = Path("/etc/passwd").read_bytes()[:20]
    for path in (tmp_path / "out" / "social-media").rglob("*"):  # no attachment, no file's bytes
        if path.is_file():  # the web version is a folder of its own
            assert passwd not in path.read_bytes(), path
        if path.suffix == ".pdf":
            assert not PdfReader(path).attachments, path


# 4. References to the outside ---------------------------------------------------------------


@pytest.mark.parametrize(
    "address, reason",
    [
        ("file:///etc/passwd", "is not a web address"),
        ("../../secret", "is not a web address"),
        ("http://127.0.0.1:9/x", "points at a private or local machine"),
        ("http://localhost/", "points at a private or local machine"),
    ],
)
def test_addresses_that_point_inside_are_refused(pack_copy, out, address, reason):
    edit(pack_copy / "pack.yaml", "url: https://www.milton-keynes.gov.uk/", f"url: {address}")
    message = refused(pack_copy, out)
    assert f'pack.yaml:{line_of(pack_copy / "pack.yaml", "url:")}: url: "{address}" {reason}' in message


@pytest.mark.parametrize("logo", ["file:///etc/passwd", "../../secret.png", "/etc/passwd"])
def test_logo_outside_the_pack_is_refused_and_never_read(pack_copy, out, logo):
    with open(pack_copy / "pack.yaml", "a") as stream:
        stream.write(f"logo:\n  file: {logo}\n  alt: Logo\n")
    message = refused(pack_copy, out)
    assert f"logo file '{logo}' must be a file inside the pack folder" in message


@pytest.mark.slow  # a whole pack of its own
def test_an_https_address_is_printed_but_never_fetched(pack_copy, tmp_path, loopback):
    address = f"https://www.example.gov.uk:{loopback.port}/guidance"
    edit(pack_copy / "pack.yaml", "url: https://www.milton-keynes.gov.uk/", f"url: {address}")
    result = run_cli("build", pack_copy, "--out", tmp_path / "out")
    loopback.close()
    assert result.exit_code == 0, result.output
    assert loopback.connections == []
    assert address.removeprefix("https://") in all_text(tmp_path / "out" / "social-media")  # printed readably


# 5. Images ----------------------------------------------------------------------------------


def add_logo(pack, name, data: bytes):
    (pack / name).write_bytes(data)
    with open(pack / "pack.yaml", "a") as stream:
        stream.write(f"logo:\n  file: {name}\n  alt: Logo\n")


def png_bytes(size=(40, 20)) -> bytes:
    import io

    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("logo.png", b"\x89PNG\r\n\x1a\n not really", "cannot be read as an image"),
        ("logo.jpg", png_bytes(), "is a PNG file named .jpg; save it as JPEG or rename it"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "containing <script>"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="file:///etc/passwd"/></svg>',
            "refers to 'file:///etc/passwd' outside itself",
        ),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "script attribute (onload)"),
        (
            "logo.svg",
            b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">'
            b"<text>&x;</text></svg>",
            "DOCTYPE or entities",
        ),
    ],
)
def test_bad_images_are_refused(pack_copy, out, name, data, reason):
    add_logo(pack_copy, name, data)
    message = refused(pack_copy, out)
    assert reason in message


def test_missing_image_is_refused(pack_copy, out):
    with open(pack_copy / "pack.yaml", "a") as stream:
        stream.write("logo:\n  file: logo.png\n  alt: Logo\n")
    assert "logo file 'logo.png' does not exist" in refused(pack_copy, out)


def test_decompression_bomb_is_refused(pack_copy, out):
    add_logo(pack_copy, "logo.png", _bomb_png())
    assert "is 20000 x 20000 pixels; the limit is 25,000,000 pixels" in refused(pack_copy, out)


def _bomb_png() -> bytes:
    """A 20000 x 20000 PNG of under 2 MB, made without holding it in memory (level 1: quick)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\0" + b"\0" * 20000
    compressor = zlib.compressobj(1)
    body = b"".join(compressor.compress(row) for _ in range(20000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


@pytest.mark.slow  # a booklet of its own
def test_a_good_png_logo_is_really_on_the_page(pack_copy, tmp_path):
    add_logo(pack_copy, "logo.png", png_bytes())
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "booklet")
    assert result.exit_code == 0, result.output
    page = PdfReader(tmp_path / "out" / "social-media" / "booklet.pdf").pages[0]
    assert len(page.images) == 1


# 6. Size ------------------------------------------------------------------------------------


@pytest.mark.slow  # a booklet of over 50 pages
def test_five_hundred_tips_and_a_long_paragraph_render_with_page_breaks(pack_copy, tmp_path):
    tips = "".join(f"  - title: Tip number {n}\n    text: Keep it short, tip {n}.\n" for n in range(485))
    path = pack_copy / "sections" / "lga-checklist.yaml"
    path.write_text(path.read_text() + tips)
    (pack_copy / "cards.yaml").unlink()  # its Do / Don't card quotes every tip: 500 would not fit a card
    add_paragraphs(pack_copy, " ".join(["councillors"] * 900)[:9990])
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "booklet")
    assert result.exit_code == 0, result.output
    pages = pdf_page_texts(tmp_path / "out" / "social-media" / "booklet.pdf")
    assert len(pages) > 50
    assert "Tip number 484" in " ".join(pages)  # the 500th tip


def test_too_many_items_is_refused_naming_the_limit(pack_copy, out):
    items = "".join(f"  - Issue {n}\n" for n in range(501))
    edit(pack_copy / LEGAL, "  - Copyright\n", items)
    assert "has 509 items; the limit is 500" in refused(pack_copy, out)


def test_two_hundred_quiz_questions_are_refused_naming_the_limit(pack_copy, out):
    question = (
        "  - id: extra-{n}\n    type: true-false\n    section: purpose\n    prompt: Statement {n}.\n"
        "    answer: true\n    explanation: Because.\n"
    )
    written = (pack_copy / "quiz.yaml").read_text(encoding="utf-8").count("\n  - id: ")
    with open(pack_copy / "quiz.yaml", "a") as stream:
        stream.writelines(question.format(n=n) for n in range(200 - written))
    assert "has 200 items; the limit is 100" in refused(pack_copy, out)


def test_a_render_over_the_time_limit_is_stopped_and_named(pack_copy, out, monkeypatch):
    from generator.pipeline import workers

    monkeypatch.setattr(workers, "RENDER_SECONDS", 1)  # the forked renderers inherit it
    tips = "".join(f"  - title: Tip number {n}\n    text: {'Keep it short. ' * 40}\n" for n in range(480))
    path = pack_copy / "sections" / "lga-checklist.yaml"
    path.write_text(path.read_text() + tips)
    (pack_copy / "cards.yaml").unlink()
    message = refused(pack_copy, out, "--only", "booklet", code=3)
    assert "rendering took longer than the limit of 1 seconds" in message


def test_over_long_paragraph_is_refused_naming_the_limit(pack_copy, out):
    edit(pack_copy / LEGAL, "  - Copyright\n", f"  - {'x' * 10_001}\n")
    assert "is 10,001 characters long; the limit is 10,000" in refused(pack_copy, out)


# 7. Templates -------------------------------------------------------------------------------


def test_a_template_reaching_for_internals_is_refused_with_name_and_line(pack_copy, out, tmp_path):
    templates = Path(shutil.copytree(ROOT / "templates", tmp_path / "templates"))
    with open(templates / "parts" / "contact.html.j2", "a") as stream:
        stream.write("{{ pack.__class__.__mro__ }}\n")
    line = len((templates / "parts" / "contact.html.j2").read_text().splitlines())
    message = refused(pack_copy, out, "--templates", templates, "--only", "booklet", code=3)  # the booklet prints it
    assert f"template parts/contact.html.j2, line {line}: access to attribute '__class__'" in message


# 8. Faults while writing --------------------------------------------------------------------


def test_read_only_output_folder(pack_copy, out):
    before = snapshot(out)
    # The handout needs no PDF renderer: the write is refused whichever artefact it is.
    command = [sys.executable, "-m", "generator", "build", str(pack_copy), "--out", str(out), "--only", "handout"]
    if os.geteuid() == 0:  # root writes through permissions: mount the folder read-only instead
        if shutil.which("unshare") is None:
            pytest.skip("needs unshare to mount a read-only folder as root")
        script = f'mount --bind "{out}" "{out}" && mount -o remount,bind,ro "{out}" && exec "$@"'
        command = ["unshare", "-m", "sh", "-c", script, "sh"] + command
    else:
        out.chmod(0o555)
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    out.chmod(0o755)
    assert result.returncode == 4, result.stderr
    assert f"Error: cannot write to {out / 'social-media'}" in result.stderr
    assert snapshot(out) == before


def test_disk_full_while_writing_leaves_the_previous_pack(pack_copy, out, tmp_path):
    """The previous pack sits on a small disk of its own (a tmpfs) with room for little else."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare to mount a small disk")
    disk = tmp_path / "disk"
    disk.mkdir()
    size = sum(-(-p.stat().st_size // 4096) * 4096 for p in (out / "social-media").rglob("*")) + 16 * 1024
    hashes = "find social-media -type f | sort | xargs sha256sum"  # the web version is a folder of its own
    script = (
        f'mount -t tmpfs -o size={size} tmpfs "{disk}" && cp -a "{out}/social-media" "{disk}/" && '
        f'cd "{disk}" && {hashes} > "{tmp_path}/before" && cd "{ROOT}" && '
        f'"$@" 2> "{tmp_path}/stderr"; echo $? > "{tmp_path}/code"; cd "{disk}" && '
        f'{hashes} > "{tmp_path}/after" && ls -A > "{tmp_path}/listing"'
    )
    # The handout (28 KB) does not fit in the 16 KB left, and needs no PDF renderer.
    command = [sys.executable, "-m", "generator", "build", str(pack_copy), "--out", str(disk), "--only", "handout"]
    subprocess.run(["unshare", "-m", "sh", "-c", script, "sh"] + command, check=True)
    assert (tmp_path / "code").read_text().strip() == "4", (tmp_path / "stderr").read_text()
    assert "the disk is full; the previous pack, if any, is untouched" in (tmp_path / "stderr").read_text()
    assert (tmp_path / "after").read_text() == (tmp_path / "before").read_text()
    assert (tmp_path / "listing").read_text().split() == [".social-media.lock", "social-media"]


def test_killing_a_renderer_mid_build_leaves_the_previous_pack(pack_copy, out):
    before = snapshot(out)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(pack_copy), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    children = _children(process.pid)
    os.kill(children[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 3, stderr
    assert "a renderer stopped unexpectedly" in stderr
    assert snapshot(out) == before


def _children(pid: int, wait: float = 10) -> list[int]:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except FileNotFoundError:
            found = []
        if found:
            return [int(child) for child in found]
        time.sleep(0.01)
    raise AssertionError("the build started no renderer")


@pytest.mark.slow  # two booklets and appendices at once
def test_two_builds_at_once_leave_one_whole_pack(pack_copy, tmp_path):
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "generator",
        "build",
        str(pack_copy),
        "--out",
        str(out),
        "--only",
        "booklet",
        "--only",
        "appendix",
    ]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.wait(60) == 0 and second.wait(60) == 0
    import hashlib
    import json

    manifest = json.loads((out / "social-media" / "manifest.json").read_text())
    for entry in manifest["artefacts"]:
        assert hashlib.sha256((out / "social-media" / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    assert sorted(p.name for p in out.iterdir()) == [".packgen-cache", ".social-media.lock", "social-media"]


def test_outputs_are_readable_by_others(default_build):
    for path in default_build.rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o755 if path.is_dir() else 0o644), path
    assert default_build.stat().st_mode & 0o777 == 0o755
