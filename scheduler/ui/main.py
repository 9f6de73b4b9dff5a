"""The app's frame: page setup, the optional password, the plan picker and the steps."""

from __future__ import annotations

import hmac
import logging
import os

import streamlit as st

from . import state
from .pages import availability, coverage, demand, optimise, plan, publish, roster, send
from .seed import new_plan

log = logging.getLogger(__name__)

PASSWORD_ENV = "SEKASIN_PASSWORD"
NAV = "nav"
PAGES = {
    "plan": ("1 · Plan", plan.render),
    "availability": ("2 · Availability", availability.render),
    "demand": ("3 · Demand", demand.render),
    "optimise": ("4 · Optimise", optimise.render),
    "coverage": ("5 · Coverage", coverage.render),
    "roster": ("6 · Roster", roster.render),
    "publish": ("7 · Publish", publish.render),
    "send": ("8 · Send", send.render),
}


def password_ok() -> bool:
    """True when no password is set, or this session gave the right one."""
    expected = os.environ.get(PASSWORD_ENV, "")
    if not expected or st.session_state.get("authenticated"):
        return True
    st.title("Sekasin shift scheduler")
    with st.form("login"):
        given = st.text_input("Password", type="password", key="password")
        sent = st.form_submit_button("Open")
    if sent:
        if hmac.compare_digest(given.encode(), expected.encode()):
            st.session_state["authenticated"] = True
            st.session_state.pop("password", None)
            st.rerun()
        st.error("That password is not right.")
    return False


def go(page: str) -> None:
    """Move to another step on the next run."""
    st.session_state["_goto"] = page


def _picked() -> None:
    state.open_plan(st.session_state[state.PLAN_SELECT])


def _new_plan(number: int) -> None:
    made = state.store().save_plan(new_plan(f"Plan {number}"))
    state.open_plan(made.id)
    go("plan")


def sidebar(session: state.PlanSession) -> str:
    """The plan picker and the steps; returns the chosen step."""
    with st.sidebar:
        st.markdown("### Sekasin shift scheduler")
        plans = state.store().list_plans()
        names = {
            p.id: f"{p.name} ({p.horizon.start:%d.%m.%Y}, {p.horizon.weeks} wk)" for p in plans
        }
        st.selectbox(
            "Plan",
            list(names),
            format_func=names.__getitem__,
            key=state.PLAN_SELECT,
            on_change=_picked,
            help="Plans are saved as you go; pick one to open it.",
        )
        st.button(
            "New plan", key="new_plan", on_click=_new_plan, args=(len(plans) + 1,), width="stretch"
        )
        if "_goto" in st.session_state:
            st.session_state[NAV] = st.session_state.pop("_goto")
        if NAV not in st.session_state:
            asked = st.query_params.get("page")
            st.session_state[NAV] = (
                asked if asked in PAGES else ("coverage" if session.version is not None else "plan")
            )
        page = st.radio("Steps", list(PAGES), format_func=lambda k: PAGES[k][0], key=NAV)
        if session.job is not None:
            st.info(
                f"Optimising for up to {session.job.time_limit:g} s: the progress is on step 4."
            )
        st.caption("Plans are saved on this computer; nothing is sent anywhere.")
    return page


def main() -> None:
    st.set_page_config(page_title="Sekasin shift scheduler", page_icon="💬", layout="wide")
    if not password_ok():
        return
    session = state.current()
    page = sidebar(session)
    for kind, text in session.flash:
        getattr(st, kind)(text)
    session.flash.clear()
    try:
        PAGES[page][1](session)
    except Exception as exc:  # shown plainly, without a traceback; the details go to the log
        log.exception("the %s page failed", page)
        st.error(
            f"Something went wrong on this page ({type(exc).__name__}: {exc}). Your "
            "saved work is safe; the details are in the app's log."
        )
