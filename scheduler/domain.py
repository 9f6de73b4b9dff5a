"""The vocabulary of the scheduler as frozen, self-checking data classes.

Names follow DESIGN.md: service, horizon, slot, person, availability, shift, rules, problem.
Nothing here knows about files, solvers or user interfaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")

ROLES = ("volunteer", "student", "staff", "chat_team")
LANGUAGES = ("fi", "sv", "en")
PREFERENCES = ("available", "preferred", "away")
HOLIDAY_MODES = ("weekend", "closed", "normal")
SUPERVISOR_ROLES = frozenset({"chat_team", "staff"})

Role = Literal["volunteer", "student", "staff", "chat_team"]
Preference = Literal["available", "preferred", "away"]
HolidayMode = Literal["weekend", "closed", "normal"]

# Queue defaults, calibrated against the 2022 annual report (see docs/queue-model.md):
# ~33 contacts an open hour with 8 on duty answer ~20 % (6.6 an hour), ~0.83 conversations
# a duty hour (Pirkanmaa pilot ~0.8). One chat at a time, so a duty hour can hold at most
# 60 / AHT conversations: AHT 72 min (the conversation with its notes and a breather).
# Patience is not pinned by the report (answered barely moves with it when the queue is
# long); 10 min is an assumption that sets the waits and the quiet-hour values.
DEFAULT_AHT_MINUTES = 72.0
DEFAULT_PATIENCE_MINUTES = 10.0
DEFAULT_CHATS_PER_WORKER = 1
# A re-plan may answer up to 0.5 % fewer expected contacts than the best roster found (and
# be up to 0.5 % less even in hours) when that keeps people's shifts where they were: a
# time-limited solve's own gap is larger, and moving hundreds of shifts to gain less is
# not worth the coordinator's and the duty workers' trouble.
DEFAULT_REPLAN_TOLERANCE = 0.005

MINUTES_PER_DAY = 24 * 60


class DomainError(ValueError):
    """A value that cannot describe the real world (negative hours, unknown role...)."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise DomainError(message)


