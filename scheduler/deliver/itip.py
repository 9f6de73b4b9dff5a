"""iTIP calendar objects (RFC 5546) for one published event, written with ``icalendar``.

``METHOD:REQUEST`` invites the person to the event (or updates it, by its higher
``SEQUENCE``); ``METHOD:CANCEL`` takes it off their calendar. The ``VEVENT`` is the one
published in ``calendars/`` (same ``UID``, ``SEQUENCE``, ``DTSTART``/``DTEND``, ``SUMMARY``
and ``DESCRIPTION`` with their ``LANGUAGE``, ``STATUS``), with its ``VTIMEZONE``, plus what
iTIP asks for: ``ORGANIZER`` (the sender) and ``ATTENDEE`` (the person).

One event a message: Outlook reads only the first ``VEVENT`` of an invitation (Microsoft's
[MS-STANOICAL] 2.2.175), so a message with several shifts would silently lose the rest
there; and a ``REQUEST`` and a ``CANCEL`` cannot share one calendar object anyway.
"""

from __future__ import annotations

from icalendar import Calendar, vCalAddress
from icalendar import Event as VEvent

from .folder import Event

PRODID = "-//Sekasin Kollektiivi//Sekasin shift scheduler//FI"
REQUEST, CANCEL = "REQUEST", "CANCEL"


def itip_calendar(
    event: Event,
    method: str,
    *,
    organizer: str,
    attendee: str,
    attendee_name: str = "",
    uid: str | None = None,
) -> Calendar:
    """The iTIP object for ``event`` sent by ``organizer`` to ``attendee``. ``uid`` replaces
    the event's UID (a test message must not touch the real event)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    for zone in event.timezones:  # shared, never changed here
        cal.add_component(zone)
    item = VEvent()  # a copy of the published event's properties, to add to
    for name, value in event.component.items():
        if name not in ("ORGANIZER", "ATTENDEE"):
            item[name] = value
    if uid is not None:
        item.pop("UID", None)
        item.add("uid", uid)
    if method == CANCEL:
        item.pop("STATUS", None)
        item.add("status", "CANCELLED")
    organizer_address = vCalAddress(f"mailto:{organizer}")
    item.add("organizer", organizer_address)
    person = vCalAddress(f"mailto:{attendee}")
    if attendee_name:
        person.params["CN"] = attendee_name
    person.params["CUTYPE"] = "INDIVIDUAL"
    person.params["ROLE"] = "REQ-PARTICIPANT"
    person.params["PARTSTAT"] = "NEEDS-ACTION"
    person.params["RSVP"] = "FALSE"
    item.add("attendee", person)
    cal.add_component(item)
    return cal
