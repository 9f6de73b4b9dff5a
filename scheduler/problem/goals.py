"""The goals of DESIGN.md, in their order, and their values for any roster (no solver).

:data:`GOALS` is the one place the order is written; the solver's stages, the choice of
the roster to return, the greedy's ranking and the local search all follow it.

1. ``cover``: staff-slots below each open slot's minimum (``short``), then open ``fi``
   slots without a chat_team or staff member (``unsupervised``), as one whole number
   ``cover_weight × short + unsupervised``. ``cover_weight`` is one more than the number of
   supervised slots, so a single short staff-slot always costs more than every
   unsupervised slot together: the weights keep goal 1 strictly before goal 2.
2. (folded into ``cover``, see above)
3. ``answered``: expected answered contacts summed over slots from each slot's Erlang A
   curve at its staffed count, times the slot's weight (maximised).
4. ``balance``: ``MIN_HOURS_WEIGHT × slots short of people's min_hours`` +
   ``NONPREFERRED_WEIGHT × slots worked outside preferred time`` + ``Σ (slots worked)²``
   over people (the square spreads hours evenly). One goal; the weights set its inner mix.
5. ``changes``: shifts of the previous roster not kept plus shifts not in it (minimised).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain import Shift
from ..roster import STAGE_WORDS
from .instance import Instance, shift_key

MIN_HOURS_WEIGHT = 1000
NONPREFERRED_WEIGHT = 10


@dataclass(frozen=True)
class Goal:
    """One goal: its ``name`` (a stage of the solve), plain ``words`` (marked for
    translation), whether it is maximised, and whether only a re-plan has it."""

    name: str
    words: str
    maximise: bool = False
    replan_only: bool = False


GOALS: tuple[Goal, ...] = (
    Goal("cover", STAGE_WORDS["cover"]),
    Goal("answered", STAGE_WORDS["answered"], maximise=True),
    Goal("balance", STAGE_WORDS["balance"]),
    Goal("changes", STAGE_WORDS["changes"], replan_only=True),
)
"""The goals, most important first."""
GOAL_NAMES = tuple(g.name for g in GOALS)


def goals_for(replan: bool) -> tuple[Goal, ...]:
    return tuple(g for g in GOALS if replan or not g.replan_only)


def cover_weight(inst: Instance) -> int:
    """Weight of one short staff-slot: more than all supervision shortfalls together."""
    return sum(inst.supervised) + 1


def shift_slots(inst: Instance, shift: Shift) -> list[int]:
    """Global indices of the slots a shift covers (any shift, not only candidates)."""
    return inst.slots_within(shift.service, shift.start, shift.end)


@dataclass(frozen=True)
class GoalValues:
    """Every goal's value for one roster, plus the per-slot and per-person counts."""

    staffed: tuple[int, ...]
    on_duty: tuple[tuple[str, ...], ...]
    short: int
    unsupervised: int
    cover: int
    answered: float
    answered_scaled: int
    min_hours_short: int
    nonpreferred: int
    fairness: int
    balance: int
    changes: int
    slots_by_person: dict[str, int]

    def value(self, goal: str) -> int:
        """Goal ``goal`` in the model's whole units, smaller is better (``answered`` is
        negated; ``min_hours`` is the part of ``balance`` a re-plan never loosens)."""
        return {
            "cover": self.cover,
            "answered": -self.answered_scaled,
            "balance": self.balance,
            "changes": self.changes,
            "min_hours": self.min_hours_short,
        }[goal]

    def key(self, goals: Iterable[str] = GOAL_NAMES) -> tuple[int, ...]:
        """The goals in their order as one key: a smaller key is a better roster."""
        return tuple(self.value(g) for g in goals)

    def breakdown(self, inst: Instance) -> dict[str, float]:
        """The objective by goal, in people's units (hours, contacts, shifts)."""
        hours = inst.slot_minutes() / 60
        return {
            "short_slots": self.short,
            "unsupervised_slots": self.unsupervised,
            "cover": self.cover,
            "answered": round(self.answered, 6),
            "min_hours_short_hours": self.min_hours_short * hours,
            "nonpreferred_hours": self.nonpreferred * hours,
            "fairness": self.fairness,
            "balance": self.balance,
            "changes": self.changes,
        }


def goal_values(inst: Instance, shifts: Iterable[Shift]) -> GoalValues:
    """Every goal's value for the roster ``shifts`` (any shifts, not only candidates)."""
    shifts = list(shifts)
    names = inst.person_index()
    on: list[list[str]] = [[] for _ in inst.slots]
    per_person: dict[str, int] = {}
    nonpreferred = 0
    for shift in shifts:
        covered = shift_slots(inst, shift)
        p = names.get(shift.name)
        offered = inst.offered[p] if p is not None else {}
        for i in covered:
            on[i].append(shift.name)
            nonpreferred += not offered.get(i, False)
        per_person[shift.name] = per_person.get(shift.name, 0) + len(covered)
    staffed = [len(names_on) for names_on in on]
    short = sum(max(0, m - n) for m, n in zip(inst.min_staff, staffed, strict=True))
    unsupervised = sum(
        1
        for i, sup in enumerate(inst.supervised)
        if sup and not any(inst.people[names[n]].supervises for n in on[i] if n in names)
    )
    answered = 0.0
    scaled = 0
    for i, n in enumerate(staffed):
        if n:
            answered += inst.weight[i] * inst.answered(i, n)
            curve = inst.scaled[i]
            scaled += curve[min(n, len(curve) - 1)]
    min_short = sum(max(0, inst.min_slots(p) - per_person.get(p.name, 0)) for p in inst.people)
    fairness = sum(v * v for v in per_person.values())
    previous = {shift_key(s) for s in inst.problem.previous}
    current = {shift_key(s) for s in shifts}
    return GoalValues(
        staffed=tuple(staffed),
        on_duty=tuple(tuple(sorted(n)) for n in on),
        short=short,
        unsupervised=unsupervised,
        cover=cover_weight(inst) * short + unsupervised,
        answered=answered,
        answered_scaled=scaled,
        min_hours_short=min_short,
        nonpreferred=nonpreferred,
        fairness=fairness,
        balance=MIN_HOURS_WEIGHT * min_short + NONPREFERRED_WEIGHT * nonpreferred + fairness,
        changes=len(previous ^ current) if previous else 0,
        slots_by_person=per_person,
    )
