"""A person's shifts as plain text; publish_all writes the whole publishable folder."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from test_publish_fixtures import (
    SPRING,
    SWEDISH_ONLY,
    TRICKY,
    problem,
    result,
    shift,
    spring_shifts,
    summary,
)

from scheduler.publish import person_schedule_text, publish_all, read_roster_csv


def test_schedule_text_lists_shifts_in_finnish_local_time():
    prob = problem()
    text = person_schedule_text(prob, result(prob, spring_shifts()), "Anna Virtanen")
    lines = text.splitlines()
    assert lines[:3] == [
        "Sekasin – päivystysvuorosi",
        "Anna Virtanen",
        "Jakso: 23.3.2026–29.3.2026",
    ]
    shown = [line for line in lines if "Sekasin-chat" in line and "–" in line]
    assert shown[0].startswith("ma 23.3.2026  18.00–22.00  Sekasin-chat")
    assert shown[1].startswith("la 28.3.2026  20.00–24.00")
    assert shown[2].startswith("su 29.3.2026  18.00–22.00")
    assert "(kellot siirtyvät tänä päivänä)" in shown[2]
    assert "kellot" not in shown[1]
    assert "Yhteensä: 3 vuoroa, 12 h" in text
    assert "Ajat ovat Suomen aikaa." in text
    assert "English" not in text and "Total" not in text


def test_a_swedish_only_duty_workers_schedule_is_in_swedish():
    prob = problem()
    shifts = [
        shift(SWEDISH_ONLY, SPRING + timedelta(3), 14, 18, "sv"),
        shift(SWEDISH_ONLY, SPRING + timedelta(5), 16, 20, "sv"),
    ]
    text = person_schedule_text(
        prob, result(prob, shifts), SWEDISH_ONLY, contact_info="chat-team@example.fi"
    )
    assert text.splitlines()[:3] == [
        "Sekasin – dina jourpass",
        SWEDISH_ONLY,
        "Period: 23.3.2026–29.3.2026",
    ]
    assert "to 26.3.2026  14.00–18.00  Sekasin-chatten  4 h" in text
    assert "lö 28.3.2026  16.00–20.00  Sekasin-chatten  4 h" in text
    assert "Totalt: 2 pass, 8 h" in text
    assert "Tiderna är i Finlands tid." in text
    assert "Chatteamet: chat-team@example.fi" in text
    assert "vuoro" not in text and "Yhteensä" not in text


def test_schedule_text_in_english_when_asked():
    prob = problem()
    text = person_schedule_text(
        prob, result(prob, spring_shifts()), "Åsa Öberg", contact_info="x", lang="en"
    )
    assert "Mon 23 Mar 2026  14:00–18:00  Sekasin-chatten  4 h" in text
    assert "Total: 2 shifts, 8 h" in text and "Chat team: x" in text


def test_schedule_text_for_someone_without_shifts_and_for_an_unknown_name():
    prob = problem()
    res = result(prob, spring_shifts())
    assert "Ei vuoroja tällä jaksolla." in person_schedule_text(prob, res, "Matti Meikäläinen")
    with pytest.raises(KeyError):
        person_schedule_text(prob, res, "Nobody Here")


def test_publish_all_writes_every_file_and_they_agree(tmp_path):
    prob = problem()
    shifts = spring_shifts()
    res = result(prob, shifts)
    previous = [*shifts[:2], shift("Matti Meikäläinen", SPRING + timedelta(1), 18, 22)]
    written = publish_all(
        tmp_path,
        prob,
        res,
        summary=summary(prob, res),
        previous=previous,
        contact_info="Ninchat #tiimi",
    )
    assert set(written) == {"roster.csv", "coverage.csv", "roster.xlsx", "calendars", "schedules"}
    assert all(path.exists() for path in written.values())
    assert sorted(read_roster_csv(written["roster.csv"])) == sorted(shifts)
    assert load_workbook(written["roster.xlsx"]).sheetnames[0] == "Shifts"
    cal = Calendar.from_ical((written["calendars"] / "all.ics").read_bytes())
    statuses = sorted(str(e["STATUS"]) for e in cal.events)
    assert statuses == ["CANCELLED"] + ["CONFIRMED"] * len(shifts)
    assert "Ninchat #tiimi" in str(cal.events[0]["DESCRIPTION"])
    people_files = sorted(p.name for p in written["calendars"].glob("*.ics"))
    assert len(people_files) == 1 + len({s.name for s in shifts}) + 1  # all, people, Matti
    schedules = sorted(written["schedules"].glob("*.txt"))
    assert len(schedules) == len({s.name for s in shifts})
    assert any(TRICKY in p.read_text(encoding="utf-8") for p in schedules)


def test_publish_all_takes_the_contact_from_the_settings(tmp_path):
    prob = problem()
    res = result(prob, spring_shifts())
    data = summary(prob, res)
    data["settings"]["contact_info"] = "Teams: Sekasin chat-tiimi"
    written = publish_all(tmp_path, prob, res, summary=data)
    cal = Calendar.from_ical((written["calendars"] / "all.ics").read_bytes())
    assert all("Teams: Sekasin chat-tiimi" in str(e["DESCRIPTION"]) for e in cal.events)
