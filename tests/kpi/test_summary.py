"""The summary.json object of DESIGN.md."""

from __future__ import annotations

import json

import pytest
from solve_cases import offer, per_hour, problem, rules

from scheduler.domain import Person
from scheduler.kpi import summary
from scheduler.roster import Result, Roster
from scheduler.solve import solve


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
    assert (
        data["status"] == "OPTIMAL" and data["status_words"] == "the best roster possible (proven)"
    )
    assert data["expected_answered"] == pytest.approx(4 * per_hour(1), abs=1e-4)
    assert data["assigned_hours"] == 4
    assert data["hours_by_organisation"] == {"MIELI": 4}
    assert len(data["uncovered_slots"]) == 93 - 4
    assert data["uncovered_slots"][0]["reason"] == "nobody offered it"
    assert [s["stage"] for s in data["stages"]][:3] == ["bound", "greedy", "cover"]
    assert data["replan"] is None and data["bound_from"] in ("lp", "cp-sat")
    json.dumps(data)  # plain JSON


def test_summary_of_an_empty_result():
    pb = problem([Person("A")], [], demand_hours=range(18, 22))
    empty = Result("UNKNOWN", Roster(), 0.0, 0.0, 0.0, 0.0)
    data = summary(pb, empty, {})
    assert data["expected_answered"] == 0 and data["assigned_hours"] == 0
    assert data["status"] == "UNKNOWN" and data["status_words"] == "no roster found in the time"
