"""A person's shifts as short plain text, for an email or a chat message, in their language."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..domain import HELSINKI, Person, Problem, Shift
from ..i18n import _, fmt_date, ngettext, use_language
from ..roster import Result
from .words import (
    day_label,
    default_contact,
    hours_text,
    language_of,
    local,
    service_name,
    time_range,
)


def clocks_change(day: date) -> bool:
    """Whether Helsinki's UTC offset changes during ``day`` (the DST days)."""
    start = datetime.combine(day, time(), HELSINKI)
    end = datetime.combine(day + timedelta(days=1), time(), HELSINKI)
    return start.utcoffset() != end.utcoffset()


def person_schedule_text(
    problem: Problem,
    result: Result,
    name: str,
    *,
    contact_info: str | None = None,
    lang: str | None = None,
) -> str:
    """The shifts of ``name`` in the horizon, in Helsinki time, in ``lang`` (default: the
    person's first listed language; Finnish for a name not among the problem's people).

    Raises ``KeyError`` for a name that is neither a person of the problem nor on the roster.
    """
    shifts = result.roster.of_person(name)
    person = next((p for p in problem.people if p.name == name), None)
    if person is None and not shifts:
        raise KeyError(name)
    return schedule_text(problem, name, person, shifts, contact_info=contact_info, lang=lang)


def schedule_text(
    problem: Problem,
    name: str,
    person: Person | None,
    shifts: list[Shift],
    *,
    contact_info: str | None = None,
    lang: str | None = None,
) -> str:
    """:func:`person_schedule_text` of ``name`` (``person`` in the problem, or None) with
    their ``shifts`` (in roster order) already found."""
    lang = lang or language_of(person.languages if person else None, "fi")
    horizon = problem.horizon
    last_day = horizon.end - timedelta(days=1)
    with use_language(lang):
        lines = [
            _("Sekasin – your duty shifts"),
            name,
            _(
                "Period: {first}–{last}",
                first=fmt_date(horizon.start, lang, weekday=False, year=True),
                last=fmt_date(last_day, lang, weekday=False, year=True),
            ),
            "",
        ]
        if not shifts:
            lines.append(_("No shifts in this period."))
        width = max((len(day_label(s.start, lang)) for s in shifts), default=0)
        hours_width = max((len(hours_text(s.hours, lang)) for s in shifts), default=0)
        for s in shifts:
            note = (
                "  " + _("(the clocks change on this day)")
                if clocks_change(local(s.start).date())
                else ""
            )
            lines.append(
                f"{day_label(s.start, lang):<{width}}  {time_range(s.start, s.end, lang)}  "
                f"{service_name(s.service):<15}  {hours_text(s.hours, lang):>{hours_width}}{note}"
            )
        if shifts:
            total = sum(s.hours for s in shifts)
            lines += [
                "",
                ngettext(
                    "Total: {n} shift, {hours}",
                    "Total: {n} shifts, {hours}",
                    len(shifts),
                    hours=hours_text(total, lang),
                ),
            ]
        lines += ["", _("Times are Finnish time (Europe/Helsinki)."), ""]
        if contact_info:
            lines.append(_("Chat team: {contact}", contact=contact_info))
        else:
            lines.append(default_contact(lang))
    return "\n".join(lines) + "\n"
