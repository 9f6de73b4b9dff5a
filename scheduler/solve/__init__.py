"""The roster optimiser (CP-SAT): the only package that imports ``ortools``.

``solve(problem, *, time_limit=30.0, workers=2, progress=None, stop=None) -> Result``.
The solver module is imported on first use, so the pure-Python parts of this package
(candidates, goals, greedy) can be used without loading ortools.
"""

from __future__ import annotations

from .progress import Progress

__all__ = ["Progress", "solve"]


def solve(problem, *, time_limit: float = 30.0, workers: int = 2, progress=None, stop=None):
    """Optimise ``problem``; see :func:`scheduler.solve.solver.solve`."""
    from .solver import solve as _solve

    return _solve(problem, time_limit=time_limit, workers=workers, progress=progress, stop=stop)
