"""A table file as rows of text: CSV (UTF-8, with or without BOM, or Windows-1252 as older
Excel saves it) or XLSX, each row numbered as a spreadsheet shows it (the header is row 1)."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from pathlib import Path

from generator.errors import ContentError, Problem

MAX_BYTES = 5 * 1024 * 1024


def read_rows(path: Path, where: str) -> tuple[list[tuple[int, list[str]]], str]:
    """The rows of the table in `path`, and the encoding it was read in ("XLSX" for a workbook)."""
    data = _read_bytes(path, where)
    if path.suffix.lower() in (".xlsx", ".xlsm") or data[:2] == b"PK":
        return _xlsx_rows(data, where), "XLSX"
    text, encoding = _decode(data, where)
    return _csv_rows(text, where), encoding


def _read_bytes(path: Path, where: str) -> bytes:
    try:
        if not path.resolve().is_file():
            raise ContentError([Problem(where, 1, "is not a file; give the CSV or XLSX file with the list of people")])
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise ContentError([Problem(where, 1, f"cannot be read: {error.strerror or error}")]) from None
    if len(data) > MAX_BYTES:
        raise ContentError(
            [
                Problem(
                    where,
                    1,
                    f"is larger than {MAX_BYTES // 1024 // 1024} MB; a list of people "
                    "is far smaller: is this the right file?",
                )
            ]
        )
    return data


def _decode(data: bytes, where: str) -> tuple[str, str]:
    """UTF-8 (with or without Excel's byte-order mark), else Windows-1252 as older Excel saves CSV."""
    if b"\x00" in data:
        raise not_a_table(where, "it holds binary data")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise not_a_table(
            where, 'its text is neither UTF-8 nor Windows-1252; save it from Excel as "CSV UTF-8 (Comma delimited)"'
        ) from None


def _csv_rows(text: str, where: str) -> list[tuple[int, list[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        return [(number, row) for number, row in enumerate(reader, start=1)]
    except csv.Error as error:
        raise ContentError(
            [
                Problem(
                    where,
                    reader.line_num,
                    f'is not a readable CSV table here ({error}); save it from Excel as "CSV UTF-8 (Comma delimited)"',
                )
            ]
        ) from None


def _xlsx_rows(data: bytes, where: str) -> list[tuple[int, list[str]]]:
    """The first worksheet's rows, numbered as Excel numbers them."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise not_a_table(where, f"it is not an Excel workbook openpyxl can read ({type(error).__name__})") from None
    try:
        sheet = workbook.worksheets[0]
        first = sheet.min_row or 1
        return [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=first)
        ]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def not_a_table(where: str, why: str) -> ContentError:
    return ContentError([Problem(where, 1, f"is not a table of people: {why}")])
