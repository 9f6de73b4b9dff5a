"""The problem made concrete for optimising: slots, queue curves and candidate shifts.

Pure Python (no solver): the CP-SAT model, the LP bound, the greedy, the local search, the
rule checker and the KPIs all read the same :class:`Instance`, so they agree on what a
shift, a slot and a limit are. It is built once (:func:`build_instance`) and does not
change afterwards; what a stage of the solve varies (the pins it keeps) is that stage's
input.

A *candidate* is a shift a person could work: a run of one chat's open slots on one day,
inside the person's offered time, in a language they speak, of a length within their
shift bounds, overlapping none of their forbidden shifts. Those rules (the built-in ones
of :mod:`scheduler.rules`) are therefore true of every candidate; the rules' own
``admits`` say so and the registry test checks it.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ..domain import HELSINKI, SERVICES, Person, Problem, Shift, Slot
from ..hours import offered_intervals, slot_grid
from ..i18n import T, Text
from ..queueing import slot_answered_curve
from ..rules import RULES, check
from ..rules.forbidden import overlaps_forbid
from ..rules.language import speaks_for
from ..rules.offered_time import offered_slots
from ..rules.open_hours import follows, runs
from ..rules.pins_kept import PinsKept
from ..rules.shift_length import slot_bounds

ANSWER_SCALE = 10_000
"""Answered contacts are scaled to whole numbers in units of 1/10,000 contact."""

MINUTES = 60

ShiftKey = tuple[str, str, float, float]


def shift_key(shift: Shift) -> ShiftKey:
    """A shift's identity across time zones: name, chat, start and end instants."""
    return (shift.name, shift.service, shift.start.timestamp(), shift.end.timestamp())


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, eq=False)
class Instance:
    """Slots, demand, queue curves, people's offered slots and their candidate shifts.

    ``curves[s]`` is the expected answered contacts in slot ``s`` for 0, 1, 2, … on duty,
    up to everyone who could be on duty there (or where one more person adds nothing at
    the model's scale); ``scaled[s]`` the same weighted, in whole 1/ANSWER_SCALE units,
    concave. ``pins`` are the candidates of the problem's pins that keep every rule on
    their own; ``notes`` say which pins were left out and why.
    """

    problem: Problem
    slots: tuple[Slot, ...]
    contacts: tuple[float, ...]
    weight: tuple[float, ...]
    min_staff: tuple[int, ...]
    supervised: tuple[bool, ...]
    offered: tuple[Mapping[int, bool], ...]
    """Per person: offered slot index → preferred."""
    candidates: tuple[Candidate, ...]
    by_person: tuple[tuple[int, ...], ...]
    covering: tuple[tuple[int, ...], ...]
    """Per slot: the candidates that cover it."""
    curves: tuple[tuple[float, ...], ...]
    scaled: tuple[tuple[int, ...], ...]
    pins: tuple[int, ...] = ()
    notes: tuple[Text, ...] = ()
    _names: Mapping[str, int] = field(default_factory=dict, repr=False)
    _by_shift: Mapping[ShiftKey, int] = field(default_factory=dict, repr=False)
    _starts: Mapping[str, tuple[list[float], list[int]]] = field(default_factory=dict, repr=False)
    _forbids: Mapping[str, tuple[Shift, ...]] = field(default_factory=dict, repr=False)
    _labels: tuple[str, ...] = field(default=(), repr=False)
    _start_ts: tuple[float, ...] = field(default=(), repr=False)
    _end_ts: tuple[float, ...] = field(default=(), repr=False)
    _days: tuple[date, ...] = field(default=(), repr=False)
    _longer: dict[int, tuple[float, ...]] = field(default_factory=dict, repr=False)
    """Memo of curves asked beyond everyone who could be on duty (a roster from elsewhere,
    one more person for recruiting): values only, the instance does not change."""

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

    def min_slots(self, person: Person) -> int:
        """A person's min_hours commitment in whole slots (rounded up)."""
        return self.slots_of_hours(person.min_hours, up=True) or 0

    def person_index(self) -> Mapping[str, int]:
        return self._names

    def person_of(self, name: str) -> Person | None:
        p = self._names.get(name)
        return None if p is None else self.people[p]

    def forbids_of(self, name: str) -> tuple[Shift, ...]:
        return self._forbids.get(name, ())

    def days_with_candidates(self, person: int) -> int:
        return len({self.candidates[c].day for c in self.by_person[person]})

    # ------------------------------------------------------------------ queue

    def max_on_duty(self, slot: int) -> int:
        """How many people could be on duty in ``slot`` at most (distinct candidates)."""
        return len({self.candidates[c].person for c in self.covering[slot]})

    def curve(self, slot: int, n: int | None = None) -> tuple[float, ...]:
        """Expected answered contacts in ``slot`` for 0 … n (at least) on duty (unweighted);
        without ``n`` the whole curve (see the class)."""
        have = self.curves[slot]
        if n is None or n < len(have):
            return have
        longer = self._longer.get(slot)
        if longer is None or n >= len(longer):
            longer = slot_answered_curve(
                self.contacts[slot],
                self.slots[slot].hours,
                max(n, 2 * len(have)),
                self.problem.rules,
            )
            self._longer[slot] = longer
        return longer

    def answered(self, slot: int, n: int) -> float:
        return self.curve(slot, n)[n]

    def marginal(self, slot: int, n: int) -> float:
        """Weighted expected answered contacts one more person adds to ``n`` on duty."""
        curve = self.curve(slot, n + 1)
        return self.weight[slot] * (curve[n + 1] - curve[n])

    def scaled_curve(self, slot: int) -> tuple[int, ...]:
        return self.scaled[slot]

    # ------------------------------------------------------------------ shifts

    def shift(self, cand: int | Candidate) -> Shift:
        c = self.candidates[cand] if isinstance(cand, int) else cand
        return Shift(
            self.people[c.person].name,
            c.service,
            self.slots[c.first].start,
            self.slots[c.first + c.length - 1].end,
        )

    def span(self, cand: int) -> tuple[float, float]:
        """A candidate's start and end as timestamps."""
        c = self.candidates[cand]
        return self.slots[c.first].start.timestamp(), self.slots[
            c.first + c.length - 1
        ].end.timestamp()

    def label(self, cand: int) -> str:
        """A candidate in words, for the solver model: ``Anna fi 2026-03-02 18:00+4``."""
        c = self.candidates[cand]
        return f"{self.people[c.person].name} {c.service} {self._labels[c.first]}+{c.length}"

    def adjoins(self, a: int, b: int) -> bool:
        """Whether slot ``b`` comes right after slot ``a`` in one chat on one day."""
        sa, sb = self.slots[a], self.slots[b]
        return (
            sa.service == sb.service
            and self._end_ts[a] == self._start_ts[b]
            and self._days[a] == self._days[b]
        )

    def label_of_slot(self, slot: int) -> str:
        """A slot's local start in words, for the solver model: ``2026-03-02 18:00``."""
        return self._labels[slot]

    def candidate_of(self, shift: Shift) -> int | None:
        return self._by_shift.get(shift_key(shift))

    def roster_candidates(self, shifts: Iterable[Shift]) -> tuple[list[int], list[Shift]]:
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
        starts, idx = self._starts.get(service, ([], []))
        a, b = start.timestamp(), end.timestamp()
        out = []
        k = bisect_left(starts, a)
        while k < len(starts) and starts[k] < b:
            if self._end_ts[idx[k]] <= b:
                out.append(idx[k])
            k += 1
        return out


