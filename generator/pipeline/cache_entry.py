"""One render-cache entry on disk: written whole and signed, read back as if it were hostile.

An entry is a folder holding entry.json (what the files are), entry.hmac (entry.json signed
with the user's cache key) and N.bin / N.html (the files' bytes), all 0600. generator/pipeline/cache.py
says why the signature is what makes an entry trustworthy and what every check guards against.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
import re
import stat
import unicodedata
from typing import TypeGuard
from pathlib import Path

from generator.artefacts.base import HANDOFFS, Output, handoff_to_json
from generator.pipeline.inputs import software
from generator.artefacts.registry import ARTEFACTS, BY_MODULE

ENTRY = "entry.json"
SEAL = "entry.hmac"
SEAL_CONTEXT = b"packgen render cache entry 1\n"  # so the key signs nothing else by accident
ENTRY_FILES = re.compile(r"\d+\.(bin|html)|entry\.json|entry\.hmac")
FILE_MODE = 0o600
ENTRY_LIMIT = 16 * 1024**2  # entry.json: a few kilobytes in practice
FILE_LIMIT = 2 * 1024**3
NOTE_LIMIT = 1000
# How each module names its files, as its registry entry says (Artefact.files): a kind in
# FOLDER_KINDS has a folder of its name (web/index.html, web/fonts/...); every other kind is one
# file named after it with its extension, and a version letter for quiz sheets and keys
# (quiz-sheet-A.pdf). A renderer whose names differ has its entries never reused (the rebuild
# tests, which expect every artefact from the cache, would say so).
FOLDER_KINDS = frozenset(kind for entry in ARTEFACTS if entry.files == "folder" for kind in entry.kinds)
EXTENSIONS = {kind: entry.files for entry in ARTEFACTS if entry.files != "folder" for kind in entry.kinds}
READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class Doubt(ValueError):
    """Why a cache entry was not used: words for the note, never the entry's own text."""


def read_entry(entry: int, key: str, module: str, signer: bytes) -> list[Output]:
    raw = _read_plain(entry, ENTRY, ENTRY_LIMIT)
    if not hmac.compare_digest(_read_plain(entry, SEAL, 64), _seal(signer, raw)):
        raise Doubt("packgen did not store it for you, or it was changed since")
    facts = json.loads(raw)
    if facts["key"] != key or facts["module"] != module:
        raise Doubt("it was stored for other inputs")
    if facts["software"] != software():
        raise Doubt("it was made by other software versions")
    if not isinstance(facts["outputs"], list):
        raise Doubt("it lists no files")
    outputs = [_output(entry, number, item, module) for number, item in enumerate(facts["outputs"])]
    if len({o.filename for o in outputs}) != len(outputs):
        raise Doubt("it names one file twice")
    return outputs


def _output(entry: int, number: int, item: dict, module: str) -> Output:
    kind = item["kind"]
    if kind not in BY_MODULE.get(module, ()):
        raise Doubt(f"it holds a kind of file the {module.replace('_', ' ')} does not make")
    data = _checked(entry, f"{number}.bin", item["size"], item["sha256"])
    html = None
    if item.get("html_sha256") is not None:
        html = _checked(entry, f"{number}.html", item["html_size"], item["html_sha256"]).decode("utf-8")
    return Output(
        kind,
        _filename(kind, item["filename"]),
        data,
        _pages(item["pages"]),
        html,
        _handoff(item["handoff"]),
        _notes(item["notes"]),
    )


def _filename(kind: str, filename: object) -> str:
    """The file name as the module that makes `kind` names its files: nothing else gets out."""
    part = r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}"
    if kind in FOLDER_KINDS:
        pattern = rf"{re.escape(kind)}(/{part}){{1,2}}"
    else:
        pattern = rf"{re.escape(kind)}(-[A-Z]{{1,2}})?\.{EXTENSIONS[kind]}"
    if not isinstance(filename, str) or not re.fullmatch(pattern, filename) or ".." in filename.split("/"):
        raise Doubt(f"it names a file the {kind} does not have")
    return filename


def _whole(value: object) -> TypeGuard[int]:
    return type(value) is int and value >= 0


