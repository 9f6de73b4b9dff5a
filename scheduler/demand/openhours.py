"""Vectorised opening-hours lookups for many instants at once (history rows, model rows)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ..domain import HELSINKI, SERVICES, HolidayMode
from ..hours import holiday_name, opening_intervals, split


@lru_cache(maxsize=8)
def _minute_table(service: str) -> np.ndarray:
    """(8, 1440) booleans: open at minute m on weekday 0–6; row 7 is a holiday (Sunday hours)."""
    weekly = SERVICES[service].weekly
    table = np.zeros((8, 1440), dtype=bool)
    for weekday in range(8):
        for start, end in weekly[6 if weekday == 7 else weekday]:
            table[weekday, start:end] = True
    return table


def holiday_mask(days: pd.Series | pd.Index) -> np.ndarray:
    """True where the local date is a Finnish public holiday."""
    unique = pd.unique(np.asarray(days))
    flags = {d: holiday_name(d) is not None for d in unique}
    return np.fromiter((flags[d] for d in days), dtype=bool, count=len(days))


def local_parts(utc: pd.DatetimeIndex) -> pd.DataFrame:
    """Local date, weekday, hour and minute of day for UTC instants."""
    local = utc.tz_convert(HELSINKI)
    return pd.DataFrame(
        {
            "date": local.date,
            "weekday": local.day_of_week,
            "hour": local.hour,
            "minute": local.hour * 60 + local.minute,
        }
    )


def open_mask(service: str, parts: pd.DataFrame, holidays: np.ndarray | None = None) -> np.ndarray:
    """Open under any holiday setting: the weekday's hours, or Sunday hours on a holiday."""
    table = _minute_table(service)
    weekday = parts["weekday"].to_numpy()
    minute = parts["minute"].to_numpy()
    is_open = table[weekday, minute]
    if holidays is None:
        holidays = holiday_mask(parts["date"])
    return is_open | (holidays & table[7, minute])


def open_hour_starts(
    service: str, first: date, last: date, holiday_mode: HolidayMode = "weekend"
) -> pd.DatetimeIndex:
    """UTC starts of every open hour of ``service`` on local days ``first`` … ``last``."""
    starts: list[pd.Timestamp] = []
    day = first
    while day <= last:
        for start, end in opening_intervals(SERVICES[service], day, holiday_mode):
            starts.extend(s for s, _ in split(start, end, 60))
        day += timedelta(days=1)
    return pd.DatetimeIndex(starts).tz_convert("UTC") if starts else pd.DatetimeIndex([], tz="UTC")


def describe_hours(service: str) -> Any:
    """``Mon–Fri 09–24; Sat–Sun 15–24`` for messages, in the reader's language."""
    from ..i18n import T
    from ..intake.review import DAY_SHORT, joined

    weekly = SERVICES[service].weekly
    groups: list[tuple[int, int, tuple]] = []
    for i, hours in enumerate(weekly):
        if groups and groups[-1][2] == hours and groups[-1][1] == i - 1:
            groups[-1] = (groups[-1][0], i, hours)
        else:
            groups.append((i, i, hours))
    parts = []
    for first, last, hours in groups:
        if not hours:
            continue
        days = (
            DAY_SHORT[first]
            if first == last
            else T("{first}–{last}", first=DAY_SHORT[first], last=DAY_SHORT[last])
        )
        spans = ", ".join(f"{s // 60:02d}–{e // 60:02d}" for s, e in hours)
        parts.append(T("{days} {hours}", days=days, hours=spans))
    return joined(parts, ";")
