"""Step 6 in the app: the roster table and calendar; pin, forbid, remove; re-optimise."""

from __future__ import annotations

import pytest
from test_app_support import goto, ok, optimised_app, stored, table, wait_for_solve

from scheduler.ui.pages.roster import shift_text


@pytest.fixture
def roster_page(tmp_path, monkeypatch):
    at, db = optimised_app(tmp_path, monkeypatch)
    at.run()
    plan_id = stored(db).list_plans()[0].id
    return goto(at, "roster"), db, plan_id


def test_table_and_calendar_show_the_roster(roster_page):
    at, db, plan_id = roster_page
    version = stored(db).latest_roster(plan_id)
    shifts = table(at, "pinned")
    assert len(shifts) == len(version.shifts)
    grid = table(at, "time")
    first = version.shifts[0]
    day = [c for c in grid.columns if c.startswith(f"{first.start:%a} {first.start:%d.%m.}")][0]
    row = grid[grid.time == f"{first.start:%H:%M}"].iloc[0]
    assert first.name in row[day]
    at.text_input(key="roster_search").set_value("Bea").run()
    assert set(table(at, "pinned").name) == {"Bea Laine"}


def test_pin_forbid_remove_and_reoptimise_with_few_changes(roster_page):
    at, db, plan_id = roster_page
    version = stored(db).latest_roster(plan_id)
    by_text = {shift_text(s): s for s in version.shifts}
    pinned, forbidden, removed = version.shifts[0], version.shifts[1], version.shifts[2]

    def select(shift):
        box = at.selectbox(key="shift_pick")
        box.set_value(box.options.index(shift_text(shift))).run()

    select(pinned)
    at.button(key="shift_pin").click().run()
    assert stored(db).load_plan(plan_id).pins == (pinned,)

    select(forbidden)
    at.button(key="shift_forbid").click().run()
    assert stored(db).load_plan(plan_id).forbids == (forbidden,)
    after_forbid = stored(db).latest_roster(plan_id)
    assert forbidden not in after_forbid.shifts and after_forbid.status == "EDITED"

    select(removed)
    at.button(key="shift_remove").click().run()
    edited = stored(db).latest_roster(plan_id)
    assert set(edited.shifts) == set(version.shifts) - {forbidden, removed}
    assert len(table(at, "pinned")) == len(version.shifts) - 2
    assert table(at, "pinned")["pinned"].sum() == 1

    at.number_input(key="reoptimise_seconds").set_value(2)
    at.button(key="reoptimise").click().run()
    ok(at)
    wait_for_solve(at)
    new = stored(db).latest_roster(plan_id)
    assert new.id != edited.id and new.label.startswith("re-optimised")
    assert pinned in new.shifts and forbidden not in new.shifts
    # few changes: most of the edited roster is kept
    kept = len(set(new.shifts) & set(edited.shifts))
    assert kept >= len(edited.shifts) - 3
    assert by_text  # every shift had a distinct label to pick it by
    assert len(by_text) == len(version.shifts)
