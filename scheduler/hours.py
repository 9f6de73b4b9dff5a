"""Opening hours, Finnish holidays, the slot grid and offered time, in Helsinki local time.

All arithmetic on instants is done in UTC and shown in Europe/Helsinki, so the DST days
(last Sunday of March: 03:00 → 04:00; last Sunday of October: 04:00 → 03:00) come out right.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TypeVar

import holidays as holidays_lib

from .domain import (
    HELSINKI,
    MINUTES_PER_DAY,
    SERVICES,
    AvailabilityPiece,
    HolidayMode,
    Horizon,
    Interval,
    Rules,
    Service,
    Slot,
    elapsed_hours,
)

T = TypeVar("T", datetime, int)


def local_time(day: date, minute: int) -> datetime:
    """The aware Helsinki datetime ``minute`` minutes of wall-clock after midnight of ``day``.

    ``minute == 1440`` is midnight starting the next day (24:00).
    """
    if minute >= MINUTES_PER_DAY:
        day, minute = day + timedelta(days=minute // MINUTES_PER_DAY), minute % MINUTES_PER_DAY
    return datetime.combine(day, time(minute // 60, minute % 60), HELSINKI)


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(HELSINKI)


@lru_cache(maxsize=64)
def _finnish_holidays(year: int) -> dict[date, str]:
    return dict(holidays_lib.country_holidays("FI", years=year))


def holiday_name(day: date) -> str | None:
    """The Finnish public holiday on ``day`` (from the ``holidays`` package), or None."""
    return _finnish_holidays(day.year).get(day)


def opening_minutes(
    service: Service, day: date, holiday_mode: HolidayMode = "weekend"
) -> tuple[tuple[int, int], ...]:
    """Open (start, end) minutes of ``service`` on ``day``.

    On a public holiday: ``weekend`` uses the service's Sunday hours (Finnish practice:
    a holiday is kept like a Sunday), ``closed`` closes, ``normal`` keeps the weekday's hours.
    """
    if holiday_mode != "normal" and holiday_name(day) is not None:
        return () if holiday_mode == "closed" else service.hours_on_weekday(6)
    return service.hours_on_weekday(day.weekday())


def opening_intervals(
    service: Service, day: date, holiday_mode: HolidayMode = "weekend"
) -> list[tuple[datetime, datetime]]:
    return [
        (local_time(day, s), local_time(day, e))
        for s, e in opening_minutes(service, day, holiday_mode)
    ]


def split(start: datetime, end: datetime, minutes: int) -> list[tuple[datetime, datetime]]:
    """Cut [start, end) into pieces of ``minutes`` of elapsed time (UTC steps)."""
    out = []
    step = timedelta(minutes=minutes)
    cur = start.astimezone(UTC)
    stop = end.astimezone(UTC)
    while cur + step <= stop:
        out.append((cur.astimezone(HELSINKI), (cur + step).astimezone(HELSINKI)))
        cur += step
    return out


def slot_grid(horizon: Horizon, rules: Rules) -> list[Slot]:
    """Every open slot of every planned service in the horizon, sorted by service then time."""
    slots: list[Slot] = []
    for code in rules.services:
        service = SERVICES[code]
        for day in horizon.days:
            for start, end in opening_intervals(service, day, rules.holiday_mode):
                slots.extend(Slot(code, s, e) for s, e in split(start, end, rules.slot_minutes))
    return slots


def open_hours(horizon: Horizon, rules: Rules) -> float:
    return sum(s.hours for s in slot_grid(horizon, rules))


# --------------------------------------------------------------------------- offered time


def _merge(ranges: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for s, e in sorted(ranges):
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def subtract(ranges: Sequence[tuple[T, T]], holes: Sequence[tuple[T, T]]) -> list[tuple[T, T]]:
    """The parts of ``ranges`` outside every hole (datetimes or minutes alike)."""
    out: list[tuple[T, T]] = []
    for s, e in ranges:
        pieces = [(s, e)]
        for hs, he in holes:
            nxt = []
            for ps, pe in pieces:
                if he <= ps or hs >= pe:
                    nxt.append((ps, pe))
                    continue
                if ps < hs:
                    nxt.append((ps, hs))
                if he < pe:
                    nxt.append((he, pe))
            pieces = nxt
        out.extend(pieces)
    return out


def piece_ranges(piece: AvailabilityPiece, horizon: Horizon) -> list[tuple[datetime, datetime]]:
    """The concrete (start, end) instants a piece stands for inside the horizon."""
    days = (
        [piece.day]
        if piece.day is not None
        else [d for d in horizon.days if d.weekday() == piece.weekday]
    )
    return [
        (local_time(d, piece.start_minute), local_time(d, piece.end_minute))
        for d in days
        if d in horizon
    ]


def offered_intervals(
    pieces: Iterable[AvailabilityPiece], horizon: Horizon
) -> dict[str, list[Interval]]:
    """Per person, the offered time in the horizon: (available ∪ preferred) − away.

    Preferred time wins over plain available where both are given; ``away`` removes both.
    """
    by_person: dict[str, dict[str, list[tuple[datetime, datetime]]]] = defaultdict(
        lambda: {"available": [], "preferred": [], "away": []}
    )
    for piece in pieces:
        by_person[piece.name][piece.preference].extend(piece_ranges(piece, horizon))
    result: dict[str, list[Interval]] = {}
    for name, kinds in by_person.items():
        away = _merge(kinds["away"])
        preferred = subtract(_merge(kinds["preferred"]), away)
        available = subtract(subtract(_merge(kinds["available"]), away), preferred)
        intervals = [Interval(name, s, e, True) for s, e in preferred]
        intervals += [Interval(name, s, e, False) for s, e in available]
        result[name] = sorted(intervals, key=lambda i: i.start)
    return result


def offered_hours(intervals: Iterable[Interval]) -> tuple[float, float]:
    """(all offered hours, preferred hours) of a person's intervals."""
    total = preferred = 0.0
    for i in intervals:
        total += i.hours
        if i.preferred:
            preferred += i.hours
    return total, preferred


def offered_slots(intervals: Sequence[Interval], slots: Sequence[Slot]) -> dict[int, bool]:
    """Indices of ``slots`` fully inside the offered intervals → True where preferred.

    A slot split between an available and a preferred interval counts as available.
    """
    if not intervals:
        return {}
    merged = _merge((i.start, i.end) for i in intervals)
    pref = _merge((i.start, i.end) for i in intervals if i.preferred)
    result: dict[int, bool] = {}
    for idx, slot in enumerate(slots):
        if any(s <= slot.start and slot.end <= e for s, e in merged):
            result[idx] = any(s <= slot.start and slot.end <= e for s, e in pref)
    return result


def outside_opening(piece: AvailabilityPiece, horizon: Horizon, rules: Rules) -> float:
    """Hours of an offered piece that fall outside every planned service's opening hours."""
    if piece.preference == "away":
        return 0.0
    outside = 0.0
    for start, end in piece_ranges(piece, horizon):
        day = start.astimezone(HELSINKI).date()
        opened = _merge(
            iv
            for code in rules.services
            for iv in opening_intervals(SERVICES[code], day, rules.holiday_mode)
        )
        for s, e in subtract([(start, end)], opened):
            outside += elapsed_hours(s, e)
    return outside
