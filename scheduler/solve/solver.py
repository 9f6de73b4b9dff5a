"""``solve()``: the goals of DESIGN.md in strict priority, by lexicographic CP-SAT stages.

The order is guaranteed by solving one goal at a time and holding its value before the
next (``cover`` ≤ found, then ``answered`` ≥ found, then ``balance`` ≤ found, then
``changes``). Goals 1 and 2 share the first stage with weights that provably keep their
order (see :mod:`scheduler.problem.goals`).

Every roster a stage starts from or ends with goes into a pool
(:class:`~scheduler.solve.pool.Pool`), and the roster returned is the pool's choice by the
goal order, whichever stages ran, were stopped or ran out of time. So:

* a fresh plan starts from a greedy roster and only gets better;
* a re-plan starts from the previous roster *repaired* (what no longer fits taken out,
  gaps filled, nothing more): that roster is the answer from the first millisecond, and
  one that changes more is returned only when it gains more than
  ``rules.replan_tolerance`` on goals 3–4 with goals 1–2 no worse. The ``keep`` stage
  looks for the fewest changes goals 1–2 need.

Before the search, the LP relaxation (:mod:`scheduler.solve.bound`) gives a real upper
bound on expected answered contacts with goals 1–2 held, so every gap reported means what
it says. Goal 3's start is lifted by a local search (:mod:`scheduler.solve.improve`)
within its share of the time.

Time: the whole call, model build included, keeps within ``time_limit`` (plus the last
solver's stop latency). Each step gets a share of what is left; time a step does not use
passes on. A set ``stop`` event ends the current stage at once and skips the rest.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

from ..domain import Problem
from ..i18n import T, Text
from ..problem import ANSWER_SCALE, Instance, build_instance
from ..roster import ReplanRecord, Result, Roster, SolveStatus, StageRecord
from ..rules import check
from .bound import Bound, LpBound
from .greedy import greedy
from .improve import improve
from .model import RosterModel, StageOutcome
from .pool import Known, Pool
from .progress import Progress

FRESH_STEPS = ("bound", "greedy", "cover", "improve", "answered", "balance")
REPLAN_STEPS = (
    "repair",
    "restaff",
    "cover",
    "keep",
    "bound",
    "improve",
    "answered",
    "balance",
    "changes",
)
SHARE = {
    "bound": 0.12,
    "cover": 0.3,
    "keep": 0.25,
    "improve": 0.5,
    "answered": 0.75,
    "balance": 0.6,
    "changes": 1.0,
}
"""Of the time left when a step starts, the most it may take. A re-plan's goal stages
take less (:data:`REPLAN_SHARE`) so that goal 5 keeps a share."""
REPLAN_SHARE = {"cover": 0.2, "answered": 0.5, "balance": 0.4, "improve": 0.3}
BOUND_ACCURACY = 1e-3
"""PDLP's relative accuracy for the first bound (about a second on the M benchmark); the
bound is then tightened (warm) towards :data:`BOUND_TIGHT` while time allows."""
BOUND_TIGHT = 1e-5
BOUND_FIRST_LEFT = 4.0
"""With less time than this a fresh plan makes its first roster before the bound."""
BOUND_SECONDS = 1.5
"""The first bound gets at least this (or a quarter of the time left): PDLP needs about
that on a month of hundreds of people before its bound means something."""
TIGHTEN_SHARE = 0.2
MIN_STEP_SECONDS = 0.05
RESTAFF_SHARE = 0.2
LEFTOVER_SECONDS = 0.5
"""Time left at the end below which the bound is not tightened again (and kept spare)."""
"""Of the time left, the most a re-plan's moves for goals 1–2 alone may take."""
MODEL_SECONDS_PER_CANDIDATE = 80e-6
"""Building the CP-SAT model and its goals: about 2 s for the sample month's 25,201
candidate shifts on the 2-core machine."""
END_RESERVE = 0.6
END_SHARE = 0.1
"""Kept at the end of the time for a solver's stop latency and the KPIs of the result."""
ENOUGH_GAP = 2e-4
"""The local search stops once its roster is proven this close to the bound."""


def solve(
    problem: Problem,
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
    instance: Instance | None = None,
) -> Result:
    """:func:`scheduler.solve.solve`, whose parameters it takes (that one imports this
    module, and with it OR-Tools, only when called)."""
    began = time.monotonic()
    limit = max(0.1, float(time_limit))
    deadline = began + limit - min(END_RESERVE, 0.05 + END_SHARE * limit)
    run = _Run(problem, deadline, workers, progress, stop, instance)
    return run.go(began)


