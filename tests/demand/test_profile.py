"""The built-in profile: the annual report's totals, its shape, every open slot, DST days."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from scheduler.demand import ASSUMPTION_NOTE, builtin_demand
from scheduler.demand import profile as p
from scheduler.domain import Horizon, Rules
from scheduler.hours import slot_grid


@pytest.fixture(scope="module")
def year_2022():
    # 2022-01-03 + 52 weeks = 2023-01-01: the whole year except New Year's Day
    return builtin_demand(Horizon(date(2022, 1, 3), 52), Rules())


def test_finnish_year_is_about_160000_contacts(year_2022):
    fi = sum(v for (s, _), v in year_2022.items() if s == "fi")
    assert fi == pytest.approx(160_000, rel=0.01)


def test_about_33_contacts_an_open_finnish_hour(year_2022):
    fi = [v for (s, _), v in year_2022.items() if s == "fi"]
    assert sum(fi) / len(fi) == pytest.approx(33, abs=1.5)


def test_autumn_is_highest_and_summer_lowest(year_2022):
    per_month: dict[int, list[float]] = defaultdict(list)
    for (s, start), v in year_2022.items():
        if s == "fi":
            per_month[start.month].append(v)
    rate = {m: sum(v) / len(v) for m, v in per_month.items()}
    top = sorted(rate, key=rate.get, reverse=True)[:2]
    assert set(top) <= {9, 10, 11}
    assert min(rate, key=rate.get) in (6, 7)


def test_evening_is_the_peak_of_a_weekday():
    day = builtin_demand(Horizon(date(2026, 3, 2), 1), Rules(services=("fi",)))
    monday = {start.hour: v for (_, start), v in day.items() if start.day == 2}
    assert max(monday, key=monday.get) in (21, 22)
    assert monday[21] > 2 * monday[9]


def test_swedish_level_is_the_reports_conversations_per_open_day():
    demand = builtin_demand(Horizon(date(2022, 10, 10), 12), Rules(services=("sv",)))
    days = {start.date() for (_, start) in demand}
    per_day = sum(demand.values()) / len(days)
    assert per_day == pytest.approx(184 / 34 / p.SV_ANSWERED_SHARE, rel=0.01)
    assert per_day * p.SV_ANSWERED_SHARE == pytest.approx(5.4, abs=0.05)  # conversations


@pytest.mark.parametrize("minutes", [60, 30])
def test_every_open_slot_has_demand_with_the_grid_keys(minutes):
    horizon = Horizon(date(2026, 10, 19), 2)  # holds the autumn DST day 2026-10-25
    rules = Rules(slot_minutes=minutes)
    demand = builtin_demand(horizon, rules)
    assert list(demand) == [s.key for s in slot_grid(horizon, rules)]
    assert all(v > 0 for v in demand.values())


def test_half_hour_slots_add_up_to_the_hours_on_a_dst_week():
    horizon = Horizon(date(2026, 3, 23), 1)  # 2026-03-29: clocks forward
    hours = builtin_demand(horizon, Rules())
    halves = builtin_demand(horizon, Rules(slot_minutes=30))
    assert sum(halves.values()) == pytest.approx(sum(hours.values()), rel=1e-6)


def test_holidays_are_shaped_like_sundays():
    # 2026-01-06 (Epiphany, a Tuesday) is open with Sunday hours 15–24 and Sunday's weights
    demand = builtin_demand(Horizon(date(2026, 1, 5), 1), Rules(services=("fi",)))
    epiphany = {t.hour: v for (_, t), v in demand.items() if t.date() == date(2026, 1, 6)}
    sunday = {t.hour: v for (_, t), v in demand.items() if t.date() == date(2026, 1, 11)}
    assert epiphany.keys() == sunday.keys() == set(range(15, 24))
    assert epiphany == pytest.approx(sunday)


def test_the_profile_is_labelled_as_an_assumption():
    note = str(ASSUMPTION_NOTE)
    assert note.startswith("ASSUMPTION")
    assert "160,000" in note and "184" in note
