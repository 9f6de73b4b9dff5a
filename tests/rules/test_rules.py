"""Each hard rule: a tiny case where it binds, solved by CP-SAT, the greedy and the local
search alike (every method must keep it, and CP-SAT reach the optimum worked out in the
comment), and a roster that breaks it, which the checker names. A registry test fails
when a rule lacks any of its parts or its test here.

Demand is 33 contacts an hour where given, so one person on duty answers ``per_hour(1)``
≈ 0.83 contacts an hour and two ``per_hour(2)``.
"""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest
from solve_cases import MONDAY, offer, people, per_hour, problem, rules, shift

from scheduler.domain import Person
from scheduler.problem import build_instance, goal_values
from scheduler.roster import Roster
from scheduler.rules import (
    RULES,
    BuiltInRule,
    LimitRule,
    Rule,
    Violation,
    check,
)
from scheduler.solve import solve
from scheduler.solve.greedy import greedy
from scheduler.solve.improve import improve

EVENING = range(17, 24)
TUESDAY = MONDAY.replace(day=3)
METHODS = ("cpsat", "greedy", "local_search")


def run(method: str, pb) -> Roster:
    """The roster ``method`` makes for ``pb``; it must keep every rule."""
    inst = build_instance(pb)
    if method == "cpsat":
        result = solve(pb, time_limit=5, workers=1, instance=inst)
        assert result.status == "OPTIMAL"
        roster = result.roster
    elif method == "greedy":
        roster = Roster.of(inst.shift(c) for c in greedy(inst, by="goals"))
    else:  # the local search from the pins alone: it adds, moves and keeps by itself
        chosen = improve(inst, list(inst.pins), seconds=2)
        roster = Roster.of(inst.shift(c) for c in chosen)
    assert check(inst, roster) == []
    return roster


def hours(roster: Roster) -> list[tuple[int, int]]:
    return sorted((s.start.hour, s.end.hour or 24) for s in roster)


def answered(pb, roster: Roster) -> float:
    return goal_values(build_instance(pb), roster).answered


def broken(pb, shifts) -> list[Violation]:
    return check(build_instance(pb), shifts)


def only(violations: list[Violation], rule: str) -> list[Violation]:
    found = [v for v in violations if v.rule == rule]
    assert found, f"{rule} not reported in {violations}"
    return found


# --------------------------------------------------------------------------- the rules


@pytest.mark.parametrize("method", METHODS)
def test_known_person(method):
    # Z worked 18–20 before but is no longer in the plan; A offers 18–20. No method
    # places Z; CP-SAT (a re-plan here) puts A there: 2 × per_hour(1).
    pb = problem(
        people("A"), [offer("A", 18, 20)], demand_hours=[18, 19], previous=(shift("Z", 18, 20),)
    )
    roster = run(method, pb)
    assert {s.name for s in roster} <= {"A"}
    if method == "cpsat":
        assert hours(roster) == [(18, 20)]
    (v,) = only(broken(pb, [shift("Z", 18, 20)]), "known_person")
    assert (
        v.person == "Z" and str(v) == "Z, Sekasin-chat Mon 2 Mar 18:00–20:00: Z is not in the plan"
    )


@pytest.mark.parametrize("method", METHODS)
def test_open_hours(method):
    # A offers 07–11 on Monday; the chat opens at 09:00: only 09–11 can be worked.
    pb = problem(people("A"), [offer("A", 7, 11)], demand_hours=[7, 8, 9, 10])
    roster = run(method, pb)
    assert hours(roster) == [(9, 11)]
    (v,) = only(broken(pb, [shift("A", 7, 9)]), "open_hours")
    assert v.shift == shift("A", 7, 9) and "outside the chat's open hours" in str(v)


@pytest.mark.parametrize("method", METHODS)
def test_offered_time(method):
    # A offers 18–21; demand 17–24. Best: one 3-hour shift 18–21 (max length 4, but only
    # 3 hours offered): 3 × per_hour(1) ≈ 2.5.
    pb = problem(people("A"), [offer("A", 18, 21)], demand_hours=EVENING)
    roster = run(method, pb)
    assert all(a >= 18 and b <= 21 for a, b in hours(roster))
    if method == "cpsat":
        assert hours(roster) == [(18, 21)]
        assert answered(pb, roster) == pytest.approx(3 * per_hour(1), rel=1e-9)
    (v,) = only(broken(pb, [shift("A", 19, 22)]), "offered_time")
    assert "outside the time A offered" in str(v)


