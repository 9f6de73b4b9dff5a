"""What to send: the published folder against the sent log.

For each person's event (:mod:`scheduler.deliver.folder`) and the address it would go to:

* a confirmed event never sent to that address: an invitation (``new``); sent before with
  a lower ``SEQUENCE``: an update (``changed``); sent with this ``SEQUENCE`` or a higher
  one: nothing;
* a cancelled event: a cancellation to every address that holds it (was sent it,
  confirmed, and no cancellation since); when it was never sent by e-mail, to the
  person's address in ``roster.csv`` (they may have the calendar file); when there is no
  such address, it is listed as reaching nobody;
* an event whose time or status changed while its ``SEQUENCE`` did not rise is held back
  and reported: calendars would ignore it.

Addresses come only from ``roster.csv`` and, for cancellations, from the log's record of
who was sent that very event. Nothing else can receive anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from ..domain import HELSINKI
from ..errors import Finding, Location
from ..i18n import T, Text
from .folder import CANCELLED, CONFIRMED, Event, Person, Published, key_of
from .sentlog import CANCELLATION, INVITATION, TEST, Record, SentLog, address_key

NEW, CHANGED, CANCELLED_WHAT = "new", "changed", "cancelled"

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*")
_LABEL = re.compile(r"(?!-)[^\W_](?:[\w-]{0,61}[^\W_])?", re.UNICODE)


def address_problem(address: str) -> Text | None:
    """Why ``address`` cannot be mailed to (None when it can): one plain mailbox
    ``name@example.fi``, no display name, list, spaces or line breaks."""
    if not address:
        return T("empty; expected an e-mail address such as name@example.fi")
    if any(c.isspace() or ord(c) < 32 for c in address) or address.count("@") != 1:
        return T(
            "'{address}' is not one e-mail address; expected one address such as name@example.fi",
            address=address,
        )
    local, domain = address.split("@")
    labels = domain.split(".")
    if (
        not _LOCAL.fullmatch(local)
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        return T(
            "'{address}' is not an e-mail address; expected one such as name@example.fi",
            address=address,
        )
    return None


@dataclass(frozen=True)
class Outgoing:
    """One message to send: an event (invitation, update or cancellation) to an address."""

    what: str
    person: Person
    address: str
    event: Event

    @property
    def kind(self) -> str:
        return CANCELLATION if self.what == CANCELLED_WHAT else INVITATION


@dataclass
class Outbox:
    """Everything a send would do, and everything it cannot."""

    items: list[Outgoing] = field(default_factory=list)
    without_email: list[Person] = field(default_factory=list)
    unreachable: list[tuple[Person, list[Event]]] = field(default_factory=list)
    bad_addresses: list[Finding] = field(default_factory=list)
    held: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    allowed: set[str] = field(default_factory=set)

    def count(self, what: str) -> int:
        return sum(1 for item in self.items if item.what == what)

    @property
    def recipients(self) -> set[str]:
        return {address_key(item.address) for item in self.items}


def _same_time(record: Record, event: Event) -> bool:
    try:
        then = key_of(datetime.fromisoformat(record.start), datetime.fromisoformat(record.end))
    except ValueError:
        return False
    return then == event.key


def _stale(person: Person, event: Event, record: Record) -> Finding:
    return Finding(
        "error",
        Location(file=event.source, cell=event.uid),
        T(
            "changed since it was sent to {address} but its SEQUENCE ({sequence}) is not "
            "above the one sent ({sent}): calendars would ignore it; publish the roster "
            "again against the version that was sent",
            address=record.address,
            sequence=event.sequence,
            sent=record.sequence,
        ),
    )


def _roster_address(person: Person, published: Published, outbox: Outbox) -> str | None:
    """The person's address from roster.csv when it can be mailed to."""
    if not person.in_roster or not person.email:
        return None
    problem = address_problem(person.email)
    if problem is None:
        return person.email
    where = Location(file=str(published.folder / "roster.csv")).at(row=person.row, column="email")
    if not any(f.where == where for f in outbox.bad_addresses):
        outbox.bad_addresses.append(Finding("error", where, problem))
    return None


def _confirmed(person: Person, event: Event, address: str, log: SentLog, outbox: Outbox) -> None:
    record = log.holding(event.uid).get(address_key(address))
    if record is None:
        outbox.items.append(Outgoing(NEW, person, address, event))
    elif record.status == CANCELLED:
        if event.sequence > record.sequence:
            outbox.items.append(Outgoing(NEW, person, address, event))
        else:
            outbox.held.append(_stale(person, event, record))
    elif event.sequence > record.sequence:
        outbox.items.append(Outgoing(CHANGED, person, address, event))
    elif not _same_time(record, event):
        outbox.held.append(_stale(person, event, record))


