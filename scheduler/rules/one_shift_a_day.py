"""Rule: at most one shift a day per person (in any chat)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import Person, Shift
from ..i18n import N_, T, Text
from .base import LimitRule, shift_text

if TYPE_CHECKING:
    from ..problem.instance import Instance


class OneShiftADay(LimitRule):
    name = "one_shift_a_day"
    words = N_("one shift a day")
    period = "day"
    measure = "shifts"

    def limit(self, person: Person, inst: Instance) -> float | None:
        return 1

    def breach(
        self, inst: Instance, person: Person, key: object, amount: float, limit: float, last: Shift
    ) -> Text:
        return T("{shift}: a second shift on {day}", shift=shift_text(last), day=last.day)
