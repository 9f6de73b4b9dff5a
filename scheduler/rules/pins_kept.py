"""Rule: every pinned shift that keeps the other rules is in the roster."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING

from ..domain import Shift
from ..i18n import N_, T
from .base import Row, Rule, Tally, Violation, shift_text

if TYPE_CHECKING:
    from ..problem.instance import Instance


class PinsKept(Rule):
    """Pins are a stage input: the solver fixes the ``pins`` it is given; the greedy starts
    from them and the local search never moves them. A pin that breaks another rule is
    left out when the problem is built (its note says why)."""

    name = "pins_kept"
    words = N_("pinned shifts kept")
    about_one_person = False

    def rows(self, inst: Instance, pins: Collection[int]) -> Iterator[Row]:
        for c in sorted(pins):
            yield Row(self.name, inst.label(c), (c,), lower=1)

    def check(self, inst: Instance, shifts: Sequence[Shift]) -> Iterator[Violation]:
        have = {_key(s) for s in shifts}
        for c in inst.pins:
            pin = inst.shift(c)
            if _key(pin) not in have:
                yield Violation(
                    self.name,
                    pin.name,
                    pin,
                    T("{shift}: pinned but not in the roster", shift=shift_text(pin)),
                )

    def fits(self, tally: Tally, cand: int) -> bool:
        return True  # adding a shift never drops a pin; the heuristics never remove one


def _key(s: Shift) -> tuple[str, str, float, float]:
    return (s.name, s.service, s.start.timestamp(), s.end.timestamp())
