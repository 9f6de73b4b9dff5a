"""A solve running in a background thread, so the page stays responsive while it searches.

The thread never touches the user interface: it records the solver's progress reports
under a lock, and when the solve ends hands the result to ``on_done`` (which saves it to
the store). Pages poll :attr:`SolveJob.latest` and :attr:`SolveJob.done`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from ..domain import Problem
from ..roster import Result
from ..solve import Progress, solve

log = logging.getLogger(__name__)

STAGE_NAMES = {
    "greedy": "first roster",
    "cover": "staffing every open hour",
    "keep": "keeping the previous roster where it still fits",
    "answered": "answering the most contacts",
    "balance": "commitments, preferences and fairness",
    "changes": "keeping changes few",
}


class SolveJob:
    """One solve of ``problem`` for up to ``time_limit`` seconds on ``workers`` threads."""

    def __init__(
        self,
        problem: Problem,
        time_limit: float,
        *,
        workers: int = 2,
        on_done: Callable[[Result], Any] | None = None,
        label: str = "",
    ):
        self.problem = problem
        self.time_limit = float(time_limit)
        self.workers = workers
        self.label = label
        self.stop_requested = threading.Event()
        self.finished = threading.Event()
        self._on_done = on_done
        self._lock = threading.Lock()
        self._progress: list[Progress] = []
        self.result: Result | None = None
        self.saved: Any = None
        self.error: str | None = None
        self.started = time.monotonic()
        self.ended: float | None = None
        self._thread = threading.Thread(target=self._run, name="sekasin-solve", daemon=True)

    def start(self) -> SolveJob:
        self.started = time.monotonic()
        self._thread.start()
        return self

    def _report(self, progress: Progress) -> None:
        with self._lock:
            self._progress.append(progress)

    def _run(self) -> None:
        try:
            result = solve(
                self.problem,
                time_limit=self.time_limit,
                workers=self.workers,
                progress=self._report,
                stop=self.stop_requested,
            )
            self.result = result
            if self._on_done is not None:
                self.saved = self._on_done(result)
        except Exception as exc:  # the page shows it; the app keeps running
            log.exception("the solve failed")
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self.ended = time.monotonic()
            self.finished.set()

    def stop(self) -> None:
        """Ask the solver to return the best roster found so far."""
        self.stop_requested.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self.finished.wait(timeout)

    @property
    def done(self) -> bool:
        return self.finished.is_set()

    @property
    def elapsed(self) -> float:
        return (self.ended or time.monotonic()) - self.started

    @property
    def latest(self) -> Progress | None:
        with self._lock:
            return self._progress[-1] if self._progress else None

    @property
    def history(self) -> list[Progress]:
        with self._lock:
            return list(self._progress)

    @property
    def fraction(self) -> float:
        """How much of the time limit has passed (1.0 when done)."""
        if self.done:
            return 1.0
        return min(0.99, self.elapsed / max(self.time_limit, 0.1))

    def describe(self) -> str:
        """One line for the progress bar: stage, objective, bound and gap."""
        p = self.latest
        head = f"{self.elapsed:.0f} s of {self.time_limit:g} s"
        if p is None:
            return f"{head}: preparing the model…"
        stage = STAGE_NAMES.get(p.stage, p.stage)
        unit = " contacts" if p.stage == "answered" else ""
        return (
            f"{head} · {stage}: objective {p.objective:,.1f}{unit}, "
            f"bound {p.best_bound:,.1f}, gap {p.gap:.1%}"
        )
