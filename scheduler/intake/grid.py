"""A row a person, a column an hour under a weekday or date header; marks say available.

Marks: ``x``, ``1``, ``✓`` available; ``p``, ``2`` preferred; empty, ``0`` or ``-`` nothing.
Neighbouring marked columns of the same kind become one piece of time.
"""

from __future__ import annotations

from ..errors import Findings
from .layout import DayKey, Layout
from .persons import PersonRecord, RawPiece, SheetResult, person_from_row
from .readers import Sheet
from .vocabulary import GRID_AVAILABLE, GRID_EMPTY, GRID_PREFERRED, mark_word

MARKS_EXPECTED = "x, 1 or ✓ (available), p or 2 (preferred), or an empty cell"


def mark_of(value: object) -> str | None:
    """'available', 'preferred' or None (nothing); ValueError for an unknown mark."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "available" if value else None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    word = mark_word(value)
    if word in GRID_EMPTY:
        return None
    if word in GRID_AVAILABLE:
        return "available"
    if word in GRID_PREFERRED:
        return "preferred"
    raise ValueError(f"unknown mark {str(value).strip()!r}: expected {MARKS_EXPECTED}")


def read_grid(sheet: Sheet, layout: Layout, findings: Findings) -> SheetResult:
    result = SheetResult(sheet.location, "grid")
    columns = sorted(layout.hours.items(), key=lambda item: (str(item[1][0]), item[1][1]))
    for r in range(layout.first_data_row, len(sheet.rows)):
        record = person_from_row(sheet, r, layout.fields, findings)
        if record is None:
            continue
        result.people.append(record)
        result.pieces.extend(_row_pieces(sheet, r, record, columns, findings))
    return result


def _row_pieces(
    sheet: Sheet,
    r: int,
    record: PersonRecord,
    columns: list[tuple[int, tuple[DayKey, int, int]]],
    findings: Findings,
) -> list[RawPiece]:
    pieces: list[RawPiece] = []
    open_run: list = []  # [day, start, end, mark, first column]

    def close() -> None:
        if open_run:
            day, start, end, mark, col = open_run
            pieces.append(
                RawPiece(
                    record,
                    record.name,
                    record.where,
                    sheet.where(r, col),
                    start,
                    end,
                    mark,
                    day=day.day,
                    weekday=day.weekday,
                )
            )
            open_run.clear()

    cells = sheet.rows[r]
    for c, (day, start, end) in columns:
        value = cells[c] if c < len(cells) else None
        try:
            mark = mark_of(value)
        except ValueError as exc:
            findings.error(sheet.where(r, c), str(exc))
            mark = None
        if open_run and (mark != open_run[3] or day != open_run[0] or start != open_run[2]):
            close()
        if mark is None:
            continue
        if open_run:
            open_run[2] = end
        else:
            open_run.extend([day, start, end, mark, c])
    close()
    return pieces
