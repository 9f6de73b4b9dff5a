"""Tiny optimiser instances built straight from domain objects (shared by the solve tests).

Monday 2026-03-02 is the default day. At 33 contacts an hour (the national average) the
chat is so busy that one person on duty answers ≈ 60/70 = 0.857 contacts an hour (AHT 70
minutes, always busy) and two answer ≈ 1.714: ``per_hour(n)`` gives the exact figure.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from scheduler.domain import HELSINKI, AvailabilityPiece, Horizon, Person, Problem, Rules, Shift
from scheduler.hours import slot_grid
from scheduler.queueing import slot_answered_curve

MONDAY = date(2026, 3, 2)
BUSY = 33.0


def at(day: date, hour: int) -> datetime:
    return (
        datetime.combine(day, datetime.min.time(), HELSINKI) + timedelta(hours=hour)
        if hour < 24
        else datetime.combine(day + timedelta(days=1), datetime.min.time(), HELSINKI)
    )


def offer(
    name: str, start: int, end: int, day: date = MONDAY, preference: str = "available"
) -> AvailabilityPiece:
    return AvailabilityPiece(name, start * 60, end * 60, preference=preference, day=day)


def shift(name: str, start: int, end: int, day: date = MONDAY, service: str = "fi") -> Shift:
    return Shift(name, service, at(day, start), at(day, end))


def rules(**changes) -> Rules:
    base = {"services": ("fi",), "supervision": False, "min_staff": 0}
    base.update(changes)
    return Rules(**base)


def problem(
    people,
    pieces,
    *,
    demand_hours=(),
    contacts: float = BUSY,
    day: date = MONDAY,
    service: str = "fi",
    weeks: int = 1,
    start: date = MONDAY,
    **options,
) -> Problem:
    """A problem whose demand is ``contacts`` in each slot starting at ``demand_hours`` of
    ``day`` (local hours), 0 elsewhere."""
    rule = options.pop("rules", None) or rules()
    horizon = Horizon(start, weeks)
    demand = {}
    for slot in slot_grid(horizon, rule):
        local = slot.start.astimezone(HELSINKI)
        if slot.service == service and local.date() == day and local.hour in demand_hours:
            demand[slot.key] = contacts
    return Problem(horizon, rule, tuple(people), tuple(pieces), demand, **options)


def per_hour(n: int, contacts: float = BUSY, rule: Rules | None = None) -> float:
    """Expected answered contacts in one hour with ``n`` on duty."""
    return slot_answered_curve(contacts, 1.0, n, rule or rules())[n]


def people(*names: str, **kw) -> list[Person]:
    return [Person(n, **kw) for n in names]


def busy_week(n_people=12, seed=0, start=MONDAY, weeks=1):
    """A small busy week: people offering evenings, a few staff, one trainee and mentor."""
    team = [Person(f"V{i}", max_hours=8, max_shifts_per_week=2) for i in range(n_people)]
    team += [
        Person("Staff", role="staff"),
        Person("Trainee", trainee=True),
        Person("Mentor", mentor=True),
    ]
    pieces = []
    for i, p in enumerate(team):
        for d in range(7):
            if (i + d + seed) % 3:
                s = 15 + (i + d) % 5
                pieces.append(
                    AvailabilityPiece(
                        p.name, s * 60, min(24, s + 5) * 60, day=start + timedelta(days=d)
                    )
                )
    r = rules(min_staff=1, supervision=True)
    horizon = Horizon(start, weeks)
    demand = {s.key: 20.0 + s.start.astimezone(HELSINKI).hour for s in slot_grid(horizon, r)}
    return Problem(horizon, r, tuple(team), tuple(pieces), demand)
