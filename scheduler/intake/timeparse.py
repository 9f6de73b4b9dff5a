"""Times of day, time ranges, day parts and dates as coordinators and survey tools write them.

Minutes count from local midnight; 1440 is ``24:00``. Every function raises
:class:`TimeFormatError` (a :class:`~scheduler.errors.CellError` whose text says what was
expected), and nothing else.

Accepted clock times: ``18``, ``18:30``, ``18.30``, ``1830``, ``klo 18``, ``24:00``,
``6 PM``, ``6:30 pm``; Excel times (``datetime.time``, a day fraction such as ``0.75``, a
whole hour such as ``18``). Accepted ranges: ``18-22``, ``klo 15–19, 21–24``, ``9.00-12.00``,
``16:30–20``, ``18-00`` (midnight), ``6:00 PM – 10:00 PM``, each optionally marked preferred
with ``*``, ``p`` or ``(toive)``; answers of a multiple-choice question joined by ``;`` or
``,``; a range inside an option's words (``Ilta klo 17–21``); day-part words (``ilta``,
``kväll``, ``evening``, ``koko päivä``: see :data:`DEFAULT_DAY_PARTS`); and words for no
time (``ei``, ``ei käy``, ``går inte``, ``no``, ``-``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from ..domain import MINUTES_PER_DAY
from ..errors import CellError
from ..i18n import T, Text
from .vocabulary import (
    DAY_PART_OF_WORD,
    DAY_PARTS,
    NOTHING_WORDS,
    PREFERENCE_WORDS,
    label,
    month_of,
    weekday_of,
)

EXCEL_EPOCH_NEXT_DAY = date(1899, 12, 31)  # Excel's 1.0 (24:00) as openpyxl reads it

#: The hours each day-part word means unless a plan or mapping says otherwise.
DEFAULT_DAY_PARTS: dict[str, tuple[int, int]] = {k: hours for k, (hours, _) in DAY_PARTS.items()}
DayParts = Mapping[str, tuple[int, int]]


class TimeFormatError(CellError):
    """A value that is not a time, range or date; the text says what was expected."""


def clock(minute: int) -> Text:
    """A time of day for a message: ``18.00`` in Finnish and Swedish, ``18:00`` in English."""
    hours, minutes = divmod(minute, 60)
    return T("{hour}:{minute}", hour=str(hours).zfill(2), minute=str(minutes).zfill(2))


def span(start: int, end: int) -> Text:
    """A time range for a message: ``18.00–22.00``."""
    return T("{start}–{end}", start=clock(start), end=clock(end))


def example_range() -> Text:
    return T("a time range like 18-22 or 9.00-12.00")


@dataclass(frozen=True)
class TimeRange:
    start: int
    end: int
    preferred: bool = False
    part: str | None = None  # the day part a word named (``evening``), for the report

    def __str__(self) -> str:
        return str(span(self.start, self.end))


# --------------------------------------------------------------------------- clock times

_CLOCK = re.compile(
    r"^(?:(?:klo|kl|kello|at)\.?\s*)?([0-9]{1,2})(?:[:.]([0-9]{2}))?(?::[0-9]{2})?"
    r"(?:\s*([ap])\.?\s*m\.?)?$"
)
_CLOCK4 = re.compile(r"^([0-9]{2})([0-9]{2})$")


def _from_hm(hours: int, minutes: int, shown: str) -> int:
    if minutes >= 60:
        raise TimeFormatError(
            T(
                "'{text}' has {minutes} minutes: expected 00–59 minutes",
                text=shown,
                minutes=str(minutes),
            )
        )
    if hours > 24 or (hours == 24 and minutes):
        raise TimeFormatError(T("'{text}' is not a time of day: expected 00:00–24:00", text=shown))
    return hours * 60 + minutes


def clock_from_text(text: str) -> int:
    """Minutes after midnight for a written time such as ``18``, ``18:30``, ``klo 9.00``,
    ``6 PM``."""
    shown = text.strip()
    folded = re.sub(r"\s+", " ", shown.casefold())
    match = _CLOCK.match(folded)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2) or 0)
        meridiem = match.group(3)
        if meridiem:
            if not 1 <= hours <= 12:
                raise TimeFormatError(
                    T("'{text}' is not a time of day: expected 1–12 with AM or PM", text=shown)
                )
            hours = hours % 12 + (12 if meridiem == "p" else 0)
        return _from_hm(hours, minutes, shown)
    match = _CLOCK4.match(folded)
    if match:
        return _from_hm(int(match.group(1)), int(match.group(2)), shown)
    raise TimeFormatError(
        T("'{text}' is not a time: expected a time like 18, 18:30 or 9.00", text=shown)
    )


def clock_from_cell(value: object) -> int:
    """Minutes after midnight for a cell: text, an Excel time, a day fraction or an hour."""
    if isinstance(value, bool):
        raise TimeFormatError(
            T("'{text}' is not a time: expected a time like 18:00", text=str(value))
        )
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
            raise TimeFormatError(
                T("'{text}' is not a time of day: expected 00:00–24:00", text=str(value))
            )
        return minutes
    if isinstance(value, int | float):
        return _clock_from_number(float(value))
    if isinstance(value, str):
        return clock_from_text(value)
    raise TimeFormatError(T("'{text}' is not a time: expected a time like 18:00", text=str(value)))


def _minutes_of(moment: time) -> int:
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    return round(seconds / 60 + moment.microsecond / 60e6)


def _clock_from_number(number: float) -> int:
    shown = f"{number:g}"
    if not math.isfinite(number) or number < 0:
        raise TimeFormatError(T("'{text}' is not a time of day: expected 00:00–24:00", text=shown))
    if number < 1:  # Excel stores times as a fraction of a day: 0.75 is 18:00
        return round(number * MINUTES_PER_DAY)
    if number == int(number):
        return _from_hm(int(number), 0, shown)
    raise TimeFormatError(T("'{text}' is ambiguous: write the time as text like 18:30", text=shown))


# --------------------------------------------------------------------------- ranges

_DASHES = re.compile(r"\s*(?:[-‐‑‒–—−~]+|\bto\b|\btill\b|\buntil\b)\s*")
_PARTS = re.compile(r"\s*(?:[,;/&+\n]|\bja\b|\boch\b|\band\b)\s*")
_PREFIX = re.compile(r"^(?:klo|kl|kello|at)\b\.?\s*")
_MARK = re.compile(r"\s*(?:\*|\(([^)]*)\)|\b(p|pref|toive|toivottu|önskad|gärna|helst)\b)\s*$")
_CLOCK_TEXT = r"[0-9]{1,2}(?:[:.][0-9]{2})?(?:\s*[ap]\.?\s*m\.?)?"
_EMBEDDED = re.compile(rf"(?<![0-9.:])({_CLOCK_TEXT})\s*(?:[-‐‑‒–—−~]+|\bto\b)\s*({_CLOCK_TEXT})")
_LOOSE_CLOCK = re.compile(
    r"^(?:(?:klo|kl|kello|at)\.?\s*)?[0-9]{1,4}(?:[:.][0-9]{1,2}){0,2}(?:\s*[ap]\.?\s*m\.?)?$"
)
#: Words an option may carry around its time range (``Ilta klo 17–21``, ``noin 18-20``).
_FILLER = frozenset(
    label(w)
    for w in ("klo", "kl", "kello", "at", "noin", "n", "ca", "cirka", "about", "around", "from")
)


def make_range(start: int, end: int, shown: str, preferred: bool = False) -> TimeRange:
    """A forward range; an end of 00:00 after a later start means midnight (24:00)."""
    if start == MINUTES_PER_DAY:
        raise TimeFormatError(
            T("'{text}' starts at 24:00: expected a start before midnight", text=shown)
        )
    if end == 0 and start > 0:
        end = MINUTES_PER_DAY
    if end == start:
        raise TimeFormatError(
            T("'{text}' is an empty range: the end must come after the start", text=shown)
        )
    if end < start:
        raise TimeFormatError(
            T(
                "'{text}' runs backwards ({start} to {end}): the end must come after the "
                "start; the chat closes at 24:00, so write e.g. 22-24",
                text=shown,
                start=clock(start),
                end=clock(end),
            )
        )
    return TimeRange(start, end, preferred)


def is_nothing(text: str) -> bool:
    """Whether a cell's text says "no time" (``ei``, ``går inte``, ``-``, empty)."""
    return label(text) in NOTHING_WORDS


