"""The hard rules of DESIGN.md, each written once.

Every rule is one class in one module here, under one name, with what the solver posts
(:meth:`~scheduler.rules.base.Rule.rows`), what the checker reports
(:meth:`~scheduler.rules.base.Rule.check`, :class:`Violation` objects) and what the greedy and
the local search respect (:meth:`~scheduler.rules.base.Rule.fits`). :data:`RULES` lists them
all; ``tests/rules/test_rules.py`` has a test named after each, run against CP-SAT, the
greedy and the local search alike, and a registry test that fails when a rule lacks any part.

For a roster desk: :class:`Checker` (build once per plan) checks a whole roster, a change
(:meth:`Checker.check_change`), or lists who could take a shift and which rules each would
break (:meth:`Checker.assignment_options`).
"""

from __future__ import annotations

import weakref
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..domain import Person, Problem, Shift
from .base import BuiltInRule, LimitRule, Row, Rule, Tally, Violation, shift_text
from .forbidden import Forbidden
from .known_person import KnownPerson
from .language import Language
from .max_hours import MaxHours
from .max_hours_per_week import MaxHoursPerWeek
from .max_shifts_per_week import MaxShiftsPerWeek
from .offered_time import OfferedTime
from .one_service_at_a_time import OneServiceAtATime
from .one_shift_a_day import OneShiftADay
from .open_hours import OpenHours
from .pins_kept import PinsKept
from .shift_length import ShiftLength
from .trainee_beside_mentor import TraineeBesideMentor

if TYPE_CHECKING:
    from ..problem.instance import Instance

__all__ = [
    "BY_NAME",
    "RULES",
    "BuiltInRule",
    "Checker",
    "LimitRule",
    "Row",
    "Rule",
    "TRAINEE",
    "Tally",
    "Violation",
    "assignment_options",
    "check",
    "check_added_shift",
    "rows",
    "shift_text",
    "tally",
]

TRAINEE = TraineeBesideMentor()

RULES: tuple[Rule, ...] = (
    KnownPerson(),
    OpenHours(),
    OfferedTime(),
    Language(),
    ShiftLength(),
    Forbidden(),
    OneShiftADay(),
    OneServiceAtATime(),
    MaxHours(),
    MaxHoursPerWeek(),
    MaxShiftsPerWeek(),
    TRAINEE,
    PinsKept(),
)
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}
LIMITS: tuple[LimitRule, ...] = tuple(r for r in RULES if isinstance(r, LimitRule))


def check(
    inst: Instance, shifts: Iterable[Shift], rules: Sequence[Rule] = RULES
) -> list[Violation]:
    """Every breach of ``rules`` (all by default) in ``shifts``, rule by rule."""
    items = list(shifts)
    return [v for rule in rules for v in rule.check(inst, items)]


_ROWS: weakref.WeakKeyDictionary[Instance, dict[tuple[int, ...], list[Row]]] = (
    weakref.WeakKeyDictionary()
)


def rows(inst: Instance, pins: Collection[int]) -> Iterator[Row]:
    """Every rule's solver rows, rule by rule (``pins``: the candidates to keep). Made once
    per instance and pins: the CP-SAT model and the LP bound post the same rows."""
    key = tuple(sorted(pins))
    made = _ROWS.setdefault(inst, {})
    if key not in made:
        made[key] = [row for rule in RULES for row in rule.rows(inst, key)]
    return iter(made[key])


def tally(inst: Instance, chosen: Iterable[int] = ()) -> Tally:
    """A partial roster that knows every rule (for the greedy and the local search)."""
    return Tally(inst, RULES, chosen)


def person_limits(inst: Instance, p: int) -> dict[tuple[str, str], int]:
    """Person ``p``'s caps as ``(period, measure) → cap`` from every limit rule (the
    smallest where two limit the same)."""
    out: dict[tuple[str, str], int] = {}
    for rule in LIMITS:
        cap = rule.cap(inst, inst.people[p])
        if cap is not None:
            key = (rule.period, rule.measure)
            out[key] = min(cap, out.get(key, cap))
    return out


