"""The CP-SAT model of one problem: variables, hard rules, goals added stage by stage."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..problem import Instance
from .constraints import post_hard_rules
from .objective import GOAL_BUILDERS, Goal
from .variables import make_variables

MAX_LP_CANDIDATES = 15_000

Report = Callable[[str, int, int, int], None]
"""(stage, value, bound, solutions) in the model's whole units."""


@dataclass
class StageOutcome:
    """How one lexicographic stage ended (values in the model's whole units)."""

    name: str
    status: str
    value: int | None
    bound: int | None
    seconds: float
    solutions: int
    chosen: list[int] | None
    stopped: bool = False


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, goal: Goal, report: Report | None, stop: threading.Event | None) -> None:
        super().__init__()
        self._goal, self._report, self._stop = goal, report, stop
        self.solutions = 0
        self._value: int | None = None

    def on_solution_callback(self) -> None:
        self.solutions += 1
        self._value = round(self.objective_value) + self._goal.offset
        if self._report is not None:
            self._report(
                self._goal.name,
                self._value,
                round(self.best_objective_bound) + self._goal.offset,
                self.solutions,
            )
        if self._stop is not None and self._stop.is_set():
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        """A better proven bound without a new roster: reported beside the best value."""
        if self._report is not None and self._value is not None:
            self._report(
                self._goal.name, self._value, round(bound) + self._goal.offset, self.solutions
            )


class RosterModel:
    """Build once (the rules with this stage's ``pins``); then ``run`` each goal in turn,
    ``fix`` its value, and go on."""

    def __init__(self, inst: Instance, pins: Collection[int] | None = None) -> None:
        self.inst = inst
        self.pins = tuple(sorted(inst.pins if pins is None else pins))
        self.model = cp_model.CpModel()
        self.model.name = "roster"
        self.vars = make_variables(self.model, inst)
        self.rule_counts = post_hard_rules(self.vars, self.pins)
        self.goals: dict[str, Goal] = {}
        self._fixed: dict[str, int] = {}  # goal name → index of its fixing constraint

    def goal(self, name: str) -> Goal:
        if name not in self.goals:
            self.goals[name] = GOAL_BUILDERS[name](self.vars)
        return self.goals[name]

    def hint(self, chosen: Collection[int]) -> None:
        """Seed the search with a roster (every variable derived from it)."""
        self.model.clear_hints()
        picked = set(chosen)
        for c, x in enumerate(self.vars.x):
            self.model.add_hint(x, c in picked)
        for goal in self.goals.values():
            for var, value in goal.hint(picked):
                self.model.add_hint(var, value)

    def fix(self, goal: Goal, value: int) -> None:
        """Keep ``goal`` at least as good as ``value`` in every later stage."""
        inner = value - goal.offset
        ct = self.model.add(goal.expr >= inner if goal.maximise else goal.expr <= inner)
        ct.with_name(f"goal {goal.name} held")
        self._fixed[goal.name] = ct.index

    def relax(self, goal: Goal, by: int, keep: int | None = None) -> None:
        """Let a fixed ``goal`` be up to ``by`` (model units) worse from now on, its
        ``keep`` part (if any) no worse than ``keep``."""
        if goal.keep is not None and keep is not None:
            self.model.add(goal.keep <= keep).with_name(f"goal {goal.name} part held")
        if by <= 0:
            return
        domain = self.model.proto.constraints[self._fixed[goal.name]].linear.domain
        if goal.maximise:  # expr ≥ lower: the domain is [lower, +∞]
            domain[0] = domain[0] - by
        else:  # expr ≤ upper: the domain is [−∞, upper]
            domain[len(domain) - 1] = domain[len(domain) - 1] + by

    def run(
        self,
        goal: Goal,
        *,
        seconds: float,
        workers: int,
        report: Report | None = None,
        stop: threading.Event | None = None,
    ) -> StageOutcome:
        """Optimise ``goal`` for at most ``seconds``; a set ``stop`` ends it early."""
        if goal.maximise:
            self.model.maximize(goal.expr)
        else:
            self.model.minimize(goal.expr)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.01, seconds)
        solver.parameters.num_workers = max(1, workers)
        solver.parameters.random_seed = 1
        if len(self.inst.candidates) <= MAX_LP_CANDIDATES:
            # the full-problem worker with the complete LP and cuts proves small rosters
            # fast; on large ones its LP is too slow, and the default worker does better
            solver.parameters.subsolvers.append("max_lp")
        else:
            # presolving a month of hundreds of people takes CP-SAT 5–10 s before its first
            # roster (even from a complete hint) and gains nothing measurable there
            solver.parameters.cp_model_presolve = False
        reporter = _Reporter(goal, report, stop)
        solver.best_bound_callback = reporter.on_bound
        done = threading.Event()
        watcher = None
        if stop is not None:

            def watch() -> None:
                while not done.is_set():
                    if stop.wait(0.05):
                        solver.stop_search()
                        return

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
        began = time.monotonic()
        try:
            status = solver.solve(self.model, reporter)
        finally:
            done.set()
            if watcher is not None:
                watcher.join()
        seconds_used = time.monotonic() - began
        found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        chosen = None
        value = bound = None
        if found:
            values = solver.boolean_values(self.vars.x)
            chosen = [c for c, on in enumerate(values) if on]
            value = round(solver.objective_value) + goal.offset
            bound = round(solver.best_objective_bound) + goal.offset
        return StageOutcome(
            goal.name,
            solver.status_name(status),
            value,
            bound,
            seconds_used,
            reporter.solutions,
            chosen,
            stopped=stop is not None and stop.is_set(),
        )
