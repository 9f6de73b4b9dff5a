"""Calendars write each event once and reuse its bytes: the files are still byte for byte
what one icalendar object per file (the straightforward way) gives."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from test_publish_fixtures import (
    PEOPLE,
    SPRING,
    SWEDISH_ONLY,
    TRICKY,
    problem,
    result,
    shift,
    spring_shifts,
)

from scheduler.domain import Person
from scheduler.publish.calendars import (
    EventCache,
    PreviousRoster,
    calendar,
    calendar_ical,
    plan_calendars,
    plan_entries,
    write_calendars,
)

NOW = datetime(2026, 3, 16, 9, 30, tzinfo=UTC)
NEW_YEAR = date(2026, 12, 28)  # a Monday: the plan's second week is in 2027


def replan_case():
    """A re-plan with every state: kept, changed, added, cancelled; a person who left (in
    Swedish), a person who moved organisation, a Swedish-only person, formula-like text."""
    prob = problem()
    kept = shift("Anna Virtanen", SPRING, 18, 22)
    moved_org = shift("Matti Meikäläinen", SPRING + timedelta(3), 18, 22)
    longer = shift("Åsa Öberg", SPRING, 14, 18, "sv")
    gone = [shift("Left Already", SPRING + timedelta(d), 18, 22) for d in (1, 2)]
    dropped = shift(TRICKY, SPRING, 9, 12)
    previous = PreviousRoster(
        [kept, moved_org, longer, dropped, *gone],
        {
            "Left Already": Person("Left Already", organisation="MIELI ry", languages=("sv",)),
            "Matti Meikäläinen": Person("Matti Meikäläinen", organisation="SPR"),
        },
    )
    now = [
        kept,
        moved_org,
        shift("Åsa Öberg", SPRING, 14, 17, "sv"),
        shift(SWEDISH_ONLY, SPRING + timedelta(3), 14, 18, "sv"),
        shift("Anna Virtanen", SPRING + timedelta(6), 18, 22),  # the spring DST day
        shift(TRICKY, SPRING + timedelta(1), 15, 19),
    ]
    return prob, result(prob, now), previous


def straightforward(planned, contact_info):
    """Each file as one icalendar object, every event built for it."""
    return {
        plan.path: calendar(
            plan.title,
            plan.entries,
            plan.span,
            stamp=planned.stamp,
            contact_info=contact_info,
            shared=plan.shared,
            lang=plan.lang,
        ).to_ical()
        for plan in planned.plans
    }


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
@pytest.mark.parametrize("contact", [None, "Ninchat, kanava #chat-tiimi"])
def test_every_file_is_byte_for_byte_the_straightforward_calendar(tmp_path, lang, contact):
    prob, res, previous = replan_case()
    files = write_calendars(
        tmp_path, prob, res, previous=previous, now=NOW, lang=lang, contact_info=contact
    )
    planned = plan_calendars(tmp_path, prob, res, previous=previous, now=NOW, lang=lang)
    expected = straightforward(planned, contact)
    written = sorted(tmp_path.rglob("*.ics"))
    assert written == sorted(expected) == sorted(files.paths())
    # all.ics; Anna, Matti, Åsa, Björn, the formula-like name, who left; MIELI ry, SPR (Matti's
    # old one), Röda Korset, @org
    assert len(written) == 1 + 6 + 4
    for path in written:
        assert path.read_bytes() == expected[path], path.relative_to(tmp_path)


def test_a_first_publish_across_the_new_year_is_the_straightforward_calendar(tmp_path):
    prob = problem(NEW_YEAR, weeks=2)
    shifts = [
        shift(person.name, NEW_YEAR + timedelta(days=3 + 2 * i), 18, 22)
        for i, person in enumerate(PEOPLE)
    ]
    res = result(prob, shifts)
    write_calendars(tmp_path, prob, res, now=NOW)
    planned = plan_calendars(tmp_path, prob, res, now=NOW)
    expected = straightforward(planned, None)
    assert sorted(tmp_path.rglob("*.ics")) == sorted(expected)
    for path, data in expected.items():
        assert path.read_bytes() == data
        assert data.count(b"BEGIN:STANDARD") >= 2  # the VTIMEZONE covers 2026 and 2027


def test_an_event_in_several_calendars_is_built_once_per_language_and_kind(tmp_path):
    prob = problem()
    shifts = spring_shifts()
    entries = plan_entries(shifts, [], bump=1, replan=False)
    span = (prob.horizon.start, prob.horizon.end)
    cache = EventCache(stamp=NOW, contact_info=None)
    everything = calendar_ical("all", entries, span, events=cache, shared=True, lang="fi")
    assert cache.built == len(shifts)
    anna = [e for e in entries if e.shift.name == "Anna Virtanen"]
    shared_again = calendar_ical("org", anna, span, events=cache, shared=True, lang="fi")
    assert cache.built == len(shifts)  # the organisation's file reuses all.ics's events
    own = calendar_ical("own", anna, span, events=cache, shared=False, lang="fi")
    assert cache.built == len(shifts) + len(anna)  # the person's own summary differs
    calendar_ical("own sv", anna, span, events=cache, shared=False, lang="sv")
    assert cache.built == len(shifts) + 2 * len(anna)
    for name, part, shared in (("all", entries, True), ("org", anna, True), ("own", anna, False)):
        reference = calendar(
            name, part, span, stamp=NOW, contact_info=None, shared=shared, lang="fi"
        ).to_ical()
        assert {"all": everything, "org": shared_again, "own": own}[name] == reference
