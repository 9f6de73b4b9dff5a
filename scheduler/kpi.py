"""KPIs of a roster, recomputed from its shifts alone (no solver).

* :func:`evaluate` — coverage rows, gaps with reasons, the goals' values, expected
  answered contacts from each slot's Erlang A curve at its staffed count.
* :func:`explain_gaps` — why each open slot below its minimum stayed short.
* :func:`recruit_blocks` — weekly 3-hour blocks ranked by what one more duty worker
  available there would add (expected answered contacts a month).
* :func:`summary` — the ``summary.json`` object of DESIGN.md.
* :func:`violations` — every hard rule checked on any roster, one named check a rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import time as clock
from typing import Any

from .domain import HELSINKI, SERVICES, Problem, Shift
from .roster import CoverageRow, Result, Roster, UncoveredSlot
from .solve.goals import GoalValues, goal_values, shift_slots
from .solve.instance import Instance, build_instance

DAYS_PER_MONTH = 365.25 / 12
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Evaluation:
    """Everything a roster achieves, by the goals of DESIGN.md and as KPIs.

    ``objective`` is goal 3 (weighted expected answered contacts); ``breakdown`` has
    every goal (see :mod:`scheduler.solve.goals`). ``expected_answered`` is unweighted.
    """

    coverage: tuple[CoverageRow, ...]
    uncovered: tuple[UncoveredSlot, ...]
    breakdown: dict[str, float]
    objective: float
    forecast_contacts: float
    expected_answered: float
    expected_answer_rate: float
    assigned_hours: float
    offered_hours: float
    goals: GoalValues


@dataclass(frozen=True)
class RecruitBlock:
    """A weekly block where one more available duty worker would answer the most."""

    service: str
    weekday: int
    start: clock
    end: clock
    answered_per_month: float
    short_hours_per_month: float

    def as_row(self, rank: int) -> dict[str, Any]:
        return {
            "rank": rank,
            "service": self.service,
            "weekday": WEEKDAYS[self.weekday],
            "start": self.start.strftime("%H:%M"),
            "end": "24:00" if self.end == clock(0) else self.end.strftime("%H:%M"),
            "answered_per_month": f"{self.answered_per_month:.2f}",
            "short_hours_per_month": f"{self.short_hours_per_month:.2f}",
        }


def _instance(problem: Problem, instance: Instance | None) -> Instance:
    return (
        instance
        if instance is not None and instance.problem is problem
        else build_instance(problem)
    )


def evaluate(
    problem: Problem, roster: Roster | Iterable[Shift], *, instance: Instance | None = None
) -> Evaluation:
    """Recompute coverage, gaps, goals and KPIs of ``roster`` for ``problem``."""
    inst = _instance(problem, instance)
    shifts = list(roster)
    values = goal_values(inst, shifts)
    rows = []
    expected = 0.0
    for i, slot in enumerate(inst.slots):
        n = values.staffed[i]
        answered = inst.answered(i, n) if n else 0.0
        expected += answered
        rows.append(
            CoverageRow(
                slot.service,
                slot.start,
                slot.end,
                n,
                inst.min_staff[i],
                inst.contacts[i],
                answered,
                values.on_duty[i],
            )
        )
    forecast = sum(inst.contacts)
    hours = inst.slot_minutes() / 60
    return Evaluation(
        coverage=tuple(rows),
        uncovered=tuple(explain_gaps(problem, shifts, instance=inst, values=values)),
        breakdown=values.breakdown(inst),
        objective=values.answered,
        forecast_contacts=forecast,
        expected_answered=expected,
        expected_answer_rate=expected / forecast if forecast else 0.0,
        assigned_hours=sum(s.hours for s in shifts),
        offered_hours=sum(len(o) for o in inst.offered) * hours,
        goals=values,
    )


# --------------------------------------------------------------------------- gaps


def _why_not(
    inst: Instance, p: int, slot: int, shifts_of: Mapping[str, list[Shift]], values: GoalValues
) -> str:
    """The rule that keeps person ``p`` off ``slot`` (or "" if nothing does)."""
    person = inst.people[p]
    s = inst.slots[slot]
    mine = shifts_of.get(person.name, [])
    if any(
        f.name == person.name and f.service == s.service and f.start < s.end and s.start < f.end
        for f in inst.problem.forbids
    ):
        return "forbidden there"
    if any(x.start < s.end and s.start < x.end for x in mine):
        return "already on another service"
    if any(x.day == s.day for x in mine):
        return "one shift a day"
    lo, _ = inst.shift_length_bounds(person)
    if not any(slot in inst.candidates[c].slots for c in inst.by_person[p]):
        return (
            f"shift length: the offered time around it is under {lo * inst.slot_minutes() / 60:g} h"
        )
    worked = values.slots_by_person.get(person.name, 0)
    cap = inst.max_slots(person)
    if cap is not None and worked + lo > cap:
        return "max_hours"
    week = inst.problem.horizon.week_of(s.day)
    in_week = [x for x in mine if inst.problem.horizon.week_of(x.day) == week]
    week_cap = inst.max_week_slots(person)
    if week_cap is not None and sum(len(shift_slots(inst, x)) for x in in_week) + lo > week_cap:
        return "max_hours_per_week"
    if person.max_shifts_per_week is not None and len(in_week) >= person.max_shifts_per_week:
        return "max_shifts_per_week"
    if person.trainee and not any(inst.people[q].mentor for q in _on(inst, values, slot)):
        return "no mentor on for this trainee"
    return ""


def _on(inst: Instance, values: GoalValues, slot: int) -> list[int]:
    names = inst.person_index()
    return [names[n] for n in values.on_duty[slot] if n in names]


def explain_gaps(
    problem: Problem,
    roster: Roster | Iterable[Shift],
    *,
    instance: Instance | None = None,
    values: GoalValues | None = None,
) -> list[UncoveredSlot]:
    """Each open slot below its minimum staff, with the reason it stayed short."""
    inst = _instance(problem, instance)
    shifts = list(roster)
    values = values or goal_values(inst, shifts)
    shifts_of: dict[str, list[Shift]] = defaultdict(list)
    for x in shifts:
        shifts_of[x.name].append(x)
    out = []
    for i, slot in enumerate(inst.slots):
        n, need = values.staffed[i], inst.min_staff[i]
        if n >= need:
            continue
        on = set(values.on_duty[i])
        offered = [
            p for p, o in enumerate(inst.offered) if i in o and inst.people[p].name not in on
        ]
        language = SERVICES[slot.service].language
        speakers = [p for p in offered if inst.people[p].speaks(language)]
        if not offered:
            reason, detail = "nobody offered it", ("" if not n else f"{n} on duty, {need} needed")
        elif not speakers:
            reason = f"nobody who offered it speaks {language}"
            detail = f"{len(offered)} offered it"
        else:
            why = {inst.people[p].name: _why_not(inst, p, i, shifts_of, values) for p in speakers}
            blocked = {k: v for k, v in why.items() if v}
            if len(blocked) < len(why):
                reason = "not placed"
                detail = (
                    f"{len(why) - len(blocked)} could still be placed "
                    "(the search ended before it reached this slot)"
                )
            elif all(v == "no mentor on for this trainee" for v in blocked.values()):
                reason, detail = "no mentor for a trainee", _names(blocked)
            else:
                reason, detail = "those who offered it are at a limit", _names(blocked)
        out.append(UncoveredSlot(slot.service, slot.start, slot.end, n, need, reason, detail))
    return out


def _names(why: Mapping[str, str], most: int = 6) -> str:
    items = sorted(why.items())
    text = "; ".join(f"{name}: {rule}" for name, rule in items[:most])
    return text + (f"; and {len(items) - most} more" if len(items) > most else "")


# --------------------------------------------------------------------------- recruiting


def recruit_blocks(
    problem: Problem,
    roster: Roster | Iterable[Shift],
    *,
    instance: Instance | None = None,
    block_hours: int = 3,
) -> list[RecruitBlock]:
    """Weekly blocks (weekday, start on the hour, ``block_hours`` long) of each service,
    ranked by the expected answered contacts a month that one more duty worker on duty
    throughout the block would add at the roster's staffing (marginals of the curves).
    """
    inst = _instance(problem, instance)
    values = goal_values(inst, list(roster))
    per_month = DAYS_PER_MONTH / (7 * problem.horizon.weeks)
    gain: dict[tuple[str, int, int], float] = defaultdict(float)
    short: dict[tuple[str, int, int], float] = defaultdict(float)
    starts: set[tuple[str, int, int]] = set()
    for i, slot in enumerate(inst.slots):
        local = slot.start.astimezone(HELSINKI)
        minute = local.hour * 60 + local.minute
        weekday = local.weekday()
        if minute % 60 == 0:
            starts.add((slot.service, weekday, local.hour))
        n = values.staffed[i]
        extra = inst.answered(i, n + 1) - inst.answered(i, n)
        for h in range(max(0, local.hour - block_hours + 1), local.hour + 1):
            key = (slot.service, weekday, h)
            gain[key] += extra
            short[key] += slot.hours if n < inst.min_staff[i] else 0.0
    blocks = [
        RecruitBlock(
            service,
            weekday,
            clock(h),
            clock((h + block_hours) % 24),
            gain[(service, weekday, h)] * per_month,
            short[(service, weekday, h)] * per_month,
        )
        for service, weekday, h in starts
        if h + block_hours <= 24
    ]
    blocks.sort(key=lambda b: (-b.answered_per_month, b.service, b.weekday, b.start))
    return blocks


# --------------------------------------------------------------------------- summary


def summary(
    problem: Problem,
    result: Result,
    settings: Mapping[str, Any] | None = None,
    *,
    instance: Instance | None = None,
) -> dict[str, Any]:
    """The ``summary.json`` object of DESIGN.md for ``result``."""
    inst = _instance(problem, instance)
    ev = evaluate(problem, result.roster, instance=inst)
    rules = problem.rules
    merged = {
        "aht_minutes": rules.aht_minutes,
        "patience_minutes": rules.patience_minutes,
        "chats_per_worker": rules.chats_per_worker,
        "slot_minutes": rules.slot_minutes,
        "min_shift_hours": rules.min_shift_hours,
        "max_shift_hours": rules.max_shift_hours,
        "min_staff": rules.min_staff,
        "supervision": rules.supervision,
        "holiday_mode": rules.holiday_mode,
        "services": list(rules.services),
        "replan_tolerance": rules.replan_tolerance,
        "start": problem.horizon.start.isoformat(),
        "weeks": problem.horizon.weeks,
        **dict(settings or {}),
    }
    by_org: dict[str, float] = defaultdict(float)
    people = {p.name: p for p in problem.people}
    for s in result.roster:
        org = people[s.name].organisation if s.name in people else ""
        by_org[org or "(none)"] += s.hours
    return {
        "status": result.status,
        "objective": round(result.objective, 6),
        "best_bound": round(result.best_bound, 6),
        "gap": round(result.gap, 6),
        "solve_seconds": round(result.solve_seconds, 3),
        "forecast_contacts": round(ev.forecast_contacts, 4),
        "expected_answered": round(ev.expected_answered, 4),
        "expected_answer_rate": round(ev.expected_answer_rate, 6),
        "uncovered_slots": [u.as_dict() for u in ev.uncovered],
        "people": len(problem.people),
        "people_on_duty": len({s.name for s in result.roster}),
        "shifts": len(result.roster),
        "assigned_hours": round(ev.assigned_hours, 4),
        "offered_hours": round(ev.offered_hours, 4),
        "breakdown": ev.breakdown,
        "stages": list(result.stages),
        "notes": list(result.notes),
        "hours_by_organisation": {k: round(v, 4) for k, v in sorted(by_org.items())},
        "settings": merged,
    }


# --------------------------------------------------------------------------- hard rules


def _fmt(shift: Shift) -> str:
    return (
        f"{shift.name} {shift.service} {shift.start.astimezone(HELSINKI):%Y-%m-%d %H:%M}–"
        f"{shift.end.astimezone(HELSINKI):%H:%M}"
    )


def check_offered_and_open(inst: Instance, shifts: list[Shift]) -> list[str]:
    """Every shift is a run of open slots of its service, all offered by its person."""
    names = inst.person_index()
    out = []
    for s in shifts:
        slots = shift_slots(inst, s)
        whole = (
            slots
            and inst.slots[slots[0]].start == s.start
            and inst.slots[slots[-1]].end == s.end
            and all(
                inst.slots[a].end == inst.slots[b].start
                for a, b in zip(slots, slots[1:], strict=False)
            )
        )
        if not whole:
            out.append(f"{_fmt(s)}: outside the service's open hours")
        elif s.name not in names or any(i not in inst.offered[names[s.name]] for i in slots):
            out.append(f"{_fmt(s)}: outside the time {s.name} offered")
    return out


def check_language(inst: Instance, shifts: list[Shift]) -> list[str]:
    """Everyone on a service speaks its language."""
    people = {p.name: p for p in inst.people}
    return [
        f"{_fmt(s)}: {s.name} does not speak {SERVICES[s.service].language}"
        for s in shifts
        if s.name in people and not people[s.name].speaks(SERVICES[s.service].language)
    ]


def check_shift_length(inst: Instance, shifts: list[Shift]) -> list[str]:
    """Every shift lasts within its person's min and max shift length."""
    people = {p.name: p for p in inst.people}
    out = []
    for s in shifts:
        if s.name in people:
            lo, hi = people[s.name].shift_bounds(inst.problem.rules)
            if not lo - 1e-9 <= s.hours <= hi + 1e-9:
                out.append(f"{_fmt(s)}: {s.hours:g} h is outside {lo:g}–{hi:g} h")
    return out


