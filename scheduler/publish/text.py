"""A person's shifts as short plain text, for an email or a chat message."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..domain import HELSINKI, Problem
from ..roster import Result
from .words import DEFAULT_CONTACT, day_label, hours_text, local, service_name, time_range


def clocks_change(day: date) -> bool:
    """Whether Helsinki's UTC offset changes during ``day`` (the DST days)."""
    start = datetime.combine(day, time(), HELSINKI)
    end = datetime.combine(day + timedelta(days=1), time(), HELSINKI)
    return start.utcoffset() != end.utcoffset()


def person_schedule_text(
    problem: Problem, result: Result, name: str, *, contact_info: str | None = None
) -> str:
    """The shifts of ``name`` in the horizon, Finnish and English headings, Helsinki times.

    Raises ``KeyError`` for a name that is neither a person of the problem nor on the roster.
    """
    shifts = result.roster.of_person(name)
    known = {p.name for p in problem.people}
    if name not in known and not shifts:
        raise KeyError(name)
    horizon = problem.horizon
    last_day = horizon.end - timedelta(days=1)
    lines = [
        "Sekasin – päivystysvuorosi / your duty shifts",
        name,
        f"Jakso / Period: {horizon.start.day}.{horizon.start.month}.{horizon.start.year}–"
        f"{last_day.day}.{last_day.month}.{last_day.year}",
        "",
    ]
    if not shifts:
        lines.append("Ei vuoroja tällä jaksolla. / No shifts in this period.")
    width = max((len(day_label(s.start)) for s in shifts), default=0)
    for s in shifts:
        note = (
            "  (kellot siirtyvät / clocks change)" if clocks_change(local(s.start).date()) else ""
        )
        lines.append(
            f"{day_label(s.start):<{width}}  {time_range(s.start, s.end)}  "
            f"{service_name(s.service):<15}  {hours_text(s.hours)}{note}"
        )
    if shifts:
        total = sum(s.hours for s in shifts)
        lines += [
            "",
            f"Yhteensä / Total: {len(shifts)} "
            f"{'vuoro / shift' if len(shifts) == 1 else 'vuoroa / shifts'}, "
            f"{hours_text(total)}",
        ]
    lines += ["", "Ajat ovat Suomen aikaa. / Times are Finnish time (Europe/Helsinki).", ""]
    if contact_info:
        lines.append(f"Chat-tiimi / Chat team: {contact_info}")
    else:
        lines += [DEFAULT_CONTACT["fi"], DEFAULT_CONTACT["en"]]
    return "\n".join(lines) + "\n"
