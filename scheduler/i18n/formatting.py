"""Numbers, dates and times the local way, per language.

Finnish and Finland-Swedish write dates as ``ti 3.3.`` and times as ``18.00``; English as
``Tue 3 Mar`` and ``18:00``. Numbers come from Babel's locale data (``2 705``, ``20,7 %`` in
Finnish and Swedish, ``2,705`` and ``20.7%`` in English).
"""

from __future__ import annotations

import decimal
import math
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal, format_percent

HELSINKI = ZoneInfo("Europe/Helsinki")

#: Babel locale of each language (Swedish as written in Finland).
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}

WEEKDAYS_SHORT = {
    "fi": ("ma", "ti", "ke", "to", "pe", "la", "su"),
    "sv": ("må", "ti", "on", "to", "fr", "lö", "sö"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
WEEKDAYS_LONG = {
    "fi": (
        "maanantai",
        "tiistai",
        "keskiviikko",
        "torstai",
        "perjantai",
        "lauantai",
        "sunnuntai",
    ),
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS_SHORT_EN = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def _lang(lang: str) -> str:
    return lang if lang in LOCALES else "fi"


def _enough_digits(value: float, digits: int, scale: int = 0) -> decimal.Context:
    """A decimal context that holds every digit of ``value`` × 10^``scale`` to ``digits``
    decimals: Babel rounds in the current one (28 digits), which fails on a number such as
    1E100 that a bad input file can bring into a message."""
    context = decimal.getcontext().copy()
    if math.isfinite(value) and value:
        whole = decimal.Decimal(repr(float(value))).adjusted() + 1 + scale
        context.prec = max(context.prec, whole + digits + 4)
    return context


def fmt_number(value: float, lang: str, digits: int = 0, *, grouping: bool = True) -> str:
    """``2 705``, ``7 280,8`` (fi/sv) or ``2,705`` (en), with exactly ``digits`` decimals."""
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * digits if digits > 0 else "")
    number = round(float(value), digits)
    with decimal.localcontext(_enough_digits(number, digits)):
        return format_decimal(number, pattern, locale=LOCALES[_lang(lang)])


def fmt_percent(fraction: float, lang: str, digits: int = 1) -> str:
    """``20,7 %`` (fi/sv) or ``20.7%`` (en) for 0.207."""
    lang = _lang(lang)
    decimals = "." + "0" * digits if digits > 0 else ""
    pattern = f"#,##0{decimals}\u00a0%" if lang in ("fi", "sv") else f"#,##0{decimals}%"
    with decimal.localcontext(_enough_digits(fraction, digits, scale=2)):
        return format_percent(fraction, pattern, locale=LOCALES[lang])


def fmt_date(day: date, lang: str, *, weekday: bool = True, year: bool = False) -> str:
    """``ti 3.3.`` / ``ti 3.3.`` / ``Tue 3 Mar``; ``year`` adds the year."""
    lang = _lang(lang)
    if isinstance(day, datetime):
        day = day.astimezone(HELSINKI).date() if day.tzinfo else day.date()
    if lang == "en":
        text = f"{day.day} {MONTHS_SHORT_EN[day.month - 1]}" + (f" {day.year}" if year else "")
    else:
        text = f"{day.day}.{day.month}." + (f"{day.year}" if year else "")
    return f"{WEEKDAYS_SHORT[lang][day.weekday()]} {text}" if weekday else text


def fmt_time(moment: time | datetime, lang: str) -> str:
    """``18.00`` (fi/sv) or ``18:00`` (en); an aware datetime is shown in Helsinki time."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(HELSINKI).time() if moment.tzinfo else moment.time()
    sep = ":" if _lang(lang) == "en" else "."
    return f"{moment.hour:02d}{sep}{moment.minute:02d}"


def fmt_datetime(moment: datetime, lang: str, *, year: bool = False) -> str:
    """``ti 3.3. 18.00`` / ``Tue 3 Mar 18:00`` in Helsinki time."""
    return f"{fmt_date(moment, lang, year=year)} {fmt_time(moment, lang)}"


def fmt_value(value: object, spec: str, lang: str) -> str:
    """Format one message parameter for ``lang``.

    Specs a translator may keep or change inside ``{...}``: numbers take ``.1f`` (decimals),
    ``d`` or nothing (whole numbers are grouped), ``%`` or ``.1%`` (percent of a fraction);
    dates and datetimes take ``year`` (``ti 3.3.2026``), ``noweekday``, ``time`` (clock only).
    Anything else is formatted by Python as usual.
    """
    if isinstance(value, bool):
        return format(value, spec)
    if isinstance(value, int | float) and (spec == "" or spec[-1:] in ("f", "d", "%")):
        if spec.endswith("%"):
            digits = int(spec[1:-1]) if spec.startswith(".") and spec[1:-1].isdigit() else 0
            return fmt_percent(float(value), lang, digits)
        if spec.endswith("f"):
            digits = int(spec[1:-1]) if spec.startswith(".") and spec[1:-1].isdigit() else 6
            return fmt_number(float(value), lang, digits)
        if isinstance(value, float) and not value.is_integer() and spec == "":
            return fmt_number(value, lang, 2).rstrip("0").rstrip(",.") or "0"
        return fmt_number(value, lang, 0)
    if isinstance(value, datetime):
        if spec == "time":
            return fmt_time(value, lang)
        return fmt_datetime(value, lang, year=spec == "year")
    if isinstance(value, date):
        return fmt_date(value, lang, weekday=spec != "noweekday", year=spec == "year")
    if isinstance(value, time):
        return fmt_time(value, lang)
    return format(value, spec)