def normalise_name(name: str) -> str:
    """A key for matching the same person across files: case, accents of spacing folded."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------- services


@dataclass(frozen=True)
class Service:
    """One chat with its own language and weekly opening hours.

    ``weekly`` has seven entries, Monday first; each is a tuple of ``(start, end)``
    minutes after local midnight (``end`` up to 1440, i.e. 24:00).
    """

    code: str
    name: str
    language: str
    weekly: tuple[tuple[tuple[int, int], ...], ...]
    supervised: bool = False

    def __post_init__(self) -> None:
        _check(len(self.weekly) == 7, f"service {self.code}: weekly hours need 7 days")
        _check(self.language in LANGUAGES, f"service {self.code}: unknown language")
        for day in self.weekly:
            for start, end in day:
                _check(0 <= start < end <= MINUTES_PER_DAY, f"service {self.code}: bad hours")

    def hours_on_weekday(self, weekday: int) -> tuple[tuple[int, int], ...]:
        return self.weekly[weekday]

    @property
    def weekly_open_hours(self) -> float:
        return sum(e - s for day in self.weekly for s, e in day) / 60


def _weekly(**days: tuple[tuple[int, int], ...]) -> tuple[tuple[tuple[int, int], ...], ...]:
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return tuple(days.get(n, ()) for n in names)


def _h(start: int, end: int) -> tuple[tuple[int, int], ...]:
    return ((start * 60, end * 60),)


SERVICES: Mapping[str, Service] = {
    "fi": Service(
        code="fi",
        name="Sekasin-chat",
        language="fi",
        weekly=_weekly(
            mon=_h(9, 24),
            tue=_h(9, 24),
            wed=_h(9, 24),
            thu=_h(9, 24),
            fri=_h(9, 24),
            sat=_h(15, 24),
            sun=_h(15, 24),
        ),
        supervised=True,
    ),
    "sv": Service(
        code="sv",
        name="Sekasin-chatten",
        language="sv",
        weekly=_weekly(mon=_h(14, 19), thu=_h(14, 19), sat=_h(16, 20)),
        supervised=False,
    ),
}


# --------------------------------------------------------------------------- horizon


@dataclass(frozen=True)
class Horizon:
    """The planning period: ``weeks`` whole weeks from ``start`` (local dates)."""

    start: date
    weeks: int

    def __post_init__(self) -> None:
        _check(
            isinstance(self.start, date) and not isinstance(self.start, datetime),
            "horizon start must be a date",
        )
        _check(
            isinstance(self.weeks, int) and 1 <= self.weeks <= 53,
            f"horizon weeks must be a whole number 1–53, got {self.weeks!r}",
        )

    @property
    def end(self) -> date:
        """The first day after the horizon."""
        return self.start + timedelta(days=7 * self.weeks)

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(7 * self.weeks)]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end

    def week_of(self, day: date) -> int:
        """0-based week index of ``day`` inside the horizon (weeks run from ``start``)."""
        return (day - self.start).days // 7

    @property
    def start_dt(self) -> datetime:
        return datetime.combine(self.start, datetime.min.time(), HELSINKI)

    @property
    def end_dt(self) -> datetime:
        return datetime.combine(self.end, datetime.min.time(), HELSINKI)


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rules:
    """Settings of a plan: slot size, shift lengths, staffing floor, queue parameters."""

    slot_minutes: int = 60
    min_shift_hours: float = 2.0
    max_shift_hours: float = 4.0
    min_staff: int = 1
    supervision: bool = True
    holiday_mode: HolidayMode = "weekend"
    services: tuple[str, ...] = ("fi", "sv")
    aht_minutes: float = DEFAULT_AHT_MINUTES
    patience_minutes: float = DEFAULT_PATIENCE_MINUTES
    chats_per_worker: int = DEFAULT_CHATS_PER_WORKER
    replan_tolerance: float = DEFAULT_REPLAN_TOLERANCE
    """In a re-plan, the share of goal 3 (and of goal 4) the roster may give up against the
    best found, to keep more of the previous shifts (0 keeps goals 3–4 strictly first)."""

    def __post_init__(self) -> None:
        _check(self.slot_minutes in (30, 60), "slot_minutes must be 60 or 30")
        _check(
            0 < self.min_shift_hours <= self.max_shift_hours <= 24,
            "shift lengths need 0 < min_shift_hours ≤ max_shift_hours ≤ 24",
        )
        for hours in (self.min_shift_hours, self.max_shift_hours):
            _check(
                abs(hours * 60 / self.slot_minutes - round(hours * 60 / self.slot_minutes)) < 1e-9,
                f"shift length {hours} h is not a whole number of {self.slot_minutes}-minute slots",
            )
        _check(self.min_staff >= 0, "min_staff must be 0 or more")
        _check(self.holiday_mode in HOLIDAY_MODES, f"holiday_mode must be one of {HOLIDAY_MODES}")
        _check(
            bool(self.services) and all(s in SERVICES for s in self.services),
            f"services must be among {tuple(SERVICES)}",
        )
        _check(self.aht_minutes > 0, "aht_minutes must be positive")
        _check(self.patience_minutes > 0, "patience_minutes must be positive")
        _check(
            isinstance(self.chats_per_worker, int) and 1 <= self.chats_per_worker <= 5,
            "chats_per_worker must be a whole number 1–5",
        )
        _check(0 <= self.replan_tolerance <= 0.1, "replan_tolerance must be 0–0.1 (0–10 %)")

    @property
    def slots_per_hour(self) -> int:
        return 60 // self.slot_minutes


# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class Person:
    """A duty worker with languages, limits (hours in the horizon) and roles."""

    name: str
    email: str = ""
    organisation: str = ""
    role: Role = "volunteer"
    languages: tuple[str, ...] = ("fi",)
    mentor: bool = False
    trainee: bool = False
    min_hours: float | None = None
    max_hours: float | None = None
    max_hours_per_week: float | None = None
    max_shifts_per_week: int | None = None
    min_shift_hours: float | None = None
    max_shift_hours: float | None = None

    def __post_init__(self) -> None:
        who = f"person {self.name!r}"
        _check(isinstance(self.name, str) and self.name.strip() != "", "a person needs a name")
        _check(self.role in ROLES, f"{who}: role must be one of {', '.join(ROLES)}")
        _check(bool(self.languages), f"{who}: at least one language")
        for lang in self.languages:
            _check(
                lang in LANGUAGES, f"{who}: language {lang!r} is not one of {', '.join(LANGUAGES)}"
            )
        for label in (
            "min_hours",
            "max_hours",
            "max_hours_per_week",
            "max_shifts_per_week",
            "min_shift_hours",
            "max_shift_hours",
        ):
            value = getattr(self, label)
            _check(value is None or value >= 0, f"{who}: {label} cannot be negative")
        if self.min_hours is not None and self.max_hours is not None:
            _check(self.min_hours <= self.max_hours, f"{who}: min_hours is above max_hours")
        if self.min_shift_hours is not None and self.max_shift_hours is not None:
            _check(
                self.min_shift_hours <= self.max_shift_hours,
                f"{who}: min_shift_hours is above max_shift_hours",
            )
        _check(not (self.mentor and self.trainee), f"{who}: cannot be both mentor and trainee")

    @property
    def key(self) -> str:
        """Identity across files: email when given, else the folded name."""
        return self.email.strip().casefold() or normalise_name(self.name)

    def speaks(self, language: str) -> bool:
        return language in self.languages

    @property
    def supervises(self) -> bool:
        return self.role in SUPERVISOR_ROLES

    def shift_bounds(self, rules: Rules) -> tuple[float, float]:
        """(min, max) shift length in hours for this person under ``rules``."""
        low = self.min_shift_hours if self.min_shift_hours is not None else rules.min_shift_hours
        high = self.max_shift_hours if self.max_shift_hours is not None else rules.max_shift_hours
        return low, max(low, high)


# --------------------------------------------------------------------------- availability


@dataclass(frozen=True)
class AvailabilityPiece:
    """A piece of offered (or ``away``) time, on one ``day`` or every ``weekday``.

    Minutes are after local midnight; ``end_minute`` may be 1440 (24:00).
    ``source`` says where the piece came from, for messages.
    """

    name: str
    start_minute: int
    end_minute: int
    preference: Preference = "available"
    day: date | None = None
    weekday: int | None = None
    source: object = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        _check(
            (self.day is None) != (self.weekday is None),
            "an availability piece needs exactly one of date or weekday",
        )
        _check(self.weekday is None or 0 <= self.weekday <= 6, "weekday must be 0 (Mon) to 6 (Sun)")
        _check(
            0 <= self.start_minute < self.end_minute <= MINUTES_PER_DAY,
            f"time range {fmt_minute(self.start_minute)}–{fmt_minute(self.end_minute)} "
            "must run forwards within one day (00:00–24:00)",
        )
        _check(
            self.preference in PREFERENCES, f"preference must be one of {', '.join(PREFERENCES)}"
        )

    def on(self, day: date) -> bool:
        return self.day == day if self.day is not None else day.weekday() == self.weekday


def elapsed_hours(start: datetime, end: datetime) -> float:
    """Real elapsed hours between two aware instants (right across a DST change).

    Subtracting two datetimes that share a tzinfo gives wall-clock time in Python, so
    this goes through POSIX timestamps instead.
    """
    return (end.timestamp() - start.timestamp()) / 3600


def fmt_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@dataclass(frozen=True)
class Interval:
    """Concrete offered time of one person: aware datetimes, ``preferred`` or not."""

    name: str
    start: datetime
    end: datetime
    preferred: bool = False

    @property
    def hours(self) -> float:
        return elapsed_hours(self.start, self.end)


# --------------------------------------------------------------------------- slots, shifts


@dataclass(frozen=True, order=True)
class Slot:
    """One interval of a service's open hours (aware datetimes, Europe/Helsinki)."""

    service: str
    start: datetime
    end: datetime

    @property
    def day(self) -> date:
        return self.start.astimezone(HELSINKI).date()

    @property
    def hours(self) -> float:
        return elapsed_hours(self.start, self.end)

    @property
    def key(self) -> tuple[str, datetime]:
        return (self.service, self.start)


