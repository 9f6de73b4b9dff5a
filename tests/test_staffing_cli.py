"""`scheduler staffing` and `scheduler forecast` from the command line: output and exit codes."""

from __future__ import annotations

import json
from datetime import date

import pytest

from scheduler.cli import main
from scheduler.demand.synthetic import SyntheticSpec, interval_history, write_intervals_csv
from scheduler.domain import Horizon, Rules
from scheduler.hours import slot_grid

FIELDS = {"staff", "answered_per_hour", "answer_rate", "p_wait", "p_abandon", "mean_wait_minutes"}


def test_staffing_json_runs_until_99_percent_are_answered(capsys):
    assert main(["staffing", "--contacts-per-hour", "33", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["staff"] for r in rows] == list(range(len(rows)))
    assert all(set(r) == FIELDS for r in rows)
    assert rows[-1]["answer_rate"] > 0.99 >= rows[-2]["answer_rate"]
    assert rows[8]["answer_rate"] == pytest.approx(0.20, abs=0.02)
    answered = [r["answered_per_hour"] for r in rows]
    assert answered == sorted(answered)


def test_staffing_table_uses_the_given_parameters(capsys):
    args = [
        "staffing",
        "--contacts-per-hour",
        "12",
        "--aht-minutes",
        "40",
        "--patience-minutes",
        "20",
        "--chats-per-worker",
        "2",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "12 contacts an hour, handling time 40 min, patience 20 min, 2 chat(s)" in out
    lines = [line.split() for line in out.splitlines()[3:]]
    assert lines[0][:3] == ["0", "0.00", "0.0%"]
    assert float(lines[-1][2].rstrip("%")) > 99


@pytest.mark.parametrize(
    "bad",
    [
        ["--contacts-per-hour", "-3"],
        ["--contacts-per-hour", "x"],
        ["--contacts-per-hour", "30", "--aht-minutes", "0"],
        ["--contacts-per-hour", "30", "--chats-per-worker", "1.5"],
    ],
)
def test_staffing_bad_arguments_exit_2(bad, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["staffing", *bad])
    assert stop.value.code == 2


@pytest.fixture(scope="module")
def history_csv(tmp_path_factory):
    spec = SyntheticSpec(start=date(2025, 9, 1), days=84, seed=21)
    return write_intervals_csv(tmp_path_factory.mktemp("h") / "history.csv", interval_history(spec))


def test_forecast_writes_the_demand_csv_and_prints_the_backtest(history_csv, tmp_path, capsys):
    out = tmp_path / "demand.csv"
    code = main(
        [
            "forecast",
            "--history",
            str(history_csv),
            "--start",
            "2025-11-24",
            "--weeks",
            "2",
            "--quantile",
            "0.8",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "Backtest over the last 4 weeks" in printed and "seasonal naive" in printed
    lines = out.read_text().splitlines()
    assert lines[0] == "service,start,contacts"
    # one row an open slot: 2 weeks, with Independence Day (Sat 2025-12-06) on Sunday hours
    assert len(lines) == 1 + len(slot_grid(Horizon(date(2025, 11, 24), 2), Rules()))


def test_forecast_with_bad_history_exits_2_naming_the_row(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("timestamp\n2025-03-04 10:00\nnot a time\n", encoding="utf-8")
    code = main(
        [
            "forecast",
            "--history",
            str(bad),
            "--start",
            "2025-04-07",
            "--weeks",
            "1",
            "-o",
            str(tmp_path / "d.csv"),
        ]
    )
    assert code == 2
    assert "bad.csv › row 3, column A" in capsys.readouterr().err
    assert not (tmp_path / "d.csv").exists()


def test_forecast_quantile_must_be_below_one(history_csv, tmp_path):
    with pytest.raises(SystemExit) as stop:
        main(
            [
                "forecast",
                "--history",
                str(history_csv),
                "--start",
                "2025-11-24",
                "--weeks",
                "1",
                "--quantile",
                "1.5",
                "-o",
                str(tmp_path / "d.csv"),
            ]
        )
    assert stop.value.code == 2
