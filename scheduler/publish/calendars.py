"""Calendar files (RFC 5545, written with the ``icalendar`` library).

``write_calendars`` writes into one folder:

* ``<person>.ics`` — one file a person (see :mod:`scheduler.publish.names` for the name),
* ``all.ics`` — every shift,
* ``organisations/<organisation>.ics`` — the shifts of each organisation's people.

Every file is ``METHOD:PUBLISH`` with the Europe/Helsinki ``VTIMEZONE``; events carry
``DTSTART;TZID=Europe/Helsinki``. A person's file speaks the person's first listed language
(fi, sv or en), the shared files (``all.ics``, the organisations') the plan's; ``SUMMARY`` and
``DESCRIPTION`` carry it as the ``LANGUAGE`` parameter. Identity and revisions
(docs/publish.md says why):

* ``UID`` = uuid5 of (the person's folded name, service, start instant) +
  ``@sekasin-scheduler``: the same shift gets the same UID on every run.
* Each calendar compares what it holds now with what it held in the previous roster (the
  shifts people already have): a shift that left it (removed, or its person left the plan
  or moved to another organisation) is published there as ``STATUS:CANCELLED`` with the
  same UID.
* ``SEQUENCE`` is 0 for a shift unchanged against ``previous`` (and for every shift when
  there is no previous roster); a changed, cancelled or (re-)added shift in a re-plan gets
  the publish revision: whole seconds from 2024-01-01 00:00 UTC to ``now``, and always more
  than ``revision_floor`` (the revision of the last publish, when known), so every later
  publish outranks the one before, also within the same minute.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar, Event

from ..domain import HELSINKI, LANGUAGES, Person, Problem, Shift, normalise_name
from ..i18n import _, current_language, normalise_language, use_language
from ..roster import Result
from .folding import serialise
from .names import file_stems, safe_stem
from .vtimezone import vtimezone, vtimezone_ical
from .words import day_label, default_contact, language_of, service_name, time_range

UID_DOMAIN = "sekasin-scheduler"
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "sekasin-scheduler.invalid")
PRODID = "-//Sekasin Kollektiivi//Sekasin shift scheduler//FI"
REVISION_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
ORGANISATIONS = "organisations"

NEW, UNCHANGED, CHANGED, CANCELLED_STATE = "new", "unchanged", "changed", "cancelled"


class PreviousRoster(list[Shift]):
    """The shifts of a roster already published, with what is known of their people
    (``people``: name → :class:`Person` with e-mail, organisation, role and languages as
    they were then), so that a person who has since left the plan still has their
    cancellations in their organisation's calendar and in their own language."""

    def __init__(
        self,
        shifts: Iterable[Shift] = (),
        people: Mapping[str, Person] | None = None,
        *,
        languages_known: bool = True,
        folder: Path | None = None,
    ):
        super().__init__(shifts)
        self.people: dict[str, Person] = dict(people or {})
        self.languages_known = languages_known
        """False when ``people`` came from a ``roster.csv``, which has no languages: a person
        who left then gets the language of their own calendar file in ``folder``'s
        ``calendars/`` (see :meth:`published_language`), else the shared calendars'."""
        self.folder = folder
        """The output folder the roster was published to, when known."""

    def published_language(self, name: str) -> str | None:
        """The language ``name``'s own calendar file was written in when this roster was
        published (``folder/calendars/``), or None where there is no such file of theirs."""
        if self.folder is None:
            return None
        path = self.folder / "calendars" / f"{safe_stem(name)}.ics"
        try:
            cal = Calendar.from_ical(path.read_bytes())
        except Exception:  # gone or damaged (icalendar raises many kinds): not known
            return None
        if str(cal.get("X-WR-CALNAME", "")) not in {_title(lang, name) for lang in LANGUAGES}:
            return None  # another person's file under the same stem: not theirs to read
        for ev in cal.walk("VEVENT"):
            summary = ev.get("SUMMARY")
            lang = normalise_language(getattr(summary, "params", {}).get("LANGUAGE", ""))
            if lang:
                return lang
        return None


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
    """The publish revision: whole seconds from 2024-01-01 UTC (at least 1)."""
    return max(1, int((now - REVISION_EPOCH).total_seconds()))


def publish_revision(now: datetime, floor: int = 0) -> int:
    """The revision of a publish at ``now``: :func:`revision`, and above ``floor`` (the
    revision of the publish before, so two publishes within one second still rise)."""
    return max(revision(now), floor + 1)


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


