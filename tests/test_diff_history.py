"""packgen diff --from VERSION compares with the right commit, and says plainly when it cannot
(issue 11, items 10 and 16). Every test drives the real CLI on a git history made here."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import DEFAULT_PACK, edit, run_cli, set_version


def git(folder, *args):
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def history(tmp_path):
    """1.0 without a quiz or cards; then (still 1.0) the quiz and cards added; then 1.1."""
    pack = tmp_path / "repo" / "social-media"
    shutil.copytree(DEFAULT_PACK, pack, ignore=shutil.ignore_patterns("quiz.yaml", "cards.yaml"))
    git(tmp_path / "repo", "init", "-q")
    git(tmp_path / "repo", "add", ".")
    git(tmp_path / "repo", "commit", "-qm", "1.0")
    for name in ("quiz.yaml", "cards.yaml"):
        shutil.copy(DEFAULT_PACK / name, pack / name)
    git(tmp_path / "repo", "add", ".")
    git(tmp_path / "repo", "commit", "-qm", "quiz and cards for 1.0")
    set_version(pack, "1.1")
    git(tmp_path / "repo", "commit", "-qam", "1.1")
    return pack


def test_from_a_version_compares_with_the_newest_commit_at_that_version(history):
    result = run_cli("diff", history, "--from", "1.0")
    assert result.exit_code == 0, result.output
    assert "version 1.0 to version 1.1" in result.output
    assert "Quiz question added" not in result.output and "Card added" not in result.output


def test_a_link_out_of_the_pack_in_the_history_does_not_stop_the_comparison(history, tmp_path):
    (tmp_path / "secret.txt").write_text("private")
    (history / "notes.txt").symlink_to(tmp_path / "secret.txt")
    git(history.parent, "add", ".")
    git(history.parent, "commit", "-qm", "a link")
    result = run_cli("diff", history, "--from", "1.1")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_without_git_it_says_how_to_compare_instead(pack_copy):
    result = run_cli("diff", pack_copy, "--from", "1.0")
    assert result.exit_code == 3
    assert (
        "is not in a git repository, so there is no copy of it to compare with; from now on keep each "
        "approved version with packgen archive PACK (or compare two folders: packgen diff OLD NEW)"
        in " ".join(result.output.split())
    )


@pytest.fixture
def two_folders(tmp_path):
    """Version 1.0 and a 1.1 with one sentence reworded, both copied from the social media pack."""
    old = shutil.copytree(DEFAULT_PACK, tmp_path / "old" / "social-media")
    new = shutil.copytree(DEFAULT_PACK, tmp_path / "new" / "social-media")
    set_version(new, "1.1")
    edit(new / "sections" / "code-of-conduct.yaml", "the Nolan Principles.", "the Seven Principles of Public Life.")
    return old, new


def test_a_reworded_paragraph_is_one_change_with_the_changed_words_marked(two_folders):
    result = run_cli("diff", *two_folders)
    assert result.exit_code == 0, result.output
    changed = [line for line in result.output.splitlines() if '"The Code of Conduct"' in line]
    assert len(changed) == 1, result.output
    assert changed[0].startswith('- In "The Code of Conduct", changed: "')
    assert "the [removed: Nolan] [added: Seven] Principles [added: of Public Life]." in changed[0]
    assert "…" not in changed[0]  # the whole paragraph, not cut before the change


def test_the_new_history_entry_is_in_the_summary(two_folders):
    lines = run_cli("diff", *two_folders).output.splitlines()
    assert '- Version 1.1 added to the history (1 April 2021, approved by Standards Committee): "Test change."' in lines
    assert not any("Version 1.0 added" in line for line in lines)


def test_markdown_report_has_headings_and_lists(two_folders):
    result = run_cli("diff", *two_folders, "--format", "markdown")
    assert result.exit_code == 0, result.output
    blocks = result.output.split("\n\n")
    assert blocks[0] == "# Changes to Social media guidance for councillors"
    assert blocks[1] == "From version 1.0 (issued 1 March 2021) to version 1.1 (issued 1 March 2021)."
    assert blocks[2:] == [
        "## Pack details",
        '- Version changed from "1.0" to "1.1".',
        "## Version history",
        '- Version 1.1 added to the history (1 April 2021, approved by Standards Committee): "Test change."',
        "## Sections",
        blocks[7],
    ]
    assert blocks[7].startswith('- In "The Code of Conduct", changed: "') and blocks[7].endswith('Life]."\n')
    assert run_cli("diff", *two_folders).output.startswith("Changes to ")  # plain text stays the default
