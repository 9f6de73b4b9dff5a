"""Pieces several pages share: the findings report, the live solve panel, the KPIs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st

from ..errors import Finding
from ..i18n import _, ngettext
from ..roster import Result
from ..store import RosterVersion
from . import state
from .charts import local
from .jobs import SolveJob
from .workflow import Outcome, problem_of, version_of, with_people

POLL_SECONDS = 0.5


def findings_table(findings: Sequence[Finding], *, key: str) -> None:
    """Every problem with its place (file › sheet › cell), errors first."""
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    if not findings:
        st.success(_("No problems found."))
        return
    if errors:
        st.error(
            ngettext(
                "{n} error: fix it in the file and upload it again.",
                "{n} errors: fix them in the file and upload it again.",
                len(errors),
            )
        )
    if warnings:
        st.warning(
            ngettext(
                "{n} warning: the plan can go on, but check it.",
                "{n} warnings: the plan can go on, but check them.",
                len(warnings),
            )
        )
    rows = [
        {
            "severity": f.severity,
            "where": str(f.where),
            "file": f.where.file or "",
            "sheet": f.where.sheet or "",
            "cell": f.where.cell or (f"row {f.where.row}" if f.where.row is not None else ""),
            "problem": f.message,
        }
        for f in [*errors, *warnings]
    ]
    st.dataframe(
        pd.DataFrame(rows),
        key=key,
        hide_index=True,
        width="stretch",
        column_config={"problem": st.column_config.TextColumn(width="large")},
    )


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
        if p.objective is not None:
            cols[0].metric("expected answered", f"{p.objective:,.1f}")
        if p.best_bound is not None:
            cols[1].metric("no roster answers more than", f"{p.best_bound:,.1f}")
        if job.gap_shown(p):
            cols[2].metric("gap", f"{p.gap:.1%}")
        shown = [h for h in history if h.objective is not None]
        if len(shown) > 1:
            st.line_chart(
                pd.DataFrame(
                    {
                        "expected answered": [h.objective for h in shown],
                        "best bound": [h.best_bound for h in shown],
                    },
                    index=pd.Index([h.seconds for h in shown], name="s"),
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
    cols = st.columns(5)
    cols[0].metric(
        "expected answered",
        f"{ev.expected_answered:,.0f}",
        help="Contacts expected to get an answer over the period (Erlang A per slot)",
    )
    cols[1].metric(
        "expected answer rate",
        f"{ev.expected_answer_rate:.1%}",
        help=f"of {ev.forecast_contacts:,.0f} forecast contacts",
    )
    cols[2].metric(
        "hours below minimum",
        f"{hours_short:g}",
        help="Open hours with fewer people on duty than the minimum staff",
    )
    cols[3].metric("empty open hours", f"{empty:g}", help="Open hours with nobody on duty")
    version = outcome.version
    cols[4].metric(
        "roster",
        f"{len(version.shifts)} shifts",
        help=f"{version.status}, gap {version.gap:.1%}; {version.label}",
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
        st.success("Every open hour has its minimum staff.")
        return
    counts = Counter(g.reason for g in gaps)
    st.markdown(
        "**Why hours stay short:** "
        + "; ".join(f"{reason} ({n})" for reason, n in counts.most_common())
    )
    rows = [
        {
            "service": g.service,
            "day": f"{local(g.start):%a %d.%m.}",
            "time": f"{local(g.start):%H:%M}–{local(g.end):%H:%M}",
            "on duty": g.staffed,
            "minimum": g.min_staff,
            "why": g.reason,
            "detail": g.detail,
        }
        for g in gaps
    ]
    st.dataframe(pd.DataFrame(rows), key=key, hide_index=True, width="stretch")


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
