"""`scheduler solve` writes the published files; a re-plan publishes cancellations."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import Workbook, load_workbook

from scheduler.cli import main
from scheduler.publish.calendars import shift_uid
from scheduler.publish.tables import read_roster_csv

START = "2026-03-23"  # the week of the spring DST Sunday


def availability(path: Path, people: list[str]) -> Path:
    """A canonical workbook: each person offers the Sunday evening of the DST day."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "People"
    sheet.append(["name", "email", "organisation", "role", "languages"])
    for i, name in enumerate(people):
        sheet.append([name, f"p{i}@example.fi", "MIELI ry", "volunteer", "fi"])
    pieces = wb.create_sheet("Availability")
    pieces.append(["name", "date", "start", "end", "preference"])
    for name in people:
        pieces.append([name, "2026-03-29", "15:00", "24:00", "available"])
    wb.save(path)
    return path


def solve(files: Path, out: Path, *extra: str) -> None:
    code = main(
        [
            "solve",
            str(files),
            "--start",
            START,
            "--weeks",
            "1",
            "--time-limit",
            "3",
            "--workers",
            "1",
            *extra,
            "-o",
            str(out),
        ]
    )
    assert code == 0


def calendar_events(path: Path) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).events}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    pytest.importorskip("scheduler.demand", reason="the demand package is not there yet")
    root = tmp_path_factory.mktemp("cli")
    first = root / "first"
    solve(availability(root / "all.xlsx", ["Anna Virtanen", "Matti Meikäläinen"]), first)
    second = root / "second"
    solve(
        availability(root / "anna.xlsx", ["Anna Virtanen"]),
        second,
        "--previous",
        str(first / "roster.csv"),
    )
    return first, second


def test_solve_writes_workbook_calendars_and_schedules(runs):
    first, _ = runs
    for name in ("roster.csv", "coverage.csv", "roster.xlsx", "calendars/all.ics"):
        assert (first / name).is_file(), name
    shifts = read_roster_csv(first / "roster.csv")
    assert shifts
    events = calendar_events(first / "calendars" / "all.ics")
    assert set(events) == {shift_uid(s) for s in shifts}
    for s in shifts:
        assert events[shift_uid(s)].start == s.start
        assert events[shift_uid(s)].start.utcoffset().total_seconds() == 3 * 3600
    assert load_workbook(first / "roster.xlsx").sheetnames[0] == "Shifts"
    assert len(list((first / "schedules").glob("*.txt"))) == len({s.name for s in shifts})


def test_replan_without_a_person_publishes_their_shifts_as_cancelled(runs):
    first, second = runs
    before = read_roster_csv(first / "roster.csv")
    matti = [s for s in before if s.name == "Matti Meikäläinen"]
    assert matti, "the first plan should use both people on the busy Sunday"
    events = calendar_events(second / "calendars" / "all.ics")
    for s in matti:
        assert str(events[shift_uid(s)]["STATUS"]) == "CANCELLED"
        assert events[shift_uid(s)].sequence > 0
    with open(second / "roster.csv", encoding="utf-8", newline="") as fh:
        names = {row["name"] for row in csv.DictReader(fh)}
    assert names == {"Anna Virtanen"}
    own = sorted((second / "calendars").glob("matti-meikalainen-*.ics"))
    assert len(own) == 1
    assert all(str(e["STATUS"]) == "CANCELLED" for e in calendar_events(own[0]).values())
