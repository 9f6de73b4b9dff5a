"""Re-planning the sample month: how many shifts move when people cancel.

The sample files (``data/availability.xlsx`` and ``data/org_free_text.xlsx``, 2026-03-02,
4 weeks, built-in demand) are planned once; then the plan is made again with that roster
as ``previous`` after: nobody cancels; a volunteer with a median number of shifts cancels;
the person with the most shifts cancels; the ten with the most shifts cancel. Each re-plan
runs with the default tolerance (goals 3–4 may give up 0.5 % to keep shifts) and with
none (strictly lexicographic). Usage: ``python benchmarks/bench_replan.py [SECONDS]``.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from common import write_result

from scheduler.demand import builtin_demand
from scheduler.domain import Horizon, Rules
from scheduler.intake import load_availability
from scheduler.plan import build_problem
from scheduler.solve import solve

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = [DATA / "availability.xlsx", DATA / "org_free_text.xlsx"]
TOLERANCES = (Rules().replan_tolerance, 0.0)


def sample_problem():
    horizon = Horizon(date(2026, 3, 2), 4)
    rules = Rules()
    intake = load_availability(FILES, horizon, rules, display_names=[f.name for f in FILES])
    return build_problem(intake, horizon, rules, builtin_demand(horizon, rules))


def scenarios(problem, roster):
    """(label, names who cancel) for the re-plans."""
    counts: dict[str, int] = {}
    for s in roster:
        counts[s.name] = counts.get(s.name, 0) + 1
    ranked = sorted(counts, key=lambda n: (-counts[n], n))
    roles = {p.name: p.role for p in problem.people}
    volunteers = [n for n in ranked if roles.get(n) == "volunteer"]
    median = volunteers[len(volunteers) // 2]
    return [
        ("nobody cancels", set()),
        (f"a volunteer with {counts[median]} shifts cancels", {median}),
        (f"the person with the most shifts ({counts[ranked[0]]}) cancels", {ranked[0]}),
        (
            f"the ten with the most shifts cancel ({sum(counts[n] for n in ranked[:10])} shifts)",
            set(ranked[:10]),
        ),
    ]


def main(seconds: float) -> None:
    problem = sample_problem()
    first = solve(problem, time_limit=seconds, workers=2)
    old = set(first.roster.shifts)
    rows = []
    for label, gone in scenarios(problem, first.roster):
        pieces = tuple(p for p in problem.availability if p.name not in gone)
        for tolerance in TOLERANCES:
            replan = replace(
                problem,
                availability=pieces,
                previous=first.roster.shifts,
                rules=replace(problem.rules, replan_tolerance=tolerance),
            )
            result = solve(replan, time_limit=seconds, workers=2)
            new = set(result.roster.shifts)
            cancelled = {s for s in old if s.name in gone}
            keep = next(s for s in result.stages if s["stage"] == "keep")["objective"]
            best = next(s for s in result.stages if s["stage"] == "answered")["objective"]
            rows.append(
                f"| {label} | {tolerance:.1%} | {len(cancelled)} | "
                f"{len((old - new) - cancelled)} | {len(new - old)} | "
                f"{result.breakdown['changes']} | {keep:.0f} | {result.objective:,.1f} | "
                f"{max(0.0, best - result.objective):,.1f} | {result.breakdown['short_slots']} | "
                f"{result.breakdown['unsupervised_slots']} |"
            )
            print(rows[-1], flush=True)
    body = (
        f"The sample month ({len(problem.people)} people, 2026-03-02, 4 weeks, built-in "
        f"demand) planned once in {seconds:g} s ({len(old):,} shifts, "
        f"{first.objective:,.1f} expected answered), then re-planned with that roster as "
        f"`--previous` after the cancellations below, {seconds:g} s each, 2 workers. "
        "`moved` are previous shifts of people still there that were dropped, `added` new "
        "shifts; `changes` = cancelled + moved + added. `fewest` is the fewest changes that "
        "keep goals 1–2 (the `keep` stage). `given up` is expected answered of the best "
        "roster found minus the roster kept (the tolerance allows 0.5 %).\n\n"
        "| re-plan | tolerance | cancelled shifts | moved | added | changes | fewest | "
        "expected answered | given up | short slots | unsupervised slots |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n" + "\n".join(rows)
    )
    write_result("replan", "Re-planning the sample month", body)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 30.0)
