"""The roster returned: the goal order over every roster known, a tolerance for re-plans."""

from __future__ import annotations

from dataclasses import replace

from solve_cases import offer, problem, shift

from scheduler.domain import Person
from scheduler.problem import build_instance
from scheduler.solve.pool import Pool


def _pool(tolerance_pb):
    inst = build_instance(tolerance_pb)
    return inst, Pool(inst, inst.pins)


def test_goals_one_and_two_are_never_traded():
    # A can work 09–11 (one on duty needed there, no demand) or 18–20 (busy). The evening
    # answers far more, but the morning staffs its hours: even a wide tolerance on goal 3
    # never buys a short staff-slot.
    from scheduler.hours import slot_grid

    pb = problem(
        [Person("A", max_hours=2)], [offer("A", 9, 11), offer("A", 18, 20)], demand_hours=[18, 19]
    )
    minimum = {s.key: int(s.start.hour in (9, 10)) for s in slot_grid(pb.horizon, pb.rules)}
    inst, pool = _pool(replace(pb, min_staff_by_slot=minimum))
    evening = pool.add([inst.candidate_of(shift("A", 18, 20))], "evening")
    morning = pool.add([inst.candidate_of(shift("A", 9, 11))], "morning")
    assert evening.values.answered > morning.values.answered
    assert pool.choose(0.1).origin == "morning"


def test_a_re_plan_keeps_what_is_within_the_tolerance_and_moves_for_more():
    # A worked 09–11 before; 18–20 answers more. Within the tolerance A stays.
    pb = problem([Person("A", max_hours=2)], [offer("A", 9, 11), offer("A", 18, 20)])
    demand = dict.fromkeys(pb.demand, 0.0)
    inst0 = build_instance(pb)
    for s in inst0.slots:
        hour = s.start.hour
        if hour in (9, 10):
            demand[s.key] = 30.0
        if hour in (18, 19):
            demand[s.key] = 33.0
    pb = replace(pb, demand=demand, previous=(shift("A", 9, 11),))
    inst, pool = _pool(pb)
    kept = pool.add([inst.candidate_of(shift("A", 9, 11))], "repair")
    moved = pool.add([inst.candidate_of(shift("A", 18, 20))], "answered")
    assert kept is not None and moved is not None
    gain = moved.values.answered_scaled / kept.values.answered_scaled - 1
    assert 0 < gain < 0.05
    assert pool.choose(0.05).origin == "repair"  # the gain is inside 5 %: keep
    assert pool.choose(gain / 2).origin == "answered"  # outside: move
    assert pool.choose(0.0).origin == "answered"
