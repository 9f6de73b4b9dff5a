"""Step 2 in the app: the template, uploading availability, the report, the people."""

from __future__ import annotations

from test_app_support import (
    AVAILABILITY,
    PEOPLE,
    XLSX,
    open_availability,
    stored,
    table,
    texts,
    upload,
    workbook_bytes,
)


def test_upload_a_workbook_see_the_report_and_the_people(tmp_path, monkeypatch):
    at, db = open_availability(tmp_path, monkeypatch)
    assert "No files read yet" in texts(at)
    assert at.get("download_button")[0].key == "template_download"
    upload(at, ("tiny.xlsx", workbook_bytes(), XLSX))
    assert "Read 5 people from tiny.xlsx" in texts(at)
    people = table(at, "offered h")
    assert sorted(people.name) == sorted(row[0] for row in PEOPLE[1:])
    # a new plan runs 4 weeks; Bea offers 17–24 every day: 7 h × 7 days × 4 weeks
    assert people.set_index("name").loc["Bea Laine", "offered h"] == 196
    plan = stored(db).load_plan(stored(db).list_plans()[0].id)
    assert len(plan.people) == 5 and plan.sources == ("tiny.xlsx",)

    at.multiselect(key="people_org").set_value(["SPR"]).run()
    assert sorted(table(at, "offered h").name) == ["Dani Koski", "Eeva Salo"]


def test_every_problem_is_shown_with_its_place_and_good_people_are_kept(tmp_path, monkeypatch):
    at, db = open_availability(tmp_path, monkeypatch)
    upload(at, ("tiny.xlsx", workbook_bytes(), XLSX))
    bad_rows = [
        *AVAILABILITY,
        ["Nobody Known", None, "ma", "18:00", "22:00", "available"],
        ["Bea Laine", None, "ti", "18:00", "25:00", "available"],
    ]
    upload(
        at,
        ("bad.xlsx", workbook_bytes(availability=bad_rows), XLSX),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "application/vnd.ms-excel"),
        ("notes.xlsx", b"this is not a workbook", XLSX),
    )
    report = table(at, "problem")
    errors = report[report.severity == "error"]
    places = " | ".join(errors["where"])
    assert "bad.xlsx › Availability" in places
    assert "old.xls" in places and "notes.xlsx" in places
    messages = " ".join(errors.problem)
    assert "Nobody Known" in messages
    assert "25:00" in messages
    assert ".xlsx" in " ".join(errors[errors["where"].str.startswith("old.xls")].problem)
    assert "keeps its earlier people" in texts(at)
    # the people of the good upload stay
    assert len(table(at, "offered h")) == 5
    plan = stored(db).load_plan(stored(db).list_plans()[0].id)
    assert len(plan.people) == 5
    assert {f.where.file for f in plan.findings if f.severity == "error"} >= {
        "bad.xlsx",
        "old.xls",
        "notes.xlsx",
    }


def test_the_template_is_a_workbook_for_the_plan_period(tmp_path, monkeypatch):
    from io import BytesIO

    from openpyxl import load_workbook
    from test_app_support import HORIZON

    from scheduler.ui.workflow import template_bytes

    book = load_workbook(BytesIO(template_bytes(HORIZON)))
    assert {"People", "Availability"} <= set(book.sheetnames)


def test_a_file_over_the_size_cap_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    from scheduler.intake import MAX_FILE_BYTES

    at, db = open_availability(tmp_path, monkeypatch)
    upload(
        at,
        ("huge.xlsx", b"\0" * (MAX_FILE_BYTES + 1), XLSX),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
    )
    report = table(at, "problem")
    huge = report[report["where"].str.startswith("huge.xlsx")]
    assert "limit" in " ".join(huge.problem)
    assert not report[report["where"].str.startswith("photo.png")].empty
    assert not stored(db).load_plan(stored(db).list_plans()[0].id).people
