"""Local search on a roster: give one person at a time their best week, then shake a day.

The greedy roster puts the first shifts where the queue is longest and cannot take them
back, so the evening peak ends up fuller than it should while earlier hours wait. A step
here takes one person, everyone else kept, and gives them the best set of their candidate
shifts under their limits (:func:`best_response`: one shift a day, max_hours,
max_hours_per_week, max_shifts_per_week; pins stay; a trainee only beside a mentor, and
a mentor stays where a trainee leans on them). It is made when it is better on goals 1–3
in order: the weighted shortfall of minimum staff and supervision never grows (a person
may leave one short slot for another as short), and answered contacts grow only then.
Rounds over all people go on until nobody improves.

Then, while time is left, a kick takes every shift off up to KICK_PEOPLE people on duty
on one day (seeded: the same kicks each run, so a run that ends by KICKS_IN_VAIN
rather than by the clock repeats) and lets everyone whose slots changed take their
best again; the result is kept when it is no worse on goals 1–3, else undone. This finds
what two people must do together (one leaves an hour only when another takes it over).
It stops after KICKS_IN_VAIN kicks in a row, or KICK_PATIENCE seconds, without a gain.
Values are the model's whole units (the scaled curves), so a stage hinted with the result
starts at least as high.

Pure Python: no solver. On the M benchmark the rounds lift the greedy roster from 7,183 to
7,271 expected answered contacts in about 1.3 s, and kicks to 7,274 in 6 s (7,281 in 20 s
without KICK_PATIENCE); CP-SAT from the greedy roster reaches 7,209 in 300 s (see
docs/optimiser.md).
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date

from .. import rules
from ..problem import Instance, cover_weight
from ..rules import Tally

TRAINEE = rules.TRAINEE


class _Roster(Tally):
    """A roster under local search: the rules' tally, the goals' arithmetic, and a log of
    moves to undo."""

    def __init__(self, inst: Instance, chosen: Iterable[int], only_cover: bool = False) -> None:
        super().__init__(inst, rules.RULES)
        self.only_cover = only_cover
        """Goals 1–2 alone: a person's shifts move only to staff or supervise more."""
        self.curves = inst.scaled
        self.short_weight = cover_weight(inst)
        self.log: list[tuple[int, set[int], set[int]]] | None = None
        self._near: dict[int, list[int]] = {}
        for c in chosen:
            self.add(c)

    def move(self, p: int, out: set[int], into: set[int]) -> None:
        """Person ``p`` drops the shifts ``out`` and takes ``into`` (logged for undo)."""
        for c in out:
            self.remove(c)
        for c in into:
            self.add(c)
        if self.log is not None:
            self.log.append((p, out, into))

    def undo(self) -> None:
        """Take back the logged moves, last first."""
        log, self.log = self.log or [], None
        for p, out, into in reversed(log):
            self.move(p, into, out)

    def value(self) -> tuple[int, int]:
        """(goals 1–2 as a negative shortfall, answered) of the whole roster, in the
        weights of :meth:`value_of_adding`."""
        inst = self.inst
        cover = answered = 0
        for s, n in enumerate(self.staffed):
            curve = self.curves[s]
            answered += curve[min(n, len(curve) - 1)]
            cover -= self.short_weight * max(0, inst.min_staff[s] - n)
            cover -= inst.supervised[s] and self.bosses[s] == 0
        return cover, answered

    def near(self, shifts: Iterable[int]) -> list[int]:
        """People who could work a slot of ``shifts``: their best may have changed."""
        people = self._near
        out: dict[int, None] = {}
        for c in shifts:
            for s in self.inst.candidates[c].slots:
                if s not in people:
                    people[s] = sorted(
                        {self.inst.candidates[o].person for o in self.inst.covering[s]}
                    )
                out.update(dict.fromkeys(people[s]))
        return list(out)

    def value_of_adding(self, c: int) -> tuple[int, int] | None:
        """(goals 1–2 gained, answered gained) by adding ``c``, in the goals' weights; None
        if ``c`` breaks a rule that depends on others (a trainee's shift without a mentor)."""
        if not TRAINEE.fits(self, c):
            return None
        inst = self.inst
        cand = inst.candidates[c]
        person = inst.people[cand.person]
        cover = answered = 0
        for s in cand.slots:
            n = self.staffed[s]
            curve = self.curves[s]
            answered += curve[min(n + 1, len(curve) - 1)] - curve[min(n, len(curve) - 1)]
            cover += self.short_weight * (n < inst.min_staff[s])
            cover += person.supervises and inst.supervised[s] and self.bosses[s] == 0
        return cover, answered


KICK_PEOPLE = 12
"""People a kick takes off: enough that a day can be laid out afresh."""
KICKS_IN_VAIN = 200
"""Kicks in a row that answer no more before the search stops."""
KICK_PATIENCE = 3.0
"""Seconds of kicks without a gain before the search stops (the time is the next stage's:
on a large roster where the queue is saturated a kick is slow and rarely helps)."""
KICK_PATIENCE_SHARE = 0.3
"""... and at most this share of the search's own time (at least half a second)."""


