"""packgen never deletes a file it did not write, and never mixes versions (issue 11, items 1-3).

Every test drives the real CLI. Builds here are `--only handout` where the artefact does not
matter: it needs no PDF renderer, so each build takes a second or two.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import DEFAULT_PACK, run_cli, snapshot

import generator.publish.output

# Not marked slow: handout-only builds take well under a second, and `make test` must run the
# checks that packgen never deletes what it did not write.


def build(pack, out, *extra):
    return run_cli("build", pack, "--out", out, "--only", "handout", "--as-of", "2021-06-01", *extra)


def assert_whole(folder: Path) -> dict:
    """The folder holds exactly what its manifest lists, each file with the listed bytes."""
    manifest = json.loads((folder / "manifest.json").read_text())
    for entry in manifest["artefacts"]:
        assert hashlib.sha256((folder / entry["path"]).read_bytes()).hexdigest() == entry["sha256"], entry
    listed = (
        {"manifest.json"}
        | {e["path"] for e in manifest["artefacts"]}
        | {e["html"] for e in manifest["artefacts"] if "html" in e}
    )
    assert {p.name for p in folder.iterdir()} == listed
    return manifest


@pytest.fixture
def workspace(tmp_path):
    """A pack folder called `pack` beside a shared output folder that holds another pack's build."""
    pack = Path(shutil.copytree(DEFAULT_PACK, tmp_path / "pack"))
    other = tmp_path / "shared" / "otherpack"
    other.mkdir(parents=True)
    (other / "important.pdf").write_bytes(b"someone else's file")
    return pack


@pytest.fixture(scope="module")
def earlier(tmp_path_factory) -> Path:
    """An output folder holding packgen's own build of a pack called `pack` (and its cache), made
    once: tests copy it with `built` instead of building the same thing again."""
    pack = Path(shutil.copytree(DEFAULT_PACK, tmp_path_factory.mktemp("earlier") / "pack"))
    out = pack.parent / "shared"
    result = build(pack, out)
    assert result.exit_code == 0, result.output
    return out


def built(earlier: Path, out: Path) -> None:
    """Put the earlier build in `out`, as `build(workspace, out)` would have left it."""
    shutil.copytree(earlier, out, symlinks=True, dirs_exist_ok=True)


# 11.1 The pack's name comes from its real folder ----------------------------------------------


def test_building_dot_from_inside_the_pack_keeps_the_neighbours(workspace, monkeypatch):
    shared = workspace.parent / "shared"
    monkeypatch.chdir(workspace)
    result = build(".", "../shared")
    assert result.exit_code == 0, result.output
    assert (shared / "otherpack" / "important.pdf").read_bytes() == b"someone else's file"
    assert assert_whole(shared / "pack")["pack"] == "pack"


def test_building_dot_dot_from_a_sections_folder(workspace, monkeypatch):
    shared = workspace.parent / "shared"
    monkeypatch.chdir(workspace / "sections")
    result = build("..", "../../shared")
    assert result.exit_code == 0, result.output
    assert (shared / "otherpack" / "important.pdf").read_bytes() == b"someone else's file"
    assert assert_whole(shared / "pack")["pack"] == "pack"


# 11.1 Never delete a file packgen did not write ----------------------------------------------


def refused(pack, out, *extra):
    before = snapshot(out)
    result = build(pack, out, *extra)
    assert result.exit_code == 4, result.output
    assert "Traceback" not in result.output
    after = snapshot(out)
    lock = f".{Path(pack).name}.lock"  # packgen's own, empty, and made if it was not there
    assert after.pop(lock, "") in ("", hashlib.sha256(b"").hexdigest())
    before.pop(lock, None)
    cache = ".packgen-cache/"  # packgen's own cache of rendered artefacts, beside the packs
    assert {k: v for k, v in after.items() if not k.startswith(cache)} == {
        k: v for k, v in before.items() if not k.startswith(cache)
    }
    return result.output


def test_a_folder_of_someone_elses_files_is_refused_naming_the_first(workspace):
    out = workspace.parent / "shared"
    (out / "pack").mkdir()
    (out / "pack" / "minutes.docx").write_bytes(b"minutes")
    (out / "pack" / "notes.txt").write_bytes(b"notes")
    message = refused(workspace, out)
    assert (
        f"Error: {out / 'pack'} holds minutes.docx, which the manifest of the previous build does not list" in message
    )
    assert "will not delete a file it did not write" in message


def test_a_file_added_beside_a_build_is_refused(workspace, earlier, tmp_path):
    out = tmp_path / "shared"
    built(earlier, out)
    (out / "pack" / "agenda.pdf").write_bytes(b"agenda")
    assert "holds agenda.pdf, which the manifest of the previous build does not list" in refused(workspace, out)


def test_a_folder_added_inside_a_build_is_refused(workspace, earlier, tmp_path):
    out = tmp_path / "shared"
    built(earlier, out)
    (out / "pack" / "old").mkdir()
    (out / "pack" / "old" / "booklet.pdf").write_bytes(b"kept by hand")
    assert "holds old, which the manifest of the previous build does not list" in refused(workspace, out)


