"""Why an open slot below its minimum staff stayed short, in the rules' own words.

For each person who offered the slot, the rules are asked whether one of their candidate
shifts through the slot could be added to the roster (the same ``fits`` the greedy and the
local search use); the first rule that stops every such shift is the person's reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..domain import SERVICES, Problem, Shift
from ..i18n import T, Text
from ..problem import GoalValues, Instance, goal_values
from ..roster import Roster, UncoveredSlot
from ..rules import BY_NAME, Checker, Tally, tally
from ..rules.forbidden import overlaps_forbid
from ..rules.language import speaks_for
from .evaluation import instance_of

MOST_NAMED = 6
"""People named in a slot's detail; the rest are counted."""


def explain_gaps(
    problem: Problem,
    roster: Roster | Iterable[Shift],
    *,
    instance: Instance | None = None,
    values: GoalValues | None = None,
) -> list[UncoveredSlot]:
    """Each open slot below its minimum staff, with the reason it stayed short."""
    inst = instance_of(problem, instance)
    shifts = list(roster)
    values = values or goal_values(inst, shifts)
    reasons = _Reasons(inst, shifts)
    out = []
    for i, slot in enumerate(inst.slots):
        n, need = values.staffed[i], inst.min_staff[i]
        if n >= need:
            continue
        on = set(values.on_duty[i])
        offered = [
            p for p, o in enumerate(inst.offered) if i in o and inst.people[p].name not in on
        ]
        service = SERVICES[slot.service]
        speakers = [p for p in offered if speaks_for(inst.people[p], slot.service)]
        details: tuple[Text, ...] = ()
        if not offered:
            reason, detail = "nobody offered it", ("" if not n else f"{n} on duty, {need} needed")
            text = T("nobody offered it")
            if n:
                details = (T("{n} on duty, {need} needed", n=n, need=need),)
        elif not speakers:
            reason = f"nobody who offered it speaks {service.language}"
            detail = f"{len(offered)} offered it"
            text = T("nobody who offered it speaks the language of {service}", service=service.name)
            details = (T("{n} offered it", n=len(offered)),)
        else:
            why = {inst.people[p].name: reasons.blocking(p, i) for p in speakers}
            blocked = {name: rule for name, rule in why.items() if rule}
            if len(blocked) < len(why):
                free = len(why) - len(blocked)
                reason = "not placed"
                detail = (
                    f"{free} could still be placed (the search ended before it reached this slot)"
                )
                text = T("not placed")
                details = (
                    T(
                        "{n} could still be placed (the search ended before it reached this slot)",
                        n=free,
                    ),
                )
            else:
                if all(rule == "trainee_beside_mentor" for rule in blocked.values()):
                    reason, text = "no mentor for a trainee", T("no mentor for a trainee")
                else:
                    reason = "those who offered it are at a limit"
                    text = T("those who offered it are at a limit")
                detail, details = _named(blocked)
        out.append(
            UncoveredSlot(
                slot.service, slot.start, slot.end, n, need, reason, detail, text, details
            )
        )
    return out


class _Reasons:
    """The rule that keeps a person off a slot, from the rules' ``fits``."""

    def __init__(self, inst: Instance, shifts: Sequence[Shift]) -> None:
        self.inst = inst
        self.shifts = shifts
        known, other = inst.roster_candidates(shifts)
        self.tally: Tally = tally(inst, known)
        self.odd = {s.name for s in other}  # people with shifts the tally cannot hold
        self._checker: Checker | None = None

    def blocking(self, p: int, slot: int) -> str:
        """The first rule (in the registry's order) that stops every candidate shift of
        person ``p`` through ``slot``; "" when one could be added."""
        inst = self.inst
        person = inst.people[p]
        cands = [c for c in inst.covering[slot] if inst.candidates[c].person == p]
        if not cands:  # no shift of theirs can hold the slot at all
            s = inst.slots[slot]
            if overlaps_forbid(
                inst.forbids_of(person.name), person.name, s.service, s.start, s.end
            ):
                return "forbidden"
            return "shift_length"
        first: str | None = None
        for c in cands:
            if person.name in self.odd:
                broken = [
                    v.rule for v in self.checker.check_added_shift(self.shifts, inst.shift(c))
                ]
            else:
                broken = [r.name for r in self.tally.rules if not r.fits(self.tally, c)]
            if not broken:
                return ""
            rank = min(broken, key=_order)
            if first is None or _order(rank) < _order(first):
                first = rank
        return first or ""

    @property
    def checker(self) -> Checker:
        if self._checker is None:
            self._checker = Checker(self.inst.problem, self.inst)
        return self._checker


REASON_ORDER = (
    "known_person",
    "open_hours",
    "offered_time",
    "language",
    "shift_length",
    "forbidden",
    "one_service_at_a_time",
    "one_shift_a_day",
    "max_hours",
    "max_hours_per_week",
    "max_shifts_per_week",
    "trainee_beside_mentor",
    "pins_kept",
)
"""Of several rules that stop a person, the one named: the most particular first (on
another chat at that very time says more than one shift a day)."""


def _order(rule: str) -> int:
    return REASON_ORDER.index(rule) if rule in REASON_ORDER else len(REASON_ORDER)


def _named(blocked: dict[str, str]) -> tuple[str, tuple[Text, ...]]:
    """``Anna: one shift a day; Ben: …`` (the first few, then how many more), in English
    and as words translated when shown."""
    items = sorted(blocked.items())
    english = "; ".join(f"{name}: {BY_NAME[rule].words}" for name, rule in items[:MOST_NAMED])
    texts: list[Text] = [
        T("{name}: {rule}", name=name, rule=Text(BY_NAME[rule].words))
        for name, rule in items[:MOST_NAMED]
    ]
    if len(items) > MOST_NAMED:
        more = len(items) - MOST_NAMED
        english += f"; and {more} more"
        texts.append(T("and {n} more", n=more))
    return english, tuple(texts)
