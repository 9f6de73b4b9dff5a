"""Rule: a person works at most their max_hours_per_week in each week of the plan period."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ..domain import Person, Shift
from ..i18n import N_, T, Text
from .base import LimitRule

if TYPE_CHECKING:
    from ..problem.instance import Instance


class MaxHoursPerWeek(LimitRule):
    name = "max_hours_per_week"
    words = N_("at most a person's hours a week")
    period = "week"
    measure = "slots"

    def limit(self, person: Person, inst: Instance) -> float | None:
        return person.max_hours_per_week

    def breach(
        self, inst: Instance, person: Person, key: object, amount: float, limit: float, last: Shift
    ) -> Text:
        assert isinstance(key, int)
        return T(
            "{name}: {hours} h in the week from {monday}, more than their maximum a week ({limit} h)",
            name=person.name,
            hours=round(amount, 2),
            monday=inst.problem.horizon.start + timedelta(days=7 * key),
            limit=limit,
        )
