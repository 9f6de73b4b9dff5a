"""Sending the sample month: how long `scheduler send` and `scheduler remind` take.

The sample files (``data/availability.xlsx``, ``data/org_free_text.xlsx``, 2026-03-02,
4 weeks, built-in demand) are planned for SECONDS (default 15) and published as
``scheduler solve`` does; then, each command as its own process (Python start and imports
included), against an aiosmtpd server in another process on this machine that accepts
and discards every message:

1. ``send --dry-run``: read the folder and the log, decide who gets what;
2. ``send`` with an empty log: every invitation (the time to send the sample month);
3. the same ``send`` again: nothing left to send;
4. a re-plan after the person with the most shifts cancels, published against the first
   roster, and ``send`` of what changed;
5. ``remind --days 7`` from the morning of the first day.

Runs 1–3 and 5 are repeated REPEATS times (the sends with a fresh copy of the log each
time) and the median is shown with the range. Usage:
``python benchmarks/bench_send.py [SECONDS]``.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from common import write_result

from scheduler.demand import builtin_demand
from scheduler.domain import Horizon, Rules
from scheduler.intake import load_availability
from scheduler.kpi import summary
from scheduler.plan import build_problem
from scheduler.publish import publish_all
from scheduler.solve import solve

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FILES = [DATA / "availability.xlsx", DATA / "org_free_text.xlsx"]
SENDER = "koordinaattori@sekasin.example.fi"
REPEATS = 3


def sample_problem():
    horizon = Horizon(date(2026, 3, 2), 4)
    rules = Rules()
    intake = load_availability(FILES, horizon, rules, display_names=[f.name for f in FILES])
    return build_problem(intake, horizon, rules, builtin_demand(horizon, rules))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}"]
        + ["-c", "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the SMTP server did not start")


def load() -> str:
    """The 1, 5 and 15 minute load averages (the machine may be shared)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def run(args: list[str]) -> tuple[float, str]:
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "scheduler", *args, "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SEKASIN_LANG": "en"},
    )
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, done.stdout + done.stderr


def timed(args: list[str], log: Path | None, base: Path | None) -> tuple[list[float], str]:
    """REPEATS runs; before each, the log is reset to ``base`` (or removed)."""
    times, out = [], ""
    for _ in range(REPEATS):
        if log is not None:
            log.unlink(missing_ok=True)
            if base is not None:
                shutil.copy(base, log)
        seconds, out = run(args)
        times.append(seconds)
    return times, out


def row(label: str, times: list[float], messages: str) -> str:
    median = statistics.median(times)
    return (
        f"| {label} | {messages} | {median:.2f} s | {min(times):.2f}–{max(times):.2f} s | "
        f"{load()} |"
    )


def main(seconds: float) -> None:
    problem = sample_problem()
    first = solve(problem, time_limit=seconds, workers=2)
    work = Path(tempfile.mkdtemp(prefix="sekasin-bench-send-"))
    month = work / "month"
    publish_all(month, problem, first, summary=summary(problem, first, {}))
    counts: dict[str, int] = {}
    for s in first.roster:
        counts[s.name] = counts.get(s.name, 0) + 1
    busiest = max(counts, key=lambda n: (counts[n], n))
    pieces = tuple(p for p in problem.availability if p.name != busiest)
    replan_problem = replace(problem, availability=pieces, previous=first.roster.shifts)
    second = solve(replan_problem, time_limit=seconds, workers=2)
    replanned = work / "replan"
    publish_all(
        replanned,
        replan_problem,
        second,
        summary=summary(replan_problem, second, {}),
        previous=first.roster.shifts,
    )
    calendars = sum(1 for p in (month / "calendars").glob("*.ics") if p.name != "all.ics")
    server, port = start_server()
    smtp = ["--smtp", f"127.0.0.1:{port}", "--from", SENDER]
    log = work / "sent-log.jsonl"
    rows = []
    try:
        times, out = timed(["send", str(month), *smtp, "--log", str(log), "--dry-run"], None, None)
        listed = out.split("Messages: ", 1)[1].split(" ", 1)[0]
        rows.append(row("`send --dry-run` (lists, sends nothing)", times, f"{listed} listed"))
        print(rows[-1], flush=True)
        times, out = timed(["send", str(month), *smtp, "--log", str(log)], log, None)
        sent = sum(1 for _ in log.open(encoding="utf-8"))
        rows.append(row("`send`, empty log: the month", times, f"{sent:,}"))
        print(rows[-1], flush=True)
        full = work / "sent-full.jsonl"
        shutil.copy(log, full)
        times, _ = timed(["send", str(month), *smtp, "--log", str(log)], log, full)
        rows.append(row("`send` again", times, "0"))
        print(rows[-1], flush=True)
        times, _ = timed(["send", str(replanned), *smtp, "--log", str(log)], log, full)
        changes = sum(1 for _ in log.open(encoding="utf-8")) - sent
        rows.append(row(f"`send` after {busiest} cancels (re-plan)", times, f"{changes:,}"))
        print(rows[-1], flush=True)
        now = ["--now", "2026-03-02T08:00:00+02:00", "--days", "7"]
        times, out = timed(["remind", str(month), *smtp, "--log", str(log), *now], log, full)
        reminders = sum(1 for line in log.open(encoding="utf-8") if '"reminder"' in line)
        rows.append(row("`remind --days 7`", times, f"{reminders:,} shifts"))
        print(rows[-1], flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    people = len({s.name for s in first.roster})
    body = (
        f"The sample month ({len(problem.people)} people, 2026-03-02, 4 weeks, built-in "
        f"demand) planned for {seconds:g} s: {len(first.roster):,} shifts for {people} "
        "people, published as `scheduler solve` does. Each command below runs as its own "
        "process (Python start and imports included), against an aiosmtpd server "
        "(`python -m aiosmtpd -c aiosmtpd.handlers.Sink`) in another process on the same "
        "machine, with no TLS and no login: the time is this program's work and a local "
        "SMTP conversation a message, not a real mail server's. One message an event (see "
        f"docs/delivery.md). Median of {REPEATS} runs, each send from a fresh copy of the "
        "log; `load` is the 1, 5 and 15 minute load average when the run ended "
        "(the machine was shared). `send` again, with nothing to send, is the fixed part: "
        f"starting Python, importing the command line, reading the {calendars} calendar "
        "files and the log.\n\n"
        "| run | messages | time | range | load |\n|---|---:|---:|---:|---|\n" + "\n".join(rows)
    )
    write_result("send", "Sending the sample month", body)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 15.0)
