"""Hypothesis over the new parsers: whatever a cell holds, only the project's own input
errors come out (never a traceback), and a whole file of survey-like or poll-like content
gives an intake with findings, never an exception."""

import contextlib
import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intake_support import load, write_book, write_csv

from scheduler.errors import CellError
from scheduler.intake.layout import header_day, header_slot, header_time
from scheduler.intake.mapping import ColumnMapping, MappingError, meaning
from scheduler.intake.marks import mark_of
from scheduler.intake.rows import days_from_cell
from scheduler.intake.timeparse import TimeFormatError, ranges_from_text, when_from_text

NEAR = date(2026, 3, 2)
WORDS = st.sampled_from(
    ["ma", "ti", "maanantai", "Monday", "måndagar", "2.3.", "2.3.2026", "02/03/2026",
     "March 2026", "Mon 02", "klo", "18", "18-22", "6:00 PM", "– 10:00 PM", "ilta",
     "koko päivä", "kväll", "ei", "går inte", "(OK)", "OK", "Yes", "Under reserve", ";",
     ",", "[", "]", "?", "*", "(p)", "24:00", "0", "31.2.", "25:00", "am", "pm", " "]
)  # fmt: skip
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30),
    st.lists(WORDS, max_size=8).map(" ".join),
    st.lists(WORDS, max_size=8).map("".join),
)
CELL = st.one_of(
    st.none(), TEXT, st.integers(-5, 3000), st.floats(allow_nan=True), st.booleans(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(TEXT, st.text(max_size=30)))
def test_time_text_parsers_raise_only_their_own_error(text):
    for parse in (ranges_from_text, lambda t: when_from_text(t, NEAR)):
        with contextlib.suppress(TimeFormatError):
            parse(text)


@settings(max_examples=300, deadline=None)
@given(value=CELL)
def test_header_readers_never_raise(value):
    header_day(value, NEAR)
    header_day(value, NEAR, (2026, 3))
    header_time(value, None)
    header_slot(value, NEAR, None)


@settings(max_examples=300, deadline=None)
@given(value=CELL, poll=st.booleans())
def test_cell_readers_raise_only_cell_errors(value, poll):
    for parse in (lambda v: mark_of(v, poll), lambda v: days_from_cell(v, NEAR)):
        with contextlib.suppress(CellError):
            parse(value)


JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10), WORDS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
            ["format", "headers", "columns", "column", "header", "means", "header_row",
             "day_parts", "evening", "availability", "x"]), inner, max_size=5)
    ),
    max_leaves=12,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(data=JSON, means=TEXT)
def test_mappings_raise_only_mapping_errors(data, means):
    with contextlib.suppress(MappingError):
        ColumnMapping.from_json(json.loads(json.dumps(data)))
    with contextlib.suppress(MappingError):
        meaning(means, NEAR)


HEADERS = st.sampled_from(
    [
        ["ID", "Start time", "Completion time", "Email", "Name", "When can you on Mondays?"],
        ["Aikaleima", "Nimi", "Milloin? [Maanantai]", "Milloin? [18–20]"],
        [None, "March 2026", None],
        [None, "Mon 02", "Tue 03"],
        ["Day", "Time", "Anna", "Bo"],
        ["Klo", "ma", "ti"],
        ["Nimi", "Vuoro"],
        ["Nimi", "ma 2.3.", "ti 3.3."],
    ]
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(header=HEADERS, rows=st.lists(st.lists(CELL, max_size=6), max_size=6), csv=st.booleans())
def test_survey_and_poll_like_files_give_findings_never_exceptions(tmp_path, header, rows, csv):
    if csv:
        text_rows = [
            [("" if c is None else str(c)).replace("\n", " ") for c in r] for r in [header, *rows]
        ]
        path = write_csv(tmp_path / "fuzz.csv", text_rows, delimiter=";")
    else:
        safe = [
            [" " + c if isinstance(c, str) and c.startswith("=") else c for c in r] for r in rows
        ]
        path = write_book(tmp_path / "fuzz.xlsx", {"S": [header, *safe]})
    intake = load(path)
    names = {p.name for p in intake.people}
    assert all(piece.name in names for piece in intake.availability)
