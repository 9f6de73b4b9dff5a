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
from ..roster import Result, gap_means_something
from ..solve import Progress, solve
from ..solve.progress import progress_line

log = logging.getLogger(__name__)


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
        """One line for the progress bar: the stage in plain words, the best roster's
        expected answered contacts and, once a real bound makes it mean something, the gap
        (the words come from the optimiser, in the current language)."""
        return str(progress_line(self.latest, self.elapsed, self.time_limit))

    @staticmethod
    def gap_shown(p: Progress) -> bool:
        """Whether the gap of report ``p`` means something (a real bound, under 100 %)."""
        return gap_means_something(p.gap)
