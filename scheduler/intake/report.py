"""What ``scheduler check`` shows: the people with their offered hours, and every finding."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..domain import Horizon
from ..hours import offered_hours, offered_intervals

if TYPE_CHECKING:
    from . import Intake


def _round(hours: float) -> float:
    return round(hours, 2)


def people_hours(intake: Intake, horizon: Horizon) -> dict[str, tuple[float, float]]:
    """Per person (offered hours, preferred hours) in the horizon, ``away`` removed."""
    offered = offered_intervals(intake.availability, horizon)
    return {p.name: offered_hours(offered.get(p.name, ())) for p in intake.people}


def check_report(intake: Intake, horizon: Horizon) -> dict:
    """The ``check --json`` object of DESIGN.md.

    ``available_hours`` is all time offered inside the horizon (available and preferred,
    open or not) after ``away`` is removed; ``preferred_hours`` the preferred part of it.
    """
    hours = people_hours(intake, horizon)
    return {
        "people": [
            {
                "name": p.name,
                "email": p.email,
                "organisation": p.organisation,
                "role": p.role,
                "languages": list(p.languages),
                "available_hours": _round(hours[p.name][0]),
                "preferred_hours": _round(hours[p.name][1]),
            }
            for p in intake.people
        ],
        "errors": [f.as_dict() for f in intake.findings.errors],
        "warnings": [f.as_dict() for f in intake.findings.warnings],
    }


def format_report(intake: Intake, horizon: Horizon) -> str:
    """A readable report: files and shapes, people and hours by role, every finding."""
    hours = people_hours(intake, horizon)
    lines = [
        f"Plan period {horizon.start.isoformat()} – {horizon.days[-1].isoformat()} "
        f"({horizon.weeks} weeks)"
    ]
    for s in intake.sheets:
        place = f"{s.file} › {s.sheet}" if s.sheet else s.file
        lines.append(
            f"  read {place}: {s.description}, {s.people} people, {s.pieces} pieces of time"
        )
    total = sum(h for h, _ in hours.values())
    preferred = sum(p for _, p in hours.values())
    lines.append(
        f"People: {len(intake.people)}; offered {total:,.1f} h in the period "
        f"({preferred:,.1f} h preferred)"
    )
    roles = Counter(p.role for p in intake.people)
    for role, count in sorted(roles.items()):
        role_hours = sum(hours[p.name][0] for p in intake.people if p.role == role)
        lines.append(f"  {role}: {count} people, {role_hours:,.1f} h")
    swedish = sum(1 for p in intake.people if p.speaks("sv"))
    mentors = sum(1 for p in intake.people if p.mentor)
    trainees = sum(1 for p in intake.people if p.trainee)
    lines.append(f"  Swedish speakers: {swedish}; mentors: {mentors}; trainees: {trainees}")
    errors, warnings = intake.findings.errors, intake.findings.warnings
    for f in errors:
        lines.append(f"error: {f}")
    for f in warnings:
        lines.append(f"warning: {f}")
    verdict = "ready to plan" if not errors else "fix the errors above and check again"
    lines.append(f"{len(errors)} error(s), {len(warnings)} warning(s): {verdict}")
    return "\n".join(lines)
