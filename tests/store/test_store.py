"""The plan store on a real SQLite file: save, restart, reopen; versions; migrations."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from scheduler.domain import HELSINKI, AvailabilityPiece, Horizon, Person, Rules, Shift
from scheduler.errors import Finding, Location
from scheduler.store import (
    DRAFT,
    PUBLISHED,
    SCHEMA_VERSION,
    DatabaseUnreadable,
    Plan,
    PlanNotFound,
    RosterVersion,
    SchemaError,
    SqliteStore,
    default_path,
)
from scheduler.store.migrations import migrate


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=HELSINKI)


DST = date(2026, 3, 29)  # clocks go forward at 03:00


def sample_plan() -> Plan:
    horizon = Horizon(date(2026, 3, 23), 1)
    people = (
        Person(
            "Aino Virtanen",
            email="aino@example.org",
            organisation="MIELI",
            role="staff",
            languages=("fi", "sv"),
            mentor=True,
            max_hours=12.5,
            max_shifts_per_week=3,
        ),
        Person(
            "Bo Ek",
            organisation="Röda korset",
            languages=("sv",),
            trainee=True,
            min_shift_hours=2.0,
        ),
        Person('=HYPERLINK("x")', role="volunteer"),
    )
    availability = (
        AvailabilityPiece("Aino Virtanen", 15 * 60, 24 * 60, "preferred", day=DST),
        AvailabilityPiece("Bo Ek", 14 * 60, 19 * 60, weekday=0),
        AvailabilityPiece("Aino Virtanen", 9 * 60, 12 * 60, "away", weekday=2),
        AvailabilityPiece('=HYPERLINK("x")', 18 * 60, 22 * 60, weekday=4),
    )
    demand = {("fi", at(DST, h)): 30.0 + h / 7 for h in range(15, 24)}
    demand[("sv", at(date(2026, 3, 23), 14))] = 0.4
    return Plan(
        name="Kevät 2026",
        horizon=horizon,
        rules=Rules(slot_minutes=30, holiday_mode="closed", services=("fi",), aht_minutes=55.5),
        people=people,
        availability=availability,
        findings=(
            Finding("warning", Location("org.xlsx", "Vuorot", "H8"), "16:30 is off-grid"),
            Finding("error", Location("a.xlsx", row=4, column="date"), "bad date"),
        ),
        sources=("org.xlsx", "a.xlsx"),
        demand=demand,
        demand_info={"source": "built-in profile", "assumption": True},
        pins=(Shift("Aino Virtanen", "fi", at(DST, 15), at(DST, 19)),),
        forbids=(Shift("Bo Ek", "sv", at(date(2026, 3, 23), 14), at(date(2026, 3, 23), 17)),),
        settings={"time_limit": 5.0, "contact_info": "chat team: Teams"},
    )


def content(plan: Plan) -> dict:
    """Everything a coordinator saved (not the id and times the store assigns)."""
    return {k: v for k, v in plan.__dict__.items() if k not in ("id", "created", "updated")}


def test_a_plan_survives_a_restart_identical(tmp_path):
    path = tmp_path / "plans.sqlite"
    saved = SqliteStore(path).save_plan(sample_plan())
    reopened = SqliteStore(path).load_plan(saved.id)  # a new store: a new connection
    assert content(reopened) == content(sample_plan())
    assert reopened.id == saved.id
    # times keep their offsets across the DST change
    starts = sorted(s for _, s in reopened.demand)
    assert starts[0].utcoffset().total_seconds() == 2 * 3600
    assert at(DST, 15) in {s for _, s in reopened.demand}
    assert reopened.demand[("fi", at(DST, 15))] == pytest.approx(30.0 + 15 / 7)


def test_saving_again_replaces_the_parts(tmp_path):
    store = SqliteStore(tmp_path / "plans.sqlite")
    saved = store.save_plan(sample_plan())
    fewer = saved.but(
        people=saved.people[:1],
        availability=saved.availability[:1],
        pins=(),
        findings=(),
        name="Kevät, uusi",
    )
    store.save_plan(fewer)
    again = store.load_plan(saved.id)
    assert [p.name for p in again.people] == ["Aino Virtanen"]
    assert again.availability == saved.availability[:1]
    assert again.pins == () and again.findings == ()
    assert again.forbids == saved.forbids
    assert again.name == "Kevät, uusi"


def test_roster_versions_draft_and_published(tmp_path):
    path = tmp_path / "plans.sqlite"
    store = SqliteStore(path)
    plan = store.save_plan(sample_plan())
    shifts = (
        Shift("Aino Virtanen", "fi", at(DST, 15), at(DST, 19)),
        Shift("Bo Ek", "sv", at(date(2026, 3, 23), 14), at(date(2026, 3, 23), 16)),
    )
    first = store.save_roster(
        RosterVersion(
            plan.id,
            shifts,
            "OPTIMAL",
            objective=12.5,
            best_bound=12.5,
            breakdown={"answered": 12.5},
            notes=("a pin was kept",),
            summary={"shifts": 2},
            label="optimised",
        )
    )
    second = store.save_roster(RosterVersion(plan.id, shifts[:1], "EDITED", label="removed"))
    assert store.last_revision(plan.id) == 0
    store.mark_published(first.id, revision=69586200)

    store = SqliteStore(path)
    assert [v.id for v in store.rosters(plan.id)] == [second.id, first.id]
    assert store.latest_roster(plan.id).id == second.id
    published = store.latest_roster(plan.id, PUBLISHED)
    assert published.id == first.id and published.kind == PUBLISHED
    assert published.shifts == shifts
    assert published.breakdown == {"answered": 12.5}
    assert published.notes == ("a pin was kept",)
    assert published.revision == 69586200 and published.published is not None
    assert store.last_revision(plan.id) == 69586200
    assert store.latest_roster(plan.id, DRAFT).id == second.id
    assert [p.rosters for p in store.list_plans()] == [2]


def test_list_rename_delete(tmp_path):
    path = tmp_path / "plans.sqlite"
    store = SqliteStore(path)
    a = store.save_plan(sample_plan())
    b = store.save_plan(Plan("Syksy", Horizon(date(2026, 9, 7), 2)))
    store.save_roster(
        RosterVersion(a.id, (Shift("Bo Ek", "fi", at(DST, 15), at(DST, 17)),), "FEASIBLE")
    )
    assert {p.name for p in store.list_plans()} == {"Kevät 2026", "Syksy"}
    store.rename_plan(b.id, "  Syksy 2026 ")
    assert store.load_plan(b.id).name == "Syksy 2026"
    with pytest.raises(ValueError):
        store.rename_plan(b.id, "   ")
    store.delete_plan(a.id)
    assert [p.id for p in store.list_plans()] == [b.id]
    with pytest.raises(PlanNotFound):
        store.load_plan(a.id)
    # foreign keys cascade: nothing of the deleted plan stays in the file
    conn = sqlite3.connect(path)
    for table in ("people", "availability", "demand", "rosters", "shifts", "fixes", "findings"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    conn.close()
    with pytest.raises(PlanNotFound):
        store.delete_plan(a.id)


def test_a_roster_for_a_missing_plan_is_refused(tmp_path):
    store = SqliteStore(tmp_path / "plans.sqlite")
    with pytest.raises(PlanNotFound):
        store.save_roster(RosterVersion(99, (), "OPTIMAL"))


def test_migrating_a_version_1_file_keeps_its_plans(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == 1
    conn.execute(
        "INSERT INTO plans (id, name, start, weeks, rules, created, updated) VALUES "
        "(1, 'Vanha', '2026-03-02', 2, '{\"slot_minutes\": 60, \"services\": [\"fi\"]}',"
        " '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
    )
    conn.execute(
        "INSERT INTO people (id, plan_id, position, name, role, languages) "
        "VALUES (1, 1, 0, 'Aino', 'volunteer', 'fi')"
    )
    conn.execute(
        "INSERT INTO availability (person_id, weekday, start_minute, end_minute, "
        "preference) VALUES (1, 0, 1080, 1320, 'available')"
    )
    conn.execute(
        "INSERT INTO rosters (id, plan_id, created, status, objective, best_bound, gap,"
        " solve_seconds, summary) VALUES (1, 1, '2026-01-01T00:00:00+00:00', 'OPTIMAL',"
        " 3.5, 3.5, 0, 1.2, '{}')"
    )
    conn.execute(
        'INSERT INTO shifts (roster_id, name, service, start, "end") VALUES '
        "(1, 'Aino', 'fi', '2026-03-02T18:00:00+02:00', '2026-03-02T22:00:00+02:00')"
    )
    conn.close()

    store = SqliteStore(path)
    assert store.schema_version == SCHEMA_VERSION
    plan = store.load_plan(1)
    assert plan.name == "Vanha" and plan.rules.services == ("fi",)
    assert plan.people == (Person("Aino"),)
    assert plan.availability == (AvailabilityPiece("Aino", 1080, 1320, weekday=0),)
    assert plan.settings == {} and plan.pins == ()
    roster = store.latest_roster(1)
    assert roster.kind == DRAFT and roster.objective == 3.5
    assert roster.shifts == (
        Shift("Aino", "fi", at(date(2026, 3, 2), 18), at(date(2026, 3, 2), 22)),
    )
    conn = sqlite3.connect(path)
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY 1")]
    conn.close()
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_a_file_from_a_newer_program_is_not_touched(tmp_path):
    path = tmp_path / "new.sqlite"
    SqliteStore(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    conn.close()
    with pytest.raises(SchemaError, match="newer"):
        SqliteStore(path)


def test_the_database_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SEKASIN_DB", str(tmp_path / "x" / "p.sqlite"))
    assert default_path() == tmp_path / "x" / "p.sqlite"
    monkeypatch.delenv("SEKASIN_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "sekasin-scheduler" / "plans.sqlite"


def test_a_version_keeps_its_people_as_they_were_when_saved(tmp_path):
    path = tmp_path / "plans.sqlite"
    store = SqliteStore(path)
    plan = store.save_plan(sample_plan())
    shifts = (Shift("Bo Ek", "sv", at(date(2026, 3, 23), 14), at(date(2026, 3, 23), 16)),)
    then = (plan.people[1],)  # Bo Ek, Swedish only, Röda korset, a trainee
    saved = store.save_roster(RosterVersion(plan.id, shifts, "EDITED", people=then))
    # Bo leaves the plan: the version still knows who he was.
    store.save_plan(plan.but(people=plan.people[:1], availability=plan.availability[:1]))
    again = SqliteStore(path).load_roster(saved.id)
    kept = ("name", "email", "organisation", "role", "languages", "mentor", "trainee")
    assert [[getattr(p, k) for k in kept] for p in again.people] == [
        [getattr(p, k) for k in kept] for p in then
    ]
    assert again.people[0].languages == ("sv",) and again.people[0].organisation == "Röda korset"
    assert store.rosters(plan.id)[0].people == ()  # the list stays light


def test_a_damaged_or_foreign_file_is_refused_with_its_own_error(tmp_path):
    path = tmp_path / "plans.sqlite"
    path.write_bytes(b"this is not a database, just some bytes " * 200)
    with pytest.raises(DatabaseUnreadable, match="plans.sqlite"):
        SqliteStore(path)
    assert path.read_bytes().startswith(b"this is not a database")  # left as it was
