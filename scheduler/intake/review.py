"""Warnings about time that was read but cannot all be used.

Time outside every planned service's opening hours stays in the intake (``check`` counts
it) but no slot lies there, so it never reaches the roster; each such piece is reported
with its cell. So are dates outside the plan period, times that do not fall on the slot
grid, and people who offered nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache

from ..domain import SERVICES, AvailabilityPiece, Horizon, Rules, fmt_minute
from ..errors import Findings, Location
from ..hours import opening_minutes, subtract


def opening_summary(rules: Rules) -> str:
    """Opening hours of the planned services in one line, for messages."""
    parts = []
    for code in rules.services:
        spans: dict[str, list[int]] = {}
        for weekday, hours in enumerate(SERVICES[code].weekly):
            text = ", ".join(f"{s // 60:02d}–{e // 60:02d}" for s, e in hours)
            if text:
                spans.setdefault(text, []).append(weekday)
        parts.append(f"{code} " + "; ".join(f"{_days(d)} {t}" for t, d in spans.items()))
    return " | ".join(parts)


def _days(weekdays: list[int]) -> str:
    """``Mon–Fri`` for a run of days, ``Mon, Thu`` otherwise."""
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    if len(weekdays) > 2 and weekdays == list(range(weekdays[0], weekdays[-1] + 1)):
        return f"{names[weekdays[0]]}–{names[weekdays[-1]]}"
    return ", ".join(names[d] for d in weekdays)


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


def review(
    people: Mapping[str, Location],
    pieces: Iterable[AvailabilityPiece],
    horizon: Horizon,
    rules: Rules,
    findings: Findings,
) -> None:
    spans_on = _open_spans(horizon, rules)
    summary = opening_summary(rules)
    offered: set[str] = set()
    for piece in pieces:
        where = piece.source if isinstance(piece.source, Location) else Location()
        days = (
            [piece.day]
            if piece.day is not None
            else [d for d in horizon.days if d.weekday() == piece.weekday]
        )
        inside = [d for d in days if d in horizon]
        if piece.day is not None and not inside:
            findings.warning(
                where,
                f"{piece.day.isoformat()} is outside the plan period "
                f"{horizon.start.isoformat()} – "
                f"{horizon.days[-1].isoformat()}: this time is not used",
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
            shown = ", ".join(f"{fmt_minute(a)}–{fmt_minute(b)}" for a, b in example)
            whole = outside_minutes == sum(piece.end_minute - piece.start_minute for _ in inside)
            what = "all of this time is" if whole else f"{shown} is"
            findings.warning(
                where,
                f"{piece.name}: {what} outside opening hours "
                f"({outside_minutes / 60:g} h in the period) and will not "
                f"be rostered; the chat is open {summary}",
            )
        if inside:
            offered.add(piece.name)
    for name, where in people.items():
        if name not in offered:
            findings.warning(
                where,
                f"{name} offered no time in the plan period "
                f"{horizon.start.isoformat()} – {horizon.days[-1].isoformat()}",
            )


def _check_grid(
    piece: AvailabilityPiece, rules: Rules, where: Location, findings: Findings
) -> None:
    step = rules.slot_minutes
    odd = [m for m in (piece.start_minute, piece.end_minute) if m % step]
    if odd:
        findings.warning(
            where,
            f"{piece.name}: {fmt_minute(odd[0])} is not on the "
            f"{step}-minute slot grid: only whole slots inside "
            f"{fmt_minute(piece.start_minute)}–"
            f"{fmt_minute(piece.end_minute)} can be rostered",
        )