@pytest.mark.parametrize("method", METHODS)
def test_language(method):
    # The Swedish chat is open Monday 14–19 and only it has demand. Finnish-only F offers
    # 14–18 and is never placed there; Swedish-speaking S is: one 4-hour shift.
    sv = rules(services=("fi", "sv"))
    pb = problem(
        [Person("F"), Person("S", languages=("fi", "sv"))],
        [offer("F", 14, 18), offer("S", 14, 18)],
        demand_hours=range(14, 19),
        service="sv",
        rules=sv,
    )
    roster = run(method, pb)
    assert [s.name for s in roster if s.service == "sv"] == ["S"]
    if method == "cpsat":
        assert answered(pb, roster) == pytest.approx(4 * per_hour(1))
    (v,) = only(broken(pb, [shift("F", 14, 16, service="sv")]), "language")
    assert str(v) == (
        "F, Sekasin-chatten Mon 2 Mar 14:00–16:00: F does not speak the language of Sekasin-chatten"
    )


@pytest.mark.parametrize("method", METHODS)
def test_shift_length(method):
    # One offered hour is shorter than the 2-hour minimum: no shift at all. Six offered
    # hours: shifts of at most 4 hours (CP-SAT: one 4-hour shift, 4 × per_hour(1)).
    short = problem(people("A"), [offer("A", 18, 19)], demand_hours=EVENING)
    assert len(run(method, short)) == 0
    long = problem(people("A"), [offer("A", 17, 23)], demand_hours=EVENING)
    roster = run(method, long)
    assert roster and all(2 <= s.hours <= 4 for s in roster)
    if method == "cpsat":
        assert [s.hours for s in roster] == [4.0]
    # a person's own bounds win over the plan's
    own = problem(
        [Person("A", min_shift_hours=1, max_shift_hours=1)],
        [offer("A", 18, 19)],
        demand_hours=EVENING,
    )
    assert [s.hours for s in run(method, own)] == [1.0]
    (v,) = only(broken(long, [shift("A", 17, 22)]), "shift_length")
    assert "5 h is outside the allowed 2–4 h" in str(v)


@pytest.mark.parametrize("method", METHODS)
def test_forbidden(method):
    # A offers 18–22; 18–20 is forbidden: the best left is 20–22, 2 × per_hour(1).
    pb = problem(
        people("A"), [offer("A", 18, 22)], demand_hours=range(18, 22), forbids=(shift("A", 18, 20),)
    )
    roster = run(method, pb)
    assert hours(roster) == [(20, 22)]
    (v,) = only(broken(pb, [shift("A", 19, 21)]), "forbidden")
    assert "overlaps the forbidden shift A, Sekasin-chat Mon 2 Mar 18:00–20:00" in str(v)


@pytest.mark.parametrize("method", METHODS)
def test_one_shift_a_day(method):
    # A offers 09–12 and 18–21; demand in both. One shift a day: 3 × per_hour(1).
    pb = problem(
        people("A"), [offer("A", 9, 12), offer("A", 18, 21)], demand_hours=[9, 10, 11, 18, 19, 20]
    )
    roster = run(method, pb)
    assert len(roster) == 1
    if method == "cpsat":
        assert answered(pb, roster) == pytest.approx(3 * per_hour(1))
    (v,) = only(broken(pb, [shift("A", 9, 11), shift("A", 18, 20)]), "one_shift_a_day")
    assert v.shift == shift("A", 18, 20) and "a second shift on Mon 2 Mar" in str(v)


@pytest.mark.parametrize("method", METHODS)
def test_one_service_at_a_time(method):
    # Bilingual B offers 14–18 when both chats are open, demand in both: B works one chat
    # at a time (CP-SAT: the Finnish one, where the demand is larger).
    sv = rules(services=("fi", "sv"))
    pb = problem(
        [Person("B", languages=("fi", "sv"))],
        [offer("B", 14, 18)],
        demand_hours=range(14, 18),
        rules=sv,
    )
    pb = replace(pb, demand={**pb.demand, **_swedish(pb, range(14, 18), 5.0)})
    roster = run(method, pb)
    assert len(roster) == 1
    if method == "cpsat":
        assert [s.service for s in roster] == ["fi"]
    found = only(
        broken(pb, [shift("B", 14, 16), shift("B", 15, 17, service="sv")]), "one_service_at_a_time"
    )
    assert "overlaps B, Sekasin-chat Mon 2 Mar 14:00–16:00" in str(found[0])


def _swedish(pb, hours_, contacts):
    from scheduler.hours import slot_grid

    return {
        s.key: contacts
        for s in slot_grid(pb.horizon, pb.rules)
        if s.service == "sv" and s.start.date() == MONDAY and s.start.hour in hours_
    }


def _both_days(pb):
    """The same problem with the Monday demand repeated on Tuesday."""
    demand = dict(pb.demand)
    demand.update({(svc, start.replace(day=3)): c for (svc, start), c in pb.demand.items()})
    return replace(pb, demand=demand)


