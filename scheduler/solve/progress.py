"""What the optimiser reports while it searches, and the same in plain words."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import T, Text
from ..roster import gap_means_something, stage_words


@dataclass(frozen=True)
class Progress:
    """One report.

    Attributes
    ----------
    seconds : float
        Since the solve began.
    stage : str
        The stage running: ``greedy``, ``repair``, ``restaff``, ``bound``, ``cover``,
        ``keep``, ``improve``, ``answered``, ``balance`` or ``changes`` (see
        :data:`scheduler.roster.STAGE_WORDS` for each in words).
    objective : float or None
        Expected answered contacts (goal 3, weighted) of the best roster known.
    best_bound : float or None
        The best proven upper bound on it (goals 1–2 held), None before there is one.
    solutions : int
        Improving rosters the stage's search has found so far.
    stage_value : float or None
        The stage's own goal (weighted short and unsupervised slots for ``cover``,
        changes for ``keep`` and ``changes``, contacts for ``answered``).
    """

    seconds: float
    stage: str
    objective: float | None
    best_bound: float | None = None
    solutions: int = 0
    stage_value: float | None = None

    @property
    def gap(self) -> float | None:
        """The proven gap on answered contacts, None before a bound is known."""
        if self.best_bound is None or self.objective is None:
            return None
        return max(0.0, self.best_bound - self.objective) / max(1.0, abs(self.objective))

    @property
    def stage_words(self) -> Text:
        return stage_words(self.stage)

    def describe(self) -> Text:
        """The stage in plain words, the best roster's expected answered contacts, and the
        gap only once a real bound makes it mean something."""
        if self.objective is None:
            return T("{stage}…", stage=self.stage_words)
        gap = self.gap
        if gap_means_something(gap):
            return T(
                "{stage}: {answered:.1f} expected answered contacts, proven within "
                "{gap:.1%} of the best possible",
                stage=self.stage_words,
                answered=self.objective,
                gap=gap,
            )
        return T(
            "{stage}: {answered:.1f} expected answered contacts",
            stage=self.stage_words,
            answered=self.objective,
        )


def progress_line(p: Progress | None, elapsed: float, limit: float) -> Text:
    """One line for a progress bar: the time used of the limit, then :meth:`Progress.describe`."""
    if p is None:
        return T(
            "{elapsed:.0f} s of {limit:.0f} s: reading the plan…", elapsed=elapsed, limit=limit
        )
    return T(
        "{elapsed:.0f} s of {limit:.0f} s · {progress}",
        elapsed=elapsed,
        limit=limit,
        progress=p.describe(),
    )
