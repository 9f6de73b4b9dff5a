"""Words and time formats shared by the workbook, the calendars and the text schedules.

Times are shown as Helsinki wall-clock time in the Finnish way (``18.00–22.00``), a shift
ending at midnight as ``24.00``. Weekday names are Finnish (``ma ti ke to pe la su``).
"""

from __future__ import annotations

from datetime import datetime

from ..domain import HELSINKI, SERVICES

WEEKDAYS_FI = ("ma", "ti", "ke", "to", "pe", "la", "su")
WEEKDAYS_FI_LONG = (
    "maanantai",
    "tiistai",
    "keskiviikko",
    "torstai",
    "perjantai",
    "lauantai",
    "sunnuntai",
)
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# A service's own texts are in its language (Finnish or Swedish), each followed by English.
EVENT_WORDS = {
    "fi": {
        "cancelled_title": "PERUTTU / CANCELLED",
        "cancelled": "Vuoro on peruttu. / This shift is cancelled.",
        "shift": "Päivystysvuoro: {service} / Duty shift in {service}",
        "time": "Aika / Time: {when} (Suomen aikaa / Finnish time)",
        "worker": "Päivystäjä / Duty worker: {name}",
    },
    "sv": {
        "cancelled_title": "INSTÄLLT / CANCELLED",
        "cancelled": "Passet är inställt. / This shift is cancelled.",
        "shift": "Jourpass i {service} / Duty shift in {service}",
        "time": "Tid / Time: {when} (Finlands tid / Finnish time)",
        "worker": "Jourhavande / Duty worker: {name}",
    },
}

DEFAULT_CONTACT = {
    "fi": "Chat-tiimi tukee päivystäjiä vuoron aikana: kysy apua tiimin kanavalla. "
    "Yhteystiedot saat koordinaattorilta.",
    "sv": "Chatteamet stöder jourhavande under passet: be om hjälp i teamets kanal. "
    "Kontaktuppgifter får du av koordinatorn.",
    "en": "The chat team supports duty workers during the shift: ask for help on the team "
    "channel. Your coordinator has the contact details.",
}


def service_language(code: str) -> str:
    """The language of a service's texts: ``fi`` or ``sv`` (``fi`` for anything else)."""
    service = SERVICES.get(code)
    return service.language if service is not None and service.language in EVENT_WORDS else "fi"


def service_name(code: str) -> str:
    """``Sekasin-chat`` for ``fi``, ``Sekasin-chatten`` for ``sv`` (the code if unknown)."""
    service = SERVICES.get(code)
    return service.name if service is not None else code


def local(moment: datetime) -> datetime:
    return moment.astimezone(HELSINKI)


def clock(moment: datetime, *, end_of_day_from: datetime | None = None) -> str:
    """``18.00``; midnight that ends the day of ``end_of_day_from`` is ``24.00``."""
    here = local(moment)
    if (
        end_of_day_from is not None
        and here.hour == 0
        and here.minute == 0
        and here.date() > local(end_of_day_from).date()
    ):
        return "24.00"
    return f"{here.hour:02d}.{here.minute:02d}"


def time_range(start: datetime, end: datetime) -> str:
    """``18.00–22.00`` in Helsinki time."""
    return f"{clock(start)}–{clock(end, end_of_day_from=start)}"


def day_label(moment: datetime) -> str:
    """``ma 2.3.2026``: Finnish weekday and date of a moment in Helsinki."""
    here = local(moment)
    return f"{WEEKDAYS_FI[here.weekday()]} {here.day}.{here.month}.{here.year}"


def hours_text(hours: float) -> str:
    """``4 h``, ``2,5 h`` (Finnish decimal comma)."""
    return f"{hours:g}".replace(".", ",") + " h"
