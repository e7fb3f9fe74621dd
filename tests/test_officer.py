"""Issue 28: an officer never needs IT. Every test stands where an officer stands: a folder with
packs/ in it, council.yaml in packs/ above the pack folders, and packgen run from there (or
from inside a pack), through the real command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import edit, line_of, pdf_page_texts, run_cli

COUNCIL = """name: Fenmarsh District Council
owner: Monitoring Officer
contact: If you have a question about this guidance, contact the Monitoring Officer.
colours:
  primary: "#00505c"
  accent: "#00505c"
  tint: "#e6f0f1"
  text: "#1a1a1a"
"""


@pytest.fixture
def officer(tmp_path, monkeypatch) -> Path:
    """The README's officer layout, made with packgen new, and the officer standing in it."""
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "council.yaml").write_text(COUNCIL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "packs/code-of-conduct", "--title", "Code of conduct", "--audience", "Councillors")
    assert result.exit_code == 0, result.output
    return tmp_path / "packs" / "code-of-conduct"


def check(*args):
    return run_cli("check", *args)


# ---- 1. nothing silently left out ---------------------------------------------------------


def test_a_section_file_not_listed_in_pack_yaml_is_a_problem_naming_the_line_to_add(officer):
    (officer / "sections" / "gifts.yaml").write_text("kind: prose\ntitle: Gifts\nbody:\n  - Say no.\n")
    result = check("packs/code-of-conduct")
    assert result.exit_code == 1
    assert (
        f"packs/code-of-conduct/pack.yaml:{line_of(officer / 'pack.yaml', 'sections:')}: sections/gifts.yaml is not "
        "listed under sections:, so it would be left out of the booklet; add the line '  - gifts.yaml' under "
        "sections:" in result.output
    )


def test_a_section_file_named_with_an_underscore_is_kept_out_on_purpose(officer):
    (officer / "sections" / "_gifts.yaml").write_text("kind: prose\ntitle: Gifts\nbody:\n  - Not yet.\n")
    result = check("packs/code-of-conduct")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("keyword", ["subheading", "Subheading", "lettered"])
def test_a_block_keyword_without_its_colon_shows_the_corrected_line(officer, keyword):
    section = officer / "sections" / "introduction.yaml"
    text = section.read_text(encoding="utf-8")
    first_paragraph = re.search(r"^body:\n  - (.*)$", text, re.M)
    assert first_paragraph, "the starter introduction's body starts with a paragraph"
    section.write_text(
        text.replace("body:\n  - ", f"body:\n  - {keyword} Prejudicial interests\n  - ", 1), encoding="utf-8"
    )
    result = check("packs/code-of-conduct")
    assert result.exit_code == 1
    assert f"packs/code-of-conduct/sections/introduction.yaml:{line_of(section, 'Prejudicial')}:" in result.output
    assert f"write the line as - {keyword.lower()}: Prejudicial interests" in result.output


def test_a_paragraph_that_starts_with_the_word_list_in_capitals_is_still_a_paragraph(officer):
    section = officer / "sections" / "introduction.yaml"
    edit(section, "body:\n  - ", "body:\n  - List the gifts you are offered.\n  - ")
    assert check("packs/code-of-conduct").exit_code == 0


# ---- 2. Word's habits ---------------------------------------------------------------------


def test_curly_quotes_used_as_yaml_quotes_are_named_with_the_straight_quoted_line(officer):
    pack_yaml = officer / "pack.yaml"
    edit(pack_yaml, 'title: "Code of conduct"', "title: “Croeso: why the code matters”")
    result = check("packs/code-of-conduct")
    assert result.exit_code == 1
    assert (
        f"packs/code-of-conduct/pack.yaml:{line_of(pack_yaml, 'Croeso')}: the text is in curly quotes (“ ”, as Word "
        "types them), which YAML does not read as quotes; write the line with straight quotes: "
        'title: "Croeso: why the code matters"' in result.output
    )


def test_a_missing_colon_in_a_tip_title_is_reported_on_its_own_line_in_plain_words(officer):
    checklist = officer / "sections" / "checklist.yaml"
    edit(checklist, "  - title: Do this", "  - title Do this")
    result = check("packs/code-of-conduct")
    assert result.exit_code == 1
    assert (
        f"sections/checklist.yaml:{line_of(checklist, 'title Do this')}: 'title' has no colon after it; "
        "write the line as - title: Do this" in result.output
    )
    assert "mapping values" not in result.output


