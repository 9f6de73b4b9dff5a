"""Words and time formats shared by the workbook, the calendars and the text schedules.

Times are Helsinki wall-clock time written the local way of the reader's language
(``18.00–22.00`` in Finnish and Swedish, ``18:00–22:00`` in English), a shift ending at
midnight as ``24.00``. Dates read ``ti 3.3.2026`` / ``Tue 3 Mar 2026`` (see
:mod:`scheduler.i18n.formatting`). A service keeps its own name in every language:
Sekasin-chat, Sekasin-chatten.
"""

from __future__ import annotations

from datetime import date, datetime

from ..domain import HELSINKI, SERVICES
from ..i18n import Text, _, fmt_date, fmt_number, normalise_language, use_language
from ..i18n.formatting import WEEKDAYS_SHORT


def language_of(languages: tuple[str, ...] | None, fallback: str) -> str:
    """A person's language for texts meant for them: their first listed language that the
    scheduler speaks (fi, sv, en), else ``fallback``."""
    for lang in languages or ():
        code = normalise_language(lang)
        if code:
            return code
    return normalise_language(fallback) or "fi"


def service_name(code: str) -> str:
    """``Sekasin-chat`` for ``fi``, ``Sekasin-chatten`` for ``sv`` (the code if unknown)."""
    service = SERVICES.get(code)
    return service.name if service is not None else code


def local(moment: datetime) -> datetime:
    return moment.astimezone(HELSINKI)


def clock(moment: datetime, lang: str = "fi", *, end_of_day_from: datetime | None = None) -> str:
    """``18.00`` (``18:00`` in English); midnight that ends the day of ``end_of_day_from``
    is ``24.00``."""
    here = local(moment)
    sep = ":" if lang == "en" else "."
    if (
        end_of_day_from is not None
        and here.hour == 0
        and here.minute == 0
        and here.date() > local(end_of_day_from).date()
    ):
        return f"24{sep}00"
    return f"{here.hour:02d}{sep}{here.minute:02d}"


def minute_clock(minute: int, lang: str = "fi") -> str:
    """``18.00`` for 1080 minutes after midnight (``24.00`` for 1440)."""
    sep = ":" if lang == "en" else "."
    return f"{minute // 60:02d}{sep}{minute % 60:02d}"


def time_range(start: datetime, end: datetime, lang: str = "fi") -> str:
    """``18.00–22.00`` in Helsinki time."""
    return f"{clock(start, lang)}–{clock(end, lang, end_of_day_from=start)}"


def day_label(moment: datetime | date, lang: str = "fi", *, year: bool = True) -> str:
    """``ma 2.3.2026`` (``Mon 2 Mar 2026``): weekday and date of a moment in Helsinki."""
    day = local(moment).date() if isinstance(moment, datetime) else moment
    return fmt_date(day, lang, year=year)


def weekday_short(day: date, lang: str = "fi") -> str:
    """``ma`` / ``må`` / ``Mon``."""
    return WEEKDAYS_SHORT.get(lang, WEEKDAYS_SHORT["fi"])[day.weekday()]


def hours_text(hours: float, lang: str = "fi") -> str:
    """``4 h``, ``2,5 h`` (``2.5 h`` in English)."""
    digits = 0 if float(hours).is_integer() else 2
    text = fmt_number(hours, lang, digits, grouping=False)
    if digits:
        text = text.rstrip("0").rstrip(",.")
    return f"{text} h"


def default_contact(lang: str) -> str:
    """How to reach the chat team when the coordinator gave no contact line."""
    with use_language(lang):
        return _(
            "The chat team supports duty workers during the shift: ask for help on the "
            "team channel. Your coordinator has the contact details."
        )


def word(marked: str) -> str:
    """A word of a table marked with ``N_()``, in the current language."""
    return Text(marked).render()