@pytest.mark.parametrize("method", METHODS)
def test_max_hours(method):
    # A offers 18–22 on Monday and Tuesday; max_hours 5 allows 3 + 2 hours (not 4 + 4):
    # CP-SAT answers 5 × per_hour(1). Without the limit: 8 hours.
    pieces = [offer("A", 18, 22), offer("A", 18, 22, day=TUESDAY)]
    capped = _both_days(problem([Person("A", max_hours=5)], pieces, demand_hours=range(18, 22)))
    roster = run(method, capped)
    assert roster.hours <= 5
    if method == "cpsat":
        assert roster.hours == 5
        assert answered(capped, roster) == pytest.approx(5 * per_hour(1))
        free = _both_days(problem([Person("A")], pieces, demand_hours=range(18, 22)))
        assert run(method, free).hours == 8
    (v,) = only(broken(capped, [shift("A", 18, 22), shift("A", 18, 22, day=TUESDAY)]), "max_hours")
    assert v.shift is None and str(v) == "A: 8 h in the plan period, more than their maximum (5 h)"


@pytest.mark.parametrize("method", METHODS)
def test_max_hours_per_week(method):
    # The same two evenings with max_hours_per_week 3: one 3-hour shift, 3 × per_hour(1).
    pb = _both_days(
        problem(
            [Person("A", max_hours_per_week=3)],
            [offer("A", 18, 22), offer("A", 18, 22, day=TUESDAY)],
            demand_hours=range(18, 22),
        )
    )
    roster = run(method, pb)
    assert roster.hours <= 3
    if method == "cpsat":
        assert roster.hours == 3
    (v,) = only(
        broken(pb, [shift("A", 18, 20), shift("A", 18, 20, day=TUESDAY)]), "max_hours_per_week"
    )
    assert str(v) == ("A: 4 h in the week from Mon 2 Mar, more than their maximum a week (3 h)")


@pytest.mark.parametrize("method", METHODS)
def test_max_shifts_per_week(method):
    # Two evenings offered, one shift a week allowed: one 4-hour shift.
    pb = _both_days(
        problem(
            [Person("A", max_shifts_per_week=1)],
            [offer("A", 18, 22), offer("A", 18, 22, day=TUESDAY)],
            demand_hours=range(18, 22),
        )
    )
    roster = run(method, pb)
    assert len(roster) == 1
    if method == "cpsat":
        assert answered(pb, roster) == pytest.approx(4 * per_hour(1))
    (v,) = only(
        broken(pb, [shift("A", 18, 20), shift("A", 18, 20, day=TUESDAY)]), "max_shifts_per_week"
    )
    assert str(v) == "A: 2 shifts in the week from Mon 2 Mar, more than their maximum a week (1)"


@pytest.mark.parametrize("method", METHODS)
def test_trainee_beside_mentor(method):
    # Trainee T offers 18–22, mentor M only 20–22. T may work only 20–22 beside M: two
    # people then, 2 × per_hour(2); nothing in 18–20 (T alone is not allowed).
    team = [Person("T", trainee=True), Person("M", mentor=True)]
    pb = problem(team, [offer("T", 18, 22), offer("M", 20, 22)], demand_hours=range(18, 22))
    roster = run(method, pb)
    assert sorted((s.name, s.start.hour, s.end.hour) for s in roster) == [
        ("M", 20, 22),
        ("T", 20, 22),
    ]
    if method == "cpsat":
        assert answered(pb, roster) == pytest.approx(2 * per_hour(2))
    # without a mentor the trainee is not placed at all
    alone = problem([Person("T", trainee=True)], [offer("T", 18, 22)], demand_hours=range(18, 22))
    assert len(run(method, alone)) == 0
    (v,) = only(broken(pb, [shift("T", 18, 20)]), "trainee_beside_mentor")
    assert str(v) == "T, Sekasin-chat Mon 2 Mar 18:00–20:00: a trainee without a mentor at 18:00"


@pytest.mark.parametrize("method", METHODS)
def test_pins_kept(method):
    # A offers 09–13 and 18–22; demand only in the evening. Pinning 09–11 keeps it, and the
    # evening is lost to one shift a day: nothing answered.
    pieces = [offer("A", 9, 13), offer("A", 18, 22)]
    pb = problem(people("A"), pieces, demand_hours=range(18, 22), pins=(shift("A", 9, 11),))
    roster = run(method, pb)
    assert hours(roster) == [(9, 11)]
    (v,) = only(broken(pb, []), "pins_kept")
    assert str(v) == "A, Sekasin-chat Mon 2 Mar 09:00–11:00: pinned but not in the roster"
    # a pin outside the offered time is not kept, and the result says which rule it breaks
    odd = problem(people("A"), pieces, demand_hours=range(18, 22), pins=(shift("A", 14, 16),))
    inst = build_instance(odd)
    assert inst.pins == () and "outside the time A offered" in str(inst.notes[0])
    if method == "cpsat":
        result = solve(odd, time_limit=5, workers=1)
        assert hours(result.roster) == [(18, 22)]
        assert "a pin is not kept" in str(result.notes[0])


