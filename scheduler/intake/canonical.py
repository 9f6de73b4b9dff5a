"""The template's two sheets: ``People`` (a row a person) and ``Availability`` (a row a piece)."""

from __future__ import annotations

import re
from datetime import date

from ..errors import Findings
from .layout import Layout
from .persons import RawPiece, SheetResult, clean_name, parse_preference, person_from_row
from .readers import Sheet
from .timeparse import (
    TimeFormatError,
    TimeRange,
    clock_from_cell,
    date_from_cell,
    make_range,
    ranges_from_cell,
)
from .vocabulary import weekday_of

WEEKDAY_EXPECTED = "a weekday such as ma, ti, mon, tue, måndag (or a span like ma-pe)"


def read_people(sheet: Sheet, layout: Layout, findings: Findings) -> SheetResult:
    result = SheetResult(sheet.location, "people")
    for r in range(layout.first_data_row, len(sheet.rows)):
        record = person_from_row(sheet, r, layout.fields, findings)
        if record is not None:
            result.people.append(record)
    return result


def weekdays_from_cell(value: object) -> list[int]:
    """Weekdays named by a cell: ``ma``, ``mon``, ISO numbers 1–7, spans ``ma-pe``, lists."""
    if isinstance(value, bool):
        raise ValueError(f"{value} is not a weekday: expected {WEEKDAY_EXPECTED}")
    if isinstance(value, int | float):
        if float(value).is_integer() and 1 <= value <= 7:
            return [int(value) - 1]
        raise ValueError(f"{value!r} is not a weekday: expected {WEEKDAY_EXPECTED}")
    text = str(value).casefold().replace("–", "-").replace("—", "-")
    days: list[int] = []
    for part in re.split(r"\s*[,;/&]\s*|\s+ja\s+|\s+och\s+|\s+and\s+", text.strip()):
        if not part:
            continue
        ends = [p.strip() for p in part.split("-")]
        numbers = [weekday_of(p) for p in ends]
        if len(ends) > 2 or any(n is None for n in numbers):
            raise ValueError(
                f"{str(value).strip()!r} is not a weekday: expected {WEEKDAY_EXPECTED}"
            )
        first, last = numbers[0], numbers[-1]
        if last < first:
            raise ValueError(f"{str(value).strip()!r} runs backwards: expected a span like ma-pe")
        days.extend(d for d in range(first, last + 1) if d not in days)
    if not days:
        raise ValueError(f"no weekday given: expected {WEEKDAY_EXPECTED}")
    return days


def read_availability(
    sheet: Sheet, layout: Layout, horizon_start: date, findings: Findings
) -> SheetResult:
    result = SheetResult(sheet.location, "availability")
    for r in range(layout.first_data_row, len(sheet.rows)):
        result.pieces.extend(_row_pieces(sheet, layout.fields, r, horizon_start, findings))
    return result


def _row_pieces(
    sheet: Sheet, fields: dict[str, int], r: int, near: date, findings: Findings
) -> list[RawPiece]:
    cells = sheet.rows[r]
    if not any(v is not None and str(v).strip() for v in cells):
        return []
    name_col = fields["name"]
    name = clean_name(sheet.value(r, name_col))
    ok = True
    if not name:
        findings.error(
            sheet.where(r, name_col),
            "this row has time but no name: expected the name of a person listed in People",
        )
        ok = False
    when = _when(sheet, fields, r, near, findings)
    spans = _spans(sheet, fields, r, findings)
    preference = "available"
    if "preference" in fields:
        try:
            preference = parse_preference(sheet.value(r, fields["preference"]))
        except ValueError as exc:
            findings.error(sheet.where(r, fields["preference"]), str(exc))
            ok = False
    if not ok or when is None or spans is None:
        return []
    day, weekdays = when
    where = sheet.where(r, fields.get("start", fields.get("time")))
    pieces = []
    for span in spans:
        pref = "preferred" if span.preferred and preference == "available" else preference
        for weekday in weekdays or [None]:
            pieces.append(
                RawPiece(
                    None,
                    name,
                    sheet.where(r, name_col),
                    where,
                    span.start,
                    span.end,
                    pref,
                    day=day,
                    weekday=weekday,
                )
            )
    return pieces


def _when(
    sheet: Sheet, fields: dict[str, int], r: int, near: date, findings: Findings
) -> tuple[date | None, list[int]] | None:
    """(date, []) or (None, weekdays) for a row, None after reporting a problem."""
    day = weekdays = None
    date_col, weekday_col = fields.get("date"), fields.get("weekday")
    for col in (date_col, weekday_col):
        value = sheet.value(r, col) if col is not None else None
        if value is None or not str(value).strip():
            continue
        try:
            found = date_from_cell(value, near)
            if found is not None:
                day = day or found
            elif col == weekday_col:
                weekdays = weekdays_from_cell(value)
            else:
                raise ValueError(f"{value!r} is not a date: expected a date like 2026-03-02")
        except (ValueError, TimeFormatError) as exc:
            findings.error(sheet.where(r, col), str(exc))
            return None
    if day is not None and weekdays is not None:
        if weekdays != [day.weekday()]:
            findings.error(
                sheet.where(r, weekday_col),
                f"{day.isoformat()} is not a {sheet.value(r, weekday_col)}: give "
                "either a date or a weekday, or make them agree",
            )
            return None
        weekdays = None
    if day is None and weekdays is None:
        col = date_col if date_col is not None else weekday_col
        findings.error(
            sheet.where(r, col),
            "no date or weekday: expected a date (2026-03-02) or a weekday (ma, mon) for this time",
        )
        return None
    return day, weekdays or []


def _spans(
    sheet: Sheet, fields: dict[str, int], r: int, findings: Findings
) -> list[TimeRange] | None:
    if "start" in fields and "end" in fields:
        values = [sheet.value(r, fields[k]) for k in ("start", "end")]
        if all(v is not None and str(v).strip() for v in values):
            try:
                start, end = (clock_from_cell(v) for v in values)
                return [make_range(start, end, f"{_show(values[0])}-{_show(values[1])}")]
            except TimeFormatError as exc:
                findings.error(sheet.where(r, fields["start"]), str(exc))
                return None
        if "time" not in fields:
            missing = "start" if values[0] is None or not str(values[0]).strip() else "end"
            findings.error(
                sheet.where(r, fields[missing]), f"no {missing} time: expected a time like 18:00"
            )
            return None
    col = fields["time"]
    try:
        spans = ranges_from_cell(sheet.value(r, col))
    except TimeFormatError as exc:
        findings.error(sheet.where(r, col), str(exc))
        return None
    if not spans:
        findings.error(sheet.where(r, col), "no time given: expected a time range like 18-22")
        return None
    return spans


def _show(value: object) -> str:
    return str(value).strip()
