"""Rule: a person works only inside the time they offered."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from ..domain import Interval, Shift, Slot
from ..i18n import N_, T
from .base import BuiltInRule, Violation, shift_text
from .open_hours import whole

if TYPE_CHECKING:
    from ..problem.instance import Candidate, Instance


def _merge(ranges: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def offered_slots(
    intervals: Iterable[Interval],
    slots: Sequence[Slot],
    index: Mapping[str, tuple[list[float], list[int]]],
    stamps: tuple[Sequence[float], Sequence[float]] | None = None,
) -> dict[int, bool]:
    """The slots fully inside a person's offered time → True where inside preferred time.

    ``index`` has per chat the slots' start timestamps (sorted) and their indices;
    ``stamps``, when given, every slot's start and end timestamps (else computed here).
    """
    if stamps is None:
        stamps = ([s.start.timestamp() for s in slots], [s.end.timestamp() for s in slots])
    start_ts, end_ts = stamps
    intervals = list(intervals)
    merged = _merge((i.start.timestamp(), i.end.timestamp()) for i in intervals)
    pref = _merge((i.start.timestamp(), i.end.timestamp()) for i in intervals if i.preferred)
    result: dict[int, bool] = {}
    for starts, idx in index.values():
        for s, e in merged:
            k = bisect_left(starts, s)
            while k < len(starts) and starts[k] < e:
                slot = idx[k]
                if end_ts[slot] <= e:
                    result[slot] = False
                k += 1
    for slot in result:
        a, b = start_ts[slot], end_ts[slot]
        result[slot] = any(s <= a and b <= e for s, e in pref)
    return result


class OfferedTime(BuiltInRule):
    """Candidate shifts are made from runs of the person's offered slots."""

    name = "offered_time"
    words = N_("only inside the time a person offered")

    def admits(self, inst: Instance, cand: Candidate) -> bool:
        offered = inst.offered[cand.person]
        return all(s in offered for s in cand.slots)

    def check(self, inst: Instance, shifts: Sequence[Shift]) -> Iterator[Violation]:
        for s in shifts:
            p = inst.person_index().get(s.name)
            if p is None or not whole(inst, s):
                continue  # reported as someone not in the plan, or outside open hours
            offered = inst.offered[p]
            if any(i not in offered for i in inst.slots_within(s.service, s.start, s.end)):
                yield Violation(
                    self.name,
                    s.name,
                    s,
                    T(
                        "{shift}: outside the time {name} offered",
                        shift=shift_text(s),
                        name=s.name,
                    ),
                )
