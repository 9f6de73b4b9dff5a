"""The local search that lifts goal 3's start: better where it can, never breaking a rule
or goals 1–2."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from solve_cases import MONDAY, busy_week, offer, per_hour, problem, rules, shift

from scheduler.domain import HELSINKI, Person
from scheduler.hours import slot_grid
from scheduler.kpi import violations
from scheduler.problem import build_instance, goal_values
from scheduler.roster import Roster
from scheduler.solve.greedy import greedy
from scheduler.solve.improve import _Roster, best_response, improve

TWO_HOURS = rules(min_shift_hours=2, max_shift_hours=2)
TWO_TO_FOUR = rules(min_shift_hours=2, max_shift_hours=4)


def _ids(inst, *shifts):
    ids = [inst.candidate_of(s) for s in shifts]
    assert None not in ids
    return ids


def _shifts(inst, chosen):
    return sorted((inst.shift(c).name, inst.shift(c).start.hour) for c in chosen)


def test_a_shift_moves_off_the_crowded_hours():
    # 18–22 all busy. B can only do 18–20; A could do 18–20, 19–21 or 20–22. Starting with
    # both at 18–20 answers 2 × per_hour(2); A at 20–22 answers 4 × per_hour(1), more
    # because the curve is concave.
    pb = problem(
        [Person("A"), Person("B")],
        [offer("A", 18, 22), offer("B", 18, 20)],
        demand_hours=[18, 19, 20, 21],
        rules=TWO_HOURS,
    )
    inst = build_instance(pb)
    start = _ids(inst, shift("A", 18, 20), shift("B", 18, 20))
    better = improve(inst, start, seconds=5)
    assert _shifts(inst, better) == [("A", 20), ("B", 18)]
    assert 4 * per_hour(1) > 2 * per_hour(2)
    assert goal_values(inst, [inst.shift(c) for c in better]).answered == pytest.approx(
        4 * per_hour(1)
    )


def test_a_person_with_time_left_gets_another_shift():
    pb = problem([Person("A")], [offer("A", 18, 20)], demand_hours=[18, 19], rules=TWO_HOURS)
    inst = build_instance(pb)
    assert _shifts(inst, improve(inst, [], seconds=5)) == [("A", 18)]


def test_hours_move_to_where_they_answer_most_in_one_step():
    # A may work 4 hours in all. The contacts come 20–22 on Monday and on Tuesday. A starts
    # with Monday 18–22: shortening it to 20–22 alone gains nothing, and Tuesday does not
    # fit until it is shortened. Done together: Monday 20–22 and Tuesday 20–22, twice the
    # answered contacts.
    tuesday = MONDAY + timedelta(days=1)
    pb = problem(
        [Person("A", max_hours=4)],
        [offer("A", 18, 22), offer("A", 18, 22, day=tuesday)],
        demand_hours=[20, 21],
        rules=TWO_TO_FOUR,
    )
    busy = {k: v for k, v in pb.demand.items()}
    for slot in slot_grid(pb.horizon, pb.rules):
        local = slot.start.astimezone(HELSINKI)
        if local.date() == tuesday and local.hour in (20, 21):
            busy[slot.key] = 33.0
    pb = replace(pb, demand=busy)
    inst = build_instance(pb)
    start = _ids(inst, shift("A", 18, 22))
    better = improve(inst, start, seconds=5)
    assert sorted(
        (inst.shift(c).day, inst.shift(c).start.hour, inst.shift(c).end.hour) for c in better
    ) == [(MONDAY, 20, 22), (tuesday, 20, 22)]
    assert goal_values(inst, [inst.shift(c) for c in better]).answered == pytest.approx(
        4 * per_hour(1)
    )


def test_no_move_leaves_a_slot_below_its_minimum():
    # A alone can staff 09–11 (minimum 1 there, 0 elsewhere); the contacts are in the
    # evening, where A could answer more, but the morning would go short: A stays.
    morning = {
        s.key: int(
            s.start.astimezone(HELSINKI).date() == MONDAY
            and 9 <= s.start.astimezone(HELSINKI).hour < 11
        )
        for s in slot_grid(problem([], []).horizon, TWO_HOURS)
    }
    pb = problem(
        [Person("A", max_hours=2)],
        [offer("A", 9, 11), offer("A", 18, 20)],
        demand_hours=[18, 19],
        rules=TWO_HOURS,
        min_staff_by_slot=morning,
    )
    inst = build_instance(pb)
    start = _ids(inst, shift("A", 9, 11))
    assert _shifts(inst, improve(inst, start, seconds=5)) == [("A", 9)]


def test_a_trainee_is_never_left_without_the_mentor():
    # the evening 20–22 is empty and busy, but the mentor moving there would leave the
    # trainee alone at 18–20, and the trainee cannot go there without a mentor
    pb = problem(
        [Person("Mo", mentor=True, max_hours=2), Person("T", trainee=True)],
        [offer("Mo", 18, 22), offer("T", 18, 22)],
        demand_hours=[18, 19, 20, 21],
        rules=TWO_HOURS,
    )
    inst = build_instance(pb)
    start = _ids(inst, shift("Mo", 18, 20), shift("T", 18, 20))
    better = improve(inst, start, seconds=5)
    assert _shifts(inst, better) == [("Mo", 18), ("T", 18)]


def test_pins_stay_where_they_are():
    pb = problem(
        [Person("A"), Person("B")],
        [offer("A", 18, 22), offer("B", 18, 20)],
        demand_hours=[18, 19, 20, 21],
        rules=TWO_HOURS,
        pins=(shift("A", 18, 20),),
    )
    inst = build_instance(pb)
    start = _ids(inst, shift("A", 18, 20), shift("B", 18, 20))
    assert _shifts(inst, improve(inst, start, seconds=5)) == [("A", 18), ("B", 18)]


def test_on_a_busy_week_it_keeps_every_rule_and_never_does_worse():
    pb = busy_week(n_people=30, weeks=2)
    inst = build_instance(pb)
    start = greedy(inst, by="goals")
    better = improve(inst, start, seconds=20)
    before = goal_values(inst, [inst.shift(c) for c in start])
    after = goal_values(inst, [inst.shift(c) for c in better])
    assert violations(pb, Roster.of(inst.shift(c) for c in better)) == []
    assert after.cover <= before.cover
    assert after.answered_scaled >= before.answered_scaled


def _demand(pb, contacts_at):
    """``pb`` with ``contacts_at[(day, hour)]`` contacts an hour in those slots, 0 elsewhere."""
    demand = {}
    for slot in slot_grid(pb.horizon, pb.rules):
        local = slot.start.astimezone(HELSINKI)
        demand[slot.key] = contacts_at.get((local.date(), local.hour), 0.0)
    return replace(pb, demand=demand)


def test_one_step_gives_a_person_the_best_days_under_a_weekly_limit():
    # A may work 2 shifts a week and offers Monday to Wednesday 18–20. Monday is quiet
    # (1 contact an hour), Tuesday and Wednesday busy: from Monday alone the best week is
    # Tuesday + Wednesday, 4 × per_hour(1), found in one step for the whole week.
    tuesday, wednesday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
    pb = problem(
        [Person("A", max_shifts_per_week=2)],
        [offer("A", 18, 20, day=d) for d in (MONDAY, tuesday, wednesday)],
        rules=TWO_HOURS,
    )
    pb = _demand(
        pb,
        {
            (d, h): (1.0 if d == MONDAY else 33.0)
            for d in (MONDAY, tuesday, wednesday)
            for h in (18, 19)
        },
    )
    inst = build_instance(pb)
    roster = _Roster(inst, _ids(inst, shift("A", 18, 20)))
    out, into = best_response(inst, roster, 0, set())
    assert _shifts(inst, out) == [("A", 18)]
    assert sorted(inst.shift(c).day for c in into) == [tuesday, wednesday]


def test_a_kick_finds_what_no_single_person_move_reaches():
    # X = 10–12 (1 contact an hour, needs 1 on duty), Y = 14–16 (5 an hour), Z = 18–20
    # (33 an hour). A offers X or Z, B offers X or Y, one shift each. From A at X and B at
    # Y nobody can move alone: A leaving X leaves it short, B joining A at X adds
    # 2 × 0.299 but loses 2 × 0.772 at Y. Together, B at X and A at Z answer
    # 2 × (0.485 + 0.833) = 2.636 instead of 2 × (0.485 + 0.772) = 2.514.
    at_x = {
        s.key: int(
            s.start.astimezone(HELSINKI).date() == MONDAY
            and 10 <= s.start.astimezone(HELSINKI).hour < 12
        )
        for s in slot_grid(problem([], []).horizon, TWO_HOURS)
    }
    pb = problem(
        [Person("A", max_hours=2), Person("B", max_hours=2)],
        [offer("A", 10, 12), offer("A", 18, 20), offer("B", 10, 12), offer("B", 14, 16)],
        rules=TWO_HOURS,
        min_staff_by_slot=at_x,
    )
    pb = _demand(
        pb,
        {
            (MONDAY, h): c
            for hours, c in (((10, 11), 1.0), ((14, 15), 5.0), ((18, 19), 33.0))
            for h in hours
        },
    )
    inst = build_instance(pb)
    start = _ids(inst, shift("A", 10, 12), shift("B", 14, 16))
    roster = _Roster(inst, start)
    assert best_response(inst, roster, 0, set()) is None
    assert best_response(inst, roster, 1, set()) is None
    better = improve(inst, start, seconds=10)
    assert _shifts(inst, better) == [("A", 18), ("B", 10)]
    after = goal_values(inst, [inst.shift(c) for c in better])
    assert after.cover == 0
    assert after.answered == pytest.approx(2 * (per_hour(1, 1.0) + per_hour(1, 33.0)))
    assert 2 * (per_hour(2, 1.0) - per_hour(1, 1.0)) < 2 * per_hour(1, 5.0)


def test_for_goals_one_and_two_alone_only_a_move_that_staffs_more_is_made():
    # 09–11 needs one on duty and nobody is there; A (on 18–20) could take it. B and C sit
    # at 18–20 beside A, where spreading to 20–22 would answer more. Goals 1–2 alone: A
    # moves to the morning (a gap closed), B and C stay (a gain in answered is not asked
    # for); all goals: one of them moves to the evening as well.
    morning = {
        s.key: int(
            s.start.astimezone(HELSINKI).date() == MONDAY
            and 9 <= s.start.astimezone(HELSINKI).hour < 11
        )
        for s in slot_grid(problem([], []).horizon, TWO_HOURS)
    }
    pb = problem(
        [Person("A", max_hours=2), Person("B", max_hours=2), Person("C", max_hours=2)],
        [offer("A", 9, 11), offer("A", 18, 20), offer("B", 18, 22), offer("C", 18, 22)],
        demand_hours=[18, 19, 20, 21],
        rules=TWO_HOURS,
        min_staff_by_slot=morning,
    )
    inst = build_instance(pb)
    start = _ids(inst, shift("A", 18, 20), shift("B", 18, 20), shift("C", 18, 20))
    fewest = improve(inst, start, seconds=5, only_cover=True)
    assert _shifts(inst, fewest) == [("A", 9), ("B", 18), ("C", 18)]
    every = improve(inst, start, seconds=5)
    assert sorted(h for _, h in _shifts(inst, every)) == [9, 18, 20]
