"""Step 6: the roster as a table and a week calendar; pin, forbid or remove a shift;
re-optimise with as few changes as possible."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import pandas as pd
import streamlit as st

from ...domain import SERVICES, Shift
from .. import state
from ..charts import day_label, local
from ..components import broken_rules, need_demand, solve_panel, start_solve
from ..workflow import edited


def shift_text(shift: Shift) -> str:
    start, end = local(shift.start), local(shift.end)
    return f"{shift.name} · {shift.service} · {day_label(start.date())} {start:%H:%M}–{end:%H:%M}"


def _table(session: state.PlanSession, shifts: list[Shift]) -> None:
    people = {p.name: p for p in session.plan.people}
    pins, forbids = set(session.plan.pins), set(session.plan.forbids)
    rows = [
        {
            "name": s.name,
            "organisation": people[s.name].organisation if s.name in people else "",
            "role": people[s.name].role if s.name in people else "",
            "service": s.service,
            "day": day_label(local(s.start).date()),
            "start": f"{local(s.start):%H:%M}",
            "end": f"{local(s.end):%H:%M}",
            "hours": s.hours,
            "pinned": s in pins,
            "forbidden": s in forbids,
        }
        for s in shifts
    ]
    st.dataframe(
        pd.DataFrame(rows), key="roster_table", hide_index=True, width="stretch", height=320
    )


def _calendar(session: state.PlanSession, shifts: list[Shift]) -> None:
    plan = session.plan
    st.subheader("Week calendar")
    left, right = st.columns(2)
    week = left.selectbox(
        "Week",
        range(plan.horizon.weeks),
        key="calendar_week",
        format_func=lambda w: f"Week {w + 1}",
    )
    service = right.selectbox(
        "Service",
        plan.rules.services,
        key="calendar_service",
        format_func=lambda c: SERVICES[c].name,
    )
    first = plan.horizon.start + timedelta(days=7 * week)
    days = [first + timedelta(days=i) for i in range(7)]
    step = timedelta(minutes=plan.rules.slot_minutes)
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in shifts:
        if s.service != service or local(s.start).date() not in days:
            continue
        moment = s.start
        while moment < s.end:
            cells[(f"{local(moment):%H:%M}", day_label(local(moment).date()))].append(s.name)
            moment += step
    times = sorted({t for t, _ in cells})
    grid = pd.DataFrame(
        [
            {
                "time": t,
                **{day_label(d): ", ".join(sorted(cells.get((t, day_label(d)), []))) for d in days},
            }
            for t in times
        ]
    )
    if grid.empty:
        st.info("No shifts in this week and service.")
        return
    st.dataframe(grid, key="calendar_grid", hide_index=True, width="stretch")


def _edit(session: state.PlanSession, shifts: list[Shift]) -> None:
    st.subheader("Change a shift")
    version = session.version
    if not shifts:
        st.info("No shifts match the filter.")
        return
    pick = st.selectbox(
        "Shift", range(len(shifts)), key="shift_pick", format_func=lambda i: shift_text(shifts[i])
    )
    shift = shifts[min(pick or 0, len(shifts) - 1)]
    cols = st.columns(3)
    plan = session.plan
    if cols[0].button("Pin: keep it when re-optimising", key="shift_pin", width="stretch"):
        if shift not in plan.pins:
            session.save(plan.but(pins=(*plan.pins, shift)))
        session.say("success", f"Pinned {shift_text(shift)}.")
        st.rerun()
    if cols[1].button("Forbid: never this shift", key="shift_forbid", width="stretch"):
        session.save(
            plan.but(forbids=(*plan.forbids, shift), pins=tuple(p for p in plan.pins if p != shift))
        )
        session.keep(
            edited(
                version, [s for s in version.shifts if s != shift], f"forbade {shift_text(shift)}"
            )
        )
        session.say("success", f"Forbade and removed {shift_text(shift)}.")
        st.rerun()
    if cols[2].button("Remove from the roster", key="shift_remove", width="stretch"):
        session.save(plan.but(pins=tuple(p for p in plan.pins if p != shift)))
        session.keep(
            edited(
                version, [s for s in version.shifts if s != shift], f"removed {shift_text(shift)}"
            )
        )
        session.say("success", f"Removed {shift_text(shift)}; re-optimise to fill the gap.")
        st.rerun()


def _fixes(session: state.PlanSession) -> None:
    plan = session.plan
    fixes = [("pin", s) for s in plan.pins] + [("forbid", s) for s in plan.forbids]
    if not fixes:
        return
    st.markdown(f"**Pinned: {len(plan.pins)}, forbidden: {len(plan.forbids)}**")
    chosen = st.multiselect(
        "Release",
        range(len(fixes)),
        key="fixes_release",
        format_func=lambda i: f"{fixes[i][0]}: {shift_text(fixes[i][1])}",
    )
    if st.button("Release the chosen", key="fixes_release_button", disabled=not chosen):
        keep = [f for i, f in enumerate(fixes) if i not in set(chosen)]
        session.save(
            plan.but(
                pins=tuple(s for k, s in keep if k == "pin"),
                forbids=tuple(s for k, s in keep if k == "forbid"),
            )
        )
        st.session_state.pop("fixes_release", None)
        st.rerun()


def _reoptimise(session: state.PlanSession) -> None:
    st.subheader("Re-optimise")
    st.caption(
        "Keeps the pinned shifts, never uses the forbidden ones, and changes as few "
        "of the current roster's shifts as the rules and goals allow."
    )
    seconds = st.number_input(
        "Time limit (seconds)",
        1,
        3600,
        int(session.plan.settings.get("time_limit", 30)),
        key="reoptimise_seconds",
    )
    running = session.job is not None
    if st.button(
        "Re-optimise with few changes", key="reoptimise", type="primary", disabled=running
    ):
        start_solve(
            session,
            float(seconds),
            previous=session.version.shifts,
            label=f"re-optimised {seconds} s with few changes",
        )
        st.rerun()
    if session.job is not None:
        solve_panel(session)


def render(session: state.PlanSession) -> None:
    st.header("Roster")
    if need_demand(session):
        return
    if session.version is None:
        st.info("No roster yet: optimise on step 4.")
        return
    version = session.version
    broken_rules(session.outcome())
    st.caption(
        f"Version {version.id} ({version.kind}, {version.label or version.status}): "
        f"{len(version.shifts)} shifts, {sum(s.hours for s in version.shifts):,.0f} h."
    )
    cols = st.columns(2)
    search = cols[0].text_input("Person", key="roster_search")
    services = cols[1].multiselect("Service", session.plan.rules.services, key="roster_service")
    shifts = [
        s
        for s in version.shifts
        if (not search or search.casefold() in s.name.casefold())
        and (not services or s.service in services)
    ]
    _table(session, shifts)
    _edit(session, shifts)
    _fixes(session)
    _reoptimise(session)
    _calendar(session, list(version.shifts))
