"""Seeded benchmark instances for the optimiser: S, M and L.

* S — 100 people, 1 week, both services;
* M — 400 people, 4 weeks, both services;
* L — 2,000 people, 4 weeks, both services.

People follow the mix of DOMAIN.md: a few chat_team members on weekday office hours,
welfare-region staff giving 2 hours every other week, students and volunteers offering a
few evening-heavy windows a week, ~10 % Swedish speakers, mentors and trainees. Demand is
a fixed hour-of-day profile scaled to ~160,000 Finnish contacts a year and ~5 Swedish
conversations a day (this module does not depend on the forecast package).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from scheduler.domain import AvailabilityPiece, Horizon, Person, Problem, Rules
from scheduler.hours import slot_grid

SIZES = {"S": (100, 1), "M": (400, 4), "L": (2000, 4)}
START = date(2026, 3, 2)  # the sample month; it holds the DST day 2026-03-29

# relative contacts by local hour (evening peak), Finnish chat
_FI_SHAPE = {
    9: 0.55,
    10: 0.6,
    11: 0.65,
    12: 0.7,
    13: 0.75,
    14: 0.8,
    15: 0.9,
    16: 0.95,
    17: 1.0,
    18: 1.1,
    19: 1.2,
    20: 1.3,
    21: 1.35,
    22: 1.3,
    23: 1.1,
}
FI_PER_YEAR = 160_000
SV_PER_DAY = 5.4


def demand(horizon: Horizon, rules: Rules) -> dict:
    slots = slot_grid(horizon, rules)
    fi = [s for s in slots if s.service == "fi"]
    sv = [s for s in slots if s.service == "sv"]
    out = {}
    if fi:
        shape = [_FI_SHAPE.get(s.start.hour, 1.0) * s.hours for s in fi]
        total = FI_PER_YEAR / 365.25 * 7 * horizon.weeks
        out.update({s.key: total * w / sum(shape) for s, w in zip(fi, shape, strict=True)})
    if sv:
        total = SV_PER_DAY * 3 * horizon.weeks  # three open days a week
        out.update({s.key: total * s.hours / sum(x.hours for x in sv) for s in sv})
    return out


def _window(rng: random.Random, weekday: int) -> tuple[int, int]:
    earliest = 9 if weekday < 5 else 15
    length = rng.choice((3, 4, 4, 5, 6))
    start = rng.choice(
        [h for h in range(earliest, 24 - length + 1)]
        + [h for h in range(max(earliest, 17), 24 - length + 1)] * 2
    )
    return start * 60, (start + length) * 60


def _person(rng: random.Random, i: int, weeks: int, start: date):
    roll = rng.random()
    languages = ("fi", "sv") if rng.random() < 0.1 else ("fi",)
    name = f"P{i:04d}"
    pieces: list[AvailabilityPiece] = []
    if roll < 0.02:
        person = Person(
            name,
            role="chat_team",
            languages=languages,
            max_hours_per_week=20,
            organisation="Sekasin",
        )
        for weekday in range(5):
            pieces.append(AvailabilityPiece(name, 9 * 60, 17 * 60, weekday=weekday))
        return person, pieces
    if roll < 0.12:
        person = Person(
            name,
            role="staff",
            languages=languages,
            min_hours=2 * (weeks // 2),
            max_hours=2 * max(1, weeks // 2),
            organisation=f"Region {i % 7}",
        )
        weekday = rng.randrange(5)
        first = start + timedelta(days=weekday + 7 * rng.randrange(2))
        for k in range(0, weeks, 2):
            day = first + timedelta(days=7 * k)
            if day < start + timedelta(days=7 * weeks):
                s = rng.choice((9, 10, 12, 13, 14)) * 60
                pieces.append(AvailabilityPiece(name, s, s + 180, day=day))
        return person, pieces
    role = "student" if roll < 0.3 else "volunteer"
    trainee = rng.random() < 0.05
    mentor = not trainee and rng.random() < 0.06
    person = Person(
        name,
        role=role,
        languages=languages,
        mentor=mentor,
        trainee=trainee,
        max_hours=weeks * rng.choice((4, 6, 8, 10)),
        max_shifts_per_week=rng.choice((1, 2, 2, 3)),
        organisation=f"Org {i % 23}",
    )
    for weekday in rng.sample(range(7), rng.choice((2, 3, 3, 4))):
        a, b = _window(rng, weekday)
        pref = "preferred" if rng.random() < 0.3 else "available"
        pieces.append(AvailabilityPiece(name, a, b, preference=pref, weekday=weekday))
    if rng.random() < 0.2:
        away = start + timedelta(days=rng.randrange(7 * weeks))
        pieces.append(AvailabilityPiece(name, 0, 24 * 60, preference="away", day=away))
    return person, pieces


def instance(size: str, seed: int = 1, rules: Rules | None = None) -> Problem:
    """The seeded benchmark problem of ``size`` (S, M or L)."""
    people_count, weeks = SIZES[size]
    rules = rules or Rules()
    horizon = Horizon(START, weeks)
    rng = random.Random(f"{size}-{seed}")
    people, pieces = [], []
    for i in range(people_count):
        person, own = _person(rng, i, weeks, START)
        people.append(person)
        pieces.extend(own)
    return Problem(horizon, rules, tuple(people), tuple(pieces), demand(horizon, rules))
