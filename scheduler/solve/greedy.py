"""A greedy roster: the benchmark baseline, the optimiser's first start, the re-plan repair.

Starting from the pins (and a roster to complete, if given), it adds the candidate shift
with the largest gain until nothing that keeps the rules gains anything. The rules are
asked through :class:`scheduler.rules.Tally` (each rule's ``fits``). Rankings:

* ``answered``: the marginal expected answered contacts alone (the plain baseline);
* ``goals``: the goals in their order: staff-slots brought up to the minimum, then
  supervision, then answered contacts;
* ``cover``: as ``goals``, but only shifts that bring a slot up to its minimum or give it
  supervision are added (the repair of a previous roster: gaps filled, nothing more).

Gains are kept in one array and updated where a shift changes them: adding a shift
changes the marginal of its slots for every candidate covering them (the queue curves are
concave, so gains only shrink), and may use up its person's limits. Pure Python and NumPy:
no solver.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Literal

import numpy as np

from .. import rules
from ..problem import Instance
from ..rules import Tally

Ranking = Literal["answered", "goals", "cover"]

SHORT_GAIN = 1e8
"""Gain of a staff-slot brought up to its minimum (goal 1)."""
SUPERVISION_GAIN = 1e4
"""Gain of a slot given supervision (goal 2). A shift covers at most a day's slots and
answers far fewer than 10⁴ contacts, so the order of the goals holds in one number."""
TRAINEE = rules.TRAINEE


def gain(inst: Instance, tally: Tally, c: int, by: Ranking) -> float:
    """The gain of adding candidate ``c`` to ``tally``, one number ordered like the goals."""
    cand = inst.candidates[c]
    staffed = tally.staffed
    answered = sum(inst.marginal(s, staffed[s]) for s in cand.slots)
    if by == "answered":
        return answered
    short = sum(1 for s in cand.slots if staffed[s] < inst.min_staff[s])
    supervision = 0
    if inst.people[cand.person].supervises:
        supervision = sum(1 for s in cand.slots if inst.supervised[s] and tally.bosses[s] == 0)
    return short * SHORT_GAIN + supervision * SUPERVISION_GAIN + answered


def greedy(
    inst: Instance,
    by: Ranking = "goals",
    start: Iterable[int] = (),
    pins: Collection[int] | None = None,
) -> list[int]:
    """Candidate indices of a roster built greedily; every hard rule holds.

    It starts from ``pins`` (the instance's by default) and then ``start`` (a roster to
    complete: shifts are only added, so no slot loses staff), skipping any that would
    break a rule.
    """
    pins = set(inst.pins if pins is None else pins)
    state = rules.tally(inst)
    # mentors' shifts first, so a trainee's shift finds its mentor's already there; within
    # each, pins before the roster to complete (a person's shifts clash only with their own)
    order = sorted(
        dict.fromkeys([*sorted(pins), *start]),
        key=lambda c: (inst.people[inst.candidates[c].person].trainee, c not in pins),
    )
    for c in order:
        if state.fits(c):
            state.add(c)
    for c in sorted(pins - set(state.chosen)):
        _beside_a_mentor(inst, state, c)
    chosen = set(state.chosen)
    floor = SUPERVISION_GAIN - 1 if by == "cover" else 1e-12
    rank: Ranking = "goals" if by == "cover" else by
    gains = np.array([gain(inst, state, c, rank) for c in range(len(inst.candidates))])
    for c in range(len(inst.candidates)):
        if c in chosen or not state.fits(c, skip=(TRAINEE.name,)):
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
        if gains[c] <= floor:
            break  # nothing left gains anything (for ``cover``: no gap it fills)
        gains[c] = -np.inf
        if not TRAINEE.fits(state, c):
            for s in inst.candidates[c].slots:
                parked[s].append(c)
            continue
        state.add(c)
        _update(inst, state, c, rank, gains, covering, bosses)
        if inst.people[inst.candidates[c].person].mentor:
            for s in inst.candidates[c].slots:
                for t in parked.pop(s, []):
                    if t not in state.mine[inst.candidates[t].person] and state.fits(t):
                        gains[t] = gain(inst, state, t, rank)
    return state.chosen


def _beside_a_mentor(inst: Instance, state: Tally, pin: int) -> None:
    """Place a trainee's pin that found no mentor on: first the mentor shift covering it
    that answers most (if one fits), then the pin."""
    slots = set(inst.candidates[pin].slots)
    mentors = [
        c
        for c in inst.covering[inst.candidates[pin].first]
        if inst.people[inst.candidates[c].person].mentor
        and slots <= set(inst.candidates[c].slots)
        and state.fits(c)
    ]
    if not mentors or not state.fits(pin, skip=(TRAINEE.name,)):
        return
    state.add(max(mentors, key=lambda c: gain(inst, state, c, "goals")))
    if state.fits(pin):
        state.add(pin)


def _update(
    inst: Instance,
    state: Tally,
    c: int,
    by: Ranking,
    gains: np.ndarray,
    covering: list[np.ndarray],
    bosses: list[np.ndarray],
) -> None:
    """Shift every other candidate's gain by what adding ``c`` changed."""
    cand = inst.candidates[c]
    person = inst.people[cand.person]
    for s in cand.slots:
        n = state.staffed[s]
        delta = inst.marginal(s, n) - inst.marginal(s, n - 1)
        if by == "goals" and n == inst.min_staff[s]:
            delta -= SHORT_GAIN
        gains[covering[s]] += delta
        if by == "goals" and person.supervises and inst.supervised[s] and state.bosses[s] == 1:
            gains[bosses[s]] -= SUPERVISION_GAIN
    for other in inst.by_person[cand.person]:
        if gains[other] > -np.inf and not state.fits(other, skip=(TRAINEE.name,)):
            gains[other] = -np.inf