def day_part(text: str, parts: DayParts | None = None) -> TimeRange | None:
    """The hours a day-part word means (``ilta`` → 17–21 by default), else None."""
    if any(ch.isdigit() for ch in text):
        return None
    key = DAY_PART_OF_WORD.get(label(text))
    if key is None:
        return None
    start, end = (parts or DEFAULT_DAY_PARTS).get(key, DEFAULT_DAY_PARTS[key])
    return TimeRange(start, end, part=key)


def _parts_key(parts: DayParts | None) -> tuple[tuple[str, tuple[int, int]], ...] | None:
    return tuple(sorted(parts.items())) if parts else None


def ranges_from_text(text: str, parts: DayParts | None = None) -> list[TimeRange]:
    """All ranges in a free-text cell; ``[]`` for an empty or 'no' cell."""
    return list(_ranges_cached(text, _parts_key(parts)))


@lru_cache(maxsize=1 << 14)
def _ranges_cached(text: str, parts: tuple | None) -> tuple[TimeRange, ...]:
    # survey answers and sign-up lists repeat the same few texts thousands of times
    return tuple(_ranges_from_text(text, dict(parts) if parts else None))


def _ranges_from_text(text: str, parts: DayParts | None) -> list[TimeRange]:
    shown = " ".join(text.split())
    if is_nothing(shown):
        return []
    whole = day_part(shown, parts)
    if whole is not None:
        return [whole]
    body = _PREFIX.sub("", shown.casefold())
    ranges = []
    for part in _PARTS.split(body):
        part = _PREFIX.sub("", part.strip())
        if not part or is_nothing(part):
            continue
        ranges.append(_range_part(part, shown, parts))
    return ranges


