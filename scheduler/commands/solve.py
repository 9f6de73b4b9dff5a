"""`scheduler solve`: availability + demand → the optimal roster and its output folder."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

from ..domain import HOLIDAY_MODES, Horizon, Rules
from ..errors import InputError
from ..intake import load_availability
from ..kpi import recruit_blocks, summary
from ..plan import build_problem
from ..publish.tables import read_roster_csv
from ..solve import Progress, solve
from .common import add_horizon, add_mapping, mappings, positive_float, positive_int

HELP = "place people on shifts where the most contacts get an answer; write the roster folder"
RECRUIT_COLUMNS = (
    "rank",
    "service",
    "weekday",
    "start",
    "end",
    "answered_per_month",
    "short_hours_per_month",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="availability workbooks (.xlsx) or CSV files",
    )
    add_horizon(parser)
    add_mapping(parser)
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--demand",
        type=Path,
        metavar="CSV",
        help="forecast contacts per slot (service,start,contacts)",
    )
    source.add_argument(
        "--history",
        type=Path,
        metavar="FILE",
        help="contact history to forecast from (CSV or Excel)",
    )
    parser.add_argument(
        "--previous",
        type=Path,
        metavar="ROSTER",
        help="a previous roster.csv to re-plan with as few changes as possible",
    )
    parser.add_argument(
        "--time-limit",
        type=positive_float,
        default=30.0,
        metavar="S",
        help="seconds to optimise (default 30)",
    )
    parser.add_argument(
        "--workers", type=positive_int, default=2, metavar="K", help="solver threads (default 2)"
    )
    parser.add_argument(
        "--slot-minutes", type=int, choices=(60, 30), default=60, help="slot length (default 60)"
    )
    parser.add_argument(
        "--holidays",
        choices=HOLIDAY_MODES,
        default="weekend",
        help="public holidays open with weekend hours, closed or as normal",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder for roster.csv, coverage.csv, summary.json, recruit.csv, …",
    )


def _demand(args, horizon: Horizon, rules: Rules) -> tuple[dict, str]:
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


def _progress_printer(stream):
    last = {"t": -1.0, "stage": ""}

    def show(p: Progress) -> None:
        if p.stage == last["stage"] and p.seconds - last["t"] < 1.0:
            return
        last.update(t=p.seconds, stage=p.stage)
        unit = " contacts" if p.stage == "answered" else ""
        print(
            f"  {p.seconds:6.1f} s  {p.stage:<8}  objective {p.objective:,.2f}{unit}  "
            f"bound {p.best_bound:,.2f}  gap {p.gap:.2%}",
            file=stream,
            flush=True,
        )

    return show


def _write_tables(outdir: Path, problem, result, summary_data, previous) -> list[str]:
    """Write the roster through publish (all formats) when it is there, else the CSVs."""
    try:
        from ..publish import publish_all
    except ImportError:
        publish_all = None
    if publish_all is not None:
        written = publish_all(outdir, problem, result, summary=summary_data, previous=previous)
        return sorted(Path(p).name for p in written.values())
    from ..publish.tables import write_coverage_csv, write_roster_csv

    write_roster_csv(outdir / "roster.csv", result.roster, {p.name: p for p in problem.people})
    write_coverage_csv(outdir / "coverage.csv", result.coverage)
    return ["roster.csv", "coverage.csv"]


def run(args: argparse.Namespace) -> int:
    began = time.monotonic()
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
        print(f"warning: {warning}", file=sys.stderr)
    demand, source = _demand(args, horizon, rules)
    previous = read_roster_csv(args.previous) if args.previous else []
    problem = build_problem(intake, horizon, rules, demand, previous=previous)
    print(
        f"optimising {len(problem.people)} people over {horizon.weeks} week(s) from "
        f"{horizon.start} for up to {args.time_limit:g} s on {args.workers} worker(s); "
        f"demand: {source}",
        file=sys.stderr,
    )
    result = solve(
        problem,
        time_limit=args.time_limit,
        workers=args.workers,
        progress=_progress_printer(sys.stderr),
    )
    settings = {
        "time_limit": args.time_limit,
        "workers": args.workers,
        "demand_source": source,
        "previous": str(args.previous or ""),
    }
    data = summary(problem, result, settings)
    outdir = args.output
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "summary.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    blocks = recruit_blocks(problem, result.roster)
    with open(outdir / "recruit.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=RECRUIT_COLUMNS)
        writer.writeheader()
        writer.writerows(b.as_row(i) for i, b in enumerate(blocks, start=1))
    written = _write_tables(outdir, problem, result, data, previous)
    print(report(data, blocks, result, previous))
    print(
        f"wrote {', '.join(['summary.json', 'recruit.csv', *written])} to {outdir} "
        f"in {time.monotonic() - began:.1f} s",
        file=sys.stderr,
    )
    return 0


def report(data: dict, blocks, result, previous) -> str:
    """The readable report: KPIs, uncovered slots by reason, the top recruit blocks."""
    lines = [
        f"status {data['status']}: expected answered {data['expected_answered']:,.1f} of "
        f"{data['forecast_contacts']:,.0f} forecast contacts "
        f"({data['expected_answer_rate']:.1%}); best bound {data['best_bound']:,.1f}, "
        f"gap {data['gap']:.2%}",
        f"{data['shifts']} shifts, {data['assigned_hours']:,.1f} of "
        f"{data['offered_hours']:,.1f} offered open hours, {data['people_on_duty']} of "
        f"{data['people']} people on duty",
    ]
    if previous:
        lines.append(f"changes against the previous roster: {data['breakdown']['changes']:g}")
    for note in result.notes:
        lines.append(f"note: {note}")
    gaps = data["uncovered_slots"]
    if gaps:
        lines.append(f"{len(gaps)} open slot(s) below the minimum staff:")
        for reason, count in Counter(g["reason"] for g in gaps).most_common():
            lines.append(f"  {count:4d} × {reason}")
        for g in gaps[:10]:
            start = g["start"][:16].replace("T", " ")
            detail = f" ({g['detail']})" if g["detail"] else ""
            lines.append(f"    {g['service']} {start}: {g['reason']}{detail}")
        if len(gaps) > 10:
            lines.append(f"    … and {len(gaps) - 10} more in summary.json")
    else:
        lines.append("every open slot has its minimum staff")
    if blocks:
        lines.append("where one more duty worker would answer the most (a month):")
        for i, b in enumerate(blocks[:5], start=1):
            row = b.as_row(i)
            lines.append(
                f"  {i}. {row['service']} {row['weekday']} {row['start']}–{row['end']}:"
                f" +{b.answered_per_month:.1f} answered"
            )
    return "\n".join(lines)
