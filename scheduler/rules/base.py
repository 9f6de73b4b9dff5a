"""What every hard rule gives: solver rows, a checker, and what the heuristics respect.

A rule is one class in its own module of :mod:`scheduler.rules`, with

* :meth:`Rule.rows`: what the solver posts, as solver-neutral linear rows over the candidate
  shifts' 0/1 choices (``Σ coef·x ≤ upper``, ``≥ lower``). CP-SAT, the LP bound and the
  HiGHS comparison post exactly these rows; nothing here imports a solver.
* :meth:`Rule.check`: every breach in any roster, as :class:`Violation` objects.
* :meth:`Rule.fits`: whether adding one candidate shift to a partial roster (a
  :class:`Tally`) keeps the rule: what the greedy and the local search respect.

Two families share their three parts: :class:`BuiltInRule` (kept by how candidate shifts
are built: each candidate is admitted by :meth:`BuiltInRule.admits`, any other is barred)
and :class:`LimitRule` (a count of slots or shifts a person works in a day, a week or the
plan period, at most a cap). The rest define their parts by hand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from ..domain import SERVICES, Person, Shift
from ..i18n import T, Text

if TYPE_CHECKING:  # the problem model imports the rules, never the other way at run time
    from ..problem.instance import Candidate, Instance

Period = Literal["day", "week", "horizon"]
Measure = Literal["slots", "shifts"]


@dataclass(frozen=True)
class Violation:
    """One breach of a hard rule: which ``rule``, whose (``person``), which ``shift`` (None
    when the breach is about a person's total, such as max_hours), and a ``message`` in
    plain words, translated when shown (``str(v)`` in the current language)."""

    rule: str
    person: str
    shift: Shift | None
    message: Text

    def __str__(self) -> str:
        return self.message.render()

    def __repr__(self) -> str:
        return f"Violation({self.rule!r}, {self.person!r}, {self.message.render('en')!r})"

    @property
    def key(self) -> tuple[str, str, Shift | None]:
        """What the breach is about, without the words (for comparing two checks)."""
        return (self.rule, self.person, self.shift)


@dataclass(frozen=True, slots=True)
class Row:
    """``lower ≤ Σ coefs[i]·x[cands[i]] ≤ upper`` over candidate shifts (None: no side).

    ``coefs`` None means every coefficient is 1. ``label`` names the row in words (person,
    day or week) so a solver model reads like the rule.
    """

    rule: str
    label: str
    cands: tuple[int, ...]
    coefs: tuple[int, ...] | None = None
    upper: int | None = None
    lower: int | None = None


def shift_text(shift: Shift) -> Text:
    """``Anna, Sekasin-chat ma 2.3. 18.00–22.00`` in the reader's language."""
    service = SERVICES[shift.service].name if shift.service in SERVICES else shift.service
    return T(
        "{name}, {service} {start}–{end:time}",
        name=shift.name,
        service=service,
        start=shift.start,
        end=shift.end,
    )


class Rule:
    """One hard rule; subclasses give ``name``, ``words`` and the three parts."""

    name: ClassVar[str]
    """The rule's one name, the same in the solver, the checker and the tests."""
    words: ClassVar[str]
    """The rule in plain words (marked for translation with ``N_``)."""
    about_one_person: ClassVar[bool] = True
    """Whether a breach depends on one person's shifts alone (else on who else is on)."""

    def rows(self, inst: Instance, pins: Collection[int]) -> Iterator[Row]:
        """What the solver posts for this rule (``pins``: the candidates to keep)."""
        raise NotImplementedError

    def check(self, inst: Instance, shifts: Sequence[Shift]) -> Iterator[Violation]:
        """Every breach of this rule in ``shifts``."""
        raise NotImplementedError

    def fits(self, tally: Tally, cand: int) -> bool:
        """Whether adding candidate ``cand`` to the partial roster ``tally`` keeps the rule."""
        raise NotImplementedError


class BuiltInRule(Rule):
    """A rule kept by how candidate shifts are built: the builder makes only candidates
    :meth:`admits` accepts, and the solver bars any other, so the heuristics, which only
    choose among candidates, keep it too."""

    def admits(self, inst: Instance, cand: Candidate) -> bool:
        raise NotImplementedError

    def rows(self, inst: Instance, pins: Collection[int]) -> Iterator[Row]:
        for c in inst.candidates:
            if not self.admits(inst, c):
                yield Row(self.name, inst.label(c.index), (c.index,), upper=0)

    def fits(self, tally: Tally, cand: int) -> bool:
        return self.admits(tally.inst, tally.inst.candidates[cand])


class LimitRule(Rule):
    """At most ``limit`` of a ``measure`` (slots worked, or shifts) per ``period`` (a day, a
    week of the plan period, or the whole period) for each person.

    ``limit`` is in people's units (hours for slots, a number of shifts); ``cap`` the same
    in whole slots (rounded down) or shifts, as the solver and the heuristics count.
    """

    period: ClassVar[Period]
    measure: ClassVar[Measure]

    def limit(self, person: Person, inst: Instance) -> float | None:
        raise NotImplementedError

    def breach(
        self, inst: Instance, person: Person, key: object, amount: float, limit: float, last: Shift
    ) -> Text:
        """The message for ``amount`` (hours or shifts) over ``limit`` in the day, week
        (index in the plan period) or period ``key``; ``last`` is the latest shift in it."""
        raise NotImplementedError

    # -- the three parts, from the declaration

    def cap(self, inst: Instance, person: Person) -> int | None:
        value = self.limit(person, inst)
        if value is None:
            return None
        if self.measure == "shifts":
            return int(value + 1e-9)
        return inst.slots_of_hours(value)

    def key_of(self, inst: Instance, cand: Candidate) -> object:
        if self.period == "day":
            return cand.day
        if self.period == "week":
            return cand.week
        return 0

    def amount_of(self, cand: Candidate) -> int:
        return cand.length if self.measure == "slots" else 1

    def rows(self, inst: Instance, pins: Collection[int]) -> Iterator[Row]:
        for p, person in enumerate(inst.people):
            cap = self.cap(inst, person)
            if cap is None:
                continue
            groups: dict[object, list[int]] = defaultdict(list)
            for c in inst.by_person[p]:
                groups[self.key_of(inst, inst.candidates[c])].append(c)
            for key, cands in groups.items():
                if self._most(inst, cands) <= cap:
                    continue  # cannot be exceeded: no row needed
                coefs = (
                    None
                    if self.measure == "shifts"
                    else tuple(inst.candidates[c].length for c in cands)
                )
                yield Row(self.name, f"{person.name} {key}", tuple(cands), coefs, upper=cap)

    def _most(self, inst: Instance, cands: Iterable[int]) -> int:
        """The most this group can reach; beyond a day, one shift a day is assumed (it
        is a rule of its own, always posted)."""
        if self.period == "day":
            return sum(self.amount_of(inst.candidates[c]) for c in cands)
        best: dict[object, int] = {}
        for c in cands:
            cand = inst.candidates[c]
            best[cand.day] = max(best.get(cand.day, 0), self.amount_of(cand))
        return sum(best.values())

    def check(self, inst: Instance, shifts: Sequence[Shift]) -> Iterator[Violation]:
        horizon = inst.problem.horizon
        groups: dict[tuple[str, object], list[Shift]] = defaultdict(list)
        for s in shifts:
            if self.period == "day":
                key: object = s.day
            elif self.period == "week":
                key = horizon.week_of(s.day)
            else:
                key = 0
            groups[(s.name, key)].append(s)
        for (name, key), items in groups.items():
            person = inst.person_of(name)
            if person is None:
                continue
            limit = self.limit(person, inst)
            if limit is None:
                continue
            amount = sum(s.hours for s in items) if self.measure == "slots" else len(items)
            if amount > limit + 1e-9:
                items.sort(key=lambda s: s.start)
                shift = items[-1] if self.period == "day" else None
                text = self.breach(inst, person, key, amount, limit, items[-1])
                yield Violation(self.name, name, shift, text)

    def fits(self, tally: Tally, cand: int) -> bool:
        c = tally.inst.candidates[cand]
        cap = tally.caps[c.person].get(self.name)
        if cap is None:
            return True
        key = c.day if self.period == "day" else c.week if self.period == "week" else 0
        load = tally.load(c.person, self.period, key)
        if self.measure == "slots":
            return load[0] + c.length <= cap
        return load[1] + 1 <= cap


_NOTHING = (0, 0)


class Tally:
    """A partial roster of candidate shifts and what the rules and goals count in it:
    per slot the people, supervisors, mentors and trainees on duty; per person their
    shifts and the slots and shifts they work each day, each week and in all.

    The greedy and the local search build rosters through it and ask :meth:`fits`.
    """

    def __init__(self, inst: Instance, rules: Sequence[Rule], chosen: Iterable[int] = ()):
        self.inst = inst
        n = len(inst.slots)
        self.staffed = [0] * n
        self.bosses = [0] * n
        self.mentors = [0] * n
        self.trainees = [0] * n
        self.mine: list[set[int]] = [set() for _ in inst.people]
        self._load: list[dict[tuple[str, object], list[int]]] = [{} for _ in inst.people]
        self.rules = [r for r in rules if not isinstance(r, BuiltInRule)]
        """The rules a partial roster can break (built-in ones hold for every candidate)."""
        self._checks: dict[frozenset[str], tuple[Rule, ...]] = {}
        limits = [r for r in rules if isinstance(r, LimitRule)]
        self.caps: list[dict[str, int]] = []
        for person in inst.people:
            caps = {}
            for rule in limits:
                cap = rule.cap(inst, person)
                if cap is not None:
                    caps[rule.name] = cap
            self.caps.append(caps)
        for c in chosen:
            self.add(c)

    def used(self, p: int, period: Period, key: object, measure: Measure) -> int:
        """Slots or shifts person ``p`` works in one day or week (``key``), or in all."""
        load = self.load(p, period, key)
        return load[0] if measure == "slots" else load[1]

    def load(self, p: int, period: Period, key: object) -> tuple[int, int] | list[int]:
        """(slots, shifts) person ``p`` works in one day or week (``key``), or in all."""
        return self._load[p].get((period, key), _NOTHING)

    def fits(self, cand: int, *, skip: Collection[str] = ()) -> bool:
        """Whether adding ``cand`` keeps every rule (but those named in ``skip``)."""
        key = frozenset(skip)
        checks = self._checks.get(key)
        if checks is None:
            checks = self._checks[key] = tuple(r for r in self.rules if r.name not in key)
        return all(rule.fits(self, cand) for rule in checks)

    def add(self, cand: int) -> None:
        self._apply(cand, +1)
        self.mine[self.inst.candidates[cand].person].add(cand)

    def remove(self, cand: int) -> None:
        self._apply(cand, -1)
        self.mine[self.inst.candidates[cand].person].discard(cand)

    def _apply(self, cand: int, sign: int) -> None:
        inst = self.inst
        c = inst.candidates[cand]
        person = inst.people[c.person]
        for s in c.slots:
            self.staffed[s] += sign
            self.bosses[s] += sign * person.supervises
            self.mentors[s] += sign * person.mentor
            self.trainees[s] += sign * person.trainee
        load = self._load[c.person]
        for key in (("day", c.day), ("week", c.week), ("horizon", 0)):
            have = load.setdefault(key, [0, 0])
            have[0] += sign * c.length
            have[1] += sign

    @property
    def chosen(self) -> list[int]:
        return sorted(c for own in self.mine for c in own)
