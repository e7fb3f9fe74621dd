"""Bad content: one clear `path:line:` line per problem, exit 1, and the previous build untouched.

Most mistakes are found by reading the content, so they are tested through `packgen check`
(the same reader a build runs first); one test runs a full build to prove it writes nothing.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import edit, line_of, pdf_page_texts, run_cli, snapshot

SECTION = "sections/general-responsibilities.yaml"


@pytest.fixture
def previous_build(default_build, tmp_path):
    """An output folder holding a good earlier build, as an officer's build/ would."""
    out = tmp_path / "out"
    shutil.copytree(default_build, out / "social-media")
    return out


def build_fails(pack, out):
    """Run a build that must fail on content; return its message lines after proving nothing changed."""
    before = snapshot(out)
    result = run_cli("build", pack, "--out", out)
    assert result.exit_code == 1, result.output
    assert snapshot(out) == before, "a failed build changed the output folder"
    lines = result.output.strip().splitlines()
    assert lines[-1].endswith("in the content; nothing was written.")
    return lines[:-1]


def check_fails(pack):
    """Run `packgen check`, which reads the content as a build does; return its problem lines."""
    result = run_cli("check", pack)
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].endswith("in the content; nothing was written.")
    return lines[:-1]


def only_problem(pack):
    lines = check_fails(pack)
    assert len(lines) == 1, lines
    return lines[0]


def test_impossible_date_names_file_line_and_a_real_date(pack_copy):
    edit(pack_copy / "pack.yaml", "review_due: 2022-03-01", "review_due: 2022-02-30")
    line = line_of(pack_copy / "pack.yaml", "review_due: 2022-02-30")
    message = only_problem(pack_copy)
    assert message == (
        f'{pack_copy / "pack.yaml"}:{line}: review_due: "2022-02-30" is not a date: '
        "February 2022 has 28 days; write a real date, e.g. 2022-02-28 or 2022-03-01"
    )


def test_date_written_in_words_is_told_its_iso_form(pack_copy):
    edit(pack_copy / "pack.yaml", "issued: 2021-03-01", "issued: 1 March 2021")
    message = only_problem(pack_copy)
    assert message.endswith('issued: "1 March 2021" is not written as YYYY-MM-DD; write it as 2021-03-01')


def test_review_date_before_issue_date(pack_copy):
    edit(pack_copy / "pack.yaml", "review_due: 2022-03-01", "review_due: 2020-03-01")
    line = line_of(pack_copy / "pack.yaml", "review_due:")
    message = only_problem(pack_copy)
    assert message.startswith(f"{pack_copy / 'pack.yaml'}:{line}: review_due (2020-03-01) is not after issued")


def test_a_pack_title_longer_than_the_pages_hold_is_refused(pack_copy):
    title = "Social media guidance for councillors " * 4  # 151 characters: once a renderer fault (exit 3)
    edit(pack_copy / "pack.yaml", "title: Social media guidance for councillors", f"title: {title}")
    line = line_of(pack_copy / "pack.yaml", "title: ")
    assert (
        only_problem(pack_copy) == f"{pack_copy / 'pack.yaml'}:{line}: title is 151 characters long; the limit is 150"
    )


def test_a_colon_in_a_list_item_is_told_to_go_in_quotes(pack_copy):
    edit(pack_copy / "sections" / "legal-issues.yaml", "  - Copyright\n", "  - Copyright: who owns a photo\n")
    line = line_of(pack_copy / "sections" / "legal-issues.yaml", "  - Copyright: who owns a photo")
    assert only_problem(pack_copy) == (
        f"{pack_copy / 'sections' / 'legal-issues.yaml'}:{line}: item 4 of issues should be text, not a set of keys; "
        'if the colon is part of the text, put the text in double quotes: "Copyright: who owns a photo"'
    )


def test_duplicate_key_names_both_lines(pack_copy):
    edit(pack_copy / "pack.yaml", "owner: Monitoring Officer", "owner: Monitoring Officer\nowner: Chief Executive")
    first = line_of(pack_copy / "pack.yaml", "owner: Monitoring Officer")
    message = only_problem(pack_copy)
    assert (
        message
        == f"{pack_copy / 'pack.yaml'}:{first + 1}: 'owner' appears twice (first on line {first}); keep one of them"
    )


def test_unknown_key_suggests_the_right_spelling(pack_copy):
    edit(
        pack_copy / "pack.yaml",
        "\napproved_by: Standards Committee",
        "\napproved_by: Standards Committee\nreveiw_date: 2023-03-01",
    )
    line = line_of(pack_copy / "pack.yaml", "reveiw_date")
    message = only_problem(pack_copy)
    assert message == f"{pack_copy / 'pack.yaml'}:{line}: unknown key 'reveiw_date'; did you mean 'review_due'?"