def check_one_shift_a_day(inst: Instance, shifts: list[Shift]) -> list[str]:
    """Nobody has two shifts on one day."""
    seen: dict[tuple[str, object], Shift] = {}
    out = []
    for s in sorted(shifts, key=lambda s: s.start):
        key = (s.name, s.day)
        if key in seen:
            out.append(f"{_fmt(s)}: a second shift on {s.day}")
        seen[key] = s
    return out


def check_one_service_at_a_time(inst: Instance, shifts: list[Shift]) -> list[str]:
    """Nobody is on two shifts (of any services) at the same time."""
    out = []
    by_person: dict[str, list[Shift]] = defaultdict(list)
    for s in shifts:
        by_person[s.name].append(s)
    for items in by_person.values():
        items.sort(key=lambda s: s.start)
        for a, b in zip(items, items[1:], strict=False):
            if b.start < a.end:
                out.append(f"{_fmt(b)}: overlaps {_fmt(a)}")
    return out


def _limit_checks(inst: Instance, shifts: list[Shift], kind: str) -> list[str]:
    people = {p.name: p for p in inst.people}
    horizon = inst.problem.horizon
    totals: dict[tuple[str, int | None], list[Shift]] = defaultdict(list)
    for s in shifts:
        week = None if kind == "max_hours" else horizon.week_of(s.day)
        totals[(s.name, week)].append(s)
    out = []
    for (name, week), items in totals.items():
        person = people.get(name)
        if person is None:
            continue
        hours = sum(s.hours for s in items)
        where = "" if week is None else f" in week {week + 1}"
        if kind == "max_hours" and person.max_hours is not None and hours > person.max_hours + 1e-9:
            out.append(f"{name}: {hours:g} h is over max_hours {person.max_hours:g}")
        if (
            kind == "max_hours_per_week"
            and person.max_hours_per_week is not None
            and hours > person.max_hours_per_week + 1e-9
        ):
            out.append(
                f"{name}: {hours:g} h{where} is over max_hours_per_week "
                f"{person.max_hours_per_week:g}"
            )
        if (
            kind == "max_shifts_per_week"
            and person.max_shifts_per_week is not None
            and len(items) > person.max_shifts_per_week
        ):
            out.append(
                f"{name}: {len(items)} shifts{where} is over max_shifts_per_week "
                f"{person.max_shifts_per_week}"
            )
    return out


