"""Find the header of a sheet, what each of its columns holds, and so the sheet's shape.

A row a person (what most files are):

``free_text``     a column a weekday or a date, cells of free text (``klo 15–19, 21–24``,
                  ``ilta``, ``ei``) or a survey's chosen options (``18–20;20–22;``).
``ms_forms``      a Microsoft Forms export: the form's ID, times, Email and Name, then a
                  column a question (a weekday or a date in the question).
``google_forms``  a Google Forms / Sheets export: Timestamp, then the questions; a checkbox
                  grid is a column a grid row (``Milloin voit? [Maanantai]``).
``grid``          two header rows: a weekday or date, under it an hour or a time range;
                  cells marked ``x``, ``1``, ``p``.
``options``       the same from a survey tool (Webropol-style): a question over its options,
                  ``1`` where chosen.
``poll``          the same from a poll (Doodle, Framadate): ``OK`` / ``Yes``,
                  ``(OK)`` / ``Under reserve``, empty or ``No``.

A row a piece of time:

``people``        the template's People sheet (details only).
``availability``  the template's Availability sheet: name, date or weekday, start, end.
``signup``        a sign-up list: name and a shift (``ma 2.3. klo 18–22``, or date and time).

Other ways round:

``when2meet``     a row a time (``Day``, ``Time``), a column a person, ``1`` / ``0``.
``calendar``      a weekly calendar: days across, times down, names in the cells.

The header may sit below title rows; the first row that makes sense wins. A column the
reader recognises but does not read (a form's own ID and times) is kept in ``skipped``;
every other column is used or named in a warning by the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from ..i18n import T, Text
from .marks import is_mark
from .readers import Sheet, has_value
from .timeparse import (
    DayParts,
    TimeFormatError,
    clock_from_cell,
    date_from_cell,
    day_part,
    ranges_from_text,
    weekday_name,
    when_from_text,
)
from .vocabulary import (
    AVAILABILITY_SHEETS,
    FIELD_WORDS,
    FORMS_SIGNATURE,
    GOOGLE_TIMESTAMP,
    METADATA_WORDS,
    PERSON_FIELDS,
    POLL_MAYBE,
    QUESTION_FIELDS,
    label,
    mark_word,
    month_of,
    weekday_in_text,
    weekday_of,
)

HEADER_SCAN_ROWS = 30
DATA_SAMPLE_ROWS = 60
PEOPLE_SHEETS = frozenset(label(w) for w in ("people", "henkilöt", "personer", "päivystäjät"))
TIMED = ("start", "end", "time", "shift")


@dataclass(frozen=True)
class DayKey:
    """A column's day: every ``weekday`` (0 = Monday) or one ``day``."""

    weekday: int | None = None
    day: date | None = None

    def sort_key(self) -> tuple[date, int]:
        return (self.day or date.min, -1 if self.weekday is None else self.weekday)

    def text(self) -> Text:
        if self.day is not None:
            return T("{date:year}", date=self.day)
        return weekday_name(self.weekday or 0)


@dataclass(frozen=True)
class DayText:
    """Cells of free text or chosen options for one day."""

    day: DayKey


@dataclass(frozen=True)
class Slot:
    """Cells marked where a person can: one day, one time."""

    day: DayKey
    start: int
    end: int


@dataclass(frozen=True)
class TimeDays:
    """Cells naming the days a person can at one time (a checkbox grid with the times as
    its rows)."""

    start: int
    end: int


@dataclass(frozen=True)
class WhenText:
    """Cells of days with their times (``ma 2.3. klo 18–22; ti 9-12``)."""


Column = DayText | Slot | TimeDays | WhenText


