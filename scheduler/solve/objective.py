"""The goals as CP-SAT expressions, each with the auxiliary variables it needs.

Goal values are exactly those of :mod:`scheduler.problem.goals` (the recomputation without
a solver); each builder also returns a ``hint`` that derives its auxiliary variables'
values from a set of chosen candidates, so a known roster can seed the search.

* ``cover`` (minimise): ``short[s] ≥ min_staff[s] − staffed[s]`` and, on supervised
  slots, ``unsupervised[s] ≥ 1 − supervisors on``; weighted as in ``goals``.
* ``answered`` (maximise): per slot the concave Erlang A curve, scaled to whole units,
  in steps: Booleans ``y[s,1] ≥ y[s,2] ≥ …`` with ``Σ_k y[s,k] ≤ staffed[s]``, step ``k``
  earning the curve's k-th marginal ``F(k) − F(k−1)``. The marginals shrink with ``k``
  (concave), so filling steps in order is optimal and ``Σ`` earned is ``F(staffed)``
  exactly; steps stop where one more person adds nothing at the model's scale.
* ``balance`` (minimise): min_hours shortfall, slots outside preferred time and the sum
  of squared worked slots (``Σ_k (2k − 1)·z[p,k]`` with ``Σ_k z[p,k] = worked[p]``).
* ``changes`` (minimise): previous shifts dropped plus new shifts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from ortools.sat.python import cp_model

from ..problem import ANSWER_SCALE, MIN_HOURS_WEIGHT, NONPREFERRED_WEIGHT, Instance, cover_weight
from ..rules import person_limits
from .variables import Variables

Hint = Callable[[Collection[int]], list[tuple[cp_model.IntVar, int]]]
K = TypeVar("K")


@dataclass
class Goal:
    name: str
    expr: cp_model.LinearExprT
    maximise: bool
    hint: Hint
    scale: float = 1.0
    """Divide model values by this to get people's units (contacts for ``answered``)."""
    offset: int = 0
    """A constant part of the goal's value not in ``expr`` (changes outside candidates)."""
    keep: cp_model.LinearExprT | None = None
    """A part of a minimised goal that a re-plan never lets get worse (min_hours shortfall)."""


def _staffed_counts(inst: Instance, chosen: Collection[int]) -> list[int]:
    counts = [0] * len(inst.slots)
    for c in chosen:
        for s in inst.candidates[c].slots:
            counts[s] += 1
    return counts


def _label(inst: Instance, slot: int) -> str:
    s = inst.slots[slot]
    return f"{s.service} {inst.label_of_slot(slot)}"


def cover_goal(v: Variables) -> Goal:
    inst, m = v.inst, v.model
    short: dict[int, cp_model.IntVar] = {}
    unsup: dict[int, cp_model.IntVar] = {}
    for s, need in enumerate(inst.min_staff):
        if need > 0:
            short[s] = m.new_int_var(0, need, f"short {_label(inst, s)}")
            m.add(v.staffed(s) + short[s] >= need)
    for s, sup in enumerate(inst.supervised):
        if sup:
            unsup[s] = m.new_bool_var(f"unsupervised {_label(inst, s)}")
            bosses = [
                v.x[c]
                for c in inst.covering[s]
                if inst.people[inst.candidates[c].person].supervises
            ]
            m.add(cp_model.LinearExpr.sum([*bosses, unsup[s]]) >= 1)

    def hint(chosen: Collection[int]) -> list[tuple[cp_model.IntVar, int]]:
        counts = _staffed_counts(inst, chosen)
        bosses = _staffed_counts(
            inst, [c for c in chosen if inst.people[inst.candidates[c].person].supervises]
        )
        return [(var, max(0, inst.min_staff[s] - counts[s])) for s, var in short.items()] + [
            (var, int(bosses[s] == 0)) for s, var in unsup.items()
        ]

    expr = cp_model.LinearExpr.weighted_sum(
        [*short.values(), *unsup.values()], [cover_weight(inst)] * len(short) + [1] * len(unsup)
    )
    return Goal("cover", expr, False, hint)


def answered_goal(v: Variables) -> Goal:
    inst, m = v.inst, v.model
    steps: dict[int, list[cp_model.IntVar]] = {}
    terms: list[cp_model.IntVar] = []
    coefs: list[int] = []
    for s in range(len(inst.slots)):
        if not inst.covering[s]:
            continue
        curve = inst.scaled[s]
        if len(curve) < 2:
            continue
        ys = [m.new_bool_var(f"answered {_label(inst, s)} #{k}") for k in range(1, len(curve))]
        m.add(cp_model.LinearExpr.sum(ys) <= v.staffed(s))
        for a, b in zip(ys, ys[1:], strict=False):
            m.add_implication(b, a)
        steps[s] = ys
        terms += ys
        coefs += [curve[k] - curve[k - 1] for k in range(1, len(curve))]

    _capacity_cuts(v, steps)

    def hint(chosen: Collection[int]) -> list[tuple[cp_model.IntVar, int]]:
        counts = _staffed_counts(inst, chosen)
        return [(y, int(k < counts[s])) for s, ys in steps.items() for k, y in enumerate(ys)]

    return Goal(
        "answered", cp_model.LinearExpr.weighted_sum(terms, coefs), True, hint, scale=ANSWER_SCALE
    )


