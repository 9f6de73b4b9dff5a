"""KPIs recomputed from a roster alone: coverage, gaps and their reasons, where to
recruit, and the summary.json object."""

from __future__ import annotations

import json

import pytest
from solve_cases import MONDAY, at, offer, per_hour, problem, rules, shift

from scheduler.domain import Person
from scheduler.kpi import evaluate, explain_gaps, recruit_blocks, summary
from scheduler.roster import Result, Roster
from scheduler.solve import solve


def _gaps_at(pb, roster, hour):
    return [u for u in explain_gaps(pb, roster) if u.start == at(MONDAY, hour)]


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


def test_gap_reasons():
    sv_rules = rules(min_staff=1, services=("fi", "sv"))
    team = [
        Person("Capped", max_hours=2),  # already works 2 h on Monday morning
        Person("FiOnly"),  # offers the Swedish hours but speaks Finnish
        Person("Trainee", trainee=True),  # no mentor anywhere
        Person("Brief"),  # offers a single hour: under the 2 h minimum
    ]
    pieces = [
        offer("Capped", 9, 11),
        offer("Capped", 12, 14, day=MONDAY.replace(day=3)),
        offer("FiOnly", 14, 16),
        offer("Trainee", 20, 22),
        offer("Brief", 23, 24),
    ]
    pb = problem(team, pieces, rules=sv_rules)
    roster = [shift("Capped", 9, 11)]
    gaps = {(u.service, u.start): u for u in explain_gaps(pb, roster)}
    tuesday = MONDAY.replace(day=3)
    assert gaps[("fi", at(MONDAY, 16))].reason == "nobody offered it"
    assert gaps[("sv", at(MONDAY, 14))].reason == "nobody who offered it speaks sv"
    limit = gaps[("fi", at(tuesday, 12))]
    assert limit.reason == "those who offered it are at a limit"
    assert limit.detail == "Capped: max_hours"
    assert gaps[("fi", at(MONDAY, 20))].reason == "no mentor for a trainee"
    assert "shift length" in gaps[("fi", at(MONDAY, 23))].detail
    # FiOnly could still be placed at 14–16 in the Finnish chat: the optimiser would have
    fi14 = gaps[("fi", at(MONDAY, 14))]
    assert fi14.reason == "not placed"


def test_one_shift_a_day_and_other_service_as_reasons():
    pb = problem(
        [Person("A", languages=("fi", "sv"))],
        [offer("A", 9, 12), offer("A", 14, 18)],
        rules=rules(min_staff=1, services=("fi", "sv")),
    )
    roster = [shift("A", 14, 18, service="sv")]
    gaps = {(u.service, u.start): u for u in explain_gaps(pb, roster)}
    assert gaps[("fi", at(MONDAY, 9))].detail == "A: one shift a day"
    assert gaps[("fi", at(MONDAY, 15))].detail == "A: already on another service"


def test_an_optimal_roster_leaves_no_slot_not_placed():
    # four people with 3 hours each cannot give 2 on duty through 15–22 (14 staff-hours)
    team = [Person(f"P{i}", max_hours=3) for i in range(4)]
    pieces = [offer(p.name, 15, 22) for p in team]
    pb = problem(team, pieces, demand_hours=range(15, 22), rules=rules(min_staff=2))
    result = solve(pb, time_limit=5, workers=1)
    monday = [u for u in result.uncovered if u.start.date() == MONDAY and 15 <= u.start.hour < 22]
    assert monday and all(u.reason == "those who offered it are at a limit" for u in monday)


def test_recruit_blocks_rank_the_busiest_empty_hours_first():
    # Demand 33/h on Monday 18–21 and nobody on duty: one more person there answers
    # 3 × per_hour(1) a week, i.e. × 30.44 / 7 a month. Blocks elsewhere add nothing.
    pb = problem([Person("A")], [], demand_hours=range(18, 21))
    blocks = recruit_blocks(pb, Roster())
    top = blocks[0]
    assert (top.service, top.weekday, top.start.hour, top.end.hour) == ("fi", 0, 18, 21)
    assert top.answered_per_month == pytest.approx(3 * per_hour(1) * 365.25 / 12 / 7)
    assert top.short_hours_per_month == 0  # min staff 0 in this plan
    row = top.as_row(1)
    assert row == {
        "rank": 1,
        "service": "fi",
        "weekday": "Mon",
        "start": "18:00",
        "end": "21:00",
        "answered_per_month": f"{top.answered_per_month:.2f}",
        "short_hours_per_month": "0.00",
    }
    late = [b for b in blocks if b.weekday == 0 and b.start.hour == 21][0]
    assert late.end.hour == 0 and late.as_row(2)["end"] == "24:00"
    # with someone already on, the marginal of a second person is smaller
    staffed = recruit_blocks(pb, [shift("A", 18, 21)])
    first = [b for b in staffed if (b.weekday, b.start.hour) == (0, 18)][0]
    assert first.answered_per_month == pytest.approx(
        3 * (per_hour(2) - per_hour(1)) * 365.25 / 12 / 7
    )


def test_summary_has_the_fields_of_design():
    pb = problem(
        [Person("A", organisation="MIELI")],
        [offer("A", 18, 22)],
        demand_hours=range(18, 22),
        rules=rules(min_staff=1),
    )
    result = solve(pb, time_limit=5, workers=1)
    data = summary(pb, result, {"time_limit": 5, "workers": 1})
    for key in (
        "status",
        "objective",
        "best_bound",
        "gap",
        "solve_seconds",
        "forecast_contacts",
        "expected_answered",
        "expected_answer_rate",
        "uncovered_slots",
        "people",
        "assigned_hours",
        "offered_hours",
        "settings",
    ):
        assert key in data
    for key in (
        "aht_minutes",
        "patience_minutes",
        "chats_per_worker",
        "slot_minutes",
        "min_shift_hours",
        "max_shift_hours",
        "time_limit",
        "workers",
    ):
        assert key in data["settings"]
    assert data["expected_answered"] == pytest.approx(4 * per_hour(1), abs=1e-4)
    assert data["assigned_hours"] == 4
    assert data["hours_by_organisation"] == {"MIELI": 4}
    assert len(data["uncovered_slots"]) == 93 - 4
    assert data["uncovered_slots"][0]["reason"] == "nobody offered it"
    json.dumps(data)  # plain JSON


def test_summary_of_an_empty_result():
    pb = problem([Person("A")], [], demand_hours=range(18, 22))
    empty = Result("UNKNOWN", Roster(), 0.0, 0.0, 0.0, 0.0)
    data = summary(pb, empty, {})
    assert data["expected_answered"] == 0 and data["assigned_hours"] == 0
