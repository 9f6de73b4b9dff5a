"""A row a piece of time: the template's ``People`` and ``Availability`` sheets, and sign-up
lists (a row a shift: a name and ``ma 2.3. klo 18–22``, or a date and a time)."""

from __future__ import annotations

import re
from datetime import date

from ..errors import CellError, Findings, Location
from ..i18n import T, Text
from .context import ReadContext
from .layout import Layout
from .persons import (
    PeopleOfSheet,
    PersonRecord,
    PieceSource,
    RawPiece,
    SheetResult,
    about,
    clean_name,
    parse_preference,
    person_from_row,
)
from .readers import Sheet, has_value
from .timeparse import (
    TimeFormatError,
    TimeRange,
    clock_from_cell,
    date_from_cell,
    make_range,
    ranges_from_cell,
    weekday_name,
    when_from_text,
)
from .vocabulary import weekday_of


def weekday_expected() -> Text:
    return T("a weekday such as ma, ti, mon, tue, måndag, 1–7 (or a span like ma-pe)")


def read_people(sheet: Sheet, layout: Layout, ctx: ReadContext) -> SheetResult:
    result = SheetResult(sheet.location, "people")
    for r in range(layout.first_data_row, len(sheet.rows)):
        record = person_from_row(sheet, r, layout.fields, ctx.findings, layout.fallback)
        if record is not None:
            result.people.append(record)
    return result


def _weekday_word(part: str) -> int | None:
    """A weekday word, or an ISO weekday number 1–7 written as text."""
    text = part.strip()
    if text.isdigit() and 1 <= int(text) <= 7:
        return int(text) - 1
    return weekday_of(text)


def weekdays_from_cell(value: object) -> list[int]:
    """Weekdays named by a cell: ``ma``, ``mon``, ISO numbers 1–7 (also as text), spans
    ``ma-pe``, lists ``ti, to``."""
    shown = str(value).strip()
    if isinstance(value, bool):
        raise CellError(
            T(
                "'{text}' is not a weekday: expected {expected}",
                text=shown,
                expected=weekday_expected(),
            )
        )
    if isinstance(value, int | float):
        if float(value).is_integer() and 1 <= value <= 7:
            return [int(value) - 1]
        raise CellError(
            T(
                "'{text}' is not a weekday: expected {expected}",
                text=shown,
                expected=weekday_expected(),
            )
        )
    text = shown.casefold().replace("–", "-").replace("—", "-")
    days: list[int] = []
    for part in re.split(r"\s*[,;/&]\s*|\s+ja\s+|\s+och\s+|\s+and\s+", text):
        if not part:
            continue
        ends = [p.strip() for p in part.split("-")]
        numbers = [_weekday_word(p) for p in ends]
        if len(ends) > 2 or any(n is None for n in numbers):
            raise CellError(
                T(
                    "'{text}' is not a weekday: expected {expected}",
                    text=shown,
                    expected=weekday_expected(),
                )
            )
        first, last = numbers[0], numbers[-1]
        assert first is not None and last is not None
        if last < first:
            raise CellError(T("'{text}' runs backwards: expected a span like ma-pe", text=shown))
        days.extend(d for d in range(first, last + 1) if d not in days)
    if not days:
        raise CellError(T("no weekday given: expected {expected}", expected=weekday_expected()))
    return days


def read_pieces(
    sheet: Sheet, layout: Layout, ctx: ReadContext, *, creates_people: bool
) -> SheetResult:
    """Rows of time. In the template's Availability sheet (or beside a People sheet) a name
    refers to a person listed there; in a sign-up list the names are the people."""
    result = SheetResult(sheet.location, layout.shape)
    book = PeopleOfSheet()
    for r in range(layout.first_data_row, len(sheet.rows)):
        if not any(has_value(v) for v in sheet.rows[r]):
            continue
        owner = None
        if creates_people:
            found = person_from_row(sheet, r, layout.fields, ctx.findings, layout.fallback)
            if found is None:
                continue
            owner = book.named(found.name, found.where)
            book.add_details(owner, found, ctx.findings)
        result.pieces.extend(_row_pieces(sheet, layout, r, ctx, owner))
    result.people = book.people
    return result


def _row_pieces(
    sheet: Sheet, layout: Layout, r: int, ctx: ReadContext, owner: PersonRecord | None
) -> list[RawPiece]:
    fields = layout.fields
    findings = ctx.findings
    name_col = fields["name"]
    name = owner.name if owner is not None else clean_name(sheet.value(r, name_col))
    ok = True
    if not name:
        findings.error(
            sheet.where(r, name_col),
            T("this row has time but no name: expected the name of a person listed in People"),
        )
        ok = False
    preference = "available"
    if "preference" in fields:
        try:
            preference = parse_preference(sheet.value(r, fields["preference"]))
        except CellError as exc:
            findings.error(sheet.where(r, fields["preference"]), about(exc.text, name))
            ok = False
    if "shift" in fields and not ("date" in fields or "weekday" in fields):
        times = _shift_cell(sheet, fields["shift"], r, ctx, name)
        if not ok or times is None:
            return []
        where = sheet.where(r, fields["shift"])
        return [
            _raw(
                owner, name, sheet.where(r, name_col), where, span, preference, day, weekday, where
            )
            for day, weekday, span in times
        ]
    when = _when(sheet, fields, r, ctx.near, findings, name)
    spans = _spans(sheet, fields, r, findings, name, ctx)
    if not ok or when is None or spans is None:
        return []
    day, weekdays, day_where = when
    time_col = fields.get("start", fields.get("time", fields.get("shift")))
    where = sheet.where(r, time_col) if time_col is not None else sheet.where(r)
    pieces = []
    every: list[int | None] = list(weekdays) if weekdays else [None]
    for span in spans:
        pref = "preferred" if span.preferred and preference == "available" else preference
        for weekday in every:
            pieces.append(
                _raw(
                    owner,
                    name,
                    sheet.where(r, name_col),
                    where,
                    span,
                    pref,
                    day,
                    weekday,
                    day_where,
                )
            )
    return pieces


