"""The roster desk without a browser: shift ids, the rule check of a hand assignment,
cancelling from a date, what changed between versions, the publish preview, the drawn week."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from scheduler.domain import HELSINKI, AvailabilityPiece, Horizon, Person, Rules, Shift
from scheduler.hours import slot_grid
from scheduler.publish.calendars import PreviousRoster
from scheduler.roster import UncoveredSlot
from scheduler.store import Plan, RosterVersion
from scheduler.ui.charts import gap_key, parse_gap_key, roster_timeline
from scheduler.ui.components import organisation_name
from scheduler.ui.workflow import (
    MOVED,
    REMOVED,
    assignment_options,
    cancel_from,
    find_shift,
    problem_of,
    publish_preview,
    roster_changes,
    shift_id,
    with_builtin_demand,
    with_people,
)

MONDAY = date(2026, 3, 23)  # the week of the DST Sunday


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day + timedelta(days=hour // 24), time(hour % 24), HELSINKI)


def shift(name: str, day: date, start: int, end: int, service: str = "fi") -> Shift:
    return Shift(name, service, at(day, start), at(day, end))


PEOPLE = (
    Person("Mentori Maija", organisation="MIELI", mentor=True),
    Person("Uusi Ulla", organisation="MIELI", trainee=True),
    Person("Kiireinen Kalle", organisation="SPR", max_hours=4),
    Person("Svensk Sven", organisation="", languages=("sv",)),
)


def plan() -> Plan:
    pieces = tuple(
        AvailabilityPiece(p.name, 14 * 60, 24 * 60, weekday=d) for p in PEOPLE for d in range(7)
    )
    base = Plan("Test", Horizon(MONDAY, 1), Rules(), PEOPLE, pieces, id=1)
    return with_builtin_demand(base)


def version(shifts) -> RosterVersion:
    return RosterVersion(1, tuple(shifts), "EDITED", id=7)


def test_a_shift_id_is_stable_and_names_exactly_one_shift():
    a = shift("Kiireinen Kalle", MONDAY, 18, 22)
    assert shift_id(a) == shift_id(shift("Kiireinen Kalle", MONDAY, 18, 22))
    others = [shift("Kiireinen Kalle", MONDAY, 18, 21), shift("Uusi Ulla", MONDAY, 18, 22)]
    assert len({shift_id(s) for s in [a, *others]}) == 3
    assert find_shift([*others, a], shift_id(a)) == a
    assert find_shift(others, shift_id(a)) is None


def test_the_rule_check_of_an_assignment_speaks_the_checkers_words():
    p = plan()
    kalle = shift("Kiireinen Kalle", MONDAY, 18, 22)  # his max_hours are used up
    v = version([kalle])
    options = {
        o.person.name: o
        for o in assignment_options(
            p, v, "fi", at(MONDAY + timedelta(1), 18), at(MONDAY + timedelta(1), 20)
        )
    }
    assert options["Mentori Maija"].free and options["Mentori Maija"].preferred is False
    (over,) = options["Kiireinen Kalle"].breaks
    assert over.rule == "max_hours" and "(4 h)" in str(over)
    # A trainee alone breaks the mentor rule; beside the mentor, free.
    (alone,) = options["Uusi Ulla"].breaks
    assert alone.rule == "trainee_beside_mentor" and "without a mentor" in str(alone)
    with_mentor = version([kalle, shift("Mentori Maija", MONDAY + timedelta(1), 18, 22)])
    beside = {
        o.person.name: o
        for o in assignment_options(
            p, with_mentor, "fi", at(MONDAY + timedelta(1), 18), at(MONDAY + timedelta(1), 20)
        )
    }
    assert beside["Uusi Ulla"].free
    # Sven does not speak Finnish: the language rule, as the checker says it.
    (speaks,) = options["Svensk Sven"].breaks
    assert speaks.rule == "language" and "Svensk Sven" in str(speaks)


def test_cancelling_from_a_date_marks_the_person_away_and_lists_what_leaves():
    p = plan()
    early, late = (
        shift("Uusi Ulla", MONDAY, 18, 20),
        shift("Uusi Ulla", MONDAY + timedelta(4), 18, 20),
    )
    changed, leaving = cancel_from(
        p.but(pins=(late,)), version([early, late]), "Uusi Ulla", MONDAY + timedelta(2)
    )
    assert leaving == [late] and changed.pins == ()
    away = sorted(a.day for a in changed.availability if a.preference == "away")
    assert away == [MONDAY + timedelta(d) for d in range(2, 7)]
    offered = problem_of(changed)
    grid = [s for s in slot_grid(offered.horizon, offered.rules) if s.day >= MONDAY + timedelta(2)]
    assert grid  # no re-plan can place her again: every later slot is outside her time
    from scheduler.solve.instance import build_instance

    inst = build_instance(offered)
    ulla = inst.person_index()["Uusi Ulla"]
    assert all(inst.slots[i].day < MONDAY + timedelta(2) for i in inst.offered[ulla])


def test_what_changed_between_two_versions_by_person_and_day():
    a = shift("Mentori Maija", MONDAY, 18, 22)
    b = shift("Uusi Ulla", MONDAY + timedelta(1), 18, 20)
    moved = shift("Mentori Maija", MONDAY, 16, 20)
    new = shift("Svensk Sven", MONDAY + timedelta(3), 14, 18, "sv")
    changes = roster_changes([a, b], [moved, new])
    kinds = {(c.kind, c.name) for c in changes}
    assert kinds == {(MOVED, "Mentori Maija"), (REMOVED, "Uusi Ulla"), ("added", "Svensk Sven")}
    move = next(c for c in changes if c.kind == MOVED)
    assert (move.before, move.after) == (a, moved)


def test_the_publish_preview_reaches_people_who_left_in_their_language():
    p = plan()
    kept = shift("Mentori Maija", MONDAY, 18, 22)
    gone = shift("Lähtenyt Lasse", MONDAY + timedelta(2), 14, 18, "sv")
    then = {
        "Lähtenyt Lasse": Person("Lähtenyt Lasse", email="lasse@example.org", languages=("sv",))
    }
    news = {
        n.name: n
        for n in publish_preview(problem_of(p), [kept], PreviousRoster([kept, gone], then))
    }
    assert news["Lähtenyt Lasse"].cancelled == (gone,)
    assert (
        news["Lähtenyt Lasse"].language == "sv"
        and news["Lähtenyt Lasse"].email == "lasse@example.org"
    )
    assert news["Mentori Maija"].unchanged == 1 and not news["Mentori Maija"].any
    first = publish_preview(problem_of(p), [kept], PreviousRoster())
    assert first[0].new == (kept,)  # nothing published yet: all new


def test_a_version_keeps_who_its_people_were_even_after_they_left():
    p = plan()
    gone = shift("Lähtenyt Lasse", MONDAY, 18, 22)
    earlier = (Person("Lähtenyt Lasse", organisation="SPR", languages=("sv",)),)
    v = with_people(version([gone, shift("Mentori Maija", MONDAY, 18, 22)]), p, earlier)
    assert [x.name for x in v.people] == ["Lähtenyt Lasse", "Mentori Maija"]
    assert v.people[0].organisation == "SPR"


def test_the_drawn_week_has_a_bar_a_shift_and_a_clickable_red_bar_a_gap():
    maija = shift("Mentori Maija", MONDAY, 18, 22)
    ulla = shift("Uusi Ulla", MONDAY, 18, 20)
    gap = UncoveredSlot("fi", at(MONDAY, 22), at(MONDAY, 23), 0, 1, "nobody offered it")
    people = {p.name: p for p in PEOPLE}
    fig = roster_timeline(
        [maija, ulla], people, [MONDAY], gaps=[gap], key_of=shift_id
    ).to_plotly_json()
    keys = {c[0] for trace in fig["data"] for c in trace["customdata"]}
    assert keys == {shift_id(maija), shift_id(ulla), gap_key("fi", gap.start, gap.end)}
    texts = [t for trace in fig["data"] for t in trace["text"]]
    assert "Mentori Maija ★" in texts and "Uusi Ulla ◇" in texts
    lanes = {t: y for trace in fig["data"] for t, y in zip(trace["text"], trace["y"], strict=True)}
    assert lanes["Mentori Maija ★"] != lanes["Uusi Ulla ◇"]  # overlapping: two lanes
    assert parse_gap_key(gap_key("fi", gap.start, gap.end)) == ("fi", gap.start, gap.end)
    assert parse_gap_key(shift_id(maija)) is None


def test_no_organisation_reads_as_words():
    assert organisation_name("(none)") == "no organisation given"
    assert organisation_name("MIELI") == "MIELI"


def test_removing_a_mentors_shift_names_the_trainee_it_leaves_alone():
    from scheduler.ui.workflow import edit_check, outcome_of

    p = plan()
    maija = shift("Mentori Maija", MONDAY, 18, 22)
    ulla = shift("Uusi Ulla", MONDAY, 18, 20)
    outcome = outcome_of(p, version([maija, ulla]))
    after, breaks = edit_check(outcome, remove=[maija])
    assert after == [ulla]
    (alone,) = breaks
    assert alone.rule == "trainee_beside_mentor" and alone.person == "Uusi Ulla"
    assert "without a mentor" in str(alone)
    assert edit_check(outcome, remove=[ulla])[1] == ()