def _range_part(part: str, shown: str, parts: DayParts | None) -> TimeRange:
    named = day_part(part, parts)
    if named is not None:
        return named
    preferred = False
    mark = _MARK.search(part)
    if mark:
        word = mark.group(1) if mark.group(1) is not None else mark.group(2)
        inner = day_part(word, parts) if mark.group(1) is not None else None
        if inner is None and _EMBEDDED.search(word or "") is None:
            if word is None or PREFERENCE_WORDS.get(label(word)) == "preferred":
                preferred = True
                part = part[: mark.start()].strip()
            elif PREFERENCE_WORDS.get(label(word)) != "available":
                raise TimeFormatError(
                    T(
                        "'{text}': cannot read the remark ({remark}): expected {example}, "
                        "optionally followed by * or (p) for preferred",
                        text=shown,
                        remark=word,
                        example=example_range(),
                    )
                )
            else:
                part = part[: mark.start()].strip()
    pieces = _DASHES.split(part)
    if len(pieces) == 2 and all(_LOOSE_CLOCK.match(p) for p in pieces):
        try:
            start, end = _pair(pieces[0], pieces[1])
        except TimeFormatError as exc:
            raise TimeFormatError(T("'{text}': {problem}", text=shown, problem=exc.text)) from None
        return make_range(start, end, shown, preferred)
    embedded = _embedded(part, shown, parts)
    if embedded is not None:
        return TimeRange(embedded.start, embedded.end, preferred or embedded.preferred)
    raise TimeFormatError(
        T(
            "'{text}': cannot read '{part}': expected {example}, a part of the day "
            "(aamu, päivä, ilta, koko päivä) or ei for no time",
            text=shown,
            part=part,
            example=example_range(),
        )
    )