def _raw(owner, name, name_where, where, span: TimeRange, preference, day, weekday, day_where):
    return RawPiece(
        owner,
        name,
        name_where,
        where,
        span.start,
        span.end,
        preference,
        day=day,
        weekday=weekday,
        source=PieceSource(where, day_where),
    )


def _shift_cell(
    sheet: Sheet, c: int, r: int, ctx: ReadContext, name: str
) -> list[tuple[date | None, int | None, TimeRange]] | None:
    value = sheet.value(r, c)
    where = sheet.where(r, c)
    if not has_value(value):
        ctx.findings.error(
            where,
            about(T("no shift given: expected a day and a time, like ma 2.3. klo 18-22"), name),
        )
        return None
    try:
        found = when_from_text(str(value), ctx.near, ctx.parts)
    except TimeFormatError as exc:
        ctx.findings.error(where, about(exc.text, name))
        return None
    if not found:
        return []
    return [(w.day, w.weekday, w.range) for w in found]


def _when(
    sheet: Sheet, fields: dict[str, int], r: int, near: date, findings: Findings, name: str
) -> tuple[date | None, list[int], Location] | None:
    """(date, [], where) or (None, weekdays, where) for a row, None after reporting."""
    day: date | None = None
    weekdays: list[int] | None = None
    date_col, weekday_col = fields.get("date"), fields.get("weekday")
    day_where: Location | None = None
    for col in (date_col, weekday_col):
        value = sheet.value(r, col) if col is not None else None
        if col is None or not has_value(value):
            continue
        try:
            found = date_from_cell(value, near)
            if found is not None:
                if day is None:
                    day, day_where = found, sheet.where(r, col)
            elif col == weekday_col:
                weekdays = weekdays_from_cell(value)
            else:
                raise CellError(
                    T(
                        "'{text}' is not a date: expected a date like 2026-03-02",
                        text=str(value).strip(),
                    )
                )
        except CellError as exc:
            findings.error(sheet.where(r, col), about(exc.text, name))
            return None
    if day is not None and weekdays is not None and weekday_col is not None:
        if weekdays != [day.weekday()]:
            findings.error(
                sheet.where(r, weekday_col),
                about(
                    T(
                        "{date:year} is not a {weekday}: give either a date or a weekday, or "
                        "make them agree",
                        date=day,
                        weekday=weekday_name(weekdays[0]),
                    ),
                    name,
                ),
            )
            return None
        weekdays = None
    if day is None and weekdays is None:
        col = date_col if date_col is not None else weekday_col
        findings.error(
            sheet.where(r, col) if col is not None else sheet.where(r),
            about(
                T(
                    "no date or weekday: expected a date (2026-03-02) or a weekday (ma, mon) "
                    "for this time"
                ),
                name,
            ),
        )
        return None
    if day_where is None:
        day_where = sheet.where(r, weekday_col) if weekday_col is not None else sheet.where(r)
    return day, weekdays or [], day_where


def _spans(
    sheet: Sheet, fields: dict[str, int], r: int, findings: Findings, name: str, ctx: ReadContext
) -> list[TimeRange] | None:
    if "start" in fields and "end" in fields:
        start_col, end_col = fields["start"], fields["end"]
        values = [sheet.value(r, start_col), sheet.value(r, end_col)]
        if all(has_value(v) for v in values):
            try:
                start = clock_from_cell(values[0])
            except TimeFormatError as exc:
                findings.error(sheet.where(r, start_col), about(exc.text, name))
                return None
            try:
                end = clock_from_cell(values[1])
                shown = f"{_show(values[0])}-{_show(values[1])}"
                return [make_range(start, end, shown)]
            except TimeFormatError as exc:
                findings.error(sheet.where(r, end_col), about(exc.text, name))
                return None
        if "time" not in fields:
            missing_start = not has_value(values[0])
            findings.error(
                sheet.where(r, start_col if missing_start else end_col),
                about(
                    T("no start time: expected a time like 18:00")
                    if missing_start
                    else T("no end time: expected a time like 22:00"),
                    name,
                ),
            )
            return None
    col = fields["time"]
    try:
        spans = ranges_from_cell(sheet.value(r, col), ctx.parts)
    except TimeFormatError as exc:
        findings.error(sheet.where(r, col), about(exc.text, name))
        return None
    if not spans:
        findings.error(
            sheet.where(r, col),
            about(T("no time given: expected a time range like 18-22"), name),
        )
        return None
    return spans


def _show(value: object) -> str:
    return str(value).strip()
