"""The goals in their order, the solver's values against the KPIs recomputed without it,
infeasible rules, DST weeks, stop and progress (re-planning: test_replan.py)."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from solve_cases import MONDAY, at, busy_week, offer, people, per_hour, problem, rules, shift

from scheduler.domain import HELSINKI, Person
from scheduler.hours import slot_grid
from scheduler.kpi import evaluate, violations
from scheduler.problem import (
    ANSWER_SCALE,
    GOAL_NAMES,
    MIN_HOURS_WEIGHT,
    NONPREFERRED_WEIGHT,
    build_instance,
    cover_weight,
)
from scheduler.solve import solve
from scheduler.solve.greedy import greedy


def _stage(result, name):
    record = result.stage(name)
    assert record is not None, f"stage {name} did not run"
    return record


def test_the_goal_order_is_written_once():
    assert GOAL_NAMES == ("cover", "answered", "balance", "changes")


def test_minimum_staff_comes_before_answered_contacts():
    # Monday 09–11 has no demand but needs 1 on duty; 18–20 is busy and E is there anyway.
    # A can do only 2 hours: in the evening A would add 2 × (per_hour(2) − per_hour(1)),
    # in the morning A closes a 2-slot gap. Goal 1 wins: A takes the morning.
    pb = problem(
        [Person("A", max_hours=2), Person("E")],
        [offer("A", 9, 11), offer("A", 18, 20), offer("E", 18, 20)],
        demand_hours=[18, 19],
        rules=rules(min_staff=1),
        min_staff_by_slot=_only_monday(9, 11, 18, 20),
    )
    result = solve(pb, time_limit=5, workers=1)
    assert sorted((s.name, s.start.hour) for s in result.roster) == [("A", 9), ("E", 18)]
    assert result.breakdown["short_slots"] == 0
    # objective: only E answers in the evening, 2 × per_hour(1)
    assert result.objective == pytest.approx(2 * per_hour(1))


def _only_monday(*hour_pairs):
    """min staff 1 in the given [start, end) hours of Monday, 0 in every other slot."""
    pb = problem([], [])
    out = {}
    for slot in slot_grid(pb.horizon, pb.rules):
        local = slot.start.astimezone(HELSINKI)
        inside = any(
            a <= local.hour < b for a, b in zip(hour_pairs[::2], hour_pairs[1::2], strict=True)
        )
        out[slot.key] = int(local.date() == MONDAY and inside)
    return out


def test_supervision_comes_before_answered_contacts():
    # Staff S can do 2 hours: 09–11 (no demand, nobody else) or 18–20 (busy, where staff T
    # already is). In the evening S would add 2 × (per_hour(2) − per_hour(1)) answered; in
    # the morning S supervises two more slots. Goal 2 wins: S takes the morning, and the
    # objective is T's 2 × per_hour(1).
    team = [Person("S", role="staff", max_hours=2), Person("T", role="staff")]
    pieces = [offer("S", 9, 11), offer("S", 18, 20), offer("T", 18, 20)]
    pb = problem(team, pieces, demand_hours=[18, 19], rules=rules(supervision=True))
    result = solve(pb, time_limit=5, workers=1)
    assert sorted((s.name, s.start.hour) for s in result.roster) == [("S", 9), ("T", 18)]
    assert result.objective == pytest.approx(2 * per_hour(1))
    assert result.breakdown["unsupervised_slots"] == 93 - 4
    # without the supervision setting, S goes where the contacts are
    plain = problem(team, pieces, demand_hours=[18, 19], rules=rules(supervision=False))
    result = solve(plain, time_limit=5, workers=1)
    assert sorted((s.name, s.start.hour) for s in result.roster) == [("S", 18), ("T", 18)]
    assert result.objective == pytest.approx(2 * per_hour(2))


def test_preferred_time_and_fair_hours_break_ties():
    # No demand (answered 0) but 18–22 must be staffed. P prefers 18–20: P takes it.
    # Then fairness (Σ hours²): Q takes 20–22 rather than P working all 4 hours
    # (2² + 2² = 8 < 4² = 16). balance = 10 × 2 non-preferred hours (Q's) + 8 = 28.
    pb = problem(
        people("P", "Q"),
        [offer("P", 18, 20, preference="preferred"), offer("P", 20, 22), offer("Q", 18, 22)],
        rules=rules(min_staff=1),
        min_staff_by_slot=_only_monday(18, 22),
    )
    result = solve(pb, time_limit=5, workers=1)
    assert sorted((s.name, s.start.hour, s.end.hour) for s in result.roster) == [
        ("P", 18, 20),
        ("Q", 20, 22),
    ]
    assert result.breakdown["balance"] == NONPREFERRED_WEIGHT * 2 + 8
    assert _stage(result, "balance").objective == 28


def test_min_hours_commitment_is_met_first_in_goal_four():
    # Staff C has committed 2 hours; D is free. The 2-hour gap 18–20 goes to C.
    pb = problem(
        [Person("C", role="staff", min_hours=2), Person("D")],
        [offer("C", 18, 20), offer("D", 18, 20)],
        rules=rules(min_staff=1),
        min_staff_by_slot=_only_monday(18, 20),
    )
    result = solve(pb, time_limit=5, workers=1)
    assert [s.name for s in result.roster] == ["C"]
    assert result.breakdown["min_hours_short_hours"] == 0
    assert MIN_HOURS_WEIGHT > NONPREFERRED_WEIGHT


def test_solver_values_equal_the_kpis_recomputed_from_the_roster():
    pb = busy_week()
    result = solve(pb, time_limit=5, workers=2)
    assert result.status in ("OPTIMAL", "FEASIBLE")
    assert violations(pb, result.roster) == []
    ev = evaluate(pb, result.roster)
    assert ev.breakdown == result.breakdown
    inst = build_instance(pb)
    # cover and balance are whole numbers in the model: equal exactly
    assert _stage(result, "cover").objective == ev.goals.cover
    assert _stage(result, "cover").objective == (
        cover_weight(inst) * ev.goals.short + ev.goals.unsupervised
    )
    assert _stage(result, "balance").objective == ev.goals.balance
    # answered: the model's whole units (1/10,000 contact) against the exact curves
    answered = _stage(result, "answered").objective
    assert answered == ev.goals.answered_scaled / ANSWER_SCALE
    assert answered == pytest.approx(ev.objective, abs=len(inst.slots) * 0.5 / ANSWER_SCALE)
    # and expected answered is the sum of coverage rows, each from its slot's curve
    assert ev.expected_answered == pytest.approx(sum(r.expected_answered for r in ev.coverage))
    assert (
        result.objective
        >= evaluate(pb, [inst.shift(c) for c in greedy(inst, "answered")]).objective - 1e-6
    )


def test_impossible_rules_still_give_a_roster_with_explained_gaps():
    # Two staff are needed on every slot but only one person offers anything.
    pb = problem(
        people("A"), [offer("A", 18, 22)], demand_hours=range(18, 22), rules=rules(min_staff=2)
    )
    result = solve(pb, time_limit=5, workers=1)
    assert len(result.roster) == 1
    assert result.status == "OPTIMAL"
    assert len(result.uncovered) == 93
    reasons = {u.reason for u in result.uncovered}
    assert reasons == {"nobody offered it"}
    evening = [u for u in result.uncovered if u.start == at(MONDAY, 18)]
    assert evening[0].staffed == 1 and evening[0].detail == "1 on duty, 2 needed"


@pytest.mark.parametrize(
    "start,dst_day,offset",
    [
        (date(2026, 3, 23), date(2026, 3, 29), "+03:00"),
        (date(2026, 10, 19), date(2026, 10, 25), "+02:00"),
    ],
)
def test_dst_weeks(start, dst_day, offset):
    pb = busy_week(n_people=6, start=start)
    result = solve(pb, time_limit=5, workers=1)
    assert violations(pb, result.roster) == []
    sunday = [s for s in result.roster if s.day == dst_day]
    assert sunday, "someone works on the DST Sunday"
    for s in sunday:
        assert s.start.astimezone(HELSINKI).isoformat().endswith(offset)
        assert s.hours == int(s.hours) and 2 <= s.hours <= 4
    # Sunday opens 15–24: nine one-hour slots, none lost or doubled by the clock change
    ev = evaluate(pb, result.roster)
    assert len([r for r in ev.coverage if r.start.astimezone(HELSINKI).date() == dst_day]) == 9


def test_stop_returns_the_best_roster_so_far():
    pb = busy_week(n_people=30, weeks=2)
    stop = threading.Event()
    seen = []

    def progress(p):  # stop at the first solution the search itself finds
        seen.append(p)
        if p.stage == "cover":
            stop.set()

    began = time.monotonic()
    result = solve(pb, time_limit=60, workers=2, progress=progress, stop=stop)
    assert time.monotonic() - began < 30
    assert result.status in ("STOPPED", "OPTIMAL")
    assert len(result.roster) > 0
    assert violations(pb, result.roster) == []
    assert [p.stage for p in seen[:2]] == ["bound", "greedy"]
    assert [p for p in seen if p.stage == "cover"][0].solutions >= 1
    assert not [p for p in seen if p.stage == "answered"]  # stopped inside the first stage


def test_a_solve_stopped_before_it_starts_still_returns_its_first_roster():
    pb = busy_week()
    stop = threading.Event()
    stop.set()
    result = solve(pb, time_limit=30, workers=1, stop=stop)
    assert result.status == "STOPPED" and len(result.roster) > 0 and not result.notes
    assert [s.stage for s in result.stages] == ["greedy"]
    assert violations(pb, result.roster) == []


def test_progress_reports_objective_and_bound():
    pb = busy_week()
    seen = []
    result = solve(pb, time_limit=5, workers=1, progress=seen.append)
    stages = [p.stage for p in seen]
    assert {"cover", "answered", "balance"} <= set(stages)
    assert [p.seconds for p in seen] == sorted(p.seconds for p in seen)
    last = [p for p in seen if p.stage == "answered"][-1]
    assert last.objective == pytest.approx(_stage(result, "answered").objective)
    assert last.best_bound >= last.objective - 1e-9 and last.gap >= 0
    # the bound comes first, before any roster: no gap until there is a roster too
    assert seen[0].stage == "bound" and seen[0].best_bound is not None and seen[0].gap is None
    assert seen[1].stage == "greedy" and seen[1].gap is not None
    assert all(p.best_bound is not None for p in seen)


def test_time_limit_is_kept():
    pb = busy_week(n_people=40, weeks=2)
    began = time.monotonic()
    result = solve(pb, time_limit=1.0, workers=2)
    assert time.monotonic() - began < 1.0 + 2.0
    assert len(result.roster) > 0 and violations(pb, result.roster) == []


def test_greedy_keeps_every_rule():
    pb = busy_week(n_people=20, weeks=2)
    inst = build_instance(pb)
    for ranking in ("answered", "goals"):
        chosen = greedy(inst, ranking)
        assert chosen
        assert violations(pb, [inst.shift(c) for c in chosen], instance=inst) == []


def test_the_optimised_curve_reaches_everyone_who_could_be_on_duty():
    # Twelve people offer 18–20 at a busy hour. The greedy asks for short curves first
    # (0 … 2 on duty); the curve the model and the local search use afterwards must still
    # count all twelve, or their bound would ignore the contacts the third to twelfth answer.
    pb = problem(
        people(*"ABCDEFGHIJKL"), [offer(n, 18, 20) for n in "ABCDEFGHIJKL"], demand_hours=[18, 19]
    )
    fresh = build_instance(pb)
    slot = next(s for s, c in enumerate(fresh.contacts) if c)
    whole = fresh.scaled_curve(slot)
    assert len(whole) == 13  # 0 … 12 on duty, every step still adds
    asked = build_instance(pb)
    asked.curve(slot, 2)
    assert asked.scaled_curve(slot) == whole


def test_a_start_roster_always_keeps_the_pins():
    # T (a trainee) is pinned 18–20; the contacts come 20–22. A roster with only the
    # mentor at 18–22 answers as much, but the solve never keeps (or returns) a roster
    # without the pin; the answer has T beside the mentor, who stays until 22.
    from scheduler.solve.pool import Pool

    pb = problem(
        [Person("T", trainee=True), Person("Mo", mentor=True)],
        [offer("T", 18, 20), offer("Mo", 18, 22)],
        demand_hours=[20, 21],
        pins=(shift("T", 18, 20),),
    )
    inst = build_instance(pb)
    (pin,) = inst.pins
    pool = Pool(inst, inst.pins)
    assert pool.add([inst.candidate_of(shift("Mo", 18, 22))], "greedy") is None
    with_pin = sorted([pin, inst.candidate_of(shift("Mo", 18, 20))])
    assert pool.add(with_pin, "greedy") is not None
    assert list(pool.choose().chosen) == with_pin
    result = solve(pb, time_limit=5, workers=1)
    assert sorted((s.name, s.start.hour, s.end.hour) for s in result.roster) == [
        ("Mo", 18, 22),
        ("T", 18, 20),
    ]
