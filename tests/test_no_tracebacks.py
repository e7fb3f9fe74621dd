"""Every failure is a sentence and a documented exit code, never a traceback (issue 11, items 10, 14, 17, 18).

Every test drives the real CLI: in-process where it can, in a process of its own where the
environment (a locale, a signal) is the point.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import docx
import pytest

from conftest import DEFAULT_PACK, ROOT, edit, run_cli, snapshot


def packgen(*args, env=None, **options):
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        **options,
    )


# 11.10 The build clock ---------------------------------------------------------------------------


@pytest.mark.parametrize("epoch", ["abc", "1e9", "1.5", "99999999999999", "-5"])
def test_a_bad_source_date_epoch_is_one_line_and_exit_2(epoch, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run_cli("status", DEFAULT_PACK.parent)
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"Error: SOURCE_DATE_EPOCH is '{epoch}'; it must be a whole number of seconds since "
        "1 January 1970, e.g. 1614556800 for 1 March 2021 (or unset it to build with today's date)\n"
    )


@pytest.mark.parametrize("day", ["20220301", "2022-W09-2", "2022-3-1", "1 March 2022"])
def test_as_of_takes_only_yyyy_mm_dd(day):
    result = run_cli("status", DEFAULT_PACK.parent, "--as-of", day)
    assert result.exit_code == 2
    assert f"'{day}' is not a date; write it as YYYY-MM-DD, e.g. 2022-03-01" in result.output


def test_a_build_dated_after_2107_writes_a_word_file(tmp_path):
    result = run_cli("build", DEFAULT_PACK, "--out", tmp_path, "--only", "handout", "--as-of", "2108-01-01")
    assert result.exit_code == 0, result.output
    assert docx.Document(tmp_path / "social-media" / "handout.docx").paragraphs


# 11.10 The terminal ---------------------------------------------------------------------------


@pytest.mark.slow  # a build or a process of its own
def test_a_terminal_that_cannot_show_welsh_letters_gets_no_traceback(pack_copy):
    edit(
        pack_copy / "pack.yaml",
        "title: Social media guidance for councillors",
        "title: Social media guidance for councillors ŵ",
    )
    for command in (["status", pack_copy.parent], ["check", pack_copy]):
        result = packgen(*command, env={"PYTHONIOENCODING": "iso-8859-1"})
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "councillors ?" in result.stdout


@pytest.mark.parametrize(  # a stop while reading takes well under a second; later ones wait for renders
    "after", [0.15, *(pytest.param(after, marks=pytest.mark.slow) for after in (0.3, 0.5, 1.0, 2.5))]
)
def test_ctrl_c_is_one_line_and_exit_130_and_the_previous_pack_stays(default_build, tmp_path, after):
    out = tmp_path / "out"
    import shutil

    shutil.copytree(default_build, out / "social-media")
    before = snapshot(out)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(DEFAULT_PACK), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a terminal sends Ctrl-C to the whole process group
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(after)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.splitlines() == [
        "Error: stopped (Ctrl-C); the output folder holds the previous build, whole (or, "
        "if the stop came as the files were swapped in, the new one, whole)"
    ]
    assert snapshot(out) == before


# 11.17 The audience ------------------------------------------------------------------------------


@pytest.mark.parametrize(  # handout-only builds: well under a second each
    "audience", ["Anytown Borough Council staff", "NHS partners and councillors", "Councillors and co-opted members"]
)
def test_the_audience_is_printed_as_typed(pack_copy, tmp_path, audience):
    edit(
        pack_copy / "pack.yaml",
        "audience: Councillors and co-opted members of Milton Keynes Council",
        f"audience: {audience}",
    )
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "handout")
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(tmp_path / "out" / "social-media" / "handout.docx").paragraphs]
    assert f"Who this guidance is for: {audience}" in texts


# 11.14 and 11.18 Counts and missing folders ------------------------------------------------------


def test_status_of_a_missing_folder_is_exit_2(tmp_path):
    result = run_cli("status", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "nowhere' does not exist" in result.output


def test_status_strict_with_no_packs_is_exit_1(tmp_path):
    result = run_cli("status", "--strict", tmp_path)
    assert result.exit_code == 1
    assert f"no packs in {tmp_path}" in result.output


def test_a_pack_with_no_sections_is_refused(pack_copy):
    text = (pack_copy / "pack.yaml").read_text(encoding="utf-8")
    (pack_copy / "pack.yaml").write_text(
        re.sub(r"\nsections:\n(  - .*\n)+", "\nsections: []\n", text), encoding="utf-8"
    )
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert "pack.yaml:" in result.output and "sections is empty: list at least one section file" in result.output


def test_one_of_everything_is_said_in_the_singular(pack_copy, tmp_path):
    (pack_copy / "pack.yaml").write_text("title: [\n", encoding="utf-8")
    result = run_cli("status", pack_copy.parent)
    assert "cannot be read (1 problem)" in result.output
    assert "1 problems" not in result.output


# 11.13 The appendix label ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "label, message",
    [
        ("附录 A", "'附录 A' cannot be printed: the pack's fonts cannot print 附 (U+9644"),
        ("A" * 9600, "is 9,600 characters; a label may have at most 60"),
        ("Appendix\x0bA", "cannot be printed: the pack's fonts cannot print"),
        ("   ", "cannot be printed: it is empty"),
    ],
)
def test_an_appendix_label_that_cannot_be_printed_is_refused(tmp_path, label, message):
    result = run_cli("build", DEFAULT_PACK, "--out", tmp_path, "--appendix-label", label)
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "social-media").exists()


# 11.18 Messages a person can act on -----------------------------------------------------------

PURPOSE = "sections/purpose.yaml"


@pytest.mark.parametrize("character", ["\u2028", "\u2029", "\ufff9", "\ufffa", "\ufffb", "\u0085"])
def test_invisible_separators_are_refused_by_check_with_file_and_line(pack_copy, character):
    edit(pack_copy / PURPOSE, "Importantly, this Guidance", f"Importantly,{character} this Guidance")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert re.search(rf"{PURPOSE}:\d+: contains a control character \(U\+{ord(character):04X}\)", result.output)


def test_a_real_key_in_the_wrong_place_is_not_called_a_misspelling(pack_copy):
    edit(pack_copy / PURPOSE, "\ntitle:", "\nanswer: Yes\ntitle:")
    result = run_cli("check", pack_copy)
    assert "'answer' does not belong here (it is used in other kinds of entry); remove it" in result.output
    assert "did you mean 'answer'" not in result.output


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "review_due: 2022-03-01",
            "review_due: 9999-12-32",
            'review_due: "9999-12-32" is not a date: December 9999 has 31 days; write a real date, e.g. 9999-12-31',
        ),
        (
            '\nversion: "1.0"',
            "\nversion: “1.0”",
            'version: “1.0” is written in curly quotes, which become part of the value; write it with straight quotes, "1.0"',
        ),
        (
            "organisation: Milton Keynes Council",
            "organisation Milton Keynes Council",
            "this line has no colon; write a key as key: value",
        ),
    ],
)
def test_pack_yaml_mistakes_get_advice_that_can_be_followed(pack_copy, old, new, message):
    edit(pack_copy / "pack.yaml", old, new)
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    line = next(
        n for n, text in enumerate((pack_copy / "pack.yaml").read_text().splitlines(), 1) if new.strip() in text
    )
    assert f"pack.yaml:{line}: {message}" in result.output, result.output
    assert "Value error" not in result.output


def test_points_in_superscript_are_not_a_number(pack_copy):
    edit(
        pack_copy / "quiz.yaml",
        "  - id: purpose-of-guidance\n    type: single\n",
        '  - id: purpose-of-guidance\n    type: single\n    points: "²"\n',
    )
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert '"²" should be a whole number from 1 to 10' in result.output
    assert "invalid literal" not in result.output


def test_one_section_is_said_in_the_singular(pack_copy):
    text = (pack_copy / "pack.yaml").read_text(encoding="utf-8")
    (pack_copy / "pack.yaml").write_text(
        re.sub(r"\nsections:\n(  - .*\n)+", "\nsections:\n  - purpose.yaml\n", text), encoding="utf-8"
    )
    for unlisted in (pack_copy / "sections").glob("*.yaml"):  # a file left unlisted is a problem (issue 28)
        if unlisted.name != "purpose.yaml":
            unlisted.unlink()
    (pack_copy / "quiz.yaml").unlink()
    (pack_copy / "cards.yaml").unlink()
    result = run_cli("check", pack_copy)
    assert result.exit_code == 0, result.output
    assert result.output.endswith(": 1 section, no problems found\n")


def test_only_quiz_sheet_for_a_pack_without_a_quiz_says_so(pack_copy, tmp_path):
    (pack_copy / "quiz.yaml").unlink()
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "quiz-sheet")
    assert result.exit_code == 0, result.output
    assert "Note: nothing to build for quiz-sheet: this pack has no quiz.yaml" in result.output


# 11.9 A council's own templates ---------------------------------------------------------------


@pytest.mark.parametrize(  # each stops as the booklet's HTML is made, before any layout
    "code, message",
    [
        ("{{ 1/0 }}", "ZeroDivisionError: division by zero"),
        ("{% macro again(n) %}{{ again(n) }}{% endmacro %}{{ again(1) }}", "a macro calls itself without end"),
        ('{{ "%d"|format("x") }}', "TypeError: %d format: a real number is required, not str"),
        ('{{ "x" * 4000000000 }}', "the template makes more text than this machine can hold"),
    ],
)
def test_a_fault_in_a_councils_template_names_the_template_and_line(tmp_path, code, message):
    import shutil
    from generator.html.templating import TEMPLATES

    templates = shutil.copytree(TEMPLATES, tmp_path / "templates")
    with open(templates / "parts" / "contact.html.j2", "a", encoding="utf-8") as stream:
        stream.write(code + "\n")
    line = len((templates / "parts" / "contact.html.j2").read_text(encoding="utf-8").splitlines())
    result = run_cli("build", DEFAULT_PACK, "--out", tmp_path / "out", "--templates", templates, "--only", "booklet")
    assert result.exit_code == 3, result.output
    if "more text" in message:  # the including template's line: Jinja does not map a MemoryError's frames
        assert re.search(rf"Error: template [\w/.]+\.j2, line \d+: {message}", result.output), result.output
    else:
        assert f"template parts/contact.html.j2, line {line}: {message}" in result.output
    assert not (tmp_path / "out").exists() or not (tmp_path / "out" / "social-media").exists()


def test_a_wording_template_without_a_macro_the_handout_calls(tmp_path):
    import shutil
    from generator.html.templating import TEMPLATES

    templates = shutil.copytree(TEMPLATES, tmp_path / "templates")
    wording = templates / "parts" / "wording.j2"
    text = wording.read_text(encoding="utf-8")
    start = text.index("{% macro uncontrolled_copy(")
    wording.write_text(
        text[:start] + text[text.index("{%- endmacro %}", start) + len("{%- endmacro %}") :], encoding="utf-8"
    )
    result = run_cli("build", DEFAULT_PACK, "--out", tmp_path / "out", "--templates", templates, "--only", "handout")
    assert result.exit_code == 3, result.output
    assert "template parts/wording.j2 in" in result.output and "has no 'uncontrolled_copy'" in result.output


def test_a_renderers_own_fault_is_a_sentence_with_exit_3(monkeypatch):
    """A bug inside a renderer (not WeasyPrint, not the content) still reaches the user as exit 3."""
    import types

    import click

    from generator.pipeline import build
    from generator.errors import EXIT_RENDER, RenderError

    def broken(context, earlier):
        raise KeyError("writer for a section kind")

    monkeypatch.setitem(build.ARTEFACTS, "handout", types.SimpleNamespace(render=broken))
    with pytest.raises(RenderError) as caught:
        build.render_artefact("handout", context=None, earlier={})
    assert caught.value.exit_code == EXIT_RENDER
    assert isinstance(caught.value, click.ClickException)
    assert "the handout could not be made (KeyError" in caught.value.message
    assert "nothing was written" in caught.value.message
