"""The ``VTIMEZONE`` of Europe/Helsinki, built from the zoneinfo database.

icalendar 7's ``Timezone.from_tzid`` writes the onset of daylight saving time in the
new offset (``DTSTART:20260329T040000`` with ``TZOFFSETFROM:+0200``), which places the
change an hour late for a reader that follows RFC 5545 §3.6.5: the onset is local time
*before* the change. So the observances are built here from the actual transitions
(found in zoneinfo), as icalendar ``STANDARD``/``DAYLIGHT`` components, each onset
written in its ``TZOFFSETFROM`` offset: ``20260329T030000`` and ``20261025T040000``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from ..domain import HELSINKI


@dataclass(frozen=True)
class Transition:
    """A change of UTC offset at ``moment`` (UTC)."""

    moment: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def onset(self) -> datetime:
        """The onset as RFC 5545 writes it: naive local time in the old offset."""
        return (self.moment + self.offset_from).replace(tzinfo=None)


def _offset(zone: ZoneInfo, moment: datetime) -> timedelta:
    return moment.astimezone(zone).utcoffset() or timedelta(0)


def transitions(zone: ZoneInfo, first: date, last: date) -> list[Transition]:
    """Every offset change of ``zone`` from ``first`` to ``last`` (day steps, then bisection)."""
    out = []
    day = datetime.combine(first, datetime.min.time(), UTC)
    stop = datetime.combine(last, datetime.min.time(), UTC)
    before = _offset(zone, day)
    while day < stop:
        nxt = day + timedelta(days=1)
        after = _offset(zone, nxt)
        if after != before:
            low, high = day, nxt
            while high - low > timedelta(seconds=1):
                mid = low + (high - low) / 2
                low, high = (mid, high) if _offset(zone, mid) == before else (low, mid)
            moment = high.replace(microsecond=0)
            local = moment.astimezone(zone)
            out.append(Transition(moment, before, after, local.tzname() or "", bool(local.dst())))
            before = after
        day = nxt
    return out


def _observance(
    kind: type, onset: datetime, offset_from: timedelta, offset_to: timedelta, name: str
):
    part = kind()
    part.add("dtstart", onset)
    part.add("tzoffsetfrom", offset_from)
    part.add("tzoffsetto", offset_to)
    if name:
        part.add("tzname", name)
    return part


@lru_cache(maxsize=16)
def _build(tzid: str, first_year: int, last_year: int) -> bytes:
    zone = ZoneInfo(tzid)
    first, last = date(first_year, 1, 1), date(last_year + 1, 1, 1)
    timezone = Timezone()
    timezone.add("tzid", tzid)
    here = datetime.combine(first, datetime.min.time(), zone)
    offset = here.utcoffset() or timedelta(0)
    timezone.add_component(
        _observance(
            TimezoneDaylight if here.dst() else TimezoneStandard,
            here.replace(tzinfo=None),
            offset,
            offset,
            here.tzname() or "",
        )
    )
    for change in transitions(zone, first, last):
        timezone.add_component(
            _observance(
                TimezoneDaylight if change.daylight else TimezoneStandard,
                change.onset,
                change.offset_from,
                change.offset_to,
                change.name,
            )
        )
    return timezone.to_ical()


def vtimezone(first: date, last: date, zone: ZoneInfo = HELSINKI) -> Timezone:
    """A ``VTIMEZONE`` for ``zone`` valid from 1 January of ``first``'s year to the end of
    ``last``'s year, with one observance per offset change."""
    timezone = Timezone.from_ical(vtimezone_ical(first, last, zone))
    assert isinstance(timezone, Timezone)
    return timezone


def vtimezone_ical(first: date, last: date, zone: ZoneInfo = HELSINKI) -> bytes:
    """:func:`vtimezone` serialised by icalendar (built once per zone and years)."""
    return _build(zone.key, first.year, last.year)
