"""A greedy roster: the benchmark baseline and the optimiser's first hint.

Starting from the pins, it adds the candidate shift with the largest gain until nothing
that fits the hard rules gains anything. ``by="answered"`` ranks by the marginal expected
answered contacts alone (the plain baseline); ``by="goals"`` ranks by the goals in their
order (staff-slots brought up to the minimum, then supervision, then answered contacts).

Gains are kept in one array and updated where a shift changes them: adding a shift
changes the marginal of its slots for every candidate covering them (the queue curves are
concave, so gains only shrink), and may use up its person's limits. Pure Python and NumPy:
no solver.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

import numpy as np

from .instance import Instance

Ranking = Literal["answered", "goals"]


class _State:
    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.staffed = [0] * len(inst.slots)
        self.supervisors = [0] * len(inst.slots)
        self.mentors = [0] * len(inst.slots)
        self.days: list[set] = [set() for _ in inst.people]
        self.total = [0] * len(inst.people)
        self.week_slots: list[dict[int, int]] = [defaultdict(int) for _ in inst.people]
        self.week_shifts: list[dict[int, int]] = [defaultdict(int) for _ in inst.people]
        self.chosen: list[int] = []
        self.cap = [inst.max_slots(p) for p in inst.people]
        self.week_cap = [inst.max_week_slots(p) for p in inst.people]

    def fits(self, c: int) -> bool:
        """Every hard rule still holds with candidate ``c`` added (mentor aside)."""
        cand = self.inst.candidates[c]
        p = cand.person
        person = self.inst.people[p]
        if cand.day in self.days[p]:
            return False
        cap = self.cap[p]
        if cap is not None and self.total[p] + cand.length > cap:
            return False
        week_cap = self.week_cap[p]
        if week_cap is not None and self.week_slots[p][cand.week] + cand.length > week_cap:
            return False
        limit = person.max_shifts_per_week
        return limit is None or self.week_shifts[p][cand.week] + 1 <= limit

    def mentored(self, c: int) -> bool:
        cand = self.inst.candidates[c]
        return not self.inst.people[cand.person].trainee or all(
            self.mentors[s] > 0 for s in cand.slots
        )

    def gain(self, c: int, by: Ranking) -> float:
        """The gain of adding ``c``, one number ordered like the goals.

        ``goals``: staff-slots brought up to the minimum × 10⁸ + supervised slots × 10⁴ +
        answered contacts (a shift covers at most a day's slots and answers far fewer than
        10⁴ contacts, so the order of the goals holds).
        """
        inst = self.inst
        cand = inst.candidates[c]
        staffed = self.staffed
        answered = sum(inst.marginal(s, staffed[s]) for s in cand.slots)
        if by == "answered":
            return answered
        short = sum(1 for s in cand.slots if staffed[s] < inst.min_staff[s])
        supervision = 0
        if inst.people[cand.person].supervises:
            supervision = sum(
                1 for s in cand.slots if inst.supervised[s] and self.supervisors[s] == 0
            )
        return short * 1e8 + supervision * 1e4 + answered

    def add(self, c: int) -> None:
        cand = self.inst.candidates[c]
        person = self.inst.people[cand.person]
        p = cand.person
        for s in cand.slots:
            self.staffed[s] += 1
            self.supervisors[s] += person.supervises
            self.mentors[s] += person.mentor
        self.days[p].add(cand.day)
        self.total[p] += cand.length
        self.week_slots[p][cand.week] += cand.length
        self.week_shifts[p][cand.week] += 1
        self.chosen.append(c)


def greedy(inst: Instance, by: Ranking = "goals", start: Iterable[int] = ()) -> list[int]:
    """Candidate indices of a roster built greedily; every hard rule holds.

    It starts from the pins and then ``start`` (a roster to complete: shifts are only
    added, so no slot loses staff), skipping any that would break a rule.
    """
    state = _State(inst)
    pins = set(inst.pins)
    # mentors' shifts first, so a trainee's shift finds its mentor's already there; within
    # each, pins before the roster to complete (a person's shifts clash only with their own)
    order = sorted(
        [*inst.pins, *start],
        key=lambda c: (inst.people[inst.candidates[c].person].trainee, c not in pins),
    )
    for c in order:
        if c not in state.chosen and state.fits(c) and state.mentored(c):
            state.add(c)
    gains = np.array([state.gain(c, by) for c in range(len(inst.candidates))], dtype=float)
    if state.chosen:
        gains[state.chosen] = -np.inf
    for c in range(len(inst.candidates)):
        if gains[c] > -np.inf and not state.fits(c):
            gains[c] = -np.inf
    covering = [np.array(cov, dtype=np.int64) for cov in inst.covering]
    bosses = [
        np.array(
            [c for c in cov if inst.people[inst.candidates[c].person].supervises], dtype=np.int64
        )
        for cov in inst.covering
    ]
    parked: dict[int, list[int]] = defaultdict(list)  # slot → trainee candidates waiting
    while len(gains):
        c = int(np.argmax(gains))
        if gains[c] <= 1e-12:
            break  # nothing left gains anything
        gains[c] = -np.inf
        if not state.mentored(c):
            for s in inst.candidates[c].slots:
                parked[s].append(c)
            continue
        state.add(c)
        _update(state, c, by, gains, covering, bosses)
        if inst.people[inst.candidates[c].person].mentor:
            for s in inst.candidates[c].slots:
                for t in parked.pop(s, []):
                    if t not in state.chosen and state.fits(t):
                        gains[t] = state.gain(t, by)
    return state.chosen


def _update(
    state: _State,
    c: int,
    by: Ranking,
    gains: np.ndarray,
    covering: list[np.ndarray],
    bosses: list[np.ndarray],
) -> None:
    """Shift every other candidate's gain by what adding ``c`` changed."""
    inst = state.inst
    cand = inst.candidates[c]
    person = inst.people[cand.person]
    for s in cand.slots:
        n = state.staffed[s]
        delta = inst.marginal(s, n) - inst.marginal(s, n - 1)
        if by == "goals" and n == inst.min_staff[s]:
            delta -= 1e8
        gains[covering[s]] += delta
        if by == "goals" and person.supervises and inst.supervised[s] and state.supervisors[s] == 1:
            gains[bosses[s]] -= 1e4
    for other in inst.by_person[cand.person]:
        if gains[other] > -np.inf and not state.fits(other):
            gains[other] = -np.inf
