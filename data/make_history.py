"""Write the sample contact history ``data/history_2025.csv`` (seeded: the same file every run).

One row an hour the chats were open in 2025 (``service,start,contacts,answered``, local
time with offsets), invented by ``scheduler.demand.synthetic`` from the built-in profile:
the Finnish chat at ~160,000 contacts a year and the Swedish chat at ~7 contacts an open
day, with their own weekly shape, day-to-day swings, a 4 % a year trend and ~20 % (Finnish)
and ~75 % (Swedish) answered. It is a sample to try the forecast with, not real statistics.

Run: ``python data/make_history.py``.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from scheduler.demand.synthetic import (  # noqa: E402
    SyntheticSpec,
    interval_history,
    write_intervals_csv,
)

HISTORY_SPEC = SyntheticSpec(start=date(2025, 1, 1), days=365, seed=2025)
HISTORY_PATH = ROOT / "history_2025.csv"


def make_history(path: Path = HISTORY_PATH, spec: SyntheticSpec = HISTORY_SPEC) -> Path:
    """Write the sample history to ``path``."""
    return write_intervals_csv(path, interval_history(spec))


if __name__ == "__main__":
    out = make_history()
    print(f"wrote {out}")
