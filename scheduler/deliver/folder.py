"""Reading the output folder of ``scheduler solve`` (the published roster) for delivery.

What is read, and nothing else (DESIGN.md "Output folder", docs/delivery.md):

* ``roster.csv``: ``name``, ``email``, ``service``, ``start``, ``end`` of every shift, the
  only place the e-mail addresses are;
* ``calendars/*.ics`` (not ``all.ics``, not the ``organisations/`` subfolder): one
  calendar per person, each ``VEVENT`` with ``UID``, ``SEQUENCE``, ``STATUS``
  (``CONFIRMED`` or ``CANCELLED``), ``DTSTART``/``DTEND`` and its ``VTIMEZONE``; the
  ``LANGUAGE`` parameter of ``SUMMARY``/``DESCRIPTION`` when there is one;
* ``summary.json`` when present: ``settings.contact_info``, ``settings.start`` and
  ``settings.weeks``.

A calendar file belongs to the person of ``roster.csv`` whose shifts are exactly its
confirmed events (start and end); when two people have the same shifts, the one whose name
the calendar's name holds. A file with only cancelled events belongs to someone who has no
shift in this roster (perhaps left the plan): their address can only come from what was
sent to them before (the sent log). A folder whose files and roster disagree is refused:
it is not one run's output.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar
from icalendar import Event as VEvent
from icalendar import Timezone as VTimezone

from ..domain import HELSINKI, SERVICES
from ..errors import Finding, Findings, InputError, Location
from ..i18n import DEFAULT_LANGUAGE, T, normalise_language
from ..rosterfile import RosterRow, read_roster_rows

CONFIRMED = "CONFIRMED"
CANCELLED = "CANCELLED"
ROSTER = "roster.csv"
CALENDARS = "calendars"
SHARED_CALENDAR = "all.ics"
REQUIRED_COLUMNS = ("name", "email", "service", "start", "end")

Key = tuple[datetime, datetime]


def key_of(start: datetime, end: datetime) -> Key:
    return start.astimezone(UTC), end.astimezone(UTC)


def service_of_name(text: str) -> str | None:
    """A service code from its name (``Sekasin-chatten`` → ``sv``), None if none matches."""
    for code, service in SERVICES.items():
        if text.strip() == service.name:
            return code
    return None


@dataclass(frozen=True)
class Event:
    """One published event: the ``VEVENT`` as written, and what delivery needs from it."""

    uid: str
    sequence: int
    status: str
    start: datetime
    end: datetime
    service: str | None
    language: str | None
    source: str
    component: VEvent = field(compare=False, repr=False)
    timezones: tuple[VTimezone, ...] = field(default=(), compare=False, repr=False)

    @property
    def cancelled(self) -> bool:
        return self.status == CANCELLED

    @property
    def key(self) -> Key:
        return key_of(self.start, self.end)


@dataclass
class Person:
    """Someone with a calendar in the folder. ``email`` is what ``roster.csv`` says ("" when
    nothing, or when the person has no shift in it); ``row`` is their first row there."""

    name: str
    email: str
    language: str
    events: list[Event]
    file: str
    in_roster: bool
    row: int | None = None

    @property
    def shifts(self) -> list[Event]:
        """The confirmed events, by start."""
        return sorted((e for e in self.events if not e.cancelled), key=lambda e: e.start)


@dataclass
class Published:
    """A published folder, read: everyone with a calendar, the warnings met."""

    folder: Path
    people: list[Person]
    contact_info: str | None = None
    period: tuple[date, date] | None = None
    warnings: list[Finding] = field(default_factory=list)

    @property
    def roster_addresses(self) -> set[str]:
        """Every e-mail address ``roster.csv`` gives (as written, stripped)."""
        return {p.email for p in self.people if p.in_roster and p.email}

    def without_email(self) -> list[Person]:
        """People with shifts in the roster and no e-mail address."""
        return [p for p in self.people if p.in_roster and not p.email]


def _text_language(component: VEvent) -> str | None:
    for prop in ("SUMMARY", "DESCRIPTION"):
        value = component.get(prop)
        params = getattr(value, "params", None)
        if params is not None and params.get("LANGUAGE"):
            lang = normalise_language(str(params["LANGUAGE"]))
            if lang:
                return lang
    return None


def _service_of(component: VEvent) -> str | None:
    categories = component.get("CATEGORIES")
    values: list[Any] = []
    for item in categories if isinstance(categories, list) else [categories]:
        if item is not None:
            values += list(getattr(item, "cats", [item]))
    for value in values:
        code = service_of_name(str(value))
        if code:
            return code
    return None


def _read_calendar(path: Path, display: str, findings: Findings) -> list[Event]:
    where = Location(file=display)
    try:
        cal = Calendar.from_ical(path.read_bytes())
    except Exception as exc:  # icalendar raises ValueError and others on broken files
        findings.error(where, T("not a calendar file: {error}", error=str(exc)))
        return []
    if not isinstance(cal, Calendar):
        findings.error(where, T("not a calendar file: {error}", error="no VCALENDAR"))
        return []
    zones = {str(z.get("TZID")): z for z in cal.timezones}
    events = []
    for number, component in enumerate(cal.events, start=1):
        at = where.at(cell=T("event {n}", n=number).render())
        uid = str(component.get("UID") or "").strip()
        if not uid:
            findings.error(at, T("an event without a UID; expected the UID of the shift"))
            continue
        at = where.at(cell=uid)
        try:
            start = component.decoded("DTSTART")
            end = component.decoded("DTEND")
        except (KeyError, ValueError):
            findings.error(at, T("an event without DTSTART and DTEND"))
            continue
        if not (isinstance(start, datetime) and isinstance(end, datetime) and start.tzinfo):
            findings.error(at, T("DTSTART and DTEND must be times with a time zone"))
            continue
        try:
            sequence = int(component.get("SEQUENCE", 0))
        except (TypeError, ValueError):
            findings.error(at, T("SEQUENCE is not a whole number"))
            continue
        status = str(component.get("STATUS") or CONFIRMED).upper()
        if status not in (CONFIRMED, CANCELLED):
            findings.error(at, T("STATUS {status}; expected CONFIRMED or CANCELLED", status=status))
            continue
        used: list[VTimezone] = []
        for prop in ("DTSTART", "DTEND"):
            tzid = component[prop].params.get("TZID")
            if tzid and str(tzid) in zones and zones[str(tzid)] not in used:
                used.append(zones[str(tzid)])
        events.append(
            Event(
                uid=uid,
                sequence=sequence,
                status=status,
                start=start.astimezone(HELSINKI),
                end=end.astimezone(HELSINKI),
                service=_service_of(component),
                language=_text_language(component),
                source=display,
                component=component,
                timezones=tuple(used),
            )
        )
    return events


def _calendar_name(path: Path) -> str:
    """The calendar's own name (``NAME`` / ``X-WR-CALNAME``), "" when it has none."""
    try:
        cal = Calendar.from_ical(path.read_bytes())
    except Exception:  # already reported by _read_calendar
        return ""
    return str(cal.get("NAME") or cal.get("X-WR-CALNAME") or "")


