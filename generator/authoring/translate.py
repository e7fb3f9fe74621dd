"""`packgen translate`: record a twin as current, export what needs translating, import it back.

The twins are the officer's files: packgen updates their text and their `translated_from:`
record through ruamel.yaml's round trip, so comments and order stay as written, and writes
each file whole or not at all (a temporary file beside it, then renamed over it).
"""

from __future__ import annotations

import copy
import io
import os
import tempfile
from collections import defaultdict
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from generator.authoring.xliff import Unit, read_xliff, write_xliff
from generator.content.languages import TWIN_NAME, language_name, twin_languages, twin_path
from generator.content.reader import source_files
from generator.content.sources import read_limited, shown
from generator.content.translation_record import block_hash, block_id, block_of, blocks, current_hashes
from generator.content.twins import RECORD_KEY, Overlay, texts
from generator.content.yamlio import YamlFile, read_yaml
from generator.errors import ContentError, Problem, UsageProblem


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096  # a long line stays one line, as the officer wrote it
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)  # as packgen's own files are written: "  - item"
    return yaml


def _languages(folder: Path, code: str | None = None) -> tuple:
    pack, files = source_files(folder)
    if code is not None and code not in twin_languages(pack.languages):
        have = ", ".join(twin_languages(pack.languages)) or "none: the pack is in one language"
        raise UsageProblem(f"{shown(folder)} has no twins in {code!r}; its twin languages are: {have}")
    return pack, files


def accept(folder: Path, name: str) -> str:
    """Record the twin `name` (relative to the pack folder, or to here) as translated from its source as it is now."""
    folder = Path(folder)
    pack, files = _languages(folder)
    twin = next((p for p in (folder / name, Path(name)) if p.is_file()), None)
    match = TWIN_NAME.match(Path(name).name)
    if twin is None or match is None or match["code"] not in twin_languages(pack.languages):
        raise UsageProblem(
            f"{name} is not a twin of {shown(folder)}; name one such as sections/purpose.cy.yaml "
            f"(its twin languages are: {', '.join(twin_languages(pack.languages)) or 'none'})"
        )
    wanted = twin.resolve().with_name(f"{match['stem']}.yaml")
    source = next((file for path, file in files.items() if path.resolve() == wanted), None)
    if source is None:
        raise UsageProblem(f"{name} translates no content file of {shown(folder)}")
    problems: list[Problem] = []
    Overlay(source, read_yaml(twin, shown(twin)), problems).merged()
    if problems:
        raise ContentError(problems)  # a twin of another shape is not a translation of this wording
    doc = _load_doc(twin)
    _set_record(doc, current_hashes(source.data))
    _write(twin, doc)
    return f"recorded {shown(twin)} as the current {language_name(match['code'])} of {source.path}"


def export(folder: Path, code: str, out: Path) -> int:
    """Write `out`, an XLIFF file of every block of every file whose `code` twin is missing or out of
    step; return how many pieces of text it holds (0: nothing to translate, nothing written)."""
    folder = Path(folder)
    pack, files = _languages(folder, code)
    units: list[Unit] = []
    for path, source in files.items():
        twin = twin_path(path, code)
        twin_data = read_yaml(twin, shown(twin)).data if twin.is_file() else None
        record = twin_data.get(RECORD_KEY) if isinstance(twin_data, dict) else None
        record = record if isinstance(record, dict) else {}
        for name, (block, pieces) in blocks(source.data).items():
            wording = block_hash(pieces, block)
            earlier = dict(texts(_node(twin_data, block), block)) if twin_data is not None else {}
            same = list(earlier) == [where for where, _ in pieces]
            if same and record.get(name) == wording:
                continue
            for where, text in pieces:
                note = f"Earlier {language_name(code)}: {earlier[where]}" if same and earlier.get(where) else None
                units.append(Unit(path.relative_to(folder).as_posix(), where, wording, text, note=note))
    if units:
        if out.exists():
            raise UsageProblem(f"{shown(out)} already exists; move it away or name another file with --out")
        _write_bytes(out, write_xliff(units, pack.language, code, f"packgen:{pack.slug}"))
    return len(units)


