"""Step 7 in the app: the workbook, calendars and CSVs to download; publishing a version."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook
from test_app_support import goto, ok, optimised_app, stored, table, texts

from scheduler.store import PUBLISHED
from scheduler.ui.workflow import shift_id


@pytest.fixture
def publish_page(tmp_path, monkeypatch):
    at, db = optimised_app(tmp_path, monkeypatch)
    at.run()
    plan_id = stored(db).list_plans()[0].id
    return goto(at, "publish"), db, plan_id


def built_files(at, db, plan_id) -> dict[str, bytes]:
    version = stored(db).latest_roster(plan_id)
    return at.session_state[f"_published_files_{plan_id}_{version.id}"]


def test_build_then_every_download_is_there(publish_page):
    at, db, plan_id = publish_page
    assert not at.get("download_button")
    at.button(key="publish_build").click().run()
    ok(at)
    keys = {b.key for b in at.get("download_button")}
    assert {
        "download_roster_xlsx",
        "download_calendars",
        "download_schedules",
        "download_roster_csv",
        "download_coverage_csv",
        "download_summary",
        "download_recruit",
    } <= keys
    files = built_files(at, db, plan_id)
    version = stored(db).latest_roster(plan_id)
    rows = list(csv.DictReader(io.StringIO(files["roster.csv"].decode())))
    assert len(rows) == len(version.shifts)
    assert {"Shifts", "Summary"} & set(load_workbook(io.BytesIO(files["roster.xlsx"])).sheetnames)
    with zipfile.ZipFile(io.BytesIO(files["calendars.zip"])) as archive:
        text = archive.read("all.ics").decode()
    assert text.count("BEGIN:VEVENT") == len(version.shifts)
    assert "TZID=Europe/Helsinki" in text
    # a person's shifts as text, for a message
    assert at.selectbox(key="schedule_person").value
    assert at.code and at.code[0].value.strip()


def test_marking_published_then_a_removed_shift_is_cancelled(publish_page):
    at, db, plan_id = publish_page
    at.button(key="publish_build").click().run()
    at.button(key="publish_mark").click().run()
    ok(at)
    first = stored(db).latest_roster(plan_id)
    assert first.kind == PUBLISHED and "marked published" in texts(at)

    goto(at, "roster")
    gone = first.shifts[0]
    at.selectbox(key="shift_pick").set_value(shift_id(gone)).run()
    at.button(key="shift_remove").click().run()
    goto(at, "publish")
    news = table(at, "cancelled")
    assert list(news.name) == [gone.name] and news.iloc[0]["cancelled"]
    assert "1 person" in texts(at)
    at.button(key="publish_build").click().run()
    ok(at)
    files = built_files(at, db, plan_id)
    with zipfile.ZipFile(io.BytesIO(files["calendars.zip"])) as archive:
        text = archive.read("all.ics").decode()
    assert text.count("STATUS:CANCELLED") == 1
    assert gone.start.strftime("%Y%m%dT%H%M%S") in text
    # The second publish outranks the first even within the same minute.
    sequences = [
        int(line.split(":")[1]) for line in text.splitlines() if line.startswith("SEQUENCE")
    ]
    assert max(sequences) > stored(db).load_roster(first.id).revision > 0


def test_the_preview_says_what_each_person_receives_before_anything_is_built(publish_page):
    at, db, plan_id = publish_page
    version = stored(db).latest_roster(plan_id)
    news = table(at, "cancelled")  # nothing published yet: every shift is new
    per_person = {r["name"]: r for _, r in news.iterrows()}
    assert set(per_person) == {s.name for s in version.shifts}
    for name, row in per_person.items():
        assert row["new"].count(";") + 1 == sum(s.name == name for s in version.shifts)
        assert not row["cancelled"] and row["language"] == "suomi"
    assert per_person["Aino Virtanen"]["e-mail"] == "aino@example.org"