def plan_entries(
    shifts: Iterable[Shift],
    previous: Iterable[Shift],
    now: datetime | None = None,
    *,
    bump: int | None = None,
    replan: bool | None = None,
) -> list[Entry]:
    """Each shift of the new roster, and each previous shift gone from it, with its
    state (new, unchanged, changed, cancelled) and ``SEQUENCE``.

    ``bump`` is the publish revision (default :func:`revision` of ``now``); ``replan``
    whether the publish is a re-plan at all (default: ``previous`` is not empty; one
    calendar of a re-plan may have held nothing before and still takes the revision).
    """
    before: dict[str, Shift] = {}
    for earlier in previous:
        before.setdefault(shift_uid(earlier), earlier)
    if replan is None:
        replan = bool(before)
    if bump is None:
        bump = revision(now or datetime.now(UTC))
    entries = []
    seen = set()
    for current in shifts:
        uid = shift_uid(current)
        seen.add(uid)
        old = before.get(uid)
        if old is None:
            state = NEW
        elif old.end == current.end and old.name == current.name:
            state = UNCHANGED
        else:
            state = CHANGED
        sequence = bump if replan and state != UNCHANGED else 0
        entries.append(Entry(current, state, sequence))
    entries += [Entry(old, CANCELLED_STATE, bump) for uid, old in before.items() if uid not in seen]
    entries.sort(key=lambda e: (e.shift.start, e.shift.service, e.shift.name))
    return entries


def summary_text(shift: Shift, lang: str, *, shared: bool, cancelled: bool) -> str:
    """``Sekasin-chat``; in shared calendars ``Sekasin-chat: Anna Virtanen``; cancelled
    ``PERUTTU: …`` / ``INSTÄLLT: …`` / ``CANCELLED: …``."""
    with use_language(lang):
        text = service_name(shift.service)
        if shared:
            text = _("{service}: {name}", service=text, name=shift.name)
        if cancelled:
            text = _("CANCELLED: {summary}", summary=text)
    return text


def description(
    shift: Shift, contact_info: str | None, lang: str, *, cancelled: bool = False
) -> str:
    """The event text in ``lang``: service, day and time (Helsinki), who, how to reach the
    chat team."""
    when = f"{day_label(shift.start, lang)} {time_range(shift.start, shift.end, lang)}"
    with use_language(lang):
        lines = [_("This shift is cancelled.")] if cancelled else []
        lines += [
            _("Duty shift in {service}", service=service_name(shift.service)),
            _("Time: {when} (Finnish time)", when=when),
            _("Duty worker: {name}", name=shift.name),
            "",
        ]
    lines.append(contact_info or default_contact(lang))
    return "\n".join(lines)


def event(
    entry: Entry, *, stamp: datetime, contact_info: str | None, shared: bool, lang: str
) -> Event:
    """The VEVENT of one entry in ``lang``; ``shared`` calendars name the person in the
    summary."""
    shift = entry.shift
    item = Event.new(
        uid=entry.uid,
        start=shift.start.astimezone(HELSINKI),
        end=shift.end.astimezone(HELSINKI),
        stamp=stamp,
        sequence=entry.sequence,
        summary=summary_text(shift, lang, shared=shared, cancelled=entry.cancelled),
        description=description(shift, contact_info, lang, cancelled=entry.cancelled),
        categories=[service_name(shift.service)],
    )
    item.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    item.add("transp", "TRANSPARENT" if entry.cancelled else "OPAQUE")
    for prop in ("SUMMARY", "DESCRIPTION"):
        item[prop].params["LANGUAGE"] = lang
    return item


def calendar(
    name: str,
    entries: list[Entry],
    span: tuple[date, date],
    *,
    stamp: datetime,
    contact_info: str | None,
    shared: bool,
    lang: str,
) -> Calendar:
    """A whole VCALENDAR for ``entries`` with its VTIMEZONE (covering ``span`` and every
    entry) first, as one icalendar object. :func:`write_calendars` writes the same bytes
    without building every event again for every file that holds it (see
    :class:`EventCache`)."""
    cal = _shell(name)
    cal.add_component(vtimezone(*_years(span, entries)))
    for entry in entries:
        cal.add_component(
            event(entry, stamp=stamp, contact_info=contact_info, shared=shared, lang=lang)
        )
    return cal


def _shell(name: str) -> Calendar:
    """The calendar's own properties, no components yet."""
    cal = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        calscale="GREGORIAN",
        name=name,
        uid=str(uuid.uuid5(UID_NAMESPACE, f"calendar|{name}")),
    )
    cal.add("x-wr-timezone", "Europe/Helsinki")
    return cal


def _years(span: tuple[date, date], entries: Iterable[Entry]) -> tuple[date, date]:
    """The first and last day the VTIMEZONE must cover: ``span`` and every entry."""
    days = [*span, *(e.shift.start.astimezone(HELSINKI).date() for e in entries)]
    return min(days), max(days)


