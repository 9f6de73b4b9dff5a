"""Writing worksheet cells safely and making sheets readable and printable.

Text that came from input (names, emails, organisations…) is never run as a formula:
every string is stored as a string cell (``t="inlineStr"``/``"s"``), and one that starts
with ``=``, ``+``, ``-`` or ``@`` also gets Excel's quote prefix, so it stays text when
someone edits the cell. Characters XML cannot hold are dropped instead of failing.

One sans font (``FONT_NAME``, the workbook's own default) in every cell, numbers right-aligned
with an indent so they never run into the next column's text, and a print set-up that keeps
every sheet at :data:`MIN_PRINT_SCALE` or more on A4: a sheet too wide for one page at that
scale prints on as many pages wide as it needs, its first column repeated on each.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.borders import DEFAULT_BORDER
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@")

FONT_NAME = "Calibri"
"""The workbook's one font (openpyxl's default, a sans): every cell names it, so no program
falls back to a serif for a cell whose style gives only "bold"."""
FONT_SIZE = 11
MIN_PRINT_SCALE = 0.78
"""The smallest print scale: 11 pt text prints at 8.6 pt or more."""


@lru_cache(maxsize=64)
def font(**style: Any) -> Font:
    """The workbook's font with ``style`` (bold, colour, size…); the same object for the
    same style, so that cells sharing it share one named style (see :func:`put`)."""
    style.setdefault("size", FONT_SIZE)
    return Font(name=FONT_NAME, **style)


BASE_FONT = font()
BOLD_FONT = font(bold=True)
HEADER_FONT = font(bold=True, color="FFFFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="FF1F4E79")
TITLE_FONT = font(bold=True, size=13)
NUMBER_ALIGNMENT = Alignment(horizontal="right", indent=1)
TEXT_ALIGNMENT = Alignment(horizontal="left", indent=1)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="left", indent=1)
NUMBER_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="right", indent=1)
TOP = Alignment(vertical="top")
CENTRED = Alignment(horizontal="center")
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


_STYLES: WeakKeyDictionary[Workbook, dict[tuple, tuple[str, tuple]]] = WeakKeyDictionary()


def style_name(
    ws: Worksheet,
    *,
    font: Font,
    fill: PatternFill | None = None,
    alignment: Alignment | None = None,
    border: Border | None = None,
    number_format: str | None = None,
) -> str:
    """The name of the workbook's named style with exactly these parts (added on first
    use). Giving a cell a named style sets all of its formatting at once; setting font,
    fill, alignment and number format one by one costs openpyxl a lookup of each in the
    workbook's lists for every cell. The parts are known by identity (the constants of
    this module, :func:`font`'s cached fonts), so a part made anew for each cell would
    still be right, only a style of its own."""
    book = ws.parent
    known = _STYLES.setdefault(book, {})
    key = (id(font), id(fill), id(alignment), id(border), number_format)
    found = known.get(key)
    if found is None:
        name = f"Sekasin {len(known) + 1}"
        book.add_named_style(
            NamedStyle(
                name=name,
                font=font,
                fill=fill,
                border=border or DEFAULT_BORDER,  # a cell's border when none is set
                alignment=alignment,
                number_format=number_format,
            )
        )
        # the parts are kept with the name so that no other object can take their ids
        found = known[key] = (name, (font, fill, alignment, border))
    return found[0]


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
    border: Border | None = None,
):
    """Write ``value`` into a cell; strings always as text, never as a formula. Numbers
    are right-aligned with an indent unless ``alignment`` says otherwise; every cell gets
    the workbook's font. The cell's whole format is set here (one named style)."""
    cell = ws.cell(row=row, column=column)
    if alignment is None and isinstance(value, int | float) and not isinstance(value, bool):
        alignment = NUMBER_ALIGNMENT
    quote = False
    if isinstance(value, str):
        text = clean(value)
        cell.value = text
        cell.data_type = "s"
        quote = text.startswith(FORMULA_TRIGGERS)
    else:
        cell.value = value
        if number_format is None and cell.is_date:
            number_format = cell.number_format  # openpyxl's format for a date or time
    cell.style = style_name(
        ws,
        font=font if font is not None else BASE_FONT,
        fill=fill,
        alignment=alignment,
        border=border,
        number_format=number_format,
    )
    if quote:
        cell.quotePrefix = True
    return cell


def header(
    ws: Worksheet,
    row: int,
    titles: Sequence[str],
    *,
    first_column: int = 1,
    numeric: Iterable[int] = (),
) -> None:
    """A header row: white bold on dark blue, wrapped; ``numeric`` columns (1-based,
    counted from ``first_column``) right-aligned like their numbers."""
    right = set(numeric)
    for offset, title in enumerate(titles):
        put(
            ws,
            row,
            first_column + offset,
            title,
            font=HEADER_FONT,
            fill=HEADER_FILL,
            alignment=NUMBER_HEADER_ALIGNMENT if offset + 1 in right else HEADER_ALIGNMENT,
        )


def table(
    ws: Worksheet,
    titles: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    formats: dict[int, str] | None = None,
    start_row: int = 1,
) -> int:
    """A header and rows from ``start_row``, filterable, header frozen; returns the last row.
    A column of numbers gets a right-aligned header."""
    body = [list(values) for values in rows]
    numeric = {
        column
        for column in range(1, len(titles) + 1)
        if any(
            isinstance(r[column - 1], int | float) and not isinstance(r[column - 1], bool)
            for r in body
            if len(r) >= column
        )
    }
    header(ws, start_row, titles, numeric=numeric)
    last = start_row
    for last, values in enumerate(body, start=start_row + 1):
        for column, value in enumerate(values, start=1):
            put(ws, last, column, value, number_format=(formats or {}).get(column))
    ws.auto_filter.ref = f"A{start_row}:{get_column_letter(len(titles))}{max(last, start_row)}"
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    return last


def _shown_length(value: Any, number_format: str | None = None) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        if number_format and "%" in number_format:
            return len(f"{value:.1%}")
        return len(f"{value:,.2f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    if hasattr(value, "strftime"):
        return 10
    lines = str(value).split("\n")
    return max(len(line) for line in lines)


def _longest_word(value: Any) -> int:
    return max((len(word) for word in str(value).split()), default=0)


def fit_widths(
    ws: Worksheet,
    *,
    least: int = 6,
    most: int = 50,
    fixed: dict[int, float] | None = None,
    header_rows: Iterable[int] = (),
) -> None:
    """Column widths that fit the longest shown value (bounded). A header row (in
    ``header_rows``) wraps: it asks only for its longest word, and gets the height its
    lines need."""
    headers = set(header_rows)
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or not isinstance(cell.column, int):
                continue
            if cell.row in headers:
                need = _longest_word(cell.value) + 3  # bold and the indent
            else:
                need = _shown_length(cell.value, cell.number_format) + 3
            widths[cell.column] = max(widths.get(cell.column, 0), need)
    for column, need in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(most, max(least, need))
    for column, width in (fixed or {}).items():
        ws.column_dimensions[get_column_letter(column)].width = width
    for r in headers:
        lines = 1
        for cell in ws[r]:
            if cell.value is None or not isinstance(cell.column, int):
                continue
            width = ws.column_dimensions[get_column_letter(cell.column)].width or least
            lines = max(lines, wrapped_lines(str(cell.value), width - 3))
        ws.row_dimensions[r].height = line_height(lines)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped at words in a column ``width`` characters wide."""
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            need = len(word) + (1 if used else 0)
            if used and used + need > width:
                lines, used = lines + 1, len(word)
            else:
                used += need
        total += lines
    return total


