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


def new_plan(at, name: str, start: date = date(2026, 4, 6), weeks: int = 3):
    at.text_input(key="new_plan_name").set_value(name)
    at.date_input(key="new_plan_start").set_value(start)
    at.number_input(key="new_plan_weeks").set_value(weeks)
    at.button(key="new_plan").click().run()
    return ok(at)


def test_new_plan_asks_for_a_name_and_period_then_switch_and_delete(tmp_path, monkeypatch):
    db = tmp_path / "plans.sqlite"
    at = new_app(db, monkeypatch)
    at.run()
    first = stored(db).list_plans()[0].id
    at.button(key="new_plan").click().run()  # no name given: refused, nothing made
    assert "needs a name" in texts(at) and len(stored(db).list_plans()) == 1
    new_plan(at, "Huhtikuu 2026")
    plans = stored(db).list_plans()
    assert len(plans) == 2
    second = next(p.id for p in plans if p.id != first)
    made = stored(db).load_plan(second)
    assert (made.name, made.horizon.start, made.horizon.weeks) == (
        "Huhtikuu 2026",
        date(2026, 4, 6),
        3,
    )
    assert at.selectbox(key="plan_select").value == second
    assert at.radio(key="nav").value == "plan"
    assert at.text_input(key="plan_name").value == "Huhtikuu 2026"
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
    new_plan(two, "Uusi")
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


def test_a_database_from_a_newer_program_gives_a_plain_message(tmp_path, monkeypatch):
    import sqlite3

    from scheduler.store import SCHEMA_VERSION, SqliteStore

    db = tmp_path / "plans.sqlite"
    SqliteStore(db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION + 3,))
    conn.close()
    at = new_app(db, monkeypatch)
    at.run()
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "saved by a newer version of the scheduler" in message
    assert f"database version {SCHEMA_VERSION + 3}" in message and str(db) in message
    assert not at.radio  # nothing of the app on a database it cannot use


def test_a_damaged_database_gives_a_plain_message_and_is_left_alone(tmp_path, monkeypatch):
    db = tmp_path / "plans.sqlite"
    db.write_bytes(b"not a database at all " * 300)
    at = new_app(db, monkeypatch)
    at.run()
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "cannot be read: it is damaged or not a plan database" in message
    assert "Something went wrong" not in message
    assert db.read_bytes().startswith(b"not a database at all")