def _tell_apart(names: list[str], title: str, events: list[Event]) -> list[str]:
    """People with exactly the same shifts: the one the calendar's name ends with, else
    the one it names, else the one every event's description names."""
    descriptions = [str(e.component.get("DESCRIPTION") or "") for e in events]
    tests = (
        lambda n: title.endswith(n),
        lambda n: n in title,
        lambda n: all(n in d for d in descriptions),
    )
    for test in tests:
        found = [n for n in names if test(n)]
        if len(found) == 1:
            return found
    return names


def _summary(path: Path, display: str, warnings: Findings) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        warnings.warning(
            Location(file=display), T("cannot be read ({error}); left aside", error=str(exc))
        )
        return {}
    return data if isinstance(data, dict) else {}


def _period(settings: dict[str, Any]) -> tuple[date, date] | None:
    try:
        start = date.fromisoformat(str(settings["start"]))
        weeks = int(settings["weeks"])
    except (KeyError, TypeError, ValueError):
        return None
    return start, start + timedelta(weeks=weeks)


def _language(events: Iterable[Event], services: Iterable[str | None]) -> str:
    """From the events' ``LANGUAGE``, else the service's language, else Finnish."""
    for event in events:
        if event.language:
            return event.language
    for code in services:
        if code is not None and code in SERVICES:
            lang = normalise_language(SERVICES[code].language)
            if lang:
                return lang
    return DEFAULT_LANGUAGE


