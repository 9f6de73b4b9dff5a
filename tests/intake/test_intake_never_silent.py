"""Never silently wrong: every column is used or named in a warning; a sheet whose people
offer no time is an error naming what was not understood; a People sheet without a name
column, a header merged across columns and an Availability sheet without time columns are
errors (exit 2); "ready to plan" only without errors; errors are capped at 200."""

import time

from intake_support import load, pieces, texts, write_book, write_csv

from scheduler.cli import main

ARGS = ["--start", "2026-03-02", "--weeks", "4"]


def check(capsys, *paths, extra=()):
    code = main(["check", *map(str, paths), *ARGS, *extra])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_survey_whose_questions_are_not_understood_is_an_error(tmp_path, capsys):
    rows = [
        ["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi", "Milloin sinulle sopii?", "Lisätietoja"],
        [1, None, None, "anna@example.org", "Anna Virtanen", "arkisin myöhään", "kiitos"],
        [2, None, None, "bo@example.org", "Bo Ek", "viikonloppuisin", None],
    ]  # fmt: skip
    path = write_book(tmp_path / "forms.xlsx", {"Sheet1": rows})
    code, out = check(capsys, path)
    assert code == 2
    assert "ready to plan" not in out
    intake = load(path)
    (error,) = intake.findings.errors
    assert str(error.where) == "forms.xlsx › Sheet1"
    assert "the 2 people of this sheet offer no time in the plan period" in error.text()
    assert "'Milloin sinulle sopii?', 'Lisätietoja'" in error.text()
    warned = texts(intake.findings.warnings)
    assert (
        "column 'Milloin sinulle sopii?' was not understood" in warned["forms.xlsx › Sheet1 › F1"]
    )


def test_every_unused_column_is_named_in_a_warning(tmp_path):
    rows = [
        ["Nimi", "Sähköposti", "ma", "Huomiot", None],
        ["Bo Ek", "bo@example.org", "18-22", "en pääse 11.3.", "x"],
    ]
    intake = load(write_book(tmp_path / "f.xlsx", {"S": rows}))
    assert not intake.findings.errors
    warned = texts(intake.findings.warnings)
    assert (
        "column 'Huomiot' was not understood: its 1 filled cell was not read"
        in warned["f.xlsx › S › D1"]
    )
    assert "no header: its 1 filled cell was not read" in warned["f.xlsx › S › E1"]
    assert intake.sheets[0].unread == ("Huomiot", "E1")


def test_a_signup_list_with_an_unknown_shift_header_is_still_read(tmp_path):
    rows = [["Päivystäjä", "Aika ja paikka"], ["Anna Virtanen", "ma 2.3. klo 18–22"], ["Anna Virtanen", "to 5.3. klo 9–12"]]  # fmt: skip
    intake = load(write_book(tmp_path / "s.xlsx", {"S": rows}))
    assert not intake.findings.errors and not intake.findings.warnings
    assert len(pieces(intake, "Anna Virtanen")) == 2


def test_people_sheet_without_a_name_column(tmp_path, capsys):
    people = [["email", "role", "languages"], ["bo@example.org", "staff", "sv"]]
    path = write_book(tmp_path / "p.xlsx", {"People": people})
    code, out = check(capsys, path)
    assert code == 2
    assert (
        "People sheet has no name column"
        in texts(load(path).findings.errors)["p.xlsx › People › row 1"]
    )


def test_header_merged_across_columns_is_an_error(tmp_path, capsys):
    rows = [
        ["Nimi", "Vuorotoiveet", None, None],
        ["Bo Ek", "18-22", "9-12", None],
        ["Eetu Aalto", None, "18-22", "ilta"],
    ]
    path = write_book(tmp_path / "m.xlsx", {"S": rows}, {"S": ["B1:D1"]})
    code, out = check(capsys, path)
    assert code == 2
    found = texts(load(path).findings.errors)
    assert "'Vuorotoiveet' is merged across columns B–D" in found["m.xlsx › S › row 1"]


def test_availability_sheet_without_time_columns(tmp_path, capsys):
    people = [["name"], ["Bo Ek"]]
    avail = [["name", "weekday", "preference"], ["Bo Ek", "ma", "preferred"]]
    path = write_book(tmp_path / "a.xlsx", {"People": people, "Availability": avail})
    code, out = check(capsys, path)
    assert code == 2
    found = texts(load(path).findings.errors)
    assert "no time columns" in found["a.xlsx › Availability › row 1"]


def test_the_template_people_sheet_alone_is_an_error_not_ready(tmp_path, capsys):
    people = [["name", "email"], ["Bo Ek", "bo@example.org"], ["Eetu Aalto", None]]
    avail = [["name", "weekday", "start", "end"]]
    path = write_book(tmp_path / "t.xlsx", {"People": people, "Availability": avail})
    code, out = check(capsys, path)
    assert code == 2 and "ready to plan" not in out
    assert "the 2 people of this sheet offer no time" in out


def test_no_people_is_not_ready_to_plan(tmp_path, capsys):
    path = write_book(tmp_path / "e.xlsx", {"People": [["name", "email"]]})
    code, out = check(capsys, path)
    assert code == 0
    assert "no people yet: nothing to plan" in out and "ready to plan" not in out.replace(
        "nothing to plan", ""
    )


def test_errors_are_capped_at_200_then_counted(tmp_path, capsys):
    rows = [["Nimi", "ma"]] + [[f"Henkilö {i}", "joskus"] for i in range(3000)]
    path = write_csv(tmp_path / "bad.csv", rows)
    began = time.monotonic()
    code, out = check(capsys, path)
    assert code == 2
    assert time.monotonic() - began < 20  # (the benchmark measures it; this only bounds it)
    errors = [line for line in out.splitlines() if line.startswith("error: ")]
    assert len(errors) == 201
    assert errors[-1].endswith("and 2,800 more errors like these")
    assert "3,000 errors" not in out and "201 errors" in out
