"""Each hard rule: a tiny instance where it binds (the solver keeps it) and a roster that
breaks it (the rule checker names it). Demand is 33 contacts an hour where given, so one
person on duty answers ``per_hour(1)`` ≈ 0.857 contacts an hour and two ``per_hour(2)``.
"""

from __future__ import annotations

import pytest
from solve_cases import MONDAY, at, offer, people, per_hour, problem, rules, shift

from scheduler.domain import Person
from scheduler.kpi import violations
from scheduler.solve import solve

EVENING = range(17, 24)


def _solve(pb):
    result = solve(pb, time_limit=5, workers=1)
    assert result.status == "OPTIMAL"
    assert violations(pb, result.roster) == []
    return result


def test_inside_offered_time_and_open_hours():
    # A offers 18–21 on Monday; demand 17–24. Best: one 3-hour shift 18–21 (max length 4,
    # but only 3 hours offered): objective 3 × per_hour(1) ≈ 2.571.
    pb = problem(people("A"), [offer("A", 18, 21)], demand_hours=EVENING)
    result = _solve(pb)
    assert [(s.start, s.end) for s in result.roster] == [(at(MONDAY, 18), at(MONDAY, 21))]
    assert result.objective == pytest.approx(3 * per_hour(1), rel=1e-9)
    # breaking it: a shift past the offered time, and one before the chat opens (09:00)
    broken = violations(pb, [shift("A", 19, 22)])
    assert broken and "outside the time A offered" in broken[0]
    assert "open hours" in violations(pb, [shift("A", 7, 9)])[0]


def test_language_per_service():
    # The Swedish chat is open Monday 14–19. Fi-only F offers 14–18 and cannot be placed
    # (objective 0); Swedish-speaking S can: one 4-hour shift, 4 × per_hour(1).
    sv = rules(services=("fi", "sv"))
    fi_only = problem(
        [Person("F")], [offer("F", 14, 18)], demand_hours=range(14, 19), service="sv", rules=sv
    )
    assert [s.service for s in _solve(fi_only).roster if s.service == "sv"] == []
    both = problem(
        [Person("S", languages=("fi", "sv"))],
        [offer("S", 14, 18)],
        demand_hours=range(14, 19),
        service="sv",
        rules=sv,
    )
    result = _solve(both)
    assert [s.service for s in result.roster] == ["sv"]
    assert result.objective == pytest.approx(4 * per_hour(1))
    broken = violations(fi_only, [shift("F", 14, 16, service="sv")])
    assert broken == ["F sv 2026-03-02 14:00–16:00: F does not speak sv"]


def test_shift_length():
    # One offered hour is shorter than the 2-hour minimum: no shift, objective 0.
    short = problem(people("A"), [offer("A", 18, 19)], demand_hours=EVENING)
    assert len(_solve(short).roster) == 0
    # Six offered hours: one shift of the 4-hour maximum, 4 × per_hour(1).
    long = problem(people("A"), [offer("A", 17, 23)], demand_hours=EVENING)
    result = _solve(long)
    assert [s.hours for s in result.roster] == [4.0]
    assert result.objective == pytest.approx(4 * per_hour(1))
    assert "outside 2–4 h" in violations(long, [shift("A", 17, 22)])[0]
    # a person's own bounds win over the rule's
    own = problem(
        [Person("A", min_shift_hours=1, max_shift_hours=1)],
        [offer("A", 18, 19)],
        demand_hours=EVENING,
    )
    assert [s.hours for s in _solve(own).roster] == [1.0]


def test_one_shift_a_day():
    # A offers 09–12 and 18–21; demand in both. Only one shift a day: 3 × per_hour(1).
    pb = problem(
        people("A"), [offer("A", 9, 12), offer("A", 18, 21)], demand_hours=[9, 10, 11, 18, 19, 20]
    )
    result = _solve(pb)
    assert len(result.roster) == 1
    assert result.objective == pytest.approx(3 * per_hour(1))
    broken = violations(pb, [shift("A", 9, 11), shift("A", 18, 20)])
    assert any("a second shift on 2026-03-02" in b for b in broken)


def test_one_service_at_a_time():
    # Bilingual B offers 14–18 when both chats are open; demand in both services. B works
    # one of them: 4 hours at per_hour(1) (the Finnish demand, the larger).
    sv = rules(services=("fi", "sv"))
    pb = problem(
        [Person("B", languages=("fi", "sv"))],
        [offer("B", 14, 18)],
        demand_hours=range(14, 18),
        rules=sv,
    )
    result = _solve(pb)
    assert [s.service for s in result.roster] == ["fi"]
    assert result.objective == pytest.approx(4 * per_hour(1))
    broken = violations(pb, [shift("B", 14, 16), shift("B", 15, 17, service="sv")])
    assert any("overlaps B fi 2026-03-02 14:00–16:00" in b for b in broken)


