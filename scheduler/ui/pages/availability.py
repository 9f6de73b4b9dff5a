"""Step 2: the template, uploading availability files, the validation report, the people."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ...domain import Horizon
from ...intake import MAX_FILE_BYTES
from ...intake.report import people_hours
from .. import state
from ..components import findings_table
from ..workflow import import_availability, template_bytes


@st.cache_data(show_spinner=False, max_entries=8)
def _template(horizon: Horizon) -> bytes:
    return template_bytes(horizon)


def _upload(session: state.PlanSession) -> None:
    files = st.file_uploader(
        "Availability files (.xlsx or .csv; one or many, e.g. one per organisation)",
        accept_multiple_files=True,
        key="availability_upload",
        help=f"Up to {MAX_FILE_BYTES // 2**20} MB a file. The template's sheets, a row a "
        "person with weekday columns of free text (18-22, klo 15–19), or an hour grid.",
    )
    if st.button("Read the files", key="availability_import", type="primary", disabled=not files):
        uploads = [(f.name, f.getvalue()) for f in files or []]
        with st.spinner("Reading…"):
            plan, replaced = import_availability(session.plan, uploads)
        session.save(plan)
        if replaced:
            count = len(plan.people)
            session.say(
                "success",
                f"Read {count} {'person' if count == 1 else 'people'} "
                f"from {', '.join(plan.sources)}.",
            )
        else:
            session.say(
                "error",
                "The files have errors, so the plan keeps its earlier "
                "people; the report below says what to fix and where.",
            )
        st.rerun()


def _people(session: state.PlanSession) -> None:
    plan = session.plan
    st.subheader(f"People ({len(plan.people)})")
    if not plan.people:
        st.info("No people yet.")
        return
    hours = people_hours(plan, plan.horizon)
    table = pd.DataFrame(
        [
            {
                "name": p.name,
                "email": p.email,
                "organisation": p.organisation,
                "role": p.role,
                "languages": ", ".join(p.languages),
                "mentor": p.mentor,
                "trainee": p.trainee,
                "offered h": round(hours[p.name][0], 1),
                "preferred h": round(hours[p.name][1], 1),
                "min h": p.min_hours,
                "max h": p.max_hours,
                "max h/week": p.max_hours_per_week,
            }
            for p in plan.people
        ]
    )
    cols = st.columns(4)
    search = cols[0].text_input("Name or email contains", key="people_search")
    orgs = cols[1].multiselect(
        "Organisation", sorted(table.organisation.unique()), key="people_org"
    )
    roles = cols[2].multiselect("Role", sorted(table.role.unique()), key="people_role")
    langs = cols[3].multiselect("Speaks", ["fi", "sv", "en"], key="people_lang")
    shown = table
    if search:
        text = search.casefold()
        shown = shown[
            shown.name.str.casefold().str.contains(text, regex=False)
            | shown.email.str.casefold().str.contains(text, regex=False)
        ]
    if orgs:
        shown = shown[shown.organisation.isin(orgs)]
    if roles:
        shown = shown[shown.role.isin(roles)]
    if langs:
        shown = shown[shown.languages.apply(lambda v: any(x in v.split(", ") for x in langs))]
    st.caption(
        f"{len(shown)} of {len(table)} people; {shown['offered h'].sum():,.0f} hours "
        "offered in the period (closed hours included)."
    )
    st.dataframe(shown, key="people_table", hide_index=True, width="stretch")


def render(session: state.PlanSession) -> None:
    st.header("Availability")
    plan = session.plan
    st.download_button(
        "Download the template for this period",
        _template(plan.horizon),
        file_name=f"availability-{plan.horizon.start.isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="template_download",
    )
    _upload(session)
    st.subheader("Validation report")
    if plan.sources:
        st.caption("People come from: " + ", ".join(plan.sources))
    if plan.findings or plan.sources:
        findings_table(plan.findings, key="findings_table")
    else:
        st.info("No files read yet.")
    _people(session)