@dataclass
class Layout:
    shape: str
    header_row: int
    fields: dict[str, int]
    columns: dict[int, Column] = field(default_factory=dict)
    fallback: dict[str, int] = field(default_factory=dict)
    skipped: dict[int, str] = field(default_factory=dict)
    ignored: set[int] = field(default_factory=set)
    first_header_row: int | None = None
    people_columns: dict[int, str] = field(default_factory=dict)
    problems: list[tuple[int, int, Text]] = field(default_factory=list)
    poll: bool = False  # yes = preferred, if need be = available
    mapped: bool = False  # made from a column mapping

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    @property
    def header_rows(self) -> range:
        first = self.header_row if self.first_header_row is None else self.first_header_row
        return range(first, self.header_row + 1)

    @property
    def used(self) -> set[int]:
        return (
            set(self.fields.values())
            | set(self.fallback.values())
            | set(self.columns)
            | set(self.skipped)
            | self.ignored
            | set(self.people_columns)
        )


@dataclass(frozen=True)
class NoLayout:
    """Why a sheet could not be read: ``error`` (a broken header) or just no header."""

    message: Text
    row: int | None = None
    error: bool = False


# --------------------------------------------------------------------------- header cells

_BRACKET = re.compile(r"^(.*)\[([^\[\]]+)\]\s*$", re.S)
_DAY_NUMBER = re.compile(r"^\s*([^\W\d_]{2,})\.?,?\s+([0-9]{1,2})\.?\s*$")


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def header_field(value: object) -> str | None:
    """The detail or time field a header names (``Sähköposti``, ``Kielet, joilla voit
    päivystää``, ``start``), else None."""
    if not isinstance(value, str):
        return None
    key = label(value)
    exact = FIELD_WORDS.get(key)
    if exact is not None:
        return exact
    if not key or len(key.split()) > 10 or any(ch.isdigit() for ch in key):
        return None
    if weekday_in_text(key) is not None:
        return None
    for name, pattern in QUESTION_FIELDS:
        if pattern.search(key):
            return name
    return None


def _nearest(day_number: int, weekday: int | None, near: date, month: tuple[int, int] | None):
    if month is not None:
        try:
            return date(month[0], month[1], day_number)
        except ValueError:
            return None
    best = None
    for offset in range(-62, 93):
        d = near + timedelta(days=offset)
        fits = d.day == day_number and (weekday is None or d.weekday() == weekday)
        if fits and (best is None or abs(offset) < abs((best - near).days)):
            best = d
    return best


