"""Step 1 in the app, the plan list, the password, and sessions that do not mix."""

from __future__ import annotations

from datetime import date

from test_app_support import goto, new_app, ok, stored, table, texts


def test_a_new_store_opens_on_the_plan_page_and_saves_the_settings(tmp_path, monkeypatch):
    db = tmp_path / "plans.sqlite"
    at = new_app(db, monkeypatch)
    at.run()
    ok(at)
    assert at.radio(key="nav").value == "plan"
    at.text_input(key="plan_name").set_value("Syksy 2026")
    at.date_input(key="plan_start").set_value(date(2026, 10, 19))
    at.number_input(key="plan_weeks").set_value(2)
    at.multiselect(key="plan_services").set_value(["fi"])
    at.selectbox(key="plan_holidays").set_value("closed")
    at.number_input(key="plan_aht").set_value(45.0)
    assert at.number_input(key="plan_replan_tolerance").value == 0.5  # percent
    at.number_input(key="plan_replan_tolerance").set_value(1.0)
    at.button(key="plan_save").click().run()
    ok(at)
    assert "Plan saved" in texts(at)

    plan = stored(db).load_plan(stored(db).list_plans()[0].id)
    assert plan.name == "Syksy 2026"
    assert (plan.horizon.start, plan.horizon.weeks) == (date(2026, 10, 19), 2)
    assert plan.rules.services == ("fi",) and plan.rules.holiday_mode == "closed"
    assert plan.rules.aht_minutes == 45.0
    assert plan.rules.replan_tolerance == 0.01


def test_settings_that_break_a_rule_are_refused_with_the_reason(tmp_path, monkeypatch):
    db = tmp_path / "plans.sqlite"
    at = new_app(db, monkeypatch)
    at.run()
    at.number_input(key="plan_min_shift").set_value(5.0)
    at.number_input(key="plan_max_shift").set_value(3.0)
    at.button(key="plan_save").click().run()
    ok(at)
    assert "min_shift_hours ≤ max_shift_hours" in texts(at)
    assert stored(db).load_plan(stored(db).list_plans()[0].id).rules.min_shift_hours == 2.0


def test_the_staffing_table_follows_the_queue_parameters(tmp_path, monkeypatch):
    at = new_app(tmp_path / "plans.sqlite", monkeypatch)
    at.run()
    at.number_input(key="staffing_contacts").set_value(33.0).run()
    rows = table(at, "answered an hour")
    # the annual report: ~33 contacts an hour and 8 on duty answer about 20 %
    eight = rows[rows["on duty"] == 8].iloc[0]
    assert 0.15 <= float(eight["answer rate"].rstrip("%")) / 100 <= 0.25
    at.number_input(key="plan_aht").set_value(35.0).run()
    faster = table(at, "answered an hour")
    assert faster[faster["on duty"] == 8].iloc[0]["answered an hour"] > eight["answered an hour"]


def test_new_switch_and_delete_plans(tmp_path, monkeypatch):
    db = tmp_path / "plans.sqlite"
    at = new_app(db, monkeypatch)
    at.run()
    first = stored(db).list_plans()[0].id
    at.button(key="new_plan").click().run()
    plans = stored(db).list_plans()
    assert len(plans) == 2
    second = next(p.id for p in plans if p.id != first)
    assert at.selectbox(key="plan_select").value == second
    assert at.text_input(key="plan_name").value == "Plan 2"
    at.selectbox(key="plan_select").set_value(first).run()
    assert at.text_input(key="plan_name").value == "My plan"
    at.checkbox(key="delete_confirm").check().run()
    at.button(key="delete_plan").click().run()
    ok(at)
    assert [p.id for p in stored(db).list_plans()] == [second]
    assert at.selectbox(key="plan_select").value == second


def test_two_browser_sessions_on_different_plans_do_not_mix(tmp_path, monkeypatch):
    db = tmp_path / "plans.sqlite"
    one = new_app(db, monkeypatch)
    one.run()
    one.text_input(key="plan_name").set_value("Ykkönen")
    one.button(key="plan_save").click().run()
    two = new_app(db, monkeypatch)
    two.run()
    two.button(key="new_plan").click().run()
    two.text_input(key="plan_name").set_value("Kakkonen")
    two.button(key="plan_save").click().run()
    # each session still shows its own plan after the other saved
    one.run()
    two.run()
    assert one.text_input(key="plan_name").value == "Ykkönen"
    assert two.text_input(key="plan_name").value == "Kakkonen"
    assert one.selectbox(key="plan_select").value != two.selectbox(key="plan_select").value
    assert {p.name for p in stored(db).list_plans()} == {"Ykkönen", "Kakkonen"}


def test_a_password_guards_the_app(tmp_path, monkeypatch):
    at = new_app(tmp_path / "plans.sqlite", monkeypatch, password="kevät-2026")
    at.run()
    assert not at.radio  # nothing of the app before the password
    at.text_input(key="password").set_value("kesä")
    at.button[0].click().run()
    assert "not right" in texts(at) and not at.radio
    at.text_input(key="password").set_value("kevät-2026")
    at.button[0].click().run()
    ok(at)
    assert at.radio(key="nav").value == "plan"
    goto(at, "availability")


def test_the_same_plan_in_two_sessions_shows_what_the_other_saved(tmp_path, monkeypatch):
    db = tmp_path / "plans.sqlite"
    one = new_app(db, monkeypatch)
    one.run()
    two = new_app(db, monkeypatch)
    two.run()
    one.text_input(key="plan_name").set_value("Tallennettu")
    one.number_input(key="plan_weeks").set_value(6)
    one.button(key="plan_save").click().run()
    ok(two.run())
    assert two.text_input(key="plan_name").value == "Tallennettu"
    assert two.number_input(key="plan_weeks").value == 6
