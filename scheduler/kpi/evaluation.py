"""What a roster achieves, recomputed from its shifts alone: coverage, goals and KPIs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain import Problem, Shift
from ..problem import GoalValues, Instance, build_instance, goal_values
from ..roster import CoverageRow, Roster, UncoveredSlot


def instance_of(problem: Problem, instance: Instance | None) -> Instance:
    """``instance`` when it was built for ``problem``, else a new one."""
    if instance is not None and instance.problem is problem:
        return instance
    return build_instance(problem)


@dataclass(frozen=True)
class Evaluation:
    """Everything a roster achieves, by the goals of DESIGN.md and as KPIs.

    ``objective`` is goal 3 (weighted expected answered contacts); ``breakdown`` has
    every goal (see :mod:`scheduler.problem.goals`). ``expected_answered`` is unweighted.
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


def evaluate(
    problem: Problem, roster: Roster | Iterable[Shift], *, instance: Instance | None = None
) -> Evaluation:
    """Recompute coverage, gaps, goals and KPIs of ``roster`` for ``problem``."""
    from .gaps import explain_gaps

    inst = instance_of(problem, instance)
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
