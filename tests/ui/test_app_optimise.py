"""Step 4 in the app: optimise in the background with live progress, stop, versions."""

from __future__ import annotations

from test_app_support import (
    goto,
    make_optimised_store,
    new_app,
    ok,
    stored,
    table,
    texts,
    wait_for_solve,
)


def plan_without_roster(tmp_path, monkeypatch):
    db = tmp_path / "plans.sqlite"
    plan_id = make_optimised_store(db, optimise=False)
    at = new_app(db, monkeypatch)
    at.run()
    ok(at)
    assert at.radio(key="nav").value == "plan"  # no roster yet: start at the beginning
    return goto(at, "optimise"), db, plan_id


def test_optimise_with_a_short_limit_then_see_the_kpis(tmp_path, monkeypatch):
    at, db, plan_id = plan_without_roster(tmp_path, monkeypatch)
    at.number_input(key="time_limit").set_value(2)
    at.button(key="optimise").click().run()
    ok(at)
    # the page came back at once: the solve runs in a background thread
    assert any(b.key == "stop_solve" for b in at.button)
    assert at.button(key="optimise").disabled
    wait_for_solve(at)
    assert "Optimised:" in texts(at)
    version = stored(db).latest_roster(plan_id)
    assert version is not None and version.shifts and version.label == "optimised 2 s"
    assert stored(db).load_plan(plan_id).settings["time_limit"] == 2
    assert list(table(at, "version")["version"]) == [version.id]

    goto(at, "coverage")
    metrics = {m.label: m.value for m in at.metric}
    assert float(metrics["expected answer rate"].rstrip("%")) > 0
    assert metrics["roster"] == f"{len(version.shifts)} shifts"


def test_stop_returns_the_best_roster_so_far(tmp_path, monkeypatch):
    """The sample month (350 people) cannot be proven optimal in seconds: stop it early."""
    import time

    from scheduler.store import Plan, SqliteStore
    from scheduler.ui.seed import DATA_DIR, SAMPLE_FILES, sample_horizon
    from scheduler.ui.workflow import import_availability, with_builtin_demand

    db = tmp_path / "plans.sqlite"
    plan, _ = import_availability(
        Plan("Sample", sample_horizon(DATA_DIR)),
        [(n, (DATA_DIR / n).read_bytes()) for n in SAMPLE_FILES],
    )
    plan_id = SqliteStore(db).save_plan(with_builtin_demand(plan)).id
    at = new_app(db, monkeypatch)
    at.run()
    goto(at, "optimise")
    at.number_input(key="time_limit").set_value(300)
    at.button(key="optimise").click().run()
    began = time.monotonic()
    at.button(key="stop_solve").click().run()
    assert at.button(key="stop_solve").disabled  # "Stopping…"
    wait_for_solve(at, timeout=60)
    assert time.monotonic() - began < 60  # far from the 300 s limit: the stop was heard
    version = stored(db).latest_roster(plan_id)
    assert version is not None and version.shifts  # the best roster so far, kept
    assert version.status == "STOPPED"
