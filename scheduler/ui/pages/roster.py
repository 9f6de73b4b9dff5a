"""Step 6: the roster drawn (a week per service, a person's month) and as a table; every
action on the shift the coordinator sees.

A shift is picked by its stable id (:func:`scheduler.ui.workflow.shift_id`), never by a
position in a list: clicking a bar of the week view, a day of a person's month or a row
of the table picks that shift, and the buttons act on exactly the shift shown. A picked
shift that is no longer in the version (removed, or another version opened) is dropped
with a message, never replaced by whatever stands in its place now.

Below the views: the picked shift (pin, forbid, remove, give it to someone else, swap it),
assigning a shift by hand, cancelling a person from a date, pins and forbids, re-optimising
with few changes, and the versions (what changed, restore). Every change of the shifts is
saved as a new version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pandas as pd
import streamlit as st

from ...domain import SERVICES, Shift
from ...hours import offered_hours, offered_intervals
from ...i18n import _, ngettext
from .. import state
from ..charts import (
    ROLE_COLOURS,
    local,
    parse_gap_key,
    person_month,
    role_word,
    roster_timeline,
    short_day,
    time_range,
)
from ..components import broken_rules, need_demand, solve_panel, start_solve
from ..tables import local_numbers
from ..workflow import Outcome, edit_check, edited, shift_id
from . import roster_edits, versions

PICK = "shift_pick"
PICK_LABEL = "_shift_pick_label"
TABLE_IDS = "_roster_table_ids"
WHOLE_WEEK = -1
WEEK_BOX = 640


def shift_text(shift: Shift) -> str:
    """``Anna Virtanen · Sekasin-chat · ti 3.3. 18.00–22.00``."""
    return (
        f"{shift.name} · {SERVICES[shift.service].name} · "
        f"{short_day(local(shift.start).date())} {time_range(shift.start, shift.end)}"
    )


def _digest(ids: Sequence[str]) -> str:
    return hashlib.sha256("|".join(ids).encode()).hexdigest()[:10]


# --------------------------------------------------------------------------- picking


def pick(value: str | None) -> None:
    """Pick a shift (its id), a gap (``gap|…``: into the assign form) or a person's free day
    (``day|…``: into the assign form for them)."""
    if not value:
        return
    gap = parse_gap_key(value)
    if gap is not None:
        service, start, end = gap
        roster_edits.prefill_assign(service, start, end)
        return
    if value.startswith("day|"):
        roster_edits.prefill_assign_day(
            value.split("|", 1)[1], st.session_state.get("month_person")
        )
        return
    if value.startswith("none|"):
        return
    st.session_state[PICK] = value


def _picked_from_chart(key: str) -> None:
    event: Any = st.session_state.get(key)
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return
    if points:
        custom = points[0].get("customdata")
        pick(custom[0] if isinstance(custom, list | tuple) and custom else custom)


def _picked_from_table(key: str) -> None:
    event: Any = st.session_state.get(key)
    try:
        rows = event["selection"]["rows"]
    except (KeyError, TypeError):
        return
    ids = st.session_state.get(TABLE_IDS, {}).get(key, [])
    if rows and 0 <= rows[0] < len(ids):
        pick(ids[rows[0]])


def _keep_pick_valid(by_id: dict[str, Shift]) -> None:
    """Drop a picked shift that is not in this version, saying so (before the picker)."""
    picked = st.session_state.get(PICK)
    if picked and picked not in by_id:
        label = st.session_state.get(PICK_LABEL) or _("a shift")
        st.info(
            _(
                "The shift you had picked ({shift}) is not in this roster version any more; "
                "nothing was done to it. Pick a shift again.",
                shift=label,
            )
        )
        st.session_state[PICK] = None


# --------------------------------------------------------------------------- views


def _week_view(session: state.PlanSession, outcome: Outcome, by_id: dict[str, Shift]) -> None:
    plan = session.plan
    cols = st.columns(3)
    week = cols[0].selectbox(
        _("Week"),
        range(plan.horizon.weeks),
        key="calendar_week",
        format_func=lambda w: _(
            "Week {n}: {first}–{last}",
            n=w + 1,
            first=short_day(plan.horizon.start + timedelta(days=7 * w)),
            last=short_day(plan.horizon.start + timedelta(days=7 * w + 6)),
        ),
    )
    service = cols[1].selectbox(
        _("Chat"),
        plan.rules.services,
        key="calendar_service",
        format_func=lambda c: SERVICES[c].name,
    )
    first = plan.horizon.start + timedelta(days=7 * (week or 0))
    days = [first + timedelta(days=i) for i in range(7)]
    day = cols[2].selectbox(
        _("Day"),
        [WHOLE_WEEK, *range(7)],
        key="calendar_day",
        format_func=lambda i: _("the whole week") if i == WHOLE_WEEK else short_day(days[i]),
    )
    shown = days if day in (None, WHOLE_WEEK) else [days[int(day)]]
    shifts = [s for s in outcome.version.shifts if s.service == service]
    gaps = [g for g in outcome.evaluation.uncovered if g.service == service]
    people = {p.name: p for p in plan.people}
    if not any(local(s.start).date() in shown for s in shifts) and not any(
        local(g.start).date() in shown for g in gaps
    ):
        st.info(_("No shifts in this week and chat."))
        return
    figure = roster_timeline(
        shifts,
        people,
        shown,
        gaps=gaps,
        key_of=shift_id,
        selected=st.session_state.get(PICK),
    )
    # A week of the national chat is ~250 bars: it scrolls in its own box, so the picked
    # shift's actions below stay in reach.
    with st.container(height=min(WEEK_BOX, int(figure.layout.height or WEEK_BOX) + 20)):
        _clickable(figure, "roster_week_chart")
    st.caption(
        _(
            "Colours: {volunteer}, {student}, {staff}, {chat_team}. {mentor} mentor, "
            "{trainee} trainee (hatched; beside a mentor). Red: an hour below its minimum "
            "staff. Click a shift to act on it, a red hour to assign someone to it.",
            volunteer=role_word("volunteer"),
            student=role_word("student"),
            staff=role_word("staff"),
            chat_team=role_word("chat_team"),
            mentor="★",
            trainee="◇",
        )
    )


def _clickable(figure: Any, key: str) -> None:
    """A chart whose clicked bar or day picks what the actions below act on."""
    st.plotly_chart(
        figure,
        key=key,
        on_select=lambda: _picked_from_chart(key),
        selection_mode="points",
        width="stretch",
        config={"displayModeBar": False},
    )


def _person_view(session: state.PlanSession, outcome: Outcome) -> None:
    plan = session.plan
    names = sorted({p.name for p in plan.people} | {s.name for s in outcome.version.shifts})
    if not names:
        return
    name = st.selectbox(_("Person"), names, key="month_person")
    if name is None:
        return
    person = next((p for p in plan.people if p.name == name), None)
    mine = [s for s in outcome.version.shifts if s.name == name]
    offered: dict[Any, tuple[float, bool]] = {}
    own = [a for a in plan.availability if a.name == name]
    pieces = offered_intervals(own, plan.horizon).get(name, [])
    for piece in pieces:
        day = local(piece.start).date()
        hours, preferred = offered.get(day, (0.0, False))
        offered[day] = (hours + piece.hours, preferred or piece.preferred)
    colour = ROLE_COLOURS.get(person.role if person else "", "#999999")
    figure = person_month(
        mine,
        offered,
        plan.horizon.days,
        key_of=shift_id,
        colour=colour,
        selected=st.session_state.get(PICK),
    )
    _clickable(figure, "roster_month_chart")
    total, preferred_hours = offered_hours(pieces)
    hours = sum(s.hours for s in mine)
    facts = [
        ngettext("{n} shift", "{n} shifts", len(mine)),
        _(
            "{hours} h on duty of {offered} h offered",
            hours=round(hours, 1),
            offered=round(total, 1),
        ),
    ]
    if person is not None:
        facts.append(role_word(person.role))
        if person.organisation:
            facts.append(person.organisation)
        if person.max_hours is not None:
            facts.append(_("at most {hours} h", hours=person.max_hours))
        if person.mentor:
            facts.append(_("mentor"))
        if person.trainee:
            facts.append(_("trainee"))
    else:
        facts.append(_("not in the plan any more"))
    st.caption(" · ".join(facts))
    st.caption(
        _(
            "Click a shift to act on it; a green day (time offered, no shift) to assign "
            "{name} that day.",
            name=name,
        )
    )


def _table(session: state.PlanSession, shifts: list[Shift]) -> None:
    people = {p.name: p for p in session.plan.people}
    pins, forbids = set(session.plan.pins), set(session.plan.forbids)
    ids = [shift_id(s) for s in shifts]
    rows = [
        {
            "name": s.name,
            "organisation": people[s.name].organisation if s.name in people else "",
            "role": role_word(people[s.name].role) if s.name in people else "",
            "chat": SERVICES[s.service].name,
            "day": short_day(local(s.start).date()),
            "time": time_range(s.start, s.end),
            "hours": round(s.hours, 2),
            "pinned": s in pins,
            "forbidden": s in forbids,
        }
        for s in shifts
    ]
    key = f"roster_table_{_digest(ids)}"  # a new table when its rows change: no stale row
    st.session_state.setdefault(TABLE_IDS, {})[key] = ids
    st.dataframe(
        local_numbers(pd.DataFrame(rows, columns=list(rows[0]) if rows else ["name"])),
        key=key,
        hide_index=True,
        width="stretch",
        height=320,
        on_select=lambda: _picked_from_table(key),
        selection_mode="single-row",
        column_config={
            "name": _("name"),
            "organisation": _("organisation"),
            "role": _("role"),
            "chat": _("chat"),
            "day": _("day"),
            "time": _("time"),
            "hours": _("hours"),
            "pinned": _("pinned"),
            "forbidden": _("forbidden"),
        },
    )


# --------------------------------------------------------------------------- the picked shift


def _picked(session: state.PlanSession, by_id: dict[str, Shift]) -> Shift | None:
    """The picker (every shift of the version, by id) and the shift it shows."""
    st.subheader(_("The picked shift"))
    ids = sorted(by_id, key=lambda i: (by_id[i].start, by_id[i].service, by_id[i].name))
    chosen = st.selectbox(
        _("Shift"),
        ids,
        index=None,
        key=PICK,
        format_func=lambda i: shift_text(by_id[i]),
        placeholder=_("Pick a shift here, in the week view, a person's month or the table"),
    )
    shift = by_id.get(chosen) if chosen else None
    if shift is not None:
        st.session_state[PICK_LABEL] = shift_text(shift)
    return shift


def _act(session: state.PlanSession, wanted: str) -> Shift | None:
    """The shift ``wanted`` in the version as it is at the click, or None (with a message)."""
    found = roster_edits.current_shifts(session, wanted)
    return found[0] if found else None


def _simple_actions(session: state.PlanSession, outcome: Outcome, shift: Shift) -> None:
    wanted = shift_id(shift)
    _after, breaks = edit_check(outcome, remove=[shift])
    if breaks:  # e.g. a mentor's shift: the trainees beside them would be alone
        st.warning(
            _("Removing it would break these rules of the plan:")
            + "\n\n"
            + "\n".join(f"- {b}" for b in breaks)
        )
    cols = st.columns(3)
    plan = session.plan
    text = shift_text(shift)
    if cols[0].button(_("Pin: keep it when re-optimising"), key="shift_pin", width="stretch"):
        target = _act(session, wanted)
        if target is not None:
            if target not in plan.pins:
                session.save(plan.but(pins=(*plan.pins, target)))
            session.say("success", _("Pinned {shift}.", shift=text))
        st.rerun()
    if cols[1].button(_("Forbid: never this shift"), key="shift_forbid", width="stretch"):
        target = _act(session, wanted)
        version = session.version
        if target is not None and version is not None:
            session.save(
                plan.but(
                    forbids=(*plan.forbids, target),
                    pins=tuple(p for p in plan.pins if p != target),
                )
            )
            session.keep(
                edited(
                    version,
                    [s for s in version.shifts if s != target],
                    _("forbade {shift}", shift=text),
                )
            )
            session.say("success", _("Forbade and removed {shift}.", shift=text))
            st.session_state[roster_edits.PICK_NEXT] = None  # gone on purpose: no notice
        st.rerun()
    if cols[2].button(_("Remove from the roster"), key="shift_remove", width="stretch"):
        target = _act(session, wanted)
        version = session.version
        if target is not None and version is not None:
            if target in plan.pins:
                session.save(plan.but(pins=tuple(p for p in plan.pins if p != target)))
            session.keep(
                edited(
                    version,
                    [s for s in version.shifts if s != target],
                    _("removed {shift}", shift=text),
                )
            )
            session.say(
                "success",
                _("Removed {shift}; re-optimise or assign someone to fill the gap.", shift=text),
            )
            st.session_state[roster_edits.PICK_NEXT] = None  # gone on purpose: no notice
        st.rerun()


# --------------------------------------------------------------------------- pins, re-optimise


def _fixes(session: state.PlanSession) -> None:
    plan = session.plan
    fixes = [("pin", s) for s in plan.pins] + [("forbid", s) for s in plan.forbids]
    if not fixes:
        return
    st.markdown(
        "**"
        + _("Pinned: {pins}, forbidden: {forbids}", pins=len(plan.pins), forbids=len(plan.forbids))
        + "**"
    )
    kinds = {"pin": _("pinned"), "forbid": _("forbidden")}
    chosen = st.multiselect(
        _("Release"),
        range(len(fixes)),
        key="fixes_release",
        format_func=lambda i: f"{kinds[fixes[i][0]]}: {shift_text(fixes[i][1])}",
    )
    if st.button(_("Release the chosen"), key="fixes_release_button", disabled=not chosen):
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
    st.subheader(_("Re-optimise"))
    st.caption(
        _(
            "Keeps the pinned shifts, never uses the forbidden ones, and changes as few of "
            "the current roster's shifts as the rules and goals allow."
        )
    )
    seconds = st.number_input(
        _("Time limit (seconds)"),
        1,
        3600,
        int(session.plan.settings.get("time_limit", 30)),
        key="reoptimise_seconds",
    )
    running = session.job is not None
    if st.button(
        _("Re-optimise with few changes"), key="reoptimise", type="primary", disabled=running
    ):
        version = session.version
        start_solve(
            session,
            float(seconds),
            previous=version.shifts if version is not None else (),
            label=_("re-optimised {seconds} s with few changes", seconds=seconds),
        )
        st.rerun()
    if session.job is not None:
        solve_panel(session)


# --------------------------------------------------------------------------- the page


def render(session: state.PlanSession) -> None:
    st.header(_("Roster"))
    if need_demand(session):
        return
    outcome = session.outcome()
    if session.version is None or outcome is None:
        st.info(_("No roster yet: optimise on step 4."))
        return
    version = session.version
    broken_rules(outcome)
    st.caption(
        _(
            "Version {id} ({kind}, {how}): {shifts} shifts, {hours} h.",
            id=version.id,
            kind=_("published") if version.kind == "published" else _("draft"),
            how=version.label or version.status,
            shifts=len(version.shifts),
            hours=round(sum(s.hours for s in version.shifts)),
        )
    )
    by_id = {shift_id(s): s for s in version.shifts}
    if roster_edits.PICK_NEXT in st.session_state:
        st.session_state[PICK] = st.session_state.pop(roster_edits.PICK_NEXT)
    _keep_pick_valid(by_id)
    week, month, listed = st.tabs([_("Week"), _("A person's month"), _("Table")])
    with week:
        _week_view(session, outcome, by_id)
    with month:
        _person_view(session, outcome)
    with listed:
        cols = st.columns(2)
        search = cols[0].text_input(_("Person"), key="roster_search")
        services = cols[1].multiselect(
            _("Chat"),
            session.plan.rules.services,
            key="roster_service",
            format_func=lambda c: SERVICES[c].name,
        )
        shifts = [
            s
            for s in version.shifts
            if (not search or search.casefold() in s.name.casefold())
            and (not services or s.service in services)
        ]
        _table(session, shifts)
    shift = _picked(session, by_id)
    if shift is not None:
        _simple_actions(session, outcome, shift)
        roster_edits.give_and_swap(session, outcome, shift, by_id)
    roster_edits.assign(session, outcome)
    roster_edits.cancel(session, outcome)
    _fixes(session)
    _reoptimise(session)
    versions.render(session)
