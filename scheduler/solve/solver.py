"""``solve()``: the goals of DESIGN.md in strict priority, by lexicographic CP-SAT solves.

The order is guaranteed by solving one goal at a time and adding its value as a
constraint before the next (``cover`` ≤ found, then ``answered`` ≥ found, then
``balance`` ≤ found, then ``changes``). Goals 1 and 2 share the first stage with weights
that provably keep their order (see :mod:`scheduler.solve.goals`). Each stage starts from
the previous stage's roster (the first from the greedy roster), so a stage that runs out
of time still returns a roster at least as good as the one before it.

Time: the whole call, model build included, keeps within ``time_limit`` (plus the last
solver's stop latency). Each stage gets a share of what is left; time a stage does not
use passes on. A set ``stop`` event ends the current stage at once and skips the rest.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ..domain import Problem
from ..roster import Result, Roster
from .goals import goal_values
from .greedy import greedy
from .instance import ANSWER_SCALE, Instance, build_instance
from .model import RosterModel, StageOutcome
from .progress import Progress

STAGE_SHARE = {"cover": 0.3, "answered": 0.75, "balance": 0.6, "changes": 1.0}


def _gap(value: float, bound: float) -> float:
    return abs(bound - value) / max(1.0, abs(value))


def solve(problem: Problem, *, time_limit: float = 30.0, workers: int = 2,
          progress: Callable[[Progress], None] | None = None,
          stop: threading.Event | None = None) -> Result:
    """Optimise the roster of ``problem``; always returns a :class:`Result`.

    ``progress`` is called with a :class:`Progress` for every improving solution of each
    stage and once at the end of each stage. Setting ``stop`` returns the best roster so
    far (status ``STOPPED`` unless already proven optimal).
    """
    began = time.monotonic()
    deadline = began + max(0.1, float(time_limit))
    inst = build_instance(problem)
    pool = [greedy(inst, by="goals")]
    chosen = pool[0]
    notes = list(inst.notes)
    fixed: dict[str, int] = {}

    def report(stage: str, value: int, bound: int, solutions: int, scale: float = 1.0) -> None:
        if progress is not None:
            progress(Progress(time.monotonic() - began, value / scale, bound / scale,
                              _gap(value, bound), solutions, stage))

    if progress is not None:  # the greedy roster is the first one there is
        first = goal_values(inst, [inst.shift(c) for c in chosen])
        top = sum(inst.scaled_curve(s)[-1] for s in range(len(inst.slots)))
        report("greedy", first.answered_scaled, top, 1, ANSWER_SCALE)

    names = ["cover", "answered", "balance"] + (["changes"] if problem.previous else [])
    model = RosterModel(inst)
    outcomes: list[StageOutcome] = []
    infeasible = False
    for name in names:
        left = deadline - time.monotonic()
        if left <= 0.05 or (stop is not None and stop.is_set()):
            break
        goal = model.goal(name)
        chosen = _best_start(inst, [chosen, *pool], name, fixed)
        model.hint(chosen)
        scale = goal.scale

        def stage_report(stage, value, bound, solutions, scale=scale):
            report(stage, value, bound, solutions, scale)

        outcome = model.run(goal, seconds=left * STAGE_SHARE[name], workers=workers,
                            report=stage_report, stop=stop)
        if outcome.status == "INFEASIBLE" and name == "cover" and inst.pins:
            notes.append("the pins together break a rule (a trainee without a mentor "
                         "beside them); the roster was planned without pins")
            inst.pins = []
            model = RosterModel(inst)
            goal = model.goal(name)
            chosen = greedy(inst, by="goals")
            model.hint(chosen)
            outcome = model.run(goal, seconds=max(0.05, deadline - time.monotonic()) *
                                STAGE_SHARE[name], workers=workers, report=stage_report,
                                stop=stop)
            infeasible = True
        outcomes.append(outcome)
        if outcome.chosen is None:
            break
        chosen = outcome.chosen
        report(name, outcome.value, outcome.bound, outcome.solutions, scale)
        if outcome.stopped:
            break
        model.fix(goal, outcome.value)
        fixed[name] = outcome.value
        if name == "cover":  # fill the covered roster up where contacts wait
            pool.append(greedy(inst, by="answered", start=chosen))
    stopped = stop is not None and stop.is_set()
    return _result(inst, chosen, outcomes, names, notes, began, infeasible, stopped)


def _goal_value(values, name: str) -> int:
    return {"cover": values.cover, "answered": -values.answered_scaled,
            "balance": values.balance, "changes": values.changes}[name]


def _best_start(inst: Instance, rosters: list[list[int]], name: str,
                fixed: dict[str, int]) -> list[int]:
    """The known roster that keeps every goal fixed so far and is best at goal ``name``.

    The greedy rosters often answer more contacts than the roster the ``cover`` stage
    ends with; starting the next stage from the better one saves the search that work.
    """
    best, best_value = rosters[0], None
    for chosen in rosters:
        values = goal_values(inst, [inst.shift(c) for c in chosen])
        if any(_goal_value(values, g) > (-v if g == "answered" else v)
               for g, v in fixed.items()):
            continue
        value = _goal_value(values, name)
        if best_value is None or value < best_value:
            best, best_value = chosen, value
    return best


def _result(inst: Instance, chosen: list[int], outcomes: list[StageOutcome],
            names: list[str], notes: list[str], began: float, infeasible: bool,
            stop_requested: bool = False) -> Result:
    from ..kpi import evaluate  # the KPIs recompute everything from the roster alone

    roster = Roster.of(inst.shift(c) for c in chosen)
    evaluation = evaluate(inst.problem, roster, instance=inst)
    answered = next((o for o in outcomes if o.name == "answered" and o.value is not None), None)
    if answered is not None:
        bound = answered.bound / ANSWER_SCALE
        gap = _gap(answered.value, answered.bound)
    else:
        bound = sum(inst.scaled_curve(s)[-1] for s in range(len(inst.slots))) / ANSWER_SCALE
        gap = _gap(evaluation.objective, bound)
    all_ran = len(outcomes) == len(names)
    stopped = stop_requested or any(o.stopped for o in outcomes)
    if infeasible:
        status = "INFEASIBLE"
    elif all_ran and all(o.status == "OPTIMAL" for o in outcomes):
        status = "OPTIMAL"
    elif stopped:
        status = "STOPPED"
    elif outcomes and outcomes[0].chosen is not None:
        status = "FEASIBLE"
    else:
        status = "UNKNOWN"
    stages = tuple(
        {"stage": o.name, "status": o.status,
         "objective": None if o.value is None else o.value / _scale(o.name),
         "best_bound": None if o.bound is None else o.bound / _scale(o.name),
         "seconds": round(o.seconds, 3), "solutions": o.solutions}
        for o in outcomes)
    return Result(
        status=status, roster=roster, objective=evaluation.objective, best_bound=bound,
        gap=gap, solve_seconds=time.monotonic() - began, breakdown=evaluation.breakdown,
        coverage=evaluation.coverage, uncovered=evaluation.uncovered, stages=stages,
        notes=tuple(notes))


def _scale(name: str) -> float:
    return ANSWER_SCALE if name == "answered" else 1.0
