"""Step 3: demand from contact history (forecast and backtest) or the built-in profile."""

from __future__ import annotations

import streamlit as st

from ...domain import SERVICES
from ...errors import InputError
from .. import state
from ..charts import backtest_chart, demand_chart
from ..components import findings_table
from ..workflow import (
    demand_fits,
    with_builtin_demand,
    with_demand_csv,
    with_history_forecast,
)

REPORT = "_history_findings"


def _use(session: state.PlanSession, make, done: str) -> None:
    """Make the demand with ``make()``; a bad file's findings are kept for the report."""
    try:
        with st.spinner("Reading…"):
            plan = make()
    except InputError as exc:
        st.session_state[REPORT] = exc.findings
        return
    st.session_state.pop(REPORT, None)
    session.save(plan)
    session.say("success", done.format(source=plan.demand_info.get("source", "")))
    st.rerun()


def _choose(session: state.PlanSession) -> None:
    builtin, history, ready = st.columns(3)
    with builtin:
        st.markdown("**No history at hand**")
        st.caption(
            "A profile scaled to the 2022 annual report: ~160,000 Finnish contacts a "
            "year with an evening peak and autumn highest; ~5 Swedish conversations a "
            "day. It is an assumption and is labelled so everywhere."
        )
        if st.button("Use the built-in profile", key="demand_builtin"):
            _use(
                session, lambda: with_builtin_demand(session.plan), "Demand: the built-in profile."
            )
    with history:
        st.markdown("**Last year's chat statistics**")
        upload = st.file_uploader(
            "Contact history (.csv or .xlsx): a row a contact "
            "(timestamp) or a row an interval (start, contacts)",
            key="history_upload",
        )
        peak = st.checkbox("Plan for busy weeks (an upper quantile)", key="demand_peak")
        quantile = st.slider(
            "Quantile", 0.5, 0.95, 0.8, 0.05, key="demand_quantile", disabled=not peak
        )
        if st.button("Forecast from the history", key="demand_forecast", disabled=upload is None):
            _use(
                session,
                lambda: with_history_forecast(
                    session.plan, upload.name, upload.getvalue(), quantile if peak else None
                ),
                "Demand: {source}.",
            )
    with ready:
        st.markdown("**A forecast made elsewhere**")
        demand_file = st.file_uploader(
            "Demand CSV: service, start, contacts (one row a slot, "
            "as `scheduler forecast` writes it)",
            key="demand_csv_upload",
        )
        if st.button("Use this demand", key="demand_csv_use", disabled=demand_file is None):
            _use(
                session,
                lambda: with_demand_csv(session.plan, demand_file.name, demand_file.getvalue()),
                "Demand: {source}.",
            )
    if st.session_state.get(REPORT):
        st.error("The file could not be used:")
        findings_table(st.session_state[REPORT], key="history_findings")


def _show(session: state.PlanSession) -> None:
    plan = session.plan
    info = plan.demand_info
    if not plan.demand:
        st.info("No demand yet: choose one of the two above.")
        return
    total = sum(plan.demand.values())
    label = info.get("source") or "demand"
    st.subheader("Forecast")
    if info.get("assumption"):
        st.warning(f"Assumption: {label}. Upload real contact history when you have it.")
    else:
        st.caption(f"Source: {label}. {info.get('detail', '')}")
    if not demand_fits(plan):
        st.warning("The demand does not cover every open slot of the period: make it again.")
    per = {s: sum(v for (svc, _), v in plan.demand.items() if svc == s) for s in SERVICES}
    cols = st.columns(1 + len([s for s in per if per[s]]))
    cols[0].metric("contacts in the period", f"{total:,.0f}")
    for col, (service, value) in zip(cols[1:], [(s, v) for s, v in per.items() if v], strict=True):
        col.metric(SERVICES[service].name, f"{value:,.0f}")
    st.plotly_chart(
        demand_chart(plan.demand, plan.horizon.weeks, {c: s.name for c, s in SERVICES.items()}),
        key="demand_chart",
        width="stretch",
        config={"displayModeBar": False},
    )
    backtest = info.get("backtest")
    if backtest:
        st.subheader("Backtest")
        st.caption(backtest.get("text", ""))
        cols = st.columns(3)
        cols[0].metric("forecast WAPE", f"{backtest['model_wape']:.1%}")
        cols[1].metric("seasonal naive WAPE", f"{backtest['naive_wape']:.1%}")
        cols[2].metric("error smaller by", f"{backtest.get('improvement', 0):.0%}")
        st.plotly_chart(
            backtest_chart(backtest),
            key="backtest_chart",
            width="stretch",
            config={"displayModeBar": False},
        )
    for note in info.get("notes") or ():
        st.caption(note)


def render(session: state.PlanSession) -> None:
    st.header("Demand")
    _choose(session)
    _show(session)
