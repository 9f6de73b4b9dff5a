"""Reading timestamps as instants: ISO 8601 or Finnish ``d.m.yyyy h:mm``, with or without offsets.

A time without an offset is Helsinki local time. Two local hours a year are special:

- on the last Sunday of March the clocks jump 03:00 → 04:00, so 03:00–03:59 does not
  exist: such a time is an error (it usually means the file was written in a fixed
  offset, which would shift every summer hour);
- on the last Sunday of October the clocks go back 04:00 → 03:00, so 03:00–03:59 happens
  twice: :class:`FoldTracker` reads such rows in file order, summer time (+03:00) first
  and winter time (+02:00) once the time goes back.

Both hours fall when the chats are closed, so they matter only for a file's honesty.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from openpyxl.utils.datetime import from_excel

from ..domain import HELSINKI
from ..i18n import T, Text

EXCEL_SERIALS = (36526, 73051)  # Excel day numbers of 2000-01-01 and 2100-01-01


def formats_hint() -> Text:
    return T("a date and time like 2025-03-01 14:05, 2025-03-01T14:05:00+02:00 or 1.3.2025 14.05")


_FINNISH = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(?:klo\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$",
    re.IGNORECASE,
)


_ISO_LOOSE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")


class TimeProblem(ValueError):
    """A value that is not a usable time; ``text`` says what was expected."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


def parse_datetime(value: object) -> datetime:
    """A datetime (aware if the text had an offset, else naive local) from a cell value."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        raise TimeProblem(
            T("{date:year} has no time of day: expected {hint}", date=value, hint=formats_hint())
        )
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and EXCEL_SERIALS[0] <= value < EXCEL_SERIALS[1]
    ):
        return from_excel(value)  # a date-time cell saved without its date format
    if value is None or (isinstance(value, str) and not value.strip()):
        raise TimeProblem(T("empty: expected {hint}", hint=formats_hint()))
    if not isinstance(value, str):
        raise TimeProblem(
            T(
                "'{text}' is not a date and time: expected {hint}",
                text=str(value),
                hint=formats_hint(),
            )
        )
    text = value.strip()
    try:
        if match := _FINNISH.match(text):
            d, m, y, hh, mm, ss = match.groups()
            return datetime(int(y), int(m), int(d), int(hh), int(mm), int(ss or 0))
        if match := _ISO_LOOSE.match(text):  # 2025-03-01 9:05, 2025-3-1 9.05
            y, m, d, hh, mm, ss = match.groups()
            return datetime(int(y), int(m), int(d), int(hh), int(mm), int(ss or 0))
        if len(text) < 16:  # a date alone, or a time alone
            raise ValueError
        return datetime.fromisoformat(text)
    except ValueError:
        raise TimeProblem(
            T("'{text}' is not a date and time: expected {hint}", text=text, hint=formats_hint())
        ) from None


def local_kind(naive: datetime) -> str | None:
    """``"nonexistent"``, ``"ambiguous"`` or None for a naive Helsinki wall-clock time."""
    first = naive.replace(tzinfo=HELSINKI, fold=0)
    second = naive.replace(tzinfo=HELSINKI, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    back = first.astimezone(UTC).astimezone(HELSINKI).replace(tzinfo=None)
    return "ambiguous" if back == naive else "nonexistent"


class FoldTracker:
    """Places offset-less times of the repeated autumn hour in file order.

    ``strict`` (one row a contact): the second pass starts when a time is *earlier* than
    the previous one in that hour. Not strict (one row an interval): also when a start
    repeats, since the same interval cannot be listed twice.
    """

    def __init__(self, *, strict: bool) -> None:
        self.strict = strict
        self.last: dict[date, datetime] = {}
        self.second: set[date] = set()
        self.rows: dict[date, int] = {}

    def fold(self, naive: datetime) -> int:
        day = naive.date()
        last = self.last.get(day)
        if last is not None and (naive < last if self.strict else naive <= last):
            self.second.add(day)
        self.last[day] = naive
        self.rows[day] = self.rows.get(day, 0) + 1
        return 1 if day in self.second else 0

    def counts(self) -> list[tuple[date, int]]:
        """Each autumn day whose repeated hour had rows without an offset, with their count."""
        return sorted(self.rows.items())


def to_utc(moment: datetime, folds: FoldTracker) -> datetime:
    """The UTC instant of ``moment``; naive means Helsinki local time (see the module)."""
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    kind = local_kind(moment)
    if kind == "nonexistent":
        raise TimeProblem(
            T(
                "{time:year} does not exist in Helsinki: the clocks jumped from 03:00 to 04:00 "
                "that day. Give the time with its offset (e.g. +02:00), or check whether the "
                "file was written without summer time",
                time=moment,
            )
        )
    fold = folds.fold(moment) if kind == "ambiguous" else 0
    return moment.replace(tzinfo=HELSINKI, fold=fold).astimezone(UTC)
