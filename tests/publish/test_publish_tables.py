"""roster.csv and coverage.csv as DESIGN.md fixes them, and roster.csv read back as --previous."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import pytest
from test_publish_fixtures import (
    AUTUMN,
    PEOPLE,
    TRICKY,
    autumn_shifts,
    problem,
    result,
    spring_shifts,
)

from scheduler.errors import InputError
from scheduler.publish.tables import (
    COVERAGE_COLUMNS,
    ROSTER_COLUMNS,
    read_roster_csv,
    safe_text,
    unsafe_text,
    write_coverage_csv,
    write_roster_csv,
)

PEOPLE_BY_NAME = {p.name: p for p in PEOPLE}


def test_roster_csv_round_trips_including_the_dst_days(tmp_path):
    shifts = spring_shifts() + autumn_shifts()
    path = tmp_path / "roster.csv"
    write_roster_csv(path, shifts, PEOPLE_BY_NAME)
    back = read_roster_csv(path)
    assert sorted(back) == sorted(shifts)
    assert [s.start.astimezone(UTC) for s in sorted(back)] == [
        s.start.astimezone(UTC) for s in sorted(shifts)
    ]


def test_roster_csv_columns_and_offsets(tmp_path):
    path = tmp_path / "roster.csv"
    write_roster_csv(path, spring_shifts() + autumn_shifts(), PEOPLE_BY_NAME)
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == ROSTER_COLUMNS
        rows = list(reader)
    starts = {(r["name"], r["start"], r["end"], r["hours"]) for r in rows}
    assert (
        "Anna Virtanen",
        "2026-03-28T20:00:00+02:00",
        "2026-03-29T00:00:00+02:00",
        "4",
    ) in starts
    assert (
        "Anna Virtanen",
        "2026-03-29T18:00:00+03:00",
        "2026-03-29T22:00:00+03:00",
        "4",
    ) in starts
    assert (
        "Anna Virtanen",
        "2026-10-25T15:00:00+02:00",
        "2026-10-25T19:00:00+02:00",
        "4",
    ) in starts


def test_formula_like_text_is_quoted_in_csv_and_read_back_exactly(tmp_path):
    path = tmp_path / "roster.csv"
    write_roster_csv(path, spring_shifts(), PEOPLE_BY_NAME)
    with open(path, encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if "HYPERLINK" in r["name"])
    assert row["name"] == "'" + TRICKY
    assert (row["email"], row["organisation"]) == ("'+358 40 123", "'@org")
    assert TRICKY in {s.name for s in read_roster_csv(path)}


@pytest.mark.parametrize(
    "text", [TRICKY, "+1", "-x", "@a", "'quoted", "''=", "\tTab", "O'Brien", "plain", ""]
)
def test_safe_text_is_undone_exactly(text):
    assert unsafe_text(safe_text(text)) == text
    assert not safe_text(text).startswith(("=", "+", "-", "@", "\t"))


def test_coverage_csv_columns(tmp_path):
    prob = problem(AUTUMN)
    res = result(prob, autumn_shifts())
    path = tmp_path / "coverage.csv"
    write_coverage_csv(path, res.coverage)
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == COVERAGE_COLUMNS
        rows = list(reader)
    assert len(rows) == len(res.coverage)
    sunday = next(
        r for r in rows if r["service"] == "fi" and r["start"] == "2026-10-25T15:00:00+02:00"
    )
    assert (sunday["end"], sunday["staffed"], sunday["min_staff"]) == (
        "2026-10-25T16:00:00+02:00",
        "1",
        "1",
    )
    assert float(sunday["expected_answered"]) == pytest.approx(0.8)


def test_bad_roster_rows_are_all_reported_with_their_row(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(
        ",".join(ROSTER_COLUMNS) + "\n"
        ",,,,fi,2026-03-02T18:00:00+02:00,2026-03-02T22:00:00+02:00,4\n"
        "Anna,,,,xx,2026-03-02T18:00:00+02:00,2026-03-02T22:00:00+02:00,4\n"
        "Anna,,,,fi,yesterday,2026-03-02T22:00:00+02:00,4\n"
        "Anna,,,,fi,0001-01-01T00:30:00+02:00,2026-03-02T22:00:00+02:00,4\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_roster_csv(path)
    text = str(caught.value)
    for where in ("row 2", "row 3", "row 4", "row 5"):
        assert f"roster.csv › {where}" in text


def test_a_file_the_csv_reader_refuses_is_bad_input(tmp_path):
    path = tmp_path / "roster.csv"
    huge = "x" * 200_000  # over the csv module's field limit
    path.write_text(f"name,service,start,end\n{huge},fi,a,b\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_roster_csv(path)
    assert "not a roster CSV" in str(caught.value)


def test_local_times_without_offset_are_read_as_helsinki(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(
        "name,service,start,end\nAnna,fi,2026-03-29T18:00,2026-03-29T22:00\n", encoding="utf-8"
    )
    (back,) = read_roster_csv(path)
    assert back.start.astimezone(UTC) == datetime(2026, 3, 29, 15, tzinfo=UTC)