def test_max_hours():
    # A offers 18–22 on Monday and Tuesday; max_hours 5 allows 3 + 2 hours (not 4 + 4):
    # objective 5 × per_hour(1). Without the limit: 8 × per_hour(1).
    tuesday = MONDAY.replace(day=3)
    pieces = [offer("A", 18, 22), offer("A", 18, 22, day=tuesday)]

    def pb(person, day):
        return problem([person], pieces, demand_hours=range(18, 22), day=day)

    capped = solve(_both_days(pb(Person("A", max_hours=5), MONDAY)), time_limit=5, workers=1)
    assert capped.roster.hours == 5
    assert capped.objective == pytest.approx(5 * per_hour(1))
    free = solve(_both_days(pb(Person("A"), MONDAY)), time_limit=5, workers=1)
    assert free.roster.hours == 8
    broken = violations(
        pb(Person("A", max_hours=5), MONDAY), [shift("A", 18, 22), shift("A", 18, 22, day=tuesday)]
    )
    assert broken == ["A: 8 h is over max_hours 5"]


def _both_days(pb):
    """The same problem with the Monday demand repeated on Tuesday."""
    demand = dict(pb.demand)
    demand.update({(svc, start.replace(day=3)): c for (svc, start), c in pb.demand.items()})
    return type(pb)(pb.horizon, pb.rules, pb.people, pb.availability, demand)


def test_max_hours_per_week():
    # The same two evenings with max_hours_per_week 3: one 3-hour shift, 3 × per_hour(1).
    tuesday = MONDAY.replace(day=3)
    pb = _both_days(
        problem(
            [Person("A", max_hours_per_week=3)],
            [offer("A", 18, 22), offer("A", 18, 22, day=tuesday)],
            demand_hours=range(18, 22),
        )
    )
    result = _solve(pb)
    assert result.roster.hours == 3
    assert result.objective == pytest.approx(3 * per_hour(1))
    broken = violations(pb, [shift("A", 18, 20), shift("A", 18, 20, day=tuesday)])
    assert broken == ["A: 4 h in week 1 is over max_hours_per_week 3"]


def test_max_shifts_per_week():
    # Two evenings offered, one shift a week allowed: one 4-hour shift, 4 × per_hour(1).
    tuesday = MONDAY.replace(day=3)
    pb = _both_days(
        problem(
            [Person("A", max_shifts_per_week=1)],
            [offer("A", 18, 22), offer("A", 18, 22, day=tuesday)],
            demand_hours=range(18, 22),
        )
    )
    result = _solve(pb)
    assert len(result.roster) == 1
    assert result.objective == pytest.approx(4 * per_hour(1))
    broken = violations(pb, [shift("A", 18, 20), shift("A", 18, 20, day=tuesday)])
    assert broken == ["A: 2 shifts in week 1 is over max_shifts_per_week 1"]


def test_trainee_only_beside_a_mentor():
    # Trainee T offers 18–22, mentor M only 20–22. T may work only 20–22 beside M:
    # two people in 20–22 → 2 × per_hour(2); nothing in 18–20 (T alone is not allowed).
    team = [Person("T", trainee=True), Person("M", mentor=True)]
    pb = problem(team, [offer("T", 18, 22), offer("M", 20, 22)], demand_hours=range(18, 22))
    result = _solve(pb)
    assert sorted((s.name, s.start.hour, s.end.hour) for s in result.roster) == [
        ("M", 20, 22),
        ("T", 20, 22),
    ]
    assert result.objective == pytest.approx(2 * per_hour(2))
    # without a mentor the trainee is not placed at all: objective 0
    alone = problem([Person("T", trainee=True)], [offer("T", 18, 22)], demand_hours=range(18, 22))
    assert len(_solve(alone).roster) == 0
    broken = violations(pb, [shift("T", 18, 20)])
    assert broken == ["T fi 2026-03-02 18:00–20:00: trainee without a mentor at 18:00"]


def test_pins_kept():
    # A offers 09–13 and 18–22; demand only in the evening. Pinning 09–11 keeps it, and the
    # evening is lost to one shift a day: objective 0 (no demand in the morning).
    pieces = [offer("A", 9, 13), offer("A", 18, 22)]
    pb = problem(people("A"), pieces, demand_hours=range(18, 22), pins=(shift("A", 9, 11),))
    result = _solve(pb)
    assert [(s.start.hour, s.end.hour) for s in result.roster] == [(9, 11)]
    assert result.objective == 0
    assert violations(pb, []) == ["A fi 2026-03-02 09:00–11:00: pinned but not in the roster"]
    # a pin outside the offered time is not kept, and the result says so
    odd = problem(people("A"), pieces, demand_hours=range(18, 22), pins=(shift("A", 14, 16),))
    result = _solve(odd)
    assert [(s.start.hour, s.end.hour) for s in result.roster] == [(18, 22)]
    assert result.notes and "not kept" in result.notes[0]


def test_forbids_never_used():
    # A offers 18–22; 18–20 is forbidden: the best left is 20–22, 2 × per_hour(1).
    pb = problem(
        people("A"), [offer("A", 18, 22)], demand_hours=range(18, 22), forbids=(shift("A", 18, 20),)
    )
    result = _solve(pb)
    assert [(s.start.hour, s.end.hour) for s in result.roster] == [(20, 22)]
    assert result.objective == pytest.approx(2 * per_hour(1))
    broken = violations(pb, [shift("A", 19, 21)])
    assert broken and "overlaps the forbidden" in broken[0]
