"""Import a year of contact-level history and forecast 4 weeks; backtest WAPE on seeded years.

1. A seeded synthetic year (2025) of one row a contact (~162,000 rows, local times with
   offsets) is written to CSV, then timed: ``read_history`` (read, parse, DST, closed
   hours, hourly counts) and ``forecast`` of 4 weeks (60-minute slots; fit of both chats,
   the backtest refit, the demand of every open slot); best of ``--repeat`` runs.
2. Backtest WAPE of the forecast against seasonal naive (same hour one week earlier) over
   the last 4 weeks of the sample history and of further seeded years.

Run: ``python benchmarks/bench_forecast.py [--repeat 3] [--seeds 5]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import common  # noqa: E402

from scheduler.demand import backtest, forecast, read_history  # noqa: E402
from scheduler.demand.synthetic import (  # noqa: E402
    SyntheticSpec,
    contact_history,
    interval_history,
    write_contacts_csv,
    write_intervals_csv,
)
from scheduler.domain import Horizon, Rules  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "history_2025.csv"
HORIZON = Horizon(date(2026, 3, 2), 4)


def best_of(repeat: int, fn):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def timing(repeat: int, workdir: Path) -> list[str]:
    spec = SyntheticSpec(start=date(2025, 1, 1), days=365, seed=2025)
    path = write_contacts_csv(workdir / "contacts_2025.csv", contact_history(spec))
    size_mb = path.stat().st_size / 2**20
    read_s, history = best_of(repeat, lambda: read_history(path))
    rows = history.total_contacts + len(history.findings)
    fc_s, result = best_of(repeat, lambda: forecast(history, HORIZON, Rules()))
    q_s, _ = best_of(
        repeat, lambda: forecast(history, HORIZON, Rules(slot_minutes=30), quantile=0.8)
    )
    return [
        "| step | seconds |",
        "|---|---:|",
        f"| read_history: {rows:,} contact rows, {size_mb:.1f} MB CSV | {read_s:.2f} |",
        f"| forecast 4 weeks, 60-min slots ({len(result.demand)} slots, incl. backtest) "
        f"| {fc_s:.2f} |",
        f"| forecast 4 weeks, 30-min slots, quantile 0.8 | {q_s:.2f} |",
        f"| total, import + forecast | {read_s + fc_s:.2f} |",
    ]


def accuracy(seeds: int, workdir: Path) -> list[str]:
    lines = [
        "| history | backtest weeks | WAPE forecast | WAPE seasonal naive | smaller by "
        "| fi forecast / naive | sv forecast / naive |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    cases = [("data/history_2025.csv (sample)", SAMPLE)]
    for seed in range(1, seeds + 1):
        spec = SyntheticSpec(start=date(2025, 1, 1), days=365, seed=1000 + seed)
        cases.append(
            (
                f"synthetic 2025, seed {1000 + seed}",
                write_intervals_csv(workdir / f"h{seed}.csv", interval_history(spec)),
            )
        )
    for label, path in cases:
        b = backtest(read_history(path))
        fi = b.by_service.get("fi", (float("nan"),) * 2)
        sv = b.by_service.get("sv", (float("nan"),) * 2)
        lines.append(
            f"| {label} | {b.first} – {b.last} | {b.model_wape:.1%} | "
            f"{b.naive_wape:.1%} | {b.improvement:.0%} | {fi[0]:.1%} / {fi[1]:.1%} "
            f"| {sv[0]:.1%} / {sv[1]:.1%} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        speed = timing(args.repeat, work)
        wape = accuracy(args.seeds, work)
    blas = os.environ.get("OPENBLAS_NUM_THREADS", "unset (OpenBLAS picks the core count)")
    body = "\n".join(
        [
            f"Contact-level history: a seeded synthetic year (2025, seed 2025), forecast for "
            f"{HORIZON.start} + {HORIZON.weeks} weeks, both chats; best of {args.repeat} runs. "
            f"OPENBLAS_NUM_THREADS: {blas}.",
            "",
            *speed,
            "",
            "Backtest over the last 4 weeks of each history (refit without them), WAPE = "
            "Σ|actual − forecast| / Σ actual over open hours; seasonal naive = the same hour one "
            "week earlier (actual contacts).",
            "",
            *wape,
            "",
            f"Peak memory {common.peak_memory_mb():.0f} MiB.",
        ]
    )
    print(
        common.write_result(
            "forecast", "Demand: history import, forecast and backtest", body
        ).read_text()
    )


if __name__ == "__main__":
    main()
