"""Step 7: what people will receive, then the roster workbook, everyone's calendars and the
CSVs; mark a version published.

The preview compares the version with the last *published* one exactly as the calendars
will (:func:`scheduler.ui.workflow.publish_preview` and :func:`scheduler.publish.
write_calendars` share one comparison): per person, the new, changed and cancelled shifts,
including people who have left the plan since.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from ...domain import SERVICES, Shift
from ...i18n import _, language_name, ngettext
from ...publish import person_schedule_text, publish_revision
from ...store import PUBLISHED, RosterVersion
from .. import state
from ..charts import local, short_day, time_range
from ..components import need_demand
from ..tables import local_numbers
from ..workflow import Outcome, PreviousRoster, previous_roster, publish_files, publish_preview
from .plan import plan_language

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
REVISIONS = "_publish_revisions"


def _label(name: str) -> str:
    labels = {
        "roster.xlsx": _("Roster workbook (roster.xlsx)"),
        "calendars.zip": _("Calendars (.ics for each person, organisation and all)"),
        "schedules.zip": _("Each person's shifts as text (for an e-mail or a message)"),
    }
    return labels.get(name, name)


def _published(session: state.PlanSession) -> RosterVersion | None:
    """The last published version other than the one shown (what people already have)."""
    published = state.store().latest_roster(session.id, PUBLISHED)
    version = session.version
    if published is None or (version is not None and published.id == version.id):
        return None
    return published


def _previous(session: state.PlanSession) -> PreviousRoster:
    """The shifts people already have in their calendars, with their people as they were."""
    return previous_roster(_published(session))


def _shift_line(shift: Shift) -> str:
    return (
        f"{short_day(local(shift.start).date())} {time_range(shift.start, shift.end)} "
        f"{SERVICES[shift.service].name}"
    )


def _preview(session: state.PlanSession, outcome: Outcome) -> None:
    """Per person: what the calendars of this publish will bring them."""
    st.subheader(_("What people will receive"))
    published = _published(session)
    previous = previous_roster(published)
    news = publish_preview(
        outcome.problem, outcome.version.shifts, previous, lang=plan_language(session.plan.settings)
    )
    if published is None:
        st.caption(
            _(
                "Nothing of this plan has been published yet: everyone receives all their "
                "shifts as new."
            )
        )
    else:
        moment = published.published or published.created
        st.caption(
            _(
                "Against version {id}, the last one published ({when}): people's calendars "
                "get the new and changed shifts, and the cancelled ones marked cancelled.",
                id=published.id,
                when=short_day(local(moment).date()) if moment is not None else "",
            )
        )
    touched = [n for n in news if n.any]
    totals = (
        sum(len(n.new) for n in news),
        sum(len(n.changed) for n in news),
        sum(len(n.cancelled) for n in news),
    )
    st.markdown(
        ngettext(
            "**{n} person** gets news: {new} new, {changed} changed and {cancelled} "
            "cancelled shifts.",
            "**{n} people** get news: {new} new, {changed} changed and {cancelled} "
            "cancelled shifts.",
            len(touched),
            new=totals[0],
            changed=totals[1],
            cancelled=totals[2],
        )
    )
    if not touched:
        return
    rows = [
        {
            "name": n.name,
            "e-mail": n.email,
            "language": language_name(n.language),
            "new": "; ".join(_shift_line(s) for s in n.new),
            "changed": "; ".join(_shift_line(s) for s in n.changed),
            "cancelled": "; ".join(_shift_line(s) for s in n.cancelled),
            "unchanged": n.unchanged,
        }
        for n in touched
    ]
    st.dataframe(
        local_numbers(pd.DataFrame(rows)),
        key="publish_preview",
        hide_index=True,
        width="stretch",
        height=min(400, 36 + 35 * len(rows)),
        column_config={
            "name": _("name"),
            "e-mail": _("e-mail"),
            "language": _("language"),
            "new": st.column_config.TextColumn(_("new"), width="large"),
            "changed": st.column_config.TextColumn(_("changed"), width="medium"),
            "cancelled": st.column_config.TextColumn(_("cancelled"), width="medium"),
            "unchanged": _("unchanged"),
        },
    )


def _schedule_text(session: state.PlanSession, outcome: Outcome) -> None:
    names = sorted({s.name for s in outcome.version.shifts})
    if not names:
        return
    st.subheader(_("A person's shifts as text"))
    name = st.selectbox(_("Person"), names, key="schedule_person")
    if name is None:
        return
    contact = session.plan.settings.get("contact_info") or None
    st.code(
        person_schedule_text(outcome.problem, outcome.result, name, contact_info=contact),
        language=None,
    )


def render(session: state.PlanSession) -> None:
    st.header(_("Publish"))
    if need_demand(session):
        return
    version = session.version
    outcome = session.outcome()
    if version is None or outcome is None:
        st.info(_("No roster yet: optimise on step 4."))
        return
    st.caption(
        _(
            "Version {id} ({kind}): {shifts} shifts. Calendars carry stable event ids, so "
            "importing again updates events; shifts dropped since the last published version "
            "are published as cancelled. Each person's calendar and text are in their own "
            "first language.",
            id=version.id,
            kind=_("published") if version.kind == PUBLISHED else _("draft"),
            shifts=len(version.shifts),
        )
    )
    _preview(session, outcome)
    files_key = f"_published_files_{session.id}_{version.id}"
    if st.button(_("Build the files"), key="publish_build", type="primary"):
        with st.spinner(_("Writing the workbook and calendars…")):
            now = datetime.now(UTC).replace(microsecond=0)
            floor = state.store().last_revision(session.id)
            st.session_state[files_key] = publish_files(
                outcome,
                previous=_previous(session),
                contact_info=session.plan.settings.get("contact_info") or None,
                now=now,
                revision_floor=floor,
                lang=plan_language(session.plan.settings),
            )
            st.session_state.setdefault(REVISIONS, {})[files_key] = publish_revision(now, floor)
    files = st.session_state.get(files_key)
    if files:
        cols = st.columns(2)
        for i, (name, _english, key, mime) in enumerate(DOWNLOADS):
            if name in files:
                cols[i % 2].download_button(
                    _label(name), files[name], file_name=name, mime=mime, key=key, width="stretch"
                )
        if version.kind != PUBLISHED and st.button(
            _("Mark this version as published"), key="publish_mark"
        ):
            assert version.id is not None
            revision = st.session_state.get(REVISIONS, {}).get(files_key, 0)
            state.store().mark_published(version.id, revision=revision)
            session.version = state.store().load_roster(version.id)
            session.say(
                "success",
                _(
                    "Version {id} is marked published; a later re-plan will cancel its "
                    "dropped shifts in calendars.",
                    id=version.id,
                ),
            )
            st.rerun()
        _schedule_text(session, outcome)
