"""Step 1: the plan's name, period, services, holidays, rules and queue parameters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from ...domain import HOLIDAY_MODES, SERVICES, DomainError, Horizon, Rules
from ...i18n import LANGUAGES, N_, Text, _, current_language, fmt_percent, language_name
from ...queueing import QueueError, staffing_table
from .. import state
from ..tables import local_numbers
from ..workflow import with_period_and_rules

HOLIDAY_TEXT = {
    "weekend": N_("open with weekend hours"),
    "closed": N_("closed"),
    "normal": N_("open as on a normal weekday"),
}
FORM_FOR = "_plan_form_for"


def plan_language(settings: Mapping[str, Any]) -> str:
    """The language of the plan's shared files: its setting, else the language shown."""
    return str(settings.get("language") or current_language())


def _fill_form(session: state.PlanSession) -> None:
    """Put the plan's values in the fields when another plan (or a saved one) is shown."""
    plan = session.plan
    marker = (plan.id, plan.updated)
    if st.session_state.get(FORM_FOR) == marker:
        return
    rules = plan.rules
    values = {
        "plan_name": plan.name,
        "plan_start": plan.horizon.start,
        "plan_weeks": plan.horizon.weeks,
        "plan_services": list(rules.services),
        "plan_holidays": rules.holiday_mode,
        "plan_slot_minutes": rules.slot_minutes,
        "plan_min_shift": float(rules.min_shift_hours),
        "plan_max_shift": float(rules.max_shift_hours),
        "plan_min_staff": rules.min_staff,
        "plan_supervision": rules.supervision,
        "plan_aht": float(rules.aht_minutes),
        "plan_patience": float(rules.patience_minutes),
        "plan_chats": int(rules.chats_per_worker),
        "plan_replan_tolerance": round(100 * rules.replan_tolerance, 2),
        "plan_contact": str(plan.settings.get("contact_info", "")),
        "plan_language": plan_language(plan.settings),
    }
    st.session_state.update(values)
    st.session_state[FORM_FOR] = marker


def _rules_from_form() -> Rules:
    s = st.session_state
    return Rules(
        slot_minutes=int(s.plan_slot_minutes),
        min_shift_hours=float(s.plan_min_shift),
        max_shift_hours=float(s.plan_max_shift),
        min_staff=int(s.plan_min_staff),
        supervision=bool(s.plan_supervision),
        holiday_mode=s.plan_holidays,
        services=tuple(s.plan_services),
        aht_minutes=float(s.plan_aht),
        patience_minutes=float(s.plan_patience),
        chats_per_worker=int(s.plan_chats),
        replan_tolerance=float(s.plan_replan_tolerance) / 100,
    )


def _save(session: state.PlanSession) -> None:
    s = st.session_state
    name = s.plan_name.strip()
    if not name:
        st.error(_("The plan needs a name."))
        return
    try:
        horizon = Horizon(s.plan_start, int(s.plan_weeks))
        rules = _rules_from_form()
    except DomainError as exc:
        st.error(_("These settings cannot be used: {reason}", reason=str(exc)))
        return
    plan = session.plan
    changed = (
        with_period_and_rules(plan, horizon, rules)
        if (horizon, rules) != (plan.horizon, plan.rules)
        else plan
    )
    settings = {
        **plan.settings,
        "contact_info": s.plan_contact.strip(),
        "language": s.plan_language,
    }
    session.save(changed.but(name=name, settings=settings))
    if changed.demand_info.get("dropped"):
        session.say(
            "warning",
            _(
                "The period or slots changed, so the forecast no longer fits: make the "
                "demand again on step 3."
            ),
        )
    session.say("success", _("Plan saved."))
    st.rerun()