def improve(
    inst: Instance,
    chosen: Iterable[int],
    *,
    seconds: float,
    stop: threading.Event | None = None,
    seed: int = 0,
    pins: Collection[int] | None = None,
    enough: int | None = None,
    only_cover: bool = False,
) -> list[int]:
    """A roster at least as good as ``chosen`` on goals 1–3: best weeks, then kicks.
    ``pins`` (the instance's by default) never move. Returns by ``seconds`` (a round or a
    kick in progress is left at the next person, so it returns within milliseconds), or
    once goal 3 reaches ``enough`` (a proven bound: nothing more to find).

    ``only_cover``: goals 1–2 alone, for a re-plan: a person's shifts change only when
    that staffs or supervises more, and otherwise stay where they are (rounds only)."""
    deadline = time.monotonic() + max(0.0, seconds)
    roster = _Roster(inst, chosen, only_cover)
    pins = set(inst.pins if pins is None else pins)

    def over() -> bool:
        return time.monotonic() > deadline or (stop is not None and stop.is_set())

    improved = True
    while improved:
        improved = False
        for p in range(len(inst.people)):
            if over():
                return _chosen(roster)
            move = best_response(inst, roster, p, pins)
            if move is not None:
                roster.move(p, *move)
                improved = True
    if only_cover:  # a kick re-lays a whole day: never for goals 1–2 alone
        return _chosen(roster)
    rng = random.Random(seed)
    days = sorted({slot.day for slot in inst.slots})
    value, vain, gained = roster.value(), 0, time.monotonic()
    patience = min(KICK_PATIENCE, max(0.5, KICK_PATIENCE_SHARE * seconds))
    while (
        days
        and vain < KICKS_IN_VAIN
        and time.monotonic() - gained < patience
        and not over()
        and (enough is None or value[1] < enough)
    ):
        roster.log = []
        _kick(inst, roster, rng.choice(days), rng, pins, over)
        after = roster.value()
        vain = 0 if after > value else vain + 1
        if not vain:
            gained = time.monotonic()
        if after >= value:
            value = after
        else:
            roster.undo()
        roster.log = None
    return _chosen(roster)


def _kick(
    inst: Instance,
    roster: _Roster,
    day: date,
    rng: random.Random,
    pins: set[int],
    over: Callable[[], bool],
) -> None:
    """Take every shift of up to KICK_PEOPLE people on duty on ``day`` (not mentors: a
    trainee may lean on them; pins stay) and let everyone whose slots changed answer
    best, until nobody moves."""
    on = [
        p
        for p, own in enumerate(roster.mine)
        if own
        and not inst.people[p].mentor
        and any(inst.candidates[c].day == day for c in own - pins)
    ]
    queue: dict[int, None] = {}
    for p in rng.sample(on, min(KICK_PEOPLE, len(on))):
        out = roster.mine[p] - pins
        roster.move(p, out, set())
        queue.update(dict.fromkeys(roster.near(out)))
    while queue and not over():
        p = next(iter(queue))
        del queue[p]
        move = best_response(inst, roster, p, pins)
        if move is not None:
            roster.move(p, *move)
            queue.update(dict.fromkeys(roster.near(move[0] | move[1])))


def best_response(
    inst: Instance, roster: _Roster, p: int, pins: set[int]
) -> tuple[set[int], set[int]] | None:
    """(shifts out, shifts in) giving person ``p`` the best schedule with everyone else
    kept, if it is better than theirs on goals 1–3; None otherwise.

    Everyone else fixed, each of the person's candidate shifts has a value of its own
    (their shifts are on different days, so share no slot): slots it brings up to their
    minimum, supervision it gives, contacts it answers, and, for a mentor, slots of a
    trainee who would be left alone without them (must stay covered). The best set under
    the person's limits is then a small dynamic programme (:func:`best_set`).
    """
    person = inst.people[p]
    own = set(roster.mine[p])
    pinned = own & pins
    loose = own - pinned
    for c in loose:
        roster.remove(c)
    try:
        needed: set[int] = TRAINEE.leaning(roster, loose) if person.mentor else set()
        pin_days = {inst.candidates[c].day for c in pinned}
        values: dict[int, tuple[int, int, int]] = {}
        for c in inst.by_person[p]:
            if inst.candidates[c].day in pin_days:
                continue
            gained = roster.value_of_adding(c)
            if gained is None:
                continue
            need = sum(s in needed for s in inst.candidates[c].slots) if needed else 0
            if roster.only_cover:  # staying put is the last thing that counts
                gained = (gained[0], int(c in loose))
            if need or gained[0] or gained[1]:
                values[c] = (need, *gained)
        if not values:
            return None
        score = _scalar(inst, values)
        into, best = best_set(inst, p, score, pinned)
        if best <= sum(score.get(c, 0) for c in loose):
            return None
        if sum(values[c][0] for c in into) < len(needed):  # cannot happen: a safeguard
            return None
        return loose, into
    finally:
        for c in loose:
            roster.add(c)


