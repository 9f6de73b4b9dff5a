"""Sheets the other way round: a row a time and a column a person (When2meet-style
extracts: ``Day;Time;Anna;Bo`` with ``1`` / ``0``), or a weekly calendar with the days
across, the times down and the names inside the cells."""

from __future__ import annotations

import re

from ..errors import CellError
from ..i18n import T
from .context import ReadContext
from .layout import DayKey, DayText, Layout, header_day, header_time
from .marks import mark_of
from .persons import PeopleOfSheet, PersonRecord, RawPiece, SheetResult, about, clean_name
from .readers import Sheet, has_value
from .rows import join_runs
from .timeparse import TimeFormatError, clock_from_cell, is_nothing

_NAMES = re.compile(r"\s*(?:[,;/\n]|\bja\b|\boch\b|\band\b|&)\s*")


def read_when2meet(sheet: Sheet, layout: Layout, ctx: ReadContext) -> SheetResult:
    result = SheetResult(sheet.location, layout.shape)
    fields = layout.fields
    day_col = fields.get("date", fields.get("weekday"))
    time_col = fields.get("time", fields.get("start"))
    assert day_col is not None and time_col is not None
    people = {
        c: PersonRecord(name, sheet.where(layout.header_row, c))
        for c, name in layout.people_columns.items()
    }
    result.people = list(people.values())
    moments: list[tuple[int, DayKey, int]] = []  # (row, day, minute)
    current: DayKey | None = None
    for r in range(layout.first_data_row, len(sheet.rows)):
        if not any(has_value(v) for v in sheet.rows[r]):
            continue
        value = sheet.value(r, day_col)
        if has_value(value):
            current = header_day(value, ctx.near)
            if current is None:
                ctx.findings.error(
                    sheet.where(r, day_col),
                    T(
                        "'{text}' is not a day: expected a weekday (Monday, ma) or a date",
                        text=str(value).strip(),
                    ),
                )
                continue
        if current is None:
            ctx.findings.error(
                sheet.where(r, day_col), T("no day for this time: expected a weekday or a date")
            )
            continue
        try:
            minute = clock_from_cell(sheet.value(r, time_col))
        except TimeFormatError as exc:
            ctx.findings.error(sheet.where(r, time_col), exc.text)
            continue
        moments.append((r, current, minute))
    step = _step(moments)
    for c, record in people.items():
        marked: list[RawPiece] = []
        for r, day, minute in moments:
            value = sheet.value(r, c)
            try:
                mark = mark_of(value)
            except CellError as exc:
                ctx.findings.error(sheet.where(r, c), about(exc.text, record.name))
                continue
            if mark is None or minute + step > 24 * 60:
                continue
            marked.append(
                RawPiece(
                    record,
                    record.name,
                    record.where,
                    sheet.where(r, c),
                    minute,
                    minute + step,
                    mark,
                    day=day.day,
                    weekday=day.weekday,
                )
            )
        result.pieces.extend(join_runs(marked))
    return result


def _step(moments: list[tuple[int, DayKey, int]]) -> int:
    """The rows' time step: the smallest gap between two times of one day (15 minutes when
    there is nothing to compare)."""
    by_day: dict[DayKey, list[int]] = {}
    for _, day, minute in moments:
        by_day.setdefault(day, []).append(minute)
    gaps = [
        b - a
        for minutes in by_day.values()
        for a, b in zip(sorted(set(minutes)), sorted(set(minutes))[1:], strict=False)
    ]
    return min(gaps) if gaps else 15


def read_calendar(sheet: Sheet, layout: Layout, ctx: ReadContext) -> SheetResult:
    result = SheetResult(sheet.location, layout.shape)
    time_col = layout.fields["time"]
    book = PeopleOfSheet()
    rows: list[tuple[int, int, int | None]] = []
    for r in range(layout.first_data_row, len(sheet.rows)):
        value = sheet.value(r, time_col)
        if not has_value(value):
            if any(has_value(sheet.value(r, c)) for c in layout.columns):
                ctx.findings.error(
                    sheet.where(r, time_col),
                    T("names without a time: expected a time like 18-22 in this column"),
                )
            continue
        found = header_time(value, ctx.parts)
        if found is None:
            ctx.findings.error(
                sheet.where(r, time_col),
                T(
                    "'{text}' is not a time: expected an hour (18) or a range (18-22)",
                    text=str(value).strip(),
                ),
            )
            continue
        rows.append((r, found[0], found[1]))
    for i, (r, start, end) in enumerate(rows):
        if end is None:
            later = [s for _, s, _ in rows[i + 1 :] if s > start]
            end = later[0] if later else min(start + 60, 24 * 60)
        for c, column in sorted(layout.columns.items()):
            if not isinstance(column, DayText):
                continue
            value = sheet.value(r, c)
            if not has_value(value) or is_nothing(str(value)):
                continue
            for name in _NAMES.split(str(value).strip()):
                name = clean_name(name)
                if not name or is_nothing(name):
                    continue
                record = book.named(name, sheet.where(r, c))
                result.pieces.append(
                    RawPiece(
                        record,
                        record.name,
                        record.where,
                        sheet.where(r, c),
                        start,
                        end,
                        "available",
                        day=column.day.day,
                        weekday=column.day.weekday,
                    )
                )
    result.people = book.people
    return result
