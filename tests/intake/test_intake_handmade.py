"""Hand-made layouts: sign-up lists (a row a shift), dated columns, a weekly calendar with
names in the cells, weekday numbers written as text, explicit no, and day-part words through
one visible, editable table of hours."""

from datetime import date

import pytest
from intake_support import hours, load, pieces, texts, write_book, write_csv

from scheduler.cli import main
from scheduler.intake import DEFAULT_DAY_PARTS

ARGS = ["--start", "2026-03-02", "--weeks", "4"]


@pytest.mark.parametrize(
    "header",
    [["Nimi", "Sähköposti", "Vuoro"], ["Namn", "E-post", "Pass"], ["Name", "Email", "Shift"]],
)
def test_signup_list_with_the_shift_in_one_cell(tmp_path, header):
    rows = [
        header,
        ["Anna Virtanen", "anna@example.org", "ma 2.3. klo 18–22"],
        ["Anna Virtanen", "anna@example.org", "ke 4.3. klo 18–22"],
        ["Bo Ek", None, "to 5.3.2026 9-12"],
        ["Bo Ek", None, "la 7.3. 16.00–20.00"],
    ]
    intake = load(write_book(tmp_path / "signup.xlsx", {"Ilmoittautumiset": rows}))
    assert not intake.findings.errors, intake.findings.items
    assert intake.sheets[0].shape == "signup"
    assert [p.name for p in intake.people] == ["Anna Virtanen", "Bo Ek"]
    assert intake.people[0].email == "anna@example.org"
    assert pieces(intake, "Anna Virtanen") == [
        (None, date(2026, 3, 2), 1080, 1320, "available"),
        (None, date(2026, 3, 4), 1080, 1320, "available"),
    ]
    assert hours(intake, "Bo Ek") == (7.0, 0.0)
    assert not any("listed again" in f.text() for f in intake.findings.warnings)


def test_signup_list_with_date_and_time_in_two_columns(tmp_path):
    rows = [
        ["Päivämäärä", "Klo", "Nimi"],
        ["2.3.2026", "18-22", "Anna Virtanen"],
        [date(2026, 3, 3), "9–12", "Bo Ek"],
        ["4.3.", "ilta", "Anna Virtanen"],
    ]
    intake = load(write_csv(tmp_path / "vuorot.csv", rows, delimiter=";"))
    assert not intake.findings.errors, intake.findings.items
    assert pieces(intake, "Anna Virtanen") == [
        (None, date(2026, 3, 2), 1080, 1320, "available"),
        (None, date(2026, 3, 4), 1020, 1260, "available"),
    ]
    assert pieces(intake, "Bo Ek") == [(None, date(2026, 3, 3), 540, 720, "available")]


def test_signup_shift_with_the_wrong_weekday_is_an_error_at_its_cell(tmp_path):
    rows = [["Nimi", "Vuoro"], ["Anna Virtanen", "ti 2.3. klo 18–22"]]
    intake = load(write_book(tmp_path / "s.xlsx", {"S": rows}))
    found = texts(intake.findings.errors)
    assert "Mon 2 Mar 2026 is not a Tuesday" in found["s.xlsx › S › B2"]


@pytest.mark.parametrize(
    "label",
    ["ma 2.3.", "2.3.", "2.3.2026", "maanantai 2.3.", "må 2.3.", "Mon 2 Mar", "2 March 2026"],
)
def test_dated_columns(tmp_path, label):
    rows = [["Nimi", label, "ti 3.3."], ["Eetu Aalto", "18-22", "ei"]]
    intake = load(write_book(tmp_path / "d.xlsx", {"S": rows}))
    assert not intake.findings.errors, intake.findings.items
    assert pieces(intake, "Eetu Aalto") == [(None, date(2026, 3, 2), 1080, 1320, "available")]


def test_a_dated_column_whose_weekday_is_wrong_is_an_error(tmp_path):
    rows = [["Nimi", "ti 2.3."], ["Eetu Aalto", "18-22"]]
    found = texts(load(write_book(tmp_path / "d.xlsx", {"S": rows})).findings.errors)
    assert "says Tuesday, but Mon 2 Mar 2026 is a Monday" in found["d.xlsx › S › B1"]


