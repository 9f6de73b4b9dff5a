"""The app's frame: page setup, the optional password, the plan picker and the steps.

The plan, the step and the roster version shown live in the address (``?plan=3&page=roster
&version=12``), so a reload or a shared link returns to the same place.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import os
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta

import streamlit as st

from ..domain import DomainError, Horizon
from ..i18n import (
    LANGUAGES,
    N_,
    Text,
    _,
    current_language,
    fmt_date,
    language_name,
    normalise_language,
    resolve_language,
    set_language,
)
from ..store import DatabaseUnreadable, SchemaError
from ..store import default_path as default_store_path
from . import state
from .pages import availability, coverage, demand, optimise, plan, publish, roster, send
from .seed import new_plan

log = logging.getLogger(__name__)

PASSWORD_ENV = "SEKASIN_PASSWORD"
NAV = "nav"
PAGES: dict[str, tuple[str, Callable[[state.PlanSession], None]]] = {
    "plan": (N_("Plan"), plan.render),
    "availability": (N_("Availability"), availability.render),
    "demand": (N_("Demand"), demand.render),
    "optimise": (N_("Optimise"), optimise.render),
    "coverage": (N_("Coverage"), coverage.render),
    "roster": (N_("Roster"), roster.render),
    "publish": (N_("Publish"), publish.render),
    "send": (N_("Send"), send.render),
}
ADDRESS_READ = "_address_read"
LANG = "lang"


def choose_language() -> str:
    """The language of this browser session: the sidebar's choice, first taken from the
    address (``?lang=sv``), else ``SEKASIN_LANG``, the locale, Finnish; set for this run."""
    if LANG not in st.session_state:
        asked = normalise_language(st.query_params.get(LANG))
        st.session_state[LANG] = asked or resolve_language()
    set_language(st.session_state[LANG])
    return str(st.session_state[LANG])


def language_picker() -> None:
    """The language selector, labelled in all three languages so anyone can find it."""
    st.selectbox(
        "Kieli · Språk · Language",
        LANGUAGES,
        format_func=language_name,
        key=LANG,
    )


def page_label(page: str) -> str:
    """``6 · Roster`` in the current language."""
    number = list(PAGES).index(page) + 1
    return f"{number} · {Text(PAGES[page][0]).render()}"


def password_ok() -> bool:
    """True when no password is set, or this session gave the right one."""
    expected = os.environ.get(PASSWORD_ENV, "")
    if not expected or st.session_state.get("authenticated"):
        return True
    st.title(_("Sekasin shift scheduler"))
    with st.form("login"):
        given = st.text_input(_("Password"), type="password", key="password")
        sent = st.form_submit_button(_("Open"))
    if sent:
        if hmac.compare_digest(given.encode(), expected.encode()):
            st.session_state["authenticated"] = True
            st.session_state.pop("password", None)
            st.rerun()
        st.error(_("That password is not right."))
    return False


def go(page: str) -> None:
    """Move to another step on the next run."""
    st.session_state["_goto"] = page


def _picked() -> None:
    state.open_plan(st.session_state[state.PLAN_SELECT])


def _next_monday() -> date:
    today = date.today()
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def _create_plan() -> None:
    """Make the plan the New plan form describes (a name and a period), and open it."""
    s = st.session_state
    name = str(s.get("new_plan_name") or "").strip()
    if not name:
        s["_new_plan_error"] = _("The new plan needs a name.")
        return
    try:
        horizon = Horizon(
            s.get("new_plan_start") or _next_monday(), int(s.get("new_plan_weeks") or 4)
        )
    except DomainError as exc:
        s["_new_plan_error"] = _("That period cannot be used: {reason}", reason=str(exc))
        return
    made = state.store().save_plan(new_plan(name).but(horizon=horizon))
    assert made.id is not None
    state.open_plan(made.id)
    for key in ("new_plan_name", "new_plan_start", "new_plan_weeks", "_new_plan_error"):
        s.pop(key, None)
    go("plan")


def _new_plan_form() -> None:
    with st.expander(_("New plan"), expanded=False):
        st.text_input(_("Name"), key="new_plan_name", max_chars=120)
        st.date_input(
            _("First day"),
            value=_next_monday(),
            key="new_plan_start",
            min_value=date(2020, 1, 1),
            format="DD.MM.YYYY",
            help=_("The period runs whole weeks from this day (usually a Monday)."),
        )
        st.number_input(_("Weeks"), 1, 53, 4, key="new_plan_weeks")
        st.button(_("Create the plan"), key="new_plan", on_click=_create_plan, width="stretch")
        if st.session_state.get("_new_plan_error"):
            st.error(st.session_state["_new_plan_error"])


def sidebar(session: state.PlanSession) -> str:
    """The plan picker and the steps; returns the chosen step."""
    with st.sidebar:
        st.markdown("### " + _("Sekasin shift scheduler"))
        language_picker()
        plans = state.store().list_plans()
        names = {
            p.id: _(
                "{name} ({start}, {weeks} wk)",
                name=p.name,
                start=fmt_date(p.horizon.start, current_language(), weekday=False, year=True),
                weeks=p.horizon.weeks,
            )
            for p in plans
        }
        st.selectbox(
            _("Plan"),
            list(names),
            format_func=names.__getitem__,
            key=state.PLAN_SELECT,
            on_change=_picked,
            help=_("Plans are saved as you go; pick one to open it."),
        )
        _new_plan_form()
        if "_goto" in st.session_state:
            st.session_state[NAV] = st.session_state.pop("_goto")
        if NAV not in st.session_state:
            asked = st.query_params.get("page")
            st.session_state[NAV] = (
                asked if asked in PAGES else ("coverage" if session.version is not None else "plan")
            )
        page = st.radio(_("Steps"), list(PAGES), format_func=page_label, key=NAV)
        if session.job is not None:
            st.info(
                _(
                    "Optimising for up to {seconds} s: the progress is on step 4.",
                    seconds=session.job.time_limit,
                )
            )
        st.caption(
            _(
                "Plans are saved on this computer. E-mail goes only to the people in the "
                "plan, through the server you name, when you send (step 8)."
            )
        )
    return page


def _asked_plan() -> int | None:
    """The plan in the address, read once a browser session (a reload starts a new one)."""
    if st.session_state.get(ADDRESS_READ):
        return None
    st.session_state[ADDRESS_READ] = True
    try:
        return int(st.query_params.get("plan", ""))
    except ValueError:
        return None


def _asked_version(session: state.PlanSession) -> None:
    """Show the roster version of the address once, when it belongs to the open plan."""
    wanted = st.session_state.pop("_asked_version", None)
    if wanted is None or (session.version is not None and session.version.id == wanted):
        return
    try:
        version = state.store().load_roster(wanted)
    except KeyError:
        return
    if version.plan_id == session.id:
        session.version = version


def _remember_address(session: state.PlanSession, page: str) -> None:
    """Keep the plan, step and version in the address (only what changed is written)."""
    wanted = {"plan": str(session.id), "page": page, LANG: current_language()}
    if session.version is not None and session.version.id is not None:
        wanted["version"] = str(session.version.id)
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    if "version" not in wanted and "version" in st.query_params:
        del st.query_params["version"]


def database_problem(exc: Exception) -> str:
    """What to tell the coordinator when the plan database cannot be used."""
    path = default_store_path()
    if isinstance(exc, SchemaError):
        return _(
            "The plan database {path} was saved by a newer version of the scheduler "
            "(database version {found}; this version reads up to {known}). Update the "
            "scheduler to open it; the file has not been changed.",
            path=str(path),
            found=exc.found,
            known=exc.known,
        )
    return _(
        "The plan database {path} cannot be read: it is damaged or not a plan database "
        "({reason}). It has not been changed. Restore it from a backup, or set "
        "SEKASIN_DB to another file to start a new one.",
        path=str(path),
        reason=str(exc.__cause__ or exc),
    )


def main() -> None:
    choose_language()
    st.set_page_config(page_title=_("Sekasin shift scheduler"), page_icon="💬", layout="wide")
    if not password_ok():
        return
    try:
        asked = _asked_plan()
        if asked is not None and "version" in st.query_params:
            with contextlib.suppress(ValueError):
                st.session_state["_asked_version"] = int(st.query_params["version"])
        session = state.current(asked)
        _asked_version(session)
        page = sidebar(session)
    except (SchemaError, DatabaseUnreadable, sqlite3.DatabaseError) as exc:
        log.exception("the plan database cannot be used")
        st.title(_("Sekasin shift scheduler"))
        st.error(database_problem(exc))
        return
    for kind, text in session.flash:
        getattr(st, kind)(text)
    session.flash.clear()
    try:
        PAGES[page][1](session)
    except (DatabaseUnreadable, sqlite3.DatabaseError) as exc:
        log.exception("the plan database failed on the %s page", page)
        st.error(database_problem(exc))
    except Exception as exc:  # shown plainly, without a traceback; the details go to the log
        log.exception("the %s page failed", page)
        st.error(
            _(
                "Something went wrong on this page ({kind}: {error}). Your saved work is "
                "safe; the details are in the app's log.",
                kind=type(exc).__name__,
                error=str(exc),
            )
        )
    _remember_address(session, page)
