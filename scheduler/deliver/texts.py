"""The e-mails, in each person's language (Finnish, Swedish or English).

An invitation, update or cancellation is one message for one event::

    multipart/mixed
      multipart/alternative
        text/plain; charset=utf-8               the short text below
        text/calendar; method=REQUEST; charset=UTF-8   the iTIP object (or CANCEL)
      application/ics; name=invite.ics          the same object as a file to open

The ``text/calendar`` part with its ``method`` inside ``multipart/alternative`` is what
Outlook, Gmail, Apple Mail and Thunderbird recognise as an invitation; the attached file is
for programs that only import files. The text names the shift, lists the person's shifts
in the roster, says how to reach the chat team and is signed with the service's own name
(Sekasin-chat, Sekasin-chatten). A reminder is plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..domain import HELSINKI, SERVICES
from ..i18n import _, current_language, fmt_date, fmt_time, ngettext, pgettext, use_language
from .folder import Event, Person
from .itip import CANCEL, REQUEST, itip_calendar
from .outbox import CANCELLED_WHAT, CHANGED, NEW, Outgoing, Reminder

SIGNATURE_FALLBACK = "Sekasin-chat"


def service_name(event: Event) -> str:
    """The service's own name (``Sekasin-chat``, ``Sekasin-chatten``)."""
    if event.service is not None and event.service in SERVICES:
        return SERVICES[event.service].name
    return SIGNATURE_FALLBACK


def time_range(event: Event, lang: str) -> str:
    """``18.00–22.00`` (``18:00–22:00`` in English); a shift ending at midnight ends 24.00."""
    start = event.start.astimezone(HELSINKI)
    end = event.end.astimezone(HELSINKI)
    if end.hour == 0 and end.minute == 0 and end.date() > start.date():
        sep = ":" if lang == "en" else "."
        last = f"24{sep}00"
    else:
        last = fmt_time(end, lang)
    return f"{fmt_time(start, lang)}–{last}"


def shift_line(event: Event, lang: str) -> str:
    """``ke 25.3.2026  18.00–22.00  Sekasin-chat``."""
    day = fmt_date(event.start.astimezone(HELSINKI).date(), lang, year=True)
    return f"{day}  {time_range(event, lang)}  {service_name(event)}"


def what_word(what: str) -> str:
    """``new``, ``changed`` or ``cancelled`` in the current language."""
    if what == NEW:
        return pgettext("delivery", "new")
    if what == CHANGED:
        return pgettext("delivery", "changed")
    return pgettext("delivery", "cancelled")


def idna_address(address: str) -> str:
    """The address with its domain in ASCII (``anna@xn--exmple-cua.fi``), as servers want."""
    local, _sep, domain = address.rpartition("@")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_domain = domain
    return f"{local}@{ascii_domain}"


def _contact(contact: str | None) -> str:
    if contact:
        return _("How to reach the chat team during the shift: {contact}", contact=contact)
    return _(
        "The chat team supports duty workers during the shift: ask for help on the team "
        "channel. Your coordinator has the contact details."
    )


def _subject(item: Outgoing, lang: str) -> str:
    event = item.event
    params = {
        "day": event.start.astimezone(HELSINKI).date(),
        "time": time_range(event, lang),
        "service": service_name(event),
    }
    if item.what == CANCELLED_WHAT:
        return _("Cancelled duty shift {day} {time}: {service}", **params)
    if item.what == CHANGED:
        return _("Changed duty shift {day} {time}: {service}", **params)
    return _("Duty shift {day} {time}: {service}", **params)


def invitation_text(item: Outgoing, lang: str, contact: str | None) -> str:
    """The plain text of an invitation, update or cancellation, in ``lang``."""
    event, person = item.event, item.person
    params = {
        "day": event.start.astimezone(HELSINKI).date(),
        "time": time_range(event, lang),
        "service": service_name(event),
    }
    lines = [_("Hello {name},", name=person.name), ""]
    if item.what == CANCELLED_WHAT:
        lines.append(_("Your duty shift in {service} on {day:year} {time} is cancelled.", **params))
        lines.append(_("This message takes the shift off your calendar."))
    else:
        if item.what == CHANGED:
            lines.append(
                _(
                    "Your duty shift in {service} has changed: it is now {day:year} {time}.",
                    **params,
                )
            )
        else:
            lines.append(_("You have a duty shift in {service} on {day:year} {time}.", **params))
        lines.append(
            _(
                "The invitation in this message puts the shift in your calendar; if it "
                "changes, an update follows."
            )
        )
    lines.append("")
    shifts = person.shifts
    if shifts:
        lines.append(
            ngettext(
                "Your duty shift in this roster:",
                "Your {n} duty shifts in this roster:",
                len(shifts),
            )
        )
        lines += [f"  {shift_line(e, lang)}" for e in shifts]
        if len(shifts) > 1:
            lines.append(
                _("Each shift comes in a message of its own, so that every calendar takes it in.")
            )
    else:
        lines.append(_("You have no duty shifts in this roster."))
    lines += ["", _contact(contact), _("Times are Finnish time (Europe/Helsinki)."), ""]
    lines.append(_("Questions about your shifts? Reply to this message."))
    lines += ["", service_name(event)]
    return "\n".join(lines) + "\n"


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters as single spaces (a name
    in a header or a calendar parameter)."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _message(sender: str, to: str, name: str, subject: str, signature: str) -> EmailMessage:
    message = EmailMessage()
    name, subject = one_line(name), one_line(subject)
    message["From"] = Address(display_name=signature, addr_spec=idna_address(sender))
    message["To"] = Address(display_name=name, addr_spec=idna_address(to))
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now().astimezone())
    domain = idna_address(sender).rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    return message


