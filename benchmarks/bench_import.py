"""Import a seeded 2,000-person availability file in each shape and time it.

Shapes: the canonical template (People + Availability), one row a person with weekday
columns of free text, an hour grid (a column per opening hour of the week), and CSV (free
text). Each import is timed end to end with ``load_availability`` (read, detect, parse,
merge, review); the best of ``--repeat`` runs is reported. Goal: ≤ 2 s each.

Run: ``python benchmarks/bench_import.py [--people 2000] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import common  # noqa: E402

from scheduler.domain import Horizon, Rules  # noqa: E402
from scheduler.intake import load_availability  # noqa: E402

HORIZON = Horizon(date(2026, 3, 2), 4)
DAYS_FI = ("ma", "ti", "ke", "to", "pe", "la", "su")
WINDOWS = ((9, 13), (12, 16), (15, 19), (17, 21), (18, 22), (19, 23), (20, 24))
GOAL_SECONDS = 2.0


def people(n: int, seed: int = 7):
    """(name, email, {weekday: [(start, end, preferred)]}) for n invented people."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        offers: dict[int, list[tuple[int, int, bool]]] = {}
        for weekday in rng.sample(range(7), rng.choice((1, 2, 3, 4))):
            start, end = rng.choice(WINDOWS if weekday < 5 else WINDOWS[2:])
            offers[weekday] = [(start, end, rng.random() < 0.2)]
        out.append((f"Henkilö {i:04d}", f"henkilo{i:04d}@example.org", offers))
    return out


def write_canonical(path: Path, crowd) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(
        ["name", "email", "organisation", "role", "languages", "mentor", "trainee", "max_hours"]
    )
    av = wb.create_sheet("Availability")
    av.append(["name", "date", "weekday", "start", "end", "preference"])
    for i, (name, email, offers) in enumerate(crowd):
        ws.append([name, email, f"Järjestö {i % 50}", "volunteer", "fi", "no", "no", 12])
        for weekday, spans in offers.items():
            for s, e, pref in spans:
                av.append(
                    [
                        name,
                        None,
                        DAYS_FI[weekday],
                        f"{s:02d}:00",
                        f"{e:02d}:00",
                        "preferred" if pref else "available",
                    ]
                )
    wb.save(path)


def _free_rows(crowd):
    yield ["Nimi", "Sähköposti", "Kielet", *DAYS_FI]
    for name, email, offers in crowd:
        cells = []
        for weekday in range(7):
            spans = offers.get(weekday, [])
            cells.append(", ".join(f"{s}–{e}" + (" *" if p else "") for s, e, p in spans) or None)
        yield [name, email, "suomi", *cells]


def write_free_text(path: Path, crowd) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Vuorotoiveet, maaliskuu 2026"])
    for row in _free_rows(crowd):
        ws.append(row)
    wb.save(path)


def write_csv(path: Path, crowd) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        for row in _free_rows(crowd):
            writer.writerow(["" if c is None else c for c in row])


def write_grid(path: Path, crowd) -> None:
    hours = [list(range(9, 24)) if d < 5 else list(range(15, 24)) for d in range(7)]
    wb = Workbook()
    ws = wb.active
    ws.append(["Nimi", "Sähköposti", *[DAYS_FI[d] for d in range(7) for _ in hours[d]]])
    ws.append([None, None, *[h for d in range(7) for h in hours[d]]])
    for name, email, offers in crowd:
        row = [name, email]
        for d in range(7):
            for h in hours[d]:
                mark = None
                for s, e, pref in offers.get(d, []):
                    if s <= h < e:
                        mark = "p" if pref else "x"
                row.append(mark)
        ws.append(row)
    wb.save(path)


WRITERS = {
    "canonical (.xlsx)": ("canonical.xlsx", write_canonical),
    "free text (.xlsx)": ("free_text.xlsx", write_free_text),
    "hour grid (.xlsx)": ("grid.xlsx", write_grid),
    "free text (.csv)": ("free_text.csv", write_csv),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    crowd = people(args.people)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape, (filename, writer) in WRITERS.items():
            path = Path(tmp) / filename
            writer(path, crowd)
            best = float("inf")
            for _ in range(args.repeat):
                start = time.perf_counter()
                intake = load_availability([path], HORIZON, Rules())
                best = min(best, time.perf_counter() - start)
            assert not intake.findings.errors, intake.findings.errors[:3]
            assert len(intake.people) == args.people
            size = path.stat().st_size / 2**20
            rows.append(
                f"| {shape} | {args.people:,} | {len(intake.availability):,} | "
                f"{size:.2f} | {best:.2f} | {'yes' if best <= GOAL_SECONDS else 'no'} |"
            )
            print(rows[-1], flush=True)
    body = (
        "Seeded 2,000-person availability files, one per shape, imported with "
        "`load_availability` (read, detect the shape, parse, merge, review warnings); best "
        f"of {args.repeat} runs. Goal: ≤ {GOAL_SECONDS:g} s each.\n\n"
        "| shape | people | pieces of time | file MB | seconds | within goal |\n"
        "|---|---:|---:|---:|---:|---|\n" + "\n".join(rows) + "\n\n"
        f"Peak memory of the run: {common.peak_memory_mb():.0f} MB.\n"
    )
    path = common.write_result("import", "Availability import", body)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
