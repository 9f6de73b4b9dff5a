"""Find the header of a sheet and tell which shape the sheet has.

Shapes:

``people``        the template's People sheet: a row a person, detail columns.
``availability``  the template's Availability sheet: name, date or weekday, start, end.
``free_text``     a row a person, a column per weekday (or date) holding text like ``18-22``.
``grid``          a row a person, a column an hour under a weekday or date header.

The header may sit below title rows; the first row that makes sense wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .readers import Sheet
from .timeparse import TimeFormatError, clock_from_cell, date_from_cell, make_range
from .vocabulary import FIELD_WORDS, PERSON_FIELDS, label, weekday_of

HEADER_SCAN_ROWS = 30
PEOPLE_SHEETS = frozenset(label(w) for w in ("people", "henkilöt", "personer", "päivystäjät"))


@dataclass(frozen=True)
class DayKey:
    """A column's day: every ``weekday`` (0 = Monday) or one ``day``."""

    weekday: int | None = None
    day: date | None = None

    def __str__(self) -> str:
        return (
            self.day.isoformat()
            if self.day
            else ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[self.weekday or 0]
        )


@dataclass
class Layout:
    shape: str
    header_row: int
    fields: dict[str, int]
    days: dict[int, DayKey] = field(default_factory=dict)
    hours: dict[int, tuple[DayKey, int, int]] = field(default_factory=dict)

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1


@dataclass(frozen=True)
class NoLayout:
    """Why a sheet could not be read: ``error`` (a broken header) or just no header."""

    message: str
    row: int | None = None
    error: bool = False


def header_field(value: object) -> str | None:
    return FIELD_WORDS.get(label(value)) if isinstance(value, str) else None


def header_day(value: object, near: date) -> DayKey | None:
    """The day a header cell names: a date (``2.3.``, an Excel date) or a weekday word."""
    if isinstance(value, str):
        weekday = weekday_of(value)
        if weekday is not None:
            return DayKey(weekday=weekday)
    try:
        day = date_from_cell(value, near)
    except TimeFormatError:
        return None
    if day is not None:
        return DayKey(day=day)
    if isinstance(value, str):  # "ma 2.3." was handled above; "maanantai klo" etc.
        words = label(value).split()
        if words and weekday_of(words[0]) is not None and len(words) <= 3:
            return DayKey(weekday=weekday_of(words[0]))
    return None


def hour_label(value: object) -> tuple[int, int | None] | None:
    """(start, end or None) for an hour-grid column label: ``9``, ``09:00``, ``9-10``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float) and not (0 <= value < 24):
        return None
    try:
        if isinstance(value, str) and any(d in value for d in "-–—"):
            text = value.replace("–", "-").replace("—", "-")
            first, _, second = text.partition("-")
            span = make_range(clock_from_cell(first), clock_from_cell(second), value)
            return span.start, span.end
        start = clock_from_cell(value)
    except TimeFormatError:
        return None
    return (start, None) if start < 24 * 60 else None


def detect(sheet: Sheet, near: date) -> Layout | NoLayout:
    """The layout of ``sheet``, or why there is none."""
    rows = sheet.rows
    broken: NoLayout | None = None
    for r in range(min(len(rows), HEADER_SCAN_ROWS)):
        grid = _grid_at(sheet, r, near)
        if isinstance(grid, Layout):
            return grid
        broken = broken or grid
        found = _table_at(sheet, r, near)
        if isinstance(found, Layout):
            return _prefer_next(sheet, r, near, found)
        broken = broken or found
    if broken is not None:
        return broken
    return NoLayout(
        "no header row found: expected a row with a name column (Name, Nimi or "
        "Namn) and weekday, date, hour or start/end columns"
    )


def _prefer_next(sheet: Sheet, r: int, near: date, found: Layout) -> Layout:
    """A people-like row above the real header (a name cell merged over two header rows
    next to a merged heading such as "Vuorotoiveet") gives way to the row below."""
    if found.shape != "people" or r + 1 >= len(sheet.rows):
        return found
    for candidate in (_grid_at(sheet, r + 1, near), _table_at(sheet, r + 1, near)):
        if isinstance(candidate, Layout) and candidate.shape != "people":
            return candidate
    return found


def _fields(cells: list[object], skip: set[int] = frozenset()) -> dict[str, int]:
    found: dict[str, int] = {}
    for c, value in enumerate(cells):
        name = header_field(value) if c not in skip else None
        if name and name not in found:
            found[name] = c
    return found


def _table_at(sheet: Sheet, r: int, near: date) -> Layout | NoLayout | None:
    cells = sheet.rows[r]
    fields = _fields(cells)
    days = {
        c: d
        for c, v in enumerate(cells)
        if c not in fields.values() and (d := header_day(v, near)) is not None
    }
    timed = ("start" in fields and "end" in fields) or "time" in fields
    dated = "date" in fields or "weekday" in fields
    if "name" not in fields:
        if timed and dated:
            return NoLayout(
                "the Availability header has no name column: expected a column "
                "headed name (Nimi, Namn)",
                r,
                error=True,
            )
        if len(days) >= 2:
            return NoLayout(
                "the header row has day columns but no name column: expected a "
                "column headed Nimi, Namn or Name",
                r,
                error=True,
            )
        return None
    if timed and dated:
        return Layout("availability", r, fields)
    if days:
        return Layout("free_text", r, fields, days=days)
    if any(f in fields for f in PERSON_FIELDS) or label(sheet.name) in PEOPLE_SHEETS:
        return Layout("people", r, fields)
    return None


def _grid_at(sheet: Sheet, r: int, near: date) -> Layout | NoLayout | None:
    """A grid whose day/date labels are on row ``r`` and hour labels on row ``r + 1``."""
    if r + 1 >= len(sheet.rows):
        return None
    hour_cells = {c: h for c, v in enumerate(sheet.rows[r + 1]) if (h := hour_label(v)) is not None}
    if len(hour_cells) < 2:
        return None
    day_row = sheet.rows[r]
    groups: dict[DayKey, list[int]] = {}
    current: DayKey | None = None
    for c in range(max(hour_cells) + 1):
        value = day_row[c] if c < len(day_row) else None
        day = header_day(value, near)
        if day is not None:
            current = day
        elif value is not None and str(value).strip():
            current = None  # another heading ends the day's span
        if c in hour_cells and current is not None:
            groups.setdefault(current, []).append(c)
    if not groups or max(len(cols) for cols in groups.values()) < 2:
        return None
    hours: dict[int, tuple[DayKey, int, int]] = {}
    for day, cols in groups.items():
        starts = [hour_cells[c][0] for c in cols]
        if any(b <= a for a, b in zip(starts, starts[1:], strict=False)):
            return None
        step = min((b - a for a, b in zip(starts, starts[1:], strict=False)), default=60)
        for i, c in enumerate(cols):
            start, end = hour_cells[c]
            if end is None:
                end = starts[i + 1] if i + 1 < len(cols) else min(start + step, 24 * 60)
            hours[c] = (day, start, end)
    skip = set(hours)
    fields = _fields(sheet.rows[r + 1], skip)
    for name, c in _fields(day_row, skip).items():
        fields.setdefault(name, c)
    if "name" not in fields:
        return NoLayout(
            "the hour grid has no name column: expected a column headed Nimi, Namn or Name",
            r + 1,
            error=True,
        )
    return Layout("grid", r + 1, fields, hours=hours)
