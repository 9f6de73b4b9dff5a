"""Step 4: optimise with a time limit, watching objective, bound and gap; stop any time."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ...roster import gap_means_something, status_words
from ...store import RosterVersion
from .. import state
from ..charts import local
from ..components import need_demand, solve_panel, start_solve
from ..workflow import demand_fits


def _versions(session: state.PlanSession) -> None:
    versions = state.store().rosters(session.id)
    if not versions:
        return
    st.subheader("Roster versions")
    table = pd.DataFrame(
        [
            {
                "version": v.id,
                "saved": f"{local(v.created):%d.%m. %H:%M}" if v.created else "",
                "kind": v.kind,
                "status": str(status_words(v.status, v.gap)),
                "how": v.label,
                "gap": f"{v.gap:.1%}" if _gap_shown(v) else "",
                "seconds": round(v.solve_seconds, 1),
                "current": "✓" if session.version and v.id == session.version.id else "",
            }
            for v in versions
        ]
    )
    st.dataframe(table, key="versions_table", hide_index=True, width="stretch")
    ids = [v.id for v in versions]
    pick = st.selectbox(
        "Open another version", ids, key="version_pick", format_func=lambda i: f"version {i}"
    )
    if st.button("Open version", key="version_open") and pick is not None:
        session.version = state.store().load_roster(pick)
        session.say("success", f"Version {pick} is now the current roster.")
        st.rerun()


def _gap_shown(v: RosterVersion) -> bool:
    """The gap only when it means something: a search that stopped short of a proof, with
    a real bound (never for a hand edit or a proven roster)."""
    return v.status in ("FEASIBLE", "STOPPED") and gap_means_something(v.gap)


def render(session: state.PlanSession) -> None:
    st.header("Optimise")
    if need_demand(session):
        return
    plan = session.plan
    if not demand_fits(plan):
        st.warning("The demand does not cover every open slot: make it again on step 3.")
        return
    st.caption(
        f"{len(plan.people)} people over {plan.horizon.weeks} week(s) from "
        f"{plan.horizon.start:%d.%m.%Y}; {len(plan.pins)} pinned and "
        f"{len(plan.forbids)} forbidden shift(s). The solver stops at the time limit "
        "with the best roster found, or earlier when it proves it optimal."
    )
    seconds = st.number_input(
        "Time limit (seconds)", 1, 3600, int(plan.settings.get("time_limit", 30)), key="time_limit"
    )
    running = session.job is not None
    if st.button("Optimise", key="optimise", type="primary", disabled=running):
        if plan.settings.get("time_limit") != seconds:
            session.save(plan.but(settings={**plan.settings, "time_limit": seconds}))
        start_solve(session, float(seconds), label=f"optimised {seconds} s")
        st.rerun()
    if session.job is not None:
        solve_panel(session)
    elif session.version is not None:
        v = session.version
        st.success(
            f"Current roster: version {v.id}, {status_words(v.status, v.gap)}; "
            f"{len(v.shifts)} shifts, {v.objective:,.1f} expected answered contacts, "
            f"optimised for {v.solve_seconds:.1f} s. See it on step 5 (Coverage)."
        )
        for note in v.notes:
            st.caption(note)
    _versions(session)
