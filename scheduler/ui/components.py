"""Pieces several pages share: the findings report, the live solve panel, the KPIs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from ..domain import SERVICES
from ..i18n import _, current_language, fmt_number, fmt_percent, ngettext
from ..roster import Result, status_words
from ..store import RosterVersion
from . import state
from .charts import local, short_day, time_range
from .jobs import SolveJob
from .tables import local_numbers
from .workflow import Outcome, problem_of, version_of, with_people

POLL_SECONDS = 0.5


def start_solve(
    session: state.PlanSession, time_limit: float, *, previous: Iterable = (), label: str
) -> SolveJob | None:
    """Start optimising the session's plan in a background thread; saved (with its people
    as they are now) when done."""
    plan = session.plan
    try:
        problem = problem_of(plan, previous=previous)
    except Exception as exc:  # a pin naming someone who left, an invalid rule, ...
        st.error(_("The plan cannot be optimised as it is: {error}", error=str(exc)))
        return None
    store = state.store()
    earlier = session.version.people if session.version is not None else ()

    def save(result: Result) -> RosterVersion:
        return store.save_roster(with_people(version_of(plan, result, label), plan, earlier))

    session.job = SolveJob(
        problem, time_limit, workers=state.solver_workers(), on_done=save, label=label
    ).start()
    return session.job


@st.fragment(run_every=POLL_SECONDS)
def solve_panel(session: state.PlanSession) -> None:
    """The running solve: a progress bar with objective, bound and gap, and a stop button.

    Polls the job every half second (only this part of the page reruns); when the solve
    ends, the whole page reruns to show the new roster.
    """
    job = session.job
    if job is None:
        return
    if job.done:
        st.rerun()
    st.progress(job.fraction, text=job.describe())
    history = job.history
    if history:
        p = history[-1]
        cols = st.columns(3)
        lang = current_language()
        if p.objective is not None:
            cols[0].metric(_("expected answered"), fmt_number(p.objective, lang, 1))
        if p.best_bound is not None:
            cols[1].metric(_("no roster answers more than"), fmt_number(p.best_bound, lang, 1))
        if job.gap_shown(p) and p.gap is not None:
            cols[2].metric(_("gap to the best possible"), fmt_percent(p.gap, lang))
        shown = [h for h in history if h.objective is not None]
        if len(shown) > 1:
            st.line_chart(
                pd.DataFrame(
                    {
                        _("expected answered"): [h.objective for h in shown],
                        _("no roster answers more than"): [h.best_bound for h in shown],
                    },
                    index=pd.Index([h.seconds for h in shown], name=_("seconds")),
                ),
                height=180,
            )
    stopping = job.stop_requested.is_set()
    st.button(
        _("Stopping…") if stopping else _("Stop and keep the best roster so far"),
        key="stop_solve",
        disabled=stopping,
        on_click=job.stop,
    )


def kpis(outcome: Outcome) -> None:
    """Expected answered, answer rate, hours below the minimum and the solve's status."""
    ev = outcome.evaluation
    hours_short = sum((u.end - u.start).total_seconds() / 3600 for u in ev.uncovered)
    empty = sum((u.end - u.start).total_seconds() / 3600 for u in ev.uncovered if u.staffed == 0)
    lang = current_language()
    cols = st.columns(5)
    cols[0].metric(
        _("expected answered"),
        fmt_number(ev.expected_answered, lang),
        help=_(
            "Contacts expected to get an answer over the period (the queue model, hour by "
            "hour, at the number on duty)"
        ),
    )
    cols[1].metric(
        _("expected answer rate"),
        fmt_percent(ev.expected_answer_rate, lang),
        help=_("of {contacts} forecast contacts", contacts=round(ev.forecast_contacts)),
    )
    cols[2].metric(
        _("hours below minimum"),
        fmt_number(hours_short, lang, 0 if float(hours_short).is_integer() else 1),
        help=_("Open hours with fewer people on duty than the minimum staff"),
    )
    cols[3].metric(
        _("empty open hours"),
        fmt_number(empty, lang, 0 if float(empty).is_integer() else 1),
        help=_("Open hours with nobody on duty"),
    )
    version = outcome.version
    cols[4].metric(
        _("roster"),
        ngettext("{n} shift", "{n} shifts", len(version.shifts)),
        help=_(
            "{status}; {how}",
            status=status_words(version.status, version.gap),
            how=version.label,
        ),
    )


def broken_rules(outcome: Outcome) -> None:
    """Warn when the roster no longer keeps the plan's rules (changed since it was made)."""
    broken = outcome.violations
    if broken:
        listed = "; ".join(str(v) for v in broken[:5])
        if len(broken) > 5:
            listed = _("{listed}; and {n} more", listed=listed, n=len(broken) - 5)
        st.warning(
            ngettext(
                "This roster breaks {n} rule of the plan as it is now (people, period or "
                "rules changed since it was made, or it was edited by hand): {listed}. "
                "Optimise again to fix it.",
                "This roster breaks {n} rules of the plan as it is now (people, period or "
                "rules changed since it was made, or it was edited by hand): {listed}. "
                "Optimise again to fix them.",
                len(broken),
                listed=listed,
            )
        )


def gap_reasons(outcome: Outcome, *, key: str) -> None:
    """Why each hour below the minimum stayed short, counted and listed."""
    gaps = outcome.evaluation.uncovered
    if not gaps:
        st.success(_("Every open hour has its minimum staff."))
        return
    counts = Counter(g.why() for g in gaps)
    st.markdown(
        _(
            "**Why hours stay short:** {reasons}",
            reasons="; ".join(f"{reason} ({n})" for reason, n in counts.most_common()),
        )
    )
    rows = [
        {
            _("chat"): SERVICES[g.service].name if g.service in SERVICES else g.service,
            _("day"): short_day(local(g.start).date()),
            _("time"): time_range(g.start, g.end),
            _("on duty"): g.staffed,
            _("minimum"): g.min_staff,
            _("why"): g.why(),
            _("detail"): g.detail_words(),
        }
        for g in gaps
    ]
    st.dataframe(local_numbers(pd.DataFrame(rows)), key=key, hide_index=True, width="stretch")


def need_demand(session: state.PlanSession) -> bool:
    """Tell the coordinator what is missing before a roster can be evaluated."""
    if not session.plan.people:
        st.info(_("No people yet: upload availability on step 2."))
        return True
    if not session.plan.demand:
        st.info(_("No demand yet: choose the built-in profile or upload history on step 3."))
        return True
    return False


NO_ORGANISATION = "(none)"
"""The key ``summary.json`` gives the hours of people without an organisation."""


def organisation_name(key: str) -> str:
    """An organisation as the coordinator reads it: "no organisation given" for none."""
    return _("no organisation given") if key in (NO_ORGANISATION, "") else key
