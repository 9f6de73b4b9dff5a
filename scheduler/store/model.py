"""What the store keeps: a plan with its inputs and settings, and its roster versions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from ..domain import AvailabilityPiece, Horizon, Person, Rules, Shift
from ..errors import Finding

DRAFT = "draft"
PUBLISHED = "published"
ROSTER_KINDS = (DRAFT, PUBLISHED)


@dataclass(frozen=True)
class Plan:
    """One coordinator's plan: the period, rules, who offered what, demand, pins and forbids.

    ``findings`` is the validation report of the last availability import and ``sources``
    the names of the files it read. ``demand_info`` says where the demand came from
    (``source``, ``assumption``, ``backtest``). ``settings`` holds the app's own choices
    (solver time limit, the chat team's contact line, ...). ``id`` is None until stored.
    """

    name: str
    horizon: Horizon
    rules: Rules = field(default_factory=Rules)
    people: tuple[Person, ...] = ()
    availability: tuple[AvailabilityPiece, ...] = ()
    findings: tuple[Finding, ...] = ()
    sources: tuple[str, ...] = ()
    demand: Mapping[tuple[str, datetime], float] = field(default_factory=dict, hash=False)
    demand_info: Mapping[str, Any] = field(default_factory=dict, hash=False)
    pins: tuple[Shift, ...] = ()
    forbids: tuple[Shift, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict, hash=False)
    id: int | None = None
    created: datetime | None = None
    updated: datetime | None = None

    def but(self, **changes: Any) -> Plan:
        """A copy with some fields replaced."""
        return replace(self, **changes)


@dataclass(frozen=True)
class PlanInfo:
    """A row of the plan list."""

    id: int
    name: str
    horizon: Horizon
    people: int
    rosters: int
    updated: datetime


@dataclass(frozen=True)
class RosterVersion:
    """One saved roster of a plan, a ``draft`` or ``published``, with how it was made.

    ``summary`` is the ``summary.json`` object at the time it was saved; ``breakdown``
    the objective by goal; ``label`` a short note ("optimised 30 s", "removed a shift").
    ``people`` are the roster's people as they were when it was saved (e-mail,
    organisation, role, languages), so a later publish still reaches those who have left
    the plan since. ``published`` is when it was marked published and ``revision`` the
    calendars' publish revision it went out with (0 for a draft).
    """

    plan_id: int
    shifts: tuple[Shift, ...]
    status: str
    objective: float = 0.0
    best_bound: float = 0.0
    gap: float = 0.0
    solve_seconds: float = 0.0
    kind: str = DRAFT
    label: str = ""
    breakdown: Mapping[str, float] = field(default_factory=dict, hash=False)
    notes: tuple[str, ...] = ()
    summary: Mapping[str, Any] = field(default_factory=dict, hash=False)
    people: tuple[Person, ...] = ()
    id: int | None = None
    created: datetime | None = None
    published: datetime | None = None
    revision: int = 0

    def but(self, **changes: Any) -> RosterVersion:
        """A copy with some fields replaced."""
        return replace(self, **changes)

    def __post_init__(self) -> None:
        if self.kind not in ROSTER_KINDS:
            raise ValueError(f"roster kind must be one of {ROSTER_KINDS}, got {self.kind!r}")
