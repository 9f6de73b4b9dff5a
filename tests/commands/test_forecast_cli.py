"""`scheduler forecast` from the command line: output and exit codes."""

from __future__ import annotations

from datetime import date

import pytest

from scheduler.cli import main
from scheduler.demand.synthetic import SyntheticSpec, interval_history, write_intervals_csv
from scheduler.domain import Horizon, Rules
from scheduler.hours import slot_grid


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
