"""The roster optimiser (CP-SAT): the only package that imports ``ortools``.

* :func:`solve` (problem → :class:`~scheduler.roster.Result`): a fresh plan, or a re-plan
  when ``problem.previous`` holds the previous roster.
* :func:`replan`: re-plan a roster with the fewest changes after some of its shifts were
  taken out (a cancellation), for the app.

The solver module is imported on first use, so the pure-Python parts of this package
(greedy, local search) load without OR-Tools.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import replace

from ..domain import Problem, Shift
from ..problem import Instance
from ..roster import Result
from .progress import Progress

__all__ = ["Progress", "replan", "solve"]


def solve(
    problem: Problem,
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
    instance: Instance | None = None,
) -> Result:
    """Optimise the roster of ``problem``; always returns a :class:`~scheduler.roster.Result`.

    Parameters
    ----------
    problem : Problem
        People, availability, demand, rules, pins, forbids; ``problem.previous`` makes it
        a re-plan that keeps the previous roster where it still fits.
    time_limit : float
        Seconds for the whole call, building the model included.
    workers : int
        CP-SAT's threads.
    progress : callable, optional
        Called with a :class:`Progress` for every better roster or bound and every step.
    stop : threading.Event, optional
        Set it to end the solve at once with the best roster so far (status ``STOPPED``).
    instance : Instance, optional
        ``problem`` already built (:func:`scheduler.problem.build_instance`), so that the
        caller builds it once for the solve, the summary and the recruiting ranking.

    Returns
    -------
    Result
        The roster chosen by the goal order (see docs/optimiser.md), its KPIs, the best
        bound and gap, each stage's record, the re-plan record and notes.
    """
    from .solver import solve as _solve

    return _solve(
        problem,
        time_limit=time_limit,
        workers=workers,
        progress=progress,
        stop=stop,
        instance=instance,
    )


def replan(
    problem: Problem,
    roster: Iterable[Shift],
    *,
    removed: Iterable[Shift] = (),
    time_limit: float = 30.0,
    workers: int = 2,
    progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
) -> Result:
    """Re-plan ``roster`` for ``problem`` with the fewest changes.

    ``removed`` are shifts taken out (a person cancelled): they are forbidden in the new
    roster and count as cancelled in its re-plan record (they may be in ``roster`` or not).
    Every other shift of ``roster`` that still fits is kept unless moving it gains more
    than ``problem.rules.replan_tolerance`` on goals 3–4; gaps are filled with the fewest
    changes the minimum staff and supervision need.
    """
    gone = tuple(removed)
    previous = tuple(dict.fromkeys([*roster, *gone]))
    changed = replace(problem, previous=previous, forbids=(*problem.forbids, *gone))
    return solve(changed, time_limit=time_limit, workers=workers, progress=progress, stop=stop)
