"""The demand CSV: written with offsets, read back against the horizon's open slots."""

from __future__ import annotations

from datetime import date

import pytest

from scheduler.demand import builtin_demand, load_demand_csv, read_demand_csv, write_demand_csv
from scheduler.domain import Horizon, Rules
from scheduler.errors import InputError

DST_AUTUMN = Horizon(date(2026, 10, 19), 2)


def test_round_trip_over_a_dst_change(tmp_path):
    demand = builtin_demand(DST_AUTUMN, Rules())
    path = write_demand_csv(tmp_path / "demand.csv", demand)
    back = read_demand_csv(path, DST_AUTUMN, Rules())
    assert list(back) == list(demand)
    assert back == pytest.approx(demand, abs=1e-3)


def test_rows_carry_local_time_with_the_offset_of_the_day(tmp_path):
    path = write_demand_csv(tmp_path / "d.csv", builtin_demand(DST_AUTUMN, Rules()))
    lines = path.read_text().splitlines()
    assert lines[0] == "service,start,contacts"
    assert any(line.startswith("fi,2026-10-24T15:00:00+03:00,") for line in lines)
    assert any(line.startswith("fi,2026-10-25T15:00:00+02:00,") for line in lines)


def write(path, rows):
    path.write_text("service,start,contacts\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def one_day_rules():
    return Horizon(date(2026, 3, 2), 1), Rules(services=("sv",))


def test_bad_rows_are_all_reported_with_their_place(tmp_path):
    horizon, rules = one_day_rules()
    good = [",".join(["sv", k[1].isoformat(), "2"]) for k in builtin_demand(horizon, rules)]
    bad = good[:-3] + [
        "sv,2026-03-02T09:00:00+02:00,1",  # Swedish chat closed at 9
        "fi,2026-03-02T14:00:00+02:00,1",  # service not in the plan
        "sv,2026-03-02T14:00:00+02:00,many",  # not a number
        "sv,2026-03-02 14:00,1",
    ]  # listed twice (local time)
    with pytest.raises(InputError) as err:
        read_demand_csv(write(tmp_path / "d.csv", bad), horizon, rules)
    found = [str(e) for e in err.value.errors]
    assert any(
        f.startswith("d.csv › row 13, column B") and "not the start of an open" in f for f in found
    )
    assert any(
        f.startswith("d.csv › row 14, column A") and "not a planned service" in f for f in found
    )
    assert any(f.startswith("d.csv › row 15, column C") and "not a number" in f for f in found)
    assert any(f.startswith("d.csv › row 16") and "listed twice" in f for f in found)
    assert any("open slots of the plan have no valid row" in f for f in found)


def test_rows_outside_the_period_are_a_warning(tmp_path):
    horizon, rules = one_day_rules()
    rows = [",".join(["sv", k[1].isoformat(), "2"]) for k in builtin_demand(horizon, rules)]
    path = write(tmp_path / "d.csv", [*rows, "sv,2026-03-09T14:00:00+02:00,3"])
    demand, findings = load_demand_csv(path, horizon, rules)
    assert len(demand) == len(rows)
    [warning] = findings.warnings
    assert "1 row outside the plan period Mon 2 Mar – Sun 8 Mar was not used" in str(warning)


def test_a_missing_column_is_reported_once(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("service,when,contacts\nsv,2026-03-02T14:00:00+02:00,1\n", encoding="utf-8")
    horizon, rules = one_day_rules()
    with pytest.raises(InputError, match="missing: start"):
        read_demand_csv(path, horizon, rules)
