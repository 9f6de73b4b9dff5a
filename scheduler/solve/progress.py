"""What the optimiser reports while it searches."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """One report: elapsed ``seconds`` since the solve began, the ``stage``'s objective and
    best bound (in people's units: contacts for ``answered``), their relative ``gap``, and
    how many improving ``solutions`` were found so far in the stage.

    ``stage`` is the goal being optimised: ``cover``, ``answered``, ``balance`` or
    ``changes``, or in a re-plan ``keep`` (fewest changes with goals 1–2 held, a start for
    the rest; see docs/optimiser.md); ``greedy`` is the first report, the greedy
    roster's answered contacts against the most the curves allow.
    """

    seconds: float
    objective: float
    best_bound: float
    gap: float
    solutions: int
    stage: str = ""
