"""Publishing the sample month: how long each file of the output folder takes to write.

The sample files (``data/availability.xlsx`` and ``data/org_free_text.xlsx``, 2026-03-02,
4 weeks, built-in demand) with a roster: ``--roster roster.csv`` (for instance the
``roster.csv`` of a ``scheduler solve`` run, so that two versions of the code publish the
same roster), else one planned here in ``--plan-seconds`` (default 20). Two publishes:

* **first publish**: no previous roster;
* **re-plan**: the roster published before, then published again after the person with
  the most shifts left (their shifts cancelled in their own calendar, their
  organisation's and ``all.ics``; every other shift unchanged).

Each part (``roster.csv`` and ``coverage.csv``, ``roster.xlsx``, ``calendars/``,
``schedules/``) and the whole :func:`scheduler.publish.publish_all`, in one process and
with ``parallel=True`` (the workbook and the schedules written by a second process), is
timed ``--runs`` times (median, min and max of wall seconds). Then the start-up of the
command line: ``python -m scheduler --help`` and ``python -m scheduler solve --help``,
each ``--runs`` times in a process of its own. The machine's load (``uptime``) is written
with the table: the machine may be shared.

    python benchmarks/bench_publish.py                       # about a minute
    python benchmarks/bench_publish.py --roster OUT/roster.csv --runs 3 --no-write
"""

from __future__ import annotations

import argparse
import inspect
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import common  # noqa: E402

DATA = ROOT / "data"
FILES = ("availability.xlsx", "org_free_text.xlsx")
START, WEEKS = date(2026, 3, 2), 4
NOW = datetime(2026, 3, 16, 9, 30, tzinfo=UTC)


def sample_problem():
    """The sample month as ``scheduler solve`` builds it (built-in demand)."""
    from scheduler.demand import builtin_demand
    from scheduler.domain import Horizon, Rules
    from scheduler.intake import load_availability
    from scheduler.plan import build_problem

    horizon, rules = Horizon(START, WEEKS), Rules()
    intake = load_availability([DATA / name for name in FILES], horizon, rules)
    return build_problem(intake, horizon, rules, builtin_demand(horizon, rules))


def result_of(problem, shifts):
    """A :class:`Result` for ``shifts`` with its KPIs recomputed (no solver)."""
    from scheduler.kpi import evaluate
    from scheduler.roster import Result, Roster

    ev = evaluate(problem, shifts)
    return Result(
        "FEASIBLE",
        Roster.of(shifts),
        ev.objective,
        ev.objective,
        0.0,
        0.0,
        breakdown=ev.breakdown,
        coverage=ev.coverage,
        uncovered=ev.uncovered,
    )


def planned(problem, seconds: float) -> list:
    from scheduler.solve import solve

    return list(solve(problem, time_limit=seconds).roster)


def timed(action: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        out.append(time.perf_counter() - began)
    return out


def cell(times: list[float]) -> str:
    return f"{statistics.median(times):.2f} ({min(times):.2f}–{max(times):.2f})"


def publish_rows(problem, shifts: list, folder: Path, runs: int) -> tuple[list[str], str]:
    """The table rows of both publishes and a line saying what was published."""
    from scheduler.kpi import summary
    from scheduler.publish import (
        publish_all,
        read_roster_csv,
        write_calendars,
        write_coverage_csv,
        write_roster_csv,
        write_roster_xlsx,
        write_schedules,
    )

    people = {p.name: p for p in problem.people}
    first = result_of(problem, shifts)
    write_roster_csv(folder / "previous.csv", first.roster, people)
    previous = read_roster_csv(folder / "previous.csv")
    busiest, count = Counter(s.name for s in shifts).most_common(1)[0]
    second = result_of(problem, [s for s in shifts if s.name != busiest])
    cases = (
        ("first publish", first, []),
        (f"re-plan ({count} shifts of one person cancelled)", second, previous),
    )
    rows = []
    for label, result, before in cases:
        data = summary(problem, result, {"time_limit": 30.0, "workers": 2})
        out = folder / label.split()[0]
        out.mkdir()
        parts = (
            (
                "roster.csv, coverage.csv",
                lambda r=result, o=out: (
                    write_roster_csv(o / "roster.csv", r.roster, people),
                    write_coverage_csv(o / "coverage.csv", r.coverage),
                ),
            ),
            (
                "roster.xlsx",
                lambda r=result, o=out, d=data: write_roster_xlsx(o / "roster.xlsx", problem, r, d),
            ),
            (
                "calendars/",
                lambda r=result, o=out, b=before: write_calendars(
                    o / "calendars", problem, r, previous=b, now=NOW
                ),
            ),
            (
                "schedules/",
                lambda r=result, o=out: write_schedules(o / "schedules", problem, r),
            ),
            (
                "publish_all, one process",
                lambda r=result, o=out, b=before, d=data: publish_all(
                    o / "all", problem, r, summary=d, previous=b, now=NOW
                ),
            ),
        )
        if "parallel" in inspect.signature(publish_all).parameters:
            parts += (
                (
                    "publish_all, workbook and schedules in a second process",
                    lambda r=result, o=out, b=before, d=data: publish_all(
                        o / "all", problem, r, summary=d, previous=b, now=NOW, parallel=True
                    ),
                ),
            )
        for part, action in parts:
            rows.append(f"| {label} | {part} | {cell(timed(action, runs))} |")
            print(rows[-1], flush=True)
        calendars = sorted((out / "calendars").rglob("*.ics"))
        events = sum(p.read_bytes().count(b"BEGIN:VEVENT") for p in calendars)
        rows.append(f"| {label} | ({len(calendars)} calendar files, {events:,} events) | |")
    described = (
        f"{len(shifts):,} shifts of {len(set(s.name for s in shifts))} people; the re-plan "
        f"cancels the {count} shifts of {busiest}"
    )
    return rows, described


def startup_rows(runs: int) -> list[str]:
    rows = []
    for args in (["--help"], ["solve", "--help"]):
        cmd = [sys.executable, "-m", "scheduler", *args, "--lang", "en"]

        def start(cmd=cmd) -> None:
            subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True)

        start()  # warm the file cache
        rows.append(f"| start-up | `scheduler {' '.join(args)}` | {cell(timed(start, runs))} |")
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roster", type=Path, help="a roster.csv of the sample month")
    parser.add_argument("--plan-seconds", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    load_before = common.load()
    problem = sample_problem()
    if args.roster:
        from scheduler.publish import read_roster_csv

        shifts = list(read_roster_csv(args.roster))
        source = f"the roster of `{args.roster.name}`"
    else:
        shifts = planned(problem, args.plan_seconds)
        source = f"a roster planned in {args.plan_seconds:g} s"
    with tempfile.TemporaryDirectory(prefix="sekasin-publish-") as tmp:
        rows, described = publish_rows(problem, shifts, Path(tmp), args.runs)
    rows += startup_rows(args.runs)
    body = (
        f"The sample month (364 people, 2026-03-02, 4 weeks, built-in demand), {source}: "
        f"{described}. Each part written {args.runs} times in one process "
        "(`benchmarks/bench_publish.py`); the start-up is a process of its own each time. "
        "Wall seconds, median (min–max). "
        f"Load (`uptime`) before: {load_before}; after: {common.load()}.\n\n"
        "| publish | part | seconds |\n|---|---|---:|\n" + "\n".join(rows)
    )
    if not args.no_write:
        common.write_result("publish", "Publishing the sample month and starting up", body)
    print(body)


if __name__ == "__main__":
    main()
