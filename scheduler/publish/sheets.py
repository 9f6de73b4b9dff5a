"""Writing worksheet cells safely and making sheets readable and printable.

Text that came from input (names, emails, organisations…) is never run as a formula:
every string is stored as a string cell (``t="inlineStr"``/``"s"``), and one that starts
with ``=``, ``+``, ``-`` or ``@`` also gets Excel's quote prefix, so it stays text when
someone edits the cell. Characters XML cannot hold are dropped instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.rich_text import CellRichText
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@")

HEADER_FONT = Font(bold=True, color="FFFFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="FF1F4E79")
TITLE_FONT = Font(bold=True, size=13)
SHORT_FILL = PatternFill("solid", fgColor="FFF8CBAD")
CLOSED_FILL = PatternFill("solid", fgColor="FFEDEDED")
THIN = Side(style="thin", color="FFBFBFBF")
THICK_RED = Side(style="medium", color="FFC00000")
SHORT_BORDER = Border(left=THICK_RED, right=THICK_RED, top=THICK_RED, bottom=THICK_RED)
GRID_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")

# Service colours: fi a dark blue, sv a dark orange (readable in print, told apart in colour).
SERVICE_COLOURS = {"fi": "FF1F4E79", "sv": "FFC55A11"}


def clean(text: str) -> str:
    """``text`` without the control characters an xlsx file cannot store."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def put(
    ws: Worksheet,
    row: int,
    column: int,
    value: Any,
    *,
    number_format: str | None = None,
    font: Font | None = None,
    fill: PatternFill | None = None,
    alignment: Alignment | None = None,
):
    """Write ``value`` into a cell; strings always as text, never as a formula."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        text = clean(value)
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    elif isinstance(value, CellRichText):
        cell.value = value
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    return cell


def header(ws: Worksheet, row: int, titles: Sequence[str], *, first_column: int = 1) -> None:
    for offset, title in enumerate(titles):
        put(
            ws,
            row,
            first_column + offset,
            title,
            font=HEADER_FONT,
            fill=HEADER_FILL,
            alignment=Alignment(wrap_text=True, vertical="center"),
        )


def table(
    ws: Worksheet,
    titles: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    formats: dict[int, str] | None = None,
    start_row: int = 1,
) -> int:
    """A header and rows from ``start_row``, filterable, header frozen; returns the last row."""
    header(ws, start_row, titles)
    last = start_row
    for last, values in enumerate(rows, start=start_row + 1):
        for column, value in enumerate(values, start=1):
            put(ws, last, column, value, number_format=(formats or {}).get(column))
    ws.auto_filter.ref = f"A{start_row}:{get_column_letter(len(titles))}{max(last, start_row)}"
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    return last


def _shown_length(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    lines = str(value).split("\n")
    return max(len(line) for line in lines)


def fit_widths(
    ws: Worksheet, *, least: int = 6, most: int = 50, fixed: dict[int, float] | None = None
) -> None:
    """Column widths that fit the longest shown value (bounded)."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                widths[cell.column] = max(widths.get(cell.column, 0), _shown_length(cell.value))
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(most, max(least, width + 2))
    for column, width in (fixed or {}).items():
        ws.column_dimensions[get_column_letter(column)].width = width


def printable(ws: Worksheet, *, title_rows: str | None = None, landscape: bool = True) -> None:
    """Landscape, fit to one page wide, ``title_rows`` (e.g. ``"1:1"``) on every page."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
