"""Calendar files (RFC 5545, written with the ``icalendar`` library).

``write_calendars`` writes into one folder:

* ``<person>.ics`` — one file a person (see :mod:`scheduler.publish.names` for the name),
* ``all.ics`` — every shift,
* ``organisations/<organisation>.ics`` — the shifts of each organisation's people.

Every file is ``METHOD:PUBLISH`` with the Europe/Helsinki ``VTIMEZONE``; events carry
``DTSTART;TZID=Europe/Helsinki``. Identity and revisions (docs/publish.md says why):

* ``UID`` = uuid5 of (the person's folded name, service, start instant) +
  ``@sekasin-scheduler``: the same shift gets the same UID on every run.
* A re-plan (``previous`` = the shifts people already have) publishes a previous shift
  missing from the new roster as ``STATUS:CANCELLED`` with the same UID.
* ``SEQUENCE`` is 0 for a shift unchanged against ``previous`` (and for every shift when
  there is no previous roster); a changed, cancelled or (re-)added shift in a re-plan gets
  the publish revision: whole minutes from 2024-01-01 00:00 UTC to ``now``, which grows
  with every later publish, so a second re-plan outranks the first.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar, Event

from ..domain import HELSINKI, Person, Problem, Shift, normalise_name
from ..roster import Result
from .names import file_stems
from .vtimezone import vtimezone
from .words import (
    DEFAULT_CONTACT,
    EVENT_WORDS,
    day_label,
    service_language,
    service_name,
    time_range,
)

UID_DOMAIN = "sekasin-scheduler"
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "sekasin-scheduler.invalid")
PRODID = "-//Sekasin Kollektiivi//Sekasin shift scheduler//FI"
REVISION_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
ORGANISATIONS = "organisations"

NEW, UNCHANGED, CHANGED, CANCELLED_STATE = "new", "unchanged", "changed", "cancelled"


def shift_uid(shift: Shift) -> str:
    """The stable UID of a shift: person (folded name), service and start instant only."""
    key = "|".join(
        (
            normalise_name(shift.name),
            shift.service,
            shift.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"),
        )
    )
    return f"{uuid.uuid5(UID_NAMESPACE, key)}@{UID_DOMAIN}"


def revision(now: datetime) -> int:
    """The publish revision: whole minutes from 2024-01-01 UTC (at least 1)."""
    return max(1, int((now - REVISION_EPOCH).total_seconds() // 60))


@dataclass(frozen=True)
class Entry:
    """One event to publish: a shift and what happened to it against the previous roster."""

    shift: Shift
    state: str
    sequence: int

    @property
    def uid(self) -> str:
        return shift_uid(self.shift)

    @property
    def cancelled(self) -> bool:
        return self.state == CANCELLED_STATE


def plan_entries(shifts: Iterable[Shift], previous: Iterable[Shift], now: datetime) -> list[Entry]:
    """Each shift of the new roster, and each previous shift gone from it, with its
    state (new, unchanged, changed, cancelled) and ``SEQUENCE``."""
    before: dict[str, Shift] = {}
    for old in previous:
        before.setdefault(shift_uid(old), old)
    replan = bool(before)
    bump = revision(now)
    entries = []
    seen = set()
    for shift in shifts:
        uid = shift_uid(shift)
        seen.add(uid)
        old = before.get(uid)
        if old is None:
            state = NEW
        elif old.end == shift.end and old.name == shift.name:
            state = UNCHANGED
        else:
            state = CHANGED
        sequence = bump if replan and state != UNCHANGED else 0
        entries.append(Entry(shift, state, sequence))
    entries += [Entry(old, CANCELLED_STATE, bump) for uid, old in before.items() if uid not in seen]
    entries.sort(key=lambda e: (e.shift.start, e.shift.service, e.shift.name))
    return entries


def description(shift: Shift, contact_info: str | None, *, cancelled: bool = False) -> str:
    """The event text: service, day and time (Helsinki), who, how to reach the chat team."""
    language = service_language(shift.service)
    words = EVENT_WORDS[language]
    when = f"{day_label(shift.start)} {time_range(shift.start, shift.end)}"
    lines = [words["cancelled"]] if cancelled else []
    lines += [
        words["shift"].format(service=service_name(shift.service)),
        words["time"].format(when=when),
        words["worker"].format(name=shift.name),
        "",
    ]
    lines.append(contact_info or f"{DEFAULT_CONTACT[language]}\n{DEFAULT_CONTACT['en']}")
    return "\n".join(lines)


def event(entry: Entry, *, stamp: datetime, contact_info: str | None, shared: bool) -> Event:
    """The VEVENT of one entry; ``shared`` calendars name the person in the summary."""
    shift = entry.shift
    summary = service_name(shift.service)
    if shared:
        summary = f"{summary}: {shift.name}"
    if entry.cancelled:
        summary = f"{EVENT_WORDS[service_language(shift.service)]['cancelled_title']}: {summary}"
    item = Event.new(
        uid=entry.uid,
        start=shift.start.astimezone(HELSINKI),
        end=shift.end.astimezone(HELSINKI),
        stamp=stamp,
        sequence=entry.sequence,
        summary=summary,
        description=description(shift, contact_info, cancelled=entry.cancelled),
        status="CANCELLED" if entry.cancelled else "CONFIRMED",
        transparency="TRANSPARENT" if entry.cancelled else "OPAQUE",
        categories=[service_name(shift.service)],
    )
    return item


def calendar(
    name: str,
    entries: list[Entry],
    span: tuple[date, date],
    *,
    stamp: datetime,
    contact_info: str | None,
    shared: bool,
) -> Calendar:
    """A whole VCALENDAR for ``entries`` with its VTIMEZONE (covering ``span`` and every
    entry) first."""
    cal = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        calscale="GREGORIAN",
        name=name,
        uid=str(uuid.uuid5(UID_NAMESPACE, f"calendar|{name}")),
    )
    cal.add("x-wr-timezone", "Europe/Helsinki")
    days = [*span, *(e.shift.start.astimezone(HELSINKI).date() for e in entries)]
    cal.add_component(vtimezone(min(days), max(days)))
    for entry in entries:
        cal.add_component(event(entry, stamp=stamp, contact_info=contact_info, shared=shared))
    return cal


@dataclass
class CalendarFiles:
    """Where ``write_calendars`` put each file."""

    all: Path
    people: dict[str, Path] = field(default_factory=dict)
    organisations: dict[str, Path] = field(default_factory=dict)

    def paths(self) -> list[Path]:
        return [self.all, *self.people.values(), *self.organisations.values()]


def _write(path: Path, cal: Calendar) -> Path:
    path.write_bytes(cal.to_ical())
    return path


def write_calendars(
    directory: Path | str,
    problem: Problem,
    result: Result,
    *,
    previous: Iterable[Shift] = (),
    contact_info: str | None = None,
    now: datetime | None = None,
) -> CalendarFiles:
    """Write ``all.ics``, one ``.ics`` per person and one per organisation into ``directory``.

    ``previous`` are the shifts people already have in their calendars (the last
    published roster): those inside the horizon and missing now are published as
    cancelled; those outside it are not being planned and are left alone. ``now`` sets
    ``DTSTAMP`` and the revision (default: the current time).
    """
    folder = Path(directory)
    (folder / ORGANISATIONS).mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    horizon = problem.horizon
    replanned = [s for s in previous if horizon.start_dt <= s.start < horizon.end_dt]
    entries = plan_entries(result.roster, replanned, stamp)
    people: Mapping[str, Person] = {p.name: p for p in problem.people}
    span = (problem.horizon.start, problem.horizon.end)
    options = {"stamp": stamp, "contact_info": contact_info}
    files = CalendarFiles(
        all=_write(
            folder / "all.ics",
            calendar("Sekasin – kaikki vuorot / all shifts", entries, span, shared=True, **options),
        )
    )
    by_person: dict[str, list[Entry]] = defaultdict(list)
    by_org: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_person[entry.shift.name].append(entry)
        person = people.get(entry.shift.name)
        if person is not None and person.organisation.strip():
            by_org[person.organisation].append(entry)
    stems = file_stems(by_person)
    for name, items in sorted(by_person.items()):
        files.people[name] = _write(
            folder / f"{stems[name]}.ics",
            calendar(f"Sekasin – {name}", items, span, shared=False, **options),
        )
    org_stems = file_stems(by_org, kind="organisation", fallback="organisation")
    for org, items in sorted(by_org.items()):
        path = folder / ORGANISATIONS / f"{org_stems[org]}.ics"
        files.organisations[org] = _write(
            path, calendar(f"Sekasin – {org}", items, span, shared=True, **options)
        )
    return files
