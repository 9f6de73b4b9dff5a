"""Rule: a chat's slots are worked only by people who speak its language."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..domain import SERVICES, Person, Shift
from ..i18n import N_, T
from .base import BuiltInRule, Violation, shift_text

if TYPE_CHECKING:
    from ..problem.instance import Candidate, Instance


def speaks_for(person: Person, service: str) -> bool:
    """Whether ``person`` speaks the language of chat ``service``."""
    return person.speaks(SERVICES[service].language)


class Language(BuiltInRule):
    """Candidate shifts are made only in chats whose language the person speaks."""

    name = "language"
    words = N_("only in a chat whose language the person speaks")

    def admits(self, inst: Instance, cand: Candidate) -> bool:
        return speaks_for(inst.people[cand.person], cand.service)

    def check(self, inst: Instance, shifts: Sequence[Shift]) -> Iterator[Violation]:
        for s in shifts:
            person = inst.person_of(s.name)
            if person is not None and not speaks_for(person, s.service):
                yield Violation(
                    self.name,
                    s.name,
                    s,
                    T(
                        "{shift}: {name} does not speak the language of {service}",
                        shift=shift_text(s),
                        name=s.name,
                        service=SERVICES[s.service].name,
                    ),
                )
