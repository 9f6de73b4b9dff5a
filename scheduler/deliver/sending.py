"""Putting it together: the messages of an outbox or of reminders, sent and logged."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from .folder import Event, Person
from .outbox import Outbox, Outgoing, Reminder, Reminders
from .sentlog import REMINDER, SENT, TEST, Record, SentLog
from .smtp import Job, Progress, SendReport, SmtpSettings, deliver, session
from .texts import idna_address, invitation_message, reminder_message, shift_line


@dataclass(frozen=True)
class Context:
    """Where a run sends from, written with every record: the app's plan and roster
    version (None from the command line) and the published folder."""

    plan: int | None = None
    version: int | None = None
    folder: str = ""


def _record(
    kind: str, person: Person, address: str, event: Event, context: Context, result: str = ""
) -> Record:
    return Record(
        at="",
        kind=kind,
        result=result or SENT,
        address=address,
        name=person.name,
        uid=event.uid,
        sequence=event.sequence,
        status=event.status,
        start=event.start.isoformat(),
        end=event.end.isoformat(),
        service=event.service or "",
        lang=person.language,
        plan=context.plan,
        version=context.version,
        folder=context.folder,
    )


def invitation_jobs(
    outbox: Outbox, *, sender: str, contact: str | None, context: Context
) -> list[Job]:
    def job(item: Outgoing) -> Job:
        return Job(
            address=item.address,
            build=lambda: invitation_message(item, sender=sender, contact=contact),
            records=(_record(item.kind, item.person, item.address, item.event, context),),
            label=f"{item.person.name} <{item.address}>: {item.what} "
            f"{shift_line(item.event, 'en')}",
        )

    return [job(item) for item in outbox.items]


def reminder_jobs(
    reminders: Reminders, *, sender: str, contact: str | None, context: Context
) -> list[Job]:
    def job(item: Reminder) -> Job:
        return Job(
            address=item.address,
            build=lambda: reminder_message(item, sender=sender, contact=contact),
            records=tuple(
                _record(REMINDER, item.person, item.address, e, context) for e in item.events
            ),
            label=f"{item.person.name} <{item.address}>: {len(item.events)} shift(s)",
        )

    return [job(item) for item in reminders.items]


def send_invitations(
    outbox: Outbox,
    settings: SmtpSettings,
    log: SentLog,
    *,
    sender: str,
    contact: str | None = None,
    context: Context = Context(),
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> SendReport:
    """Send every invitation, update and cancellation of ``outbox``, logging each."""
    jobs = invitation_jobs(outbox, sender=sender, contact=contact, context=context)
    return deliver(
        jobs, settings, log, sender=sender, allowed=outbox.allowed, progress=progress, stop=stop
    )


def send_reminders(
    reminders: Reminders,
    settings: SmtpSettings,
    log: SentLog,
    *,
    sender: str,
    contact: str | None = None,
    context: Context = Context(),
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> SendReport:
    """Send every reminder, logging each shift reminded of."""
    jobs = reminder_jobs(reminders, sender=sender, contact=contact, context=context)
    return deliver(
        jobs, settings, log, sender=sender, allowed=reminders.allowed, progress=progress, stop=stop
    )


def send_test(
    item: Outgoing,
    settings: SmtpSettings,
    *,
    sender: str,
    contact: str | None = None,
    log: SentLog | None = None,
    context: Context = Context(),
) -> str:
    """Send ``item``'s message to the coordinator's own address (``sender``) as a test;
    returns its Message-ID. Logged as a ``test`` (it never counts as sent to the person).
    Raises :class:`~scheduler.deliver.smtp.SmtpFailure` and ``smtplib`` errors."""
    message = invitation_message(item, sender=sender, contact=contact, test_to=sender)
    address = idna_address(sender)
    with session(settings) as server:
        server.send_message(message, from_addr=address, to_addrs=[address])
    message_id = str(message["Message-ID"])
    if log is not None:
        record = _record(TEST, item.person, sender, item.event, context)
        log.append(
            replace(
                record,
                at=datetime.now(UTC).isoformat(timespec="seconds"),
                message_id=message_id,
            )
        )
    return message_id
