"""The shared problem model: built once, never changed, the same for every user."""

from __future__ import annotations

import dataclasses

import pytest
from solve_cases import busy_week, offer, per_hour, problem, shift

from scheduler.domain import Person
from scheduler.problem import ANSWER_SCALE, build_instance, goal_values


def test_the_instance_does_not_change_after_it_is_built():
    inst = build_instance(busy_week())
    with pytest.raises(dataclasses.FrozenInstanceError):
        inst.pins = ()  # type: ignore[misc]
    assert isinstance(inst.candidates, tuple) and isinstance(inst.covering[0], tuple)


def test_every_slot_has_its_whole_curve_from_the_start():
    # Twelve people offer 18–20 at a busy hour: the curve counts all twelve on duty,
    # whatever shorter curve anyone asked for first.
    names = "ABCDEFGHIJKL"
    pb = problem([Person(n) for n in names], [offer(n, 18, 20) for n in names], demand_hours=[18])
    inst = build_instance(pb)
    slot = next(s for s, c in enumerate(inst.contacts) if c)
    assert len(inst.scaled_curve(slot)) == 13
    assert inst.curve(slot, 2) == inst.curves[slot]  # asking for less returns the whole
    assert inst.scaled[slot][1] == round(ANSWER_SCALE * per_hour(1))
    # a roster from elsewhere may put more on than could be: the curve goes on as far
    assert inst.answered(slot, 20) > inst.answered(slot, 12)


def test_goal_values_in_the_goal_order():
    pb = problem([Person("A")], [offer("A", 18, 20)], demand_hours=[18, 19])
    inst = build_instance(pb)
    empty, one = goal_values(inst, []), goal_values(inst, [shift("A", 18, 20)])
    assert one.key() < empty.key()  # more answered, same staffing: better
    assert one.value("answered") == -one.answered_scaled


def test_candidate_labels_read_like_the_roster():
    pb = problem([Person("Anna")], [offer("Anna", 18, 20)])
    inst = build_instance(pb)
    assert inst.label(0) == "Anna fi 2026-03-02 18:00+2"
