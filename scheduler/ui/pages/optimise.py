"""Step 4: optimise with a time limit, watching objective, bound and gap; stop any time."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ...i18n import _, current_language, fmt_datetime, fmt_percent, ngettext
from ...roster import gap_means_something, status_words
from ...store import PUBLISHED, RosterVersion
from .. import state
from ..components import need_demand, solve_panel, start_solve
from ..tables import local_numbers
from ..workflow import demand_fits


def _versions(session: state.PlanSession) -> None:
    lang = current_language()
    versions = state.store().rosters(session.id)
    if not versions:
        return
    st.subheader(_("Roster versions"))
    table = pd.DataFrame(
        [
            {
                _("version"): v.id,
                _("saved"): fmt_datetime(v.created, lang) if v.created else "",
                _("kind"): _("published") if v.kind == PUBLISHED else _("draft"),
                _("status"): str(status_words(v.status, v.gap)),
                _("how it was made"): v.label,
                _("gap to the best possible"): fmt_percent(v.gap, lang) if _gap_shown(v) else "",
                _("seconds"): round(v.solve_seconds, 1),
                _("current"): "✓" if session.version and v.id == session.version.id else "",
            }
            for v in versions
        ]
    )
    st.dataframe(local_numbers(table), key="versions_table", hide_index=True, width="stretch")
    ids = [v.id for v in versions]
    pick = st.selectbox(
        _("Open another version"),
        ids,
        key="version_pick",
        format_func=lambda i: _("version {id}", id=str(i)),
    )
    if st.button(_("Open version"), key="version_open") and pick is not None:
        session.version = state.store().load_roster(pick)
        session.say("success", _("Version {id} is now the current roster.", id=str(pick)))
        st.rerun()


def _gap_shown(v: RosterVersion) -> bool:
    """The gap only when it means something: a search that stopped short of a proof, with
    a real bound (never for a hand edit or a proven roster)."""
    return v.status in ("FEASIBLE", "STOPPED") and gap_means_something(v.gap)


def render(session: state.PlanSession) -> None:
    st.header(_("Optimise"))
    if need_demand(session):
        return
    plan = session.plan
    if not demand_fits(plan):
        st.warning(_("The demand does not cover every open slot: make it again on step 3."))
        return
    st.caption(
        _(
            "{people} over {weeks} from {start:year}; {pinned} pinned and {forbidden} "
            "forbidden. The optimiser stops at the time limit with the best roster found, or "
            "earlier when it proves that no roster answers more.",
            people=ngettext("{n} person", "{n} people", len(plan.people)),
            weeks=ngettext("{n} week", "{n} weeks", plan.horizon.weeks),
            start=plan.horizon.start,
            pinned=ngettext("{n} shift", "{n} shifts", len(plan.pins)),
            forbidden=len(plan.forbids),
        )
    )
    seconds = st.number_input(
        _("Time limit (seconds)"),
        1,
        3600,
        int(plan.settings.get("time_limit", 30)),
        key="time_limit",
        help=_(
            "How long the optimiser may search. The roster is saved as soon as it stops; "
            "a longer search may answer a few more contacts."
        ),
    )
    running = session.job is not None
    if st.button(_("Optimise"), key="optimise", type="primary", disabled=running):
        if plan.settings.get("time_limit") != seconds:
            session.save(plan.but(settings={**plan.settings, "time_limit": seconds}))
        start_solve(session, float(seconds), label=_("optimised {seconds} s", seconds=seconds))
        st.rerun()
    if session.job is not None:
        solve_panel(session)
    elif session.version is not None:
        v = session.version
        st.success(
            _(
                "Current roster: version {id}, {status}; {shifts}, {answered:.1f} expected "
                "answered contacts, optimised for {seconds:.1f} s. See it on step 5 (Coverage).",
                id=str(v.id),
                status=status_words(v.status, v.gap),
                shifts=ngettext("{n} shift", "{n} shifts", len(v.shifts)),
                answered=v.objective,
                seconds=v.solve_seconds,
            )
        )
        for note in v.notes:
            st.caption(note)
    _versions(session)
