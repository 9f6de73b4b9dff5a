"""Rule: each shift lasts between the person's (or the plan's) shortest and longest."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..domain import Person, Rules, Shift
from ..i18n import N_, T
from .base import BuiltInRule, Violation, shift_text

if TYPE_CHECKING:
    from ..problem.instance import Candidate, Instance


def slot_bounds(person: Person, rules: Rules) -> tuple[int, int]:
    """(shortest, longest) shift of ``person`` in whole slots (at least one slot)."""
    low, high = person.shift_bounds(rules)
    per_slot = rules.slot_minutes / 60
    lo = max(1, math.ceil(low / per_slot - 1e-9))
    return lo, max(lo, math.floor(high / per_slot + 1e-9))


class ShiftLength(BuiltInRule):
    """Candidate shifts are made only of the lengths :func:`slot_bounds` allows."""

    name = "shift_length"
    words = N_("shifts within the shortest and longest length")

    def admits(self, inst: Instance, cand: Candidate) -> bool:
        lo, hi = slot_bounds(inst.people[cand.person], inst.problem.rules)
        return lo <= cand.length <= hi

    def check(self, inst: Instance, shifts: Sequence[Shift]) -> Iterator[Violation]:
        for s in shifts:
            person = inst.person_of(s.name)
            if person is None:
                continue
            low, high = person.shift_bounds(inst.problem.rules)
            if not low - 1e-9 <= s.hours <= high + 1e-9:
                yield Violation(
                    self.name,
                    s.name,
                    s,
                    T(
                        "{shift}: {hours} h is outside the allowed {low}–{high} h",
                        shift=shift_text(s),
                        hours=round(s.hours, 2),
                        low=low,
                        high=high,
                    ),
                )