def header_day(value: object, near: date, month: tuple[int, int] | None = None) -> DayKey | None:
    """The day a header cell names: a weekday word (also inside a question, or in brackets
    as Google Forms writes a grid row), a date (``ma 2.3.``, ``2.3.2026``, an Excel date), or
    a poll's ``Mon 02`` (its month from the row above, else the nearest fitting date)."""
    if isinstance(value, datetime):
        return DayKey(day=value.date())
    if isinstance(value, date):
        return DayKey(day=value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value
    bracket = _BRACKET.match(text)
    if bracket:
        text = bracket.group(2)
    weekday = weekday_of(text)
    if weekday is not None:
        return DayKey(weekday=weekday)
    try:
        day = date_from_cell(text, near)
    except TimeFormatError:
        return None
    if day is not None:
        return DayKey(day=day)
    numbered = _DAY_NUMBER.match(text)
    if numbered and weekday_of(numbered.group(1)) is not None:
        found = _nearest(int(numbered.group(2)), weekday_of(numbered.group(1)), near, month)
        return DayKey(day=found) if found is not None else None
    words = label(text).split()
    short = words and len(words) <= 3 and not any(ch.isdigit() for ch in text)
    if short and weekday_of(words[0]) is not None:
        return DayKey(weekday=weekday_of(words[0]))
    if not bracket and not any(ch.isdigit() for ch in text):
        inside = weekday_in_text(text)
        if inside is not None:
            return DayKey(weekday=inside)
    return None


def day_mismatch(value: object, key: DayKey, near: date) -> Text | None:
    """An error when a header names a weekday its date is not (``ti 2.3.2026``)."""
    if key.day is None or not isinstance(value, str):
        return None
    first = label(value).split()[:1]
    named = weekday_of(first[0]) if first else None
    if named is None or named == key.day.weekday():
        return None
    return T(
        "the header '{header}' says {weekday}, but {date:year} is a {actual}: correct the "
        "weekday or the date",
        header=_text(value),
        weekday=weekday_name(named),
        date=key.day,
        actual=weekday_name(key.day.weekday()),
    )


def header_time(value: object, parts: DayParts | None) -> tuple[int, int | None] | None:
    """(start, end or None) a header cell names as a time: an hour (``9``, ``09:00``, an
    Excel time), a range (``9-10``, ``6:00 PM – 10:00 PM``, ``klo 18-22``) or a part of the
    day (``Ilta``, ``Aamu (9–12)``)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime | date) and not isinstance(value, datetime):
        return None
    if isinstance(value, int | float):
        if not 0 <= value < 24 or (isinstance(value, float) and not value.is_integer()):
            if isinstance(value, float) and 0 < value < 1:
                minute = round(value * 24 * 60)
                return (minute, None) if minute < 24 * 60 else None
            return None
        return int(value) * 60, None
    if isinstance(value, time | datetime):
        try:
            start = clock_from_cell(value)
        except TimeFormatError:
            return None
        return (start, None) if start < 24 * 60 else None
    if not isinstance(value, str):
        return None
    text = _BRACKET.match(value)
    shown = text.group(2) if text else value
    named = day_part(shown, parts)
    if named is not None:
        return named.start, named.end
    try:
        start = clock_from_cell(shown)
        return (start, None) if start < 24 * 60 else None
    except TimeFormatError:
        pass
    try:
        ranges = ranges_from_text(shown, parts)
    except TimeFormatError:
        return None
    if len(ranges) == 1:
        return ranges[0].start, ranges[0].end
    return None


def header_slot(value: object, near: date, parts: DayParts | None) -> Slot | None:
    """A header naming a day and a time at once (``ma 18-22``, ``Mon 2.3. 18:00–20:00``)."""
    if not isinstance(value, str) or not any(ch.isdigit() for ch in value):
        return None
    text = _BRACKET.match(value)
    shown = text.group(2) if text else value
    try:
        found = when_from_text(shown, near, parts)
    except TimeFormatError:
        return None
    if len(found) != 1:
        return None
    when = found[0]
    return Slot(DayKey(weekday=when.weekday, day=when.day), when.range.start, when.range.end)


def month_in(value: object) -> tuple[int, int] | None:
    """(year, month) of a poll's month row: ``March 2026``, ``maaliskuu 2026``, ``mars 2026``."""
    if isinstance(value, datetime | date):
        return value.year, value.month
    if not isinstance(value, str):
        return None
    words = label(value).split()
    if len(words) != 2 or not words[1].isdigit() or len(words[1]) != 4:
        return None
    month = month_of(words[0])
    return (int(words[1]), month) if month is not None else None


# --------------------------------------------------------------------------- detection


def detect(sheet: Sheet, near: date, parts: DayParts | None = None) -> Layout | NoLayout:
    """The layout of ``sheet``, or why there is none."""
    rows = sheet.rows
    broken: NoLayout | None = None
    for r in range(min(len(rows), HEADER_SCAN_ROWS)):
        grid = _two_row_at(sheet, r, near, parts)
        if isinstance(grid, Layout):
            return _checked(sheet, grid)
        broken = broken or grid
        found = _table_at(sheet, r, near, parts)
        if isinstance(found, Layout):
            return _checked(sheet, _prefer_next(sheet, r, near, parts, found))
        broken = broken or found
    if broken is not None:
        return broken
    return NoLayout(
        T(
            "no header row found: expected a row with a name column (Name, Nimi or Namn) and "
            "weekday, date, hour or start/end columns"
        )
    )


def _prefer_next(sheet: Sheet, r: int, near: date, parts: DayParts | None, found: Layout) -> Layout:
    """A people-like row above the real header (a name cell merged over two header rows
    next to a merged heading such as "Vuorotoiveet") gives way to the row below."""
    if found.shape != "people" or r + 1 >= len(sheet.rows):
        return found
    for candidate in (_two_row_at(sheet, r + 1, near, parts), _table_at(sheet, r + 1, near, parts)):
        if isinstance(candidate, Layout) and candidate.shape != "people":
            return candidate
    return found


def _checked(sheet: Sheet, layout: Layout) -> Layout | NoLayout:
    """A header the reader cannot make out (a cell merged across data columns) is an error."""
    return _merged_header(sheet, layout.header_row) or layout


def _merged_header(sheet: Sheet, row: int) -> NoLayout | None:
    for c0, c1 in sheet.merged_across(row):
        below = range(row + 1, min(len(sheet.rows), row + 501))
        filled = [c for c in range(c0, c1 + 1) if any(has_value(sheet.value(r, c)) for r in below)]
        if len(filled) < 2:
            continue
        header = sheet.value(row, c0)
        return NoLayout(
            T(
                "the header '{header}' is merged across columns {first}–{last}, so the "
                "columns under it cannot be told apart: unmerge it and give each column a "
                "header of its own (a weekday, a date or a time)",
                header=_text(header),
                first=_letter(c0),
                last=_letter(c1),
            ),
            row,
            error=True,
        )
    return None


def _letter(c: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(c + 1)


def _all_fields(cells: list[Any], skip: set[int]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for c, value in enumerate(cells):
        if c in skip:
            continue
        name = header_field(value)
        if name:
            found.setdefault(name, []).append(c)
    return found


def _signature(cells: list[Any]) -> str | None:
    labels = {label(v) for v in cells if isinstance(v, str)}
    if all(labels & words for words in FORMS_SIGNATURE):
        return "ms_forms"
    first = next((label(v) for v in cells if has_value(v)), "")
    if first in GOOGLE_TIMESTAMP:
        return "google_forms"
    return None


def _sample(sheet: Sheet, first: int, columns) -> list[Any]:
    out = []
    for r in range(first, min(len(sheet.rows), first + DATA_SAMPLE_ROWS)):
        for c in columns:
            value = sheet.value(r, c)
            if has_value(value):
                out.append(value)
    return out


def _binary(values: list[Any]) -> bool:
    """Whether cells are all 1/0 marks (a When2meet-style table)."""
    return bool(values) and all(
        mark_word(v if not isinstance(v, float) or not v.is_integer() else int(v)) in {"1", "0"}
        for v in values
    )


def _table_at(sheet: Sheet, r: int, near: date, parts: DayParts | None) -> Layout | NoLayout | None:
    cells = sheet.rows[r]
    signature = _signature(cells)
    skipped: dict[int, str] = {}
    if signature is not None:
        for c, v in enumerate(cells):
            key = label(v) if isinstance(v, str) else ""
            if key in METADATA_WORDS:
                skipped[c] = _text(v)
    all_fields = _all_fields(cells, set(skipped))
    fields: dict[str, int] = {}
    fallback: dict[str, int] = {}
    for name, cols in all_fields.items():
        if signature == "ms_forms" and name in ("name", "email") and len(cols) > 1:
            fields[name], fallback[name] = cols[-1], cols[0]
        else:
            fields[name] = cols[0]
    columns: dict[int, Column] = {}
    problems: list[tuple[int, int, Text]] = []
    used = set(fields.values()) | set(fallback.values()) | set(skipped)
    for c, v in enumerate(cells):
        if c in used or not has_value(v):
            continue
        slot = header_slot(v, near, parts)
        if slot is not None:
            columns[c] = slot
            continue
        day = header_day(v, near)
        if day is not None:
            columns[c] = DayText(day)
            mismatch = day_mismatch(v, day, near)
            if mismatch is not None:
                problems.append((r, c, mismatch))
            continue
        bracket = _BRACKET.match(v) if isinstance(v, str) else None
        if bracket:
            span = header_time(bracket.group(2), parts)
            if span is not None and span[1] is not None:
                columns[c] = TimeDays(span[0], span[1])
    if "name" in fields and "shift" not in fields:
        for c, v in enumerate(cells):
            free = c not in used and c not in columns and has_value(v)
            if free and _holds_when(_sample(sheet, r + 1, [c]), near, parts):
                columns[c] = WhenText()
        whens = [c for c, col in columns.items() if isinstance(col, WhenText)]
        if len(whens) == len(columns) == 1 and signature is None:
            fields["shift"] = whens[0]  # a sign-up list: a row a shift
            del columns[whens[0]]
    days = [c for c, col in columns.items() if isinstance(col, DayText)]
    timed = ("start" in fields and "end" in fields) or "time" in fields
    dated = "date" in fields or "weekday" in fields
    sheet_name = label(sheet.name)
    if "name" not in fields:
        if timed and dated:
            people = {
                c: _text(v)
                for c, v in enumerate(cells)
                if c not in set(fields.values()) and has_value(v)
            }
            if people and _binary(_sample(sheet, r + 1, people)):
                return Layout("when2meet", r, fields, people_columns=people, first_header_row=r)
            return NoLayout(
                T(
                    "the Availability header has no name column: expected a column headed "
                    "name (Nimi, Namn)"
                ),
                r,
                error=True,
            )
        if len(days) >= 2:
            calendar = _calendar(sheet, r, fields, columns, parts)
            if calendar is not None:
                return calendar
            return NoLayout(
                T(
                    "the header row has day columns but no name column: expected a column "
                    "headed Nimi, Namn or Name"
                ),
                r,
                error=True,
            )
        if sheet_name in PEOPLE_SHEETS and any(f in fields for f in PERSON_FIELDS):
            return NoLayout(
                T(
                    "the People sheet has no name column: expected a column headed name "
                    "(Nimi, Namn)"
                ),
                r,
                error=True,
            )
        return None
    layout = Layout(
        "people", r, fields, columns, fallback, skipped, first_header_row=r, problems=problems
    )
    if "shift" in fields or (timed and dated):
        layout.shape = "signup" if "shift" in fields else "availability"
        return layout
    if dated and not timed and sheet_name in AVAILABILITY_SHEETS:
        return NoLayout(
            T(
                "the Availability sheet has no time columns: expected start and end columns "
                "(alku, loppu; början, slut) or a time column (aika, tid)"
            ),
            r,
            error=True,
        )
    if columns or signature is not None:
        layout.shape = signature or (
            "grid" if all(isinstance(col, Slot) for col in columns.values()) else "free_text"
        )
        layout.poll = _is_poll(sheet, layout)
        return layout
    if any(f in fields for f in PERSON_FIELDS) or sheet_name in PEOPLE_SHEETS:
        return layout
    return _merged_header(sheet, r)


def _holds_when(values: list[Any], near: date, parts: DayParts | None) -> bool:
    """Whether most cells of a column name days with times (``ma 2.3. klo 18–22``), as a
    survey's "when can you?" question or a sign-up list's shift column does."""
    texts = [v for v in values if isinstance(v, str)]
    if not texts:
        return False
    read = 0
    for text in texts:
        try:
            if when_from_text(text, near, parts):
                read += 1
        except TimeFormatError:
            continue
    return read >= max(1, 0.6 * len(values))


def _calendar(
    sheet: Sheet,
    r: int,
    fields: dict[str, int],
    columns: dict[int, Column],
    parts: DayParts | None,
) -> Layout | None:
    """Days across, times down, names in the cells: the time column is ``time`` or the
    first column, and at least two rows below have a time there."""
    time_col = fields.get("time", 0)
    if time_col in columns:
        return None
    times = 0
    for row in range(r + 1, min(len(sheet.rows), r + 1 + DATA_SAMPLE_ROWS)):
        value = sheet.value(row, time_col)
        if has_value(value):
            if header_time(value, parts) is None:
                return None
            times += 1
    if times < 2:
        return None
    days = {c: col for c, col in columns.items() if isinstance(col, DayText)}
    return Layout("calendar", r, {"time": time_col}, dict(days), first_header_row=r)


def _is_poll(sheet: Sheet, layout: Layout) -> bool:
    """Whether the marks include a poll's "if need be" (then yes means preferred)."""
    slots = [c for c, col in layout.columns.items() if isinstance(col, Slot)]
    if not slots:
        return False
    return any(mark_word(v) in POLL_MAYBE for v in _sample(sheet, layout.first_data_row, slots))


def _two_row_at(
    sheet: Sheet, r: int, near: date, parts: DayParts | None
) -> Layout | NoLayout | None:
    """A header of a day row ``r`` over a time row ``r + 1`` (an hour grid, a survey's
    question over its options, a poll's dates over its times; a poll's month row above)."""
    if r + 1 >= len(sheet.rows):
        return None
    lower = sheet.rows[r + 1]
    times = {c: t for c, v in enumerate(lower) if (t := header_time(v, parts)) is not None}
    if len(times) < 2:
        return None
    upper = sheet.rows[r]
    months = sheet.rows[r - 1] if r >= 1 else []
    groups: dict[DayKey, list[int]] = {}
    current: DayKey | None = None
    month: tuple[int, int] | None = None
    used_month = False
    problems: list[tuple[int, int, Text]] = []
    for c in range(max(times) + 1):
        found_month = month_in(months[c]) if c < len(months) else None
        if found_month is not None:
            month = found_month
        value = upper[c] if c < len(upper) else None
        day = header_day(value, near, month)
        if day is not None:
            current = day
            used_month = used_month or (month is not None and day.day is not None)
            mismatch = day_mismatch(value, day, near)
            if mismatch is not None:
                problems.append((r, c, mismatch))
        elif has_value(value):
            current = None  # another heading ends the day's span
        if c in times and current is not None:
            groups.setdefault(current, []).append(c)
    if not groups:
        return None
    columns: dict[int, Column] = {}
    for day, cols in groups.items():
        open_ended = [c for c in cols if times[c][1] is None]
        starts = [times[c][0] for c in open_ended]
        if any(b <= a for a, b in zip(starts, starts[1:], strict=False)):
            return None
        step = min((b - a for a, b in zip(starts, starts[1:], strict=False)), default=60)
        for c in cols:
            start, end = times[c]
            if end is None:
                later = [times[o][0] for o in open_ended if times[o][0] > start]
                end = min(later) if later else min(start + step, 24 * 60)
            if end <= start:
                return None
            columns[c] = Slot(day, start, end)
    layout_cols = set(columns)
    marks = _sample(sheet, r + 2, layout_cols)
    mark_share = sum(1 for v in marks if is_mark(v)) / len(marks) if marks else 0.0
    if max(len(cols) for cols in groups.values()) < 2 and mark_share < 0.5:
        return None
    first_header = r - 1 if used_month else r
    skipped = {
        c: _text(v)
        for row in (upper, lower)
        for c, v in enumerate(row)
        if c not in layout_cols and isinstance(v, str) and label(v) in METADATA_WORDS
    }
    fields = {
        name: cols[0] for name, cols in _all_fields(lower, layout_cols | set(skipped)).items()
    }
    for name, cols in _all_fields(upper, layout_cols | set(skipped)).items():
        fields.setdefault(name, cols[0])
    if "name" not in fields:
        participant = _participants(sheet, first_header, r + 1, min(layout_cols))
        if participant is not None:
            fields["name"] = participant
    if "name" not in fields:
        return NoLayout(
            T("the hour grid has no name column: expected a column headed Nimi, Namn or Name"),
            r + 1,
            error=True,
        )
    shape = "grid"
    questions = [upper[c] for c in layout_cols if c < len(upper) and isinstance(upper[c], str)]
    if used_month:
        shape = "poll"
    elif any(len(label(q).split()) >= 3 for q in questions):
        shape = "options"
    layout = Layout(
        shape,
        r + 1,
        fields,
        columns,
        skipped=skipped,
        first_header_row=first_header,
        problems=problems,
    )
    layout.poll = _is_poll(sheet, layout)
    if layout.poll:
        layout.shape = "poll"
    return layout


def _participants(sheet: Sheet, first: int, last: int, before: int) -> int | None:
    """A poll's participant column: left of the answers, empty in every header row, names
    (text, not numbers) below."""
    for c in range(before):
        if any(has_value(sheet.value(r, c)) for r in range(first, last + 1)):
            continue
        below = _sample(sheet, last + 1, [c])
        if below and sum(isinstance(v, str) for v in below) >= max(1, len(below) * 0.8):
            return c
    return None