# ---------------------------------------------------------------------- building


def _timestamps(slots: Sequence[Slot]) -> dict[str, tuple[list[float], list[int]]]:
    by_service: dict[str, tuple[list[float], list[int]]] = {}
    for i, s in enumerate(slots):
        starts, idx = by_service.setdefault(s.service, ([], []))
        starts.append(s.start.timestamp())
        idx.append(i)
    return by_service


def _whole_curve(
    problem: Problem, slot: Slot, contacts: float, weight: float, most: int
) -> tuple[float, ...]:
    """The curve up to everyone who could be on duty, or, when that is many, to where one
    more person adds nothing at the model's scale (the queue is saturated)."""
    rules = problem.rules
    busy = contacts / slot.hours * rules.aht_minutes / 60 / rules.chats_per_worker
    need = max(1, min(most, math.ceil(busy + 6 * math.sqrt(busy) + 10)))
    while True:
        curve = slot_answered_curve(contacts, slot.hours, need, rules)
        flat = ANSWER_SCALE * weight * (curve[-1] - curve[-2]) < 0.5
        if need >= most or flat:
            return curve
        need = min(most, 2 * need)


def _scaled(curve: Sequence[float], weight: float, most: int) -> tuple[int, ...]:
    """The weighted curve in whole units, concave, cut where a step adds nothing."""
    values = [0]
    last = None
    for n in range(1, min(len(curve), most + 1)):
        step = round(ANSWER_SCALE * weight * (curve[n] - curve[n - 1]))
        if last is not None:
            step = min(step, last)
        if step <= 0:
            break
        values.append(values[-1] + step)
        last = step
    return tuple(values)


