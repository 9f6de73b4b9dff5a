"""The database of plans.

:class:`Store` is what the app needs from a database; :class:`SqliteStore` keeps it in a
SQLite file (the default). Another database (a server shared by several coordinators)
would be a second class with the same methods, chosen in :func:`open_store`.

The file is ``$SEKASIN_DB`` when set, else ``$XDG_DATA_HOME/sekasin-scheduler/plans.sqlite``
(``~/.local/share/sekasin-scheduler/plans.sqlite``): outside the source tree, so personal
data is never committed by accident.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from .migrations import CURRENT as SCHEMA_VERSION
from .migrations import DatabaseUnreadable, SchemaError
from .model import DRAFT, PUBLISHED, Plan, PlanInfo, RosterVersion
from .sqlite import PlanNotFound, SqliteStore

__all__ = [
    "DRAFT",
    "DatabaseUnreadable",
    "PUBLISHED",
    "SCHEMA_VERSION",
    "Plan",
    "PlanInfo",
    "PlanNotFound",
    "RosterVersion",
    "SchemaError",
    "SqliteStore",
    "Store",
    "default_path",
    "open_store",
]

ENV_VAR = "SEKASIN_DB"


class Store(Protocol):
    """Plans and their roster versions, saved so that they survive a restart."""

    def list_plans(self) -> list[PlanInfo]: ...

    def save_plan(self, plan: Plan) -> Plan: ...

    def load_plan(self, plan_id: int) -> Plan: ...

    def rename_plan(self, plan_id: int, name: str) -> None: ...

    def delete_plan(self, plan_id: int) -> None: ...

    def save_roster(self, version: RosterVersion) -> RosterVersion: ...

    def rosters(self, plan_id: int) -> list[RosterVersion]: ...

    def load_roster(self, roster_id: int) -> RosterVersion: ...

    def latest_roster(self, plan_id: int, kind: str | None = None) -> RosterVersion | None: ...

    def mark_published(self, roster_id: int, *, revision: int = 0) -> None: ...

    def last_revision(self, plan_id: int) -> int: ...


def default_path() -> Path:
    """Where plans are kept: ``$SEKASIN_DB``, else the user's data folder."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or "~/.local/share"
    return Path(base).expanduser() / "sekasin-scheduler" / "plans.sqlite"


def open_store(path: str | Path | None = None) -> Store:
    """The plan store at ``path`` (default :func:`default_path`).

    Raises :class:`SchemaError` for a file from a newer program and
    :class:`DatabaseUnreadable` for a file that is not a plan database (or is damaged)."""
    return SqliteStore(path if path is not None else default_path())
