"""The rosters a solve knows, and the one it returns: the goals in their order.

Every roster a stage ends with, and every start it made, goes into the pool with its
goals' values. :meth:`Pool.choose` applies the goal order of
:data:`scheduler.problem.GOALS`: the best staffing (goals 1–2, never traded); then
expected answered contacts (goal 3) within ``tolerance`` of the best among those; then
people's committed hours (never traded); then the rest of goal 4 within ``tolerance``;
and of what is left, the fewest changes against the previous roster (goal 5). With no
tolerance that is the plain lexicographic order.

So a re-plan returns a roster that changes more than the kept one only when that gains
more than the tolerance on goals 3–4 with goals 1–2 no worse, whichever stages ran.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ..problem import GoalValues, Instance, goal_values


@dataclass(frozen=True)
class Known:
    """A roster the solve has seen: its candidates, goals' values and where it came from."""

    chosen: tuple[int, ...]
    values: GoalValues
    origin: str


class Pool:
    """Known rosters that keep every pin of the stage (``pins``)."""

    def __init__(self, inst: Instance, pins: Collection[int]) -> None:
        self.inst = inst
        self.pins = frozenset(pins)
        self.items: list[Known] = []
        self._seen: set[tuple[int, ...]] = set()

    def add(self, chosen: Iterable[int], origin: str) -> Known | None:
        """Remember a roster (not one that drops a pin); returns it, or None."""
        key = tuple(sorted(set(chosen)))
        if not self.pins <= set(key):
            return None
        if key in self._seen:
            return next(k for k in self.items if k.chosen == key)
        self._seen.add(key)
        known = Known(key, goal_values(self.inst, [self.inst.shift(c) for c in key]), origin)
        self.items.append(known)
        return known

    def discard(self, known: Known) -> None:
        self.items = [k for k in self.items if k is not known]

    def best(self, goal: str, *, held: dict[str, int] | None = None) -> Known | None:
        """The roster best at ``goal`` among those keeping every ``held`` goal value (model
        units, smaller is better); of equals, the one with fewest changes."""
        fits = [
            k for k in self.items if all(k.values.value(g) <= v for g, v in (held or {}).items())
        ]
        if not fits:
            return None
        return min(fits, key=lambda k: (k.values.value(goal), k.values.changes))

    def best_answered(self) -> Known | None:
        """The roster answering most among those with the best staffing (goals 1–2)."""
        if not self.items:
            return None
        cover = min(k.values.cover for k in self.items)
        return self.best("answered", held={"cover": cover})

    def choose(self, tolerance: float = 0.0) -> Known:
        """The roster to return (see the module)."""
        items = list(self.items)
        cover = min(k.values.cover for k in items)
        items = [k for k in items if k.values.cover == cover]
        answered = max(k.values.answered_scaled for k in items)
        floor = answered - int(abs(answered) * tolerance)
        items = [k for k in items if k.values.answered_scaled >= floor]
        if tolerance > 0:
            least = min(k.values.min_hours_short for k in items)
            items = [k for k in items if k.values.min_hours_short == least]
        balance = min(k.values.balance for k in items)
        items = [k for k in items if k.values.balance <= balance + int(abs(balance) * tolerance)]
        return min(
            items, key=lambda k: (k.values.changes, -k.values.answered_scaled, k.values.balance)
        )
