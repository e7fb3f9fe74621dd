"""History without git (issue 28, point 7): packgen archive keeps a read-only copy of a pack's
content as of its version beside the pack; diff --from reads it; status does not list it as a
live pack and reminds that an approved version has no archive."""

from __future__ import annotations

import os
import stat

from conftest import edit, run_cli
from test_officer import officer  # noqa: F401  (the officer's folder, with packgen new's pack in it)


def approve(pack):
    edit(pack / "pack.yaml", "status: draft", "status: approved")


def test_archive_keeps_a_read_only_copy_of_the_content_beside_the_pack(officer):  # noqa: F811
    people = officer / "people.csv"  # an induction's list of people must never be archived
    people.write_text("Name,Role\nAnn Other,Councillor\n", encoding="utf-8")
    result = run_cli("archive", "code-of-conduct")
    assert result.exit_code == 0, result.output
    kept = officer.parent / "archive" / "code-of-conduct" / "0.1"
    assert (
        result.output.strip()
        == "archived version 0.1 of code-of-conduct in packs/archive/code-of-conduct/0.1 (read-only)"
    )
    names = sorted(p.relative_to(kept).as_posix() for p in kept.rglob("*") if p.is_file())
    assert "pack.yaml" in names and "sections/checklist.yaml" in names and "quiz.yaml" in names
    assert "council.yaml" in names  # the council's part of the content, made the archived pack's own
    assert "people.csv" not in names
    assert (kept / "pack.yaml").read_bytes() == (officer / "pack.yaml").read_bytes()
    for path in kept.rglob("*"):
        assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH), f"{path} is writable"
    again = run_cli("archive", "code-of-conduct")
    assert again.exit_code == 0 and "already archived, unchanged" in again.output


def test_a_version_archived_with_other_content_is_refused_until_it_has_a_new_number(officer):  # noqa: F811
    assert run_cli("archive", "code-of-conduct").exit_code == 0
    edit(officer / "pack.yaml", 'audience: "Councillors"', 'audience: "Members"')
    result = run_cli("archive", "code-of-conduct")
    assert result.exit_code == 1
    assert "version 0.1 is already archived" in result.output and "give this version a new number" in result.output


def test_diff_from_a_version_reads_the_archive_without_git(officer, monkeypatch, tmp_path):  # noqa: F811
    assert run_cli("archive", "code-of-conduct").exit_code == 0
    no_git = tmp_path / "no-programs"
    no_git.mkdir()
    monkeypatch.setenv("PATH", str(no_git))
    edit(officer / "pack.yaml", 'version: "0.1"', 'version: "0.2"')
    edit(officer / "pack.yaml", 'title: "Code of conduct"', 'title: "Code of conduct for members"')
    result = run_cli("diff", "code-of-conduct", "--from", "0.1")
    assert result.exit_code == 0, result.output
    assert "from version 0.1 to version 0.2" in result.output
    assert "Code of conduct for members" in result.output


def test_diff_from_a_version_never_archived_says_to_archive_without_git(officer, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run_cli("diff", "code-of-conduct", "--from", "0.1")
    assert result.exit_code == 3
    assert "packgen archive PACK" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_status_lists_live_packs_only_and_reminds_that_an_approved_version_has_no_archive(officer):  # noqa: F811
    approve(officer)
    listed = run_cli("status", "--as-of", "2026-12-06")
    assert listed.exit_code == 0, listed.output
    assert (
        "Note: code-of-conduct version 0.1 is approved but not archived; keep a copy to compare later versions "
        "with: packgen archive code-of-conduct"
    ) in listed.output
    assert run_cli("archive", "code-of-conduct").exit_code == 0
    listed = run_cli("status", "--as-of", "2026-12-06")
    lines = listed.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("code-of-conduct: Code of conduct, version 0.1, approved")
    assert os.path.isdir(officer.parent / "archive")
