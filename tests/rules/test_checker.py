"""The checker for a roster desk: a change's new breaches, who could take a shift."""

from __future__ import annotations

from solve_cases import MONDAY, at, offer, problem, shift

from scheduler.domain import Person
from scheduler.rules import Checker, assignment_options, check_added_shift

TUESDAY = MONDAY.replace(day=3)


def _team():
    team = [
        Person("Anna", max_hours=4),
        Person("Ben"),
        Person("Trainee", trainee=True),
        Person("Mentor", mentor=True),
        Person("Sven", languages=("sv",)),
    ]
    pieces = [
        offer("Anna", 16, 22),
        offer("Anna", 16, 22, day=TUESDAY),
        offer("Ben", 18, 22),
        offer("Trainee", 18, 22),
        offer("Mentor", 18, 22),
        offer("Sven", 18, 22),
    ]
    return problem(team, pieces, demand_hours=range(18, 22))


def test_who_could_take_a_shift_and_which_rules_each_would_break():
    pb = _team()
    roster = [shift("Anna", 16, 20, day=TUESDAY), shift("Mentor", 20, 22)]
    options = assignment_options(pb, roster, "fi", at(MONDAY, 18), at(MONDAY, 20))
    by_name = {p.name: {v.rule for v in broken} for p, broken in options}
    assert by_name["Ben"] == set()  # free
    assert by_name["Anna"] == {"max_hours"}  # 4 h on Tuesday already
    assert by_name["Trainee"] == {"trainee_beside_mentor"}  # the mentor comes at 20
    assert by_name["Mentor"] == {"one_shift_a_day"}  # on at 20–22 that day
    assert by_name["Sven"] == {"language"}
    assert [p.name for p, broken in options if not broken][0] == "Ben"  # the free first
    anna = dict((p.name, b) for p, b in options)["Anna"]
    assert str(anna[0]) == "Anna: 6 h in the plan period, more than their maximum (4 h)"


def test_a_change_reports_only_what_it_breaks():
    pb = _team()
    checker = Checker(pb)
    roster = [shift("Mentor", 18, 22), shift("Trainee", 18, 20), shift("Sven", 18, 20)]
    assert {v.rule for v in checker.check(roster)} == {"language"}  # Sven, already
    # taking the mentor out leaves the trainee alone (and nothing else is new)
    broken = checker.check_change(roster, remove=[shift("Mentor", 18, 22)])
    assert [(v.rule, v.person) for v in broken] == [("trainee_beside_mentor", "Trainee")]
    # swapping the mentor's evening for Ben's keeps every rule
    assert (
        checker.check_change(roster, add=[shift("Ben", 18, 22)], remove=[shift("Sven", 18, 20)])
        == []
    )
    assert check_added_shift(pb, roster, shift("Ben", 19, 21)) == []
