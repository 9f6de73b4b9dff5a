"""Step 6 in the app: the roster drawn and as a table; every edit by hand on the shift the
coordinator sees (pin, forbid, remove, give, swap, assign, cancel from a date), versions
compared and restored, re-optimising with few changes. Widgets are driven by key."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_app_support import (
    goto,
    has,
    ok,
    optimised_app,
    plotly_figure,
    stored,
    table,
    texts,
    wait_for_solve,
)

from scheduler.domain import HELSINKI, Shift
from scheduler.ui.workflow import shift_id


@pytest.fixture
def roster_page(tmp_path, monkeypatch):
    at, db = optimised_app(tmp_path, monkeypatch)
    at.run()
    plan_id = stored(db).list_plans()[0].id
    return goto(at, "roster"), db, plan_id


def latest(db, plan_id):
    return stored(db).latest_roster(plan_id)


def pick(at, shift: Shift):
    at.selectbox(key="shift_pick").set_value(shift_id(shift)).run()
    return ok(at)


def at_(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=HELSINKI)


def test_week_view_table_and_a_persons_month_show_the_roster(roster_page):
    at, db, plan_id = roster_page
    version = latest(db, plan_id)
    assert len(table(at, "pinned")) == len(version.shifts)
    figure = plotly_figure(at, "roster_week_chart")
    drawn = {c[0] for trace in figure["data"] for c in trace.get("customdata", [])}
    assert {shift_id(s) for s in version.shifts} <= drawn  # every shift of the week, by id
    names = {t.split(" ★")[0].split(" ◇")[0] for tr in figure["data"] for t in tr["text"]}
    assert {s.name for s in version.shifts} <= names
    labels = figure["layout"]["yaxis"]["ticktext"]
    assert labels[0] == "Mon 23 Mar" and labels[-1] == "Sun 29 Mar"  # a band a day
    mentor = [t for tr in figure["data"] for t in tr["text"] if t.startswith("Bea Laine")]
    assert mentor and all(t.endswith("★") for t in mentor)  # Bea is a mentor
    at.text_input(key="roster_search").set_value("Bea").run()
    assert set(table(at, "pinned").name) == {"Bea Laine"}
    at.selectbox(key="month_person").set_value("Bea Laine").run()
    month = plotly_figure(at, "roster_month_chart")
    keys = [c[0] for c in month["data"][0]["customdata"]]
    assert {shift_id(s) for s in version.shifts if s.name == "Bea Laine"} <= set(keys)
    assert len(keys) == 7  # a square a day of the week


def test_a_picked_shift_stays_the_one_acted_on_whatever_the_list_shows(roster_page):
    at, db, plan_id = roster_page
    version = latest(db, plan_id)
    target = next(s for s in version.shifts if s.name == "Carl Ek")
    pick(at, target)
    assert at.selectbox(key="shift_pick").value == shift_id(target)
    # The table now lists someone else only; the old picker kept a list position and
    # acted on whatever shift stood there. Remove acts on the shift shown.
    at.text_input(key="roster_search").set_value("Bea").run()
    assert set(table(at, "pinned").name) == {"Bea Laine"}
    at.button(key="shift_remove").click().run()
    ok(at)
    after = latest(db, plan_id)
    assert set(version.shifts) - set(after.shifts) == {target}
    assert len(after.shifts) == len(version.shifts) - 1
    # Removed on purpose: nothing is picked now, so a second click cannot hit another shift.
    assert at.selectbox(key="shift_pick").value is None
    assert not has(at, "button", "shift_remove")
    assert "not in this roster version any more" not in texts(at)


def test_a_pick_that_another_version_lacks_is_dropped_with_a_message(roster_page):
    at, db, plan_id = roster_page
    first = latest(db, plan_id)
    gone = first.shifts[0]
    pick(at, gone)
    at.button(key="shift_remove").click().run()
    without = latest(db, plan_id)
    at.selectbox(key="restore_pick").set_value(first.id).run()
    at.button(key="restore_save").click().run()
    pick(at, gone)  # back in the restored version, picked again
    # Another version is made current while the shift is picked: it lacks that shift.
    at.selectbox(key="restore_pick").set_value(without.id).run()
    at.button(key="restore_save").click().run()
    ok(at)
    assert "is not in this roster version any more; nothing was done to it" in texts(at)
    assert at.selectbox(key="shift_pick").value is None
    assert not has(at, "button", "shift_remove")
    assert set(latest(db, plan_id).shifts) == set(without.shifts)  # nothing else removed


def test_pin_forbid_remove_and_reoptimise_with_few_changes(roster_page):
    at, db, plan_id = roster_page
    version = latest(db, plan_id)
    pinned, forbidden, removed = version.shifts[0], version.shifts[1], version.shifts[2]
    pick(at, pinned)
    at.button(key="shift_pin").click().run()
    assert stored(db).load_plan(plan_id).pins == (pinned,)
    pick(at, forbidden)
    at.button(key="shift_forbid").click().run()
    assert stored(db).load_plan(plan_id).forbids == (forbidden,)
    after_forbid = latest(db, plan_id)
    assert forbidden not in after_forbid.shifts and after_forbid.status == "EDITED"
    pick(at, removed)
    at.button(key="shift_remove").click().run()
    edited = latest(db, plan_id)
    assert set(edited.shifts) == set(version.shifts) - {forbidden, removed}
    assert table(at, "pinned")["pinned"].sum() == 1
    assert {p.name for p in edited.people} == {s.name for s in edited.shifts}  # kept with it

    at.number_input(key="reoptimise_seconds").set_value(2)
    at.button(key="reoptimise").click().run()
    ok(at)
    wait_for_solve(at)
    new = latest(db, plan_id)
    assert new.id != edited.id and new.label.startswith("re-optimised")
    assert pinned in new.shifts and forbidden not in new.shifts
    assert len(set(new.shifts) & set(edited.shifts)) >= len(edited.shifts) - 3


def test_assign_by_hand_shows_who_is_free_and_what_others_would_break(roster_page):
    at, db, plan_id = roster_page
    # Carl offered 15-21 every day; his first shift removed, he is free that day.
    carls = next(s for s in latest(db, plan_id).shifts if s.name == "Carl Ek")
    pick(at, carls)
    at.button(key="shift_remove").click().run()
    before = latest(db, plan_id)
    chosen, day, start = "Carl Ek", carls.day.day, 15
    at.toggle(key="assign_open").set_value(True).run()
    ok(at)
    at.selectbox(key="assign_day").set_value(date(2026, 3, day)).run()
    at.selectbox(key="assign_start").set_value(at_(day, start)).run()
    at.selectbox(key="assign_end").set_value(at_(day, start + 3)).run()
    options = table(at, "would break")
    by_name = {r["name"]: r for _, r in options.iterrows()}
    assert set(by_name) == {"Aino Virtanen", "Bea Laine", "Carl Ek", "Dani Koski", "Eeva Salo"}
    assert by_name[chosen]["free"] == "✓" and not by_name[chosen]["would break"]
    assert options.iloc[0]["free"] == "✓"  # who is free comes first
    # Dani offered only Tuesday midday: the checker says so, in its own words.
    assert by_name["Dani Koski"]["free"] == "✗"
    assert "outside the time Dani Koski offered" in by_name["Dani Koski"]["would break"]
    at.selectbox(key="assign_person").set_value("Dani Koski").run()
    assert "This would break" in texts(at)
    assert at.button(key="assign_save").disabled  # not without "save anyway"
    at.selectbox(key="assign_person").set_value(chosen).run()
    assert "keeps every rule" in texts(at)
    at.button(key="assign_save").click().run()
    ok(at)
    after = latest(db, plan_id)
    new = Shift(chosen, "fi", at_(day, start), at_(day, start + 3))
    assert set(after.shifts) == set(before.shifts) | {new}
    assert after.label.startswith("assigned") and after.id != before.id
    assert at.selectbox(key="shift_pick").value == shift_id(new)  # the new shift is picked


def test_a_rule_breaking_assignment_is_saved_only_when_asked(roster_page):
    at, db, plan_id = roster_page
    before = latest(db, plan_id)
    at.toggle(key="assign_open").set_value(True).run()
    at.selectbox(key="assign_day").set_value(date(2026, 3, 24)).run()
    at.selectbox(key="assign_start").set_value(at_(24, 9)).run()
    at.selectbox(key="assign_end").set_value(at_(24, 11)).run()
    at.selectbox(key="assign_person").set_value("Eeva Salo").run()  # offered weekends only
    assert "outside the time Eeva Salo offered" in texts(at)
    at.checkbox(key="assign_anyway").check().run()
    at.button(key="assign_save").click().run()
    ok(at)
    after = latest(db, plan_id)
    assert Shift("Eeva Salo", "fi", at_(24, 9), at_(24, 11)) in after.shifts
    assert len(after.shifts) == len(before.shifts) + 1
    assert "This roster breaks 1 rule" in texts(at)  # and the page keeps saying so


def test_give_a_shift_to_someone_else_and_swap_two(roster_page):
    at, db, plan_id = roster_page
    version = latest(db, plan_id)
    # An evening shift of Bea's: Carl offered 15-21 every day.
    shift = next(s for s in version.shifts if s.name == "Bea Laine")
    pick(at, shift)
    at.toggle(key="give_open").set_value(True).run()
    options = table(at, "would break")
    assert "Bea Laine" not in set(options.name)  # not to the person who has it
    taker = options.iloc[0]["name"]  # the freest first
    at.selectbox(key="give_person").set_value(taker).run()
    if options.iloc[0]["free"] == "✓":
        assert "keeps every rule" in texts(at)
    else:  # everyone is busy in the tiny week: the check says what it breaks
        assert "This would break" in texts(at) and at.button(key="give_save").disabled
        at.checkbox(key="give_anyway").check().run()
    at.button(key="give_save").click().run()
    ok(at)
    given = latest(db, plan_id)
    moved = Shift(taker, shift.service, shift.start, shift.end)
    assert shift not in given.shifts and moved in given.shifts
    assert len(given.shifts) == len(version.shifts)

    first = next(s for s in given.shifts if s.name == "Aino Virtanen")
    second = next(s for s in given.shifts if s.name not in ("Aino Virtanen",))
    pick(at, first)
    at.toggle(key="swap_open").set_value(True).run()
    at.selectbox(key="swap_with").set_value(shift_id(second)).run()
    assert "After the swap" in texts(at)
    if at.button(key="swap_save").disabled:  # it breaks a rule: shown, saved only when asked
        assert "This would break" in texts(at)
        at.checkbox(key="swap_anyway").check().run()
    at.button(key="swap_save").click().run()
    ok(at)
    swapped = latest(db, plan_id)
    assert Shift(second.name, first.service, first.start, first.end) in swapped.shifts
    assert Shift(first.name, second.service, second.start, second.end) in swapped.shifts
    assert first not in swapped.shifts and second not in swapped.shifts


def test_cancel_a_person_from_a_date_leaving_the_gaps_then_re_planning(roster_page):
    at, db, plan_id = roster_page
    version = latest(db, plan_id)
    name = "Bea Laine"
    at.toggle(key="cancel_open").set_value(True).run()
    at.selectbox(key="cancel_person").set_value(name).run()
    at.date_input(key="cancel_date").set_value(date(2026, 3, 26)).run()
    leaving = [s for s in version.shifts if s.name == name and s.day >= date(2026, 3, 26)]
    assert leaving and f"{len(leaving)} shift" in texts(at)
    at.radio(key="cancel_mode").set_value("gaps")
    at.button(key="cancel_save").click().run()
    ok(at)
    gaps = latest(db, plan_id)
    assert set(version.shifts) - set(gaps.shifts) == set(leaving)
    plan = stored(db).load_plan(plan_id)
    away = {a.day for a in plan.availability if a.name == name and a.preference == "away"}
    assert away == {date(2026, 3, d) for d in range(26, 30)}

    # Re-planning the gaps with the fewest changes never puts Bea back on those days.
    goto(at, "roster")
    at.toggle(key="cancel_open").set_value(True).run()
    at.selectbox(key="cancel_person").set_value(name).run()
    at.date_input(key="cancel_date").set_value(date(2026, 3, 26)).run()
    at.radio(key="cancel_mode").set_value("replan").run()
    at.number_input(key="cancel_seconds").set_value(2)
    at.button(key="cancel_save").click().run()
    ok(at)
    wait_for_solve(at)
    replanned = latest(db, plan_id)
    assert replanned.label.startswith("re-planned after cancelling")
    assert not [s for s in replanned.shifts if s.name == name and s.day >= date(2026, 3, 26)]
    kept = set(gaps.shifts) & set(replanned.shifts)
    assert len(kept) >= len(gaps.shifts) - 3  # few changes besides filling the gaps


def test_versions_compare_what_changed_and_restore_an_earlier_one(roster_page):
    at, db, plan_id = roster_page
    first = latest(db, plan_id)
    gone = first.shifts[0]
    pick(at, gone)
    at.button(key="shift_remove").click().run()
    second = latest(db, plan_id)
    # The comparison opens on what the new version changed, with each one's figures.
    assert at.selectbox(key="compare_a").value == first.id
    assert at.selectbox(key="compare_b").value == second.id
    figures = table(at, "figure")
    assert list(figures["figure"][:3]) == [
        "expected answered contacts",
        "expected answer rate",
        "empty open hours",
    ]
    assert "hours without supervision" in set(figures["figure"])
    assert "1 removed" in texts(at) or "0 added, 1 removed, 0 moved" in texts(at)
    changes = table(at, "before")
    assert list(changes["change"]) == ["removed"] and list(changes["person"]) == [gone.name]
    people = table(at, "person")
    assert people.iloc[0]["removed"] == 1

    at.selectbox(key="restore_pick").set_value(first.id).run()
    at.button(key="restore_save").click().run()
    ok(at)
    third = latest(db, plan_id)
    assert third.id not in (first.id, second.id)
    assert set(third.shifts) == set(first.shifts) and f"restored version {first.id}" in third.label
    assert stored(db).load_roster(second.id).shifts == second.shifts  # earlier ones stay


def test_the_address_keeps_plan_step_and_version(tmp_path, monkeypatch):
    from test_app_support import new_app

    at, db = optimised_app(tmp_path, monkeypatch)
    at.run()
    plan_id = stored(db).list_plans()[0].id
    goto(at, "roster")
    first = latest(db, plan_id)
    pick(at, first.shifts[0])
    at.button(key="shift_remove").click().run()
    second = latest(db, plan_id)
    assert at.query_params["plan"] == str(plan_id)
    assert at.query_params["page"] == "roster"
    assert at.query_params["version"] == str(second.id)
    # Another plan, newer: a first visit without an address would open it.
    other = stored(db).save_plan(stored(db).load_plan(plan_id).but(id=None, name="Toinen"))
    assert stored(db).list_plans()[0].id == other.id
    # A reload (a new browser session) with the address returns to the same place.
    again = new_app(db, monkeypatch)
    again.query_params["plan"] = str(plan_id)
    again.query_params["page"] = "roster"
    again.query_params["version"] = str(first.id)
    again.run()
    ok(again)
    assert again.radio(key="nav").value == "roster"
    assert again.selectbox(key="plan_select").value == plan_id
    assert f"Version {first.id} " in texts(again)
    assert len(table(again, "pinned")) == len(first.shifts)