def build_instance(problem: Problem) -> Instance:
    """Slots, curves and every candidate shift of ``problem`` (pins checked, see notes)."""
    rules = problem.rules
    slots = tuple(slot_grid(problem.horizon, rules))
    keys = [s.key for s in slots]
    contacts = tuple(float(problem.demand.get(k, 0.0)) for k in keys)
    weight = tuple(float(problem.slot_weights.get(k, 1.0)) for k in keys)
    min_staff = tuple(int(problem.min_staff_by_slot.get(k, rules.min_staff)) for k in keys)
    supervised = tuple(rules.supervision and SERVICES[s.service].supervised for s in slots)
    index = _timestamps(slots)
    start_ts = tuple(s.start.timestamp() for s in slots)
    end_ts = tuple(s.end.timestamp() for s in slots)
    intervals = offered_intervals(problem.availability, problem.horizon)
    forbids: dict[str, list[Shift]] = defaultdict(list)
    for f in problem.forbids:
        forbids[f.name].append(f)

    days = tuple(s.day for s in slots)
    weeks = tuple(problem.horizon.week_of(d) for d in days)
    joined = [False] + [follows(slots[i - 1], slots[i]) for i in range(1, len(slots))]

    offered: list[dict[int, bool]] = []
    candidates: list[Candidate] = []
    by_person: list[list[int]] = [[] for _ in problem.people]
    covering: list[list[int]] = [[] for _ in slots]
    for p, person in enumerate(problem.people):
        mine = offered_slots(intervals.get(person.name, []), slots, index, (start_ts, end_ts))
        offered.append(mine)
        lo, hi = slot_bounds(person, rules)
        for run in runs(slots, mine, joined):
            service = slots[run[0]].service
            if not speaks_for(person, service):
                continue
            # preferred slots before each place in the run, to count a shift's in one step
            before = [0]
            for i in run:
                before.append(before[-1] + mine[i])
            for length in range(lo, min(hi, len(run)) + 1):
                for k in range(len(run) - length + 1):
                    first = run[k]
                    last = first + length - 1
                    if forbids[person.name] and overlaps_forbid(
                        forbids[person.name],
                        person.name,
                        service,
                        slots[first].start,
                        slots[last].end,
                    ):
                        continue
                    cand = Candidate(
                        index=len(candidates),
                        person=p,
                        service=service,
                        first=first,
                        length=length,
                        day=days[first],
                        week=weeks[first],
                        minutes=round((end_ts[last] - start_ts[first]) / MINUTES),
                        preferred=before[k + length] - before[k],
                    )
                    candidates.append(cand)
                    by_person[p].append(cand.index)
                    for i in range(first, last + 1):
                        covering[i].append(cand.index)

    most = [len({candidates[c].person for c in cov}) for cov in covering]
    curves = tuple(
        _whole_curve(problem, slots[s], contacts[s], weight[s], most[s]) for s in range(len(slots))
    )
    scaled = tuple(_scaled(curves[s], weight[s], most[s]) for s in range(len(slots)))
    labels = tuple(f"{s.start.astimezone(HELSINKI):%Y-%m-%d %H:%M}" for s in slots)
    inst = Instance(
        problem,
        slots,
        contacts,
        weight,
        min_staff,
        supervised,
        tuple(offered),
        tuple(candidates),
        tuple(tuple(x) for x in by_person),
        tuple(tuple(x) for x in covering),
        curves,
        scaled,
        _names={p.name: i for i, p in enumerate(problem.people)},
        _starts=index,
        _forbids={k: tuple(v) for k, v in forbids.items()},
        _labels=labels,
        _start_ts=start_ts,
        _end_ts=end_ts,
        _days=days,
    )
    names = [p.name for p in problem.people]
    by_shift = {
        (names[c.person], c.service, start_ts[c.first], end_ts[c.first + c.length - 1]): c.index
        for c in candidates
    }
    inst = replace(inst, _by_shift=by_shift)
    pins, notes = _check_pins(inst)
    return replace(inst, pins=pins, notes=notes, _longer={})


def _check_pins(inst: Instance) -> tuple[tuple[int, ...], tuple[Text, ...]]:
    """The pins that keep every rule (each person's pins taken together), and a note for
    every pin left out, with the rule it breaks."""
    notes: list[Text] = []
    by_person: dict[str, list[Shift]] = defaultdict(list)
    for pin in inst.problem.pins:
        by_person[pin.name].append(pin)
    person_rules = [
        r for r in RULES if not isinstance(r, PinsKept) and r.name != "trainee_beside_mentor"
    ]
    kept: list[int] = []
    for pins in by_person.values():
        broken = check(inst, pins, person_rules)
        if broken:
            for v in broken:
                notes.append(T("a pin is not kept: {violation}", violation=v.message))
            continue
        for pin in pins:
            c = inst.candidate_of(pin)
            if c is None:  # cannot happen when every built-in rule holds: a safeguard
                notes.append(
                    T("a pin is not kept: {shift} is not a shift they can work", shift=str(pin))
                )
            else:
                kept.append(c)
    return tuple(sorted(set(kept))), tuple(notes)
