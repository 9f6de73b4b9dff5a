"""Step 2 as a coordinator works with it: the import report filtered by file, level and
person and downloaded as a spreadsheet; a file with errors left out explicitly while the good
files are used; the column-mapping step; the day-part hours; the report in Finnish."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook, load_workbook
from test_app_support import (
    AVAILABILITY,
    HORIZON,
    XLSX,
    ok,
    open_availability,
    stored,
    table,
    texts,
    upload,
    workbook_bytes,
)

from scheduler.intake import load_availability
from scheduler.intake.report import findings_workbook


def bad_workbook() -> bytes:
    rows = [
        *AVAILABILITY,
        ["Nobody Known", None, "ma", "18:00", "22:00", "available"],
        ["Bea Laine", None, "ti", "18:00", "25:00", "available"],
        ["Carl Ek", "2026-04-20", None, "18:00", "22:00", "available"],
    ]
    return workbook_bytes(availability=rows)


def sheet_bytes(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def free_text() -> bytes:
    return sheet_bytes(
        [["Nimi", "Sähköposti", "ma", "ke"], ["Oona Laine", "oona@example.org", "18-22", "ilta"]]
    )


def test_the_report_filters_by_file_level_and_person(tmp_path, monkeypatch):
    at, db = open_availability(tmp_path, monkeypatch)
    upload(at, ("bad.xlsx", bad_workbook(), XLSX), ("org.xlsx", free_text(), XLSX))
    report = table(at, "problem")
    assert set(report.file) == {"bad.xlsx"}
    assert {"error", "warning"} <= set(report.severity)
    # the bad end time is reported at the end cell, the late date at the date cell
    assert "bad.xlsx › Availability › E8" in set(report["where"])
    assert "bad.xlsx › Availability › B9" in set(report["where"])
    at.multiselect(key="findings_table_levels").set_value(["warning"]).run()
    assert set(table(at, "problem").severity) == {"warning"}
    at.multiselect(key="findings_table_levels").set_value([]).run()
    at.selectbox(key="findings_table_person").set_value("Bea Laine").run()
    only_bea = table(at, "problem")
    assert set(only_bea.person) == {"Bea Laine"} and "25:00" in " ".join(only_bea.problem)
    assert any(b.key == "findings_table_download" for b in at.get("download_button"))


def test_the_report_downloads_as_a_spreadsheet(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(bad_workbook())
    intake = load_availability([path], HORIZON)
    book = load_workbook(BytesIO(findings_workbook(intake.findings, "fi")))
    sheet = book.active
    assert [c.value for c in sheet[1]] == [
        "taso",
        "tiedosto",
        "välilehti",
        "solu",
        "henkilö",
        "ongelma",
    ]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(intake.findings)
    bea = next(r for r in rows if r[4] == "Bea Laine" and r[0] == "virhe")
    assert bea[1:4] == ("bad.xlsx", "Availability", "E8") and "ei ole kellonaika" in bea[5]


def test_a_file_with_errors_can_be_left_out_explicitly(tmp_path, monkeypatch):
    at, db = open_availability(tmp_path, monkeypatch)
    upload(at, ("bad.xlsx", bad_workbook(), XLSX), ("org.xlsx", free_text(), XLSX))
    assert "keeps its earlier people" in texts(at)
    assert at.multiselect(key="leave_out_files").value == ["bad.xlsx"]
    at.button(key="availability_leave_out").click().run()
    ok(at)
    plan = stored(db).load_plan(stored(db).list_plans()[0].id)
    assert [p.name for p in plan.people] == ["Oona Laine"] and plan.sources == ("org.xlsx",)
    # never silently: the report says the file was left out
    report = table(at, "problem")
    left = report[report.file == "bad.xlsx"]
    assert list(left.severity) == ["warning"] and "left out on request" in left.problem.iloc[0]
    assert "Read 1 person from org.xlsx" in texts(at)


def test_the_column_mapping_step(tmp_path, monkeypatch):
    at, db = open_availability(tmp_path, monkeypatch)
    odd = sheet_bytes(
        [
            ["Kuka", "Posti", "Viikko A", "Viikko B"],
            ["Oona Laine", "oona@example.org", "18-22", "ilta"],
        ]
    )
    upload(at, ("odd.xlsx", odd, XLSX))
    assert "fix the errors" in " ".join(table(at, "problem").problem) or texts(at)
    for c, means in enumerate(["name", "email", "ma", "to"]):
        at.text_input(key=f"map_means_{c}").set_value(means)
    at.run()
    at.button(key="map_preview").click().run()
    ok(at)
    preview = table(at, "offered h")
    # a new plan runs 4 weeks: Mondays 18-22 and Thursday evenings 17-21
    assert list(preview.name) == ["Oona Laine"] and preview["offered h"].iloc[0] == 4 * (4 + 4)
    at.button(key="map_save").click().run()
    ok(at)
    plan = stored(db).load_plan(stored(db).list_plans()[0].id)
    assert plan.settings["column_mappings"][0]["headers"] == [
        "Kuka",
        "Posti",
        "Viikko A",
        "Viikko B",
    ]
    at.button(key="availability_import").click().run()
    ok(at)
    plan = stored(db).load_plan(stored(db).list_plans()[0].id)
    assert [p.email for p in plan.people] == ["oona@example.org"]


def test_day_part_hours_are_shown_and_changed_in_the_plan(tmp_path, monkeypatch):
    at, db = open_availability(tmp_path, monkeypatch)
    assert at.text_input(key="day_part_evening").value == "17:00-21:00"
    at.text_input(key="day_part_evening").set_value("18-24").run()
    at.button(key="day_parts_save").click().run()
    ok(at)
    plan = stored(db).load_plan(stored(db).list_plans()[0].id)
    assert plan.settings["day_parts"]["evening"] == [1080, 1440]
    upload(at, ("org.xlsx", free_text(), XLSX))
    assert table(at, "offered h")["offered h"].iloc[0] == 4 * (4 + 6)  # 4 weeks


def test_the_report_in_finnish(tmp_path, monkeypatch):
    at, db = open_availability(tmp_path, monkeypatch, lang="fi")
    upload(at, ("bad.xlsx", bad_workbook(), XLSX))
    report = table(at, "problem")
    text = " ".join(report.problem)
    assert "'Nobody Known' ei ole People-välilehdellä" in text
    assert "Carl Ek: ma 20.4.2026 on suunnittelujakson" in text
    assert set(report.severity) == {"virhe", "varoitus"}
