"""packgen never deletes or overwrites what it did not write (issue 23, items 5, 6, 8, 9, 10, 14,
16 and 17 in part): copies of manifests, edited previews, links, leftovers of killed runs, the lock.

Every test drives the real CLI. Builds are `--only handout` (no PDF renderer) where the artefact
does not matter; the tests that need a PDF and its --keep-html preview share one booklet build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, snapshot

SMALL_PACK = ROOT / "tests" / "packs" / "county-induction"
PACKGEN = str(Path(sys.executable).with_name("packgen"))
LEFTOVER = ".packgen-new.0123456789ab.people"  # the name induct's staging folder has
BUILT_ON = "2021-06-01"


def build(pack: Path, out: Path, *extra):
    return run_cli("build", pack, "--out", out, "--only", "handout", "--as-of", BUILT_ON, *extra)


@pytest.fixture
def pack(tmp_path) -> Path:
    return Path(shutil.copytree(SMALL_PACK, tmp_path / "content" / "county-induction"))


@pytest.fixture
def built(pack, tmp_path) -> Path:
    """build/<pack>/ holding a handout build: returns the output root."""
    out = tmp_path / "out"
    result = build(pack, out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def booklet_build(tmp_path_factory) -> Path:
    """One booklet with its --keep-html preview, built once for the tests that need a PDF."""
    out = tmp_path_factory.mktemp("booklet") / "out"
    result = run_cli("build", SMALL_PACK, "--out", out, "--only", "booklet", "--keep-html", "--as-of", BUILT_ON)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def with_preview(booklet_build, tmp_path) -> Path:
    """A private copy of the booklet build (cache included, so a rebuild renders nothing)."""
    return Path(shutil.copytree(booklet_build, tmp_path / "out", symlinks=True))


def no_traceback(result) -> str:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.output


# 23.5 Only people/ is packgen's below the pack folder, and only as induct wrote it -------------


def test_an_archive_folder_holding_a_copy_of_the_last_build_survives_a_rebuild(pack, built):
    folder = built / pack.name
    archive = folder / "archive-v1.0"
    archive.mkdir()
    for name in ("manifest.json", "handout.docx"):
        shutil.copy2(folder / name, archive / name)
    kept = snapshot(archive)

    result = build(pack, built)
    assert result.exit_code == 4, result.output
    assert "holds archive-v1.0" in no_traceback(result)
    assert snapshot(archive) == kept


def test_a_people_folder_holding_a_build_manifest_is_not_taken_for_inducts(pack, built):
    people = built / pack.name / "people"
    people.mkdir()
    for name in ("manifest.json", "handout.docx"):
        shutil.copy2(built / pack.name / name, people / name)
    kept = snapshot(people)

    result = build(pack, built)
    assert result.exit_code == 4 and "holds people" in no_traceback(result)
    assert snapshot(people) == kept


# 23.6 Previews are recorded with their hashes, and replaced or deleted only unchanged ---------


def test_the_preview_is_listed_with_its_hash(with_preview):
    folder = with_preview / SMALL_PACK.name
    [entry] = json.loads((folder / "manifest.json").read_text())["artefacts"]
    assert entry["html"] == "booklet.html"
    assert entry["html_sha256"] == hashlib.sha256((folder / "booklet.html").read_bytes()).hexdigest()


def test_clean_leaves_an_html_file_the_manifest_does_not_list(with_preview):
    out, pack = with_preview, SMALL_PACK
    result = run_cli("build", pack, "--out", out, "--only", "booklet", "--as-of", BUILT_ON)  # no preview now
    assert result.exit_code == 0, result.output
    assert "unchanged, from the cache" in result.output and not (out / pack.name / "booklet.html").exists()
    mine = out / pack.name / "booklet.html"
    mine.write_text("<p>my own notes on the booklet</p>")

    cleaned = run_cli("clean", pack, "--out", out)
    assert cleaned.exit_code == 0, cleaned.output
    assert mine.read_text() == "<p>my own notes on the booklet</p>"
    assert str(mine) in cleaned.output and not (out / pack.name / "booklet.pdf").exists()


def test_an_edited_preview_stops_the_build_and_survives_clean(with_preview):
    preview = with_preview / SMALL_PACK.name / "booklet.html"
    preview.write_text(preview.read_text().replace("</body>", "<p>Checked by J. Smith</p></body>"))
    edited = preview.read_bytes()

    rebuilt = run_cli("build", SMALL_PACK, "--out", with_preview, "--only", "booklet", "--as-of", BUILT_ON)
    assert rebuilt.exit_code == 4, rebuilt.output
    assert "holds booklet.html, which has changed since packgen wrote it" in no_traceback(rebuilt)
    assert preview.read_bytes() == edited

    cleaned = run_cli("clean", SMALL_PACK, "--out", with_preview)
    assert cleaned.exit_code == 0, cleaned.output
    assert preview.read_bytes() == edited and str(preview) in no_traceback(cleaned)
    assert not (with_preview / SMALL_PACK.name / "booklet.pdf").exists()  # packgen's own file went


# 23.8 clean never follows a link ---------------------------------------------------------------


def test_clean_refuses_a_linked_pack_folder_and_touches_nothing_it_points_to(pack, built, tmp_path):
    victim = tmp_path / "victim"
    (built / pack.name).rename(victim)  # a real build's files, with their manifest
    (built / pack.name).symlink_to(victim)
    before = snapshot(victim)

    result = run_cli("clean", pack, "--out", built)
    assert result.exit_code == 4, result.output
    assert "is a link" in no_traceback(result) and len(result.output.strip().splitlines()) == 1
    assert snapshot(victim) == before and (built / pack.name).is_symlink()


def test_clean_leaves_a_linked_people_folder_and_what_it_points_to(pack, built, tmp_path):
    victim = Path(shutil.copytree(built / pack.name, tmp_path / "victim"))  # a manifest and its files
    (built / pack.name / "people").symlink_to(victim)
    before = snapshot(victim)

    for people_only in ((), ("--people",)):
        result = run_cli("clean", pack, "--out", built, *people_only)
        assert result.exit_code == 0, result.output
        assert str(built / pack.name / "people") in no_traceback(result)  # reported as left
        assert snapshot(victim) == before and (built / pack.name / "people").is_symlink()
    assert not (built / pack.name / "handout.docx").exists()


# 23.9 Leftovers of a killed induct are removed under the lock, and only those ----------------


def leftover_of_a_killed_induct(out: Path, pack: Path) -> Path:
    leftover = out / pack.name / LEFTOVER
    (leftover / "ann-lee").mkdir(parents=True)
    (leftover / "ann-lee" / "booklet.pdf").write_bytes(b"half of somebody's booklet")
    return leftover


def test_the_next_build_removes_a_killed_inducts_staging_folder(pack, built):
    leftover = leftover_of_a_killed_induct(built, pack)
    result = build(pack, built)
    assert result.exit_code == 0, result.output
    assert not leftover.exists()


@pytest.mark.slow
def test_the_next_induct_removes_a_killed_inducts_staging_folder(pack, built, tmp_path):
    leftover = leftover_of_a_killed_induct(built, pack)
    people = tmp_path / "people.csv"
    people.write_text("name,role,ward,email\nAnn Lee,Councillor,Olney,\n", encoding="utf-8")
    result = run_cli("induct", pack, "--people", people, "--out", built, "--quiet")
    assert result.exit_code == 0, result.output
    assert not leftover.exists()
    assert (built / pack.name / "people" / "ann-lee" / "booklet.pdf").is_file()
    named = snapshot(built / pack.name / "people")
    rebuilt = build(pack, built)  # induct's own people/ is carried over, as the content is the same
    assert rebuilt.exit_code == 0, rebuilt.output
    assert snapshot(built / pack.name / "people") == named


def test_clean_people_removes_the_leftover_but_not_a_link_or_file_of_that_name(pack, built, tmp_path):
    leftover = leftover_of_a_killed_induct(built, pack)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("not packgen's")
    link = built / pack.name / ".packgen-new.ba9876543210.people"
    link.symlink_to(victim)
    a_file = built / pack.name / ".packgen-new.aaaaaaaaaaaa.people"
    a_file.write_text("a file, not a staging folder")

    result = run_cli("clean", pack, "--out", built, "--people")
    assert result.exit_code == 0, result.output
    assert f"removed {leftover}" in no_traceback(result)
    assert not leftover.exists()
    assert link.is_symlink() and (victim / "keep.txt").read_text() == "not packgen's"
    assert a_file.read_text() == "a file, not a staging folder"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_leftover_of_another_user_is_left(pack, built):
    leftover = leftover_of_a_killed_induct(built, pack)
    os.chown(leftover, 4242, 4242)
    result = run_cli("clean", pack, "--out", built, "--people")
    assert result.exit_code == 0, result.output
    assert leftover.is_dir() and "removed" not in result.output


# 23.10 No command writes in or over a pack, the content root or a templates folder -----------


def test_induct_refuses_an_output_inside_the_pack(pack, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("name,role,ward,email\nAnn Lee,Councillor,Olney,\n", encoding="utf-8")
    before = snapshot(pack)
    result = run_cli("induct", pack, "--people", people, "--out", pack / "out")
    assert result.exit_code == 2, result.output
    assert "choose a folder outside them" in no_traceback(result)
    assert snapshot(pack) == before


def test_build_refuses_an_output_inside_a_templates_folder(pack, tmp_path):
    templates = Path(shutil.copytree(ROOT / "templates" / "parts", tmp_path / "my-templates"))
    before = snapshot(templates)
    for out in (templates, ROOT / "templates"):
        result = build(pack, out, "--templates", templates)
        assert result.exit_code == 2, result.output
        assert "choose a folder outside them" in no_traceback(result)
    assert snapshot(templates) == before and not (ROOT / "templates" / pack.name).exists()


@pytest.mark.parametrize("root_is", ["content/ here", "a folder holding council.yaml"])
def test_build_and_clean_refuse_an_output_inside_the_content_root(pack, tmp_path, monkeypatch, root_is):
    if root_is == "content/ here":
        monkeypatch.chdir(tmp_path)
    else:
        (tmp_path / "content" / "council.yaml").write_text("name: Anytown Council\n")
    builds = tmp_path / "content" / "builds"
    for command in (["build", "--only", "handout"], ["clean"]):
        builds.mkdir(exist_ok=True)
        result = run_cli(command[0], pack, "--out", builds, *command[1:])
        assert result.exit_code == 2, result.output
        assert "choose a folder outside them" in no_traceback(result)
        assert not any(builds.iterdir())


# 23.14 The lock is a plain file packgen makes, never a FIFO or a link -----------------------


def test_a_fifo_at_the_lock_is_refused_at_once(pack, built):
    lock = built / f".{pack.name}.lock"
    lock.unlink()
    os.mkfifo(lock)
    try:
        done = subprocess.run(
            [PACKGEN, "clean", str(pack), "--out", str(built)], capture_output=True, text=True, timeout=20
        )
    except subprocess.TimeoutExpired:
        pytest.fail("packgen waited for ever on a FIFO where its lock should be")
    assert done.returncode == 4, done.stderr
    assert f"{lock} is not a plain file" in done.stderr and "Traceback" not in done.stderr
    assert (built / pack.name / "handout.docx").is_file()


def test_a_link_at_the_lock_is_refused_and_nothing_is_made_where_it_points(pack, built, tmp_path):
    lock = built / f".{pack.name}.lock"
    lock.unlink()
    target = tmp_path / "elsewhere" / "made-by-packgen"
    target.parent.mkdir()
    lock.symlink_to(target)
    before = snapshot(built / pack.name)
    for command in (["build", "--only", "handout", "--as-of", BUILT_ON], ["clean"]):
        result = run_cli(command[0], pack, "--out", built, *command[1:])
        assert result.exit_code == 4, result.output
        assert f"{lock} is a link" in no_traceback(result)
        assert not os.path.lexists(target)
    assert snapshot(built / pack.name) == before


def test_the_lock_and_output_folder_modes_do_not_follow_the_umask(pack, tmp_path):
    previous = os.umask(0o077)
    try:
        result = build(pack, tmp_path / "new" / "out")
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(tmp_path / "new" / "out" / f".{pack.name}.lock").st_mode) == 0o644
    assert stat.S_IMODE(os.stat(tmp_path / "new" / "out").st_mode) == 0o755
    assert stat.S_IMODE(os.stat(tmp_path / "new" / "out" / pack.name / "handout.docx").st_mode) == 0o644


# 23.16 A manifest path that is not a plain name packgen makes proves nothing ----------------


@pytest.mark.parametrize("path", ["handout\u0000.docx", "./handout.docx", "a//handout.docx", "x" * 300])
def test_an_odd_path_in_a_manifest_makes_it_not_packgens(pack, built, path):
    manifest = built / pack.name / "manifest.json"
    data = json.loads(manifest.read_text())
    data["artefacts"][0]["path"] = path
    manifest.write_text(json.dumps(data))
    before = snapshot(built / pack.name)

    cleaned = run_cli("clean", pack, "--out", built)
    assert cleaned.exit_code == 0 and "deleted 0 files" in no_traceback(cleaned)
    assert snapshot(built / pack.name) == before
    rebuilt = build(pack, built)
    assert rebuilt.exit_code == 4 and "holds handout.docx, which the manifest" in no_traceback(rebuilt)


def test_a_nul_in_people_manifest_path_is_refused_not_a_traceback(pack, built):
    people = built / pack.name / "people"
    people.mkdir()
    entry = {"kind": "attendance", "path": "attendance\u0000.csv", "sha256": "0" * 64}
    (people / "manifest.json").write_text(json.dumps({"session": {}, "people": [], "artefacts": [entry]}))
    result = build(pack, built)
    assert result.exit_code == 4 and "holds people" in no_traceback(result)
    assert (people / "manifest.json").is_file()


# 23.17 clean --out a folder that does not exist is a command-line mistake -------------------


def test_clean_out_a_missing_folder_is_exit_2(pack, tmp_path):
    result = run_cli("clean", pack, "--out", tmp_path / "no-such-folder")
    assert result.exit_code == 2, result.output
    assert "does not exist" in no_traceback(result)
