"""Publishing a roster: CSV tables, the Excel workbook, calendars and plain-text schedules.

:func:`publish_all` writes the publishable part of the output folder of ``scheduler
solve`` (``summary.json`` and ``recruit.csv`` are written by the command itself).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain import Person, Problem, Shift
from ..roster import Result
from .calendars import (
    CalendarFiles,
    PreviousRoster,
    publish_revision,
    shift_uid,
    write_calendars,
)
from .names import file_stems
from .tables import (
    COVERAGE_COLUMNS,
    ROSTER_COLUMNS,
    read_roster_csv,
    write_coverage_csv,
    write_roster_csv,
)
from .text import person_schedule_text
from .workbook import write_roster_xlsx

__all__ = [
    "COVERAGE_COLUMNS",
    "ROSTER_COLUMNS",
    "CalendarFiles",
    "PreviousRoster",
    "person_schedule_text",
    "publish_all",
    "publish_revision",
    "read_roster_csv",
    "shift_uid",
    "write_calendars",
    "write_coverage_csv",
    "write_roster_csv",
    "write_roster_xlsx",
    "write_schedules",
]


def contact_text(summary: Mapping[str, Any], contact_info: str | None) -> str | None:
    """How to reach the chat team: the argument, else ``settings.contact_info``, else None."""
    if contact_info and contact_info.strip():
        return contact_info.strip()
    value = (summary.get("settings") or {}).get("contact_info")
    return value.strip() if isinstance(value, str) and value.strip() else None


def write_schedules(
    directory: Path | str, problem: Problem, result: Result, *, contact_info: str | None = None
) -> dict[str, Path]:
    """One ``<person>.txt`` (UTF-8) per person on the roster, named like the calendars, in
    the person's first listed language."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, stem in sorted(file_stems(s.name for s in result.roster).items()):
        path = folder / f"{stem}.txt"
        path.write_text(
            person_schedule_text(problem, result, name, contact_info=contact_info), encoding="utf-8"
        )
        written[name] = path
    return written


def publish_all(
    outdir: Path | str,
    problem: Problem,
    result: Result,
    *,
    summary: Mapping[str, Any],
    previous: Iterable[Shift] = (),
    previous_people: Mapping[str, Person] | None = None,
    contact_info: str | None = None,
    now: datetime | None = None,
    lang: str | None = None,
    revision_floor: int = 0,
) -> dict[str, Path]:
    """Write ``roster.csv``, ``coverage.csv``, ``roster.xlsx``, ``calendars/`` and
    ``schedules/`` into ``outdir``; returns them by name.

    ``previous`` are the shifts already published (``--previous``): those gone from a
    calendar are published there as cancelled events (``previous_people``, or the
    ``people`` of a :class:`PreviousRoster`, says who they were then). ``now`` fixes the
    calendars' ``DTSTAMP``; the revision is :func:`publish_revision` of ``now`` and
    ``revision_floor``. ``lang`` is the language of the workbook and the shared calendars
    (default: the current language); people's own files are in their first language.
    """
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    people = {p.name: p for p in problem.people}
    contact = contact_text(summary, contact_info)
    written = {
        "roster.csv": out / "roster.csv",
        "coverage.csv": out / "coverage.csv",
        "roster.xlsx": out / "roster.xlsx",
        "calendars": out / "calendars",
        "schedules": out / "schedules",
    }
    write_roster_csv(written["roster.csv"], result.roster, people)
    write_coverage_csv(written["coverage.csv"], result.coverage)
    write_roster_xlsx(written["roster.xlsx"], problem, result, summary, lang=lang)
    if previous_people is None:
        previous_people = getattr(previous, "people", None)
    write_calendars(
        written["calendars"],
        problem,
        result,
        previous=previous if isinstance(previous, PreviousRoster) else tuple(previous),
        previous_people=previous_people,
        contact_info=contact,
        now=now,
        lang=lang,
        revision_floor=revision_floor,
    )
    write_schedules(written["schedules"], problem, result, contact_info=contact)
    return written
