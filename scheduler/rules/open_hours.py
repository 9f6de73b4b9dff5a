"""Rule: a shift is a run of one chat's open slots, one after another on one day."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from ..domain import Shift, Slot
from ..i18n import N_, T
from .base import BuiltInRule, Violation, shift_text

if TYPE_CHECKING:
    from ..problem.instance import Candidate, Instance


def follows(a: Slot, b: Slot) -> bool:
    """Whether slot ``b`` comes right after ``a`` in the same chat on the same day."""
    return a.service == b.service and a.end == b.start and a.day == b.day


def runs(
    slots: Sequence[Slot], chosen: Mapping[int, object], joined: Sequence[bool] | None = None
) -> list[list[int]]:
    """The maximal runs of the ``chosen`` slot indices that follow each other
    (``joined[i]``, when given: whether slot ``i`` follows slot ``i - 1``)."""
    out: list[list[int]] = []
    for i in sorted(chosen):
        if (
            out
            and out[-1][-1] == i - 1
            and (joined[i] if joined is not None else follows(slots[i - 1], slots[i]))
        ):
            out[-1].append(i)
        else:
            out.append([i])
    return out


class OpenHours(BuiltInRule):
    """Candidate shifts are made from runs of the slot grid (open hours only)."""

    name = "open_hours"
    words = N_("only in a chat's open hours")

    def admits(self, inst: Instance, cand: Candidate) -> bool:
        return all(
            inst.slots[s].service == cand.service and (s == cand.first or inst.adjoins(s - 1, s))
            for s in cand.slots
        )

    def check(self, inst: Instance, shifts: Sequence[Shift]) -> Iterator[Violation]:
        for s in shifts:
            if not whole(inst, s):
                yield Violation(
                    self.name,
                    s.name,
                    s,
                    T("{shift}: outside the chat's open hours", shift=shift_text(s)),
                )


def whole(inst: Instance, shift: Shift) -> bool:
    """Whether ``shift`` is exactly a run of its chat's open slots."""
    covered = inst.slots_within(shift.service, shift.start, shift.end)
    return bool(
        covered
        and inst.slots[covered[0]].start == shift.start
        and inst.slots[covered[-1]].end == shift.end
        and all(
            follows(inst.slots[a], inst.slots[b])
            for a, b in zip(covered, covered[1:], strict=False)
        )
    )
