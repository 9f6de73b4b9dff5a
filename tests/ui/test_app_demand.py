"""Step 3 in the app: the built-in profile, a forecast from history with its backtest."""

from __future__ import annotations

from datetime import date

import pytest
from test_app_support import goto, make_optimised_store, new_app, ok, plotly_figure, stored, texts

from scheduler.ui.workflow import open_slot_keys


@pytest.fixture
def demand_page(tmp_path, monkeypatch):
    db = tmp_path / "plans.sqlite"
    plan_id = make_optimised_store(db, optimise=False)
    plan = stored(db).load_plan(plan_id)
    stored(db).save_plan(plan.but(demand={}, demand_info={}))
    at = new_app(db, monkeypatch)
    at.run()
    return goto(at, "demand"), db, plan_id


def history_csv(tmp_path) -> bytes:
    from scheduler.demand.synthetic import SyntheticSpec, interval_history, write_intervals_csv

    spec = SyntheticSpec(date(2025, 6, 2), 250, services=("fi",))
    return write_intervals_csv(tmp_path / "history.csv", interval_history(spec)).read_bytes()


def test_the_builtin_profile_is_labelled_an_assumption(demand_page):
    at, db, plan_id = demand_page
    assert "No demand yet" in texts(at)
    at.button(key="demand_builtin").click().run()
    ok(at)
    assert "Assumption" in texts(at)
    plan = stored(db).load_plan(plan_id)
    assert set(plan.demand) == open_slot_keys(plan.horizon, plan.rules)
    assert plan.demand_info["assumption"] is True
    chart = plotly_figure(at, "demand_chart")
    assert [t["name"] for t in chart["data"]] == ["Sekasin-chat"]
    # the evening is busier than the morning in the profile
    monday = chart["data"][0]["y"][:24]
    assert monday[21] > monday[10] > 0


def test_a_forecast_from_history_with_its_backtest(demand_page, tmp_path):
    at, db, plan_id = demand_page
    at.file_uploader(key="history_upload").set_value(
        ("history.csv", history_csv(tmp_path), "text/csv")
    )
    at.run()
    at.button(key="demand_forecast").click().run()
    ok(at)
    plan = stored(db).load_plan(plan_id)
    assert plan.demand_info["source"] == "forecast from history.csv"
    assert plan.demand_info["assumption"] is False
    assert set(plan.demand) == open_slot_keys(plan.horizon, plan.rules)
    metrics = {m.label: m.value for m in at.metric}
    model = float(metrics["forecast WAPE"].rstrip("%"))
    naive = float(metrics["seasonal naive WAPE"].rstrip("%"))
    assert model < naive
    bars = plotly_figure(at, "backtest_chart")["data"]
    assert bars[0]["name"] == "forecast" and bars[0]["y"][0] < bars[1]["y"][0]


def test_a_bad_history_file_is_reported_with_its_rows(demand_page):
    at, db, plan_id = demand_page
    bad = b"start,contacts\n2025-06-02T18:00:00+03:00,12\nnot a time,4\n2025-06-02T20:00,-3\n"
    at.file_uploader(key="history_upload").set_value(("bad.csv", bad, "text/csv"))
    at.run()
    at.button(key="demand_forecast").click().run()
    ok(at)
    assert "could not be used" in texts(at)
    report = [df.value for df in at.dataframe if "problem" in df.value.columns][0]
    assert all(where.startswith("bad.csv") for where in report["where"])
    assert len(report) >= 2  # both bad rows, at once
    assert not stored(db).load_plan(plan_id).demand


def test_a_demand_file_made_elsewhere(demand_page, tmp_path):
    from scheduler.demand import write_demand_csv
    from scheduler.demand.profile import builtin_demand

    at, db, plan_id = demand_page
    plan = stored(db).load_plan(plan_id)
    made = {
        key: round(value * 2, 3) for key, value in builtin_demand(plan.horizon, plan.rules).items()
    }
    content = write_demand_csv(tmp_path / "demand.csv", made).read_bytes()
    at.file_uploader(key="demand_csv_upload").set_value(("demand.csv", content, "text/csv"))
    at.run()
    at.button(key="demand_csv_use").click().run()
    ok(at)
    plan = stored(db).load_plan(plan_id)
    assert plan.demand == pytest.approx(made)
    assert plan.demand_info["source"] == "demand file demand.csv"
    assert "Assumption" not in texts(at)