class EventCache:
    """Each VEVENT built and serialised by icalendar once, its bytes reused by every
    calendar that holds it.

    An event's text depends on its shift, its ``SEQUENCE`` and state, the language and
    whether the calendar is shared (``all.ics`` and the organisations' files name the
    person in the summary), and on the publish's ``DTSTAMP`` and contact text, which
    are the same for every file of one publish. So a shift on the roster is built at most
    twice (the shared calendars' event and the person's own), not once per file.
    """

    def __init__(self, *, stamp: datetime, contact_info: str | None):
        self.stamp = stamp
        self.contact_info = contact_info
        self._bytes: dict[tuple, bytes] = {}
        self.built = 0
        """How many events were built and serialised (the rest were reused)."""

    def ical(self, entry: Entry, *, shared: bool, lang: str) -> bytes:
        key = (entry.shift, entry.sequence, entry.cancelled, shared, lang)
        found = self._bytes.get(key)
        if found is None:
            item = event(
                entry, stamp=self.stamp, contact_info=self.contact_info, shared=shared, lang=lang
            )
            found = self._bytes[key] = serialise(item)
            self.built += 1
        return found


_END = b"END:VCALENDAR\r\n"


def calendar_ical(
    name: str,
    entries: list[Entry],
    span: tuple[date, date],
    *,
    events: EventCache,
    shared: bool,
    lang: str,
) -> bytes:
    """The bytes of :func:`calendar` (``calendar(...).to_ical()``), each part serialised
    by icalendar: the calendar's own properties, its VTIMEZONE (the same for every file
    covering the same years) and each event from ``events``. icalendar writes a
    component as its properties' lines, then each subcomponent's, then ``END``, every
    line folded on its own, so the parts joined are the whole."""
    head = _shell(name).to_ical()
    if not head.endswith(_END):  # pragma: no cover - icalendar changed how it ends a file
        raise RuntimeError("icalendar no longer ends a calendar with END:VCALENDAR")
    parts = [head[: -len(_END)], vtimezone_ical(*_years(span, entries))]
    parts += [events.ical(entry, shared=shared, lang=lang) for entry in entries]
    parts.append(_END)
    return b"".join(parts)


@dataclass
class CalendarFiles:
    """Where ``write_calendars`` put each file, and the publish revision it used."""

    all: Path
    people: dict[str, Path] = field(default_factory=dict)
    organisations: dict[str, Path] = field(default_factory=dict)
    revision: int = 0
    languages: dict[str, str] = field(default_factory=dict)
    """The language of each person's file."""

    def paths(self) -> list[Path]:
        return [self.all, *self.people.values(), *self.organisations.values()]


@dataclass(frozen=True)
class CalendarPlan:
    """One file of :func:`write_calendars`: where it goes, its name, its entries, whether
    it is shared (names the person in each summary) and its language."""

    path: Path
    title: str
    entries: list[Entry]
    span: tuple[date, date]
    shared: bool
    lang: str


@dataclass
class CalendarPlans:
    """Every file a publish writes (:func:`plan_calendars`), with the publish's time."""

    files: CalendarFiles
    plans: list[CalendarPlan]
    stamp: datetime


def entries_by_person(
    shifts: Iterable[Shift], previous: Iterable[Shift], *, bump: int, replan: bool
) -> dict[str, list[Entry]]:
    """Each person's calendar: their shifts now against theirs in ``previous`` (every
    person who has either), as :func:`write_calendars` writes them."""
    now_by_person = _grouped(shifts, lambda s: s.name)
    before_by_person = _grouped(previous, lambda s: s.name)
    return {
        name: plan_entries(
            now_by_person.get(name, ()), before_by_person.get(name, ()), bump=bump, replan=replan
        )
        for name in sorted(set(now_by_person) | set(before_by_person))
    }


def person_language(
    name: str,
    people: Mapping[str, Person],
    previous_people: Mapping[str, Person],
    shared_lang: str,
    *,
    languages_known: bool = True,
) -> str:
    """The language of a person's own file: their first listed language (as the plan
    knows them, else as the previous roster did), else ``shared_lang``."""
    known = people.get(name) or (previous_people.get(name) if languages_known else None)
    return language_of(known.languages if known else None, shared_lang)


def _grouped(shifts: Iterable[Shift], key: Callable[[Shift], str]) -> dict[str, list[Shift]]:
    out: dict[str, list[Shift]] = defaultdict(list)
    for s in shifts:
        group = key(s)
        if group:
            out[group].append(s)
    return out


