"""Delivering the published roster to people: calendar invitations by e-mail, updates,
cancellations and reminders (docs/delivery.md).

It works from the published output folder only (``roster.csv`` and ``calendars/``,
:mod:`.folder`) and the sent log (:mod:`.sentlog`)::

    published = read_published(outdir)
    with open_log(default_log_path()) as log:
        outbox = plan_invitations(published, log)      # who gets what
        report = send_invitations(outbox, SmtpSettings("smtp.example.fi", 587,
                                  starttls=True, user="u", password="p"), log,
                                  sender="koordinaattori@example.fi")

``plan_reminders`` / ``send_reminders`` do the same for reminders of shifts starting soon.
"""

from .folder import CANCELLED, CONFIRMED, Event, Person, Published, read_published
from .itip import CANCEL, REQUEST, itip_calendar
from .outbox import (
    CANCELLED_WHAT,
    CHANGED,
    NEW,
    Outbox,
    Outgoing,
    Reminder,
    Reminders,
    address_problem,
    plan_invitations,
    plan_reminders,
)
from .sending import Context, send_invitations, send_reminders, send_test
from .sentlog import LogBusy, Record, SentLog, default_log_path, open_log, read_log
from .smtp import SendReport, SmtpFailure, SmtpSettings, parse_server
from .texts import (
    cannot_reach,
    invitation_message,
    reminder_message,
    shift_line,
    what_word,
)

__all__ = [
    "CANCEL",
    "CANCELLED",
    "CANCELLED_WHAT",
    "CHANGED",
    "CONFIRMED",
    "NEW",
    "REQUEST",
    "Context",
    "Event",
    "LogBusy",
    "Outbox",
    "Outgoing",
    "Person",
    "Published",
    "Record",
    "Reminder",
    "Reminders",
    "SendReport",
    "SentLog",
    "SmtpFailure",
    "SmtpSettings",
    "address_problem",
    "cannot_reach",
    "default_log_path",
    "invitation_message",
    "itip_calendar",
    "open_log",
    "parse_server",
    "plan_invitations",
    "plan_reminders",
    "read_log",
    "read_published",
    "reminder_message",
    "send_invitations",
    "send_reminders",
    "send_test",
    "shift_line",
    "what_word",
]