# --------------------------------------------------------------------------- the registry


def test_every_rule_has_its_three_parts_and_its_own_test():
    here = sys.modules[__name__]
    names = [r.name for r in RULES]
    assert len(set(names)) == len(names)
    for rule in RULES:
        cls = type(rule)
        assert isinstance(cls.words, str) and cls.words, rule.name
        for part in ("rows", "check", "fits"):
            assert getattr(cls, part) is not getattr(Rule, part), f"{rule.name} lacks {part}"
        if isinstance(rule, BuiltInRule):
            assert cls.admits is not BuiltInRule.admits, f"{rule.name} lacks admits"
        if isinstance(rule, LimitRule):
            assert cls.limit is not LimitRule.limit and cls.breach is not LimitRule.breach
        test = getattr(here, f"test_{rule.name}", None)
        assert callable(test), f"no test_{rule.name} in {__name__}"
        marks = getattr(test, "pytestmark", [])
        methods = [m.args[1] for m in marks if m.name == "parametrize" and m.args[0] == "method"]
        assert methods and tuple(methods[0]) == METHODS, f"test_{rule.name} runs every method"
    # and no test here claims a rule that does not exist
    claimed = {n[5:] for n in dir(here) if n.startswith("test_") and "every_rule" not in n}
    others = {
        "candidates_are_admitted",
        "fits_agrees_with_the_checker",
        "rows_agree_with_the_checker",
    }
    assert claimed <= set(names) | others


def _mixed_week():
    """busy_week with a Swedish speaker, the Swedish chat, forbids and a pin."""
    from solve_cases import busy_week

    pb = busy_week(n_people=10)
    team = (*pb.people, Person("Sv", languages=("fi", "sv"), max_hours=6))
    pieces = (*pb.availability, offer("Sv", 14, 19), offer("Sv", 14, 19, day=TUESDAY))
    return replace(
        pb,
        people=team,
        availability=pieces,
        rules=replace(pb.rules, services=("fi", "sv")),
        forbids=(shift("V1", 18, 20, day=TUESDAY),),
    )


def test_candidates_are_admitted():
    # the builder makes exactly the shifts the built-in rules admit
    pb = _mixed_week()
    inst = build_instance(pb)
    assert inst.candidates
    for rule in RULES:
        if isinstance(rule, BuiltInRule):
            assert all(rule.admits(inst, c) for c in inst.candidates), rule.name
    assert check(inst, [inst.shift(c) for c in inst.candidates if c.length == 2][:1]) == []


def test_fits_agrees_with_the_checker():
    # Adding shifts at random: a rule's ``fits`` says no exactly when the checker then
    # reports a new breach of that rule.
    import random

    from scheduler.rules import tally

    pb = _mixed_week()
    inst = build_instance(pb)
    rng = random.Random(3)
    state = tally(inst)
    shifts: list = []
    seen = {r.name: [0, 0] for r in state.rules}
    for _ in range(300):
        c = rng.randrange(len(inst.candidates))
        before = {v.key for v in check(inst, shifts)}
        after = check(inst, [*shifts, inst.shift(c)])
        new = {v.rule for v in after if v.key not in before}
        for rule in state.rules:
            fits = rule.fits(state, c)
            assert fits == (rule.name not in new), (rule.name, inst.label(c))
            seen[rule.name][fits] += 1
        if not new:
            state.add(c)
            shifts.append(inst.shift(c))
    # every rule that can break was seen both ways
    for name in ("one_shift_a_day", "max_hours", "max_shifts_per_week", "trainee_beside_mentor"):
        assert all(seen[name]), (name, seen[name])


def test_rows_agree_with_the_checker():
    # A roster keeps every row the solver posts exactly when the checker finds nothing.
    import random

    from scheduler.rules import rows

    pb = _mixed_week()
    inst = build_instance(pb)
    posted = list(rows(inst, inst.pins))
    rng = random.Random(5)
    agree = {True: 0, False: 0}
    for _ in range(200):
        chosen = set(rng.sample(range(len(inst.candidates)), rng.randrange(0, 12)))
        keeps = all(
            (r.lower is None or total >= r.lower) and (r.upper is None or total <= r.upper)
            for r in posted
            for total in [
                sum(
                    (1 if r.coefs is None else r.coefs[i])
                    for i, c in enumerate(r.cands)
                    if c in chosen
                )
            ]
        )
        clean = not check(inst, [inst.shift(c) for c in chosen])
        assert keeps == clean, sorted(inst.label(c) for c in chosen)
        agree[clean] += 1
    assert agree[True] and agree[False]
