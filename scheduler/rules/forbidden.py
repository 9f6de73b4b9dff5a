"""Rule: a forbidden shift is never used (no shift overlaps it)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ..domain import Shift
from ..i18n import N_, T
from .base import BuiltInRule, Violation, shift_text

if TYPE_CHECKING:
    from ..problem.instance import Candidate, Instance


def overlaps_forbid(
    forbids: Iterable[Shift], name: str, service: str, start: datetime, end: datetime
) -> Shift | None:
    """The first forbid of ``name`` in ``service`` overlapping [start, end), if any."""
    for f in forbids:
        if f.name == name and f.service == service and f.start < end and start < f.end:
            return f
    return None


class Forbidden(BuiltInRule):
    """Candidate shifts overlapping a forbid of the same person and chat are not made."""

    name = "forbidden"
    words = N_("never a forbidden shift")

    def admits(self, inst: Instance, cand: Candidate) -> bool:
        name = inst.people[cand.person].name
        forbids = inst.forbids_of(name)
        if not forbids:
            return True
        shift = inst.shift(cand)
        return overlaps_forbid(forbids, *_parts(shift)) is None

    def check(self, inst: Instance, shifts: Sequence[Shift]) -> Iterator[Violation]:
        for s in shifts:
            forbid = overlaps_forbid(inst.forbids_of(s.name), *_parts(s))
            if forbid is not None:
                yield Violation(
                    self.name,
                    s.name,
                    s,
                    T(
                        "{shift}: overlaps the forbidden shift {forbidden}",
                        shift=shift_text(s),
                        forbidden=shift_text(forbid),
                    ),
                )


def _parts(s: Shift) -> tuple[str, str, datetime, datetime]:
    return s.name, s.service, s.start, s.end
