"""Published folders for the delivery tests, written by the real publisher from domain
objects (no solver): a first roster and a re-plan of it. (No tests here.)

The week of the spring DST Sunday, 2026-03-23 … 29:

* Anna Virtanen (fi): Mon 18–22, Sat 20–24, Sun 18–22 (the DST day)
* Åsa Öberg (sv first): Mon 14–18 and Sun 15–19 in Sekasin-chatten
* Bea Laine: Tue 18–22
* Matti Meikäläinen: Wed 18–22, no e-mail address

The re-plan keeps Anna's Monday, ends her Saturday at 23, drops her Sunday; Åsa has left
the plan; Bea is unchanged; Dani Koski is new (Thu 18–22).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from scheduler.domain import HELSINKI, Horizon, Person, Problem, Rules, Shift
from scheduler.hours import slot_grid
from scheduler.publish import publish_all
from scheduler.roster import CoverageRow, Result, Roster

MONDAY = date(2026, 3, 23)
FIRST_PUBLISH = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
REPLAN_PUBLISH = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
SENDER = "koordinaattori@sekasin.example.fi"

ANNA = Person("Anna Virtanen", email="anna@example.fi", organisation="MIELI ry")
ASA = Person("Åsa Öberg", email="asa@example.fi", languages=("sv", "fi"))
BEA = Person("Bea Laine", email="bea@example.fi", languages=("fi", "en"))
MATTI = Person("Matti Meikäläinen", organisation="MIELI ry")
DANI = Person("Dani Koski", email="dani@example.fi")


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day + timedelta(days=hour // 24), time(hour % 24), HELSINKI)


def shift(person: Person, weekday: int, start: int, end: int, service: str = "fi") -> Shift:
    day = MONDAY + timedelta(days=weekday)
    return Shift(person.name, service, at(day, start), at(day, end))


FIRST = [
    shift(ANNA, 0, 18, 22),
    shift(ANNA, 5, 20, 24),
    shift(ANNA, 6, 18, 22),
    shift(ASA, 0, 14, 18, "sv"),
    shift(ASA, 6, 15, 19, "sv"),
    shift(BEA, 1, 18, 22),
    shift(MATTI, 2, 18, 22),
]
REPLAN = [
    shift(ANNA, 0, 18, 22),
    shift(ANNA, 5, 20, 23),
    shift(BEA, 1, 18, 22),
    shift(MATTI, 2, 18, 22),
    shift(DANI, 3, 18, 22),
]


def problem(people) -> Problem:
    return Problem(Horizon(MONDAY, 1), Rules(), tuple(people), ())


def result(prob: Problem, shifts: list[Shift]) -> Result:
    rows = []
    for slot in slot_grid(prob.horizon, prob.rules):
        on = tuple(s.name for s in shifts if s.covers(slot))
        rows.append(
            CoverageRow(slot.service, slot.start, slot.end, len(on), 1, 5.0, 0.5 * len(on), on)
        )
    return Result("OPTIMAL", Roster.of(shifts), 1.0, 1.0, 0.0, 0.1, coverage=tuple(rows))


def publish(
    out: Path,
    people,
    shifts: list[Shift],
    *,
    previous: list[Shift] | None = None,
    now: datetime = FIRST_PUBLISH,
    contact: str | None = None,
) -> Path:
    """``out`` as ``scheduler solve`` leaves it: roster.csv, calendars/, summary.json, …"""
    prob = problem(people)
    settings = {"start": MONDAY.isoformat(), "weeks": 1}
    if contact:
        settings["contact_info"] = contact
    summary = {"status": "OPTIMAL", "settings": settings}
    publish_all(out, prob, result(prob, shifts), summary=summary, previous=previous or (), now=now)
    (out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    return out


def first_folder(root: Path, **options) -> Path:
    return publish(root / "first", (ANNA, ASA, BEA, MATTI), FIRST, **options)


def replan_folder(root: Path) -> Path:
    return publish(
        root / "replan", (ANNA, BEA, MATTI, DANI), REPLAN, previous=FIRST, now=REPLAN_PUBLISH
    )


def crowd_folder(root: Path, people: int = 12) -> Path:
    """``people`` people with two evening shifts each in Sekasin-chat (2 × people events)."""
    crowd = [Person(f"Henkilö {i:02d}", email=f"p{i:02d}@example.fi") for i in range(people)]
    shifts = []
    for i, person in enumerate(crowd):
        shifts.append(shift(person, i % 7, 14, 16))
        shifts.append(shift(person, (i + 3) % 7, 18, 20))
    return publish(root / "crowd", crowd, shifts)