class _Run:
    def __init__(
        self,
        problem: Problem,
        deadline: float,
        workers: int,
        progress: Callable[[Progress], None] | None,
        stop: threading.Event | None,
        instance: Instance | None,
    ) -> None:
        self.began = time.monotonic()
        self.deadline = deadline
        self.workers = workers
        self.progress = progress
        self.stop = stop
        self.inst = (
            instance
            if instance is not None and instance.problem is problem
            else build_instance(problem)
        )
        self.replan = bool(problem.previous)
        self.tolerance = problem.rules.replan_tolerance if self.replan else 0.0
        self.pins: tuple[int, ...] = self.inst.pins
        self.pool = Pool(self.inst, self.pins)
        self.records: list[StageRecord] = []
        self.notes: list[Text | str] = list(self.inst.notes)
        self.fixed: dict[str, int] = {}
        self.bound: int | None = None  # proven bound on goal 3, model units
        self.bound_from = ""
        self.lp: LpBound | None = None
        self.model: RosterModel | None = None
        self.kept: Known | None = None  # the repaired previous roster
        self.fewest: tuple[int, bool] | None = None  # keep stage: (changes, proven)
        self.infeasible = False
        self.all_proven = True

    # ------------------------------------------------------------------ helpers

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def share(self, step: str) -> float:
        return (REPLAN_SHARE if self.replan else {}).get(step, SHARE.get(step, 1.0))

    def best(self) -> Known:
        return self.pool.choose(self.tolerance)

    def report(self, stage: str, solutions: int = 0, stage_value: float | None = None) -> None:
        if self.progress is None:
            return
        best = self.pool.best_answered()
        answered = best.values.answered_scaled / ANSWER_SCALE if best else None
        bound = None if self.bound is None else self.bound / ANSWER_SCALE
        self.progress(
            Progress(time.monotonic() - self.began, stage, answered, bound, solutions, stage_value)
        )

    def record(
        self,
        stage: str,
        status: str,
        seconds: float,
        *,
        objective: float | None = None,
        best_bound: float | None = None,
        solutions: int = 0,
    ) -> None:
        self.records.append(StageRecord(stage, status, objective, best_bound, seconds, solutions))

    # ------------------------------------------------------------------ the run

    def go(self, began: float) -> Result:
        self.began = began
        steps = REPLAN_STEPS if self.replan else FRESH_STEPS
        for step in steps:
            first = step in ("greedy", "repair")  # the incumbent: always, stop or not
            if not first and (self.stopped() or self.left() <= MIN_STEP_SECONDS):
                continue
            getattr(self, f"_{step}")()
        if self.lp is not None and not self.stopped() and self.left() > LEFTOVER_SECONDS:
            # time the skipped stages did not use: the bound is all that can still improve
            cover = self.fixed.get("cover", min(k.values.cover for k in self.pool.items))
            self._run_bound(self.left() - LEFTOVER_SECONDS, BOUND_TIGHT, cover)
        return self.result()

    def _greedy(self) -> None:
        t = time.monotonic()
        self.pool.add(greedy(self.inst, by="goals", pins=self.pins), "greedy")
        self.record("greedy", "DONE", time.monotonic() - t, solutions=1)
        self.report("greedy", 1)
        if self.lp is None and not self.stopped() and self.left() > MIN_STEP_SECONDS:
            # the bound waited for this roster (too little time for both before it)
            self._bound()

    def _repair(self) -> None:
        """The previous roster, what no longer fits taken out (mentors' shifts first, so a
        trainee's shift finds its mentor), gaps filled greedily: the kept roster."""
        t = time.monotonic()
        inst = self.inst
        previous = inst.roster_candidates(inst.problem.previous)[0]
        repaired = greedy(inst, by="cover", start=previous, pins=self.pins)
        self.kept = self.pool.add(repaired, "repair")
        if self.kept is None:  # a trainee's pin without its mentor: the greedy's own start
            self.kept = self.pool.add(greedy(inst, by="goals", pins=self.pins), "greedy")
        self.record("repair", "DONE", time.monotonic() - t, solutions=1)
        self.report("repair", 1)

    def _bound(self) -> None:
        """The LP bound, goals 1–2 held at the best value known (none yet: not held).
        Before any roster only when there is time for both (else the roster comes first)."""
        left = self.left()
        if not self.pool.items and left < BOUND_FIRST_LEFT:
            return
        seconds = min(
            max(left * SHARE["bound"], min(BOUND_SECONDS, 0.25 * left)), left - MIN_STEP_SECONDS
        )
        if seconds < MIN_STEP_SECONDS:
            return
        cover = min((k.values.cover for k in self.pool.items), default=None)
        self._run_bound(seconds, BOUND_ACCURACY, cover)

    def _tighten(self) -> None:
        """The LP bound again, warm, more accurately and at the goals 1–2 value held."""
        seconds = self.left() * TIGHTEN_SHARE
        if seconds < 0.2:
            return
        cover = self.fixed.get(
            "cover", min((k.values.cover for k in self.pool.items), default=None)
        )
        self._run_bound(seconds, BOUND_TIGHT, cover)

    def _run_bound(self, seconds: float, accuracy: float, cover: int | None) -> None:
        t = time.monotonic()
        if self.lp is None:
            self.lp = LpBound(self.inst, self.pins)
        self.lp.hold(cover)
        found = self.lp.solve(max(MIN_STEP_SECONDS, seconds - (time.monotonic() - t)), accuracy)
        self._take_bound(found, cover)
        self.record(
            "bound",
            "DONE" if found is not None else "UNKNOWN",
            time.monotonic() - t,
            best_bound=None if found is None else round(found.value, 4),
        )
        self.report("bound")

    def _take_bound(self, found: Bound | None, cover: int | None) -> None:
        """Every bound holds for the roster returned: the LP's is held at goals 1–2 no
        better than the best value known (or not held), CP-SAT's at the best value, and the
        roster returned has the best value. So the smallest bound known is the bound."""
        if found is not None and (self.bound is None or found.scaled < self.bound):
            self.bound, self.bound_from = found.scaled, "lp"

    def _model(self) -> RosterModel:
        """The CP-SAT model, built on first use with every goal value held so far."""
        if self.model is None:
            self.model = RosterModel(self.inst, self.pins)
            for goal, value in self.fixed.items():
                self._fix(goal, value)
        return self.model

    def _can_model(self, stage: str) -> bool:
        """Whether there is time to build the model (if not built yet) and use it."""
        if self.model is None:
            build = MODEL_SECONDS_PER_CANDIDATE * len(self.inst.candidates)
            if self.left() < build + 1.0:
                self.record(stage, "SKIPPED", 0.0)
                self.all_proven = False
                return False
        return True

    def _fix(self, goal: str, value: int) -> None:
        assert self.model is not None
        self.model.fix(self.model.goal(goal), -value if goal == "answered" else value)

    def _stage(self, name: str, measured: str, start: Known | None) -> StageOutcome | None:
        """Run one CP-SAT stage from ``start``; its roster goes into the pool. Not when
        the model would take most of the time left to build (L at 20 s)."""
        if not self._can_model(name):
            return None
        model = self._model()
        goal = replace(model.goal(measured), name=name)
        if start is not None:
            model.hint(start.chosen)
        seconds = self.left() * self.share(name)
        if seconds < MIN_STEP_SECONDS:
            return None
        scale = goal.scale

        def on_solution(stage: str, value: int, bound: int, solutions: int) -> None:
            if stage == "answered" and (self.bound is None or bound < self.bound):
                self.bound, self.bound_from = bound, "cp-sat"
            self.report(stage, solutions, value / scale)

        outcome = model.run(
            goal, seconds=seconds, workers=self.workers, report=on_solution, stop=self.stop
        )
        self.record(
            name,
            outcome.status,
            outcome.seconds,
            objective=None if outcome.value is None else outcome.value / scale,
            best_bound=None if outcome.bound is None else outcome.bound / scale,
            solutions=outcome.solutions,
        )
        if outcome.status != "OPTIMAL":
            self.all_proven = False
        if outcome.chosen is not None:
            self.pool.add(outcome.chosen, name)
        return outcome

    def _cover(self) -> None:
        start = self.pool.best("cover")
        outcome = self._stage("cover", "cover", start)
        if outcome is not None and outcome.status == "INFEASIBLE" and self.pins:
            self._without_pins()
            outcome = self._stage("cover", "cover", self.pool.best("cover"))
        self._fill(outcome)
        self._hold("cover", outcome)
        self.report("cover")

    def _fill(self, outcome: StageOutcome | None) -> None:
        """The stage's roster filled up greedily where contacts wait: the search for goals
        1–2 cares nothing for goal 3, and with little time left this is what stands."""
        if outcome is not None and outcome.chosen is not None:
            filled = greedy(self.inst, by="goals", start=outcome.chosen, pins=self.pins)
            self.pool.add(filled, f"{outcome.name}+greedy")

    def _without_pins(self) -> None:
        """The pins together break a rule (a trainee's pin without a mentor that can be
        beside them): plan without pins, and say so."""
        self.notes.append(
            T(
                "the pinned shifts together break a rule (a trainee without a mentor beside "
                "them); the roster was planned without pins"
            )
        )
        self.infeasible = True
        self.pins = ()
        self.model = None
        self.lp = None
        self.bound = None
        self.fixed = {}
        self.pool = Pool(self.inst, ())
        self.pool.add(greedy(self.inst, by="goals", pins=()), "greedy")
        if self.replan:
            previous = self.inst.roster_candidates(self.inst.problem.previous)[0]
            self.kept = self.pool.add(
                greedy(self.inst, by="cover", start=previous, pins=()), "repair"
            )

    def _hold(self, goal: str, outcome: StageOutcome | None) -> None:
        """Hold ``goal`` at the best value known from now on (the stage's, or the pool's
        when the stage found nothing better in its time, or did not run)."""
        best = self.pool.best(goal, held=dict(self.fixed))
        if best is None:
            return
        value = best.values.value(goal)
        self.fixed[goal] = value
        if self.model is not None:
            self._fix(goal, value)

    def _keep(self) -> None:
        held = {"cover": self.fixed["cover"]} if "cover" in self.fixed else {}
        start = self.pool.best("changes", held=held)
        outcome = self._stage("keep", "changes", start)
        best = self.pool.best("changes", held=held)
        self._fill(outcome)
        if best is not None and outcome is not None:  # the stage ran: its count means that
            proven = outcome.status == "OPTIMAL" and outcome.value == best.values.changes
            self.fewest = (best.values.changes, proven)
        self.report("keep", stage_value=None if best is None else best.values.changes)

    def _restaff(self) -> None:
        """A re-plan's quick repair of goals 1–2: from the kept roster, one person at a
        time moves only to staff or supervise an hour more (before CP-SAT can, and
        without it when there is no time for the model)."""
        kept = self.pool.best("changes")
        if kept is None:
            return
        t = time.monotonic()
        moved = improve(
            self.inst,
            kept.chosen,
            seconds=self.left() * RESTAFF_SHARE,
            stop=self.stop,
            pins=self.pins,
            only_cover=True,
        )
        self.pool.add(moved, "restaff")
        # and filled up where contacts wait: shifts added, none moved, the cheapest way to
        # answer again what the cancelled shifts answered
        self.pool.add(greedy(self.inst, by="goals", start=moved, pins=self.pins), "restaff+greedy")
        self.record("restaff", "DONE", time.monotonic() - t)
        self.report("restaff")

    def _improve(self) -> None:
        held = {"cover": self.fixed["cover"]} if "cover" in self.fixed else {}
        start = self.pool.best("answered", held=held)
        if start is None:
            return
        t = time.monotonic()
        seconds = self.left() * self.share("improve")
        chosen = improve(
            self.inst,
            start.chosen,
            seconds=seconds,
            stop=self.stop,
            pins=self.pins,
            enough=None if self.bound is None else int(self.bound * (1 - ENOUGH_GAP)),
        )
        self.pool.add(chosen, "improve")
        self.record("improve", "DONE", time.monotonic() - t)
        self.report("improve")
        self._tighten()

    def _answered(self) -> None:
        start = self.pool.best("answered", held=dict(self.fixed))
        outcome = self._stage("answered", "answered", start)
        if (
            outcome is not None
            and outcome.bound is not None
            and "cover" in self.fixed
            and (self.bound is None or outcome.bound < self.bound)
        ):
            self.bound, self.bound_from = outcome.bound, "cp-sat"
        self._hold("answered", outcome)
        self.report("answered")

    def _balance(self) -> None:
        start = self.pool.best("balance", held=dict(self.fixed))
        outcome = self._stage("balance", "balance", start)
        self._hold("balance", outcome)
        self.report("balance")

    def _changes(self) -> None:
        """Goal 5: goals 3–4 loosened by the tolerance (never the min_hours shortfall)."""
        if not self._can_model("changes"):
            return
        model = self._model()
        held = dict(self.fixed)
        for goal in ("answered", "balance"):
            if goal not in self.fixed:
                continue
            slack = int(abs(self.fixed[goal]) * self.tolerance)
            keep = None
            if goal == "balance":
                best = self.pool.best(
                    "balance", held={g: v for g, v in held.items() if g != "balance"}
                )
                keep = best.values.min_hours_short if best is not None else None
            model.relax(model.goal(goal), slack, keep=keep)
            held[goal] = self.fixed[goal] + slack
            if keep is not None:
                held["min_hours"] = keep
        start = self.pool.best("changes", held=held)
        self._stage("changes", "changes", start)
        self.report("changes")

    # ------------------------------------------------------------------ the result

    def result(self) -> Result:
        from ..kpi import evaluate  # the KPIs recompute everything from the roster alone

        inst = self.inst
        if not self.pool.items:  # no roster keeps every pin: plan without them, and say so
            self.notes.append(
                T(
                    "the pinned shifts could not all be placed in the time (a trainee's pin "
                    "needs a mentor beside it); the roster was planned without pins"
                )
            )
            self.pins = ()
            self.pool = Pool(inst, ())
            self.pool.add(greedy(inst, by="goals", pins=()), "greedy")
        chosen = self.best()
        broken = check(inst, [inst.shift(c) for c in chosen.chosen])
        while broken and len(self.pool.items) > 1:  # cannot happen: never return it anyway
            self.notes.append(
                T("a roster breaking a rule was left out: {violation}", violation=broken[0].message)
            )
            self.pool.discard(chosen)
            chosen = self.best()
            broken = check(inst, [inst.shift(c) for c in chosen.chosen])
        roster = Roster.of(inst.shift(c) for c in chosen.chosen)
        evaluation = evaluate(inst.problem, roster, instance=inst)
        value = chosen.values.answered_scaled
        if self.bound is not None:
            # (the LP's bound is rounded down to whole units: at a gap of 0 it may be one
            # unit, 1/10,000 contact, below the roster's value)
            bound, source = max(self.bound, value), self.bound_from
        else:
            bound, source = sum(c[-1] for c in inst.scaled), "curves"
        gap = (bound - value) / max(1.0, abs(value))
        searched = ("cover", "keep", "answered", "balance", "changes")
        steps = [s for s in (REPLAN_STEPS if self.replan else FRESH_STEPS) if s in searched]
        ran = {r.stage for r in self.records}
        complete = all(s in ran for s in steps)
        if self.infeasible:
            status = SolveStatus.INFEASIBLE
        elif complete and self.all_proven:
            status = SolveStatus.OPTIMAL
        elif self.stopped():
            status = SolveStatus.STOPPED
        else:
            status = SolveStatus.FEASIBLE
        return Result(
            status=status,
            roster=roster,
            objective=evaluation.objective,
            best_bound=bound / ANSWER_SCALE,
            gap=gap,
            solve_seconds=time.monotonic() - self.began,
            breakdown=evaluation.breakdown,
            coverage=evaluation.coverage,
            uncovered=evaluation.uncovered,
            stages=tuple(self.records),
            notes=tuple(self.notes),
            replan=self._replan_record(chosen) if self.replan else None,
            bound_from=source,
        )

    def _replan_record(self, chosen: Known) -> ReplanRecord:
        inst = self.inst
        previous = inst.problem.previous
        kept, other = inst.roster_candidates(previous)
        workable = set(kept)
        now = set(chosen.chosen)
        # what no longer fits: not a shift they can work, or dropped by the repair
        repaired = set(self.kept.chosen) if self.kept is not None else workable
        still = workable & now
        cancelled = len(other) + len((workable - repaired) - now)
        moved = len((workable & repaired) - now)
        added = len(now - workable)
        best = self.pool.best("answered", held={"cover": chosen.values.cover})
        top = best.values.answered_scaled if best is not None else chosen.values.answered_scaled
        lost = max(0, top - chosen.values.answered_scaled)
        fewest, proven = self.fewest if self.fewest is not None else (None, False)
        return ReplanRecord(
            previous=len(previous),
            kept=len(still),
            cancelled=cancelled,
            moved=moved,
            added=added,
            fewest=fewest,
            fewest_proven=proven,
            given_up=lost / ANSWER_SCALE,
            given_up_share=lost / max(1, top),
            tolerance=self.tolerance,
        )
