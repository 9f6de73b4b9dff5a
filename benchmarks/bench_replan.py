"""Re-planning the sample month with ``scheduler solve --previous``, whole command timed.

The sample files (``data/availability.xlsx`` and ``data/org_free_text.xlsx``, 2026-03-02,
4 weeks, built-in demand) are planned once with the command (``--time-limit`` the first
argument, default 30 s); then planned again with that roster as ``--previous``:

* with the same input at 3, 8 and 30 s (goal: no change at all);
* after a volunteer with a median number of shifts leaves, and after the person with the
  most shifts leaves (their rows taken out of the Availability sheet), at 3, 8 and 30 s
  (goal: the fewest changes the minimum staff and supervision need, which the ``keep``
  stage proves).

Every run is the whole command in its own process, timed from start to exit (goal:
within the limit + 2 s, and 5 s for a 3 s re-plan), with the machine's load (``uptime``,
1 minute) when it ended. The figures come from each run's ``summary.json`` (its
``replan`` record). Usage: ``python benchmarks/bench_replan.py [S]``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import load, write_result  # noqa: E402

DATA = HERE.parent / "data"
FILES = ("availability.xlsx", "org_free_text.xlsx")
START, WEEKS = "2026-03-02", "4"


def command(files: list[Path], out: Path, limit: float, previous: Path | None = None) -> dict:
    """Run ``scheduler solve``; returns its summary.json with the wall time added."""
    cmd = [
        sys.executable,
        "-m",
        "scheduler",
        "solve",
        *map(str, files),
        "--start",
        START,
        "--weeks",
        WEEKS,
        "--time-limit",
        f"{limit:g}",
        "--lang",
        "en",
        "-o",
        str(out),
    ]
    if previous is not None:
        cmd += ["--previous", str(previous)]
    began = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=HERE.parent)
    wall = time.monotonic() - began
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    data["wall"] = wall
    data["load"] = os.getloadavg()[0]
    return data


def without(person: str, folder: Path) -> list[Path]:
    """Copies of the sample files with ``person``'s rows taken out of the Availability
    sheet (they stay listed, offering no time: they left the month)."""
    import openpyxl

    files = [folder / name for name in FILES]
    for name in FILES:
        shutil.copy(DATA / name, folder / name)
    wb = openpyxl.load_workbook(files[0])
    sheet = wb["Availability"]
    rows = [cell.row for cell in sheet["A"] if cell.value == person]
    assert rows, f"{person} has no rows in the Availability sheet"
    for row in reversed(rows):
        sheet.delete_rows(row)
    wb.save(files[0])
    return files


def leavers(roster_csv: Path) -> list[tuple[str, str]]:
    """(label, name): a volunteer with a median number of shifts, and the person with the
    most, both from the canonical workbook (so their rows can be taken out)."""
    import csv

    import openpyxl

    with open(roster_csv, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    counts = Counter(r["name"] for r in rows)
    roles = {r["name"]: r["role"] for r in rows}
    people = openpyxl.load_workbook(DATA / FILES[0], read_only=True)["People"]
    canonical = {row[0] for row in people.iter_rows(min_row=2, values_only=True) if row[0]}
    ranked = sorted((n for n in counts if n in canonical), key=lambda n: (-counts[n], n))
    volunteers = [n for n in ranked if roles.get(n) == "volunteer"]
    median = volunteers[len(volunteers) // 2]
    return [
        (f"a volunteer with {counts[median]} shifts leaves", median),
        (f"the person with the most shifts ({counts[ranked[0]]}) leaves", ranked[0]),
    ]


def _row(label: str, limit: float, data: dict) -> str:
    r = data.get("replan") or {}
    fewest = r.get("fewest_changes")
    proven = " (proven)" if r.get("fewest_proven") else ""
    goal = limit + 2 if limit != 3 else 5.0
    return (
        f"| {label} | {limit:g} | {r.get('previous_shifts', '–')} | {r.get('kept', '–')} | "
        f"{r.get('cancelled', '–')} | {r.get('moved', '–')} | {r.get('added', '–')} | "
        f"{r.get('changes', '–')} | {'–' if fewest is None else fewest}{proven} | "
        f"{data['breakdown']['short_slots']} | {data['breakdown']['unsupervised_slots']} | "
        f"{data['expected_answered']:,.1f} | {r.get('given_up_answered', 0):.1f} | "
        f"{data['status']} | {data['settings'].get('solver_time_limit', 0):.1f} | "
        f"{data['wall']:.1f} | {'yes' if data['wall'] <= goal else 'no'} | {data['load']:.2f} |"
    )


def main(first_limit: float) -> None:
    load_before = load()
    rows = []
    with tempfile.TemporaryDirectory(prefix="sekasin-replan-") as tmp:
        folder = Path(tmp)
        sample = [DATA / name for name in FILES]
        first = command(sample, folder / "first", first_limit)
        previous = folder / "first" / "roster.csv"
        print(f"first plan: {first['shifts']} shifts in {first['wall']:.1f} s", flush=True)
        for limit in (3.0, 8.0, 30.0):
            data = command(sample, folder / f"same{limit:g}", limit, previous)
            rows.append(_row("the same input", limit, data))
            print(rows[-1], flush=True)
        for label, name in leavers(previous):
            inputs = folder / f"without-{len(rows)}"
            inputs.mkdir()
            files = without(name, inputs)
            for limit in (3.0, 8.0, 30.0):
                data = command(files, inputs / f"out{limit:g}", limit, previous)
                rows.append(_row(label, limit, data))
                print(rows[-1], flush=True)
    body = (
        f"The sample month (364 people, 2026-03-02, 4 weeks, built-in demand) planned once "
        f"with `scheduler solve --time-limit {first_limit:g}` ({first['shifts']:,} shifts, "
        f"{first['expected_answered']:,.1f} expected answered, {first['wall']:.1f} s), then "
        "planned again with that `roster.csv` as `--previous`, each run the whole command in "
        "its own process. `cancelled`: previous shifts that no longer fit (the person left, "
        "or a rule breaks now); `moved`: previous shifts that still fit but changed; "
        "`added`: new shifts; `changes` = cancelled + moved + added; `fewest`: the fewest "
        "changes the minimum staff and supervision need (the `keep` stage; proven when it "
        "says so); `given up`: expected answered given up against the best roster found "
        "with the same staffing (the tolerance allows 0.5 %). `optimiser s`: what the "
        "command left the optimiser after reading and building, less its estimate of "
        "writing the files; `wall s`: the whole command, start to exit; `in time`: within "
        "the limit + 2 s (5 s for a 3 s re-plan); `load`: the load average over the last "
        "minute when the run ended (2 cores: above 1, the runs shared the machine). "
        f"Load (`uptime`) before: {load_before}; after: {load()}.\n\n"
        "| re-plan | limit s | previous | kept | cancelled | moved | added | changes | "
        "fewest | short slots | unsupervised | expected answered | given up | status | "
        "optimiser s | wall s | in time | load |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|\n"
        + "\n".join(rows)
    )
    write_result("replan", "Re-planning the sample month (the whole command)", body)
    print(body)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 30.0)