class Checker:
    """The rules of one problem, built once, to check rosters and changes to them.

    Building the problem's model takes about a second for a month of 364 people; after
    that :meth:`assignment_options` for one shift takes a fraction of a second.
    """

    def __init__(self, problem: Problem, instance: Instance | None = None) -> None:
        from ..problem.instance import build_instance

        self.inst = (
            instance
            if instance is not None and instance.problem is problem
            else build_instance(problem)
        )

    def check(self, roster: Iterable[Shift]) -> list[Violation]:
        """Every breach of every rule in ``roster``."""
        return check(self.inst, roster)

    def check_change(
        self,
        roster: Iterable[Shift],
        *,
        add: Iterable[Shift] = (),
        remove: Iterable[Shift] = (),
    ) -> list[Violation]:
        """The breaches that taking ``remove`` out of ``roster`` and putting ``add`` in
        would cause (none it already has): empty when the change keeps every rule."""
        return self._change(_Around(roster), list(add), list(remove))

    def check_added_shift(self, roster: Iterable[Shift], shift: Shift) -> list[Violation]:
        """The breaches adding ``shift`` to ``roster`` would cause."""
        return self.check_change(roster, add=[shift])

    def assignment_options(
        self, roster: Iterable[Shift], service: str, start: datetime, end: datetime
    ) -> list[tuple[Person, list[Violation]]]:
        """For a shift in ``service`` from ``start`` to ``end``: every person of the plan
        with the breaches giving it to them would cause, those who break nothing first
        (then fewest breaches, then by name)."""
        around = _Around(roster)
        probe = Shift(self.inst.people[0].name if self.inst.people else "-", service, start, end)
        window = around.overlapping([probe])
        had = {v.key for v in check(self.inst, window, self._together)}
        out = []
        for person in self.inst.people:
            shift = Shift(person.name, service, start, end)
            mine = around.by_person.get(person.name, [])
            broken = self._diff(mine, [*mine, shift], self._alone)
            broken += [
                v for v in check(self.inst, [*window, shift], self._together) if v.key not in had
            ]
            out.append((person, broken))
        out.sort(key=lambda item: (len(item[1]), item[0].name))
        return out

    @property
    def _alone(self) -> tuple[Rule, ...]:
        return tuple(r for r in RULES if r.about_one_person)

    @property
    def _together(self) -> tuple[Rule, ...]:
        return tuple(r for r in RULES if not r.about_one_person)

    def _diff(
        self, before: Sequence[Shift], after: Sequence[Shift], rules: Sequence[Rule]
    ) -> list[Violation]:
        had = {v.key for v in check(self.inst, before, rules)}
        return [v for v in check(self.inst, after, rules) if v.key not in had]

    def _change(self, around: _Around, add: list[Shift], remove: list[Shift]) -> list[Violation]:
        """Rules about one person see the changed people's shifts; the others also every
        shift overlapping a changed one."""
        changed = [*add, *remove]
        gone = set(remove)
        names = {s.name for s in changed}
        mine = sorted({s for n in names for s in around.by_person.get(n, ())})
        broken = self._diff(mine, [s for s in mine if s not in gone] + add, self._alone)
        near = sorted(set(mine) | set(around.overlapping(changed)))
        return broken + self._diff(near, [s for s in near if s not in gone] + add, self._together)


class _Around:
    """A roster grouped by person and by day, to find the shifts a change touches."""

    def __init__(self, roster: Iterable[Shift]) -> None:
        self.by_person: dict[str, list[Shift]] = {}
        self.by_day: dict[date, list[Shift]] = {}
        for s in roster:
            self.by_person.setdefault(s.name, []).append(s)
            self.by_day.setdefault(s.day, []).append(s)

    def overlapping(self, changed: Sequence[Shift]) -> list[Shift]:
        """Every shift overlapping a changed one in time (any chat)."""
        out = set()
        for c in changed:
            for s in self.by_day.get(c.day, ()):
                if s.start < c.end and c.start < s.end:
                    out.add(s)
        return sorted(out)


def check_added_shift(
    problem: Problem, roster: Iterable[Shift], shift: Shift, *, instance: Instance | None = None
) -> list[Violation]:
    """The breaches adding ``shift`` to ``roster`` would cause (see :class:`Checker`)."""
    return Checker(problem, instance).check_added_shift(roster, shift)


def assignment_options(
    problem: Problem,
    roster: Iterable[Shift],
    service: str,
    start: datetime,
    end: datetime,
    *,
    instance: Instance | None = None,
) -> list[tuple[Person, list[Violation]]]:
    """Who could take a shift and which rules each would break (see :class:`Checker`)."""
    return Checker(problem, instance).assignment_options(roster, service, start, end)
