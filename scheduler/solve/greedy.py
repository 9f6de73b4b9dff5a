"""A lazy greedy roster: the benchmark baseline and the optimiser's first hint.

Starting from the pins, it adds the candidate shift with the largest gain until nothing
that fits the hard rules gains anything. ``by="answered"`` ranks by the marginal expected
answered contacts alone (the plain baseline); ``by="goals"`` ranks by the goals in their
order (staff-slots brought up to the minimum, then supervision, then answered contacts).

Every gain can only shrink as shifts are added (the queue curves are concave, a slot once
covered stays covered), so a stale gain is an upper bound and the heap is re-evaluated
lazily. Pure Python: no solver.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

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
            self.mentors[s] > 0 for s in cand.slots)

    def gain(self, c: int, by: Ranking) -> tuple[float, ...]:
        inst = self.inst
        cand = inst.candidates[c]
        answered = sum(inst.marginal(s, self.staffed[s]) for s in cand.slots)
        if by == "answered":
            return (answered,)
        person = inst.people[cand.person]
        short = sum(1 for s in cand.slots if self.staffed[s] < inst.min_staff[s])
        supervision = sum(1 for s in cand.slots if person.supervises and inst.supervised[s]
                          and self.supervisors[s] == 0)
        return (short, supervision, answered)

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
    for c in [*inst.pins, *start]:
        if c not in state.chosen and state.fits(c) and state.mentored(c):
            state.add(c)
    pinned = set(state.chosen)
    heap = [(_neg(state.gain(c, by)), c) for c in range(len(inst.candidates)) if c not in pinned]
    heapq.heapify(heap)
    waiting: dict[int, list[int]] = defaultdict(list)  # slot → trainee candidates parked
    while heap:
        key, c = heapq.heappop(heap)
        if not state.fits(c):
            continue
        fresh = _neg(state.gain(c, by))
        if heap and fresh > heap[0][0]:
            heapq.heappush(heap, (fresh, c))
            continue
        if not any(v < -1e-12 for v in fresh):
            break  # nothing left gains anything
        if not state.mentored(c):
            for s in inst.candidates[c].slots:
                waiting[s].append(c)
            continue
        state.add(c)
        if inst.people[inst.candidates[c].person].mentor:
            for s in inst.candidates[c].slots:
                for t in waiting.pop(s, []):
                    heapq.heappush(heap, (_neg(state.gain(t, by)), t))
    return state.chosen


def _neg(key: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(-v for v in key)
