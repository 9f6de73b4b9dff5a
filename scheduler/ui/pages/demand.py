"""Step 3: demand from contact history (forecast and backtest) or the built-in profile."""

from __future__ import annotations

import streamlit as st

from ...domain import SERVICES
from ...errors import InputError
from ...i18n import _
from ...i18n import render as render_text
from .. import state
from ..charts import backtest_chart, demand_chart
from ..workflow import (
    demand_fits,
    demand_source,
    with_builtin_demand,
    with_demand_csv,
    with_history_forecast,
)
from .availability import import_report

REPORT = "_history_findings"


def _use(session: state.PlanSession, make) -> None:
    """Make the demand with ``make()``; a bad file's findings are kept for the report."""
    try:
        with st.spinner(_("Reading…")):
            plan = make()
    except InputError as exc:
        st.session_state[REPORT] = exc.findings
        return
    st.session_state.pop(REPORT, None)
    session.save(plan)
    session.say("success", _("Demand: {source}.", source=demand_source(plan.demand_info)))
    st.rerun()


def _choose(session: state.PlanSession) -> None:
    builtin, history, ready = st.columns(3)
    with builtin:
        st.markdown(_("**No history at hand**"))
        st.caption(
            _(
                "A profile scaled to the 2022 annual report: ~160,000 Finnish contacts a year "
                "with an evening peak and autumn highest; ~5 Swedish conversations a day. It "
                "is an assumption and is labelled so everywhere."
            )
        )
        if st.button(_("Use the built-in profile"), key="demand_builtin"):
            _use(session, lambda: with_builtin_demand(session.plan))
    with history:
        st.markdown(_("**Last year's chat statistics**"))
        upload = st.file_uploader(
            _(
                "Contact history (.csv or .xlsx): a row a contact (timestamp), a row a "
                "conversation (start, status), or a row an hour (Aika;Yhteydenotot;Vastatut)"
            ),
            key="history_upload",
        )
        peak = st.checkbox(_("Plan for busy weeks (an upper quantile)"), key="demand_peak")
        quantile = st.slider(
            _("Quantile"), 0.5, 0.95, 0.8, 0.05, key="demand_quantile", disabled=not peak
        )
        if (
            st.button(
                _("Forecast from the history"), key="demand_forecast", disabled=upload is None
            )
            and upload is not None
        ):
            chosen = upload
            _use(
                session,
                lambda: with_history_forecast(
                    session.plan, chosen.name, chosen.getvalue(), quantile if peak else None
                ),
            )
    with ready:
        st.markdown(_("**A forecast made elsewhere**"))
        demand_file = st.file_uploader(
            _(
                "Demand CSV with the columns `service`, `start`, `contacts` (one row a slot, "
                "as `scheduler forecast` writes it)"
            ),
            key="demand_csv_upload",
        )
        if (
            st.button(_("Use this demand"), key="demand_csv_use", disabled=demand_file is None)
            and demand_file is not None
        ):
            ready_file = demand_file
            _use(
                session,
                lambda: with_demand_csv(session.plan, ready_file.name, ready_file.getvalue()),
            )
    if st.session_state.get(REPORT):
        st.error(_("The file could not be used:"))
        import_report(st.session_state[REPORT], key="history_findings")


def _show(session: state.PlanSession) -> None:
    plan = session.plan
    info = plan.demand_info
    if not plan.demand:
        st.info(_("No demand yet: choose one of the three above."))
        return
    total = sum(plan.demand.values())
    label = demand_source(info) or _("demand")
    st.subheader(_("Forecast"))
    if info.get("assumption"):
        st.warning(
            _(
                "Assumption: {source}. Upload real contact history when you have it.",
                source=label,
            )
        )
    else:
        st.caption(_("Source: {source}. {detail}", source=label, detail=info.get("detail", "")))
    if not demand_fits(plan):
        st.warning(_("The demand does not cover every open slot of the period: make it again."))
    per = {s: sum(v for (svc, _), v in plan.demand.items() if svc == s) for s in SERVICES}
    cols = list(st.columns(1 + len([s for s in per if per[s]])))
    cols[0].metric(_("contacts in the period"), _("{n:.0f}", n=total))
    for col, (service, value) in zip(cols[1:], [(s, v) for s, v in per.items() if v], strict=True):
        col.metric(SERVICES[service].name, _("{n:.0f}", n=value))
    st.plotly_chart(
        demand_chart(plan.demand, plan.horizon.weeks, {c: s.name for c, s in SERVICES.items()}),
        key="demand_chart",
        width="stretch",
        config={"displayModeBar": False},
    )
    backtest = info.get("backtest")
    if backtest:
        st.subheader(_("Backtest"))
        st.caption(backtest.get("text", ""))
        cols = list(st.columns(3))
        cols[0].metric(_("forecast WAPE"), _("{n:.1%}", n=backtest["model_wape"]))
        cols[1].metric(_("seasonal naive WAPE"), _("{n:.1%}", n=backtest["naive_wape"]))
        cols[2].metric(_("error smaller by"), _("{n:.0%}", n=backtest.get("improvement", 0)))
        st.plotly_chart(
            backtest_chart(backtest),
            key="backtest_chart",
            width="stretch",
            config={"displayModeBar": False},
        )
    for note in info.get("notes") or ():
        st.caption(render_text(note))


def render(session: state.PlanSession) -> None:
    st.header(_("Demand"))
    _choose(session)
    _show(session)
