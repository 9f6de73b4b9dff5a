"""Rule: a person works at most their max_shifts_per_week in each week of the plan period."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ..domain import Person, Shift
from ..i18n import N_, Text, Tn
from .base import LimitRule

if TYPE_CHECKING:
    from ..problem.instance import Instance


class MaxShiftsPerWeek(LimitRule):
    name = "max_shifts_per_week"
    words = N_("at most a person's shifts a week")
    period = "week"
    measure = "shifts"

    def limit(self, person: Person, inst: Instance) -> float | None:
        return person.max_shifts_per_week

    def breach(
        self, inst: Instance, person: Person, key: object, amount: float, limit: float, last: Shift
    ) -> Text:
        assert isinstance(key, int)
        return Tn(
            "{name}: {n} shift in the week from {monday}, more than their maximum a week ({limit})",
            "{name}: {n} shifts in the week from {monday}, more than their maximum a week ({limit})",
            int(amount),
            name=person.name,
            monday=inst.problem.horizon.start + timedelta(days=7 * key),
            limit=int(limit),
        )