def _cancelled(
    person: Person, event: Event, address: str | None, log: SentLog, outbox: Outbox
) -> bool:
    """Cancellations of ``event``; False when nobody can be told by e-mail."""
    sent = log.holding(event.uid)
    holders = [r for r in sent.values() if r.status == CONFIRMED]
    for record in holders:
        if event.sequence > record.sequence:
            addressee = person
            if not person.in_roster:  # left the plan: named and spoken to as before
                # (the published event's language is only the plan's when the folder no
                # longer knows the person; the log knows what they were written in)
                addressee = replace(
                    person,
                    name=record.name or person.name,
                    language=record.lang or event.language or person.language,
                )
            outbox.items.append(Outgoing(CANCELLED_WHAT, addressee, record.address, event))
        else:
            outbox.held.append(_stale(person, event, record))
    if sent:
        return True
    if address is not None:
        outbox.items.append(Outgoing(CANCELLED_WHAT, person, address, event))
        return True
    return False


def plan_invitations(published: Published, log: SentLog) -> Outbox:
    """The invitations, updates and cancellations the folder asks for, given the log."""
    outbox = Outbox(warnings=[*published.warnings, *log.warnings])
    for person in published.people:
        address = _roster_address(person, published, outbox)
        unreachable = []
        missing_email = False
        for event in sorted(person.events, key=lambda e: (e.start, e.uid)):
            if event.cancelled:
                if not _cancelled(person, event, address, log, outbox):
                    if person.in_roster and not person.email:
                        missing_email = True
                    elif person.in_roster:
                        continue  # a bad address, reported once
                    else:
                        unreachable.append(event)
            elif address is not None:
                _confirmed(person, event, address, log, outbox)
            elif not person.email:
                missing_email = True
        if missing_email:
            outbox.without_email.append(person)
        if unreachable:
            outbox.unreachable.append((person, unreachable))
    outbox.allowed = {address_key(a) for a in published.roster_addresses} | {
        address_key(r.address) for r in log.records if r.sent and r.kind != TEST
    }
    outbox.warnings += orphans(published, log)
    outbox.items.sort(key=lambda o: (o.person.name.casefold(), o.event.start, o.address))
    return outbox


def orphans(published: Published, log: SentLog) -> list[Finding]:
    """Events sent confirmed within the folder's period that the folder neither holds nor
    cancels: the people still have them in their calendars."""
    if published.period is None:
        return []
    first, end = published.period
    present = {e.uid for p in published.people for e in p.events}
    found = []
    for uid, holders in log._holding.items():
        if uid in present:
            continue
        for record in holders.values():
            if record.status != CONFIRMED:
                continue
            try:
                start = datetime.fromisoformat(record.start).astimezone(HELSINKI)
            except ValueError:
                continue
            if first <= start.date() < end:
                found.append(
                    Finding(
                        "warning",
                        Location(file=str(published.folder / "calendars"), cell=uid),
                        T(
                            "{address} was sent a shift starting {start} that this roster "
                            "neither has nor cancels: it is still in their calendar",
                            address=record.address,
                            start=start,
                        ),
                    )
                )
    return found


@dataclass(frozen=True)
class Reminder:
    """One reminder message: a person's shifts starting soon, not reminded of before."""

    person: Person
    address: str
    events: tuple[Event, ...]


@dataclass
class Reminders:
    items: list[Reminder] = field(default_factory=list)
    without_email: list[Person] = field(default_factory=list)
    bad_addresses: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    allowed: set[str] = field(default_factory=set)
    window: tuple[datetime, datetime] | None = None


def plan_reminders(published: Published, log: SentLog, days: int, now: datetime) -> Reminders:
    """A reminder to each person of their confirmed shifts starting within ``days`` days
    from ``now``, leaving out every shift already reminded of at that address."""
    until = now + timedelta(days=days)
    outbox = Outbox()
    plan = Reminders(warnings=[*published.warnings, *log.warnings], window=(now, until))
    for person in published.people:
        soon = [e for e in person.shifts if now <= e.start < until]
        if not soon:
            continue
        address = _roster_address(person, published, outbox)
        if address is None:
            if not person.email:
                plan.without_email.append(person)
            continue
        due = tuple(e for e in soon if not log.reminded(address, e.uid))
        if due:
            plan.items.append(Reminder(person, address, due))
    plan.bad_addresses = outbox.bad_addresses
    plan.allowed = {address_key(a) for a in published.roster_addresses}
    return plan
