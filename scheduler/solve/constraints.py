"""The hard rules of DESIGN.md, one function each, posted on the CP-SAT model.

Some rules are kept by how candidate shifts are built (offered time and open hours,
language, shift length, forbids): their function checks every candidate again and bars
any that breaks the rule, so the rule stays true even if candidates come from elsewhere.
The others are constraints over the candidate Booleans. Each function returns how many
constraints or bars it posted.
"""

from __future__ import annotations

from collections import defaultdict

from ..domain import SERVICES
from .variables import Variables


def _bar(v: Variables, cands) -> int:
    for c in cands:
        v.model.add(v.x[c] == 0)
    return len(cands)


def inside_offered_and_open_time(v: Variables) -> int:
    """A person works only in slots they offered, and only in a service's open slots."""
    inst = v.inst
    return _bar(
        v,
        [c.index for c in inst.candidates if any(s not in inst.offered[c.person] for s in c.slots)],
    )


def language(v: Variables) -> int:
    """A service's slots are worked only by people who speak its language."""
    inst = v.inst
    return _bar(
        v,
        [
            c.index
            for c in inst.candidates
            if not inst.people[c.person].speaks(SERVICES[c.service].language)
        ],
    )


def shift_length(v: Variables) -> int:
    """Each shift lasts between the person's (or the rule's) minimum and maximum length."""
    inst = v.inst
    bad = []
    for c in inst.candidates:
        lo, hi = inst.shift_length_bounds(inst.people[c.person])
        if not lo <= c.length <= hi:
            bad.append(c.index)
    return _bar(v, bad)


def forbids_never_used(v: Variables) -> int:
    """No shift overlaps a forbidden shift of the same person in the same service."""
    inst = v.inst
    bad = []
    names = inst.person_index()
    for f in inst.problem.forbids:
        p = names.get(f.name)
        if p is None:
            continue
        barred = set(inst.slots_within(f.service, f.start, f.end))
        bad += [c for c in inst.by_person[p] if barred.intersection(inst.candidates[c].slots)]
    return _bar(v, sorted(set(bad)))


def one_shift_a_day(v: Variables) -> int:
    """At most one shift per person per day (any service)."""
    posted = 0
    for cands in v.inst.by_person:
        days = defaultdict(list)
        for c in cands:
            days[v.inst.candidates[c].day].append(v.x[c])
        for group in days.values():
            if len(group) > 1:
                v.model.add_at_most_one(group)
                posted += 1
    return posted


def one_service_at_a_time(v: Variables) -> int:
    """A person is never on two services at once.

    Shifts of the same service on one day are already exclusive by ``one_shift_a_day``;
    this posts the rule for candidates of different services covering the same instant.
    """
    inst = v.inst
    posted = 0
    for cands in inst.by_person:
        services = {inst.candidates[c].service for c in cands}
        if len(services) < 2:
            continue
        by_time = defaultdict(set)
        for c in cands:
            for s in inst.candidates[c].slots:
                by_time[inst.slots[s].start.timestamp()].add(c)
        for group in by_time.values():
            if len({inst.candidates[c].service for c in group}) > 1:
                v.model.add_at_most_one([v.x[c] for c in sorted(group)])
                posted += 1
    return posted


def max_hours(v: Variables) -> int:
    """Hours in the horizon stay within the person's max_hours."""
    posted = 0
    for p, person in enumerate(v.inst.people):
        cap = v.inst.max_slots(person)
        if cap is not None and _can_exceed(v, v.inst.by_person[p], cap):
            v.model.add(v.worked_slots(p) <= cap)
            posted += 1
    return posted


def max_hours_per_week(v: Variables) -> int:
    """Hours in each week of the horizon stay within max_hours_per_week."""
    posted = 0
    for p, person in enumerate(v.inst.people):
        cap = v.inst.max_week_slots(person)
        if cap is None:
            continue
        for week, cands in _weeks(v, p).items():
            if _can_exceed(v, cands, cap):
                v.model.add(v.worked_slots(p, week) <= cap)
                posted += 1
    return posted


def max_shifts_per_week(v: Variables) -> int:
    """Shifts in each week of the horizon stay within max_shifts_per_week."""
    posted = 0
    for p, person in enumerate(v.inst.people):
        limit = person.max_shifts_per_week
        if limit is None:
            continue
        for cands in _weeks(v, p).values():
            days = {v.inst.candidates[c].day for c in cands}
            if len(days) > limit:
                v.model.add(sum(v.x[c] for c in cands) <= limit)
                posted += 1
    return posted


def trainee_beside_mentor(v: Variables) -> int:
    """A trainee works a slot only while a mentor is on in the same service and slot."""
    inst = v.inst
    posted = 0
    mentor_on: dict[int, list] = {}
    for p, person in enumerate(inst.people):
        if not person.trainee:
            continue
        by_slot = defaultdict(list)
        for c in inst.by_person[p]:
            for s in inst.candidates[c].slots:
                by_slot[s].append(v.x[c])
        for s, own in by_slot.items():
            if s not in mentor_on:
                mentor_on[s] = [
                    v.x[c]
                    for c in inst.covering[s]
                    if inst.people[inst.candidates[c].person].mentor
                ]
            v.model.add(sum(own) <= sum(mentor_on[s]))
            posted += 1
    return posted


def pins_kept(v: Variables) -> int:
    """Every pinned shift that obeys the rules is in the roster (others are noted)."""
    for c in v.inst.pins:
        v.model.add(v.x[c] == 1)
    return len(v.inst.pins)


HARD_RULES = (
    inside_offered_and_open_time,
    language,
    shift_length,
    forbids_never_used,
    one_shift_a_day,
    one_service_at_a_time,
    max_hours,
    max_hours_per_week,
    max_shifts_per_week,
    trainee_beside_mentor,
)


def post_hard_rules(v: Variables, *, keep_pins: bool = True) -> dict[str, int]:
    """Post every hard rule; returns the count posted per rule."""
    counts = {rule.__name__: rule(v) for rule in HARD_RULES}
    if keep_pins:
        counts["pins_kept"] = pins_kept(v)
    return counts


def _weeks(v: Variables, person: int) -> dict[int, list[int]]:
    weeks = defaultdict(list)
    for c in v.inst.by_person[person]:
        weeks[v.inst.candidates[c].week].append(c)
    return weeks


def _can_exceed(v: Variables, cands: list[int], cap: int) -> bool:
    """Whether one-shift-a-day still allows more than ``cap`` slots: else the rule is moot."""
    longest = defaultdict(int)
    for c in cands:
        cand = v.inst.candidates[c]
        longest[cand.day] = max(longest[cand.day], cand.length)
    return sum(longest.values()) > cap
