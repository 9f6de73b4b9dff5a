"""The built-in demand profile, used when no contact history is given.

This is an ASSUMPTION, labelled as such wherever it is shown. Its figures come from the
Sekasin Kollektiivi annual report 2022 (see docs/demand.md, "The built-in profile"):

- Finnish chat (`fi`): about 160,000 contacts in 2022, spread over the open hours.
- Swedish chat (`sv`): 184 conversations in its first 34 open days (2022-10-10 to the end
  of 2022), about 5.4 a day. The report counts *conversations* (answered contacts), not
  contacts; contacts are derived by assuming that :data:`SV_ANSWERED_SHARE` of Swedish
  contacts were answered.

The shape within the week and the year is not published as numbers; it is a plausible
shape, documented here and in docs/demand.md:

- hour of day (:data:`HOUR_WEIGHTS`): quiet mornings, rising through the afternoon, the
  peak in the evening 20–23, as youth chat services commonly see;
- day of week (:data:`WEEKDAY_WEIGHTS`): Sunday and Monday evenings busiest, Friday and
  Saturday quieter;
- month (:data:`MONTH_WEIGHTS`): autumn highest (the report: conversations grew "through
  the whole autumn", self-harm contacts rose in the autumn, and the autumn queue
  situation was the best of the year because staffing grew), summer lowest;
- a public holiday is shaped like a Sunday (it is opened with Sunday hours by default).

Rates are contacts an hour; a slot's demand is its rate times its length in hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache

from ..domain import HELSINKI, SERVICES, Horizon, Rules, Slot
from ..hours import holiday_name, opening_intervals, slot_grid, split
from ..i18n import T

FI_CONTACTS_PER_YEAR = 160_000.0
"""Finnish chat contacts in 2022 (annual report 2022: "160.000 yhteydenottoa")."""

SV_CONVERSATIONS = 184.0
SV_OPEN_DAYS = 34
SV_PERIOD = (date(2022, 10, 10), date(2023, 1, 1))
"""Swedish chat: 184 conversations in 34 open days from its opening on 2022-10-10 to the end
of 2022 (this model, with holidays closed like Sundays, opens 33 of those days; the level is
set per open day)."""

SV_ANSWERED_SHARE = 0.75
"""Assumed share of Swedish contacts that were answered (the report gives no contact count;
the Swedish chat is small and much less queued than the Finnish one, whose share is 20 %)."""

REFERENCE_YEAR = 2022
"""The year the Finnish total is spread over (opening hours with holidays kept as Sundays)."""

# hour of day (local) → relative contacts an hour; only open hours are ever used
HOUR_WEIGHTS: dict[int, float] = {
    9: 0.50,
    10: 0.58,
    11: 0.64,
    12: 0.70,
    13: 0.75,
    14: 0.80,
    15: 0.88,
    16: 0.93,
    17: 0.97,
    18: 1.02,
    19: 1.10,
    20: 1.20,
    21: 1.28,
    22: 1.30,
    23: 1.18,
}
# Monday = 0 … Sunday = 6
WEEKDAY_WEIGHTS: tuple[float, ...] = (1.06, 1.02, 1.00, 0.98, 0.88, 0.88, 1.08)
# January = 1 … December = 12; autumn highest, summer lowest
MONTH_WEIGHTS: dict[int, float] = {
    1: 1.00,
    2: 1.03,
    3: 1.05,
    4: 1.00,
    5: 0.96,
    6: 0.86,
    7: 0.80,
    8: 0.92,
    9: 1.08,
    10: 1.13,
    11: 1.12,
    12: 0.98,
}

ASSUMPTION_NOTE = T(
    "ASSUMPTION: built-in profile, not a forecast. Finnish chat scaled to ~160,000 contacts a "
    "year (annual report 2022) with an assumed evening peak and autumn high; Swedish chat at "
    "184 conversations in 34 open days (report 2022) ÷ {share:.0%} assumed answered. Upload "
    "last year's contact statistics for a real forecast.",
    share=SV_ANSWERED_SHARE,
)


def shape(local: datetime) -> float:
    """Relative contacts an hour at a local time (before scaling to the service's level)."""
    day = local.date()
    weekday = 6 if holiday_name(day) is not None else local.weekday()
    return MONTH_WEIGHTS[local.month] * WEEKDAY_WEIGHTS[weekday] * HOUR_WEIGHTS.get(local.hour, 0.5)


def _open_hours(service: str, first: date, end: date) -> Iterable[datetime]:
    """Start instants of every open hour of ``service`` in [first, end), holidays as Sundays."""
    day = first
    while day < end:
        for start, stop in opening_intervals(SERVICES[service], day, "weekend"):
            for s, _ in split(start, stop, 60):
                yield s
        day += timedelta(days=1)


@cache
def level(service: str) -> float:
    """Contacts an hour for a shape weight of 1, so the totals above come out."""
    if service == "fi":
        year = (date(REFERENCE_YEAR, 1, 1), date(REFERENCE_YEAR + 1, 1, 1))
        return FI_CONTACTS_PER_YEAR / sum(shape(t) for t in _open_hours("fi", *year))
    if service == "sv":
        # contacts per open day as the report implies, over the days this model opens
        hours = list(_open_hours("sv", *SV_PERIOD))
        days = len({t.astimezone(HELSINKI).date() for t in hours})
        per_day = SV_CONVERSATIONS / SV_OPEN_DAYS / SV_ANSWERED_SHARE
        return per_day * days / sum(shape(t) for t in hours)
    raise KeyError(f"no built-in profile for service {service!r}")


def rate(service: str, start: datetime) -> float:
    """Assumed contacts an hour of ``service`` at the instant ``start``."""
    return level(service) * shape(start.astimezone(HELSINKI))


def slot_contacts(slot: Slot) -> float:
    """Assumed contacts in one slot: the rate at its start times its length."""
    return round(rate(slot.service, slot.start) * slot.hours, 4)


def builtin_demand(horizon: Horizon, rules: Rules) -> dict[tuple[str, datetime], float]:
    """Assumed contacts for every open slot of the horizon (an assumption, see the module)."""
    return {slot.key: slot_contacts(slot) for slot in slot_grid(horizon, rules)}
