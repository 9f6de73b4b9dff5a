from datetime import date, timedelta

from scheduler.domain import SERVICES, AvailabilityPiece, Horizon, Rules
from scheduler.hours import (
    holiday_name,
    offered_hours,
    offered_intervals,
    offered_slots,
    opening_minutes,
    outside_opening,
    slot_grid,
)


def test_week_slot_counts():
    slots = slot_grid(Horizon(date(2026, 3, 2), 1), Rules())
    assert sum(1 for s in slots if s.service == "fi") == 93
    assert sum(1 for s in slots if s.service == "sv") == 14
    half = slot_grid(Horizon(date(2026, 3, 2), 1), Rules(slot_minutes=30))
    assert len(half) == 2 * len(slots)


def test_spring_dst_sunday_slots_have_summer_offset():
    # Last Sunday of March 2026 is the 29th: clocks 03:00 -> 04:00.
    slots = [
        s
        for s in slot_grid(Horizon(date(2026, 3, 23), 1), Rules(services=("fi",)))
        if s.day == date(2026, 3, 29)
    ]
    assert len(slots) == 9  # 15-24
    assert slots[0].start.isoformat() == "2026-03-29T15:00:00+03:00"
    assert slots[-1].end.isoformat() == "2026-03-30T00:00:00+03:00"
    before = [
        s
        for s in slot_grid(Horizon(date(2026, 3, 23), 1), Rules(services=("fi",)))
        if s.day == date(2026, 3, 28)
    ]
    assert before[0].start.isoformat() == "2026-03-28T15:00:00+02:00"


def test_autumn_dst_sunday_slots_have_winter_offset():
    slots = [
        s
        for s in slot_grid(Horizon(date(2026, 10, 19), 1), Rules(services=("fi",)))
        if s.day == date(2026, 10, 25)
    ]
    assert len(slots) == 9
    assert slots[0].start.isoformat() == "2026-10-25T15:00:00+02:00"
    assert all(s.hours == 1 for s in slots)


def test_holidays_follow_the_setting():
    independence = date(2026, 12, 6)  # a Sunday anyway; use midsummer eve / Christmas Eve
    assert holiday_name(independence)
    xmas_eve = date(2026, 12, 24)  # a Thursday
    assert holiday_name(xmas_eve) is not None
    fi = SERVICES["fi"]
    assert opening_minutes(fi, xmas_eve, "normal") == ((540, 1440),)
    assert opening_minutes(fi, xmas_eve, "weekend") == ((900, 1440),)
    assert opening_minutes(fi, xmas_eve, "closed") == ()
    # Swedish chat on a Thursday holiday follows Sunday: closed
    assert opening_minutes(SERVICES["sv"], xmas_eve, "weekend") == ()


def test_away_removes_and_preferred_wins():
    h = Horizon(date(2026, 3, 2), 2)
    pieces = [
        AvailabilityPiece("A", 18 * 60, 22 * 60, weekday=0),
        AvailabilityPiece("A", 20 * 60, 22 * 60, "preferred", weekday=0),
        AvailabilityPiece("A", 0, 1440, "away", day=date(2026, 3, 9)),
    ]
    intervals = offered_intervals(pieces, h)["A"]
    assert offered_hours(intervals) == (4.0, 2.0)  # only the first Monday is left
    slots = slot_grid(h, Rules(services=("fi",)))
    got = offered_slots(intervals, slots)
    chosen = {slots[i].start.hour: pref for i, pref in got.items()}
    assert chosen == {18: False, 19: False, 20: True, 21: True}
    assert all(slots[i].day == date(2026, 3, 2) for i in got)


def test_time_outside_opening_is_measured():
    h = Horizon(date(2026, 3, 2), 1)
    piece = AvailabilityPiece("A", 7 * 60, 10 * 60, day=date(2026, 3, 2))  # Mon: opens 09
    assert outside_opening(piece, h, Rules()) == 2.0
    sat = AvailabilityPiece("A", 12 * 60, 16 * 60, day=date(2026, 3, 7))  # Sat: sv 16-20, fi 15-24
    assert outside_opening(sat, h, Rules()) == 3.0
    assert date(2026, 3, 7) - timedelta(days=5) == date(2026, 3, 2)
