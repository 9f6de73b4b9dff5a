"""Read a file into plain sheets of cell values, refusing what cannot be read safely or fast.

Workbooks are read with openpyxl's streaming worksheet parser, values only: formulas are
never evaluated (a formula cell gives the value Excel saved), and openpyxl parses the XML
with defusedxml, which guards against entity-expansion bombs. Before anything is parsed, the
archive is scanned: its size unpacked, and per worksheet the number of rows, cells and merged
ranges, against a budget (:class:`Limits`), so a small file that unpacks to millions of
cells or huge merges is refused in a second instead of parsed for minutes. While parsing,
the same budget is kept row by row (a single value a million rows down is refused too).
Merged cells are filled with the value of their top-left cell, so a day header merged over
its hour columns applies to each of them.

CSV files may be UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode
text") or the Windows encoding Excel uses; comma, semicolon or tab separated.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from ..errors import Findings, Location
from ..i18n import T, Text

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc) container
#: An encrypted (password-protected) .xlsx is an OLE2 container holding this stream.
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class Limits:
    """What one file may hold before it is refused (all sheets together).

    ``rows`` and ``cells`` count what the file stores, empty cells included, since those
    cost the time; ``merged_cells`` is the area all merged ranges cover.
    """

    rows: int = 100_000
    cells: int = 1_000_000
    merges: int = 5_000
    merged_cells: int = 500_000
    xml_bytes: int = 200 * 1024 * 1024


#: Availability files: a national month is a few thousand rows.
AVAILABILITY_LIMITS = Limits()
#: Contact histories: a year of contacts is a few hundred thousand rows.
HISTORY_LIMITS = Limits(rows=1_100_000, cells=3_500_000)

_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_MERGE_REF = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"'
)
_SHARED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_CHUNK = 1 << 20
_INLINE = f"{{{SHEET_MAIN_NS}}}is"
_TEXT = f"{{{SHEET_MAIN_NS}}}t"
_RUN = f"{{{SHEET_MAIN_NS}}}r"


@dataclass
class Sheet:
    """The cell values of one sheet (or a CSV file), rows and columns 0-based.

    ``merged`` are the merged ranges as (first column, first row, last column, last row),
    0-based and inclusive.
    """

    file: str
    name: str | None
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False

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

    def value(self, row: int, column: int) -> Any:
        cells = self.rows[row] if 0 <= row < len(self.rows) else ()
        return cells[column] if 0 <= column < len(cells) else None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    @property
    def is_empty(self) -> bool:
        return not any(has_value(v) for r in self.rows for v in r)

    def merged_across(self, row: int) -> list[tuple[int, int]]:
        """(first, last) columns of the ranges merged across columns on ``row``."""
        return [(c0, c1) for c0, r0, c1, r1 in self.merged if r0 <= row <= r1 and c1 > c0]


def has_value(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


class _Refused(Exception):
    """The file is refused; the message says why."""

    def __init__(self, message: Text) -> None:
        super().__init__(str(message))
        self.message = message


def read_sheets(
    path: Path, display: str, findings: Findings, limits: Limits = AVAILABILITY_LIMITS
) -> list[Sheet]:
    """The sheets of ``path``; problems go to ``findings`` and give ``[]``."""
    try:
        return _read_sheets(path, display, findings, limits)
    except OSError as exc:  # unreadable on this machine (permissions, a vanished file)
        findings.error(
            Location(display),
            T("the file cannot be opened ({problem})", problem=exc.strerror or str(exc)),
        )
        return []


def _read_sheets(path: Path, display: str, findings: Findings, limits: Limits) -> list[Sheet]:
    where = Location(display)
    if not path.is_file():
        findings.error(where, T("file not found"))
        return []
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        findings.error(
            where,
            T(
                "the file is {size:.1f} MB, over the {limit} MB limit: split it into smaller "
                "files or remove pictures from it",
                size=size / 2**20,
                limit=MAX_FILE_BYTES // 2**20,
            ),
        )
        return []
    if size == 0:
        findings.error(where, T("the file is empty: expected an .xlsx workbook or a CSV file"))
        return []
    with path.open("rb") as fh:
        head = fh.read(8)
    suffix = path.suffix.casefold()
    if head == OLE2_MAGIC and ENCRYPTED_PACKAGE in path.read_bytes():
        findings.error(
            where,
            T(
                "the workbook is protected with a password, so it cannot be read: open it in "
                "Excel, remove the password (File › Info › Protect Workbook) and save it again"
            ),
        )
        return []
    if suffix == ".xls" or head == OLE2_MAGIC:
        findings.error(
            where,
            T(
                "this is an old Excel file (.xls), which is not read: open it in Excel and "
                "save it as .xlsx (Excel Workbook)"
            ),
        )
        return []
    if suffix in (".ods", ".numbers"):
        findings.error(
            where,
            T("{suffix} files are not read: save it as .xlsx (Excel Workbook)", suffix=suffix),
        )
        return []
    try:
        if suffix in CSV_SUFFIXES:
            return [_read_csv(path, display, limits)]
        if not zipfile.is_zipfile(path):
            findings.error(
                where,
                T(
                    "not an Excel workbook: expected an .xlsx file (or a .csv file); if it "
                    "opens in Excel, save it as .xlsx"
                ),
            )
            return []
        return _read_workbook(path, display, limits)
    except _Refused as refused:
        findings.error(where, refused.message)
        return []


# --------------------------------------------------------------------------- workbooks


@dataclass
class _Scan:
    """What a worksheet part holds, counted before it is parsed."""

    rows: int = 0
    cells: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def _too_many_cells(count: int, limits: Limits) -> _Refused:
    return _Refused(
        T(
            "the file holds over {limit} cells (empty ones included), more than an "
            "availability or history file needs: copy only the rows with data into a new "
            "file and save that",
            limit=limits.cells,
        )
    )


def _scan_part(archive: zipfile.ZipFile, name: str, limits: Limits, used: _Scan) -> _Scan:
    """Count the rows, cells and merged ranges of one worksheet part, stopping as soon as the
    file is over budget (``used`` holds what earlier sheets used)."""
    scan = _Scan()
    carry = b""
    with archive.open(name) as src:
        while True:
            chunk = src.read(_CHUNK)
            data = carry + chunk
            if chunk:
                cut = data.rfind(b"<")
                data, carry = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            else:
                carry = b""
            scan.rows += len(_ROW.findall(data))
            scan.cells += len(_CELL.findall(data))
            for ref in _MERGE_REF.findall(data):
                text = ref.decode("ascii")
                if ":" not in text:
                    continue
                c0, r0, c1, r1 = range_boundaries(text)
                if c0 and r0 and c1 and r1:
                    scan.merges.append((c0 - 1, r0 - 1, c1 - 1, r1 - 1))
            if used.rows + scan.rows > limits.rows:
                raise _Refused(
                    T(
                        "the workbook holds over {limit} rows (empty ones included): copy "
                        "only the rows with data into a new workbook and save that",
                        limit=limits.rows,
                    )
                )
            if used.cells + scan.cells > limits.cells:
                raise _too_many_cells(used.cells + scan.cells, limits)
            if len(used.merges) + len(scan.merges) > limits.merges:
                raise _Refused(
                    T(
                        "the workbook has over {limit} merged ranges: unmerge the cells "
                        "(Home › Merge & Center) and save it again",
                        limit=limits.merges,
                    )
                )
            if not chunk:
                return scan


def _scan_archive(archive: zipfile.ZipFile, limits: Limits) -> dict[str, _Scan]:
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _Refused(
            T(
                "the workbook unpacks to {size:.0f} MB, over the {limit} MB limit",
                size=unpacked / 2**20,
                limit=MAX_UNPACKED_BYTES // 2**20,
            )
        )
    xml = sum(i.file_size for i in infos if i.filename.casefold().endswith((".xml", ".rels")))
    if xml > limits.xml_bytes:
        raise _Refused(
            T(
                "the workbook's data unpacks to {size:.0f} MB, over the {limit} MB limit",
                size=xml / 2**20,
                limit=limits.xml_bytes // 2**20,
            )
        )
    total = _Scan()
    scans: dict[str, _Scan] = {}
    for info in infos:
        name = info.filename
        low = name.casefold()
        if low.endswith((".xml", ".rels")):
            with archive.open(name) as src:
                head = src.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise _Refused(
                    T(
                        "the workbook's part {part} declares XML entities, which Excel never "
                        "writes: refused as unsafe; save the file again from Excel or "
                        "LibreOffice",
                        part=name,
                    )
                )
        if low.startswith("xl/worksheets/") and low.endswith(".xml"):
            scan = _scan_part(archive, name, limits, total)
            scans[name] = scan
            total.rows += scan.rows
            total.cells += scan.cells
            total.merges.extend(scan.merges)
        elif low.endswith("sharedstrings.xml"):
            strings = 0
            with archive.open(name) as src:
                while chunk := src.read(_CHUNK):
                    strings += len(_SHARED.findall(chunk))
                    if strings > limits.cells:
                        raise _too_many_cells(strings, limits)
    area = sum((c1 - c0 + 1) * (r1 - r0 + 1) for c0, r0, c1, r1 in total.merges)
    if area > limits.merged_cells:
        raise _Refused(
            T(
                "the merged ranges of the workbook cover {area} cells, over the {limit} "
                "limit: unmerge the cells (Home › Merge & Center) and save it again",
                area=area,
                limit=limits.merged_cells,
            )
        )
    return scans


class _Parser(WorkSheetParser):
    """openpyxl's streaming worksheet parser, with inline strings read as plain text.

    openpyxl builds a rich-text object for each inline string (what openpyxl itself and many
    export tools write), which costs tens of microseconds a cell; the plain text is all an
    import needs.
    """

    def parse_cell(self, element: Any) -> dict[str, Any]:
        if element.get("t") != "inlineStr":
            return super().parse_cell(element)
        child = element.find(_INLINE)
        parts: list[str] = []
        if child is not None:
            for node in child:
                if node.tag == _TEXT:
                    parts.append(node.text or "")
                elif node.tag == _RUN:
                    parts.extend(t.text or "" for t in node.findall(_TEXT))
        element.set("t", "n")  # no <v>: the parser gives the place and no value
        cell = super().parse_cell(element)
        cell["value"], cell["data_type"] = "".join(parts), "s"
        return cell


def _read_workbook(path: Path, display: str, limits: Limits) -> list[Sheet]:
    try:
        with zipfile.ZipFile(path) as archive:
            scans = _scan_archive(archive, limits)
        with path.open("rb") as fh:
            # The workbook's parts (sheet list, shared strings, styles for dates) through
            # openpyxl; the sheets then through the parser once each (openpyxl's read-only
            # worksheets would first read a sheet whole to find its size when the file does
            # not say it).
            reader = ExcelReader(fh, read_only=True, data_only=True)
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            budget = _Budget(limits)
            sheets = []
            for info, rel in reader.parser.find_sheets():
                if rel.target not in reader.valid_files or "chartsheet" in rel.Type:
                    continue
                rows = _sheet_rows(reader, rel.target, info.name, budget)
                merged = scans.get(rel.target.lstrip("/"), _Scan()).merges
                _fill_merged(rows, merged)
                hidden = (info.state or "visible") != "visible"
                sheets.append(Sheet(display, info.name, rows, merged, hidden=hidden))
            reader.archive.close()
            return sheets
    except _Refused:
        raise
    # The boundary of a third-party parser fed arbitrary bytes: whatever it raises means
    # "this is not a workbook we can read", which the user must hear about, not a traceback.
    except Exception as exc:  # noqa: BLE001
        problem = f"{type(exc).__name__}: {exc}"
        raise _Refused(
            T(
                "not a readable Excel workbook ({problem}): expected an .xlsx file saved by "
                "Excel, LibreOffice or Google Sheets",
                problem=problem,
            )
        ) from None


class _Budget:
    """Rows and cells parsed so far, for the whole file."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.cells = 0

    def row(self, index: int, cells: int, sheet: str) -> None:
        self.cells += cells
        if index > self.limits.rows:
            raise _Refused(
                T(
                    "sheet {sheet} has content in row {row}, below the {limit} rows that "
                    "are read: delete the rows under your data and save the file again",
                    sheet=sheet,
                    row=index,
                    limit=self.limits.rows,
                )
            )
        if self.cells > self.limits.cells:
            raise _too_many_cells(self.cells, self.limits)


