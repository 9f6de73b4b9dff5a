"""Step 5: the coverage heatmap, the KPIs, why hours stay short and where to recruit."""

from __future__ import annotations

import statistics
from datetime import timedelta

import pandas as pd
import streamlit as st

from ...domain import SERVICES
from ...i18n import _, current_language, fmt_percent
from ...i18n.formatting import WEEKDAYS_LONG
from ...queueing import staffing_table
from .. import state
from ..charts import answer_rate, coverage_heatmap, short_day
from ..components import broken_rules, gap_reasons, kpis, need_demand, organisation_name
from ..tables import local_numbers
from ..workflow import Outcome


def _typical_hour(session: state.PlanSession, outcome: Outcome, service: str) -> None:
    rows = [r for r in outcome.evaluation.coverage if r.service == service]
    if not rows:
        return
    hours = rows[0].end - rows[0].start
    per_hour = statistics.median(r.forecast_contacts / (hours.total_seconds() / 3600) for r in rows)
    staffed = statistics.median(r.staffed for r in rows)
    rules = session.plan.rules
    table = staffing_table(
        per_hour, rules.aht_minutes, rules.patience_minutes, rules.chats_per_worker, target=0.9
    )
    st.markdown(
        _(
            "**Staffing for a typical {service} hour** ({contacts:.1f} contacts, the median "
            "open hour; the roster has {staffed} on duty then)",
            service=SERVICES[service].name,
            contacts=per_hour,
            staffed=staffed,
        )
    )
    lang = current_language()
    st.dataframe(
        local_numbers(
            pd.DataFrame(
                [
                    {
                        _("on duty"): r.staff,
                        _("answered an hour"): round(r.answered_per_hour, 1),
                        _("answer rate"): fmt_percent(r.answer_rate, lang, 0),
                        _("leave the queue"): fmt_percent(r.p_abandon, lang, 0),
                        _("mean wait (min)"): round(r.mean_wait_minutes, 1),
                    }
                    for r in table
                ]
            )
        ),
        key="typical_staffing",
        hide_index=True,
        height=240,
    )


def clock_text(hhmm: str) -> str:
    """``18:00`` (as recruit.csv writes it) the local way: ``18.00`` in Finnish and Swedish."""
    return hhmm if current_language() == "en" else hhmm.replace(":", ".")


def _recruit(outcome: Outcome) -> None:
    lang = current_language()
    st.subheader(_("Where to recruit"))
    st.caption(
        _(
            "Weekly 3-hour blocks ranked by the contacts a month one more duty worker "
            "available there would answer, at this roster's staffing; where blocks add about "
            "the same, by what else they need (hours below the minimum, hours with a single "
            "person on duty, hours without supervision, the Swedish chat, trainees waiting "
            "for a mentor). The last column says why each block ranks where it does."
        )
    )
    rows = []
    for i, block in enumerate(outcome.recruit[:10], start=1):
        row = block.as_row(i)
        rows.append(
            {
                _("rank"): i,
                _("chat"): SERVICES[block.service].name,
                _("weekday"): WEEKDAYS_LONG[lang][block.weekday],
                _("hours"): f"{clock_text(row['start'])}–{clock_text(row['end'])}",
                _("answered a month"): round(block.answered_per_month, 1),
                _("hours below minimum a month"): round(block.short_hours_per_month, 1),
                _("single-person hours a month"): round(block.single_hours_per_month, 1),
                _("why"): block.why(),
            }
        )
    st.dataframe(
        local_numbers(pd.DataFrame(rows)),
        key="recruit_table",
        hide_index=True,
        width="stretch",
        column_config={_("why"): st.column_config.TextColumn(width="large")},
    )


def render(session: state.PlanSession) -> None:
    st.header(_("Coverage"))
    if need_demand(session):
        return
    if session.version is None:
        st.info(_("No roster yet: optimise on step 4."))
        return
    with st.spinner(_("Evaluating the roster…")):
        outcome = session.outcome()
    if outcome is None:
        return
    kpis(outcome)
    broken_rules(outcome)
    plan = session.plan
    services = [
        s for s in plan.rules.services if any(r.service == s for r in outcome.evaluation.coverage)
    ]
    weeks = list(range(plan.horizon.weeks))
    left, right = st.columns(2)
    service = left.selectbox(
        _("Chat"), services, key="heatmap_service", format_func=lambda c: SERVICES[c].name
    )
    week = right.selectbox(
        _("Week"),
        weeks,
        key="heatmap_week",
        format_func=lambda w: _(
            "Week {n}: {first} – {last}",
            n=w + 1,
            first=short_day(plan.horizon.start + timedelta(days=7 * w)),
            last=short_day(plan.horizon.start + timedelta(days=7 * w + 6)),
        ),
    )
    # one colour scale for all weeks of a service, so weeks compare at a glance
    zmax = max(
        [answer_rate(r) for r in outcome.evaluation.coverage if r.service == service] + [0.05]
    )
    start = plan.horizon.start + timedelta(days=7 * week)
    st.plotly_chart(
        coverage_heatmap(outcome.evaluation.coverage, service, start, zmax=zmax),
        key="heatmap",
        width="stretch",
        config={"displayModeBar": False},
    )
    st.caption(
        _(
            "Colour: the expected answer rate of the hour (from the queue model at the number "
            "on duty, shown in each cell). ✕: fewer on duty than the minimum. Point at a "
            "cell to see who is on."
        )
    )
    gap_reasons(outcome, key="gaps_table")
    _typical_hour(session, outcome, service)
    _recruit(outcome)
    by_org = outcome.summary.get("hours_by_organisation") or {}
    if by_org:
        st.subheader(_("Hours by organisation"))
        st.dataframe(
            local_numbers(
                pd.DataFrame(
                    [
                        {_("organisation"): organisation_name(k), _("hours"): v}
                        for k, v in by_org.items()
                    ]
                ).sort_values(_("hours"), ascending=False)
            ),
            key="org_hours",
            hide_index=True,
        )
