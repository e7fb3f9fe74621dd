"""`packgen watch` watches exactly what the build reads (generator/pipeline/choice.py): the pack,
council.yaml with its logo and fonts, and the templates folder in use; and it refuses an --out
inside any folder it watches, which would rebuild forever."""

from __future__ import annotations

import datetime as dt
import queue
import shutil
import threading
from pathlib import Path

import pytest

from conftest import ROOT, edit, run_cli
from generator.paths import TEMPLATES
from generator.pipeline import choice, watch
from generator.pipeline.build import BuildRequest

EXAMPLE = ROOT / "examples" / "fenmarsh"


@pytest.fixture
def council(tmp_path) -> Path:
    """A copy of examples/fenmarsh: council.yaml, its logo and fonts, and the meeting-rooms pack beside them."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "fenmarsh"))


class Watching:
    """packgen watch's loop in a thread, polling often; each line it says is kept in order."""

    def __init__(self, request: BuildRequest, monkeypatch):
        monkeypatch.setattr(watch, "POLL_SECONDS", 0.05)
        monkeypatch.setattr(watch, "SETTLE_SECONDS", 0.1)
        self.lines: queue.Queue[str] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=watch.watch, args=(request, self.lines.put, lambda: not self.stop.is_set()), daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def next_line(self) -> str:
        try:
            return self.lines.get(timeout=30)
        except queue.Empty:
            raise AssertionError("the watch said nothing for 30 s: the save was not seen") from None

    def __exit__(self, *exc_info):
        self.stop.set()
        self.thread.join(timeout=30)


def start_watching(council: Path, tmp_path: Path, monkeypatch) -> Watching:
    request = BuildRequest(council / "meeting-rooms", tmp_path / "out", only=("web",), as_of=dt.date(2021, 6, 1))
    return Watching(request, monkeypatch)


# A branding edit under watch did nothing: only the pack folder and packgen's templates were watched.


def test_watch_rebuilds_after_a_council_yaml_edit(council, tmp_path, monkeypatch):
    with start_watching(council, tmp_path, monkeypatch) as watching:
        assert "first build: rendered web" in watching.next_line()
        with open(council / "council.yaml", "a", encoding="utf-8") as stream:
            stream.write("# edited under watch\n")
        assert "changed council/council.yaml: rendered web" in watching.next_line()


def test_watch_rebuilds_after_a_logo_edit(council, tmp_path, monkeypatch):
    with start_watching(council, tmp_path, monkeypatch) as watching:
        assert "first build: rendered web" in watching.next_line()
        edit(council / "logo.svg", '<rect x="96" y="18"', '<rect x="97" y="18"')
        assert "changed council/logo.svg: rendered web" in watching.next_line()
        assert '<rect x="97" y="18"' in (tmp_path / "out" / "meeting-rooms" / "web" / "logo.svg").read_text()


def test_watch_rebuilds_after_a_template_edit_beside_council_yaml(council, tmp_path, monkeypatch):
    style = (TEMPLATES / "web" / "style.css").read_text(encoding="utf-8")
    ours = council / "templates" / "web" / "style.css"
    with start_watching(council, tmp_path, monkeypatch) as watching:
        assert "first build: rendered web" in watching.next_line()
        ours.parent.mkdir(parents=True)
        ours.write_text(style + "\nh1 { letter-spacing: 0.01em; }\n", encoding="utf-8")  # the folder appears
        assert "changed templates/web/style.css: rendered web" in watching.next_line()
        ours.write_text(style + "\nh1 { letter-spacing: 0.02em; }\n", encoding="utf-8")
        assert "changed templates/web/style.css: rendered web" in watching.next_line()
        assert "letter-spacing: 0.02em" in (tmp_path / "out" / "meeting-rooms" / "web" / "style.css").read_text()


def folders_watched(council: Path, tmp_path: Path) -> dict[str, tuple[Path, list[str]]]:
    """Each folder a watch of meeting-rooms reads whole, and the options that make it watched."""
    (council / "templates").mkdir()
    (tmp_path / "ours").mkdir()
    return {
        "the pack": (council / "meeting-rooms", []),
        "templates beside council.yaml": (council / "templates", []),
        "--templates": (tmp_path / "ours", ["--templates", str(tmp_path / "ours")]),
        "packgen's own templates": (TEMPLATES, []),
    }


@pytest.mark.parametrize(
    "which", ["the pack", "templates beside council.yaml", "--templates", "packgen's own templates"]
)
def test_watch_refuses_an_out_inside_a_folder_it_watches(council, tmp_path, which):
    folder, options = folders_watched(council, tmp_path)[which]
    pack = council / "meeting-rooms"
    assert folder.resolve() in choice.reads(pack, Path(options[1]) if options else None).folders
    result = run_cli("watch", pack, "--out", folder / "out", *options)
    assert result.exit_code == 2, result.output
    assert f"--out {folder / 'out'} would put the output in or over " in result.output
    assert not (folder / "out").exists()
