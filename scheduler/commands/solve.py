"""`scheduler solve`: availability + demand → the optimal roster and its output folder.

``--time-limit`` bounds the whole command, from its start to the last file written: the
optimiser gets what is left after reading and building, less an estimate of the time the
files take to write (see :func:`write_seconds`). The problem is built once and shared by
the optimiser, the summary and the recruiting ranking.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..domain import HOLIDAY_MODES, Horizon, Problem, Rules, Shift
from ..errors import InputError
from ..i18n import _, ngettext
from .common import add_horizon, add_mapping, mappings, positive_float, positive_int

if TYPE_CHECKING:
    from ..kpi import RecruitBlock
    from ..roster import Result
    from ..solve import Progress

# The rest (the intake, the optimiser, publishing) is imported in run(), so that the help
# and the other commands do not load it.

WRITE_BASE_SECONDS = 0.3
WRITE_SECONDS_PER_SHIFT = 0.0013
WRITE_SECONDS_PER_SHIFT_ONE_PROCESS = 0.0024
"""What follows the optimiser: the summary and the recruiting ranking (about 0.1 s), then
the folder. Writing the sample month's 1,226 shifts took 1.3–1.8 s with the workbook in a
second process (the calendars, 1.2–1.6 s, are the longer half) and 2.5–3.2 s in one
process, on the 2-core machine with some load (benchmarks/bench_publish.py): about 1.3 ms
a shift, 2.4 ms in one process."""
MIN_SOLVE_SECONDS = 0.5
PROCESS_START_WINDOW = 30.0
"""The command counts from its process's start when that was this recent (run as
``scheduler solve``); inside a longer-lived process (tests, the app) from ``run``."""


def __getattr__(name: str) -> str:
    # the command's one-line help, in the language chosen when the parser is built
    if name == "HELP":
        return _(
            "place people on shifts where the most contacts get an answer; write the roster folder"
        )
    raise AttributeError(name)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help=_("availability workbooks (.xlsx) or CSV files"),
    )
    add_horizon(parser)
    add_mapping(parser)
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--demand",
        type=Path,
        metavar="CSV",
        help=_("forecast contacts per slot (service,start,contacts)"),
    )
    source.add_argument(
        "--history",
        type=Path,
        metavar="FILE",
        help=_("contact history to forecast from (CSV or Excel)"),
    )
    parser.add_argument(
        "--previous",
        type=Path,
        metavar="ROSTER",
        help=_("a previous roster.csv to re-plan with as few changes as possible"),
    )
    parser.add_argument(
        "--time-limit",
        type=positive_float,
        default=30.0,
        metavar="S",
        help=_("seconds for the whole command, reading and writing included (default 30)"),
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=2,
        metavar="K",
        help=_("solver threads (default 2)"),
    )
    parser.add_argument(
        "--slot-minutes",
        type=int,
        choices=(60, 30),
        default=60,
        help=_("slot length in minutes (default 60)"),
    )
    parser.add_argument(
        "--holidays",
        choices=HOLIDAY_MODES,
        default="weekend",
        help=_("public holidays open with weekend hours, closed or as normal"),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="DIR",
        help=_("folder for roster.csv, coverage.csv, summary.json, recruit.csv, …"),
    )


def _demand(args: argparse.Namespace, horizon: Horizon, rules: Rules) -> tuple[dict, str]:
    from .. import demand as demand_mod

    if args.demand is not None:
        return (
            demand_mod.read_demand_csv(args.demand, horizon, rules, display_name=str(args.demand)),
            str(args.demand),
        )
    if args.history is not None:
        history = demand_mod.read_history(args.history, display_name=str(args.history))
        fc = demand_mod.forecast(history, horizon, rules)
        return dict(fc.demand), f"forecast from {args.history}"
    return (
        demand_mod.builtin_demand(horizon, rules),
        "built-in profile (an assumption: ~160,000 contacts a year)",
    )


def _progress_printer(stream: TextIO) -> Callable[[Progress], None]:
    """Print a report a stage, at most one a second within a stage."""
    last_stage = [""]
    last_time = [-1.0]

    def show(p: Progress) -> None:
        if p.stage == last_stage[0] and p.seconds - last_time[0] < 1.0:
            return
        last_stage[0], last_time[0] = p.stage, p.seconds
        print(f"  {p.seconds:6.1f} s  {p.describe()}", file=stream, flush=True)

    return show


def _process_started() -> float:
    """When this process started, on the monotonic clock (Linux; else now)."""
    now = time.monotonic()
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[19])  # field 22, starttime, in clock ticks after boot
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        elapsed = uptime - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return now
    return now - elapsed if 0 <= elapsed <= PROCESS_START_WINDOW else now


def write_seconds(problem: Problem, *, parallel: bool | None = None) -> float:
    """An estimate of the seconds from the optimiser's end to the last file written, from
    the shifts the roster will have (the previous roster's, or about 0.8 a person a week,
    as the sample month has); ``parallel`` (default: whether this process can write the
    workbook in a second one now) says whether the workbook is written beside the rest."""
    from ..publish import can_fork

    shifts = len(problem.previous) or 0.8 * len(problem.people) * problem.horizon.weeks
    if parallel is None:
        parallel = can_fork()
    per_shift = WRITE_SECONDS_PER_SHIFT if parallel else WRITE_SECONDS_PER_SHIFT_ONE_PROCESS
    return WRITE_BASE_SECONDS + per_shift * shifts


def _write_tables(
    outdir: Path, problem: Problem, result: Result, summary_data: dict, previous: list[Shift]
) -> list[str]:
    """Write the roster through publish (every format)."""
    from ..publish import publish_all

    written = publish_all(
        outdir, problem, result, summary=summary_data, previous=previous, parallel=True
    )
    return sorted(Path(p).name for p in written.values())


def run(args: argparse.Namespace) -> int:
    began = _process_started()
    from ..intake import load_availability
    from ..kpi import RECRUIT_COLUMNS, recruit_blocks, summary
    from ..plan import build_problem
    from ..problem import build_instance
    from ..publish.tables import read_roster_csv
    from ..solve import solve

    # OR-Tools loads now, so that it counts as start-up and not as the optimiser's time
    from ..solve import solver as _solver  # noqa: F401

    horizon = Horizon(args.start, args.weeks)
    rules = Rules(slot_minutes=args.slot_minutes, holiday_mode=args.holidays)
    intake = load_availability(
        args.files,
        horizon,
        rules,
        display_names=[str(f) for f in args.files],
        mappings=mappings(args),
    )
    if intake.findings.errors:
        raise InputError(intake.findings)
    for warning in intake.findings.warnings:
        print(_("warning: {finding}", finding=warning), file=sys.stderr)
    demand, source = _demand(args, horizon, rules)
    previous = read_roster_csv(args.previous) if args.previous else []
    problem = build_problem(intake, horizon, rules, demand, previous=previous)
    inst = build_instance(problem)
    spent = time.monotonic() - began
    writing = write_seconds(problem)
    budget = args.time_limit - spent - writing
    if budget < MIN_SOLVE_SECONDS:
        print(
            _(
                "warning: {limit:.0f} s is not enough for reading ({spent:.1f} s), optimising "
                "and writing the files (about {write:.1f} s); optimising for {budget:.1f} s",
                limit=args.time_limit,
                spent=spent,
                write=writing,
                budget=MIN_SOLVE_SECONDS,
            ),
            file=sys.stderr,
        )
        budget = MIN_SOLVE_SECONDS
    print(
        ngettext(
            "optimising {people} people over {n} week from {start} for {seconds:.1f} s on "
            "{workers} worker(s); demand: {source}",
            "optimising {people} people over {n} weeks from {start} for {seconds:.1f} s on "
            "{workers} worker(s); demand: {source}",
            horizon.weeks,
            people=len(problem.people),
            start=horizon.start,
            seconds=budget,
            workers=args.workers,
            source=source,
        ),
        file=sys.stderr,
    )
    result = solve(
        problem,
        time_limit=budget,
        workers=args.workers,
        progress=_progress_printer(sys.stderr),
        instance=inst,
    )
    settings = {
        "time_limit": args.time_limit,
        "solver_time_limit": round(budget, 3),
        "workers": args.workers,
        "demand_source": source,
        "previous": str(args.previous or ""),
    }
    data = summary(problem, result, settings, instance=inst)
    outdir = args.output
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "summary.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    blocks = recruit_blocks(problem, result.roster, instance=inst)
    with open(outdir / "recruit.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=RECRUIT_COLUMNS)
        writer.writeheader()
        writer.writerows(b.as_row(i) for i, b in enumerate(blocks, start=1))
    written = _write_tables(outdir, problem, result, data, previous)
    print(report(data, blocks, result, previous))
    took = time.monotonic() - began
    print(
        _(
            "wrote {files} to {folder} in {seconds:.1f} s",
            files=", ".join(["summary.json", "recruit.csv", *written]),
            folder=str(outdir),
            seconds=took,
        ),
        file=sys.stderr,
    )
    if took > args.time_limit + 2:
        print(
            _(
                "warning: the command took {seconds:.1f} s, more than the time limit "
                "{limit:.0f} s allows",
                seconds=took,
                limit=args.time_limit,
            ),
            file=sys.stderr,
        )
    return 0


def report(data: dict, blocks: list[RecruitBlock], result: Result, previous: list[Shift]) -> str:
    """The readable report: status in words, KPIs, short slots by reason, where to recruit."""
    lines = [
        _("status: {words}", words=result.status_words),
        _(
            "expected answered {answered:.1f} of {forecast:.0f} forecast contacts ({rate:.1%})",
            answered=data["expected_answered"],
            forecast=data["forecast_contacts"],
            rate=data["expected_answer_rate"],
        ),
        _(
            "{shifts} shifts, {hours:.1f} of {offered:.1f} offered open hours, "
            "{on_duty} of {people} people on duty",
            shifts=data["shifts"],
            hours=data["assigned_hours"],
            offered=data["offered_hours"],
            on_duty=data["people_on_duty"],
            people=data["people"],
        ),
    ]
    if previous:
        lines.append(
            _("changes against the previous roster: {n}", n=int(data["breakdown"]["changes"]))
        )
    for note in result.notes_text():
        lines.append(_("note: {note}", note=note))
    gaps = result.uncovered
    if gaps:
        lines.append(
            ngettext(
                "{n} open slot below the minimum staff:",
                "{n} open slots below the minimum staff:",
                len(gaps),
            )
        )
        for reason, count in Counter(g.why() for g in gaps).most_common():
            lines.append(f"  {count:4d} × {reason}")
        for g in gaps[:10]:
            detail = g.detail_words()
            lines.append(
                _(
                    "    {service} {start}: {reason} ({detail})",
                    service=g.service,
                    start=g.start,
                    reason=g.why(),
                    detail=detail,
                )
                if detail
                else _(
                    "    {service} {start}: {reason}",
                    service=g.service,
                    start=g.start,
                    reason=g.why(),
                )
            )
        if len(gaps) > 10:
            lines.append(_("    … and {n} more in summary.json", n=len(gaps) - 10))
    else:
        lines.append(_("every open slot has its minimum staff"))
    if blocks:
        lines.append(_("where one more duty worker is needed most (a month):"))
        for i, b in enumerate(blocks[:5], start=1):
            row = b.as_row(i)
            lines.append(
                _(
                    "  {rank}. {service} {weekday} {start}–{end}: {why}",
                    rank=i,
                    service=row["service"],
                    weekday=_weekday(b.weekday),
                    start=_clock(b.start),
                    end=_clock(b.end) if b.end.hour or b.end.minute else _clock(None),
                    why=b.why(),
                )
            )
    return "\n".join(lines)


def _clock(moment: Any) -> str:
    """A time the local way; None is midnight ending the day (24.00)."""
    from ..i18n import current_language, fmt_time

    if moment is None:
        return "24:00" if current_language() == "en" else "24.00"
    return fmt_time(moment, current_language())


def _weekday(index: int) -> str:
    from ..i18n import current_language
    from ..i18n.formatting import WEEKDAYS_SHORT

    return WEEKDAYS_SHORT.get(current_language(), WEEKDAYS_SHORT["en"])[index]
