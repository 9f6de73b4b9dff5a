"""``solve()``: the goals of DESIGN.md in strict priority, by lexicographic CP-SAT solves.

The order is guaranteed by solving one goal at a time and adding its value as a
constraint before the next (``cover`` ≤ found, then ``answered`` ≥ found, then
``balance`` ≤ found, then ``changes``). Goals 1 and 2 share the first stage with weights
that provably keep their order (see :mod:`scheduler.solve.goals`). Each stage starts from
the best known roster that keeps the goals fixed so far (the first from a greedy roster),
so a stage that runs out of time still returns a roster at least as good as that one.

Re-planning (``problem.previous``): the previous roster, without what no longer fits and
filled up greedily, is the first start. After goals 1–2, a ``keep`` stage (not a goal:
nothing is fixed) finds the covered roster nearest the previous one, which, filled up,
starts the later stages where it is good enough. Before goal 5, goals 3 and 4 are loosened by
``rules.replan_tolerance`` of their values (never the min_hours shortfall), so a roster
need not be reshuffled for a gain smaller than that; the note says what keeping cost.

The start of goal 3 is first lifted by a local search (:mod:`scheduler.solve.improve`).

Time: the whole call, model build included, keeps within ``time_limit`` (plus the last
solver's stop latency). Each stage gets a share of what is left; time a stage does not
use passes on. A set ``stop`` event ends the current stage at once and skips the rest.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

from ..domain import Problem
from ..roster import Result, Roster
from .goals import goal_values
from .greedy import greedy
from .improve import improve
from .instance import ANSWER_SCALE, Instance, build_instance
from .model import RosterModel, StageOutcome
from .progress import Progress

STAGE_SHARE = {"cover": 0.3, "answered": 0.75, "balance": 0.6, "changes": 1.0}
REPLAN_SHARE = {"cover": 0.25, "keep": 0.2, "answered": 0.5, "balance": 0.4, "changes": 1.0}
"""A re-plan gives 15 % of the time to finding the covered roster nearest the previous one
and keeps about a fifth for goal 5."""
IMPROVE_SHARE = 0.3
"""Of the time left before goal 3, the most the local search on its start may take."""


def _gap(value: float, bound: float) -> float:
    return abs(bound - value) / max(1.0, abs(value))


def solve(
    problem: Problem,
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
) -> Result:
    """Optimise the roster of ``problem``; always returns a :class:`Result`.

    ``progress`` is called with a :class:`Progress` for every improving solution of each
    stage and once at the end of each stage. Setting ``stop`` returns the best roster so
    far (status ``STOPPED`` unless already proven optimal).
    """
    began = time.monotonic()
    deadline = began + max(0.1, float(time_limit))
    inst = build_instance(problem)
    replan = bool(problem.previous)
    pool = [greedy(inst, by="goals")]
    if replan:  # the previous roster with what no longer fits left out, filled up greedily
        kept = inst.roster_candidates(problem.previous)[0]
        pool.insert(0, greedy(inst, by="goals", start=kept))
    chosen = pool[0]
    notes = list(inst.notes)
    fixed: dict[str, int] = {}
    shares = REPLAN_SHARE if replan else STAGE_SHARE
    tolerance = problem.rules.replan_tolerance

    def report(stage: str, value: int, bound: int, solutions: int, scale: float = 1.0) -> None:
        if progress is not None:
            progress(
                Progress(
                    time.monotonic() - began,
                    value / scale,
                    bound / scale,
                    _gap(value, bound),
                    solutions,
                    stage,
                )
            )

    if progress is not None:  # the greedy roster is the first one there is
        first = goal_values(inst, [inst.shift(c) for c in chosen])
        top = sum(inst.scaled_curve(s)[-1] for s in range(len(inst.slots)))
        report("greedy", first.answered_scaled, top, 1, ANSWER_SCALE)

    names = (
        ["cover", "keep", "answered", "balance", "changes"]
        if replan
        else ["cover", "answered", "balance"]
    )
    model = RosterModel(inst)
    outcomes: list[StageOutcome] = []
    infeasible = False
    for name in names:
        left = deadline - time.monotonic()
        if left <= 0.05 or (stop is not None and stop.is_set()):
            break
        # ``keep`` is not a goal: the covered roster nearest the previous one, as a start
        measured = "changes" if name == "keep" else name
        goal = replace(model.goal(measured), name=name)
        if name == "changes":  # goals 3–4 may give up the tolerance to keep shifts
            _loosen(inst, model, fixed, [inst.shift(c) for c in chosen], tolerance)
        chosen = _best_start(inst, [chosen, *pool], measured, fixed)
        if name == "answered":  # goals 1–2 never get worse by these moves
            chosen = improve(inst, chosen, seconds=left * IMPROVE_SHARE, stop=stop)
            left = deadline - time.monotonic()
        model.hint(chosen)
        scale = goal.scale

        def stage_report(stage, value, bound, solutions, scale=scale):
            report(stage, value, bound, solutions, scale)

        outcome = model.run(
            goal, seconds=left * shares[name], workers=workers, report=stage_report, stop=stop
        )
        if outcome.status == "INFEASIBLE" and name == "cover" and inst.pins:
            notes.append(
                "the pins together break a rule (a trainee without a mentor "
                "beside them); the roster was planned without pins"
            )
            inst.pins = []
            model = RosterModel(inst)
            goal = model.goal(name)
            chosen = greedy(inst, by="goals")
            model.hint(chosen)
            outcome = model.run(
                goal,
                seconds=max(0.05, deadline - time.monotonic()) * shares[name],
                workers=workers,
                report=stage_report,
                stop=stop,
            )
            infeasible = True
        outcomes.append(outcome)
        if outcome.chosen is None:
            if outcome.stopped or name == "cover":
                break
            # no roster found in time: the start keeps every goal so far; hold its value
            outcome.value = _goal_value(
                goal_values(inst, [inst.shift(c) for c in chosen]), measured
            )
            if name == "answered":
                outcome.value = -outcome.value
            outcome.chosen = chosen
        chosen = outcome.chosen
        if outcome.bound is not None:
            report(name, outcome.value, outcome.bound, outcome.solutions, scale)
        if outcome.stopped:
            break
        pool.append(chosen)
        if name in ("cover", "keep"):  # fill the covered roster up where contacts wait
            pool.append(greedy(inst, by="answered", start=chosen))
        if name != "keep":
            model.fix(goal, outcome.value)
            fixed[name] = outcome.value
    stopped = stop is not None and stop.is_set()
    if replan:
        notes.append(_replan_note(inst, chosen, outcomes, tolerance))
    return _result(inst, chosen, outcomes, names, notes, began, infeasible, stopped)


def _loosen(
    inst: Instance, model: RosterModel, fixed: dict[str, int], shifts, tolerance: float
) -> None:
    """Before goal 5: let goals 3 and 4 be up to ``tolerance`` of their value worse than
    fixed, holding the min_hours shortfall where the roster of goal 4 has it."""
    values = goal_values(inst, shifts)
    for name in ("answered", "balance"):
        if name not in fixed:
            continue
        slack = int(abs(fixed[name]) * tolerance)
        model.relax(
            model.goal(name), slack, keep=values.min_hours_short if name == "balance" else None
        )
        fixed[name] += -slack if name == "answered" else slack
        if name == "balance":
            fixed["min_hours"] = values.min_hours_short


def _replan_note(
    inst: Instance, chosen: list[int], outcomes: list[StageOutcome], tolerance: float
) -> str:
    """What the re-plan kept, what it could not, and what keeping cost goal 3."""
    previous = inst.problem.previous
    kept, other = inst.roster_candidates(previous)
    still = set(kept) & set(chosen)
    text = (
        f"re-plan: {len(still)} of {len(previous)} previous shifts kept; "
        f"{len(other)} no longer fit (cancelled, outside the new availability or "
        f"rules); {len(set(chosen) - set(kept))} new"
    )
    best = next((o.value for o in outcomes if o.name == "answered" and o.value), None)
    if best:
        now = goal_values(inst, [inst.shift(c) for c in chosen]).answered_scaled
        lost = max(0, best - now)
        text += (
            f"; keeping them costs {lost / ANSWER_SCALE:.1f} expected answered "
            f"contacts ({lost / best:.2%}; allowed {tolerance:.1%})"
        )
    return text


def _goal_value(values, name: str) -> int:
    return {
        "cover": values.cover,
        "answered": -values.answered_scaled,
        "balance": values.balance,
        "changes": values.changes,
        "min_hours": values.min_hours_short,
    }[name]


def _best_start(
    inst: Instance, rosters: list[list[int]], name: str, fixed: dict[str, int]
) -> list[int]:
    """The known roster that keeps every pin and goal fixed so far and is best at goal
    ``name`` (of equals, the one with fewest changes against a previous roster).

    The greedy rosters often answer more contacts than the roster the ``cover`` stage
    ends with; starting the next stage from the better one saves the search that work.
    """
    best, best_value = rosters[0], None
    pins = set(inst.pins)
    for chosen in rosters:
        if not pins <= set(chosen):  # a greedy roster may miss a trainee's pin
            continue
        values = goal_values(inst, [inst.shift(c) for c in chosen])
        if any(_goal_value(values, g) > (-v if g == "answered" else v) for g, v in fixed.items()):
            continue
        value = (_goal_value(values, name), values.changes)
        if best_value is None or value < best_value:
            best, best_value = chosen, value
    return best


def _result(
    inst: Instance,
    chosen: list[int],
    outcomes: list[StageOutcome],
    names: list[str],
    notes: list[str],
    began: float,
    infeasible: bool,
    stop_requested: bool = False,
) -> Result:
    from ..kpi import evaluate  # the KPIs recompute everything from the roster alone

    roster = Roster.of(inst.shift(c) for c in chosen)
    evaluation = evaluate(inst.problem, roster, instance=inst)
    answered = next((o for o in outcomes if o.name == "answered" and o.bound is not None), None)
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
    elif all_ran and all(o.status == "OPTIMAL" for o in outcomes if o.name != "keep"):
        status = "OPTIMAL"
    elif stopped:
        status = "STOPPED"
    elif outcomes and outcomes[0].chosen is not None:
        status = "FEASIBLE"
    else:
        status = "UNKNOWN"
    stages = tuple(
        {
            "stage": o.name,
            "status": o.status,
            "objective": None if o.value is None else o.value / _scale(o.name),
            "best_bound": None if o.bound is None else o.bound / _scale(o.name),
            "seconds": round(o.seconds, 3),
            "solutions": o.solutions,
        }
        for o in outcomes
    )
    return Result(
        status=status,
        roster=roster,
        objective=evaluation.objective,
        best_bound=bound,
        gap=gap,
        solve_seconds=time.monotonic() - began,
        breakdown=evaluation.breakdown,
        coverage=evaluation.coverage,
        uncovered=evaluation.uncovered,
        stages=stages,
        notes=tuple(notes),
    )


def _scale(name: str) -> float:
    return ANSWER_SCALE if name == "answered" else 1.0
