"""packgen diff --from VERSION compares with the right commit, and says plainly when it cannot
(issue 11, items 10 and 16). Every test drives the real CLI on a git history made here."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import DEFAULT_PACK, run_cli, set_version


def git(folder, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=folder,
                   check=True, capture_output=True)


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
    assert "is not in a git repository, so it has no earlier versions to compare with: compare two folders " \
           "with packgen diff OLD NEW" in result.output
