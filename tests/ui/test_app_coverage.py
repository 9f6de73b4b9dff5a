"""Step 5 in the app: the heatmap, KPIs, gaps and where to recruit; the heatmap itself."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_app_support import goto, ok, optimised_app, plotly_figure, stored, table, texts

from scheduler.domain import HELSINKI
from scheduler.roster import CoverageRow
from scheduler.ui.charts import coverage_heatmap


@pytest.fixture
def app(tmp_path, monkeypatch):
    return optimised_app(tmp_path, monkeypatch)


def test_an_optimised_plan_opens_on_its_heatmap(app):
    at, _ = app
    at.run()
    ok(at)
    assert at.radio(key="nav").value == "coverage"
    figure = plotly_figure(at, "heatmap")
    heat = figure["data"][0]
    assert heat["type"] == "heatmap"
    assert heat["x"][0] == "Mon 23 Mar" and heat["x"][6] == "Sun 29 Mar"
    # Finnish chat hours: weekdays from 09, weekends from 15, to midnight
    assert heat["y"][0] == "09:00" and heat["y"][-1] == "23:00"
    metrics = {m.label: m.value for m in at.metric}
    assert {
        "expected answered",
        "expected answer rate",
        "hours below minimum",
        "empty open hours",
    } <= set(metrics)
    assert "Where to recruit" in texts(at)
    recruit = table(at, "answered a month")
    assert list(recruit["rank"])[:3] == [1, 2, 3]
    on_duty = table(at, "answered an hour")
    assert list(on_duty["on duty"])[:2] == [0, 1]


def test_hours_below_minimum_are_marked_and_explained(app):
    at, db = app
    at.run()
    version = stored(db).latest_roster(stored(db).list_plans()[0].id)
    assert version.shifts
    # Mon, Wed–Fri 13–15 only Aino offers, and her one shift a day is at most 4 h of her
    # 09–17: at least 2 h a day stay short, at a limit (8 h in the week at least).
    short = float(next(m.value for m in at.metric if m.label == "hours below minimum"))
    assert short >= 8
    figure = plotly_figure(at, "heatmap")
    marks = [t for t in figure["data"] if t.get("name") == "below minimum staff"]
    assert marks and len(marks[0]["x"]) == short
    assert "Why hours stay short" in texts(at)
    assert "at a limit" in " ".join(table(at, "why")["why"])


def at_(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=HELSINKI)


def test_the_heatmap_colours_answer_rate_marks_gaps_and_names_who_is_on():
    rows = [
        CoverageRow("fi", at_(23, 18), at_(23, 19), 2, 1, 40.0, 10.0, ("Aino", "Bea")),
        CoverageRow("fi", at_(23, 19), at_(23, 20), 0, 1, 30.0, 0.0, ()),
        CoverageRow("fi", at_(29, 18), at_(29, 19), 1, 1, 20.0, 5.0, ("Carl",)),  # DST Sunday
        CoverageRow("sv", at_(23, 18), at_(23, 19), 1, 1, 1.0, 0.5, ("Bo",)),
    ]
    fig = coverage_heatmap(rows, "fi", date(2026, 3, 23)).to_plotly_json()
    heat, marks = fig["data"]
    assert list(heat["y"]) == ["18:00", "19:00"]
    monday, sunday = 0, 6
    assert heat["z"][0][monday] == 0.25 and heat["z"][1][monday] == 0.0
    assert heat["z"][0][sunday] == 0.25
    assert heat["z"][0][1] is None  # Tuesday 18:00 has no row: closed, not zero
    assert heat["text"][0][monday] == "2"
    assert "Aino, Bea" in heat["customdata"][0][monday][5]
    assert list(marks["x"]) == ["Mon 23 Mar"] and list(marks["y"]) == ["19:00"]


def test_a_roster_made_for_another_period_is_flagged(app):
    from datetime import date

    at, _ = app
    at.run()
    assert "breaks" not in texts(at)
    goto(at, "plan")
    at.date_input(key="plan_start").set_value(date(2026, 3, 30))
    at.button(key="plan_save").click().run()
    goto(at, "coverage")
    warning = " ".join(w.value for w in at.warning)
    assert "This roster breaks" in warning and "outside" in warning
    goto(at, "roster")
    assert "This roster breaks" in " ".join(w.value for w in at.warning)
