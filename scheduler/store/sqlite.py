"""The plan store on a SQLite file (the default): one short connection per operation."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..domain import HELSINKI, AvailabilityPiece, Horizon, Person, Rules, Shift
from ..errors import Finding, Location, message_from_json, message_to_json
from .migrations import DatabaseUnreadable, migrate, transaction
from .model import Plan, PlanInfo, RosterVersion

ROSTER_PERSON_COLUMNS = ("name", "email", "organisation", "role", "languages", "mentor", "trainee")
PERSON_COLUMNS = (
    "name",
    "email",
    "organisation",
    "role",
    "languages",
    "mentor",
    "trainee",
    "min_hours",
    "max_hours",
    "max_hours_per_week",
    "max_shifts_per_week",
    "min_shift_hours",
    "max_shift_hours",
)
RULE_FIELDS = tuple(f.name for f in fields(Rules))


class PlanNotFound(KeyError):
    """No plan (or roster version) with that id."""


def _now() -> datetime:
    return datetime.now(UTC)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(HELSINKI)


def _iso(moment: datetime) -> str:
    return moment.astimezone(HELSINKI).isoformat()


def rules_to_json(rules: Rules) -> str:
    data = {name: getattr(rules, name) for name in RULE_FIELDS}
    data["services"] = list(rules.services)
    return json.dumps(data, sort_keys=True)


def rules_from_json(text: str) -> Rules:
    data = {k: v for k, v in json.loads(text).items() if k in RULE_FIELDS}
    if "services" in data:
        data["services"] = tuple(data["services"])
    return Rules(**data)


def _person_row(person: Person) -> tuple[Any, ...]:
    values = [getattr(person, c) for c in PERSON_COLUMNS]
    values[PERSON_COLUMNS.index("languages")] = ",".join(person.languages)
    return tuple(values)


def _person(row: sqlite3.Row, columns: tuple[str, ...] = PERSON_COLUMNS) -> Person:
    data = {c: row[c] for c in columns}
    data["languages"] = tuple(data["languages"].split(","))
    data["mentor"] = bool(data["mentor"])
    data["trainee"] = bool(data["trainee"])
    return Person(**data)


def _shift(row: sqlite3.Row) -> Shift:
    return Shift(row["name"], row["service"], _moment(row["start"]), _moment(row["end"]))


def _shift_row(shift: Shift) -> tuple[str, str, str, str]:
    return (shift.name, shift.service, _iso(shift.start), _iso(shift.end))


class SqliteStore:
    """Plans in a SQLite file, migrated to the current schema when opened.

    Every call opens its own connection (foreign keys on, WAL journal), so one store
    can serve every browser session and thread of the app.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path).expanduser()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self._connect() as conn:
                conn.execute("PRAGMA journal_mode=WAL")
                self.schema_version = migrate(conn)
        except sqlite3.DatabaseError as exc:  # not a database, damaged, or someone else's
            raise DatabaseUnreadable(f"{self.path}: {exc}") from exc

    # ----------------------------------------------------------------- connections

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys=ON")
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as conn, transaction(conn):
            yield conn

    # ----------------------------------------------------------------- plans

    def list_plans(self) -> list[PlanInfo]:
        """Every plan, most recently changed first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT p.id, p.name, p.start, p.weeks, p.updated, "
                "(SELECT COUNT(*) FROM people WHERE plan_id = p.id) AS people, "
                "(SELECT COUNT(*) FROM rosters WHERE plan_id = p.id) AS rosters "
                "FROM plans p ORDER BY p.updated DESC, p.id DESC"
            ).fetchall()
        return [
            PlanInfo(
                r["id"],
                r["name"],
                Horizon(date.fromisoformat(r["start"]), r["weeks"]),
                r["people"],
                r["rosters"],
                datetime.fromisoformat(r["updated"]),
            )
            for r in rows
        ]

    def save_plan(self, plan: Plan) -> Plan:
        """Insert a new plan (``id`` None) or replace every part of a stored one.

        Returns the plan as stored, with its id and times.
        """
        now = _now()
        with self._write() as conn:
            head = (
                plan.name,
                plan.horizon.start.isoformat(),
                plan.horizon.weeks,
                rules_to_json(plan.rules),
                json.dumps(dict(plan.settings)),
                json.dumps(dict(plan.demand_info)),
                now.isoformat(),
            )
            if plan.id is None:
                created = now
                cur = conn.execute(
                    "INSERT INTO plans (name, start, weeks, rules, settings, demand_info, "
                    "updated, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (*head, now.isoformat()),
                )
                plan_id = int(cur.lastrowid or 0)
            else:
                plan_id = plan.id
                row = conn.execute("SELECT created FROM plans WHERE id = ?", (plan_id,)).fetchone()
                if row is None:
                    raise PlanNotFound(plan_id)
                created = datetime.fromisoformat(row["created"])
                conn.execute(
                    "UPDATE plans SET name = ?, start = ?, weeks = ?, rules = ?, "
                    "settings = ?, demand_info = ?, updated = ? WHERE id = ?",
                    (*head, plan_id),
                )
                for table in ("people", "demand", "fixes", "findings", "sources"):
                    conn.execute(f"DELETE FROM {table} WHERE plan_id = ?", (plan_id,))
            self._write_parts(conn, plan_id, plan)
        return plan.but(id=plan_id, created=created, updated=now)

    def _write_parts(self, conn: sqlite3.Connection, plan_id: int, plan: Plan) -> None:
        ids: dict[str, int] = {}
        marks = ", ".join("?" * len(PERSON_COLUMNS))
        for position, person in enumerate(plan.people):
            cur = conn.execute(
                f"INSERT INTO people (plan_id, position, {', '.join(PERSON_COLUMNS)}) "
                f"VALUES (?, ?, {marks})",
                (plan_id, position, *_person_row(person)),
            )
            ids[person.name] = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT INTO availability (person_id, day, weekday, start_minute, end_minute, "
            "preference) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    ids[a.name],
                    a.day.isoformat() if a.day else None,
                    a.weekday,
                    a.start_minute,
                    a.end_minute,
                    a.preference,
                )
                for a in plan.availability
            ],
        )
        conn.executemany(
            "INSERT INTO demand (plan_id, service, start, contacts) VALUES (?, ?, ?, ?)",
            [
                (plan_id, service, _iso(start), float(contacts))
                for (service, start), contacts in plan.demand.items()
            ],
        )
        conn.executemany(
            'INSERT INTO fixes (plan_id, kind, name, service, start, "end") '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (plan_id, kind, *_shift_row(s))
                for kind, shifts in (("pin", plan.pins), ("forbid", plan.forbids))
                for s in shifts
            ],
        )
        conn.executemany(
            'INSERT INTO findings (plan_id, position, severity, file, sheet, cell, "row", '
            '"column", message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
                (
                    plan_id,
                    i,
                    f.severity,
                    f.where.file,
                    f.where.sheet,
                    f.where.cell,
                    f.where.row,
                    f.where.column,
                    message_to_json(f.message),
                )
                for i, f in enumerate(plan.findings)
            ],
        )
        conn.executemany(
            "INSERT INTO sources (plan_id, position, name) VALUES (?, ?, ?)",
            [(plan_id, i, name) for i, name in enumerate(plan.sources)],
        )

    def load_plan(self, plan_id: int) -> Plan:
        """The stored plan with every part, exactly as saved."""
        with self._connect() as conn:
            head = conn.execute("SELECT * FROM plans WHERE id = ?", (plan_id,)).fetchone()
            if head is None:
                raise PlanNotFound(plan_id)
            people = conn.execute(
                "SELECT * FROM people WHERE plan_id = ? ORDER BY position", (plan_id,)
            ).fetchall()
            pieces = conn.execute(
                "SELECT a.*, p.name FROM availability a JOIN people p ON p.id = a.person_id "
                "WHERE p.plan_id = ? ORDER BY a.id",
                (plan_id,),
            ).fetchall()
            demand = conn.execute(
                "SELECT service, start, contacts FROM demand WHERE plan_id = ?", (plan_id,)
            ).fetchall()
            fixes = conn.execute(
                "SELECT * FROM fixes WHERE plan_id = ? ORDER BY rowid", (plan_id,)
            ).fetchall()
            findings = conn.execute(
                "SELECT * FROM findings WHERE plan_id = ? ORDER BY position", (plan_id,)
            ).fetchall()
            sources = conn.execute(
                "SELECT name FROM sources WHERE plan_id = ? ORDER BY position", (plan_id,)
            ).fetchall()
        return Plan(
            id=plan_id,
            name=head["name"],
            horizon=Horizon(date.fromisoformat(head["start"]), head["weeks"]),
            rules=rules_from_json(head["rules"]),
            people=tuple(_person(r) for r in people),
            availability=tuple(
                AvailabilityPiece(
                    r["name"],
                    r["start_minute"],
                    r["end_minute"],
                    r["preference"],
                    day=date.fromisoformat(r["day"]) if r["day"] else None,
                    weekday=r["weekday"],
                )
                for r in pieces
            ),
            findings=tuple(
                Finding(
                    r["severity"],
                    Location(r["file"], r["sheet"], r["cell"], r["row"], r["column"]),
                    message_from_json(r["message"]),
                )
                for r in findings
            ),
            sources=tuple(r["name"] for r in sources),
            demand=dict(
                sorted(((r["service"], _moment(r["start"])), r["contacts"]) for r in demand)
            ),
            demand_info=json.loads(head["demand_info"]),
            pins=tuple(_shift(r) for r in fixes if r["kind"] == "pin"),
            forbids=tuple(_shift(r) for r in fixes if r["kind"] == "forbid"),
            settings=json.loads(head["settings"]),
            created=datetime.fromisoformat(head["created"]),
            updated=datetime.fromisoformat(head["updated"]),
        )

    def rename_plan(self, plan_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValueError("a plan needs a name")
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE plans SET name = ?, updated = ? WHERE id = ?",
                (name, _now().isoformat(), plan_id),
            )
            if cur.rowcount == 0:
                raise PlanNotFound(plan_id)

    def delete_plan(self, plan_id: int) -> None:
        """Delete a plan with everything in it (people, demand, rosters...)."""
        with self._write() as conn:
            cur = conn.execute("DELETE FROM plans WHERE id = ?", (plan_id,))
            if cur.rowcount == 0:
                raise PlanNotFound(plan_id)

    # ----------------------------------------------------------------- rosters

    def save_roster(self, version: RosterVersion) -> RosterVersion:
        """Store a new roster version of its plan; returns it with id and time."""
        now = _now()
        with self._write() as conn:
            if (
                conn.execute("SELECT 1 FROM plans WHERE id = ?", (version.plan_id,)).fetchone()
                is None
            ):
                raise PlanNotFound(version.plan_id)
            cur = conn.execute(
                "INSERT INTO rosters (plan_id, created, status, objective, best_bound, gap, "
                "solve_seconds, summary, kind, label, breakdown, notes) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    version.plan_id,
                    now.isoformat(),
                    version.status,
                    version.objective,
                    version.best_bound,
                    version.gap,
                    version.solve_seconds,
                    json.dumps(dict(version.summary)),
                    version.kind,
                    version.label,
                    json.dumps(dict(version.breakdown)),
                    json.dumps(list(version.notes)),
                ),
            )
            roster_id = int(cur.lastrowid or 0)
            self._write_shifts(conn, roster_id, version.shifts)
            conn.executemany(
                f"INSERT INTO roster_people (roster_id, position, "
                f"{', '.join(ROSTER_PERSON_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (roster_id, i, *_person_row(p)[: len(ROSTER_PERSON_COLUMNS)])
                    for i, p in enumerate(version.people)
                ],
            )
            conn.execute(
                "UPDATE plans SET updated = ? WHERE id = ?", (now.isoformat(), version.plan_id)
            )
        return version.but(id=roster_id, created=now)

    @staticmethod
    def _write_shifts(conn: sqlite3.Connection, roster_id: int, shifts: Iterable[Shift]) -> None:
        conn.executemany(
            'INSERT INTO shifts (roster_id, name, service, start, "end") VALUES (?, ?, ?, ?, ?)',
            [(roster_id, *_shift_row(s)) for s in shifts],
        )

    def rosters(self, plan_id: int) -> list[RosterVersion]:
        """The plan's roster versions, newest first, without their shifts (``shifts=()``)."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT * FROM rosters WHERE plan_id = ? ORDER BY id DESC", (plan_id,)
            ).fetchall()
        return [self._version(r, ()) for r in rows]

    def load_roster(self, roster_id: int) -> RosterVersion:
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM rosters WHERE id = ?", (roster_id,)).fetchone()
            if row is None:
                raise PlanNotFound(roster_id)
            shifts = conn.execute(
                "SELECT * FROM shifts WHERE roster_id = ? ORDER BY rowid", (roster_id,)
            ).fetchall()
            people = conn.execute(
                "SELECT * FROM roster_people WHERE roster_id = ? ORDER BY position", (roster_id,)
            ).fetchall()
        return self._version(row, tuple(_shift(s) for s in shifts)).but(
            people=tuple(_person(p, ROSTER_PERSON_COLUMNS) for p in people)
        )

    def latest_roster(self, plan_id: int, kind: str | None = None) -> RosterVersion | None:
        """The newest roster version of the plan (of ``kind`` when given), or None."""
        query = "SELECT id FROM rosters WHERE plan_id = ?"
        args: tuple[Any, ...] = (plan_id,)
        if kind is not None:
            query += " AND kind = ?"
            args += (kind,)
        with self._connect() as conn:
            row = conn.execute(query + " ORDER BY id DESC LIMIT 1", args).fetchone()
        return self.load_roster(row["id"]) if row else None

    def mark_published(self, roster_id: int, *, revision: int = 0) -> None:
        """Record that this version was published (its files handed out), now, with the
        calendars' publish ``revision`` it went out with."""
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE rosters SET kind = 'published', published = ?, revision = ? WHERE id = ?",
                (_now().isoformat(), int(revision), roster_id),
            )
            if cur.rowcount == 0:
                raise PlanNotFound(roster_id)

    def last_revision(self, plan_id: int) -> int:
        """The highest publish revision of the plan's published versions (0 if none)."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT MAX(revision) FROM rosters WHERE plan_id = ?", (plan_id,)
            ).fetchone()
        return int(row[0] or 0)

    @staticmethod
    def _version(row: sqlite3.Row, shifts: tuple[Shift, ...]) -> RosterVersion:
        return RosterVersion(
            plan_id=row["plan_id"],
            shifts=shifts,
            status=row["status"],
            objective=row["objective"],
            best_bound=row["best_bound"],
            gap=row["gap"],
            solve_seconds=row["solve_seconds"],
            kind=row["kind"],
            label=row["label"],
            breakdown=json.loads(row["breakdown"]),
            notes=tuple(json.loads(row["notes"])),
            summary=json.loads(row["summary"]),
            id=row["id"],
            created=datetime.fromisoformat(row["created"]),
            published=datetime.fromisoformat(row["published"]) if row["published"] else None,
            revision=int(row["revision"] or 0),
        )