def test_a_second_colon_in_a_line_of_text_says_to_quote_it(officer):
    pack_yaml = officer / "pack.yaml"
    edit(pack_yaml, 'audience: "Councillors"', "audience: Councillors: all of them")
    result = check("packs/code-of-conduct")
    assert result.exit_code == 1
    assert (
        f"pack.yaml:{line_of(pack_yaml, 'audience:')}: this line has a second colon, which YAML reads as the start "
        'of a new key; put the text in double quotes: audience: "Councillors: all of them"' in result.output
    )


@pytest.mark.parametrize(
    "old, new, fragment, message",
    [
        (
            'audience: "Councillors"',
            'audience: "Councillors',
            "audience:",
            "a quote mark opened on this line is never closed; end the text with the same quote mark",
        ),
        (
            'audience: "Councillors"',
            "audience: @Fenmarsh councillors",
            "audience:",
            "a text cannot start with @ unless it is in quotes; put the whole text in double quotes: "
            'audience: "@Fenmarsh councillors"',
        ),
        (
            'audience: "Councillors"',
            'audience: "Councillors" only',
            "audience:",
            "there is text after the closing quote; put the whole text inside the quotes",
        ),
        (
            'audience: "Councillors"',
            'audience: "Councillors"\n  version: "0.1"',
            '  version: "0.1"',
            "this line is not lined up with the lines above it",
        ),
    ],
)
def test_every_yaml_syntax_error_is_reported_on_the_line_to_fix_in_plain_words(officer, old, new, fragment, message):
    pack_yaml = officer / "pack.yaml"
    edit(pack_yaml, old, new)
    result = check("packs/code-of-conduct")
    assert result.exit_code == 1
    assert f"packs/code-of-conduct/pack.yaml:{line_of(pack_yaml, fragment)}: {message}" in result.output
    assert not re.search(r"mapping|scalar|token|block end|YAML \(", result.output), result.output


def test_a_non_breaking_space_in_a_quiz_answer_reads_as_the_space_it_looks_like(officer):
    quiz = officer / "quiz.yaml"
    text = quiz.read_text(encoding="utf-8")
    answer = re.search(r"^    answer: (\S+) (.+)$", text, re.M)  # the first question's, copied from its options
    quiz.write_text(text.replace(answer[0], f"    answer: {answer[1]}\u00a0{answer[2]}", 1), encoding="utf-8")
    result = check("packs/code-of-conduct")
    assert "quiz.yaml" not in result.output and "did you mean" not in result.output, result.output
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "character, name",
    [("\u00ad", "soft hyphen"), ("\u200b", "zero-width space"), ("\u202e", "text-direction control")],
)
def test_invisible_characters_are_refused_with_their_line_and_column(officer, character, name):
    pack_yaml = officer / "pack.yaml"
    edit(pack_yaml, 'audience: "Councillors"', f'audience: "Council{character}lors"')
    result = check("packs/code-of-conduct")
    assert result.exit_code == 1
    column = len('audience: "Council') + 1
    assert (
        f"pack.yaml:{line_of(pack_yaml, 'audience:')}: column {column} holds an invisible {name} "
        f'(U+{ord(character):04X}), often pasted from Word, just after "audience: "Council"; delete it'
    ) in result.output


# ---- 3. no false problems -----------------------------------------------------------------


def test_a_council_yaml_problem_is_reported_once_with_no_false_missing_keys(officer):
    council = officer.parent / "council.yaml"
    edit(council, 'text: "#1a1a1a"', 'text: "#999999"')
    result = check("packs/code-of-conduct")
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if re.match(r"^\S+:\d+: ", line)]
    assert len(problems) == 1, result.output
    assert problems[0].startswith(f"packs/council.yaml:{line_of(council, 'text:')}: colours.text")
    assert "is missing" not in result.output


def test_a_pack_given_as_dot_dotdot_relative_or_absolute_path_behaves_the_same(officer, monkeypatch):
    for where, pack in [
        (officer.parent.parent, "packs/code-of-conduct"),
        (officer.parent.parent, str(officer)),
        (officer, "."),
        (officer / "sections", ".."),
        (officer.parent, "code-of-conduct"),
    ]:
        monkeypatch.chdir(where)
        result = check(pack)
        assert result.exit_code == 0, f"packgen check {pack} in {where}:\n{result.output}"
        assert "Code of conduct, version 0.1: 5 sections, no problems found" in result.output