def _pair(first: str, second: str) -> tuple[int, int]:
    """Start and end of a range; ``6–10 PM`` gives the start the end's PM."""
    meridiem = re.search(r"([ap])\.?\s*m\.?$", second.strip().casefold())
    if meridiem and not re.search(r"[ap]\.?\s*m\.?$", first.strip().casefold()):
        end = clock_from_text(second)
        try:
            start = clock_from_text(f"{first} {meridiem.group(1)}m")
        except TimeFormatError:
            start = clock_from_text(first)
        if start >= end and end != 0:
            start = clock_from_text(first)
        return start, end
    start = clock_from_text(first)
    return start, clock_from_text(second)


def _embedded(part: str, shown: str, parts: DayParts | None) -> TimeRange | None:
    """A range inside other words (``Ilta klo 17–21``, ``Evening (17-21)``), when the other
    words are only a day part or filler; None otherwise."""
    found = list(_EMBEDDED.finditer(part))
    if len(found) != 1:
        return None
    match = found[0]
    rest = label(part[: match.start()] + " " + part[match.end() :])
    if rest and rest not in _FILLER and day_part(rest, parts) is None:
        words = rest.split()
        if not all(w in _FILLER or DAY_PART_OF_WORD.get(w) for w in words):
            return None
    try:
        start, end = _pair(match.group(1), match.group(2))
    except TimeFormatError as exc:
        raise TimeFormatError(T("'{text}': {problem}", text=shown, problem=exc.text)) from None
    return make_range(start, end, shown)


def ranges_from_cell(value: object, parts: DayParts | None = None) -> list[TimeRange]:
    """Ranges in a free-text cell of any type (a lone time or number is not a range)."""
    if value is None:
        return []
    if isinstance(value, str):
        return ranges_from_text(value, parts)
    raise TimeFormatError(
        T(
            "'{text}' is a single value: expected {example}",
            text=str(value),
            example=example_range(),
        )
    )


# --------------------------------------------------------------------------- dates

_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
_DM_DATE = re.compile(r"(?<![0-9.])([0-9]{1,2})\.([0-9]{1,2})\.(?:([0-9]{4}|[0-9]{2})(?![0-9]))?")
_SLASH_DATE = re.compile(r"(?<![0-9/])([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?![0-9/])")
_DAY_MONTH = re.compile(r"(?<![0-9])([0-9]{1,2})\.?\s+([^\W\d_]{3,})\.?(?:\s+([0-9]{4}))?")
_MONTH_DAY = re.compile(
    r"([^\W\d_]{3,})\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?(?:\s+([0-9]{4}))?(?![0-9])"
)


def date_in_text(text: str, near: date) -> date | None:
    """A date written in ``text`` or None: ``2026-03-02``, ``2.3.2026``, ``ma 2.3.``,
    ``2/3/2026`` (day first), ``2 March 2026``, ``2. maaliskuuta``, ``March 2``.

    A date without a year takes the year that puts it closest to ``near``.
    Raises :class:`TimeFormatError` for an impossible date such as ``31.2.``.
    """
    iso = _ISO_DATE.search(text)
    if iso:
        return _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), text)
    for pattern in (_DM_DATE, _SLASH_DATE):
        found = pattern.search(text)
        if found:
            day, month, year = int(found.group(1)), int(found.group(2)), found.group(3)
            return _dated(day, month, year, text, near)
    for found in _DAY_MONTH.finditer(text):  # 2 March 2026, 2. maaliskuuta
        named = month_of(found.group(2))
        if named is not None:
            return _dated(int(found.group(1)), named, found.group(3), text, near)
    for found in _MONTH_DAY.finditer(text):  # March 2, 2026
        named = month_of(found.group(1))
        if named is not None:
            return _dated(int(found.group(2)), named, found.group(3), text, near)
    return None


