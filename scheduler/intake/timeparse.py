"""Times of day, time ranges and dates as coordinators write them.

Minutes count from local midnight; 1440 is ``24:00``. Every function raises
:class:`TimeFormatError` with a message saying what was expected, and nothing else.

Accepted clock times: ``18``, ``18:30``, ``18.30``, ``1830``, ``klo 18``, ``24:00``; Excel
times (``datetime.time``, a day fraction such as ``0.75``, a whole hour such as ``18``).
Accepted ranges: ``18-22``, ``klo 15–19, 21–24``, ``9.00-12.00``, ``16:30–20``, ``18-00``
(midnight), each optionally marked preferred with ``*``, ``p`` or ``(toive)``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..domain import MINUTES_PER_DAY, fmt_minute
from .vocabulary import PREFERENCE_WORDS, label

EXAMPLE_RANGE = "a time range like 18-22 or 9.00-12.00"
EXCEL_EPOCH_NEXT_DAY = date(1899, 12, 31)  # Excel's 1.0 (24:00) as openpyxl reads it


class TimeFormatError(ValueError):
    """A value that is not a time, range or date; the message says what was expected."""


@dataclass(frozen=True)
class TimeRange:
    start: int
    end: int
    preferred: bool = False

    def __str__(self) -> str:
        return f"{fmt_minute(self.start)}–{fmt_minute(self.end)}"


# --------------------------------------------------------------------------- clock times

_CLOCK = re.compile(
    r"^(?:(?:klo|kl|kello|at)\.?\s*)?([0-9]{1,2})(?:[:.]([0-9]{2}))?(?::[0-9]{2})?$"
)
_CLOCK4 = re.compile(r"^([0-9]{2})([0-9]{2})$")


def _from_hm(hours: int, minutes: int, shown: str) -> int:
    if minutes >= 60:
        raise TimeFormatError(f"{shown!r} has {minutes} minutes: expected 00–59 minutes")
    if hours > 24 or (hours == 24 and minutes):
        raise TimeFormatError(f"{shown!r} is not a time of day: expected 00:00–24:00")
    return hours * 60 + minutes


def clock_from_text(text: str) -> int:
    """Minutes after midnight for a written time such as ``18``, ``18:30`` or ``klo 9.00``."""
    shown = text.strip()
    folded = re.sub(r"\s+", " ", shown.casefold())
    match = _CLOCK.match(folded) or _CLOCK4.match(folded)
    if not match:
        raise TimeFormatError(f"{shown!r} is not a time: expected a time like 18, 18:30 or 9.00")
    return _from_hm(int(match.group(1)), int(match.group(2) or 0), shown)


def clock_from_cell(value: object) -> int:
    """Minutes after midnight for a cell: text, an Excel time, a day fraction or an hour."""
    if isinstance(value, bool):
        raise TimeFormatError(f"{value} is not a time: expected a time like 18:00")
    if isinstance(value, datetime):
        minutes = _minutes_of(value.time())
        if value.date() == EXCEL_EPOCH_NEXT_DAY and minutes == 0:
            return MINUTES_PER_DAY
        return minutes
    if isinstance(value, time):
        return _minutes_of(value)
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        if not 0 <= minutes <= MINUTES_PER_DAY:
            raise TimeFormatError(f"{value} is not a time of day: expected 00:00–24:00")
        return minutes
    if isinstance(value, int | float):
        return _clock_from_number(float(value))
    if isinstance(value, str):
        return clock_from_text(value)
    raise TimeFormatError(f"{value!r} is not a time: expected a time like 18:00")


def _minutes_of(moment: time) -> int:
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    return round(seconds / 60 + moment.microsecond / 60e6)


def _clock_from_number(number: float) -> int:
    if not math.isfinite(number) or number < 0:
        raise TimeFormatError(f"{number:g} is not a time of day: expected 00:00–24:00")
    if number < 1:  # Excel stores times as a fraction of a day: 0.75 is 18:00
        return round(number * MINUTES_PER_DAY)
    if number == int(number):
        return _from_hm(int(number), 0, f"{number:g}")
    raise TimeFormatError(f"{number:g} is ambiguous: write the time as text like 18:30")


# --------------------------------------------------------------------------- ranges

_DASHES = re.compile(r"\s*(?:[-‐‑‒–—−~]+|\bto\b|\btill\b|\buntil\b)\s*")
_PARTS = re.compile(r"\s*(?:[,;/&+\n]|\bja\b|\boch\b|\band\b)\s*")
_PREFIX = re.compile(r"^(?:klo|kl|kello|at)\b\.?\s*")
_MARK = re.compile(r"\s*(?:\*|\(([^)]*)\)|\b(p|pref|toive|toivottu|önskad|gärna|helst)\b)\s*$")
_NOTHING = frozenset(
    label(w) for w in ("", "-", "–", "—", "ei", "no", "nej", "ei käy", "inte", "none", "ei mikään")
)


def make_range(start: int, end: int, shown: str, preferred: bool = False) -> TimeRange:
    """A forward range; an end of 00:00 after a later start means midnight (24:00)."""
    if start == MINUTES_PER_DAY:
        raise TimeFormatError(f"{shown!r} starts at 24:00: expected a start before midnight")
    if end == 0 and start > 0:
        end = MINUTES_PER_DAY
    if end == start:
        raise TimeFormatError(f"{shown!r} is an empty range: the end must come after the start")
    if end < start:
        raise TimeFormatError(
            f"{shown!r} runs backwards ({fmt_minute(start)} to {fmt_minute(end)}): the end must "
            "come after the start; the chat closes at 24:00, so write e.g. 22-24"
        )
    return TimeRange(start, end, preferred)


def ranges_from_text(text: str) -> list[TimeRange]:
    """All ranges in a free-text cell; ``[]`` for an empty or 'no' cell."""
    shown = " ".join(text.split())
    if label(shown) in _NOTHING:
        return []
    body = _PREFIX.sub("", shown.casefold())
    ranges = []
    for part in _PARTS.split(body):
        part = _PREFIX.sub("", part.strip())
        if not part:
            continue
        ranges.append(_range_part(part, shown))
    if not ranges:
        raise TimeFormatError(f"{shown!r} has no time range: expected {EXAMPLE_RANGE}")
    return ranges


def _range_part(part: str, shown: str) -> TimeRange:
    preferred = False
    mark = _MARK.search(part)
    if mark:
        word = mark.group(1) if mark.group(1) is not None else mark.group(2)
        if word is None or PREFERENCE_WORDS.get(label(word)) == "preferred":
            preferred = True
            part = part[: mark.start()].strip()
        elif PREFERENCE_WORDS.get(label(word)) != "available":
            raise TimeFormatError(
                f"{shown!r}: cannot read the remark ({word}): expected "
                f"{EXAMPLE_RANGE}, optionally followed by * or (p) for preferred"
            )
        else:
            part = part[: mark.start()].strip()
    pieces = _DASHES.split(part)
    if len(pieces) != 2 or not pieces[0] or not pieces[1]:
        raise TimeFormatError(f"{shown!r}: cannot read {part!r}: expected {EXAMPLE_RANGE}")
    try:
        start = clock_from_text(pieces[0])
        end = clock_from_text(pieces[1])
    except TimeFormatError as exc:
        raise TimeFormatError(f"{shown!r}: {exc}") from None
    return make_range(start, end, shown, preferred)


def ranges_from_cell(value: object) -> list[TimeRange]:
    """Ranges in a free-text cell of any type (a lone time or number is not a range)."""
    if value is None:
        return []
    if isinstance(value, str):
        return ranges_from_text(value)
    raise TimeFormatError(f"{value!r} is a single value: expected {EXAMPLE_RANGE}")


# --------------------------------------------------------------------------- dates

_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
_DM_DATE = re.compile(r"(?<![0-9.])([0-9]{1,2})\.([0-9]{1,2})\.(?:([0-9]{4}|[0-9]{2})(?![0-9]))?")


def date_in_text(text: str, near: date) -> date | None:
    """A date written in ``text`` (``2026-03-02``, ``2.3.2026``, ``ma 2.3.``) or None.

    A date without a year takes the year that puts it closest to ``near``.
    Raises :class:`TimeFormatError` for an impossible date such as ``31.2.``.
    """
    iso = _ISO_DATE.search(text)
    if iso:
        return _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), text)
    dm = _DM_DATE.search(text)
    if not dm:
        return None
    day, month, year = int(dm.group(1)), int(dm.group(2)), dm.group(3)
    if year:
        full = int(year) + (2000 if len(year) == 2 else 0)
        return _make_date(full, month, day, text)
    candidates = []
    for y in (near.year - 1, near.year, near.year + 1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        raise TimeFormatError(f"{text.strip()!r} is not a date: expected a date like 2.3.2026")
    return min(candidates, key=lambda d: abs((d - near).days))


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise TimeFormatError(
            f"{text.strip()!r} is not a date: expected a date like 2026-03-02 or 2.3.2026"
        ) from None


def date_from_cell(value: object, near: date) -> date | None:
    """A date from a cell (an Excel date or text), None when the cell holds no date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date_in_text(value, near)
    return None
