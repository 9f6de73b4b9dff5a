"""Warnings about time that was read but cannot all be used.

Time outside every planned service's opening hours stays in the intake (``check`` counts
it) but no slot lies there, so it never reaches the roster; each such piece is reported
with its cell. So are dates outside the plan period (at the date's cell), times that do not
fall on the slot grid, and people who offered nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any

from ..domain import SERVICES, AvailabilityPiece, Horizon, Rules
from ..errors import Findings, Location
from ..hours import opening_minutes, subtract
from ..i18n import T
from .persons import PieceSource
from .timeparse import clock, span

DAY_SHORT = (T("Mon"), T("Tue"), T("Wed"), T("Thu"), T("Fri"), T("Sat"), T("Sun"))


def joined(items: list[Any], separator: str = ",") -> Any:
    """Items one after another in a message (``Mon, Thu``), each part translatable."""
    if not items:
        return ""
    result = items[0]
    for item in items[1:]:
        result = (
            T("{first}, {second}", first=result, second=item)
            if separator == ","
            else T("{first}; {second}", first=result, second=item)
        )
    return result


def opening_summary(rules: Rules) -> Any:
    """Opening hours of the planned services in one line, for messages."""
    services = []
    for code in rules.services:
        spans: dict[str, list[int]] = {}
        for weekday, hours in enumerate(SERVICES[code].weekly):
            text = ", ".join(f"{s // 60:02d}–{e // 60:02d}" for s, e in hours)
            if text:
                spans.setdefault(text, []).append(weekday)
        parts = [T("{days} {hours}", days=_days(d), hours=t) for t, d in spans.items()]
        services.append(T("{service}: {hours}", service=code, hours=joined(parts, ";")))
    return joined(services, ";")


def _days(weekdays: list[int]) -> Any:
    """``Mon–Fri`` for a run of days, ``Mon, Thu`` otherwise."""
    if len(weekdays) > 2 and weekdays == list(range(weekdays[0], weekdays[-1] + 1)):
        return T("{first}–{last}", first=DAY_SHORT[weekdays[0]], last=DAY_SHORT[weekdays[-1]])
    return joined([DAY_SHORT[d] for d in weekdays])


def _open_spans(horizon: Horizon, rules: Rules):
    @cache
    def spans(day: date) -> tuple[tuple[int, int], ...]:
        merged: list[list[int]] = []
        for s, e in sorted(
            x
            for code in rules.services
            for x in opening_minutes(SERVICES[code], day, rules.holiday_mode)
        ):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        return tuple((s, e) for s, e in merged)

    return spans


def _outside(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    return subtract([(start, end)], spans)


def _places(piece: AvailabilityPiece) -> tuple[Location, Location]:
    """Where a piece's time is written, and where its date is."""
    source = piece.source
    if isinstance(source, PieceSource):
        return source.time, source.day or source.time
    if isinstance(source, Location):
        return source, source
    return Location(), Location()


def review(
    people: Mapping[str, Location],
    pieces: Iterable[AvailabilityPiece],
    horizon: Horizon,
    rules: Rules,
    findings: Findings,
) -> set[str]:
    """Warn about what cannot be used; the names of the people who offered time inside the
    plan period."""
    spans_on = _open_spans(horizon, rules)
    summary = opening_summary(rules)
    offered: set[str] = set()
    last = horizon.days[-1]
    for piece in pieces:
        where, day_where = _places(piece)
        days = (
            [piece.day]
            if piece.day is not None
            else [d for d in horizon.days if d.weekday() == piece.weekday]
        )
        inside = [d for d in days if d in horizon]
        if piece.day is not None and not inside:
            findings.warning(
                day_where,
                T(
                    "{person}: {date:year} is outside the plan period {start} – {end}: this "
                    "time is not used",
                    person=piece.name,
                    date=piece.day,
                    start=horizon.start,
                    end=last,
                ),
            )
            continue
        if piece.preference == "away":
            continue
        _check_grid(piece, rules, where, findings)
        outside_minutes = 0
        example: list[tuple[int, int]] = []
        for day in inside:
            out = _outside(piece.start_minute, piece.end_minute, spans_on(day))
            outside_minutes += sum(b - a for a, b in out)
            if out and not example:
                example = out
        if outside_minutes:
            whole = outside_minutes == sum(piece.end_minute - piece.start_minute for _ in inside)
            hours = outside_minutes / 60
            if whole:
                message = T(
                    "{person}: all of this time is outside opening hours ({hours} h in the "
                    "period) and will not be rostered; the chat is open {opening}",
                    person=piece.name,
                    hours=hours,
                    opening=summary,
                )
            else:
                message = T(
                    "{person}: {time} is outside opening hours ({hours} h in the period) and "
                    "will not be rostered; the chat is open {opening}",
                    person=piece.name,
                    time=joined([span(a, b) for a, b in example]),
                    hours=hours,
                    opening=summary,
                )
            findings.warning(where, message)
        if inside:
            offered.add(piece.name)
    for name, where in people.items():
        if name not in offered:
            findings.warning(
                where,
                T(
                    "{person} offered no time in the plan period {start} – {end}",
                    person=name,
                    start=horizon.start,
                    end=last,
                ),
            )
    return offered


def _check_grid(
    piece: AvailabilityPiece, rules: Rules, where: Location, findings: Findings
) -> None:
    step = rules.slot_minutes
    odd = [m for m in (piece.start_minute, piece.end_minute) if m % step]
    if odd:
        findings.warning(
            where,
            T(
                "{person}: {time} is not on the {minutes}-minute slot grid: only whole slots "
                "inside {span} can be rostered",
                person=piece.name,
                time=clock(odd[0]),
                minutes=str(step),
                span=span(piece.start_minute, piece.end_minute),
            ),
        )
