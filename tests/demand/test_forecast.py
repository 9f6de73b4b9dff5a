"""The forecast on seeded synthetic histories: beats seasonal naive, covers every open slot."""

from __future__ import annotations

import math
from datetime import date

import pytest

from scheduler.demand import backtest, forecast, read_history
from scheduler.demand.synthetic import (
    SyntheticSpec,
    contact_history,
    interval_history,
    write_contacts_csv,
    write_intervals_csv,
)
from scheduler.domain import Horizon, Rules
from scheduler.hours import slot_grid

YEAR = SyntheticSpec(start=date(2025, 1, 1), days=365, seed=7)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    path = tmp_path_factory.mktemp("history") / "year.csv"
    return read_history(write_intervals_csv(path, interval_history(YEAR)))


@pytest.fixture(scope="module")
def march(year):
    # 2026-03-23 + 2 weeks holds the spring DST day 2026-03-29
    return forecast(year, Horizon(date(2026, 3, 23), 2), Rules())


def test_backtest_beats_seasonal_naive_clearly(year):
    result = backtest(year)
    assert result.weeks == 4
    assert result.last == date(2025, 12, 31)
    assert result.model_wape < 0.85 * result.naive_wape
    model, naive = result.by_service["fi"]
    assert model < 0.85 * naive


def test_forecast_covers_exactly_the_open_slots_with_the_grid_datetimes(march):
    grid = slot_grid(Horizon(date(2026, 3, 23), 2), Rules())
    assert list(march.demand) == [s.key for s in grid]
    assert all(math.isfinite(v) and v >= 0 for v in march.demand.values())
    assert not march.assumption
    assert "year.csv" in str(march.source)
    assert march.backtest is not None and march.backtest.model_wape < march.backtest.naive_wape


def test_forecast_level_and_evening_peak_follow_the_history(march, year):
    fi = {start: v for (s, start), v in march.demand.items() if s == "fi"}
    per_hour = sum(fi.values()) / len(fi)
    assert 25 < per_hour < 45  # ~160,000 a year over ~4,800 open hours, March a bit above
    monday = [v for start, v in fi.items() if start.date() == date(2026, 3, 23)]
    assert max(monday[-4:]) > 1.5 * monday[0]  # evening (20–24) well above 09–10


def test_dst_day_slots_are_local_hours(march):
    sunday = [
        start
        for (s, start), _ in march.demand.items()
        if s == "fi" and start.date() == date(2026, 3, 29)
    ]
    assert [t.hour for t in sunday] == list(range(15, 24))
    assert all(t.utcoffset().total_seconds() == 3 * 3600 for t in sunday)


def test_half_hour_slots_split_the_hourly_forecast(year, march):
    halves = forecast(year, Horizon(date(2026, 3, 23), 2), Rules(slot_minutes=30))
    assert len(halves.demand) == 2 * len(march.demand)
    assert sum(halves.demand.values()) == pytest.approx(sum(march.demand.values()), rel=1e-4)


def test_upper_quantile_is_at_least_the_mean_everywhere(year, march):
    upper = forecast(year, Horizon(date(2026, 3, 23), 2), Rules(), quantile=0.8)
    assert upper.demand.keys() == march.demand.keys()
    assert all(upper.demand[k] >= march.demand[k] for k in march.demand)
    assert sum(upper.demand.values()) > 1.02 * sum(march.demand.values())
    assert "80% quantile" in str(upper.source)


def test_trend_is_found_in_two_years_of_growth(tmp_path):
    spec = SyntheticSpec(
        start=date(2024, 1, 1), days=731, seed=11, trend_per_year=0.15, services=("fi",)
    )
    history = read_history(write_intervals_csv(tmp_path / "two.csv", interval_history(spec)))
    result = forecast(history, Horizon(date(2026, 1, 5), 1), Rules(services=("fi",)))
    note = str(result.notes[0])
    growth = float(note.split("trend ")[1].split("%")[0]) / 100
    assert 0.09 < growth < 0.21


def test_contact_level_history_with_local_times_gives_the_same_forecast(tmp_path, year):
    spec = SyntheticSpec(start=date(2025, 9, 1), days=70, seed=3)
    contacts = read_history(
        write_contacts_csv(tmp_path / "c.csv", contact_history(spec), offset=False)
    )
    hours = read_history(write_intervals_csv(tmp_path / "h.csv", interval_history(spec)))
    horizon = Horizon(date(2025, 11, 10), 1)
    assert forecast(contacts, horizon, Rules()).demand == pytest.approx(
        forecast(hours, horizon, Rules()).demand
    )


def test_short_history_falls_back_to_the_profile_and_says_so(tmp_path):
    spec = SyntheticSpec(start=date(2025, 9, 1), days=10, seed=5)
    history = read_history(write_intervals_csv(tmp_path / "s.csv", interval_history(spec)))
    result = forecast(history, Horizon(date(2025, 9, 15), 1), Rules())
    assert result.assumption
    assert result.backtest is None
    assert "built-in profile" in str(result.source)


def test_a_service_without_history_uses_the_profile(tmp_path):
    spec = SyntheticSpec(start=date(2025, 6, 2), days=42, seed=9, services=("fi",))
    history = read_history(write_intervals_csv(tmp_path / "f.csv", interval_history(spec)))
    result = forecast(history, Horizon(date(2025, 7, 14), 1), Rules())
    assert result.assumption
    assert "built-in profile for sv" in str(result.source)
    assert result.backtest is not None and result.backtest.weeks == 2
    assert {s for s, _ in result.demand} == {"fi", "sv"}


def test_quantile_out_of_range_is_refused(year):
    with pytest.raises(ValueError):
        forecast(year, Horizon(date(2026, 1, 5), 1), Rules(), quantile=1.2)


def test_a_sparse_history_still_forecasts_every_slot(tmp_path):
    # three weeks with contacts only on Monday evenings: the other hours get the built-in
    # shape at the level of the hours seen
    rows = [f"2025-09-{d:02d} 20:00,fi,{n}" for d, n in ((1, 40), (8, 38), (15, 45), (22, 41))]
    path = tmp_path / "sparse.csv"
    path.write_text("start,service,contacts\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = forecast(read_history(path), Horizon(date(2025, 9, 29), 1), Rules(services=("fi",)))
    values = list(result.demand.values())
    assert len(values) == 93 and all(math.isfinite(v) and v > 0 for v in values)
    monday_20 = [v for (_, t), v in result.demand.items() if t.weekday() == 0 and t.hour == 20]
    assert monday_20 == [pytest.approx(41, rel=0.1)]
