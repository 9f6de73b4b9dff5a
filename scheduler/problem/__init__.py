"""The shared problem model: the problem made concrete (:class:`Instance`) and the goals.

Imports flow one way: :mod:`scheduler.domain` → this package (with :mod:`scheduler.rules`)
→ :mod:`scheduler.kpi` → :mod:`scheduler.solve`. Nothing here loads a solver.
"""

from __future__ import annotations

from .goals import (
    GOAL_NAMES,
    GOALS,
    MIN_HOURS_WEIGHT,
    NONPREFERRED_WEIGHT,
    Goal,
    GoalValues,
    cover_weight,
    goal_values,
    goals_for,
    shift_slots,
)
from .instance import ANSWER_SCALE, Candidate, Instance, build_instance, shift_key

__all__ = [
    "ANSWER_SCALE",
    "GOALS",
    "GOAL_NAMES",
    "MIN_HOURS_WEIGHT",
    "NONPREFERRED_WEIGHT",
    "Candidate",
    "Goal",
    "GoalValues",
    "Instance",
    "build_instance",
    "cover_weight",
    "goal_values",
    "goals_for",
    "shift_key",
    "shift_slots",
]
