"""The goals as CP-SAT expressions, each with the auxiliary variables it needs.

Goal values are exactly those of :mod:`scheduler.solve.goals` (the recomputation without
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

from collections.abc import Callable, Collection
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .goals import MIN_HOURS_WEIGHT, NONPREFERRED_WEIGHT, cover_weight
from .instance import ANSWER_SCALE, Instance
from .variables import Variables

Hint = Callable[[Collection[int]], list[tuple[cp_model.IntVar, int]]]


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


def cover_goal(v: Variables) -> Goal:
    inst, m = v.inst, v.model
    short, unsup = {}, {}
    for s, need in enumerate(inst.min_staff):
        if need > 0:
            short[s] = m.new_int_var(0, need, f"short{s}")
            m.add(v.staffed(s) + short[s] >= need)
    for s, sup in enumerate(inst.supervised):
        if sup:
            unsup[s] = m.new_bool_var(f"unsup{s}")
            bosses = [
                v.x[c]
                for c in inst.covering[s]
                if inst.people[inst.candidates[c].person].supervises
            ]
            m.add(sum(bosses) + unsup[s] >= 1)

    def hint(chosen):
        counts = _staffed_counts(inst, chosen)
        bosses = _staffed_counts(
            inst, [c for c in chosen if inst.people[inst.candidates[c].person].supervises]
        )
        return [(var, max(0, inst.min_staff[s] - counts[s])) for s, var in short.items()] + [
            (var, int(bosses[s] == 0)) for s, var in unsup.items()
        ]

    expr = cover_weight(inst) * cp_model.LinearExpr.sum(
        list(short.values())
    ) + cp_model.LinearExpr.sum(list(unsup.values()))
    return Goal("cover", expr, False, hint)


def answered_goal(v: Variables) -> Goal:
    inst, m = v.inst, v.model
    steps, terms, coefs = {}, [], []
    for s in range(len(inst.slots)):
        if not inst.covering[s]:
            continue
        curve = inst.scaled_curve(s)
        if len(curve) < 2:
            continue
        ys = [m.new_bool_var(f"y{s}_{k}") for k in range(1, len(curve))]
        m.add(cp_model.LinearExpr.sum(ys) <= v.staffed(s))
        for a, b in zip(ys, ys[1:], strict=False):
            m.add_implication(b, a)
        steps[s] = ys
        terms += ys
        coefs += [curve[k] - curve[k - 1] for k in range(1, len(curve))]

    _capacity_cuts(v, steps)

    def hint(chosen):
        counts = _staffed_counts(inst, chosen)
        return [(y, int(k < counts[s])) for s, ys in steps.items() for k, y in enumerate(ys)]

    return Goal(
        "answered", cp_model.LinearExpr.weighted_sum(terms, coefs), True, hint, scale=ANSWER_SCALE
    )


def _capacity_cuts(v: Variables, steps: dict[int, list]) -> None:
    """Redundant rows that give the answered goal a bound early: steps taken on a day, in a
    week and in the horizon are at most the staff-slots people can work there (each
    person's limits summed). Valid because steps taken ≤ staffed = Σ slots worked."""
    inst = v.inst
    days, weeks, total = {}, {}, 0
    for p in range(len(inst.people)):
        daily, weekly, most = _capacity(inst, p)
        for day, n in daily.items():
            days[day] = days.get(day, 0) + n
        for week, n in weekly.items():
            weeks[week] = weeks.get(week, 0) + n
        total += most
    by_day, by_week = {}, {}
    for s, ys in steps.items():
        day = inst.slots[s].day
        by_day.setdefault(day, []).extend(ys)
        by_week.setdefault(inst.problem.horizon.week_of(day), []).extend(ys)
    groups = [
        (by_day, days),
        (by_week, weeks),
        ({0: [y for ys in steps.values() for y in ys]}, {0: total}),
    ]
    for taken, room in groups:
        for key, ys in taken.items():
            if room.get(key, 0) < len(ys):
                v.model.add(cp_model.LinearExpr.sum(ys) <= room.get(key, 0))


def balance_goal(v: Variables) -> Goal:
    inst, m = v.inst, v.model
    terms = []
    short, steps = {}, {}
    for p, person in enumerate(inst.people):
        cands = inst.by_person[p]
        if not cands and not inst.min_slots(person):
            continue
        worked = v.worked_slots(p)
        need = inst.min_slots(person)
        if need:
            short[p] = m.new_int_var(0, need, f"minshort{p}")
            m.add(worked + short[p] >= need)
            terms.append(MIN_HOURS_WEIGHT * short[p])
        top = _most_slots(inst, p)
        if top:
            z = [m.new_bool_var(f"sq{p}_{k}") for k in range(1, top + 1)]
            m.add(sum(z) == worked)
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

    def hint(chosen):
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


def _capacity(inst: Instance, p: int) -> tuple[dict, dict, int]:
    """The most slots person ``p`` can work each day, each week and in all, by their limits
    (one shift a day of the longest candidate, max_shifts_per_week and the hour caps)."""
    daily: dict = {}
    for c in inst.by_person[p]:
        cand = inst.candidates[c]
        daily[cand.day] = max(daily.get(cand.day, 0), cand.length)
    person = inst.people[p]
    weeks: dict = {}
    for day, most in daily.items():
        weeks.setdefault(inst.problem.horizon.week_of(day), []).append(most)
    weekly = {}
    for week, lengths in weeks.items():
        lengths.sort(reverse=True)
        if person.max_shifts_per_week is not None:
            lengths = lengths[: person.max_shifts_per_week]
        cap = inst.max_week_slots(person)
        weekly[week] = sum(lengths) if cap is None else min(cap, sum(lengths))
    total = sum(weekly.values())
    cap = inst.max_slots(person)
    return daily, weekly, total if cap is None else min(cap, total)


def _most_slots(inst: Instance, p: int) -> int:
    """The most slots person ``p`` can work in the horizon."""
    return _capacity(inst, p)[2]


GOAL_BUILDERS = {
    "cover": cover_goal,
    "answered": answered_goal,
    "balance": balance_goal,
    "changes": changes_goal,
}
