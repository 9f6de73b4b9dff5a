from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduler.intake.timeparse import (
    TimeFormatError,
    TimeRange,
    clock_from_cell,
    date_in_text,
    ranges_from_cell,
    ranges_from_text,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("18-22", [(1080, 1320)]),
        ("klo 15–19, 21–24", [(900, 1140), (1260, 1440)]),
        ("9.00-12.00", [(540, 720)]),
        ("16:30–20", [(990, 1200)]),
        ("20 — 24:00", [(1200, 1440)]),
        ("18-00", [(1080, 1440)]),  # midnight written as 00
        ("kl. 14−19 och 20-22", [(840, 1140), (1200, 1320)]),
        ("1800-2200", [(1080, 1320)]),
        ("17 to 21", [(1020, 1260)]),
    ],
)
def test_free_text_ranges(text, expected):
    assert [(r.start, r.end) for r in ranges_from_text(text)] == expected


def test_preferred_marks():
    assert ranges_from_text("18-22 *") == [TimeRange(1080, 1320, True)]
    assert ranges_from_text("18-22 (toive), 9-12") == [
        TimeRange(1080, 1320, True),
        TimeRange(540, 720, False),
    ]
    assert ranges_from_text("18-22 p")[0].preferred


@pytest.mark.parametrize("text", ["", "  ", "-", "ei", "Nej", "no"])
def test_nothing_offered(text):
    assert ranges_from_text(text) == []


@pytest.mark.parametrize(
    "text, words",
    [
        ("25:00-26", "not a time of day"),
        ("18-25", "not a time of day"),
        ("22–18", "runs backwards"),
        ("18:75-20", "minutes"),
        ("24:00-", "cannot read"),
        ("18", "cannot read"),
        ("sometimes", "cannot read"),
        ("18-18", "empty range"),
        ("24-24", "starts at 24:00"),
        ("18-22 (maybe)", "remark"),
    ],
)
def test_bad_ranges_say_what_was_expected(text, words):
    with pytest.raises(TimeFormatError, match=words):
        ranges_from_text(text)


@pytest.mark.parametrize(
    "value, minute",
    [
        (time(18, 0), 1080),
        (time(9, 30), 570),
        (0.75, 1080),  # Excel day fraction
        (18, 1080),  # a plain number of hours
        (0, 0),
        ("24:00", 1440),
        (datetime(1899, 12, 31, 0, 0), 1440),  # Excel's 1.0 read by openpyxl: 24:00
        (datetime(2026, 3, 2, 18, 15), 1095),
        (timedelta(hours=24), 1440),
        ("klo 9.15", 555),
    ],
)
def test_clock_cells(value, minute):
    assert clock_from_cell(value) == minute


@pytest.mark.parametrize("value", [25, 18.3, -1, True, "25:00", float("nan"), [1]])
def test_bad_clock_cells(value):
    with pytest.raises(TimeFormatError):
        clock_from_cell(value)


def test_single_values_are_not_ranges():
    with pytest.raises(TimeFormatError, match="single value"):
        ranges_from_cell(18)
    assert ranges_from_cell(None) == []


def test_dates_without_year_land_near_the_plan():
    near = date(2026, 3, 2)
    assert date_in_text("ma 2.3.", near) == date(2026, 3, 2)
    assert date_in_text("30.12.", date(2027, 1, 4)) == date(2026, 12, 30)
    assert date_in_text("2026-03-29", near) == date(2026, 3, 29)
    assert date_in_text("maanantai", near) is None
    with pytest.raises(TimeFormatError):
        date_in_text("31.2.2026", near)


@given(st.text(max_size=40))
def test_fuzz_ranges_only_raise_time_format_errors(text):
    try:
        ranges = ranges_from_text(text)
    except TimeFormatError:
        return
    for r in ranges:
        assert 0 <= r.start < r.end <= 1440


@given(
    st.one_of(
        st.text(max_size=12),
        st.integers(),
        st.floats(),
        st.times(),
        st.booleans(),
        st.none(),
        st.timedeltas(),
    )
)
def test_fuzz_clock_cells_only_raise_time_format_errors(value):
    try:
        minute = clock_from_cell(value)
    except TimeFormatError:
        return
    assert 0 <= minute <= 1440


@given(
    st.from_regex(
        r"(klo )?[0-9]{1,2}([:.][0-9]{2})?\s?[-–]\s?[0-9]{1,2}([:.][0-9]{2})?", fullmatch=True
    )
)
def test_fuzz_range_shaped_text(text):
    try:
        ranges = ranges_from_text(text)
    except TimeFormatError as exc:
        assert str(exc)
        return
    assert len(ranges) == 1 and ranges[0].start < ranges[0].end
