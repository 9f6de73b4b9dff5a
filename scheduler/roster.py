"""The result of planning: a roster of shifts, per-slot coverage and the solve result.

Everything here can be recomputed from the shifts alone, without the solver.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .domain import Shift


@dataclass(frozen=True)
class Roster:
    """The set of shifts, sorted by start, service and name."""

    shifts: tuple[Shift, ...] = ()

    @classmethod
    def of(cls, shifts: Iterable[Shift]) -> Roster:
        return cls(tuple(sorted(shifts, key=lambda s: (s.start, s.service, s.name))))

    def __iter__(self):
        return iter(self.shifts)

    def __len__(self) -> int:
        return len(self.shifts)

    @property
    def hours(self) -> float:
        return sum(s.hours for s in self.shifts)

    def of_person(self, name: str) -> list[Shift]:
        return [s for s in self.shifts if s.name == name]

    def hours_by_person(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for s in self.shifts:
            out[s.name] = out.get(s.name, 0.0) + s.hours
        return out


@dataclass(frozen=True)
class CoverageRow:
    """One slot of coverage: the row of ``coverage.csv``."""

    service: str
    start: datetime
    end: datetime
    staffed: int
    min_staff: int
    forecast_contacts: float
    expected_answered: float
    on_duty: tuple[str, ...] = ()

    @property
    def short(self) -> int:
        return max(0, self.min_staff - self.staffed)


@dataclass(frozen=True)
class UncoveredSlot:
    """An open slot below its minimum staff, and why."""

    service: str
    start: datetime
    end: datetime
    staffed: int
    min_staff: int
    reason: str
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "staffed": self.staffed,
            "min_staff": self.min_staff,
            "reason": self.reason,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Result:
    """What a solve returns, always, also when nothing better than empty was found.

    ``status`` is one of OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN, MODEL_INVALID, STOPPED.
    ``breakdown`` gives the objective by goal (gaps, supervision, answered, fairness, changes).
    ``stages`` records each lexicographic stage of the solve (goal, status, objective,
    best bound, seconds, solutions); ``notes`` says what could not be kept as asked
    (e.g. a pin that breaks a rule).
    """

    status: str
    roster: Roster
    objective: float
    best_bound: float
    gap: float
    solve_seconds: float
    breakdown: dict[str, float] = field(default_factory=dict)
    coverage: tuple[CoverageRow, ...] = ()
    uncovered: tuple[UncoveredSlot, ...] = ()
    stages: tuple[dict[str, Any], ...] = ()
    notes: tuple[str, ...] = ()
