"""Rule: every shift belongs to a person of the plan."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..domain import Shift
from ..i18n import N_, T
from .base import BuiltInRule, Violation, shift_text

if TYPE_CHECKING:
    from ..problem.instance import Candidate, Instance


class KnownPerson(BuiltInRule):
    """Candidate shifts are made for the plan's people only, so every one is admitted;
    a roster read from elsewhere (a previous plan, a hand edit) may name someone else."""

    name = "known_person"
    words = N_("only people of the plan")

    def admits(self, inst: Instance, cand: Candidate) -> bool:
        return 0 <= cand.person < len(inst.people)

    def check(self, inst: Instance, shifts: Sequence[Shift]) -> Iterator[Violation]:
        for s in shifts:
            if inst.person_of(s.name) is None:
                yield Violation(
                    self.name,
                    s.name,
                    s,
                    T("{shift}: {name} is not in the plan", shift=shift_text(s), name=s.name),
                )
