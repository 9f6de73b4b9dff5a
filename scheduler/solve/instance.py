"""The problem made concrete for optimising: slots, queue curves and candidate shifts.

Pure Python (no solver): the CP-SAT model, the greedy baseline, the HiGHS comparison and
the KPIs all read the same :class:`Instance`, so they agree on what a shift, a slot and a
limit are.

A *candidate* is a shift a person could work: a contiguous run of slots of one service on
one day, every slot inside the person's offered time and the service's open hours, in a
language the person speaks, and of a length within the person's shift bounds. Hard rules
that are kept by construction (offered time, open hours, language, shift length, forbids)
are therefore true of every candidate; :mod:`scheduler.solve.constraints` still names and
checks them.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from ..domain import SERVICES, Person, Problem, Shift, Slot
from ..hours import offered_intervals, slot_grid
from ..queueing import slot_answered_curve

ANSWER_SCALE = 10_000
"""Answered contacts are scaled to whole numbers in units of 1/10,000 contact."""

MINUTES = 60


@dataclass(frozen=True)
class Candidate:
    """A shift one person could work: ``length`` slots from ``first`` (global slot index)."""

    index: int
    person: int
    service: str
    first: int
    length: int
    day: date
    week: int
    minutes: int
    preferred: int
    """How many of its slots lie in the person's preferred time."""

    @property
    def slots(self) -> range:
        return range(self.first, self.first + self.length)


