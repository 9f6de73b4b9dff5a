"""From imported availability and demand to the frozen :class:`~scheduler.domain.Problem`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from .domain import Horizon, Problem, Rules, Shift
from .errors import Findings, InputError, Location


def build_problem(
    intake,
    horizon: Horizon,
    rules: Rules,
    demand: Mapping[tuple[str, datetime], float],
    *,
    pins: Iterable[Shift] = (),
    forbids: Iterable[Shift] = (),
    previous: Iterable[Shift] = (),
) -> Problem:
    """The problem to optimise.

    ``intake`` is anything with ``people`` and ``availability`` (an
    :class:`scheduler.intake.Intake`). Pins and forbids must name people of the intake
    (an :class:`~scheduler.errors.InputError` lists every one that does not); a previous
    roster may name people who have since left: their shifts count as changes.
    """
    people = tuple(intake.people)
    known = {p.name for p in people}
    findings = Findings()
    for label, shifts in (("pin", pins), ("forbid", forbids)):
        for shift in shifts:
            if shift.name not in known:
                findings.error(
                    Location(file=label + "s"),
                    f"{label} of {shift.name!r} ({shift.service} "
                    f"{shift.start.isoformat()}): no such person in the availability",
                )
    findings.raise_if_errors()
    open_keys = set(demand)
    if any(not isinstance(k, tuple) or len(k) != 2 for k in open_keys):
        raise InputError("demand must map (service, slot start) to contacts")
    return Problem(
        horizon=horizon,
        rules=rules,
        people=people,
        availability=tuple(intake.availability),
        demand=dict(demand),
        pins=tuple(pins),
        forbids=tuple(forbids),
        previous=tuple(previous),
    )
