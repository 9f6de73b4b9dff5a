"""Per-browser-session state: the open plan, its roster version and its running solve.

Everything lives in ``st.session_state`` under the plan's id, never in module globals, so
two browser sessions (or two plans in one session) never see each other's work. The store
is shared by the process (it holds no state between calls).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from ..i18n import _
from ..roster import status_words
from ..solve.instance import Instance, build_instance
from ..store import Plan, RosterVersion, Store, open_store
from ..store import default_path as default_store_path
from .jobs import SolveJob
from .seed import ensure_a_plan
from .workflow import Outcome, VersionFigures, outcome_of, problem_of, version_figures, with_people

PLAN_ID = "plan_id"
SESSIONS = "plan_sessions"
PLAN_SELECT = "plan_select"
STORE_OPENED = "_store_opened"


@st.cache_resource(show_spinner=False)
def _store_at(path: str) -> Store:
    store = open_store(path)
    ensure_a_plan(store)
    return store


def store() -> Store:
    """The plan store of this process (``$SEKASIN_DB`` or the default path).

    Raises :class:`scheduler.store.SchemaError` (a newer program's file) or
    :class:`scheduler.store.DatabaseUnreadable` (not a plan database, or damaged)."""
    path = str(default_store_path())
    if st.session_state.get(STORE_OPENED) == path:
        return _store_at(path)
    with st.spinner(
        _(
            "Opening the plan database (the first start makes the sample plan and "
            "optimises it; this takes a few seconds)…"
        )
    ):
        opened = _store_at(path)
    st.session_state[STORE_OPENED] = path
    return opened


@dataclass
class PlanSession:
    """The open plan of one browser session, its current roster version and solve."""

    plan: Plan
    version: RosterVersion | None
    job: SolveJob | None = None
    flash: list[tuple[str, str]] = field(default_factory=list)
    _outcome: Outcome | None = None
    _outcome_key: Any = None
    _instance: Instance | None = None
    _instance_key: Any = None
    _figures: dict[Any, VersionFigures] = field(default_factory=dict)

    @property
    def id(self) -> int:
        assert self.plan.id is not None
        return self.plan.id

    def save(self, plan: Plan) -> Plan:
        """Save the plan (every part) and keep it as this session's plan."""
        self.plan = store().save_plan(plan)
        return self.plan

    def keep(self, version: RosterVersion) -> RosterVersion:
        """Save a roster version (with its people as they are now) and make it the
        current one."""
        earlier = self.version.people if self.version is not None else ()
        self.version = store().save_roster(with_people(version, self.plan, earlier))
        return self.version

    def instance(self) -> Instance:
        """The plan's problem made concrete (cached until the plan changes)."""
        key = self.plan.updated
        if self._instance is None or self._instance_key != key:
            self._instance = build_instance(problem_of(self.plan))
            self._instance_key = key
            self._figures.clear()
        return self._instance

    def outcome(self) -> Outcome | None:
        """The current version evaluated (cached until the plan or version changes)."""
        if self.version is None or not self.plan.demand:
            return None
        key = (self.version.id, self.plan.updated)
        if self._outcome_key != key:
            self._outcome = outcome_of(
                self.plan, self.version, self.plan.settings, instance=self.instance()
            )
            self._outcome_key = key
        return self._outcome

    def figures(self, version: RosterVersion) -> VersionFigures:
        """What ``version`` achieves under the plan as it is now (cached)."""
        inst = self.instance()
        key = (version.id, self.plan.updated)
        if key not in self._figures:
            shifts = version.shifts or store().load_roster(version.id or 0).shifts
            self._figures[key] = version_figures(inst.problem, shifts, instance=inst)
        return self._figures[key]

    def collect(self) -> None:
        """Take over the result of a finished solve (saved by the job's thread)."""
        job = self.job
        if job is None or not job.done:
            return
        self.job = None
        if job.error:
            self.flash.append(("error", _("The optimisation failed: {error}", error=job.error)))
        elif isinstance(job.saved, RosterVersion):
            self.version = job.saved
            result = job.result
            words = result.status_words if result is not None else status_words(job.saved.status)
            text = _(
                "Optimised: {status}, {shifts} shifts.",
                status=words,
                shifts=len(job.saved.shifts),
            )
            self.flash.append(("success", text))

    def say(self, kind: str, text: str) -> None:
        """A message shown once on the next run of the page."""
        self.flash.append((kind, text))


def _sessions() -> dict[int, PlanSession]:
    if SESSIONS not in st.session_state:
        st.session_state[SESSIONS] = {}
    return st.session_state[SESSIONS]


def current(asked: int | None = None) -> PlanSession:
    """The session's open plan: ``asked`` (the plan in the address) on a first visit when it
    exists, else the most recently changed plan."""
    plans = store().list_plans()
    if not plans:
        ensure_a_plan(store())
        plans = store().list_plans()
    updated = {p.id: p.updated for p in plans}
    if st.session_state.get(PLAN_ID) not in updated:
        st.session_state[PLAN_ID] = asked if asked in updated else plans[0].id
    session = open_plan(st.session_state[PLAN_ID])
    if session.plan.updated is not None and updated[session.id] > session.plan.updated:
        session.plan = store().load_plan(session.id)  # saved meanwhile by another session
    return session


def open_plan(plan_id: int) -> PlanSession:
    """Make ``plan_id`` this browser session's plan, loading it from the store once."""
    st.session_state[PLAN_ID] = plan_id
    st.session_state[PLAN_SELECT] = plan_id
    sessions = _sessions()
    if plan_id not in sessions:
        sessions[plan_id] = PlanSession(store().load_plan(plan_id), store().latest_roster(plan_id))
    session = sessions[plan_id]
    session.collect()
    return session


def forget(plan_id: int) -> None:
    """Drop a (deleted) plan from this browser session."""
    session = _sessions().pop(plan_id, None)
    if session is not None and session.job is not None:
        session.job.stop()
    if st.session_state.get(PLAN_ID) == plan_id:
        del st.session_state[PLAN_ID]
        st.session_state.pop(PLAN_SELECT, None)


def solver_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))