def check_max_hours(inst: Instance, shifts: list[Shift]) -> list[str]:
    """Nobody works more than max_hours in the horizon."""
    return _limit_checks(inst, shifts, "max_hours")


def check_max_hours_per_week(inst: Instance, shifts: list[Shift]) -> list[str]:
    """Nobody works more than max_hours_per_week in any week of the horizon."""
    return _limit_checks(inst, shifts, "max_hours_per_week")


def check_max_shifts_per_week(inst: Instance, shifts: list[Shift]) -> list[str]:
    """Nobody has more than max_shifts_per_week shifts in any week of the horizon."""
    return _limit_checks(inst, shifts, "max_shifts_per_week")


def check_trainee_beside_mentor(inst: Instance, shifts: list[Shift]) -> list[str]:
    """Every slot a trainee works has a mentor on in the same service."""
    people = {p.name: p for p in inst.people}
    mentors: dict[int, int] = defaultdict(int)
    for s in shifts:
        if s.name in people and people[s.name].mentor:
            for i in shift_slots(inst, s):
                mentors[i] += 1
    out = []
    for s in shifts:
        if s.name in people and people[s.name].trainee:
            alone = [i for i in shift_slots(inst, s) if not mentors[i]]
            if alone:
                at = inst.slots[alone[0]].start.astimezone(HELSINKI)
                out.append(f"{_fmt(s)}: trainee without a mentor at {at:%H:%M}")
    return out


