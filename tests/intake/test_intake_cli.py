"""`scheduler template` and `scheduler check` from the command line."""

import json
from datetime import date

from openpyxl import load_workbook

from scheduler.cli import main
from scheduler.domain import Horizon, Rules
from scheduler.intake import load_availability

ARGS = ["--start", "2026-03-02", "--weeks", "4"]


def test_template_has_instructions_dropdowns_and_frozen_headers(tmp_path):
    path = tmp_path / "pohja.xlsx"
    assert main(["template", *ARGS, "-o", str(path)]) == 0
    wb = load_workbook(path)
    assert wb.sheetnames == ["Ohjeet–Anvisningar–Instructions", "People", "Availability"]
    text = " ".join(str(c.value) for c in wb["Ohjeet–Anvisningar–Instructions"]["A"] if c.value)
    assert "SUOMEKSI" in text and "IN ENGLISH" in text and "2026-03-02 – 2026-03-29" in text
    # the same instructions in the three languages
    assert "yksi rivi jokaista päivystäjää kohden" in text
    assert "en rad för varje jourhavande" in text
    assert "one row per duty worker" in text
    people, avail = wb["People"], wb["Availability"]
    assert [c.value for c in people[1]][:7] == [
        "name",
        "email",
        "organisation",
        "role",
        "languages",
        "mentor",
        "trainee",
    ]
    assert [c.value for c in avail[1]] == ["name", "date", "weekday", "start", "end", "preference"]
    assert people.freeze_panes == "A2" and avail.freeze_panes == "A2"
    lists = {
        str(v.sqref).split(":")[0]: v.formula1
        for ws in (people, avail)
        for v in ws.data_validations.dataValidation
        if v.type == "list"
    }
    assert lists["D2"] == '"volunteer,student,staff,chat_team"'
    assert lists["F2"] in ('"yes,no"', '"available,preferred,away"')
    assert any("ma (mon)" in f for f in lists.values())
    assert people.column_dimensions["A"].width >= 20


def test_template_reads_back_cleanly_and_filled_in_works(tmp_path):
    path = tmp_path / "pohja.xlsx"
    main(["template", *ARGS, "-o", str(path)])
    horizon = Horizon(date(2026, 3, 2), 4)
    assert not load_availability([path], horizon, Rules()).findings.errors
    wb = load_workbook(path)
    wb["People"].append(
        ["Anna Virtanen", "anna@example.org", "MIELI", "volunteer", "fi, sv", "yes", "no"]
    )
    wb["Availability"]["A2"] = "Anna Virtanen"
    wb["Availability"]["C2"] = "ti (tue)"
    wb["Availability"]["D2"] = "18:00"
    wb["Availability"]["E2"] = "24:00"
    wb["Availability"]["F2"] = "preferred"
    wb.save(path)
    intake = load_availability([path], horizon, Rules())
    assert not intake.findings.errors and not intake.findings.warnings
    assert intake.people[0].mentor and intake.availability[0].end_minute == 1440


def test_template_refuses_other_suffixes(tmp_path, capsys):
    assert main(["template", *ARGS, "-o", str(tmp_path / "x.xls")]) == 2
    assert "x.xlsx" in capsys.readouterr().err


def write_sample(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Vuorot"
    for row in (
        ["Nimi", "Sähköposti", "Järjestö", "Rooli", "Kielet", "ma", "to", "la"],
        [
            "Anna Virtanen",
            "anna@example.org",
            "MIELI",
            "vapaaehtoinen",
            "fi, sv",
            "18-22 *",
            "14-19",
            "7-9",
        ],
        ["Bo Ek", "bo@example.org", "Luckan", "staff", "sv", "9-11", None, None],
    ):
        ws.append(row)
    path = tmp_path / "org.xlsx"
    wb.save(path)
    return path


def test_check_json_is_the_design_object(tmp_path, capsys):
    path = write_sample(tmp_path)
    assert main(["check", str(path), *ARGS, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"people", "errors", "warnings"}
    anna, bo = report["people"]
    assert anna == {
        "name": "Anna Virtanen",
        "email": "anna@example.org",
        "organisation": "MIELI",
        "role": "volunteer",
        "languages": ["fi", "sv"],
        # 4 h + 5 h + 2 h (outside opening hours, still offered) a week, 4 weeks
        "available_hours": 44.0,
        "preferred_hours": 16.0,
    }
    assert bo["available_hours"] == 8.0 and bo["preferred_hours"] == 0.0
    (warning,) = report["warnings"]
    assert warning["where"].endswith("org.xlsx › Vuorot › H2")
    assert "outside opening hours" in warning["message"]
    assert report["errors"] == []


def test_check_json_with_errors_exits_2(tmp_path, capsys):
    path = tmp_path / "v.csv"
    path.write_text("Nimi,ma\nBo Ek,22-18\n", encoding="utf-8")
    assert main(["check", str(path), *ARGS, "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["errors"][0]["where"].endswith("v.csv › row 2, column B")


def test_readable_report_lists_people_hours_and_findings(tmp_path, capsys):
    path = write_sample(tmp_path)
    assert main(["check", str(path), *ARGS]) == 0
    out = capsys.readouterr().out
    assert "People: 2; offered 52.0 h in the period (16.0 h preferred)" in out
    assert "volunteers: 1 person, 44.0 h" in out
    assert "warning: " in out and "outside opening hours" in out
    assert "0 errors, 1 warning: ready to plan" in out
