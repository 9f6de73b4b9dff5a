"""Read a file into plain sheets of cell values, refusing what cannot be read safely.

Workbooks are read with openpyxl in read-only, values-only mode: formulas are never
evaluated (a formula cell gives the value Excel saved), and openpyxl parses the XML with
defusedxml when it is installed, which guards against entity-expansion bombs. The size of
the file and of its unpacked contents is capped. Merged cells are filled with the value of
their top-left cell, so a day header merged over its hour columns applies to each of them.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from ..errors import Findings, Location

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc) container

_MERGE_REF = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"'
)


@dataclass
class Sheet:
    """The cell values of one sheet (or a CSV file), rows and columns 0-based."""

    file: str
    name: str | None
    rows: list[list[object]]

    def where(self, row: int, column: int | None = None) -> Location:
        """The location of a cell (or of a whole row) for messages."""
        if self.name is None:  # CSV: no sheet, no cell names
            letter = get_column_letter(column + 1) if column is not None else None
            return Location(self.file, row=row + 1, column=letter)
        if column is None:
            return Location(self.file, self.name, row=row + 1)
        return Location(self.file, self.name, cell=f"{get_column_letter(column + 1)}{row + 1}")

    @property
    def location(self) -> Location:
        return Location(self.file, self.name)

    def value(self, row: int, column: int) -> object:
        cells = self.rows[row] if row < len(self.rows) else ()
        return cells[column] if column < len(cells) else None

    @property
    def is_empty(self) -> bool:
        return not any(_has_value(v) for r in self.rows for v in r)


def _has_value(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def read_sheets(path: Path, display: str, findings: Findings) -> list[Sheet]:
    """The sheets of ``path``; problems go to ``findings`` and give ``[]``."""
    where = Location(display)
    if not path.is_file():
        findings.error(where, "file not found")
        return []
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        findings.error(
            where,
            f"the file is {size / 2**20:.1f} MB, over the "
            f"{MAX_FILE_BYTES // 2**20} MB limit: split it into smaller files "
            "or remove pictures from it",
        )
        return []
    if size == 0:
        findings.error(where, "the file is empty: expected an .xlsx workbook or a CSV file")
        return []
    with path.open("rb") as fh:
        head = fh.read(8)
    suffix = path.suffix.casefold()
    if suffix == ".xls" or head == OLE2_MAGIC:
        findings.error(
            where,
            "this is an old Excel file (.xls), which is not read: open it in "
            "Excel and save it as .xlsx (Excel Workbook)",
        )
        return []
    if suffix in (".ods", ".numbers"):
        findings.error(where, f"{suffix} files are not read: save it as .xlsx (Excel Workbook)")
        return []
    if suffix in CSV_SUFFIXES:
        return _read_csv(path, display, findings)
    if not zipfile.is_zipfile(path):
        findings.error(
            where,
            "not an Excel workbook: expected an .xlsx file (or a .csv file); "
            "if it opens in Excel, save it as .xlsx",
        )
        return []
    return _read_workbook(path, display, findings)


def _read_workbook(path: Path, display: str, findings: Findings) -> list[Sheet]:
    where = Location(display)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                findings.error(
                    where,
                    f"the workbook unpacks to {unpacked / 2**20:.0f} MB, over "
                    f"the {MAX_UNPACKED_BYTES // 2**20} MB limit",
                )
                return []
            sheets = []
            with path.open("rb") as fh:
                book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
                try:
                    for ws in book.worksheets:
                        sheets.append(Sheet(display, ws.title, _sheet_rows(ws, archive)))
                finally:
                    book.close()
            return sheets
    # The boundary of a third-party parser fed arbitrary bytes: whatever it raises means
    # "this is not a workbook we can read", which the user must hear about, not a traceback.
    except Exception as exc:  # noqa: BLE001
        findings.error(
            where,
            f"not a readable Excel workbook ({type(exc).__name__}: {exc}): "
            "expected an .xlsx file saved by Excel, LibreOffice or Google "
            "Sheets",
        )
        return []


def _sheet_rows(ws, archive: zipfile.ZipFile) -> list[list[object]]:
    ws.reset_dimensions()  # some writers store a wrong size; read what is really there
    rows = [_trim(list(r)) for r in ws.iter_rows(values_only=True)]
    while rows and not rows[-1]:
        rows.pop()
    _fill_merged(rows, _merged_ranges(ws, archive))
    return rows


def _trim(cells: list[object]) -> list[object]:
    while cells and not _has_value(cells[-1]):
        cells.pop()
    return cells


def _merged_ranges(ws, archive: zipfile.ZipFile) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range, 1-based.

    openpyxl's read-only mode does not report merged cells, so the ``mergeCell`` elements
    are found in the sheet's XML (they cannot occur inside cell text, which escapes ``<``).
    """
    member = str(getattr(ws, "_worksheet_path", "")).lstrip("/")
    if not member:
        return []
    try:
        data = archive.read(member)
    except KeyError:
        return []
    ranges = []
    for match in _MERGE_REF.finditer(data):
        ranges.append(range_boundaries(match.group(1).decode("ascii")))
    return ranges


def _fill_merged(rows: list[list[object]], ranges: list[tuple[int, int, int, int]]) -> None:
    for min_col, min_row, max_col, max_row in ranges:
        if min_row > len(rows) or max_row - min_row > 10_000 or max_col - min_col > 1_000:
            continue
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        if value is None:
            continue
        for r in range(min_row - 1, min(max_row, len(rows))):
            row = rows[r]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for c in range(min_col - 1, max_col):
                row[c] = value


def _read_csv(path: Path, display: str, findings: Findings) -> list[Sheet]:
    raw = path.read_bytes()
    if b"\x00" in raw:
        findings.error(
            Location(display),
            "not a text CSV file (it contains binary data): "
            "expected a CSV saved from Excel, or an .xlsx file",
        )
        return []
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        rows = [
            _trim([c if c.strip() else None for c in r])
            for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        findings.error(
            Location(display),
            f"cannot read the CSV file ({exc}): expected comma- or semicolon-separated text",
        )
        return []
    while rows and not rows[-1]:
        rows.pop()
    return [Sheet(display, None, rows)]
