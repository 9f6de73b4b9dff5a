"""The ``summary.json`` object of DESIGN.md (English keys and texts: a machine file)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from ..domain import Problem
from ..problem import Instance
from ..roster import Result
from .evaluation import Evaluation, evaluate, instance_of


def summary(
    problem: Problem,
    result: Result,
    settings: Mapping[str, Any] | None = None,
    *,
    instance: Instance | None = None,
    evaluation: Evaluation | None = None,
) -> dict[str, Any]:
    """The ``summary.json`` object for ``result`` (``evaluation``: the roster's, when
    already made, so it is not made again)."""
    if evaluation is None:
        evaluation = evaluate(problem, result.roster, instance=instance_of(problem, instance))
    ev = evaluation
    rules = problem.rules
    merged = {
        "aht_minutes": rules.aht_minutes,
        "patience_minutes": rules.patience_minutes,
        "chats_per_worker": rules.chats_per_worker,
        "slot_minutes": rules.slot_minutes,
        "min_shift_hours": rules.min_shift_hours,
        "max_shift_hours": rules.max_shift_hours,
        "min_staff": rules.min_staff,
        "supervision": rules.supervision,
        "holiday_mode": rules.holiday_mode,
        "services": list(rules.services),
        "replan_tolerance": rules.replan_tolerance,
        "start": problem.horizon.start.isoformat(),
        "weeks": problem.horizon.weeks,
        **dict(settings or {}),
    }
    by_org: dict[str, float] = defaultdict(float)
    people = {p.name: p for p in problem.people}
    for s in result.roster:
        org = people[s.name].organisation if s.name in people else ""
        by_org[org or "(none)"] += s.hours
    return {
        "status": str(result.status),
        "status_words": result.status_words.render("en"),
        "objective": round(result.objective, 6),
        "best_bound": round(result.best_bound, 6),
        "gap": round(result.gap, 6),
        "bound_from": result.bound_from,
        "solve_seconds": round(result.solve_seconds, 3),
        "forecast_contacts": round(ev.forecast_contacts, 4),
        "expected_answered": round(ev.expected_answered, 4),
        "expected_answer_rate": round(ev.expected_answer_rate, 6),
        "uncovered_slots": [u.as_dict() for u in ev.uncovered],
        "people": len(problem.people),
        "people_on_duty": len({s.name for s in result.roster}),
        "shifts": len(result.roster),
        "assigned_hours": round(ev.assigned_hours, 4),
        "offered_hours": round(ev.offered_hours, 4),
        "breakdown": ev.breakdown,
        "stages": [s.as_dict() for s in result.stages],
        "replan": result.replan.as_dict() if result.replan is not None else None,
        "notes": list(result.notes_text("en")),
        "hours_by_organisation": {k: round(v, 4) for k, v in sorted(by_org.items())},
        "settings": merged,
    }