def test_an_artefact_changed_by_hand_is_refused(workspace, earlier, tmp_path):
    out = tmp_path / "shared"
    built(earlier, out)
    (out / "pack" / "handout.docx").write_bytes(b"annotated by an officer")
    assert "holds handout.docx, which has changed since packgen wrote it" in refused(workspace, out)


def test_an_artefact_replaced_by_a_link_is_refused(workspace, earlier, tmp_path):
    out = tmp_path / "shared"
    built(earlier, out)
    (out / "pack" / "handout.docx").unlink()
    (out / "pack" / "handout.docx").symlink_to(tmp_path / "shared" / "otherpack" / "important.pdf")
    assert "holds handout.docx, which is not a plain file packgen wrote" in refused(workspace, out)


@pytest.mark.parametrize(
    "manifest",
    [
        b"not json",
        b"[]",
        b'{"artefacts": [{"kind": "handout", "path": 7}]}',
        b'{"artefacts": [{"kind": "handout", "path": "../otherpack/important.pdf"}]}',
    ],
)
def test_an_unreadable_or_hand_edited_manifest_is_refused(workspace, earlier, tmp_path, manifest):
    out = tmp_path / "shared"
    built(earlier, out)
    (out / "pack" / "manifest.json").write_bytes(manifest)
    message = refused(workspace, out)
    assert (
        "holds handout.docx, which the manifest of the previous build does not list" in message
        or "holds manifest.json, which cannot be read as packgen's manifest" in message
    )


def test_an_output_path_that_is_a_file_is_refused(workspace, tmp_path):
    out = tmp_path / "shared"
    (out / "pack").write_bytes(b"a file where the folder would go")
    assert f"{out / 'pack'} is not a folder packgen made" in refused(workspace, out)


def test_an_empty_folder_and_packgens_own_build_are_replaced(workspace, tmp_path):
    out = tmp_path / "shared"
    (out / "pack").mkdir()
    assert build(workspace, out, "--keep-html").exit_code == 0  # the handout has no HTML
    assert (
        run_cli(  # the card sheet: the quickest PDF with an HTML preview to keep
            "build", workspace, "--out", out, "--only", "cards-sheet", "--keep-html", "--as-of", "2021-06-01"
        ).exit_code
        == 0
    )
    manifest = assert_whole(out / "pack")
    assert [e.get("html") for e in manifest["artefacts"]] == [None, "cards-sheet.html"]
    result = build(workspace, out)  # without --keep-html the preview goes, as the manifest listed it
    assert result.exit_code == 0, result.output
    assert [e.get("html") for e in assert_whole(out / "pack")["artefacts"]] == [None, None]


# 11.2 Staging names belong to one pack ---------------------------------------------------------


@pytest.mark.parametrize("first, second", [("pack.v2", "pack"), ("a", "[ab]"), ("pack-1", "pack*")])
def test_one_packs_build_never_touches_another_packs_build_in_progress(tmp_path, monkeypatch, first, second):
    """The second pack's whole build runs while the first is staged and about to be swapped in."""
    packs = {name: Path(shutil.copytree(DEFAULT_PACK, tmp_path / "content" / name)) for name in (first, second)}
    out = tmp_path / "shared"
    for pack in packs.values():
        assert build(pack, out).exit_code == 0
    swap = generator.publish.output._swap_in
    inner = []

    def swap_after_another_build(staging, out_dir):
        if staging.name.endswith(f".{first}") and not inner:  # once, and not for the inner build's own swap
            inner.append(None)
            inner[0] = build(packs[second], out)
        swap(staging, out_dir)

    monkeypatch.setattr(generator.publish.output, "_swap_in", swap_after_another_build)
    result = build(packs[first], out)
    assert inner[0].exit_code == 0, inner[0].output
    assert result.exit_code == 0, result.output
    for name in (first, second):
        assert assert_whole(out / name)["pack"] == name
    assert sorted(p.name for p in out.iterdir() if p.name != ".packgen-cache") == sorted(
        [f".{first}.lock", f".{second}.lock", first, second]
    )


def test_only_this_packs_leftover_staging_folders_are_removed(workspace, tmp_path):
    out = tmp_path / "shared"
    out.mkdir(exist_ok=True)
    leftover = out / ".packgen-new.0123456789ab.pack"
    leftover.mkdir()
    (leftover / "booklet.pdf").write_bytes(b"half a build")
    others = [
        ".packgen-new.0123456789ab.pack.v2",
        ".packgen-new.0123456789a.pack",
        ".pack.x1y2.new",
        ".packgen-new.0123456789AB.pack",
    ]
    for name in others:
        (out / name).mkdir()
    (out / ".packgen-old.ba9876543210.pack").write_bytes(b"a file, not packgen's folder")
    assert build(workspace, out).exit_code == 0
    assert not leftover.exists()
    for name in others + [".packgen-old.ba9876543210.pack"]:
        assert (out / name).exists(), name