def _dated(day: int, month: int, year: str | None, text: str, near: date) -> date:
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
        raise TimeFormatError(
            T("'{text}' is not a date: expected a date like 2.3.2026", text=text.strip())
        )
    return min(candidates, key=lambda d: abs((d - near).days))


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise TimeFormatError(
            T(
                "'{text}' is not a date: expected a date like 2026-03-02 or 2.3.2026",
                text=text.strip(),
            )
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


# --------------------------------------------------------------------------- day and time


@dataclass(frozen=True)
class When:
    """A piece of time a cell names: on one ``day`` or every ``weekday``."""

    day: date | None
    weekday: int | None
    range: TimeRange


_WHEN_ITEMS = re.compile(r"\s*(?:[;\n]|,\s*(?=[^\W\d_]{2,}\.?\s+[0-9]))\s*")
_LEADING_DAY = re.compile(r"^\s*([^\W\d_]{2,})\.?,?\s*(?=[0-9]|klo|kl|$)", re.IGNORECASE)


def when_from_text(text: str, near: date, parts: DayParts | None = None) -> list[When]:
    """Days with their times from one cell: ``ma 2.3. klo 18–22``, ``2.3.2026 18-22``,
    ``ti 18-22; to 9-12``; ``[]`` for an empty or 'no' cell."""
    return list(_when_cached(text, near, _parts_key(parts)))


@lru_cache(maxsize=1 << 14)
def _when_cached(text: str, near: date, parts: tuple | None) -> tuple[When, ...]:
    return tuple(_when_from_text(text, near, dict(parts) if parts else None))


def _when_from_text(text: str, near: date, parts: DayParts | None) -> list[When]:
    shown = " ".join(text.split())
    if is_nothing(shown):
        return []
    found: list[When] = []
    for item in _WHEN_ITEMS.split(text.strip()):
        if not item.strip() or is_nothing(item):
            continue
        found.extend(_when_item(item.strip(), shown, near, parts))
    return found


def _when_item(item: str, shown: str, near: date, parts: DayParts | None) -> list[When]:
    day = date_in_text(item, near)
    rest = item
    if day is not None:
        rest = _strip_dates(rest)
    weekday = None
    lead = _LEADING_DAY.match(rest)
    words = rest.split()
    if lead and weekday_of(lead.group(1)) is not None:
        weekday = weekday_of(lead.group(1))
        rest = rest[lead.end() :]
    elif words and weekday_of(words[0]) is not None:
        weekday = weekday_of(words[0])
        rest = " ".join(words[1:])
    if day is not None and weekday is not None and day.weekday() != weekday:
        raise TimeFormatError(
            T(
                "'{text}': {date:year} is not a {weekday}: give the right weekday or date",
                text=shown,
                date=day,
                weekday=weekday_name(weekday),
            )
        )
    if day is None and weekday is None:
        raise TimeFormatError(
            T(
                "'{text}': no day in '{part}': expected a date or a weekday before the time, "
                "like ma 2.3. klo 18-22",
                text=shown,
                part=item,
            )
        )
    ranges = ranges_from_text(rest, parts) if rest.strip() else []
    if not ranges:
        raise TimeFormatError(
            T(
                "'{text}': no time in '{part}': expected a day with a time range, like "
                "ma 2.3. klo 18-22",
                text=shown,
                part=item,
            )
        )
    return [When(day, None if day else weekday, r) for r in ranges]


def _strip_dates(text: str) -> str:
    for pattern in (_ISO_DATE, _DM_DATE, _SLASH_DATE):
        text = pattern.sub(" ", text, count=1)
    return " ".join(text.split())


WEEKDAY_NAMES = (
    T("Monday"),
    T("Tuesday"),
    T("Wednesday"),
    T("Thursday"),
    T("Friday"),
    T("Saturday"),
    T("Sunday"),
)


def weekday_name(weekday: int) -> Text:
    """A weekday's name for a message, in the reader's language."""
    return WEEKDAY_NAMES[weekday]
