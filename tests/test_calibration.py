"""The queue defaults reproduce the annual report's figures (docs/queue-model.md)."""

from __future__ import annotations

from datetime import date

import pytest

from scheduler.demand import builtin_demand
from scheduler.domain import (
    DEFAULT_AHT_MINUTES,
    DEFAULT_CHATS_PER_WORKER,
    DEFAULT_PATIENCE_MINUTES,
    Horizon,
    Rules,
)
from scheduler.queueing import erlang_a

CONTACTS_PER_OPEN_HOUR = 33  # ~160,000 contacts over ~4,800 open hours in 2022
ON_DUTY = 8


def defaults(contacts: float, staff: int, **changes):
    params = (
        dict(
            aht_minutes=DEFAULT_AHT_MINUTES,
            patience_minutes=DEFAULT_PATIENCE_MINUTES,
            chats_per_worker=DEFAULT_CHATS_PER_WORKER,
        )
        | changes
    )
    return erlang_a(contacts, staff, **params)


def test_eight_on_duty_answer_about_a_fifth_of_33_an_hour():
    q = defaults(CONTACTS_PER_OPEN_HOUR, ON_DUTY)
    assert q.answer_rate == pytest.approx(0.20, abs=0.015)  # annual report 2022: 20 %
    assert q.answered_per_hour == pytest.approx(6.6, abs=0.3)


def test_a_duty_hour_holds_about_0_8_conversations():
    q = defaults(CONTACTS_PER_OPEN_HOUR, ON_DUTY)
    assert q.answered_per_hour / ON_DUTY == pytest.approx(0.8, abs=0.05)  # Pirkanmaa pilot


def test_the_year_adds_up_to_the_reports_conversations():
    # the profile's Finnish 2022 at 8 on duty every open hour ≈ 32,185 conversations
    demand = builtin_demand(Horizon(date(2022, 1, 3), 52), Rules(services=("fi",)))
    answered = sum(defaults(v, ON_DUTY).answered_per_hour for v in demand.values())
    assert answered == pytest.approx(32_185, rel=0.05)
    assert answered / sum(demand.values()) == pytest.approx(0.20, abs=0.015)


@pytest.mark.parametrize("patience", [5, 20, 30])
def test_the_calibration_does_not_hang_on_the_patience_assumption(patience):
    base = defaults(CONTACTS_PER_OPEN_HOUR, ON_DUTY).answered_per_hour
    other = defaults(CONTACTS_PER_OPEN_HOUR, ON_DUTY, patience_minutes=patience)
    assert other.answered_per_hour == pytest.approx(base, rel=0.02)


def test_quiet_hours_answer_most_contacts():
    # a quiet morning: 12 an hour with 8 on duty is well answered, not 20 %
    assert defaults(12, ON_DUTY).answer_rate > 0.5
