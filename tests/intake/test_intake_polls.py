"""Poll exports: Doodle (month, day and time rows, OK / (OK), a Count row), Framadate CSV
(UTF-8 with BOM, CRLF, a date row and a moment row, Yes / Under reserve / No) and
When2meet-style extracts (Day;Time; then a column a person, 15-minute rows of 1/0)."""

from datetime import date

import pytest
from intake_support import hours, load, pieces, texts, write_book, write_csv

MAR2, MAR3, MAR7 = date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 7)


def doodle_rows(month="March 2026"):
    return [
        ["Päivystysvuorot maaliskuu"],
        ["https://doodle.com/poll/abc"],
        [None, month, None, None, None],
        [None, "Mon 02", "Mon 02", "Tue 03", "Sat 07"],
        [None, "6:00 PM – 8:00 PM", "8:00 PM – 10:00 PM", "6:00 PM – 10:00 PM", "4:00 PM – 8:00 PM"],
        ["Anna Virtanen", "OK", "(OK)", None, "OK"],
        ["Bo Ek", None, "OK", "OK", None],
        ["Count", 1, 2, 1, 1],
    ]  # fmt: skip


@pytest.mark.parametrize("month", ["March 2026", "maaliskuu 2026", "mars 2026"])
def test_doodle_export(tmp_path, month):
    intake = load(write_book(tmp_path / "doodle.xlsx", {"Poll": doodle_rows(month)}))
    assert not intake.findings.errors, intake.findings.items
    assert intake.sheets[0].shape == "poll" and intake.sheets[0].poll
    assert sorted(p.name for p in intake.people) == ["Anna Virtanen", "Bo Ek"]
    # this poll has if-need-be answers: yes is preferred, (OK) is available
    assert pieces(intake, "Anna Virtanen") == [
        (None, MAR2, 18 * 60, 20 * 60, "preferred"),
        (None, MAR2, 20 * 60, 22 * 60, "available"),
        (None, MAR7, 16 * 60, 20 * 60, "preferred"),
    ]
    assert hours(intake, "Anna Virtanen") == (8.0, 6.0)
    assert hours(intake, "Bo Ek") == (6.0, 6.0)
    # the Count row is the poll's own totals: named, not read as a person
    count = [f for f in intake.findings.warnings if "totals" in f.text()]
    assert [str(f.where) for f in count] == ["doodle.xlsx › Poll › A8"]


def test_doodle_without_month_row_finds_the_nearest_fitting_date(tmp_path):
    rows = doodle_rows()
    del rows[2]
    intake = load(write_book(tmp_path / "doodle.xlsx", {"Poll": rows}))
    assert not intake.findings.errors, intake.findings.items
    assert {p[1] for p in pieces(intake, "Bo Ek")} == {MAR2, MAR3}


def framadate_rows():
    return [
        [None, "02/03/2026", "02/03/2026", "03/03/2026"],
        [None, "18-20", "20-22", "18-22"],
        ["Anna Virtanen", "Yes", "Under reserve", "No"],
        ["Bo Ek", "No", "Yes", "Yes"],
    ]


ANSWERS = {
    "en": {"Yes": "Yes", "Under reserve": "Under reserve", "No": "No"},
    "fi": {"Yes": "Kyllä", "Under reserve": "Ehkä", "No": "Ei"},
    "sv": {"Yes": "Ja", "Under reserve": "Om nödvändigt", "No": "Nej"},
}


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_framadate_csv_with_bom_and_crlf(tmp_path, lang):
    rows = [
        [ANSWERS[lang].get(c, c) if isinstance(c, str) else c for c in r] for r in framadate_rows()
    ]
    path = write_csv(tmp_path / "framadate.csv", rows, newline="\r\n", bom=True)
    intake = load(path)
    assert not intake.findings.errors, intake.findings.items
    assert intake.sheets[0].poll
    assert pieces(intake, "Anna Virtanen") == [
        (None, MAR2, 18 * 60, 20 * 60, "preferred"),
        (None, MAR2, 20 * 60, 22 * 60, "available"),
    ]
    assert pieces(intake, "Bo Ek") == [
        (None, MAR2, 20 * 60, 22 * 60, "preferred"),
        (None, MAR3, 18 * 60, 22 * 60, "preferred"),
    ]


def test_poll_without_if_need_be_answers_reads_yes_as_available(tmp_path):
    rows = framadate_rows()
    rows[2][2] = "Yes"
    intake = load(write_csv(tmp_path / "f.csv", rows))
    assert not intake.findings.errors
    assert not intake.sheets[0].poll
    assert {p[4] for p in pieces(intake, "Anna Virtanen")} == {"available"}


def when2meet_rows(day_cell="Monday", header=("Day", "Time")):
    rows = [[*header, "Anna Virtanen", "Bo Ek"]]
    for i, minute in enumerate(range(18 * 60, 20 * 60, 15)):
        anna = 1 if minute < 19 * 60 else 0
        bo = 1 if minute >= 18 * 60 + 30 else 0
        rows.append(
            [day_cell if i == 0 else day_cell, f"{minute // 60}:{minute % 60:02d}", anna, bo]
        )
    return rows


@pytest.mark.parametrize(
    ("day_cell", "header", "expected"),
    [
        ("Monday", ("Day", "Time"), (0, None)),
        ("Maanantai", ("Päivä", "Aika"), (0, None)),
        ("måndag", ("Dag", "Tid"), (0, None)),
        ("2026-03-02", ("Day", "Time"), (None, MAR2)),
    ],
)
def test_when2meet_style_extract(tmp_path, day_cell, header, expected):
    path = write_csv(tmp_path / "w2m.csv", when2meet_rows(day_cell, header), delimiter=";")
    intake = load(path)
    assert not intake.findings.errors, intake.findings.items
    assert intake.sheets[0].shape == "when2meet"
    weekday, day = expected
    assert pieces(intake, "Anna Virtanen") == [(weekday, day, 18 * 60, 19 * 60, "available")]
    assert pieces(intake, "Bo Ek") == [(weekday, day, 18 * 60 + 30, 20 * 60, "available")]
    assert not intake.findings.warnings or all(
        "slot grid" in f.text() for f in intake.findings.warnings
    )


def test_a_poll_answer_that_is_not_a_mark_is_located(tmp_path):
    rows = framadate_rows()
    rows[3][3] = "maybe later"
    intake = load(write_csv(tmp_path / "f.csv", rows))
    found = texts(intake.findings.errors)
    assert "unknown mark 'maybe later'" in found["f.csv › row 4, column D"]
