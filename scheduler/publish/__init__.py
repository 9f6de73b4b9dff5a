"""Publishing a roster: CSV tables, the Excel workbook, calendars and plain-text schedules.

:func:`publish_all` writes the publishable part of the output folder of ``scheduler
solve`` (``summary.json`` and ``recruit.csv`` are written by the command itself).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain import Person, Problem, Shift
from ..roster import Result
from .calendars import (
    CalendarFiles,
    PreviousRoster,
    publish_revision,
    shift_uid,
    write_calendars,
)
from .names import file_stems
from .tables import (
    COVERAGE_COLUMNS,
    ROSTER_COLUMNS,
    read_roster_csv,
    write_coverage_csv,
    write_roster_csv,
)
from .text import person_schedule_text, schedule_text
from .workbook import write_roster_xlsx

__all__ = [
    "COVERAGE_COLUMNS",
    "ROSTER_COLUMNS",
    "CalendarFiles",
    "PreviousRoster",
    "can_fork",
    "in_child_process",
    "person_schedule_text",
    "publish_all",
    "publish_revision",
    "read_roster_csv",
    "shift_uid",
    "write_calendars",
    "write_coverage_csv",
    "write_roster_csv",
    "write_roster_xlsx",
    "write_schedules",
]


def contact_text(summary: Mapping[str, Any], contact_info: str | None) -> str | None:
    """How to reach the chat team: the argument, else ``settings.contact_info``, else None."""
    if contact_info and contact_info.strip():
        return contact_info.strip()
    value = (summary.get("settings") or {}).get("contact_info")
    return value.strip() if isinstance(value, str) and value.strip() else None


def write_schedules(
    directory: Path | str, problem: Problem, result: Result, *, contact_info: str | None = None
) -> dict[str, Path]:
    """One ``<person>.txt`` (UTF-8) per person on the roster, named like the calendars, in
    the person's first listed language."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    people = {p.name: p for p in problem.people}
    shifts: dict[str, list[Shift]] = {}
    for s in result.roster:
        shifts.setdefault(s.name, []).append(s)
    written = {}
    for name, stem in sorted(file_stems(shifts).items()):
        path = folder / f"{stem}.txt"
        text = schedule_text(
            problem, name, people.get(name), shifts[name], contact_info=contact_info
        )
        path.write_text(text, encoding="utf-8")
        written[name] = path
    return written


CHILD_PATIENCE_SECONDS = 120.0
"""How long :func:`in_child_process`'s wait gives the child at most: then it is stopped
and counts as failed (the caller does the work itself)."""


def can_fork() -> bool:
    """Whether :func:`in_child_process` would start a child here and now."""
    return (
        hasattr(os, "fork")
        and (os.cpu_count() or 1) >= 2
        and threading.active_count() == 1
        # started with SIGCHLD ignored, the system reaps the child and nobody can wait for it
        and signal.getsignal(signal.SIGCHLD) is not signal.SIG_IGN
    )


def in_child_process(work: Callable[[], object]) -> Callable[[], bool] | None:
    """Start ``work`` in a child process forked from this one, on the other core; returns
    a function that waits for the child (at most :data:`CHILD_PATIENCE_SECONDS`) and says
    whether ``work`` finished without an error. None, and nothing started, where that is
    not safe or gains nothing: no ``os.fork`` (Windows), one core, or other Python threads
    running (the app: a thread holding a lock at the fork would leave the child waiting
    for it forever).

    The child shares nothing with this process after the fork but what it inherited; it
    ends with ``os._exit``, so it runs no exit handlers and flushes none of this
    process's buffered output.
    """
    if not can_fork():
        return None
    try:
        pid = os.fork()
    except OSError:  # no memory or no process left for a child: all is written here
        return None
    if pid == 0:  # pragma: no cover - the child process (coverage does not follow it)
        code = 1
        try:
            work()
            code = 0
        finally:
            os._exit(code)

    def finished() -> bool:
        deadline = time.monotonic() + CHILD_PATIENCE_SECONDS
        while True:
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:  # reaped by someone else: its outcome is unknown
                return False
            if done:
                return os.waitstatus_to_exitcode(status) == 0
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return False
            time.sleep(0.005)

    return finished


def publish_all(
    outdir: Path | str,
    problem: Problem,
    result: Result,
    *,
    summary: Mapping[str, Any],
    previous: Iterable[Shift] = (),
    previous_people: Mapping[str, Person] | None = None,
    contact_info: str | None = None,
    now: datetime | None = None,
    lang: str | None = None,
    revision_floor: int = 0,
    parallel: bool = False,
) -> dict[str, Path]:
    """Write ``roster.csv``, ``coverage.csv``, ``roster.xlsx``, ``calendars/`` and
    ``schedules/`` into ``outdir``; returns them by name.

    ``previous`` are the shifts already published (``--previous``): those gone from a
    calendar are published there as cancelled events (``previous_people``, or the
    ``people`` of a :class:`PreviousRoster`, says who they were then). ``now`` fixes the
    calendars' ``DTSTAMP``; the revision is :func:`publish_revision` of ``now`` and
    ``revision_floor``. ``lang`` is the language of the workbook and the shared calendars
    (default: the current language); people's own files are in their first language.

    ``parallel`` writes the workbook and the schedules in a child process
    (:func:`in_child_process`) while this one writes the calendars and the CSVs, where
    that is safe; the files are the same. Should the child fail, they are written here
    after all (an error then shows as it would have).
    """
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    people = {p.name: p for p in problem.people}
    contact = contact_text(summary, contact_info)
    written = {
        "roster.csv": out / "roster.csv",
        "coverage.csv": out / "coverage.csv",
        "roster.xlsx": out / "roster.xlsx",
        "calendars": out / "calendars",
        "schedules": out / "schedules",
    }
    workbook = written["roster.xlsx"]
    partial = out / f".roster.xlsx.{os.getpid()}.partial"

    def workbook_and_schedules() -> None:
        try:  # the workbook whole or not at all: a reader never finds half of one
            write_roster_xlsx(partial, problem, result, summary, lang=lang)
            os.replace(partial, workbook)
        finally:
            partial.unlink(missing_ok=True)
        write_schedules(written["schedules"], problem, result, contact_info=contact)

    # the calendars take about as long as the workbook and the schedules together
    finished = in_child_process(workbook_and_schedules) if parallel else None
    try:
        if finished is None:
            workbook_and_schedules()
        write_roster_csv(written["roster.csv"], result.roster, people)
        write_coverage_csv(written["coverage.csv"], result.coverage)
        if previous_people is None:
            previous_people = getattr(previous, "people", None)
        write_calendars(
            written["calendars"],
            problem,
            result,
            previous=previous if isinstance(previous, PreviousRoster) else tuple(previous),
            previous_people=previous_people,
            contact_info=contact,
            now=now,
            lang=lang,
            revision_floor=revision_floor,
        )
    except BaseException:
        if finished is not None and not finished():  # never leave the child behind
            partial.unlink(missing_ok=True)
        raise
    if finished is not None and not finished():
        partial.unlink(missing_ok=True)
        workbook_and_schedules()  # the child failed: here the error shows as usual
    return written