@dataclass(frozen=True, order=True)
class Shift:
    """One contiguous run of slots by one person in one service on one day."""

    name: str
    service: str
    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        _check(
            self.start.tzinfo is not None and self.end.tzinfo is not None,
            "shift times must carry a time zone",
        )
        _check(self.start < self.end, f"shift of {self.name!r} must end after it starts")
        _check(self.service in SERVICES, f"unknown service {self.service!r}")

    @property
    def hours(self) -> float:
        return elapsed_hours(self.start, self.end)

    @property
    def day(self) -> date:
        return self.start.astimezone(HELSINKI).date()

    def covers(self, slot: Slot) -> bool:
        return self.service == slot.service and self.start <= slot.start and slot.end <= self.end


# --------------------------------------------------------------------------- problem


@dataclass(frozen=True)
class Problem:
    """Everything the optimiser needs, frozen.

    Attributes
    ----------
    horizon : Horizon
        The plan period.
    rules : Rules
        Slot length, shift lengths, minimum staff, supervision, queue parameters and the
        re-plan tolerance.
    people : tuple of Person
        The duty workers, each named once.
    availability : tuple of AvailabilityPiece
        Their offered (and ``away``) time.
    demand : Mapping
        ``(service, slot start)`` → forecast contacts in that slot.
    pins : tuple of Shift
        Shifts to keep (a pin that breaks a rule is left out, with a note).
    forbids : tuple of Shift
        Shifts never to use: no shift of that person in that chat overlaps one.
    previous : tuple of Shift
        The roster being re-planned (empty for a fresh plan); it may name people who left.
    min_staff_by_slot, slot_weights : Mapping
        Per slot, a minimum staff other than ``rules.min_staff``, and a weight on its
        answered contacts (default 1).
    """

    horizon: Horizon
    rules: Rules
    people: tuple[Person, ...]
    availability: tuple[AvailabilityPiece, ...]
    demand: Mapping[tuple[str, datetime], float] = field(default_factory=dict, hash=False)
    pins: tuple[Shift, ...] = ()
    forbids: tuple[Shift, ...] = ()
    previous: tuple[Shift, ...] = ()
    min_staff_by_slot: Mapping[tuple[str, datetime], int] = field(default_factory=dict, hash=False)
    slot_weights: Mapping[tuple[str, datetime], float] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        names = [p.name for p in self.people]
        dupes = sorted({n for n in names if names.count(n) > 1})
        _check(not dupes, f"people named more than once: {', '.join(dupes)}")
        known = set(names)
        unknown = sorted({a.name for a in self.availability} - known)
        _check(not unknown, f"availability for people not listed: {', '.join(unknown)}")
        for shift in (*self.pins, *self.forbids, *self.previous):
            _check(
                shift.name in known or shift in self.previous,
                f"shift of {shift.name!r}, who is not listed",
            )

    def person(self, name: str) -> Person:
        for p in self.people:
            if p.name == name:
                return p
        raise KeyError(name)