def invitation_message(
    item: Outgoing,
    *,
    sender: str,
    contact: str | None = None,
    test_to: str | None = None,
) -> EmailMessage:
    """The e-mail for one outgoing event. With ``test_to``, the same message addressed to
    the coordinator instead, marked as a test, its event under another UID."""
    lang = item.person.language
    with use_language(lang):
        subject = _subject(item, lang)
        text = invitation_text(item, lang, contact)
        if test_to is not None:
            subject = _("Test: {subject}", subject=subject)
            text = (
                _(
                    "A test message from the Sekasin shift scheduler: {name} would receive "
                    "the message below. Its calendar event is a copy that does not touch "
                    "the real one.",
                    name=item.person.name,
                )
                + "\n\n"
                + text
            )
    to = test_to if test_to is not None else item.address
    name = "" if test_to is not None else item.person.name
    message = _message(sender, to, name, subject, service_name(item.event))
    method = CANCEL if item.what == CANCELLED_WHAT else REQUEST
    calendar = itip_calendar(
        item.event,
        method,
        organizer=idna_address(sender),
        attendee=idna_address(to),
        attendee_name=one_line(name or item.person.name),
        uid=f"test-{item.event.uid}" if test_to is not None else None,
    ).to_ical()
    message.set_content(text)
    message.add_alternative(
        calendar,
        maintype="text",
        subtype="calendar",
        cte="base64",
        params={"method": method, "charset": "UTF-8"},
    )
    message.add_attachment(
        calendar,
        maintype="application",
        subtype="ics",
        filename="cancel.ics" if method == CANCEL else "invite.ics",
    )
    return message


def reminder_text(reminder: Reminder, lang: str, contact: str | None) -> str:
    events = reminder.events
    lines = [_("Hello {name},", name=reminder.person.name), ""]
    lines.append(
        ngettext(
            "A reminder of your duty shift in the coming days:",
            "A reminder of your {n} duty shifts in the coming days:",
            len(events),
        )
    )
    lines += [f"  {shift_line(e, lang)}" for e in events]
    lines += ["", _contact(contact), _("Times are Finnish time (Europe/Helsinki)."), ""]
    lines.append(
        _("If you cannot come, tell your coordinator as soon as you can: reply to this message.")
    )
    lines += ["", service_name(events[0])]
    return "\n".join(lines) + "\n"


def reminder_message(
    reminder: Reminder, *, sender: str, contact: str | None = None
) -> EmailMessage:
    """A reminder of one person's shifts starting soon, as plain text in their language."""
    lang = reminder.person.language
    first = reminder.events[0]
    with use_language(lang):
        if len(reminder.events) == 1:
            subject = _(
                "Reminder: duty shift {day} {time}: {service}",
                day=first.start.astimezone(HELSINKI).date(),
                time=time_range(first, lang),
                service=service_name(first),
            )
        else:
            subject = ngettext(
                "Reminder: {n} duty shift from {day}",
                "Reminder: {n} duty shifts from {day}",
                len(reminder.events),
                day=first.start.astimezone(HELSINKI).date(),
            )
        text = reminder_text(reminder, lang, contact)
    message = _message(sender, reminder.address, reminder.person.name, subject, service_name(first))
    message.set_content(text)
    return message


def cannot_reach(
    without_email: Sequence[Person], unreachable: Sequence[tuple[Person, list[Event]]]
) -> list[str]:
    """For the coordinator, in the current language: who has no address, and whose
    cancellations nobody can be told of by e-mail."""
    lang = current_language()
    notes = []
    if without_email:
        notes.append(
            _(
                "No e-mail address, reach them otherwise: {names}",
                names=", ".join(p.name for p in without_email),
            )
        )
    for person, events in unreachable:
        notes.append(
            _(
                "{name} ({file}) is not in the roster and was never sent these shifts by "
                "e-mail; tell them otherwise that they are cancelled: {shifts}",
                name=person.name,
                file=person.file,
                shifts="; ".join(shift_line(e, lang) for e in events),
            )
        )
    return notes
