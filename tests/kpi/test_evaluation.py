"""Coverage and KPIs recomputed from a roster alone."""

from __future__ import annotations

import pytest
from solve_cases import MONDAY, offer, per_hour, problem, shift

from scheduler.domain import Person
from scheduler.kpi import evaluate


def test_coverage_rows_come_from_the_queue_curves():
    # A and B overlap 19–20: 18–19 has one on duty, 19–20 two, 20–21 one.
    pb = problem(
        [Person("A"), Person("B")],
        [offer("A", 18, 20), offer("B", 19, 21)],
        demand_hours=range(18, 21),
    )
    ev = evaluate(pb, [shift("A", 18, 20), shift("B", 19, 21)])
    rows = {r.start.hour: r for r in ev.coverage if r.start.date() == MONDAY}
    assert [rows[h].staffed for h in (18, 19, 20)] == [1, 2, 1]
    assert rows[19].on_duty == ("A", "B")
    assert ev.expected_answered == pytest.approx(2 * per_hour(1) + per_hour(2))
    assert ev.forecast_contacts == pytest.approx(3 * 33)
    assert ev.expected_answer_rate == pytest.approx(ev.expected_answered / 99)
    assert ev.assigned_hours == 4
    assert ev.offered_hours == 4


def test_a_roster_from_elsewhere_with_more_people_than_offered():
    # a hand-made roster may put more people on than the candidates allow: the curve is
    # extended as far as asked, never cut
    pb = problem([Person("A"), Person("B")], [offer("A", 18, 20)], demand_hours=[18, 19])
    ev = evaluate(pb, [shift("A", 18, 20), shift("B", 18, 20)])
    assert ev.expected_answered == pytest.approx(2 * per_hour(2))
