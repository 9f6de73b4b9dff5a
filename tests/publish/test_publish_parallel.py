"""publish_all(parallel=True): the workbook and the schedules written by a second process
while this one writes the calendars; the same files, and never fewer than asked."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_publish_fixtures import problem, result, shift, spring_shifts, summary

import scheduler.publish as publishing
from scheduler.publish import can_fork, publish_all

NOW = datetime(2026, 3, 16, 9, 30, tzinfo=UTC)
needs_fork = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir() or (os.cpu_count() or 1) < 2,
    reason="needs Linux and two cores",
)


def publish(folder: Path, *, parallel: bool) -> None:
    prob = problem()
    res = result(prob, spring_shifts())
    previous = [*spring_shifts()[1:], shift("Matti Meikäläinen", spring_shifts()[0].day, 18, 22)]
    publish_all(
        folder,
        prob,
        res,
        summary=summary(prob, res),
        previous=previous,
        now=NOW,
        parallel=parallel,
    )


def files(folder: Path) -> dict[str, Path]:
    return {str(p.relative_to(folder)): p for p in folder.rglob("*") if p.is_file()}


def cells(path: Path) -> list:
    wb = load_workbook(path)
    return [
        (ws.title, c.coordinate, c.value, c.number_format, c.font.b, c.fill.fgColor.rgb)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
    ]


def children() -> set[str]:
    """This process's child processes, exited but not waited for included (Linux; none
    known elsewhere)."""
    found: set[str] = set()
    for task in Path("/proc/self/task").glob("*"):
        found |= set((task / "children").read_text().split())
    return found


def writer_pids(monkeypatch, log: Path, *, fail_in_child: bool = False) -> int:
    """Make the workbook writer note the process it runs in (and, if asked, fail when that
    is not this one); returns this process's id."""
    parent = os.getpid()
    real = publishing.write_roster_xlsx

    def noting(*args, **kwargs):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        if fail_in_child and os.getpid() != parent:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(publishing, "write_roster_xlsx", noting)
    return parent


def test_parallel_writes_the_same_files(tmp_path):
    publish(tmp_path / "one", parallel=False)
    publish(tmp_path / "two", parallel=True)
    one, two = files(tmp_path / "one"), files(tmp_path / "two")
    assert sorted(one) == sorted(two)  # and no half-written workbook left behind
    assert "roster.xlsx" in one and any(name.startswith("schedules/") for name in one)
    for name, path in one.items():
        if name == "roster.xlsx":
            assert cells(path) == cells(two[name])
        else:
            assert path.read_bytes() == two[name].read_bytes(), name


@needs_fork
def test_the_workbook_is_written_by_a_second_process_when_no_thread_runs(tmp_path, monkeypatch):
    log = tmp_path / "pids"
    parent = writer_pids(monkeypatch, log)
    assert can_fork()
    publish(tmp_path / "out", parallel=True)
    (pid,) = log.read_text().split()
    assert int(pid) != parent
    assert load_workbook(tmp_path / "out" / "roster.xlsx").sheetnames[0] == "Shifts"


def test_with_another_thread_running_everything_is_written_here(tmp_path, monkeypatch):
    # The app runs threads: a fork then could leave the child waiting on a lock forever.
    log = tmp_path / "pids"
    parent = writer_pids(monkeypatch, log)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()
        publish(tmp_path / "out", parallel=True)
    finally:
        stop.set()
        other.join()
    assert log.read_text().split() == [str(parent)]


@needs_fork
def test_when_the_second_process_fails_the_workbook_is_written_here(tmp_path, monkeypatch):
    log = tmp_path / "pids"
    parent = writer_pids(monkeypatch, log, fail_in_child=True)
    before = children()
    publish(tmp_path / "out", parallel=True)
    assert children() <= before  # the child was waited for: nothing left behind
    pids = log.read_text().split()
    assert len(pids) == 2 and pids[-1] == str(parent)
    names = files(tmp_path / "out")
    assert "roster.xlsx" in names and not any(".partial" in name for name in names)
    assert load_workbook(names["roster.xlsx"]).sheetnames[0] == "Shifts"


@pytest.mark.parametrize("parallel", [False, True])
def test_a_workbook_that_cannot_be_written_is_an_error_either_way(tmp_path, monkeypatch, parallel):
    def failing(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(publishing, "write_roster_xlsx", failing)
    before = children()
    with pytest.raises(OSError, match="disk full"):
        publish(tmp_path / "out", parallel=parallel)
    assert not any(".partial" in name for name in files(tmp_path / "out"))
    assert children() <= before


def test_when_no_child_can_be_started_everything_is_written_here(tmp_path, monkeypatch):
    # Out of memory or processes: fork fails, and the folder is still written whole.
    log = tmp_path / "pids"
    parent = writer_pids(monkeypatch, log)

    def no_fork() -> int:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", no_fork)
    publish(tmp_path / "out", parallel=True)
    assert log.read_text().split() == [str(parent)]
    assert load_workbook(tmp_path / "out" / "roster.xlsx").sheetnames[0] == "Shifts"


@needs_fork
def test_started_with_sigchld_ignored_everything_is_written_here(tmp_path, monkeypatch):
    # Some launchers start programs with SIGCHLD ignored: a child could not be waited for.
    import signal

    log = tmp_path / "pids"
    parent = writer_pids(monkeypatch, log)
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert not can_fork()
        publish(tmp_path / "out", parallel=True)
    finally:
        signal.signal(signal.SIGCHLD, before)
    assert log.read_text().split() == [str(parent)]
