"""XLIFF 1.2 for a translation unit's CAT tool (Trados, memoQ, ...), through translate-toolkit.

One trans-unit per piece of text. Its id says where the text sits and which wording of the
source block it was exported from: `sections/purpose.yaml|body.2|3f9a0c1d2e`. The hash is
recorded in the twin on import, so a source changed while the file was with the translators
is still reported as out of step.
"""

from __future__ import annotations

from dataclasses import dataclass

from translate.storage import xliff

from generator.errors import UsageProblem

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"


class _Unit12(xliff.Xliff1Unit):
    namespace = XLIFF_12


class Xliff12(xliff.Xliff1File):
    """translate-toolkit's XLIFF store, writing version 1.2 (its default skeleton says 1.1)."""

    UnitClass = _Unit12

    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{XLIFF_12}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""
    namespace = XLIFF_12


@dataclass(frozen=True)
class Unit:
    """One piece of text: in which source file, where in it, from which wording of its block."""

    file: str  # the source file, relative to the pack folder: sections/purpose.yaml
    path: tuple  # where in the file: ("body", 2) or ("tips", 0, "title")
    block_hash: str
    source: str
    target: str | None = None
    note: str | None = None

    @property
    def id(self) -> str:
        return f"{self.file}|{'.'.join(str(part) for part in self.path)}|{self.block_hash}"


def parse_id(unit_id: str) -> tuple[str, tuple, str]:
    file, path, block_hash = unit_id.split("|")
    return file, tuple(int(part) if part.isdigit() else part for part in path.split(".")), block_hash


def write_xliff(units: list[Unit], source_language: str, target_language: str, original: str) -> bytes:
    store = Xliff12(sourcelanguage=source_language, targetlanguage=target_language)
    for unit in units:
        trans = store.addsourceunit(unit.source, filename=original, createifmissing=True)
        trans.setid(unit.id)
        if unit.note:
            trans.addnote(unit.note, origin="developer")
    return bytes(store)


def read_xliff(data: bytes, shown_as: str) -> tuple[str | None, list[Unit]]:
    """The target language and the units of an XLIFF file (a unit with no target has target None)."""
    try:
        store = Xliff12.parsestring(data)
    except Exception as error:  # lxml's and translate-toolkit's own errors: one message either way
        raise UsageProblem(f"{shown_as} cannot be read as XLIFF: {error}") from None
    units = []
    for trans in store.unit_iter():
        raw_id = trans.xmlelement.get("id") or ""
        try:
            file, path, block_hash = parse_id(raw_id)
        except ValueError:
            raise UsageProblem(
                f"{shown_as}: trans-unit {raw_id!r} was not written by packgen translate --export; "
                "import the file packgen exported, translated"
            ) from None
        target = str(trans.target) if trans.target else None
        units.append(Unit(file, path, block_hash, str(trans.source), target))
    return store.gettargetlanguage(), units