def import_xliff(folder: Path, xlf: Path) -> list[str]:
    """Write the translations in `xlf` into the twins, recording the wording each was translated from."""
    folder = Path(folder)
    code, units = read_xliff(read_limited(xlf, shown(xlf), 50_000_000), shown(xlf))
    if code is None:
        raise UsageProblem(f"{shown(xlf)} does not say its target-language; it was not exported by packgen translate")
    pack, files = _languages(folder, code)
    by_file: dict[str, dict[tuple, list[Unit]]] = defaultdict(lambda: defaultdict(list))
    for unit in units:
        by_file[unit.file][block_of(unit.path)].append(unit)
    said = []
    for name, by_block in by_file.items():
        source = files.get(folder / name)
        if source is None or ".." in Path(name).parts:
            raise UsageProblem(f"{shown(xlf)} names {name}, which is not a content file of {shown(folder)}")
        said.append(_import_file(folder / name, source, code, by_block))
    return said


def _import_file(path: Path, source: YamlFile, code: str, by_block: dict[tuple, list[Unit]]) -> str:
    twin = twin_path(path, code)
    created = not twin.exists()
    source_doc = _load_doc(path)
    doc = _load_doc(twin) if not created else _without_answers(copy.deepcopy(source_doc))
    record = dict(doc.get(RECORD_KEY) or {}) if isinstance(doc.get(RECORD_KEY), dict) else {}
    done = 0
    for block, pieces in by_block.items():
        if any(piece.target is None for piece in pieces):
            continue  # a block is taken whole, or not at all
        _place(doc, source_doc, block, {piece.path: piece.target for piece in pieces if piece.target is not None})
        record[block_id(block)] = pieces[0].block_hash
        done += 1
    for key, value in source_doc.items():  # a block the source no longer has goes from the twin too
        if isinstance(value, list) and isinstance(doc.get(key), list) and len(doc[key]) > len(value):
            del doc[key][len(value) :]
    current = blocks(source.data)
    _set_record(doc, {name: record[name] for name in current if name in record})
    _write(twin, doc)
    skipped = len(by_block) - done
    left = f"; {skipped} left untranslated in the file" if skipped else ""
    return f"{'wrote' if created else 'updated'} {shown(twin)}: {done} block(s) of {source.path}{left}"


def _node(data, path: tuple):
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


def _set_at(data, path: tuple, value) -> None:
    _node(data, path[:-1])[path[-1]] = value


def _place(doc, source_doc, block: tuple, targets: dict[tuple, str]) -> None:
    """Put the translated block in the twin: its texts in place if the twin's block has the source's
    shape, else the source's block, translated, at the block's place."""
    existing = _node(doc, block)
    if existing is not None and [where for where, _ in texts(existing, block)] == list(targets):
        for where, text in targets.items():
            _set_at(doc, where, text)
        return
    if len(block) == 1:
        new = copy.deepcopy(source_doc[block[0]])
    else:
        new = copy.deepcopy(_node(source_doc, block))
    if not isinstance(new, (dict, list)):
        new = targets[block]
    else:
        _without_answers(new)
        for where, text in targets.items():
            if len(where) > len(block):
                _set_at(new, where[len(block) :], text)
    parent = _node(doc, block[:-1]) if len(block) > 1 else doc
    if parent is None:  # the twin lacks the whole list: take the source's, to be filled block by block
        _set_at(doc, block[:-1], copy.deepcopy(_node(source_doc, block[:-1])))
        parent = _node(doc, block[:-1])
    if isinstance(parent, list) and block[-1] >= len(parent):
        parent.append(new)
    else:
        parent[block[-1]] = new


def _without_answers(node):
    """An answer among options is a place in them, taken from the source: a copy leaves it out."""
    if isinstance(node, dict):
        if "options" in node and "answer" in node:
            del node["answer"]
        for value in node.values():
            _without_answers(value)
    elif isinstance(node, list):
        for value in node:
            _without_answers(value)
    return node


def _set_record(doc: CommentedMap, hashes: dict[str, str]) -> None:
    if RECORD_KEY in doc:
        del doc[RECORD_KEY]
    record = CommentedMap(hashes)
    doc[RECORD_KEY] = record
    doc.yaml_set_comment_before_after_key(
        RECORD_KEY, before="Written by packgen translate: the wording each block was translated from. Do not edit."
    )


def _load_doc(path: Path) -> CommentedMap:
    doc = _round_trip().load(read_limited(path, shown(path)).decode("utf-8-sig"))
    return doc if doc is not None else CommentedMap()


def _write(path: Path, doc) -> None:
    stream = io.StringIO()
    _round_trip().dump(doc, stream)
    _write_bytes(path, stream.getvalue().encode("utf-8"))


def _write_bytes(path: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file beside `path`, renamed over it (never through a link)."""
    if path.is_symlink():
        raise UsageProblem(f"{shown(path)} is a link; packgen writes only plain files")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