@pytest.mark.parametrize(
    "header",
    [
        ["Klo", "ma", "ti", "ke", "to"],
        ["Tid", "må", "ti", "on", "to"],
        ["Time", "Mon", "Tue", "Wed", "Thu"],
    ],
)
def test_weekly_calendar_with_names_in_the_cells(tmp_path, header):
    rows = [
        ["Vuorot viikko 10"],
        header,
        ["9-12", "Anna Virtanen", None, "Bo Ek", None],
        ["18-22", "Bo Ek, Cilla Nieminen", "Anna Virtanen", None, "Cilla Nieminen\nBo Ek"],
    ]
    intake = load(write_book(tmp_path / "kalenteri.xlsx", {"Viikko": rows}))
    assert not intake.findings.errors, intake.findings.items
    assert intake.sheets[0].shape == "calendar"
    assert sorted(p.name for p in intake.people) == ["Anna Virtanen", "Bo Ek", "Cilla Nieminen"]
    assert pieces(intake, "Bo Ek") == [
        (0, None, 1080, 1320, "available"),
        (2, None, 540, 720, "available"),
        (3, None, 1080, 1320, "available"),
    ]
    assert hours(intake, "Cilla Nieminen") == (32.0, 0.0)


def test_weekday_numbers_written_as_text(tmp_path):
    people = [["name"], ["Bo Ek"]]
    avail = [["name", "weekday", "start", "end"], ["Bo Ek", "2", "18:00", "22:00"], ["Bo Ek", " 6 ", "16", "20"]]  # fmt: skip
    intake = load(write_book(tmp_path / "n.xlsx", {"People": people, "Availability": avail}))
    assert not intake.findings.errors, intake.findings.items
    assert pieces(intake, "Bo Ek") == [
        (1, None, 1080, 1320, "available"),
        (5, None, 960, 1200, "available"),
    ]


@pytest.mark.parametrize("no", ["ei", "ei käy", "går inte", "nej", "no", "-", "Ei käy."])
def test_explicit_no_is_no_time_without_an_error(tmp_path, no):
    rows = [["Nimi", "ma", "ti"], ["Bo Ek", no, "18-22"]]
    intake = load(write_book(tmp_path / "f.xlsx", {"S": rows}))
    assert not intake.findings.errors and not intake.findings.warnings
    assert pieces(intake, "Bo Ek") == [(1, None, 1080, 1320, "available")]


@pytest.mark.parametrize(
    ("words", "part"),
    [
        (("aamu", "morgon", "morning"), "morning"),
        (("päivä", "eftermiddag", "afternoon"), "daytime"),
        (("ilta", "kväll", "evening"), "evening"),
        (("koko päivä", "hela dagen", "all day"), "all_day"),
    ],
)
def test_day_part_words_in_three_languages(tmp_path, words, part):
    start, end = DEFAULT_DAY_PARTS[part]
    rows = [["Nimi", "ma", "ti", "ke"], ["Bo Ek", *words]]
    intake = load(write_book(tmp_path / "f.xlsx", {"S": rows}))
    assert not intake.findings.errors
    assert pieces(intake, "Bo Ek") == [(d, None, start, end, "available") for d in (0, 1, 2)]
    assert intake.parts_used == {part: 3}


def test_day_part_hours_are_the_plans_to_change(tmp_path, capsys):
    rows = [["Nimi", "ma"], ["Bo Ek", "ilta"]]
    path = write_book(tmp_path / "f.xlsx", {"S": rows})
    intake = load(path, day_parts={"evening": (18 * 60, 24 * 60)})
    assert pieces(intake, "Bo Ek") == [(0, None, 1080, 1440, "available")]
    # the check report prints the table it used
    assert main(["check", str(path), *ARGS, "--lang", "fi"]) == 0
    out = capsys.readouterr().out
    assert "ilta / kväll / evening = 17.00–21.00 (1 solu)" in out
