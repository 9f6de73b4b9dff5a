"""Hostile and odd input files: how fast each is refused, with which reason and exit code.

The files are written by ``tests/intake/hostile.py`` (the same writers the tests use, here
at full size): a workbook of ~2 MB holding millions of empty rows, one holding millions of
styled empty cells, a value in row 1,048,576, 300 huge merged ranges and 6,000 small ones,
a sheet that unpacks to 1 GB (a zip bomb), an XML entity bomb, a password-protected
workbook, a CSV of millions of cells, and contact histories with a date in 1600 or a count
no hour can hold. Each is checked with ``scheduler check`` (or ``scheduler forecast``) in
this process after a warm-up, so the time is the refusal, not Python's start. Goal: exit 2
within 5 s each.

Run: ``python benchmarks/bench_intake_hostile.py``
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests" / "intake"))

import common  # noqa: E402
import hostile  # noqa: E402

from scheduler.cli import main  # noqa: E402

GOAL_SECONDS = 5.0
CHECK = ["--start", "2026-03-02", "--weeks", "4", "--lang", "en"]


def big_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Nimi;ma;ti\n")
        row = ";".join(["x"] * 100) + "\n"
        for _ in range(30_000):
            fh.write(row)
    return path


def history_1600(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("timestamp,service,answered\n")
        for i in range(160_000):
            day = 1 + (i // 500) % 28
            fh.write(f"2025-03-{day:02d} {15 + i % 8}:{i % 60:02d},fi,{'yes' if i % 5 else 'no'}\n")
            if i == 80_000:
                fh.write("4.3.1600 18:00,fi,yes\n")
    return path


def history_huge_count(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Aika;Yhteydenotot;Vastatut\n")
        for day in range(1, 366):
            for hour in range(24):
                count = 250_000 if (day, hour) == (200, 20) else 20
                d = (day - 1) % 28 + 1
                month = (day - 1) // 28 % 12 + 1
                fh.write(f"{d}.{month}.2025 {hour}:00;{count};5\n")
    return path


CASES = [
    ("3,000,000 empty rows (.xlsx)", "rows.xlsx", lambda p: hostile.many_rows(p, rows=3_000_000), "check"),
    ("5,000,000 styled empty cells (.xlsx)", "cells.xlsx", lambda p: hostile.many_cells(p, cells=5_000_000), "check"),
    ("a value in row 1,048,576 (.xlsx)", "far.xlsx", hostile.far_value, "check"),
    ("300 huge merged ranges (.xlsx)", "merges.xlsx", hostile.huge_merges, "check"),
    ("6,000 small merged ranges (.xlsx)", "small.xlsx", lambda p: hostile.huge_merges(p, 6000, rows=1, last=b"E"), "check"),
    ("zip bomb: a sheet unpacking to 1 GB", "bomb.xlsx", lambda p: hostile.unpacks_big(p, megabytes=1024), "check"),
    ("XML entity bomb (billion laughs)", "laughs.xlsx", hostile.xml_bomb, "check"),
    ("password-protected workbook", "locked.xlsx", hostile.password_protected, "check"),
    ("3,000,000-cell CSV", "big.csv", big_csv, "check"),
    ("history: 160,000 contacts, one in 1600", "h1600.csv", history_1600, "forecast"),
    ("history: a year of hours, one of 250,000", "hcount.csv", history_huge_count, "forecast"),
]  # fmt: skip


def run(command: str, path: Path) -> tuple[int, float, str]:
    out, err = io.StringIO(), io.StringIO()
    if command == "check":
        argv = ["check", str(path), *CHECK]
    else:
        argv = ["forecast", "--history", str(path), *CHECK, "-o", str(path.with_suffix(".out"))]
    began = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    seconds = time.perf_counter() - began
    text = (out.getvalue() + err.getvalue()).splitlines()
    reason = next((line for line in text if line.startswith("error: ")), "")
    return code, seconds, reason.removeprefix("error: ")


def main_() -> None:
    load = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        warm = hostile.password_protected(Path(tmp) / "warm.xlsx")
        run("check", warm)  # imports and catalogs loaded once
        for title, name, make, command in CASES:
            path = make(Path(tmp) / name)
            code, seconds, reason = run(command, path)
            size = path.stat().st_size / 2**20
            short = reason.split(": ", 1)[-1][:110].replace("|", "/")
            ok = code == 2 and seconds <= GOAL_SECONDS
            rows.append(
                f"| {title} | {size:.1f} | {code} | {seconds:.2f} | {'yes' if ok else 'no'} | "
                f"{short} |"
            )
            print(rows[-1], flush=True)
            path.unlink()
    body = (
        "Hostile and odd files (written by `tests/intake/hostile.py` at full size), each "
        "checked with `scheduler check` (histories with `scheduler forecast`) in one process "
        f"after a warm-up. Goal: exit 2 within {GOAL_SECONDS:g} s each. Load average when the "
        f"run started: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}. Re-run: `python "
        "benchmarks/bench_intake_hostile.py`.\n\n"
        "| file | MB | exit | seconds | within goal | reason given |\n"
        "|---|---:|---:|---:|---|---|\n" + "\n".join(rows) + "\n\n"
        f"Peak memory of the run: {common.peak_memory_mb():.0f} MB.\n"
    )
    path = common.write_result("intake_hostile", "Hostile input files refused", body)
    print(f"wrote {path}")


if __name__ == "__main__":
    main_()