def write_calendars(
    directory: Path | str,
    problem: Problem,
    result: Result,
    *,
    previous: Iterable[Shift] = (),
    previous_people: Mapping[str, Person] | None = None,
    contact_info: str | None = None,
    now: datetime | None = None,
    lang: str | None = None,
    revision_floor: int = 0,
) -> CalendarFiles:
    """Write ``all.ics``, one ``.ics`` per person and one per organisation into ``directory``.

    ``previous`` are the shifts people already have in their calendars (the last
    published roster): in each calendar, those inside the horizon that are no longer there
    are published as cancelled; those outside the horizon are not being planned and are
    left alone. ``previous_people`` says who those shifts' people were then (organisation,
    languages; default ``previous.people`` of a :class:`PreviousRoster`), for people who
    have since left or moved. ``now`` sets ``DTSTAMP`` and, with ``revision_floor``, the
    revision (default: the current time). ``lang`` is the language of the shared calendars
    (default: the current language); each person's own file is in their first language.

    Each file is what :func:`calendar` makes of its :class:`CalendarPlan`, byte for byte;
    each event is built once and its bytes reused in every file that holds it.
    """
    planned = plan_calendars(
        directory,
        problem,
        result,
        previous=previous,
        previous_people=previous_people,
        now=now,
        lang=lang,
        revision_floor=revision_floor,
    )
    (Path(directory) / ORGANISATIONS).mkdir(parents=True, exist_ok=True)
    events = EventCache(stamp=planned.stamp, contact_info=contact_info)
    for plan in planned.plans:
        plan.path.write_bytes(
            calendar_ical(
                plan.title,
                plan.entries,
                plan.span,
                events=events,
                shared=plan.shared,
                lang=plan.lang,
            )
        )
    return planned.files


def plan_calendars(
    directory: Path | str,
    problem: Problem,
    result: Result,
    *,
    previous: Iterable[Shift] = (),
    previous_people: Mapping[str, Person] | None = None,
    now: datetime | None = None,
    lang: str | None = None,
    revision_floor: int = 0,
) -> CalendarPlans:
    """What :func:`write_calendars` writes (the same arguments), file by file, without
    writing anything: ``all.ics`` first, then the people's files, then the
    organisations'."""
    folder = Path(directory)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    shared_lang = normalise_language(lang) or current_language()
    horizon = problem.horizon
    replanned = [s for s in previous if horizon.start_dt <= s.start < horizon.end_dt]
    languages_known = getattr(previous, "languages_known", True)
    if previous_people is None:
        previous_people = getattr(previous, "people", None) or {}
    bump = publish_revision(stamp, revision_floor)
    replan = bool(replanned)
    people: Mapping[str, Person] = {p.name: p for p in problem.people}
    span = (problem.horizon.start, problem.horizon.end)
    shifts = list(result.roster)

    def entries(now_in: Iterable[Shift], before: Iterable[Shift]) -> list[Entry]:
        return plan_entries(now_in, before, bump=bump, replan=replan)

    plans = [
        CalendarPlan(
            folder / "all.ics",
            _title(shared_lang, None),
            entries(shifts, replanned),
            span,
            shared=True,
            lang=shared_lang,
        )
    ]
    files = CalendarFiles(all=plans[0].path, revision=bump)
    by_person = entries_by_person(shifts, replanned, bump=bump, replan=replan)
    stems = file_stems(by_person)
    published = getattr(previous, "published_language", None)
    for name, items in by_person.items():
        own = person_language(
            name, people, previous_people, shared_lang, languages_known=languages_known
        )
        if name not in people and not languages_known and published is not None:
            own = published(name) or own  # they left: as their own file was written
        files.languages[name] = own
        files.people[name] = folder / f"{stems[name]}.ics"
        plans.append(
            CalendarPlan(files.people[name], _title(own, name), items, span, shared=False, lang=own)
        )

    def organisation_now(s: Shift) -> str:
        person = people.get(s.name)
        return person.organisation.strip() if person is not None else ""

    def organisation_then(s: Shift) -> str:
        person = previous_people.get(s.name) or people.get(s.name)
        return person.organisation.strip() if person is not None else ""

    now_by_org = _grouped(shifts, organisation_now)
    before_by_org = _grouped(replanned, organisation_then)
    orgs = set(now_by_org) | set(before_by_org)
    org_stems = file_stems(orgs, kind="organisation", fallback="organisation")
    for org in sorted(orgs):
        files.organisations[org] = folder / ORGANISATIONS / f"{org_stems[org]}.ics"
        plans.append(
            CalendarPlan(
                files.organisations[org],
                _title(shared_lang, org),
                entries(now_by_org.get(org, ()), before_by_org.get(org, ())),
                span,
                shared=True,
                lang=shared_lang,
            )
        )
    return CalendarPlans(files, plans, stamp)


def _title(lang: str, owner: str | None) -> str:
    """The calendar's name: ``Sekasin – Anna Virtanen``, ``Sekasin – all shifts``."""
    with use_language(lang):
        if owner is None:
            return _("Sekasin – all shifts")
        return _("Sekasin – {owner}", owner=owner)