def _scalar(inst: Instance, values: dict[int, tuple[int, int, int]]) -> dict[int, int]:
    """One whole number per shift that orders sets like (needed, goals 1–2, answered) (in
    ``only_cover`` mode the last is 1 for a shift the person has: staying put)."""
    best_of_day: dict = defaultdict(lambda: [0, 0])
    for c, (_need, cover, answered) in values.items():
        day = best_of_day[inst.candidates[c].day]
        day[0], day[1] = max(day[0], cover), max(day[1], answered)
    w_cover = 1 + sum(d[1] for d in best_of_day.values())
    w_need = w_cover * (1 + sum(d[0] for d in best_of_day.values()))
    return {
        c: need * w_need + cover * w_cover + answered
        for c, (need, cover, answered) in values.items()
    }


def best_set(
    inst: Instance, p: int, score: Mapping[int, float], pinned: set[int]
) -> tuple[set[int], float]:
    """The set of ``p``'s shifts with the largest total score (scores above 0), at most
    one a day (the caller leaves out the pinned days), within the person's caps from the
    limit rules: max_hours_per_week and max_shifts_per_week (a table over the days of each
    week: slots and shifts so far) and max_hours (a table over the weeks: slots so far).
    Only the best shift of each length matters on a day."""
    cands = inst.candidates
    caps = rules.person_limits(inst, p)
    unknown = set(caps) - {
        ("day", "shifts"),
        ("week", "slots"),
        ("week", "shifts"),
        ("horizon", "slots"),
    }
    if unknown or caps.get(("day", "shifts"), 1) != 1:
        raise NotImplementedError(f"the best-week search cannot keep the limits {sorted(unknown)}")
    cap, week_cap = caps.get(("horizon", "slots")), caps.get(("week", "slots"))
    limit = caps.get(("week", "shifts"))
    by_day: dict[date, dict[int, int]] = defaultdict(dict)  # day → length → best candidate
    for c, value in score.items():
        lengths = by_day[cands[c].day]
        have = lengths.get(cands[c].length)
        if have is None or value > score[have]:
            lengths[cands[c].length] = c
    days_of_week: dict[int, list[date]] = defaultdict(list)
    for day, lengths in by_day.items():
        days_of_week[cands[next(iter(lengths.values()))].week].append(day)
    base: dict[int, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for c in pinned:
        slots, count = base[cands[c].week]
        base[cands[c].week] = (slots + cands[c].length, count + 1)
    pinned_slots = sum(slots for slots, _ in base.values())

    State = tuple[int, int]  # (slots, shifts) in the week so far
    tables: list[tuple[dict[int, tuple[float, State]], list[dict[State, tuple[State, int]]]]] = []
    for week in sorted(set(days_of_week) | set(base)):
        start = base[week]
        most = week_cap
        if cap is not None:
            room = cap - (pinned_slots - start[0])
            most = room if most is None else min(most, room)
        states: dict[State, float] = {start: 0.0}
        trail: list[dict[State, tuple[State, int]]] = []
        for day in sorted(days_of_week.get(week, ())):
            after: dict[State, float] = dict(states)
            back: dict[State, tuple[State, int]] = {}
            for (slots, count), value in states.items():
                if limit is not None and count >= limit:
                    continue
                for c in by_day[day].values():
                    key = (slots + cands[c].length, count + 1)
                    if (most is None or key[0] <= most) and value + score[c] > after.get(key, -1):
                        after[key] = value + score[c]
                        back[key] = ((slots, count), c)
            trail.append(back)
            states = after
        per_slots: dict[int, tuple[float, State]] = {}
        for state, value in states.items():
            if state[0] not in per_slots or value > per_slots[state[0]][0]:
                per_slots[state[0]] = (value, state)
        tables.append((per_slots, trail))

    totals: dict[int, float] = {0: 0.0}
    steps: list[dict[int, tuple[int, int]]] = []
    for per_slots, _trail in tables:
        reached: dict[int, float] = {}
        came: dict[int, tuple[int, int]] = {}
        for total, value in totals.items():
            for slots, (more, _state) in per_slots.items():
                reach = total + slots
                if (cap is None or reach <= cap) and value + more > reached.get(reach, -1):
                    reached[reach] = value + more
                    came[reach] = (total, slots)
        steps.append(came)
        totals = reached
    total = max(totals, key=totals.__getitem__)
    best = totals[total]
    into: set[int] = set()
    for (per_slots, trail), came in zip(reversed(tables), reversed(steps), strict=True):
        total, slots = came[total]
        state = per_slots[slots][1]
        for moves in reversed(trail):
            if state in moves:
                state, c = moves[state]
                into.add(c)
    return into, best


def _chosen(roster: _Roster) -> list[int]:
    return roster.chosen
