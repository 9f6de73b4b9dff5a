"""Rosters for the publish tests, built straight from domain objects (no solver).

Two one-week horizons hold the DST days: the week of 2026-03-29 (clocks 03:00 → 04:00,
+02:00 → +03:00) and the week of 2026-10-25 (04:00 → 03:00, +03:00 → +02:00).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from scheduler.domain import (
    HELSINKI,
    AvailabilityPiece,
    Horizon,
    Person,
    Problem,
    Rules,
    Shift,
)
from scheduler.hours import slot_grid
from scheduler.roster import CoverageRow, Result, Roster

SPRING = date(2026, 3, 23)  # Monday; Sunday 2026-03-29 is the spring DST day
AUTUMN = date(2026, 10, 19)  # Monday; Sunday 2026-10-25 is the autumn DST day
TRICKY = '=HYPERLINK("x")'

PEOPLE = (
    Person(
        "Anna Virtanen",
        email="anna@example.fi",
        organisation="MIELI ry",
        role="staff",
        min_hours=10,
        max_hours=20,
    ),
    Person("Åsa Öberg", email="asa@example.fi", organisation="Röda Korset", languages=("fi", "sv")),
    Person(TRICKY, email="+358 40 123", organisation="@org", role="student"),
    Person("Matti Meikäläinen", organisation="MIELI ry"),
    Person("Björn Sjöberg", organisation="Röda Korset", languages=("sv",)),  # Swedish only
)
SWEDISH_ONLY = "Björn Sjöberg"


def at(day: date, hour: int) -> datetime:
    """Local Helsinki wall-clock ``hour`` of ``day``; 24 is midnight ending the day."""
    return datetime.combine(day + timedelta(days=hour // 24), time(hour % 24), HELSINKI)


def shift(name: str, day: date, start: int, end: int, service: str = "fi") -> Shift:
    return Shift(name, service, at(day, start), at(day, end))


def spring_shifts() -> list[Shift]:
    sunday = SPRING + timedelta(days=6)
    return [
        shift("Anna Virtanen", SPRING, 18, 22),
        shift("Åsa Öberg", SPRING, 14, 18, "sv"),
        shift(TRICKY, SPRING, 9, 12),
        shift("Anna Virtanen", sunday - timedelta(days=1), 20, 24),  # Sat 28.3. +02:00
        shift("Anna Virtanen", sunday, 18, 22),  # Sun 29.3. +03:00
        shift("Åsa Öberg", sunday, 15, 19),
    ]


def autumn_shifts() -> list[Shift]:
    sunday = AUTUMN + timedelta(days=6)
    return [
        shift("Anna Virtanen", sunday - timedelta(days=1), 20, 24),  # Sat 24.10. +03:00
        shift("Anna Virtanen", sunday, 15, 19),  # Sun 25.10. +02:00
        shift("Matti Meikäläinen", sunday, 20, 24),
    ]


def availability(start: date) -> tuple[AvailabilityPiece, ...]:
    """Everyone offers every evening 14–24; Anna prefers Mondays; Åsa away on Tuesday."""
    pieces = []
    for person in PEOPLE:
        for weekday in range(7):
            pieces.append(AvailabilityPiece(person.name, 14 * 60, 24 * 60, weekday=weekday))
    pieces.append(AvailabilityPiece("Anna Virtanen", 9 * 60, 24 * 60, "preferred", weekday=0))
    pieces.append(AvailabilityPiece(TRICKY, 9 * 60, 14 * 60, day=start))
    pieces.append(AvailabilityPiece("Åsa Öberg", 0, 24 * 60, "away", day=start + timedelta(1)))
    return tuple(pieces)


def problem(start: date = SPRING, weeks: int = 1, **rules) -> Problem:
    return Problem(Horizon(start, weeks), Rules(**rules), PEOPLE, availability(start))


def coverage(prob: Problem, shifts: list[Shift]) -> tuple[CoverageRow, ...]:
    """Coverage rows for every open slot: 10 contacts, 0.8 answered a person on duty."""
    rows = []
    for slot in slot_grid(prob.horizon, prob.rules):
        on = tuple(s.name for s in shifts if s.covers(slot))
        rows.append(
            CoverageRow(
                slot.service,
                slot.start,
                slot.end,
                len(on),
                prob.rules.min_staff,
                10.0,
                0.8 * len(on),
                on,
            )
        )
    return tuple(rows)


def result(prob: Problem, shifts: list[Shift]) -> Result:
    return Result(
        "OPTIMAL", Roster.of(shifts), 12.5, 12.5, 0.0, 1.25, coverage=coverage(prob, shifts)
    )


def summary(prob: Problem, res: Result) -> dict:
    """A ``summary.json`` object as DESIGN.md lists it."""
    forecast = sum(r.forecast_contacts for r in res.coverage)
    answered = sum(r.expected_answered for r in res.coverage)
    gaps = [r for r in res.coverage if r.short]
    return {
        "status": res.status,
        "objective": res.objective,
        "best_bound": res.best_bound,
        "gap": res.gap,
        "solve_seconds": res.solve_seconds,
        "forecast_contacts": forecast,
        "expected_answered": answered,
        "expected_answer_rate": answered / forecast,
        "uncovered_slots": [
            {
                "service": r.service,
                "start": r.start.isoformat(),
                "end": r.end.isoformat(),
                "staffed": r.staffed,
                "min_staff": r.min_staff,
                "reason": "nobody offered it",
                "detail": "",
            }
            for r in gaps
        ],
        "people": len(prob.people),
        "assigned_hours": res.roster.hours,
        "offered_hours": 99.0,
        "settings": {
            "aht_minutes": 70.0,
            "patience_minutes": 10.0,
            "chats_per_worker": 1,
            "slot_minutes": 60,
            "min_shift_hours": 2.0,
            "max_shift_hours": 4.0,
            "time_limit": 30.0,
            "workers": 2,
        },
    }
