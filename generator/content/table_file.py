"""A table file as rows of text: CSV (UTF-8, with or without BOM, or Windows-1252 as older
Excel saves it) or XLSX, each row numbered as a spreadsheet shows it (the header is row 1)."""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
import zipfile
from pathlib import Path

from generator.errors import ContentError, Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024  # a workbook's parts, unzipped: 1,000 people take well under 1 MB
MAX_SHEET_ROWS = 20_000  # rows with cells (formatted but empty ones too) in the sheet read
SAVE_AS_UTF8 = 'save it from Excel as "CSV UTF-8 (Comma delimited)"'
EXCEL_ROWS = 1_048_576
MAX_COLUMNS = 100  # columns read as cells; something further right is reported, never dropped


def read_rows(path: Path, where: str, max_rows: int) -> tuple[list[tuple[int, list[str]]], str]:
    """The rows of the table in `path` that hold something, numbered, and the encoding it was read
    in ("XLSX" for a workbook). Reading stops after `max_rows` such rows plus one, so a caller
    can tell the table is longer than it allows."""
    data = _read_bytes(path, where)
    if path.suffix.lower() in (".xlsx", ".xlsm") or data[:2] == b"PK":
        return _xlsx_rows(data, where, max_rows), "XLSX"
    text, encoding = _decode(data, where)
    return _csv_rows(text, where, max_rows), encoding


def read_file_limited(path: Path, where: str, limit: int, wanted: str) -> bytes:
    """At most `limit` + 1 bytes of the plain file `path`: a pipe, a device such as /dev/zero or a
    folder is refused unread (opened without waiting, then checked, so a swap cannot slip one in)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise ContentError([Problem(where, 1, f"cannot be read: {error.strerror or error}")]) from None
    with open(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ContentError([Problem(where, 1, f"is not a file; give {wanted}")])
        try:
            return stream.read(limit + 1)
        except OSError as error:
            raise ContentError([Problem(where, 1, f"cannot be read: {error.strerror or error}")]) from None


def _read_bytes(path: Path, where: str) -> bytes:
    data = read_file_limited(path, where, MAX_BYTES, "the CSV or XLSX file with the list of people")
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
    """UTF-8 (with or without Excel's byte-order mark), UTF-16 with its byte-order mark (Excel's
    "Unicode Text"), else Windows-1252 as older Excel saves CSV."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise not_a_table(where, f"its text is not UTF-16, as its first bytes say; {SAVE_AS_UTF8}") from None
    if b"\x00" in data:
        if _looks_like_utf16(data):
            raise not_a_table(where, f"its text is UTF-16 without the mark that says which kind; {SAVE_AS_UTF8}")
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


def _looks_like_utf16(data: bytes) -> bool:
    """Mostly-ASCII text in UTF-16: every other byte zero."""
    sample = data[:4096]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def _csv_rows(text: str, where: str, max_rows: int) -> list[tuple[int, list[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    found = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        for number, row in enumerate(reader, start=1):
            if any(cell.strip() for cell in row):
                found.append((number, row))
            if len(found) > max_rows:
                break
        return found
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


def _xlsx_rows(data: bytes, where: str, max_rows: int) -> list[tuple[int, list[str]]]:
    """The first visible worksheet's rows, numbered as Excel numbers them."""
    _refuse_zip_bomb(data, where)
    try:
        return _first_visible_sheet_rows(data, where, max_rows)
    except ContentError:
        raise
    except Exception as error:  # openpyxl and its XML parser raise many kinds on a damaged file
        raise not_a_table(
            where,
            f"it is not an Excel workbook packgen can read ({type(error).__name__}); open it in Excel "
            'and save it again as "Excel Workbook (.xlsx)"',
        ) from None


def _refuse_zip_bomb(data: bytes, where: str) -> None:
    """A workbook's parts, unpacked, within MAX_UNPACKED: the zip reader stops at the sizes declared."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise not_a_table(where, f"it is not an Excel workbook packgen can read ({type(error).__name__})") from None
    if unpacked > MAX_UNPACKED:
        raise not_a_table(
            where,
            f"the workbook unpacks to {unpacked // 1024 // 1024:,} MB, more than the {MAX_UNPACKED // 1024 // 1024} MB "
            "a list of people could need; copy the list alone into a new workbook",
        )


def _first_visible_sheet_rows(data: bytes, where: str, max_rows: int) -> list[tuple[int, list[str]]]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if len(workbook.sheetnames) < _sheets_listed(data):
            raise not_a_table(where, "a sheet the workbook lists is missing from the file; save it again from Excel")
        sheet = next((ws for ws in workbook.worksheets if ws.sheet_state == "visible"), None)
        if sheet is None:
            raise not_a_table(where, "the workbook has no visible worksheet; put the list on the first sheet")
        sheet.reset_dimensions()  # the file's own <dimension> may be stale, or claim a million rows
        return _limited_rows(sheet.iter_rows(min_row=1, values_only=True), where, max_rows)
    finally:
        workbook.close()


def _sheets_listed(data: bytes) -> int:
    """How many sheets xl/workbook.xml lists: openpyxl passes over one whose part is missing, and
    would read the next sheet as if it were the first."""
    from xml.etree import ElementTree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "xl/workbook.xml" not in archive.namelist():
            return 0
        root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    return sum(1 for element in root.iter() if element.tag.rsplit("}", 1)[-1] == "sheet")


def _limited_rows(rows, where: str, max_rows: int) -> list[tuple[int, list[str]]]:
    """The rows that hold something, numbered from 1 (openpyxl yields a gap's rows empty), until
    there are more than `max_rows`; formatted but empty cells count only towards MAX_SHEET_ROWS."""
    found, with_cells = [], 0
    for number, values in enumerate(rows, start=1):
        if number > EXCEL_ROWS:  # a row numbered past it would have openpyxl count up to it, row by row
            raise not_a_table(where, f"the sheet has a row numbered past {EXCEL_ROWS:,}, Excel's last row")
        if not values:
            continue
        with_cells += 1
        if with_cells > MAX_SHEET_ROWS:
            raise not_a_table(
                where,
                f"the sheet has more than {MAX_SHEET_ROWS:,} rows with cells in them; copy the list alone "
                "into a new workbook",
            )
        cells = _row_text(values) if values.count(None) < len(values) else []
        if any(cell.strip() for cell in cells):
            found.append((number, cells))
        if len(found) > max_rows:
            break
    return found


def _row_text(values: tuple) -> list[str]:
    """The cells as text; of those past MAX_COLUMNS, only the first that holds something (which
    the reader then reports as in a column with no heading)."""
    cells = [_cell_text(value) for value in values[:MAX_COLUMNS]]
    if values[MAX_COLUMNS:].count(None) < len(values[MAX_COLUMNS:]):
        cells.append(_cell_text(next(value for value in values[MAX_COLUMNS:] if value is not None)))
    return cells


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def not_a_table(where: str, why: str) -> ContentError:
    return ContentError([Problem(where, 1, f"is not a table of people: {why}")])
