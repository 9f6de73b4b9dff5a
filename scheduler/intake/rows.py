"""A row a person: free text under weekday or date columns, survey answers, an hour grid, a
survey's options or a poll's marks (see :mod:`scheduler.intake.layout` for the shapes)."""

from __future__ import annotations

import re
from collections import Counter

from ..errors import CellError
from ..i18n import T
from .context import ReadContext
from .layout import DayKey, DayText, Layout, Slot, TimeDays, WhenText
from .marks import mark_of
from .persons import PersonRecord, RawPiece, SheetResult, about, person_from_row
from .readers import Sheet, has_value
from .timeparse import (
    TimeFormatError,
    TimeRange,
    date_in_text,
    is_nothing,
    ranges_from_cell,
    when_from_text,
)
from .vocabulary import TOTAL_WORDS, label, weekday_of

_DAY_LIST = re.compile(r"\s*(?:[,;/&\n]|\bja\b|\boch\b|\band\b)\s*")


def days_from_cell(value: object, near) -> list[DayKey]:
    """The days a cell names (``Maanantai, Keskiviikko``, ``ma 2.3.; ti 3.3.``)."""
    if value is None:
        return []
    text = " ".join(str(value).split())
    if is_nothing(text):
        return []
    days: list[DayKey] = []
    for part in _DAY_LIST.split(text):
        if not part or is_nothing(part):
            continue
        weekday = weekday_of(part)
        if weekday is not None:
            days.append(DayKey(weekday=weekday))
            continue
        day = date_in_text(part, near)
        if day is None:
            raise CellError(
                T(
                    "'{text}': '{part}' is not a day: expected weekdays or dates such as "
                    "Maanantai, ti 3.3.",
                    text=text,
                    part=part,
                )
            )
        days.append(DayKey(day=day))
    return days


def _is_total(sheet: Sheet, r: int, layout: Layout) -> bool:
    if label(sheet.value(r, layout.fields["name"])) not in TOTAL_WORDS:
        return False
    return all(
        not has_value(v)
        or (isinstance(v, int | float) and not isinstance(v, bool))
        or str(v).strip().isdigit()
        for c in layout.columns
        for v in [sheet.value(r, c)]
    )


def read_rows(sheet: Sheet, layout: Layout, ctx: ReadContext) -> SheetResult:
    result = SheetResult(sheet.location, layout.shape, poll=layout.poll)
    parts: Counter[str] = Counter()
    columns = sorted(layout.columns.items())
    for r in range(layout.first_data_row, len(sheet.rows)):
        if _is_total(sheet, r, layout):
            ctx.findings.warning(
                sheet.where(r, layout.fields["name"]),
                T(
                    "the row '{name}' was taken as the poll's totals and not read",
                    name=str(sheet.value(r, layout.fields["name"])).strip(),
                ),
            )
            continue
        record = person_from_row(sheet, r, layout.fields, ctx.findings, layout.fallback)
        if record is None:
            continue
        result.people.append(record)
        marked: list[RawPiece] = []
        for c, column in columns:
            value = sheet.value(r, c)
            if value is None:
                continue
            where = sheet.where(r, c)
            try:
                if isinstance(column, Slot):
                    mark = mark_of(value, layout.poll)
                    if mark is not None:
                        marked.append(
                            _piece(record, where, column.start, column.end, mark, column.day)
                        )
                elif isinstance(column, DayText):
                    for span in ranges_from_cell(value, ctx.parts):
                        result.pieces.append(_range_piece(record, where, span, column.day, parts))
                elif isinstance(column, TimeDays):
                    for day in days_from_cell(value, ctx.near):
                        result.pieces.append(
                            _piece(record, where, column.start, column.end, "available", day)
                        )
                elif isinstance(column, WhenText):
                    if not has_value(value):
                        continue
                    for when in when_from_text(str(value), ctx.near, ctx.parts):
                        day = DayKey(weekday=when.weekday, day=when.day)
                        result.pieces.append(_range_piece(record, where, when.range, day, parts))
            except (CellError, TimeFormatError) as exc:
                ctx.findings.error(where, about(exc.text, record.name))
        result.pieces.extend(join_runs(marked))
    result.parts = dict(parts)
    return result


def _piece(
    record: PersonRecord, where, start: int, end: int, preference: str, day: DayKey
) -> RawPiece:
    return RawPiece(
        record,
        record.name,
        record.where,
        where,
        start,
        end,
        preference,
        day=day.day,
        weekday=day.weekday,
    )


def _range_piece(
    record: PersonRecord, where, span: TimeRange, day: DayKey, parts: Counter[str]
) -> RawPiece:
    if span.part:
        parts[span.part] += 1
    preference = "preferred" if span.preferred else "available"
    return _piece(record, where, span.start, span.end, preference, day)


def join_runs(pieces: list[RawPiece]) -> list[RawPiece]:
    """Neighbouring marked pieces of one day and kind become one piece (located at the
    first cell of the run)."""
    ordered = sorted(pieces, key=lambda p: (DayKey(p.weekday, p.day).sort_key(), p.start, p.end))
    joined: list[RawPiece] = []
    for piece in ordered:
        last = joined[-1] if joined else None
        if (
            last is not None
            and (last.day, last.weekday, last.preference)
            == (piece.day, piece.weekday, piece.preference)
            and last.end == piece.start
        ):
            last.end = piece.end
            continue
        joined.append(
            RawPiece(
                piece.owner,
                piece.name,
                piece.name_where,
                piece.where,
                piece.start,
                piece.end,
                piece.preference,
                piece.day,
                piece.weekday,
            )
        )
    return joined