def _pages(pages: object) -> int | None:
    if pages is None or _whole(pages):
        return pages
    raise Doubt("its page count is not a whole number")


def _notes(notes: object) -> tuple[str, ...]:
    """Notes are printed on the person's terminal: plain text only, no escape or format characters."""
    if not isinstance(notes, list) or not all(isinstance(n, str) and _plain_text(n) for n in notes):
        raise Doubt("its notes are not plain text")
    return tuple(notes)


def _plain_text(text: str) -> bool:
    return len(text) <= NOTE_LIMIT and not any(_unprintable(c) for c in text)


def _unprintable(character: str) -> bool:
    """Control characters (the terminal's escapes), invisible format characters (bidi overrides)
    and line breaks: a note is one line of visible text."""
    category = unicodedata.category(character)
    return category[0] == "C" or category in ("Zl", "Zp")


# What each field of a hand-off may hold, by the type its dataclass declares.
FIELD_CHECKS = {
    "int": _whole,
    "str": lambda v: isinstance(v, str) and _plain_text(v),
    "dict[str, int]": lambda v: isinstance(v, dict) and all(isinstance(k, str) and _whole(n) for k, n in v.items()),
}


def _handoff(data: object):
    if data is None:
        return None
    kind = HANDOFFS.get(str(data.get("type"))) if isinstance(data, dict) else None
    if kind is None or not isinstance(data, dict):
        raise Doubt("it holds a hand-off packgen does not make")
    fields = {name: value for name, value in data.items() if name != "type"}
    declared = {f.name: str(f.type) for f in dataclasses.fields(kind)}  # annotations are text here
    if set(fields) != set(declared) or not all(FIELD_CHECKS.get(declared[n], _never)(v) for n, v in fields.items()):
        raise Doubt("its hand-off is not one packgen makes")
    return kind(**fields)


def _never(value: object) -> bool:
    return False


def _checked(entry: int, name: str, size: object, sha256: object) -> bytes:
    if not _whole(size) or size > FILE_LIMIT:
        raise Doubt(f"{name} has no size packgen would record")
    data = _read_plain(entry, name, size)
    if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
        raise Doubt(f"{name} is not the file packgen stored")
    return data


def _read_plain(folder: int, name: str, limit: int) -> bytes:
    """A plain file's bytes, at most `limit` of them: never a link's target, never a FIFO or device
    (checked before opening, and opened without blocking in case it changed in between)."""
    if not stat.S_ISREG(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode):
        raise Doubt(f"{name} is a link or not a plain file")
    with os.fdopen(os.open(name, READ_FLAGS, dir_fd=folder), "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise Doubt(f"{name} is not a plain file")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise Doubt(f"{name} is larger than packgen stored")
    return data


def _seal(signer: bytes, entry: bytes) -> bytes:
    return hmac.new(signer, SEAL_CONTEXT + entry, hashlib.sha256).hexdigest().encode("ascii")


def write_entry(folder: Path, key: str, module: str, outputs: list[Output], signer: bytes) -> None:
    items = []
    for number, output in enumerate(outputs):
        _write_private(folder / f"{number}.bin", output.data)
        item = {
            "kind": output.kind,
            "filename": output.filename,
            "pages": output.pages,
            "size": len(output.data),
            "sha256": hashlib.sha256(output.data).hexdigest(),
            "handoff": handoff_to_json(output.handoff),
            "notes": list(output.notes),
        }
        if output.html is not None:
            html = output.html.encode("utf-8")
            _write_private(folder / f"{number}.html", html)
            item |= {"html_size": len(html), "html_sha256": hashlib.sha256(html).hexdigest()}
        items.append(item)
    entry = json.dumps({"key": key, "module": module, "software": software(), "outputs": items}, indent=1)
    _write_private(folder / SEAL, _seal(signer, entry.encode("utf-8")))
    _write_private(folder / ENTRY, entry.encode("utf-8"))


def _write_private(path: Path, data: bytes) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
    with os.fdopen(handle, "wb") as stream:
        os.fchmod(handle, FILE_MODE)  # whatever the umask
        stream.write(data)
