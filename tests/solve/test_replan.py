"""Re-planning against a previous roster: keep what still fits, move few shifts.

A re-plan may answer up to ``rules.replan_tolerance`` (0.5 % by default) fewer expected
contacts than the best roster found, and be that much less even in hours, when that keeps
people's shifts where they were; goals 1–2 and people's min_hours never give way. The
previous roster, repaired, is the answer until something better by more than that is
found, so a re-plan never reshuffles, however short its time.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from solve_cases import MONDAY, busy_week, offer, people, per_hour, problem, rules, shift

from scheduler.domain import HELSINKI, DomainError, Person, Rules
from scheduler.hours import slot_grid
from scheduler.kpi import evaluate, violations
from scheduler.problem import ANSWER_SCALE, build_instance
from scheduler.solve import replan, solve
from scheduler.solve.greedy import greedy
from scheduler.solve.model import RosterModel


def _stage(result, name):
    record = result.stage(name)
    assert record is not None, f"stage {name} did not run"
    return record


def _with_tolerance(pb, tolerance):
    return replace(pb, rules=replace(pb.rules, replan_tolerance=tolerance))


@pytest.fixture(scope="module")
def first_week():
    pb = busy_week()
    first = solve(pb, time_limit=10, workers=1)
    assert first.status == "OPTIMAL"
    return pb, first


@pytest.mark.parametrize("seconds", [0.3, 1.0, 10.0])
def test_same_input_keeps_every_shift(first_week, seconds):
    pb, first = first_week
    again = solve(replace(pb, previous=first.roster.shifts), time_limit=seconds, workers=1)
    assert set(again.roster.shifts) == set(first.roster.shifts)
    assert again.breakdown["changes"] == 0
    assert again.objective == pytest.approx(first.objective)
    n = len(first.roster)
    record = again.replan
    assert (record.previous, record.kept, record.cancelled, record.moved, record.added) == (
        n,
        n,
        0,
        0,
        0,
    )
    assert again.notes_text("en")[0].startswith(f"re-plan: {n} of {n} previous shifts kept")


def test_a_replan_stopped_at_once_returns_the_kept_roster(first_week):
    import threading

    pb, first = first_week
    stop = threading.Event()
    stop.set()
    again = solve(replace(pb, previous=first.roster.shifts), time_limit=30, workers=1, stop=stop)
    assert again.status == "STOPPED"
    assert set(again.roster.shifts) == set(first.roster.shifts)


def _cancel_busiest(pb, first):
    gone = max(first.roster.hours_by_person().items(), key=lambda kv: kv[1])[0]
    pieces = tuple(p for p in pb.availability if p.name != gone)
    return gone, replace(pb, availability=pieces, previous=first.roster.shifts)


def test_one_cancellation_moves_few_other_shifts(first_week):
    pb, first = first_week
    gone, replan = _cancel_busiest(pb, first)
    second = solve(replan, time_limit=10, workers=1)
    assert second.status == "OPTIMAL"
    assert violations(replan, second.roster) == []
    old, new = set(first.roster.shifts), set(second.roster.shifts)
    cancelled = {s for s in old if s.name == gone}
    moved, added = (old - new) - cancelled, new - old
    assert len(cancelled) == 5 and not (cancelled & new)
    assert second.breakdown["changes"] == len(old ^ new)
    # The mentor's 5 shifts go, and goals 1–2 alone need a few more changes (the trainee has
    # no mentor beside them any more; supervision): the ``keep`` stage proves that fewest
    # (8 of the other 30 shifts here). Goals 3–4 move nothing more within the tolerance;
    # strictly first they move more.
    assert _stage(second, "keep").status == "OPTIMAL"
    fewest = _stage(second, "keep").objective
    assert second.breakdown["changes"] == fewest
    assert second.replan.fewest == fewest and second.replan.fewest_proven
    # cancelled: the mentor's 5, and the trainee's that have no mentor beside them now
    alone = [
        v.shift for v in violations(replan_pb_without(replan, old - cancelled), old - cancelled)
    ]
    assert alone and all(s.name == "Trainee" for s in alone)
    assert second.replan.cancelled == 5 + len(alone)
    assert second.replan.changes == fewest
    assert len(moved) + len(added) < len(old) - len(cancelled)
    strict = solve(_with_tolerance(replan, 0.0), time_limit=10, workers=1)
    assert strict.breakdown["changes"] > second.breakdown["changes"]
    # goals 1–2 held exactly, goal 3 within the tolerance of the best found
    assert second.breakdown["cover"] == _stage(second, "cover").objective
    best = _stage(second, "answered").objective
    # (the stages count whole 1/ANSWER_SCALE units rounded per slot: 0.01 is room for that)
    assert second.objective >= best * (1 - replan.rules.replan_tolerance) - 0.01
    assert evaluate(replan, second.roster).breakdown == second.breakdown


def replan_pb_without(pb, shifts):
    """``pb`` as a fresh plan (no previous roster): only the rules are checked."""
    return replace(pb, previous=())


def _two_windows(morning: float, evening: float):
    """A can work 2 hours, Monday 09–11 (``morning`` contacts an hour) or 18–20; A worked
    09–11 in the previous roster."""
    rule = rules()
    demand = {}
    for slot in slot_grid(problem([], []).horizon, rule):
        local = slot.start.astimezone(HELSINKI)
        if local.date() == MONDAY and local.hour in (9, 10):
            demand[slot.key] = morning
        elif local.date() == MONDAY and local.hour in (18, 19):
            demand[slot.key] = evening
    pb = problem(
        [Person("A", max_hours=2)],
        [offer("A", 9, 11), offer("A", 18, 20)],
        rules=rule,
        previous=(shift("A", 9, 11),),
    )
    return replace(pb, demand=demand)


@pytest.mark.parametrize(
    "morning,tolerance,hour",
    [
        # evening answers 2 × per_hour(1, 33) = 1.6664, morning 2 × per_hour(1, 25) = 1.6655:
        # 0.05 % fewer, inside 0.5 %, so A stays in the morning (0 changes) ...
        (25.0, 0.005, 9),
        # ... but with no tolerance goal 3 comes strictly first: A moves (2 changes)
        (25.0, 0.0, 18),
        # morning 2 × per_hour(1, 2) = 1.27 is 24 % fewer: A moves whatever the tolerance
        (2.0, 0.005, 18),
    ],
)
def test_tolerance_decides_whether_a_small_gain_moves_a_shift(morning, tolerance, hour):
    pb = _with_tolerance(_two_windows(morning, 33.0), tolerance)
    result = solve(pb, time_limit=5, workers=1)
    assert [(s.name, s.start.hour) for s in result.roster] == [("A", hour)]
    assert result.breakdown["changes"] == (0 if hour == 9 else 2)
    contacts = morning if hour == 9 else 33.0
    assert result.objective == pytest.approx(2 * per_hour(1, contacts), abs=1e-3)


def test_min_hours_shortfall_is_never_loosened():
    # No demand anywhere, so only goal 4 cares. M (min_hours 2) is new and offers 18–20;
    # B worked 18–20 before. Goal 4 alone: M works (no shortfall), B does not (Σ hours²).
    # Loosened by any amount, goal 5 would keep B and leave M out, but M's min_hours hold.
    pb = problem(
        [Person("M", min_hours=2), Person("B")],
        [offer("M", 18, 20), offer("B", 18, 20)],
        previous=(shift("B", 18, 20),),
    )
    inst = build_instance(pb)
    for keep, expected in ((0, {"B", "M"}), (None, {"B"})):
        model = RosterModel(inst, inst.pins)
        balance = model.goal("balance")
        outcome = model.run(balance, seconds=5, workers=1)
        assert outcome.status == "OPTIMAL" and outcome.value == 4 + 10 * 2  # M: 2², 2 h
        model.fix(balance, outcome.value)
        model.relax(balance, 10**6, keep=keep)
        changes = model.run(model.goal("changes"), seconds=5, workers=1)
        assert {inst.shift(c).name for c in changes.chosen} == expected


def test_loosening_lets_a_fixed_goal_be_worse_by_the_amount_only():
    pb = problem(people("A", "B"), [offer("A", 18, 20), offer("B", 18, 20)], demand_hours=[18, 19])
    inst = build_instance(pb)
    model = RosterModel(inst)
    answered = model.goal("answered")
    best = model.run(answered, seconds=5, workers=1).value  # both on: 2 × per_hour(2)
    assert best == pytest.approx(2 * per_hour(2) * ANSWER_SCALE, abs=2)
    model.fix(answered, best)
    one = round(2 * per_hour(1) * ANSWER_SCALE)  # one person fewer answers this much less
    model.relax(answered, best - one - 10)  # not quite enough room to drop a person
    assert len(model.run(model.goal("changes"), seconds=5, workers=1).chosen) == 2
    model.relax(answered, 20)  # now there is
    assert len(model.run(model.goal("changes"), seconds=5, workers=1).chosen) == 1


def test_repairing_the_previous_roster_keeps_a_trainee_listed_before_the_mentor():
    pb = problem(
        [Person("T", trainee=True), Person("Mo", mentor=True)],
        [offer("T", 18, 20), offer("Mo", 18, 22)],
    )  # no demand: nothing is filled up
    inst = build_instance(pb)
    trainee = inst.candidate_of(shift("T", 18, 20))
    mentor = inst.candidate_of(shift("Mo", 18, 22))
    assert trainee is not None and mentor is not None
    assert {trainee, mentor} <= set(greedy(inst, start=[trainee, mentor]))


def test_replan_after_a_cancellation_changes_only_what_staffing_needs(first_week):
    # The coordinator takes out one volunteer's shifts (they cancelled): those go and the
    # taken-out times are forbidden to them. With a wide tolerance the other changes are
    # the fewest the minimum staff and supervision need (proven by the keep stage); with
    # the default 0.5 % more change only because they answer more than 0.5 % more.
    pb, first = first_week
    gone = [s for s in first.roster if s.name == "V3"]
    assert gone
    wide = replan(_with_tolerance(pb, 0.1), first.roster, removed=gone, time_limit=5, workers=1)
    assert not set(gone) & set(wide.roster)
    assert wide.replan.cancelled == len(gone)
    assert wide.replan.fewest_proven and wide.replan.changes == wide.replan.fewest
    assert violations(replace(pb, forbids=tuple(gone)), wide.roster) == []
    again = replan(pb, first.roster, removed=gone, time_limit=5, workers=1)
    assert again.replan.changes >= wide.replan.changes
    if again.replan.changes > wide.replan.changes:
        assert again.objective > wide.objective * (1 + pb.rules.replan_tolerance)
    assert again.breakdown["cover"] == wide.breakdown["cover"]


def test_tolerance_is_a_share_up_to_ten_percent():
    assert Rules().replan_tolerance == 0.005
    for bad in (-0.01, 0.2):
        with pytest.raises(DomainError, match="replan_tolerance"):
            Rules(replan_tolerance=bad)
