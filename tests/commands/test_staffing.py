"""`scheduler staffing` from the command line: the table until 99.9 % are answered, the
Erlang C limit, output and exit codes."""

from __future__ import annotations

import json

import pytest

from scheduler.cli import main

FIELDS = {"staff", "answered_per_hour", "answer_rate", "p_wait", "p_abandon", "mean_wait_minutes"}


def test_staffing_json_runs_until_99_9_percent_are_answered(capsys):
    assert main(["staffing", "--contacts-per-hour", "33", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["staff"] for r in rows] == list(range(len(rows)))
    assert all(set(r) == FIELDS for r in rows)
    assert rows[-1]["answer_rate"] >= 0.999 > rows[-2]["answer_rate"]
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
    assert "12 contacts an hour, handling time 40 min, patience 20 min, 2 chats per worker" in out
    lines = [line.split() for line in out.splitlines()[3:] if line[:5].strip().isdigit()]
    assert lines[0][:3] == ["0", "0.00", "0.0%"]
    assert float(lines[-1][2].rstrip("%")) >= 99.9


def test_the_sixteenth_row_of_the_published_example_is_there(capsys):
    # 200 contacts an hour, AHT 3 min, patience 5 min (pyworkforce's Erlang A example): the
    # table used to stop at 15 on duty (99 %); it goes on until 99.9 % are answered
    args = ["--contacts-per-hour", "200", "--aht-minutes", "3", "--patience-minutes", "5"]
    assert main(["staffing", *args, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) > 16 and rows[-1]["answer_rate"] >= 0.999 > rows[-2]["answer_rate"]
    assert rows[14]["p_wait"] == pytest.approx(0.14526, abs=5e-6)


def test_a_very_long_patience_gives_a_table_with_the_overloaded_rows_marked(capsys):
    # the Erlang C limit: 10 people answer 200 an hour only with an endless queue; 11 keep
    # up (P(wait) as Erlang C gives it)
    args = ["--contacts-per-hour", "200", "--aht-minutes", "3", "--patience-minutes", "1e8"]
    assert main(["staffing", *args]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line[:5].strip().isdigit()]
    assert [r.split()[0] for r in rows] == [str(n) for n in range(12)]
    assert all(r.endswith("*") for r in rows[:11]) and not rows[11].endswith("*")
    assert "the queue grows until patience runs out" in out
    assert main(["staffing", *args, "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert table[5]["answer_rate"] == pytest.approx(0.5) and table[5]["p_wait"] == 1.0
    assert table[11]["p_abandon"] < 1e-6 and table[11]["answer_rate"] == pytest.approx(1.0)


def test_staffing_speaks_finnish(capsys):
    assert main(["staffing", "--contacts-per-hour", "12", "--lang", "fi"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("12 yhteydenottoa tunnissa")


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