def test_missing_required_key(pack_copy):
    edit(pack_copy / "pack.yaml", "owner: Monitoring Officer\n", "")
    message = only_problem(pack_copy)
    first_key = line_of(pack_copy / "pack.yaml", "title:")
    assert message == (
        f"{pack_copy / 'pack.yaml'}:{first_key}: 'owner' is missing; add a line 'owner: ...' "
        "(see packgen help content), or give 'owner' in a council.yaml beside the pack (see packgen help council)"
    )


def test_every_problem_is_reported_at_once_across_files(pack_copy, previous_build):
    edit(pack_copy / "pack.yaml", "issued: 2021-03-01", "issued: 2021-13-01")
    edit(pack_copy / SECTION, "kind: responsibilities", "kind: responsibility")
    edit(pack_copy / "sections" / "legal-issues.yaml", "title:", "titel:")
    lines = build_fails(pack_copy, previous_build)
    assert len(lines) == 4, lines  # the month, the kind, the unknown titel and the missing title
    assert any(f"pack.yaml:{line_of(pack_copy / 'pack.yaml', 'issued:')}: issued" in l for l in lines)
    assert any(
        f"general-responsibilities.yaml:{line_of(pack_copy / SECTION, 'kind:')}: kind 'responsibility' "
        "is not known; use one of: prose, pros-and-cons, responsibilities, legal-issues, checklist" in l
        for l in lines
    )
    assert any("legal-issues.yaml" in l and "unknown key 'titel'; did you mean 'title'?" in l for l in lines)


@pytest.mark.slow  # builds the booklet to read the values back
def test_yaml_1_1_surprises_are_read_as_written(pack_copy, tmp_path):
    """`1.10` stays 1.10 and `NO` stays NO: every value is the text typed, never a guessed number or boolean."""
    edit(pack_copy / "pack.yaml", '\nversion: "1.0"', "\nversion: 1.10")
    edit(pack_copy / "pack.yaml", '  - version: "1.0"', "  - version: 1.10")
    edit(pack_copy / "pack.yaml", "owner: Monitoring Officer", "owner: NO")
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "booklet")
    assert result.exit_code == 0, result.output
    pages = pdf_page_texts(tmp_path / "out" / "social-media" / "booklet.pdf")
    assert all("Version 1.10 " in text for text in pages)
    assert any("Document control" in text and "Owner NO" in text for text in pages)


@pytest.mark.parametrize(
    "original, broken, lines_below, expected",
    [
        ("  - Copyright\n", "\t- Copyright\n", 0, "a tab character is used for indenting; indent with spaces instead"),
        (
            "  - Copyright\n",
            "  - Copyright\n  - &x Bias\n  - *x\n",
            1,
            "anchors and aliases (& and *) are not allowed; write the text out in full "
            "(a text that starts with * or & goes in double quotes)",
        ),
        (
            "  - Copyright\n",
            '  - "Copy\\x0bright"\n',
            0,
            "contains a control character (U+000B), often pasted from Word; retype the text",
        ),
    ],
)
def test_yaml_that_is_not_plain_text_is_refused_with_its_line(pack_copy, original, broken, lines_below, expected):
    path = pack_copy / "sections" / "legal-issues.yaml"
    line = line_of(path, original.strip()) + lines_below
    edit(path, original, broken)
    message = only_problem(pack_copy)
    assert message == f"{path}:{line}: {expected}"


def test_missing_section_file_points_at_the_list_entry(pack_copy):
    (pack_copy / "sections" / "legal-issues.yaml").unlink()
    line = line_of(pack_copy / "pack.yaml", "- legal-issues.yaml")
    message = only_problem(pack_copy)
    assert (
        message
        == f"{pack_copy / 'pack.yaml'}:{line}: sections/legal-issues.yaml does not exist; create it or correct the name"
    )


def test_empty_list_item_is_located(pack_copy):
    path = pack_copy / "sections" / "legal-issues.yaml"
    edit(path, "  - Copyright\n", "  -\n")
    line = path.read_text().splitlines().index("  -") + 1
    message = only_problem(pack_copy)
    assert message.startswith(f"{path}:{line}: item ")


def test_not_utf8_is_refused(pack_copy):
    path = pack_copy / "sections" / "legal-issues.yaml"
    path.write_bytes(path.read_bytes().replace(b"Copyright", b"Copyr\xe9ght"))
    message = only_problem(pack_copy)
    assert message.endswith("is not UTF-8 text; save the file with UTF-8 encoding")


def test_check_command_validates_without_writing(pack_copy, tmp_path):
    result = run_cli("check", pack_copy)
    assert result.exit_code == 0
    assert "no problems found" in result.output
    edit(pack_copy / "pack.yaml", "review_due: 2022-03-01", "review_due: 2022-02-30")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert "pack.yaml:" in result.output and "is not a date" in result.output