def _sheet_rows(reader: Any, member: str, title: str, budget: _Budget) -> list[list[Any]]:
    """The values of one worksheet part, rows and columns as the file has them.

    A row far below the data is not preceded by a million empty rows, and the budget is
    kept as rows come in.
    """
    rows: list[list[Any]] = []
    wb = reader.wb
    with reader.archive.open(member) as src:
        parser = _Parser(
            src,
            reader.shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for index, cells in parser.parse():
            values: dict[int, Any] = {}
            for cell in cells:
                value = cell["value"]
                if has_value(value) or (value is not None and not isinstance(value, str)):
                    values[cell["column"]] = value
            budget.row(index if values else 0, len(cells), title)
            if not values:
                continue
            width = max(values)
            row: list[Any] = [None] * width
            for column, value in values.items():
                if column >= 1:
                    row[column - 1] = value
            while len(rows) < index - 1:
                rows.append([])
            if len(rows) >= index:  # a row repeated in the file: the later cells win
                earlier = rows[index - 1]
                earlier.extend([None] * (width - len(earlier)))
                for column, value in values.items():
                    earlier[column - 1] = value
            else:
                rows.append(row)
    return rows


def _fill_merged(rows: list[list[Any]], ranges: list[tuple[int, int, int, int]]) -> None:
    """Give each cell of a merged range its top-left value (ranges 0-based, inclusive)."""
    for c0, r0, c1, r1 in ranges:
        if r0 >= len(rows):
            continue
        top = rows[r0]
        value = top[c0] if c0 < len(top) else None
        if value is None:
            continue
        for r in range(r0, min(r1 + 1, len(rows))):
            row = rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value


# --------------------------------------------------------------------------- CSV


def _decode(raw: bytes) -> str:
    """The text of a CSV file: UTF-16 with a byte-order mark (or plainly UTF-16 without one),
    UTF-8, else the Windows encoding Excel writes."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    sample = raw[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        for encoding, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
            if zeros >= len(sample) // 2 * 0.9:
                try:
                    return raw.decode(encoding)
                except UnicodeDecodeError:
                    break
        raise _Refused(
            T(
                "not a text CSV file (it contains binary data): expected a CSV saved from "
                "Excel, or an .xlsx file"
            )
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _read_csv(path: Path, display: str, limits: Limits) -> Sheet:
    text = _decode(path.read_bytes())
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in (";", ",", "\t")}
        delimiter = max(counts, key=lambda d: counts[d])
    rows: list[list[Any]] = []
    cells = 0
    try:
        for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            cells += len(r)
            if len(rows) >= limits.rows:
                raise _Refused(
                    T(
                        "the file has over {limit} rows: expected at most {limit}",
                        limit=limits.rows,
                    )
                )
            if cells > limits.cells:
                raise _too_many_cells(cells, limits)
            rows.append(_trim([c if c.strip() else None for c in r]))
    except csv.Error as exc:
        raise _Refused(
            T(
                "cannot read the CSV file ({problem}): expected comma- or semicolon-separated text",
                problem=str(exc),
            )
        ) from None
    while rows and not rows[-1]:
        rows.pop()
    return Sheet(display, None, rows)


def _trim(cells: list[Any]) -> list[Any]:
    while cells and not has_value(cells[-1]):
        cells.pop()
    return cells
