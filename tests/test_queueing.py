"""Erlang A against published values, its limits, and the shape the optimiser relies on."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.domain import Rules
from scheduler.queueing import (
    QueueError,
    answered_curve,
    erlang_a,
    queue_table,
    slot_answered_curve,
    staffing_table,
)


def test_reproduces_pyworkforce_erlang_a_example_with_14_on_duty():
    # λ = 200 an hour, AHT 3 min, patience 5 min (pyworkforce's documented Erlang A example)
    q = erlang_a(200, 14, aht_minutes=3, patience_minutes=5)
    assert q.p_wait == pytest.approx(0.14526, abs=5e-6)
    assert q.p_abandon == pytest.approx(0.013984, abs=5e-7)
    assert q.occupancy == pytest.approx(0.704297, abs=5e-7)
    assert q.mean_wait_minutes == pytest.approx(0.069919, abs=5e-7)


def test_reproduces_pyworkforce_erlang_a_example_with_13_on_duty():
    q = erlang_a(200, 13, aht_minutes=3, patience_minutes=5)
    assert q.p_wait == pytest.approx(0.226, abs=5e-4)
    assert q.p_abandon == pytest.approx(0.025, abs=5e-4)


@pytest.mark.parametrize(("staff", "p_wait"), [(14, 0.1741), (15, 0.1020)])
def test_unbounded_patience_converges_to_erlang_c(staff, p_wait):
    q = erlang_a(200, staff, aht_minutes=3, patience_minutes=1e8)
    assert q.p_wait == pytest.approx(p_wait, abs=5e-5)
    assert q.p_abandon < 1e-6


def test_nobody_on_duty_answers_nothing_and_everyone_waits_their_patience():
    q = erlang_a(30, 0, aht_minutes=70, patience_minutes=10)
    assert q.answered_per_hour == 0
    assert q.p_abandon == pytest.approx(1.0)
    assert q.mean_wait_minutes == pytest.approx(10.0)


def test_answered_equals_arrivals_that_do_not_abandon():
    q = erlang_a(33, 8, aht_minutes=70, patience_minutes=10)
    assert q.answered_per_hour == pytest.approx(33 * (1 - q.p_abandon), rel=1e-9)


def test_two_chats_per_worker_are_twice_the_servers():
    one = erlang_a(33, 8, 70, 10, chats_per_worker=2)
    two = erlang_a(33, 16, 70, 10, chats_per_worker=1)
    assert one.answered_per_hour == pytest.approx(two.answered_per_hour)


def test_curve_matches_single_evaluations():
    curve = answered_curve(25.5, 10, 70, 10)
    for n in (0, 3, 10):
        assert curve[n] == pytest.approx(erlang_a(25.5, n, 70, 10).answered_per_hour, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    lam=st.floats(0.1, 120),
    aht=st.floats(5, 120),
    patience=st.floats(1, 60),
    chats=st.integers(1, 3),
)
def test_curve_is_increasing_and_concave(lam, aht, patience, chats):
    curve = answered_curve(lam, 25, aht, patience, chats)
    gains = [b - a for a, b in zip(curve, curve[1:], strict=False)]
    assert all(g >= -1e-9 for g in gains)
    assert all(b <= a + 1e-7 for a, b in zip(gains, gains[1:], strict=False))
    assert curve[-1] <= lam + 1e-9


def test_slot_curve_scales_to_the_slot_length():
    rules = Rules(slot_minutes=30, aht_minutes=70, patience_minutes=10)
    half = slot_answered_curve(16.5, 0.5, 8, rules)  # 33 an hour
    hourly = answered_curve(33, 8, 70, 10)
    assert half[8] == pytest.approx(hourly[8] / 2)


def test_staffing_table_stops_where_the_answer_rate_reaches_99_9_percent():
    rows = staffing_table(33, aht_minutes=70, patience_minutes=10)
    assert rows[0].staff == 0
    assert rows[-1].answer_rate >= 0.999 > rows[-2].answer_rate
    assert rows[-1].keeps_up and not rows[0].keeps_up


def test_rows_too_long_to_hold_take_their_long_patience_limit():
    # 200 an hour, AHT 3 min: 10 on duty answer exactly as many as arrive; with patience
    # of a century the queue of 5 on duty cannot be held in memory: the limit row says
    # half are answered, everyone waits, and the wait is half the patience
    rows = staffing_table(200, aht_minutes=3, patience_minutes=60 * 24 * 365 * 100)
    five = rows[5]
    assert five.answer_rate == pytest.approx(0.5) and five.p_wait == 1 and not five.keeps_up
    assert five.mean_wait_minutes == pytest.approx(0.5 * 60 * 24 * 365 * 100)
    # a row that keeps up is Erlang C: 15 on duty wait with probability 0.1020
    assert erlang_a(200, 15, 3, 1e12).p_wait == pytest.approx(0.1020, abs=5e-5)


def test_zero_contacts_is_a_quiet_hour():
    assert answered_curve(0, 3, 70, 10) == (0.0, 0.0, 0.0, 0.0)
    assert staffing_table(0, 70, 10)[0].answer_rate == 1.0


@pytest.mark.parametrize(
    "bad", [dict(aht_minutes=0), dict(patience_minutes=-1), dict(chats_per_worker=0)]
)
def test_bad_parameters_are_refused_with_a_message(bad):
    args = (
        dict(arrivals_per_hour=30, n_max=5, aht_minutes=70, patience_minutes=10, chats_per_worker=1)
        | bad
    )
    with pytest.raises(QueueError):
        queue_table(**args)


def test_thousands_of_curves_are_cached():
    first = answered_curve(math.pi * 10, 40, 70, 10)
    assert answered_curve(math.pi * 10, 40, 70, 10) is first


def test_long_curves_are_computed_in_blocks_with_the_same_result(monkeypatch):
    from scheduler import queueing

    whole = queueing.queue_table(120.0, 150, 72, 10)
    queueing._table.cache_clear()
    monkeypatch.setattr(queueing, "MAX_STATES", 2_000)  # forces blocks of a few rows
    blocks = queueing.queue_table(120.0, 150, 72, 10)
    queueing._table.cache_clear()
    assert [b.answered_per_hour for b in blocks] == pytest.approx(
        [w.answered_per_hour for w in whole], rel=1e-12
    )
    assert [b.p_wait for b in blocks] == pytest.approx([w.p_wait for w in whole], rel=1e-12)
