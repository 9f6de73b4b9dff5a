"""The database schema as ordered migrations; ``schema_version`` records how far a file is.

Each migration moves the schema from version ``n - 1`` to ``n`` and runs in the same
transaction as the update of ``schema_version``, so a file is always at a whole version.
Never edit a released migration: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

V1 = """
CREATE TABLE plans (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    start       TEXT NOT NULL,
    weeks       INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 53),
    rules       TEXT NOT NULL,
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL
);
CREATE TABLE people (
    id                  INTEGER PRIMARY KEY,
    plan_id             INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    name                TEXT NOT NULL,
    email               TEXT NOT NULL DEFAULT '',
    organisation        TEXT NOT NULL DEFAULT '',
    role                TEXT NOT NULL,
    languages           TEXT NOT NULL,
    mentor              INTEGER NOT NULL DEFAULT 0,
    trainee             INTEGER NOT NULL DEFAULT 0,
    min_hours           REAL,
    max_hours           REAL,
    max_hours_per_week  REAL,
    max_shifts_per_week INTEGER,
    min_shift_hours     REAL,
    max_shift_hours     REAL,
    UNIQUE (plan_id, name)
);
CREATE TABLE availability (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    day          TEXT,
    weekday      INTEGER CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL,
    end_minute   INTEGER NOT NULL,
    preference   TEXT NOT NULL,
    CHECK ((day IS NULL) <> (weekday IS NULL))
);
CREATE TABLE demand (
    plan_id  INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    service  TEXT NOT NULL,
    start    TEXT NOT NULL,
    contacts REAL NOT NULL,
    PRIMARY KEY (plan_id, service, start)
);
CREATE TABLE rosters (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    created       TEXT NOT NULL,
    status        TEXT NOT NULL,
    objective     REAL NOT NULL,
    best_bound    REAL NOT NULL,
    gap           REAL NOT NULL,
    solve_seconds REAL NOT NULL,
    summary       TEXT NOT NULL
);
CREATE TABLE shifts (
    roster_id INTEGER NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    service   TEXT NOT NULL,
    start     TEXT NOT NULL,
    "end"     TEXT NOT NULL
);
"""

# Roster versions become drafts or published, with a label, the objective by goal and
# notes; pinned and forbidden shifts are kept with the plan.
V2 = """
ALTER TABLE rosters ADD COLUMN kind TEXT NOT NULL DEFAULT 'draft'
    CHECK (kind IN ('draft', 'published'));
ALTER TABLE rosters ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE rosters ADD COLUMN breakdown TEXT NOT NULL DEFAULT '{}';
ALTER TABLE rosters ADD COLUMN notes TEXT NOT NULL DEFAULT '[]';
CREATE TABLE fixes (
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL CHECK (kind IN ('pin', 'forbid')),
    name    TEXT NOT NULL,
    service TEXT NOT NULL,
    start   TEXT NOT NULL,
    "end"   TEXT NOT NULL
);
"""

# The validation report and file names of the last import, where the demand came from,
# the app's settings; indexes for opening a plan quickly.
V3 = """
ALTER TABLE plans ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
ALTER TABLE plans ADD COLUMN demand_info TEXT NOT NULL DEFAULT '{}';
CREATE TABLE findings (
    plan_id  INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    file     TEXT,
    sheet    TEXT,
    cell     TEXT,
    "row"    INTEGER,
    "column" TEXT,
    message  TEXT NOT NULL
);
CREATE TABLE sources (
    plan_id  INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL
);
CREATE INDEX people_plan ON people(plan_id);
CREATE INDEX availability_person ON availability(person_id);
CREATE INDEX rosters_plan ON rosters(plan_id);
CREATE INDEX shifts_roster ON shifts(roster_id);
CREATE INDEX fixes_plan ON fixes(plan_id);
CREATE INDEX findings_plan ON findings(plan_id);
"""

# Who each roster version's people were when it was saved (e-mail, organisation, role,
# languages), so that publishing a later version still reaches people who have left the
# plan since, in their organisation's calendar and their own language; when a version was
# marked published and the calendars' revision it was published with.
V4 = """
CREATE TABLE roster_people (
    roster_id    INTEGER NOT NULL REFERENCES rosters(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    email        TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL,
    languages    TEXT NOT NULL,
    mentor       INTEGER NOT NULL DEFAULT 0,
    trainee      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX roster_people_roster ON roster_people(roster_id);
ALTER TABLE rosters ADD COLUMN published TEXT;
ALTER TABLE rosters ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
"""

MIGRATIONS: Sequence[str] = (V1, V2, V3, V4)
CURRENT = len(MIGRATIONS)


class SchemaError(RuntimeError):
    """The database file was written by a newer version of the scheduler."""

    def __init__(self, message: str, *, found: int = 0, known: int = CURRENT):
        super().__init__(message)
        self.found = found
        self.known = known


class DatabaseUnreadable(RuntimeError):
    """The file is not a plan database this program can read (damaged, or another file)."""


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One all-or-nothing transaction on a connection opened with ``isolation_level=None``."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def version(conn: sqlite3.Connection) -> int:
    """The schema version of ``conn`` (0 for an empty database)."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def migrate(conn: sqlite3.Connection, target: int = CURRENT) -> int:
    """Apply the migrations after the file's version up to ``target``; return the version."""
    current = version(conn)
    if current > CURRENT:
        raise SchemaError(
            f"the plan database has schema version {current}, newer than this "
            f"program's {CURRENT}: update the scheduler to open it",
            found=current,
        )
    for number in range(current + 1, target + 1):
        with transaction(conn):
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
    return version(conn)