def check_pins_kept(inst: Instance, shifts: list[Shift]) -> list[str]:
    """Every pin that obeys the rules is in the roster (the others are noted, not kept)."""
    have = {(s.name, s.service, s.start.timestamp(), s.end.timestamp()) for s in shifts}
    out = []
    for c in inst.pins:
        pin = inst.shift(c)
        if (pin.name, pin.service, pin.start.timestamp(), pin.end.timestamp()) not in have:
            out.append(f"{_fmt(pin)}: pinned but not in the roster")
    return out


def check_forbids(inst: Instance, shifts: list[Shift]) -> list[str]:
    """No shift overlaps a forbidden shift of the same person and service."""
    return [
        f"{_fmt(s)}: overlaps the forbidden {_fmt(f)}"
        for s in shifts
        for f in inst.problem.forbids
        if f.name == s.name and f.service == s.service and f.start < s.end and s.start < f.end
    ]


def check_known_people(inst: Instance, shifts: list[Shift]) -> list[str]:
    """Every shift belongs to a person of the plan."""
    names = inst.person_index()
    return [f"{_fmt(s)}: {s.name} is not in the plan" for s in shifts if s.name not in names]


RULE_CHECKS = (
    check_known_people,
    check_offered_and_open,
    check_language,
    check_shift_length,
    check_one_shift_a_day,
    check_one_service_at_a_time,
    check_max_hours,
    check_max_hours_per_week,
    check_max_shifts_per_week,
    check_trainee_beside_mentor,
    check_pins_kept,
    check_forbids,
)


def violations(
    problem: Problem, roster: Roster | Iterable[Shift], *, instance: Instance | None = None
) -> list[str]:
    """Every breach of a hard rule in ``roster`` (empty when it keeps them all)."""
    inst = _instance(problem, instance)
    shifts = list(roster)
    return [msg for check in RULE_CHECKS for msg in check(inst, shifts)]