def _capacity_cuts(v: Variables, steps: dict[int, list[cp_model.IntVar]]) -> None:
    """Redundant rows that give the answered goal a bound early: steps taken on a day, in a
    week and in the horizon are at most the staff-slots people can work there (each
    person's limits summed). Valid because steps taken ≤ staffed = Σ slots worked."""
    inst = v.inst
    days: dict[date, int] = {}
    weeks: dict[int, int] = {}
    total = 0
    for p in range(len(inst.people)):
        daily, weekly, most = capacity(inst, p)
        for day, n in daily.items():
            days[day] = days.get(day, 0) + n
        for week, n in weekly.items():
            weeks[week] = weeks.get(week, 0) + n
        total += most
    by_day: dict[date, list[cp_model.IntVar]] = {}
    by_week: dict[int, list[cp_model.IntVar]] = {}
    for s, ys in steps.items():
        day = inst.slots[s].day
        by_day.setdefault(day, []).extend(ys)
        by_week.setdefault(inst.problem.horizon.week_of(day), []).extend(ys)
    _at_most(v, by_day, days, "day")
    _at_most(v, by_week, weeks, "week")
    _at_most(v, {0: [y for ys in steps.values() for y in ys]}, {0: total}, "plan period")


def _at_most(
    v: Variables,
    taken: Mapping[K, list[cp_model.IntVar]],
    room: Mapping[K, int],
    what: str,
) -> None:
    for key, ys in taken.items():
        most = room.get(key, 0)
        if most < len(ys):
            v.model.add(cp_model.LinearExpr.sum(ys) <= most).with_name(f"capacity {what} {key}")


def balance_goal(v: Variables) -> Goal:
    inst, m = v.inst, v.model
    terms: list[cp_model.LinearExprT] = []
    short: dict[int, cp_model.IntVar] = {}
    steps: dict[int, list[cp_model.IntVar]] = {}
    for p, person in enumerate(inst.people):
        cands = inst.by_person[p]
        need = inst.min_slots(person)
        if not cands and not need:
            continue
        worked = v.worked_slots(p)
        if need:
            short[p] = m.new_int_var(0, need, f"min_hours short {person.name}")
            m.add(worked + short[p] >= need)
            terms.append(MIN_HOURS_WEIGHT * short[p])
        top = capacity(inst, p)[2]
        if top:
            z = [m.new_bool_var(f"hours {person.name} #{k}") for k in range(1, top + 1)]
            m.add(cp_model.LinearExpr.sum(z) == worked)
            for a, b in zip(z, z[1:], strict=False):
                m.add_implication(b, a)
            steps[p] = z
            terms.append(
                cp_model.LinearExpr.weighted_sum(z, [2 * k - 1 for k in range(1, top + 1)])
            )
    nonpref = [
        (v.x[c.index], c.length - c.preferred) for c in inst.candidates if c.length > c.preferred
    ]
    if nonpref:
        terms.append(
            NONPREFERRED_WEIGHT
            * cp_model.LinearExpr.weighted_sum([x for x, _ in nonpref], [w for _, w in nonpref])
        )

    def hint(chosen: Collection[int]) -> list[tuple[cp_model.IntVar, int]]:
        worked = [0] * len(inst.people)
        for c in chosen:
            worked[inst.candidates[c].person] += inst.candidates[c].length
        out = [
            (var, max(0, inst.min_slots(inst.people[p]) - worked[p])) for p, var in short.items()
        ]
        for p, z in steps.items():
            out += [(var, int(k < worked[p])) for k, var in enumerate(z)]
        return out

    return Goal(
        "balance",
        cp_model.LinearExpr.sum(terms),
        False,
        hint,
        keep=cp_model.LinearExpr.sum(list(short.values())) if short else None,
    )


def changes_goal(v: Variables) -> Goal:
    inst = v.inst
    kept, other = inst.roster_candidates(inst.problem.previous)
    previous = set(kept)
    unknown = {(s.name, s.service, s.start.timestamp(), s.end.timestamp()) for s in other}
    expr = cp_model.LinearExpr.weighted_sum(
        v.x, [-1 if c in previous else 1 for c in range(len(inst.candidates))]
    )
    return Goal("changes", expr + len(previous), False, lambda chosen: [], offset=len(unknown))


def capacity(inst: Instance, p: int) -> tuple[dict[date, int], dict[int, int], int]:
    """The most slots person ``p`` can work each day, each week and in all, by their limits
    (one shift a day of the longest candidate, and the week and period caps of the limit
    rules)."""
    daily: dict[date, int] = {}
    for c in inst.by_person[p]:
        cand = inst.candidates[c]
        daily[cand.day] = max(daily.get(cand.day, 0), cand.length)
    caps = person_limits(inst, p)
    by_week: dict[int, list[int]] = {}
    for day, most in daily.items():
        by_week.setdefault(inst.problem.horizon.week_of(day), []).append(most)
    weekly: dict[int, int] = {}
    for week, lengths in by_week.items():
        lengths.sort(reverse=True)
        if ("week", "shifts") in caps:
            lengths = lengths[: caps[("week", "shifts")]]
        cap = caps.get(("week", "slots"))
        weekly[week] = sum(lengths) if cap is None else min(cap, sum(lengths))
    total = sum(weekly.values())
    cap = caps.get(("horizon", "slots"))
    return daily, weekly, total if cap is None else min(cap, total)


GOAL_BUILDERS: dict[str, Callable[[Variables], Goal]] = {
    "cover": cover_goal,
    "answered": answered_goal,
    "balance": balance_goal,
    "changes": changes_goal,
}
