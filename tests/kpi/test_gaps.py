"""Why an open slot below its minimum stayed short, in the rules' words."""

from __future__ import annotations

from solve_cases import MONDAY, at, offer, problem, rules, shift

from scheduler.domain import Person
from scheduler.i18n import use_language
from scheduler.kpi import explain_gaps
from scheduler.solve import solve


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
    assert limit.detail == "Capped: at most a person's hours in the plan period"
    assert gaps[("fi", at(MONDAY, 20))].reason == "no mentor for a trainee"
    assert gaps[("fi", at(MONDAY, 23))].detail == (
        "Brief: shifts within the shortest and longest length"
    )
    # FiOnly could still be placed at 14–16 in the Finnish chat: the optimiser would have
    assert gaps[("fi", at(MONDAY, 14))].reason == "not placed"
    # the same in Finnish, for the coordinator
    with use_language("fi"):
        assert limit.why() == "tarjoajat ovat rajoissaan"
        assert limit.detail_words().startswith("Capped: ")


def test_one_shift_a_day_and_other_chat_as_reasons():
    pb = problem(
        [Person("A", languages=("fi", "sv"))],
        [offer("A", 9, 12), offer("A", 14, 18)],
        rules=rules(min_staff=1, services=("fi", "sv")),
    )
    roster = [shift("A", 14, 18, service="sv")]
    gaps = {(u.service, u.start): u for u in explain_gaps(pb, roster)}
    assert gaps[("fi", at(MONDAY, 9))].detail == "A: one shift a day"
    assert gaps[("fi", at(MONDAY, 15))].detail == "A: one chat at a time"


def test_a_forbid_is_a_reason():
    pb = problem(
        [Person("A")],
        [offer("A", 18, 20)],
        rules=rules(min_staff=1),
        forbids=(shift("A", 18, 20),),
    )
    gap = next(u for u in explain_gaps(pb, []) if u.start == at(MONDAY, 18))
    assert gap.detail == "A: never a forbidden shift"


def test_an_optimal_roster_leaves_no_slot_not_placed():
    # four people with 3 hours each cannot give 2 on duty through 15–22 (14 staff-hours)
    team = [Person(f"P{i}", max_hours=3) for i in range(4)]
    pieces = [offer(p.name, 15, 22) for p in team]
    pb = problem(team, pieces, demand_hours=range(15, 22), rules=rules(min_staff=2))
    result = solve(pb, time_limit=5, workers=1)
    monday = [u for u in result.uncovered if u.start.date() == MONDAY and 15 <= u.start.hour < 22]
    assert monday and all(u.reason == "those who offered it are at a limit" for u in monday)


def test_a_shift_the_candidates_do_not_hold_still_counts_against_the_limits():
    # B's roster shift lies outside their offered time (a hand edit): it still uses up B's
    # max_hours, so B is at a limit at 20–22, not "could still be placed"
    pb = problem(
        [Person("B", max_hours=2)],
        [offer("B", 20, 22)],
        rules=rules(min_staff=1),
    )
    gap = next(u for u in explain_gaps(pb, [shift("B", 9, 11)]) if u.start == at(MONDAY, 20))
    assert gap.reason == "those who offered it are at a limit"
