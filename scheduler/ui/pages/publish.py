"""Step 7: the roster workbook, everyone's calendars, the CSVs; mark a version published."""

from __future__ import annotations

import streamlit as st

from ...publish import person_schedule_text
from ...store import PUBLISHED
from .. import state
from ..components import need_demand
from ..workflow import publish_files

DOWNLOADS = (
    (
        "roster.xlsx",
        "Roster workbook (roster.xlsx)",
        "download_roster_xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "calendars.zip",
        "Calendars (.ics for each person, organisation and all)",
        "download_calendars",
        "application/zip",
    ),
    (
        "schedules.zip",
        "Each person's shifts as text (for an e-mail or a message)",
        "download_schedules",
        "application/zip",
    ),
    ("roster.csv", "roster.csv", "download_roster_csv", "text/csv"),
    ("coverage.csv", "coverage.csv", "download_coverage_csv", "text/csv"),
    ("summary.json", "summary.json", "download_summary", "application/json"),
    ("recruit.csv", "recruit.csv", "download_recruit", "text/csv"),
)


def _previous(session: state.PlanSession):
    """The shifts people already have in their calendars: the last published version."""
    published = state.store().latest_roster(session.id, PUBLISHED)
    if published is None or published.id == session.version.id:
        return ()
    return published.shifts


def _schedule_text(session: state.PlanSession, outcome) -> None:
    names = sorted({s.name for s in outcome.version.shifts})
    if not names:
        return
    st.subheader("A person's shifts as text")
    name = st.selectbox("Person", names, key="schedule_person")
    contact = session.plan.settings.get("contact_info") or None
    st.code(
        person_schedule_text(outcome.problem, outcome.result, name, contact_info=contact),
        language=None,
    )


def render(session: state.PlanSession) -> None:
    st.header("Publish")
    if need_demand(session):
        return
    version = session.version
    if version is None:
        st.info("No roster yet: optimise on step 4.")
        return
    st.caption(
        f"Version {version.id} ({version.kind}): {len(version.shifts)} shifts. "
        "Calendars carry stable event ids, so importing again updates events; shifts "
        "dropped since the last published version are published as cancelled."
    )
    files_key = f"_published_files_{session.id}_{version.id}"
    if st.button("Build the files", key="publish_build", type="primary"):
        with st.spinner("Writing the workbook and calendars…"):
            outcome = session.outcome()
            st.session_state[files_key] = publish_files(
                outcome,
                previous=_previous(session),
                contact_info=session.plan.settings.get("contact_info") or None,
            )
    files = st.session_state.get(files_key)
    if files:
        cols = st.columns(2)
        for i, (name, label, key, mime) in enumerate(DOWNLOADS):
            if name in files:
                cols[i % 2].download_button(
                    label, files[name], file_name=name, mime=mime, key=key, width="stretch"
                )
        if version.kind != PUBLISHED and st.button(
            "Mark this version as published", key="publish_mark"
        ):
            state.store().mark_published(version.id)
            session.version = state.store().load_roster(version.id)
            session.say(
                "success",
                f"Version {version.id} is marked published; a later "
                "re-plan will cancel its dropped shifts in calendars.",
            )
            st.rerun()
        _schedule_text(session, session.outcome())