def _rules_fields() -> None:
    left, right = st.columns(2)
    with left:
        st.multiselect(
            _("Services"),
            list(SERVICES),
            key="plan_services",
            format_func=lambda c: f"{SERVICES[c].name} ({c})",
            help=_(
                "The chats to staff. Sekasin-chat (fi): Mon–Fri 09–24, Sat–Sun 15–24. "
                "Sekasin-chatten (sv): Mon and Thu 14–19, Sat 16–20."
            ),
        )
        st.selectbox(
            _("Public holidays"),
            HOLIDAY_MODES,
            key="plan_holidays",
            format_func=lambda m: Text(HOLIDAY_TEXT[m]).render(),
            help=_("How the chat opens on Finnish public holidays."),
        )
        st.selectbox(
            _("Slot length (minutes)"),
            (60, 30),
            key="plan_slot_minutes",
            help=_("The grid of the roster: shifts start and end on it."),
        )
        st.number_input(
            _("Minimum staff per open slot"),
            0,
            20,
            key="plan_min_staff",
            help=_(
                "The first goal: every open slot gets at least this many people. A slot "
                "that cannot be staffed is reported with the reason."
            ),
        )
        st.checkbox(
            _("A chat team member or staff on every open Finnish hour"),
            key="plan_supervision",
            help=_("The second goal: someone duty workers can ask for help."),
        )
        st.number_input(
            _("Re-plan tolerance (%)"),
            0.0,
            10.0,
            step=0.1,
            key="plan_replan_tolerance",
            help=_(
                "When re-optimising a roster already made, it may answer up to this share "
                "fewer expected contacts than the best found (and be this much less even "
                "in hours) to keep people's shifts where they were. 0 moves shifts for any "
                "gain. Minimum staff, supervision and people's minimum hours always come "
                "first."
            ),
        )
    with right:
        st.number_input(
            _("Shortest shift (hours)"),
            0.5,
            24.0,
            step=0.5,
            key="plan_min_shift",
            help=_("Unless a person's own limit says otherwise."),
        )
        st.number_input(_("Longest shift (hours)"), 0.5, 24.0, step=0.5, key="plan_max_shift")
        st.number_input(
            _("Handling time of a conversation (minutes)"),
            1.0,
            600.0,
            step=5.0,
            key="plan_aht",
            help=_("Average time a duty worker spends on one conversation (AHT)."),
        )
        st.number_input(
            _("Patience in the queue (minutes)"),
            0.5,
            600.0,
            step=1.0,
            key="plan_patience",
            help=_(
                "How long a young person waits on average before leaving the queue. "
                "Together with handling time this makes the queue model."
            ),
        )
        st.number_input(
            _("Conversations at once per duty worker"),
            1,
            5,
            key="plan_chats",
            help=_("Concurrency: 1 means one conversation at a time."),
        )
    st.caption(
        _(
            "The queue model (Erlang A): contacts arrive at the forecast rate, each "
            "conversation takes the handling time, and those who wait longer than their "
            "patience leave the queue. The defaults reproduce the 2022 annual report: about "
            "33 contacts an open hour and 8 on duty answer about 20 %."
        )
    )


def _staffing() -> None:
    st.subheader(_("Staffing for a typical hour"))
    contacts = st.number_input(
        _("Contacts in the hour"),
        0.0,
        500.0,
        33.0,
        step=1.0,
        key="staffing_contacts",
        help=_("About 33 an open hour on average in 2022."),
    )
    s = st.session_state
    try:
        rows = staffing_table(
            contacts, float(s.plan_aht), float(s.plan_patience), int(s.plan_chats), target=0.9
        )
    except QueueError as exc:
        st.error(str(exc))
        return
    lang = current_language()
    table = pd.DataFrame(
        [
            {
                "on duty": r.staff,
                "answered an hour": round(r.answered_per_hour, 1),
                "answer rate": fmt_percent(r.answer_rate, lang, 0),
                "waits": fmt_percent(r.p_wait, lang, 0),
                "leaves the queue": fmt_percent(r.p_abandon, lang, 0),
                "mean wait (min)": round(r.mean_wait_minutes, 1),
                "occupancy": fmt_percent(r.occupancy, lang, 0),
            }
            for r in rows
        ]
    )
    st.dataframe(
        local_numbers(table),
        key="staffing_table",
        hide_index=True,
        height=280,
        column_config={
            "on duty": _("on duty"),
            "answered an hour": _("answered an hour"),
            "answer rate": _("answer rate"),
            "waits": _("waits"),
            "leaves the queue": _("leaves the queue"),
            "mean wait (min)": _("mean wait (min)"),
            "occupancy": _("occupancy"),
        },
    )


def _delete(session: state.PlanSession) -> None:
    with st.expander(_("Delete this plan")):
        sure = st.checkbox(
            _("Yes, delete “{name}” with its rosters", name=session.plan.name),
            key="delete_confirm",
        )
        if st.button(_("Delete plan"), key="delete_plan", disabled=not sure, type="primary"):
            state.store().delete_plan(session.id)
            state.forget(session.id)
            st.session_state.pop("delete_confirm", None)
            st.rerun()


def render(session: state.PlanSession) -> None:
    st.header(_("Plan"))
    _fill_form(session)
    st.text_input(_("Name"), key="plan_name", max_chars=120)
    left, right = st.columns(2)
    left.date_input(
        _("First day"),
        key="plan_start",
        min_value=date(2020, 1, 1),
        format="DD.MM.YYYY",
        help=_("The period runs whole weeks from this day (usually a Monday)."),
    )
    right.number_input(_("Weeks"), 1, 53, key="plan_weeks")
    _rules_fields()
    st.text_input(
        _("How to reach the chat team during a shift (printed in calendar events)"),
        key="plan_contact",
        max_chars=300,
    )
    st.selectbox(
        _("Language of the roster workbook and the shared calendars"),
        LANGUAGES,
        key="plan_language",
        format_func=language_name,
        help=_(
            "The workbook, all.ics and the organisations' calendars are in this language; "
            "each person's own calendar, schedule and e-mails are in their first language."
        ),
    )
    if st.button(_("Save plan"), key="plan_save", type="primary"):
        _save(session)
    _staffing()
    _delete(session)