@dataclass
class Instance:
    """Slots, demand, queue curves, people's offered slots and their candidate shifts."""

    problem: Problem
    slots: list[Slot]
    contacts: list[float]
    weight: list[float]
    min_staff: list[int]
    supervised: list[bool]
    offered: list[dict[int, bool]]
    """Per person: offered slot index → preferred."""
    candidates: list[Candidate]
    by_person: list[list[int]]
    covering: list[list[int]]
    """Per slot: the candidates that cover it."""
    pins: list[int]
    notes: list[str] = field(default_factory=list)
    """Pins that could not be kept as given, and why."""
    _curves: dict[int, tuple[float, ...]] = field(default_factory=dict, repr=False)
    _whole: set[int] = field(default_factory=set, repr=False)  # curves that reach the tail
    _marginals: dict[int, list[float]] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ people

    @property
    def people(self) -> tuple[Person, ...]:
        return self.problem.people

    def slot_minutes(self) -> int:
        return self.problem.rules.slot_minutes

    def slots_of_hours(self, hours: float | None, *, up: bool = False) -> int | None:
        """Hours as a whole number of slots (rounded down, or up for commitments)."""
        if hours is None:
            return None
        exact = hours * MINUTES / self.slot_minutes()
        return math.ceil(exact - 1e-9) if up else math.floor(exact + 1e-9)

    def shift_length_bounds(self, person: Person) -> tuple[int, int]:
        low, high = person.shift_bounds(self.problem.rules)
        lo = max(1, self.slots_of_hours(low, up=True) or 1)
        return lo, max(lo, self.slots_of_hours(high) or lo)

    def max_slots(self, person: Person) -> int | None:
        return self.slots_of_hours(person.max_hours)

    def max_week_slots(self, person: Person) -> int | None:
        return self.slots_of_hours(person.max_hours_per_week)

    def min_slots(self, person: Person) -> int:
        return self.slots_of_hours(person.min_hours, up=True) or 0

    # ------------------------------------------------------------------ queue

    def max_on_duty(self, slot: int) -> int:
        """How many people could be on duty in ``slot`` at most (distinct candidates)."""
        return len({self.candidates[c].person for c in self.covering[slot]})

    def curve(self, slot: int, n: int | None = None) -> tuple[float, ...]:
        """Expected answered contacts in ``slot`` for 0 … n (at least) on duty (unweighted).

        Without ``n``: up to everyone who could be on duty, or, when that is many, up to
        where one more person adds nothing at the model's scale (the queue is saturated);
        asking for a longer curve computes it.
        """
        have = self._curves.get(slot)
        if have is not None and (len(have) > n if n is not None else slot in self._whole):
            return have
        rules = self.problem.rules
        s = self.slots[slot]
        most = self.max_on_duty(slot)
        if n is not None:  # grow by doubling so a rising count does not recompute each time
            need = max(n, 1, 2 * (len(have) - 1) if have else 0)
        else:  # people the queue can keep busy, and a wide margin for waiting time
            busy = self.contacts[slot] / s.hours * rules.aht_minutes / 60 / rules.chats_per_worker
            need = max(
                1,
                min(most, math.ceil(busy + 6 * math.sqrt(busy) + 10)),
                len(have) - 1 if have else 0,
            )
        while True:
            have = slot_answered_curve(self.contacts[slot], s.hours, need, rules)
            flat = ANSWER_SCALE * self.weight[slot] * (have[-1] - have[-2]) < 0.5
            if need >= most or flat:
                self._whole.add(slot)
            if n is not None or need >= most or flat:
                break
            need = min(most, 2 * need)
        self._curves[slot] = have
        self._marginals.pop(slot, None)
        return have

    def answered(self, slot: int, n: int) -> float:
        return self.curve(slot, n)[n]

    def marginal(self, slot: int, n: int) -> float:
        """Weighted expected answered contacts one more person adds to ``n`` on duty."""
        steps = self._marginals.get(slot)
        if steps is None or n >= len(steps):
            curve = self.curve(slot, n + 1)
            w = self.weight[slot]
            steps = self._marginals[slot] = [
                w * (b - a) for a, b in zip(curve, curve[1:], strict=False)
            ]
        return steps[n]

    def scaled_curve(self, slot: int) -> list[int]:
        """The weighted curve in whole units of 1/ANSWER_SCALE contact, concave, flat tail cut.

        Marginals are rounded and made non-increasing, so the piecewise-linear model of it
        is exact at every whole number of people; it stops where one more person adds
        nothing at this scale, or at everyone who could be on duty.
        """
        curve = self.curve(slot)
        values = [0]
        last = None
        for n in range(1, min(len(curve), self.max_on_duty(slot) + 1)):
            step = round(ANSWER_SCALE * self.weight[slot] * (curve[n] - curve[n - 1]))
            if last is not None:
                step = min(step, last)
            if step <= 0:
                break
            values.append(values[-1] + step)
            last = step
        return values

    # ------------------------------------------------------------------ shifts

    def shift(self, cand: int | Candidate) -> Shift:
        c = self.candidates[cand] if isinstance(cand, int) else cand
        return Shift(
            self.people[c.person].name,
            c.service,
            self.slots[c.first].start,
            self.slots[c.first + c.length - 1].end,
        )

    def candidate_of(self, shift: Shift) -> int | None:
        return self._by_shift().get(
            (shift.name, shift.service, shift.start.timestamp(), shift.end.timestamp())
        )

    def _by_shift(self) -> dict[tuple[str, str, float, float], int]:
        cached = getattr(self, "_shift_index", None)
        if cached is None:
            cached = {}
            for c in self.candidates:
                s = self.shift(c)
                cached[(s.name, s.service, s.start.timestamp(), s.end.timestamp())] = c.index
            self._shift_index = cached
        return cached

    def roster_candidates(self, shifts) -> tuple[list[int], list[Shift]]:
        """Split shifts into known candidates and the rest (not workable as given)."""
        known, other = [], []
        for s in shifts:
            c = self.candidate_of(s)
            if c is None:
                other.append(s)
            else:
                known.append(c)
        return known, other

    @property
    def previous(self) -> set[int]:
        return set(self.roster_candidates(self.problem.previous)[0])

    def slots_within(self, service: str, start: datetime, end: datetime) -> list[int]:
        """Indices of the slots of ``service`` lying inside [start, end)."""
        index = getattr(self, "_index", None)
        if index is None:
            index = self._index = _timestamps(self.slots)
        starts, idx = index.get(service, ([], []))
        a, b = start.timestamp(), end.timestamp()
        out = []
        k = bisect_left(starts, a)
        while k < len(starts) and starts[k] < b:
            if self.slots[idx[k]].end.timestamp() <= b:
                out.append(idx[k])
            k += 1
        return out

    def person_index(self) -> dict[str, int]:
        return {p.name: i for i, p in enumerate(self.people)}

    def days_with_candidates(self, person: int) -> int:
        return len({self.candidates[c].day for c in self.by_person[person]})


# ---------------------------------------------------------------------- building


def _timestamps(slots: list[Slot]) -> dict[str, tuple[list[float], list[int]]]:
    by_service: dict[str, tuple[list[float], list[int]]] = {}
    for i, s in enumerate(slots):
        starts, idx = by_service.setdefault(s.service, ([], []))
        starts.append(s.start.timestamp())
        idx.append(i)
    return by_service


