"""Benchmark the roster optimiser on the seeded instances S, M and L.

What the optimiser issue asks, side by side in one run (each run its own subprocess, so
its peak memory is its own):

* M at 20 s, five runs on a quiet machine and five with the other core kept busy by a
  spinning process: the proven gap (goal ≤ 0.5 % in every run, stretch 0.1 %), the time
  to the first bound (goal ≤ 3 s) and to the first roster, wall time and peak memory;
* S and L at 20 s: the same figures (L: peak memory, goal ≤ 2 GB);
* the greedy baselines (answered only, and by the goals) for reference.

``--compare`` adds the old side-by-side runs at ``--time-limit`` (CP-SAT against the same
model as a MIP in HiGHS, ``benchmarks/mip.py``). The machine's load (``uptime``) is
written with the table: the machine may be shared.

    python benchmarks/bench_solve.py                 # the table above (about 5 minutes)
    python benchmarks/bench_solve.py --runs 1 --sizes S   # a smoke run
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import common  # noqa: E402
from instances import SIZES, instance  # noqa: E402

SHORT_LIMIT = 20.0
BUSY = "while True: pass"


def _kpis(problem, shifts) -> dict:
    from scheduler.kpi import evaluate

    ev = evaluate(problem, shifts)
    empty = (
        sum(r.end.timestamp() - r.start.timestamp() for r in ev.coverage if r.staffed == 0) / 3600
    )
    return {
        "answered": ev.expected_answered,
        "empty_open_hours": empty,
        "short_slots": ev.goals.short,
        "unsupervised_slots": ev.goals.unsupervised,
    }


def run_one(size: str, method: str, limit: float, workers: int) -> dict:
    """One measured run in this process (called in a subprocess)."""
    problem = instance(size)
    began = time.monotonic()
    out: dict = {"size": size, "method": method}
    if method == "cpsat":
        from scheduler.solve import solve

        seen = []
        result = solve(problem, time_limit=limit, workers=workers, progress=seen.append)
        bounded = [p for p in seen if p.best_bound is not None]
        rosters = [p for p in seen if p.objective is not None]
        out["first_bound"] = bounded[0].seconds if bounded else None
        out["first_roster"] = rosters[0].seconds if rosters else None
        out["gap"] = result.gap if result.bound_known else None
        out["bound"] = result.best_bound if result.bound_known else None
        out["bound_from"] = result.bound_from
        out["solve_seconds"] = result.solve_seconds
        out["status"] = str(result.status)
        out["stages"] = [(s.stage, s.status, round(s.seconds, 2)) for s in result.stages]
        out.update(_kpis(problem, result.roster))
    elif method in ("greedy", "greedy_goals"):
        from scheduler.problem import build_instance
        from scheduler.solve.greedy import greedy

        inst = build_instance(problem)
        chosen = greedy(inst, by="answered" if method == "greedy" else "goals")
        out["solve_seconds"] = time.monotonic() - began
        out.update(_kpis(problem, [inst.shift(c) for c in chosen]))
    else:  # highs: the same model as a MIP, for comparison
        from mip import MipModel

        from scheduler.problem import build_instance

        inst = build_instance(problem)
        model = MipModel(inst)
        res = model.solve(max(1.0, limit - (time.monotonic() - began)), threads=workers)
        out["status"] = res["status"]
        if res.get("answered") is not None and res.get("bound") is not None:
            out["gap"] = abs(res["bound"] - res["answered"]) / max(1.0, res["answered"])
        out["solve_seconds"] = time.monotonic() - began
        out.update(_kpis(problem, [inst.shift(c) for c in res.get("chosen", [])]))
    out["seconds"] = time.monotonic() - began
    out["peak_mb"] = common.peak_memory_mb()
    return out


def _measure(size: str, method: str, limit: float, workers: int, busy: bool) -> dict | None:
    cmd = [
        sys.executable,
        __file__,
        "--one",
        size,
        method,
        "--time-limit",
        str(limit),
        "--workers",
        str(workers),
    ]
    spinner = subprocess.Popen([sys.executable, "-c", BUSY]) if busy else None
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    finally:
        if spinner is not None:
            spinner.kill()
            spinner.wait()
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return None
    row = json.loads(done.stdout.strip().splitlines()[-1])
    row["busy"] = busy
    print(f"  {size} {method}{' (other core busy)' if busy else ''}: {row}", file=sys.stderr)
    return row


def _fmt(value, spec=".1f", suffix="") -> str:
    return "–" if value is None else f"{value:{spec}}{suffix}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--runs", type=int, default=5, help="runs of M each way (default 5)")
    parser.add_argument("--time-limit", type=float, default=SHORT_LIMIT)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--compare", action="store_true", help="add HiGHS at the same limit")
    parser.add_argument("--one", nargs=2, metavar=("SIZE", "METHOD"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one[0], args.one[1], args.time_limit, args.workers)))
        return 0
    load_before = common.load()
    rows = []
    for size in args.sizes:
        runs = args.runs if size == "M" else 1
        for busy in (False, True) if size == "M" else (False,):
            for _ in range(runs):
                row = _measure(size, "cpsat", args.time_limit, args.workers, busy)
                if row:
                    rows.append(row)
        for method in ("greedy", "greedy_goals") + (("highs",) if args.compare else ()):
            row = _measure(size, method, args.time_limit, args.workers, False)
            if row:
                rows.append(row)
    load_after = common.load()
    header = (
        "| size | method | other core | status | first bound s | first roster s | proven gap "
        "| bound | expected answered | empty open h | short slots | unsupervised | solve s "
        "| peak MB |"
    )
    lines = [header, "|" + "---|" * 14]
    for r in rows:
        lines.append(
            f"| {r['size']} | {r['method']} | {'busy' if r.get('busy') else 'idle'} | "
            f"{r.get('status', '–')} | {_fmt(r.get('first_bound'))} | "
            f"{_fmt(r.get('first_roster'))} | {_fmt(r.get('gap'), '.2%')} | "
            f"{_fmt(r.get('bound'), ',.1f')} | {_fmt(r.get('answered'), ',.1f')} | "
            f"{_fmt(r.get('empty_open_hours'), '.0f')} | {r.get('short_slots', '–')} | "
            f"{r.get('unsupervised_slots', '–')} | {_fmt(r.get('solve_seconds'))} | "
            f"{_fmt(r['peak_mb'], '.0f')} |"
        )
    m = [
        r for r in rows if r["size"] == "M" and r["method"] == "cpsat" and r.get("gap") is not None
    ]
    verdict = ""
    if m:
        worst = max(r["gap"] for r in m)
        first = max(r["first_bound"] for r in m if r.get("first_bound") is not None)
        verdict = (
            f"\n\nM at {args.time_limit:g} s over {len(m)} runs: worst proven gap "
            f"{worst:.2%} (goal ≤ 0.5 %, stretch 0.1 %), latest first bound {first:.1f} s "
            "(goal ≤ 3 s)."
        )
    big = [r for r in rows if r["size"] == "L" and r["method"] == "cpsat"]
    if big:
        verdict += f" L peak memory {big[0]['peak_mb']:,.0f} MB (goal ≤ 2,048 MB)."
    body = (
        f"Time limit {args.time_limit:g} s per run, {args.workers} workers; instances from "
        "`benchmarks/instances.py` (seeded: S 100 people 1 week, M 400 people 4 weeks, L "
        "2,000 people 4 weeks). Each run is its own process. `other core busy`: a process "
        "spinning on one core during the run. `proven gap` is on goal 3 (expected answered "
        "contacts) against the best bound known with goals 1–2 held (the LP relaxation by "
        "PDLP, or CP-SAT's), as `Result.gap`; `first bound s` and `first roster s` are "
        "seconds from the call of `solve()` (building the model included) to the first "
        "progress report with a bound or a roster. `greedy` adds the shift with the largest "
        "marginal answered contacts; `greedy_goals` ranks by the goals in order; neither has "
        f"a bound. Load (`uptime`) before: {load_before}; after: {load_after}.\n\n"
        + "\n".join(lines)
        + verdict
    )
    path = common.write_result("solve", "Roster optimiser: proven gap, first bound, memory", body)
    print(body)
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
