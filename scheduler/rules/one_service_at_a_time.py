"""Rule: a person is never on two chats at the same time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING

from ..domain import Shift
from ..i18n import N_, T
from .base import Row, Rule, Tally, Violation, shift_text

if TYPE_CHECKING:
    from ..problem.instance import Instance


class OneServiceAtATime(Rule):
    name = "one_service_at_a_time"
    words = N_("one chat at a time")

    def rows(self, inst: Instance, pins: Collection[int]) -> Iterator[Row]:
        """At most one of a person's candidates of different chats covering one instant
        (those of one chat on one day are kept apart by one shift a day)."""
        for p, cands in enumerate(inst.by_person):
            if len({inst.candidates[c].service for c in cands}) < 2:
                continue
            at: dict[float, set[int]] = defaultdict(set)
            for c in cands:
                for s in inst.candidates[c].slots:
                    at[inst.slots[s].start.timestamp()].add(c)
            for moment, group in sorted(at.items()):
                if len({inst.candidates[c].service for c in group}) > 1:
                    label = f"{inst.people[p].name} {moment:.0f}"
                    yield Row(self.name, label, tuple(sorted(group)), upper=1)

    def check(self, inst: Instance, shifts: Sequence[Shift]) -> Iterator[Violation]:
        by_person: dict[str, list[Shift]] = defaultdict(list)
        for s in shifts:
            by_person[s.name].append(s)
        for items in by_person.values():
            items.sort(key=lambda s: (s.start, s.end))
            for i, b in enumerate(items):
                a = next((a for a in items[:i] if b.start < a.end and a is not b), None)
                if a is not None:
                    yield Violation(
                        self.name,
                        b.name,
                        b,
                        T("{shift}: overlaps {other}", shift=shift_text(b), other=shift_text(a)),
                    )

    def fits(self, tally: Tally, cand: int) -> bool:
        inst = tally.inst
        c = inst.candidates[cand]
        if not tally.used(c.person, "day", c.day, "shifts"):
            return True  # a candidate lies within one day: nothing of theirs to overlap
        start, end = inst.span(cand)
        for other in tally.mine[c.person]:
            a, b = inst.span(other)
            if a < end and start < b:
                return False
        return True
