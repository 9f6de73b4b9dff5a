from datetime import date, datetime

import pytest

from scheduler.domain import (
    HELSINKI,
    SERVICES,
    AvailabilityPiece,
    DomainError,
    Horizon,
    Person,
    Problem,
    Rules,
    Shift,
)


def test_opening_hours_are_the_published_ones():
    assert SERVICES["fi"].weekly_open_hours == 93
    assert SERVICES["sv"].weekly_open_hours == 14


def test_person_checks_itself():
    with pytest.raises(DomainError, match="role"):
        Person("A", role="boss")
    with pytest.raises(DomainError, match="language"):
        Person("A", languages=("de",))
    with pytest.raises(DomainError, match="min_hours is above"):
        Person("A", min_hours=10, max_hours=4)
    assert Person("Anna Ö", email="Anna@X.fi").key == "anna@x.fi"
    assert Person("  Anna   Öberg ").key == "anna öberg"


def test_person_shift_bounds_fall_back_to_rules():
    rules = Rules()
    assert Person("A").shift_bounds(rules) == (2, 4)
    assert Person("A", max_shift_hours=3).shift_bounds(rules) == (2, 3)


def test_rules_reject_shift_lengths_off_the_slot_grid():
    with pytest.raises(DomainError):
        Rules(slot_minutes=60, min_shift_hours=1.5)
    Rules(slot_minutes=30, min_shift_hours=1.5)
    with pytest.raises(DomainError):
        Rules(slot_minutes=45)


def test_piece_needs_forward_range():
    with pytest.raises(DomainError, match="forwards"):
        AvailabilityPiece("A", 22 * 60, 18 * 60, weekday=0)
    with pytest.raises(DomainError):
        AvailabilityPiece("A", 60, 120)  # neither date nor weekday


def test_horizon_weeks():
    h = Horizon(date(2026, 3, 2), 4)
    assert h.end == date(2026, 3, 30)
    assert len(h.days) == 28
    assert h.week_of(date(2026, 3, 9)) == 1
    with pytest.raises(DomainError):
        Horizon(date(2026, 3, 2), 0)


def test_shift_hours_use_real_elapsed_time_on_dst_night():
    # 2026-10-25: clocks go back 04:00 -> 03:00, so midnight to 06:00 is seven hours.
    s = Shift(
        "A",
        "fi",
        datetime(2026, 10, 25, 0, tzinfo=HELSINKI),
        datetime(2026, 10, 25, 6, tzinfo=HELSINKI),
    )
    assert s.hours == 7


def test_problem_rejects_unknown_people_in_availability():
    with pytest.raises(DomainError, match="not listed"):
        Problem(
            Horizon(date(2026, 3, 2), 1),
            Rules(),
            (Person("A"),),
            (AvailabilityPiece("B", 600, 720, weekday=0),),
        )