def read_published(folder: Path | str) -> Published:
    """Read ``folder`` (the output of ``scheduler solve``). Raises :class:`InputError` with
    every problem, located, when something is missing, unreadable or inconsistent."""
    folder = Path(folder)
    findings = Findings()
    shown = str(folder)
    if not folder.is_dir():
        raise InputError(
            T("no such folder; expected the output folder of scheduler solve"),
            Location(file=shown),
        )
    rows = read_roster_rows(
        folder / ROSTER, str(folder / ROSTER), findings, required=REQUIRED_COLUMNS
    )
    calendars = folder / CALENDARS
    files: dict[str, list[Event]] = {}
    paths: dict[str, Path] = {}
    if not calendars.is_dir():
        findings.error(
            Location(file=str(calendars)),
            T("missing; expected a calendar file for each person (scheduler solve writes it)"),
        )
    else:
        for path in sorted(calendars.glob("*.ics")):
            if path.name == SHARED_CALENDAR or not path.is_file():
                continue
            display = str(path)
            files[display] = _read_calendar(path, display, findings)
            paths[display] = path
    summary = _summary(folder / "summary.json", str(folder / "summary.json"), findings)
    if findings.errors:
        raise InputError(findings.items)

    by_name: dict[str, list[RosterRow]] = defaultdict(list)
    for row in rows:
        by_name[row.name].append(row)
    owners: dict[frozenset[Key], list[str]] = defaultdict(list)
    for name, mine in by_name.items():
        owners[frozenset(key_of(r.start, r.end) for r in mine)].append(name)

    seen_uid: dict[str, str] = {}
    people: list[Person] = []
    claimed: dict[str, str] = {}
    for display, events in files.items():
        where = Location(file=display)
        for event in events:
            other = seen_uid.setdefault(event.uid, display)
            if other != display:
                findings.error(
                    where.at(cell=event.uid),
                    T("the same event is also in {other}; expected it in one file", other=other),
                )
        confirmed = frozenset(e.key for e in events if not e.cancelled)
        if not confirmed:
            name = _calendar_name(paths[display])
            people.append(
                Person(
                    name=name or paths[display].stem,
                    email="",
                    language=_language(events, (e.service for e in events)),
                    events=events,
                    file=display,
                    in_roster=False,
                )
            )
            continue
        names = owners.get(confirmed, [])
        if len(names) > 1:
            names = _tell_apart(names, _calendar_name(paths[display]), events)
        if len(names) != 1:
            findings.error(
                where,
                T(
                    "its shifts match nobody in roster.csv; expected the calendars and "
                    "roster.csv of one run"
                )
                if not names
                else T(
                    "its shifts match more than one person in roster.csv ({names}) and its "
                    "name tells none apart",
                    names=", ".join(sorted(names)),
                ),
            )
            continue
        name = names[0]
        if name in claimed:
            findings.error(
                where,
                T(
                    "{name} already has a calendar, {other}; expected one a person",
                    name=name,
                    other=claimed[name],
                ),
            )
            continue
        claimed[name] = display
        mine = sorted(by_name[name], key=lambda r: r.start)
        emails = {r.email for r in mine}
        if len(emails) > 1:
            findings.error(
                Location(file=str(folder / ROSTER)).at(row=mine[0].number, column="email"),
                T(
                    "{name} has more than one e-mail address: {emails}",
                    name=name,
                    emails=", ".join(sorted(emails)),
                ),
            )
            continue
        services = {key_of(r.start, r.end): r.service for r in mine}
        events = [
            e if e.cancelled or e.service else _with_service(e, services.get(e.key)) for e in events
        ]
        people.append(
            Person(
                name=name,
                email=mine[0].email,
                language=_language(events, (r.service for r in mine)),
                events=events,
                file=display,
                in_roster=True,
                row=mine[0].number,
            )
        )
    for name, mine in by_name.items():
        if name not in claimed:
            findings.error(
                Location(file=str(folder / ROSTER)).at(row=mine[0].number),
                T(
                    "the shifts of {name} are in no file of calendars/; expected the "
                    "calendars and roster.csv of one run",
                    name=name,
                ),
            )
    if findings.errors:
        raise InputError(findings.items)
    settings = summary.get("settings") if isinstance(summary.get("settings"), dict) else {}
    assert isinstance(settings, dict)
    contact = settings.get("contact_info")
    return Published(
        folder=folder,
        people=sorted(people, key=lambda p: (p.name.casefold(), p.file)),
        contact_info=contact.strip() if isinstance(contact, str) and contact.strip() else None,
        period=_period(settings),
        warnings=findings.warnings,
    )


def _with_service(event: Event, service: str | None) -> Event:
    return replace(event, service=service) if service else event
