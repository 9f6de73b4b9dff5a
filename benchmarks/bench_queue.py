"""How fast whole Erlang A curves are: the optimiser needs one for every open slot."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

from scheduler import queueing  # noqa: E402
from scheduler.domain import DEFAULT_AHT_MINUTES, DEFAULT_PATIENCE_MINUTES  # noqa: E402


def time_curves(count: int, n_max: int, seed: int) -> float:
    rates = np.random.default_rng(seed).uniform(0.5, 80.0, count)
    queueing._table.cache_clear()
    queueing._curve.cache_clear()
    t0 = time.perf_counter()
    for lam in rates:
        queueing.answered_curve(float(lam), n_max, DEFAULT_AHT_MINUTES, DEFAULT_PATIENCE_MINUTES)
    return time.perf_counter() - t0


def main() -> None:
    rows = [
        "| curves (distinct arrival rates) | people on duty n = 0…n_max | seconds | ms a curve |",
        "|---:|---:|---:|---:|",
    ]
    for count, n_max in ((420, 30), (840, 30), (10_000, 40)):
        secs = time_curves(count, n_max, seed=count)
        rows.append(f"| {count:,} | {n_max} | {secs:.2f} | {1000 * secs / count:.2f} |")
    tables = [
        "| staffing table (`scheduler staffing`) | rows | seconds |",
        "|---|---:|---:|",
    ]
    for label, lam, aht, patience in (
        ("33 contacts an hour, defaults", 33.0, DEFAULT_AHT_MINUTES, DEFAULT_PATIENCE_MINUTES),
        ("200 an hour, AHT 3 min, patience 5 min", 200.0, 3.0, 5.0),
        ("200 an hour, AHT 3 min, patience 10⁸ min (Erlang C limit)", 200.0, 3.0, 1e8),
    ):
        queueing._table.cache_clear()
        t0 = time.perf_counter()
        table = queueing.staffing_table(lam, aht, patience)
        tables.append(f"| {label} | {len(table)} | {time.perf_counter() - t0:.2f} |")
    body = (
        "Cold cache; arrival rates drawn uniformly from 0.5–80 contacts an hour (seed = count). "
        "420 and 840 are the open slots of a 4-week horizon of both services at 60 and "
        "30 minutes. The staffing tables go on until 99.9 % are answered by people who keep "
        f"up; load (`uptime`) {common.load()}.\n\n" + "\n".join(rows) + "\n\n" + "\n".join(tables)
    )
    print(common.write_result("queue", "Queue model: Erlang A curves", body).read_text())


if __name__ == "__main__":
    main()
