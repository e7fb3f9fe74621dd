"""The render cache: each module's outputs, stored under the key of the inputs that made them.

It lives in OUT/.packgen-cache/<pack>/, one folder per key holding entry.json and the files'
bytes. An entry is used only when it is whole and its own: its key, module and software
versions match and every file's bytes match the hash entry.json gives. Anything else is
ignored with a note and the module is rendered again, so a damaged cache can cost time but
never a wrong artefact. Entries are written whole (to a scratch folder, then one rename).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.artefact import Output, handoff_from_json, handoff_to_json
from generator.inputs import Inputs, software

CACHE_FOLDER = ".packgen-cache"
ENTRY = "entry.json"
KEEP_ENTRIES = 24  # per pack: the current build's entries always, then the most recently used
KEY = re.compile(r"[0-9a-f]{64}")


@dataclass
class Cache:
    folder: Path
    notes: list[str] = field(default_factory=list)  # ignored entries, for the person at the keyboard

    @classmethod
    def for_pack(cls, out_root: Path, slug: str) -> Cache:
        return cls(Path(out_root) / CACHE_FOLDER / slug)

    def get(self, inputs: Inputs) -> list[Output] | None:
        """The module's outputs stored under `inputs`' key, or None if there is no sound entry."""
        key = inputs.key
        entry_dir = self.folder / key
        if not entry_dir.is_dir():
            return None
        try:
            outputs = _read_entry(entry_dir, key, inputs.module)
            os.utime(entry_dir)  # most recently used
            return outputs
        except (OSError, ValueError, KeyError, TypeError) as problem:
            self.notes.append(f"ignored a damaged cache entry for {inputs.module} ({problem}); rendered it again")
            return None

    def put(self, inputs: Inputs, outputs: list[Output]) -> None:
        """Store `outputs` under `inputs`' key; a cache that cannot be written is only a note."""
        key = inputs.key
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            scratch = Path(tempfile.mkdtemp(prefix=".new-", dir=self.folder))
            try:
                _write_entry(scratch, key, inputs.module, outputs)
                if (self.folder / key).exists():
                    _remove_entry(self.folder / key)
                os.rename(scratch, self.folder / key)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        except OSError as error:
            self.notes.append(f"could not store {inputs.module} in the cache ({error.strerror or error})")

    def prune(self, in_use: set[str]) -> None:
        """Keep the entries this build used, and the most recently used others, up to KEEP_ENTRIES."""
        try:
            entries = [p for p in self.folder.iterdir() if KEY.fullmatch(p.name) and p.is_dir()]
            scratch = [p for p in self.folder.iterdir() if p.name.startswith(".new-") and p.is_dir()]
        except OSError:
            return
        spare = sorted((p for p in entries if p.name not in in_use), key=_last_used, reverse=True)
        for old in spare[max(0, KEEP_ENTRIES - len(in_use)) :] + scratch:
            _remove_entry(old)


def _read_entry(entry_dir: Path, key: str, module: str) -> list[Output]:
    entry = json.loads((entry_dir / ENTRY).read_text(encoding="utf-8"))
    if entry["key"] != key or entry["module"] != module:
        raise ValueError("it was stored for other inputs")
    if entry["software"] != software():
        raise ValueError("it was made by other software versions")
    outputs = []
    for number, item in enumerate(entry["outputs"]):
        data = _checked(entry_dir / f"{number}.bin", item["sha256"])
        html = (
            _checked(entry_dir / f"{number}.html", item["html_sha256"]).decode("utf-8")
            if item.get("html_sha256")
            else None
        )
        outputs.append(
            Output(
                item["kind"],
                _safe_name(item["filename"]),
                data,
                item["pages"],
                html,
                handoff_from_json(item["handoff"]),
                tuple(item["notes"]),
            )
        )
    return outputs


def _write_entry(folder: Path, key: str, module: str, outputs: list[Output]) -> None:
    items = []
    for number, output in enumerate(outputs):
        (folder / f"{number}.bin").write_bytes(output.data)
        item = {
            "kind": output.kind,
            "filename": output.filename,
            "pages": output.pages,
            "sha256": hashlib.sha256(output.data).hexdigest(),
            "handoff": handoff_to_json(output.handoff),
            "notes": list(output.notes),
        }
        if output.html is not None:
            html = output.html.encode("utf-8")
            (folder / f"{number}.html").write_bytes(html)
            item["html_sha256"] = hashlib.sha256(html).hexdigest()
        items.append(item)
    entry = {"key": key, "module": module, "software": software(), "outputs": items}
    (folder / ENTRY).write_text(json.dumps(entry, indent=1), encoding="utf-8")  # last: it marks the entry whole


def _checked(path: Path, sha256: str) -> bytes:
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError(f"{path.name} does not match its hash")
    return data


def _safe_name(filename: str) -> str:
    """An artefact's file name, as a renderer makes them: plain names, folders only of its own
    (the web version's web/fonts/...), never `..` or an absolute path."""
    if not isinstance(filename, str) or not re.fullmatch(
        r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*", filename
    ):
        raise ValueError(f"it names a file {filename!r} packgen would not make")
    return filename


def _last_used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _remove_entry(path: Path) -> None:
    """Remove one cache entry: only files of the names the cache writes, then the folder."""
    try:
        for item in path.iterdir():
            if item.is_file() and not item.is_symlink() and re.fullmatch(r"\d+\.(bin|html)|entry\.json", item.name):
                item.unlink()
        path.rmdir()
    except OSError:
        pass  # something else is in there: leave it