# ---- 4. commands that work where they are printed -----------------------------------------


def test_the_check_command_in_the_starter_pack_yaml_works_from_the_officers_folder_and_the_pack(officer, monkeypatch):
    command = re.search(r"run:\s+packgen (check .+)$", (officer / "pack.yaml").read_text(encoding="utf-8"), re.M)
    assert command, "the starter pack.yaml says which command to run"
    args = [a.strip('"') for a in command[1].split()]
    for where in (officer.parent.parent, officer):
        monkeypatch.chdir(where)
        result = run_cli(*args)
        assert result.exit_code == 0, f"{command[1]} in {where}:\n{result.output}"


def test_the_commands_new_prints_work_where_it_printed_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "packs/gifts", "--title", "Gifts", "--organisation", "Fenmarsh District Council",
                     "--owner", "Monitoring Officer", "--audience", "Councillors", "--contact", "Ask us.")  # fmt: skip
    assert result.exit_code == 0, result.output
    printed = [line.split() for line in result.output.splitlines() if line.strip().startswith("packgen check")]
    assert printed == [["packgen", "check", "packs/gifts"]]
    assert run_cli(*printed[0][1:]).exit_code == 0


def test_status_and_every_pack_command_find_packs_in_packs(officer):
    status = run_cli("status")
    assert status.exit_code == 0, status.output
    assert status.output.startswith("code-of-conduct: Code of conduct, version 0.1, draft")
    assert check().exit_code == 0  # the only pack there is
    clean = run_cli("clean", "code-of-conduct", "--people")  # as induct's last line prints it
    assert "is not a pack" not in clean.output


def test_the_pack_named_from_inside_its_own_folder_is_found(officer, monkeypatch):
    monkeypatch.chdir(officer)
    assert check("code-of-conduct").exit_code == 0
    assert check().exit_code == 0


# ---- 8. wording ---------------------------------------------------------------------------


def test_new_asks_who_will_approve_and_defaults_to_the_owner_not_to_not_yet_approved(officer):
    text = (officer / "pack.yaml").read_text(encoding="utf-8")
    assert 'approved_by: "Monitoring Officer"' in text
    assert "Not yet approved" not in text
    helped = run_cli("new", "--help")
    assert "Who will approve it" in " ".join(helped.output.split())


@pytest.mark.parametrize("written", ["Approved", "APPROVED"])
def test_status_is_read_in_any_case(officer, written):
    edit(officer / "pack.yaml", "status: draft", f"status: {written.strip()}")
    result = check("packs/code-of-conduct")
    assert result.exit_code == 0, result.output
    listed = run_cli("status", "packs")
    assert ", approved, review due" in listed.output


def test_the_starter_pack_passes_check_with_no_warning_at_all(officer):
    result = run_cli("check", "packs/code-of-conduct")
    assert result.exit_code == 0
    assert "Warning" not in result.output and "Note" not in result.output, result.output


@pytest.mark.parametrize("title", ["Code of conduct", "Croeso: why the code matters"])
def test_the_default_quiz_title_has_one_colon(tmp_path, monkeypatch, title):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "council.yaml").write_text(COUNCIL, encoding="utf-8")
    assert run_cli("new", "packs/p", "--title", title, "--audience", "All").exit_code == 0
    quiz_title = re.search(r"^title: (.*)$", (tmp_path / "packs" / "p" / "quiz.yaml").read_text(encoding="utf-8"), re.M)
    assert quiz_title[1].count(":") == 1, quiz_title[1]


@pytest.mark.slow
def test_a_draft_prints_who_will_approve_it_as_to_be_approved(officer):
    result = run_cli("build", "code-of-conduct", "--only", "booklet", "--as-of", "2026-12-06")
    assert result.exit_code == 0, result.output
    text = " ".join(pdf_page_texts(officer.parent.parent / "build" / "code-of-conduct" / "booklet.pdf"))
    assert "Approved by Not yet: to be approved by Monitoring Officer" in text
    assert "Not yet approved" in text  # the version history's line for the draft
    assert "Approved by Monitoring Officer" not in text