def _merge(ranges: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _offered(intervals, slots: list[Slot], index) -> dict[int, bool]:
    """Slots fully inside offered time → True where inside preferred time (bisect, fast)."""
    merged = _merge([(i.start.timestamp(), i.end.timestamp()) for i in intervals])
    pref = _merge([(i.start.timestamp(), i.end.timestamp()) for i in intervals if i.preferred])
    result: dict[int, bool] = {}
    for starts, idx in index.values():
        for s, e in merged:
            k = bisect_left(starts, s)
            while k < len(starts) and starts[k] < e:
                slot = idx[k]
                if slots[slot].end.timestamp() <= e:
                    result[slot] = False
                k += 1
    for slot in list(result):
        a, b = slots[slot].start.timestamp(), slots[slot].end.timestamp()
        result[slot] = any(s <= a and b <= e for s, e in pref)
    return result


def _runs(offered: Mapping[int, bool], slots: list[Slot]) -> list[list[int]]:
    """Maximal runs of offered slots that follow each other in one service on one day."""
    runs: list[list[int]] = []
    for i in sorted(offered):
        prev = runs[-1][-1] if runs else None
        if (
            prev is not None
            and prev == i - 1
            and slots[prev].service == slots[i].service
            and slots[prev].end == slots[i].start
            and slots[prev].day == slots[i].day
        ):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _overlaps(shift: Shift, service: str, start: datetime, end: datetime) -> bool:
    return shift.service == service and shift.start < end and start < shift.end


def build_instance(problem: Problem) -> Instance:
    """Slots, curves and every candidate shift of ``problem`` (pins checked, see notes)."""
    rules = problem.rules
    slots = slot_grid(problem.horizon, rules)
    keys = [s.key for s in slots]
    contacts = [float(problem.demand.get(k, 0.0)) for k in keys]
    weight = [float(problem.slot_weights.get(k, 1.0)) for k in keys]
    min_staff = [int(problem.min_staff_by_slot.get(k, rules.min_staff)) for k in keys]
    supervised = [rules.supervision and SERVICES[s.service].supervised for s in slots]
    index = _timestamps(slots)
    intervals = offered_intervals(problem.availability, problem.horizon)
    forbids = defaultdict(list)
    for f in problem.forbids:
        forbids[f.name].append(f)

    inst = Instance(
        problem,
        slots,
        contacts,
        weight,
        min_staff,
        supervised,
        [],
        [],
        [[] for _ in problem.people],
        [[] for _ in slots],
        [],
    )
    for p, person in enumerate(problem.people):
        offered = _offered(intervals.get(person.name, []), slots, index)
        inst.offered.append(offered)
        lo, hi = inst.shift_length_bounds(person)
        for run in _runs(offered, slots):
            service = slots[run[0]].service
            if not person.speaks(SERVICES[service].language):
                continue
            for length in range(lo, min(hi, len(run)) + 1):
                for k in range(len(run) - length + 1):
                    first = run[k]
                    start, end = slots[first].start, slots[first + length - 1].end
                    if any(_overlaps(f, service, start, end) for f in forbids[person.name]):
                        continue
                    day = slots[first].day
                    cand = Candidate(
                        index=len(inst.candidates),
                        person=p,
                        service=service,
                        first=first,
                        length=length,
                        day=day,
                        week=problem.horizon.week_of(day),
                        minutes=round(
                            sum(slots[i].hours for i in range(first, first + length)) * MINUTES
                        ),
                        preferred=sum(offered[i] for i in range(first, first + length)),
                    )
                    inst.candidates.append(cand)
                    inst.by_person[p].append(cand.index)
                    for i in cand.slots:
                        inst.covering[i].append(cand.index)
    _check_pins(inst)
    return inst


def _check_pins(inst: Instance) -> None:
    """Keep the pins that obey every rule; note the others (they are not kept)."""
    names = inst.person_index()
    by_person: dict[int, list[int]] = defaultdict(list)
    for pin in inst.problem.pins:
        cand = inst.candidate_of(pin)
        if cand is None:
            inst.notes.append(
                f"pin of {pin.name} in {pin.service} {pin.start.isoformat()}–"
                f"{pin.end.isoformat()} is not a shift they can work (outside their offered "
                "time or open hours, a language they do not speak, a length outside their "
                "shift bounds, or forbidden); it is not kept"
            )
            continue
        by_person[names[pin.name]].append(cand)
    for p, cands in by_person.items():
        person = inst.people[p]
        problem = _pin_limit_problem(inst, person, [inst.candidates[c] for c in cands])
        if problem:
            inst.notes.append(f"pins of {person.name} break {problem}; they are not kept")
            continue
        inst.pins.extend(sorted(set(cands)))


def _pin_limit_problem(inst: Instance, person: Person, cands: list[Candidate]) -> str:
    days = [c.day for c in cands]
    if len(set(days)) < len(days):
        return "one shift a day"
    total = sum(c.length for c in cands)
    cap = inst.max_slots(person)
    if cap is not None and total > cap:
        return "max_hours"
    weeks: dict[int, list[Candidate]] = defaultdict(list)
    for c in cands:
        weeks[c.week].append(c)
    week_cap = inst.max_week_slots(person)
    for items in weeks.values():
        if week_cap is not None and sum(c.length for c in items) > week_cap:
            return "max_hours_per_week"
        if person.max_shifts_per_week is not None and len(items) > person.max_shifts_per_week:
            return "max_shifts_per_week"
    return ""
