"""Rule: a person works at most their max_hours in the plan period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import Person, Shift
from ..i18n import N_, T, Text
from .base import LimitRule

if TYPE_CHECKING:
    from ..problem.instance import Instance


class MaxHours(LimitRule):
    name = "max_hours"
    words = N_("at most a person's hours in the plan period")
    period = "horizon"
    measure = "slots"

    def limit(self, person: Person, inst: Instance) -> float | None:
        return person.max_hours

    def breach(
        self, inst: Instance, person: Person, key: object, amount: float, limit: float, last: Shift
    ) -> Text:
        return T(
            "{name}: {hours} h in the plan period, more than their maximum ({limit} h)",
            name=person.name,
            hours=round(amount, 2),
            limit=limit,
        )