def line_height(lines: int, size: float = FONT_SIZE) -> float:
    """Row height in points for ``lines`` lines of ``size`` pt text."""
    return round(lines * size * 1.32 + 3, 1)


# A4 in points and the margins ``printable`` sets (inches).
A4 = (595.0, 842.0)
SIDE_MARGIN = 0.4
END_MARGIN = 0.5


def column_points(width: float) -> float:
    """A column ``width`` characters wide in points (Excel: 7 px a character of the default
    font plus 5 px padding, 96 px an inch)."""
    return (math.trunc(width * 7 + 5)) * 0.75


def sheet_points(ws: Worksheet) -> float:
    """The printed width of every used column of ``ws`` at 100 %."""
    total = 0.0
    for column in range(1, (ws.max_column or 1) + 1):
        width = ws.column_dimensions[get_column_letter(column)].width
        total += column_points(width if width else 8.43)
    return total


def page_points(landscape: bool) -> float:
    """The printable width of an A4 page in points."""
    return (A4[1] if landscape else A4[0]) - 2 * SIDE_MARGIN * 72


def pages_wide(ws: Worksheet, landscape: bool) -> int:
    """How many pages wide the sheet must print on to stay at :data:`MIN_PRINT_SCALE`."""
    need = sheet_points(ws) * MIN_PRINT_SCALE
    return max(1, math.ceil(need / page_points(landscape) - 1e-9))


def print_scale(ws: Worksheet) -> float:
    """The scale a program fitting ``ws`` to its pages wide prints it at (at most 1)."""
    landscape = ws.page_setup.orientation == "landscape"
    pages = ws.page_setup.fitToWidth or 1
    return min(1.0, pages * page_points(landscape) / sheet_points(ws))


def printable(
    ws: Worksheet,
    *,
    title_rows: str | None = None,
    landscape: bool = True,
    title_columns: str = "A:A",
) -> None:
    """A4, landscape unless asked, fitted to the pages wide that keep the print scale at
    :data:`MIN_PRINT_SCALE` or more (``title_columns`` repeated when that is more than one),
    ``title_rows`` (e.g. ``"1:1"``) on every page. Call after the column widths are set."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    pages = pages_wide(ws, landscape)
    ws.page_setup.fitToWidth = pages
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN
    ws.page_margins.top = ws.page_margins.bottom = END_MARGIN
    if title_rows:
        ws.print_title_rows = title_rows
    if pages > 1 and title_columns:
        ws.print_title_cols = title_columns
