"""The Roster page's edits by hand: give the picked shift to someone else, swap it with
another person's shift, assign a shift, cancel a person from a date.

Each shows the rule check before saving (who is free, who would break which rule, in the
checker's own words); an edit that breaks a rule is saved only when the coordinator ticks
"save anyway". Every edit is saved as a new roster version.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import pandas as pd
import streamlit as st

from ...domain import SERVICES, Shift
from ...hours import slot_grid
from ...i18n import _, ngettext
from ...rules import Violation
from .. import state
from ..charts import clock, local, role_word, short_day, time_range
from ..components import start_solve
from ..tables import local_numbers
from ..workflow import (
    AssignmentOption,
    Outcome,
    assignment_options,
    cancel_from,
    edit_check,
    edited,
    find_shift,
    shift_id,
    swapped,
)

ASSIGN_OPEN = "assign_open"
PICK_NEXT = "_shift_pick_next"
"""The shift an edit made (or None when the picked one went on purpose), picked on the next
run: the picker exists already in this one."""


def _shift_text(shift: Shift) -> str:
    return (
        f"{shift.name} · {SERVICES[shift.service].name} · "
        f"{short_day(local(shift.start).date())} {time_range(shift.start, shift.end)}"
    )


def _rule_check(breaks: Sequence[Violation], *, key: str) -> bool:
    """Show what an edit would break; True when it may be saved (nothing, or "anyway")."""
    if not breaks:
        st.success(_("This keeps every rule of the plan."))
        return True
    listed = "\n".join(f"- {b}" for b in breaks)
    st.warning(
        ngettext(
            "This would break {n} rule of the plan:",
            "This would break {n} rules of the plan:",
            len(breaks),
        )
        + "\n\n"
        + listed
    )
    return st.checkbox(_("Save anyway (I have agreed it with them)"), key=key)


def _options_table(options: Sequence[AssignmentOption], *, key: str) -> None:
    rows = [
        {
            "free": "✓" if o.free else "✗",
            "name": o.person.name,
            "organisation": o.person.organisation,
            "role": role_word(o.person.role),
            "offered": "✓" if o.offered else "",
            "preferred": "✓" if o.preferred else "",
            "would break": "; ".join(str(v) for v in o.breaks),
        }
        for o in options
    ]
    free = sum(o.free for o in options)
    st.caption(
        ngettext(
            "{n} person is free for it (offered the time, keeps every rule); the others "
            "would break the rules shown.",
            "{n} people are free for it (offered the time, keep every rule); the others "
            "would break the rules shown.",
            free,
        )
    )
    st.dataframe(
        local_numbers(pd.DataFrame(rows, columns=list(rows[0]) if rows else ["name"])),
        key=key,
        hide_index=True,
        width="stretch",
        height=240,
        column_config={
            "free": _("free"),
            "name": _("name"),
            "organisation": _("organisation"),
            "role": _("role"),
            "offered": _("offered"),
            "preferred": _("preferred"),
            "would break": st.column_config.TextColumn(_("would break"), width="large"),
        },
    )


def _option_label(option: AssignmentOption) -> str:
    if option.free:
        return f"✓ {option.person.name}"
    return ngettext(
        "✗ {name} (breaks {n} rule)",
        "✗ {name} (breaks {n} rules)",
        len(option.breaks),
        name=option.person.name,
    )


def _person_pick(options: Sequence[AssignmentOption], *, key: str) -> AssignmentOption | None:
    by_name = {o.person.name: o for o in options}
    if st.session_state.get(key) not in by_name:
        st.session_state.pop(key, None)
    name = st.selectbox(
        _("Person"),
        list(by_name),
        index=None,
        key=key,
        format_func=lambda n: _option_label(by_name[n]),
        placeholder=_("Pick the person"),
    )
    return by_name.get(name) if name else None


def current_shifts(session: state.PlanSession, *wanted: str) -> list[Shift] | None:
    """The shifts ``wanted`` in the version as it is at the click; None, and a message
    saying nothing was done, when any of them is not there any more."""
    version = session.version
    found = [find_shift(version.shifts, w) for w in wanted] if version is not None else [None]
    shifts = [s for s in found if s is not None]
    if len(shifts) < len(found):
        session.say(
            "warning", _("That shift is not in this roster version any more: nothing was done.")
        )
        return None
    return shifts


def _save_edit(session: state.PlanSession, after: list[Shift], label: str, message: str) -> None:
    version = session.version
    assert version is not None
    session.keep(edited(version, after, label))
    session.say("success", message)


# --------------------------------------------------------------------------- give and swap


def give_and_swap(
    session: state.PlanSession, outcome: Outcome, shift: Shift, by_id: dict[str, Shift]
) -> None:
    """Give the picked shift to someone else, or swap it with another person's shift."""
    wanted = shift_id(shift)
    cols = st.columns(2)
    give = cols[0].toggle(_("Give this shift to someone else"), key="give_open")
    swap = cols[1].toggle(_("Swap it with another person's shift"), key="swap_open")
    if give:
        options = _cached_options(session, outcome, shift.service, shift.start, shift.end, shift)
        _options_table(options, key="give_options")
        option = _person_pick(options, key="give_person")
        if option is not None:
            after, breaks = edit_check(outcome, remove=[shift], add=[option.shift])
            allowed = _rule_check(breaks, key="give_anyway")
            if st.button(
                _("Give the shift to {name}", name=option.person.name),
                key="give_save",
                type="primary",
                disabled=not allowed,
            ):
                if current_shifts(session, wanted) is not None:
                    _save_edit(
                        session,
                        after,
                        _(
                            "gave {shift} to {name}",
                            shift=_shift_text(shift),
                            name=option.person.name,
                        ),
                        _(
                            "{name} now has {shift}.",
                            name=option.person.name,
                            shift=_shift_text(option.shift),
                        ),
                    )
                    st.session_state[PICK_NEXT] = shift_id(option.shift)
                    st.session_state.pop("give_person", None)
                st.rerun()
    if swap:
        others = sorted(
            (i for i, s in by_id.items() if s.name != shift.name),
            key=lambda i: (by_id[i].start, by_id[i].name),
        )
        if st.session_state.get("swap_with") not in others:
            st.session_state.pop("swap_with", None)
        other_id = st.selectbox(
            _("Swap with"),
            others,
            index=None,
            key="swap_with",
            format_func=lambda i: _shift_text(by_id[i]),
            placeholder=_("Pick the other shift"),
        )
        other = by_id.get(other_id) if other_id else None
        if other is not None:
            first, second = swapped(shift, other)
            st.markdown(
                _(
                    "After the swap: **{first}** and **{second}**.",
                    first=_shift_text(first),
                    second=_shift_text(second),
                )
            )
            after, breaks = edit_check(outcome, remove=[shift, other], add=[first, second])
            allowed = _rule_check(breaks, key="swap_anyway")
            if st.button(
                _("Swap the shifts"), key="swap_save", type="primary", disabled=not allowed
            ):
                if current_shifts(session, shift_id(shift), shift_id(other)) is not None:
                    _save_edit(
                        session,
                        after,
                        _(
                            "swapped {first} and {second}",
                            first=_shift_text(shift),
                            second=_shift_text(other),
                        ),
                        _(
                            "Swapped: {first}; {second}.",
                            first=_shift_text(first),
                            second=_shift_text(second),
                        ),
                    )
                    st.session_state[PICK_NEXT] = shift_id(first)
                    st.session_state.pop("swap_with", None)
                st.rerun()


def _cached_options(
    session: state.PlanSession,
    outcome: Outcome,
    service: str,
    start: datetime,
    end: datetime,
    replacing: Shift | None = None,
) -> list[AssignmentOption]:
    """:func:`assignment_options`, kept for the page's reruns until the version changes."""
    version = outcome.version
    key = (version.id, session.plan.updated, service, start, end, replacing)
    cache = st.session_state.setdefault("_assignment_options", {})
    if key not in cache:
        cache.clear()
        cache[key] = assignment_options(
            session.plan, version, service, start, end, replacing=replacing, outcome=outcome
        )
    return cache[key]


# --------------------------------------------------------------------------- assign


def prefill_assign(service: str, start: datetime, end: datetime) -> None:
    """Open the assign form on ``service`` from ``start`` to ``end`` (a clicked gap)."""
    st.session_state[ASSIGN_OPEN] = True
    st.session_state["assign_service"] = service
    st.session_state["assign_day"] = local(start).date()
    st.session_state["assign_start"] = start
    st.session_state["assign_end"] = end


def prefill_assign_day(day: str, name: str | None) -> None:
    """Open the assign form on ``day`` for ``name`` (a free day of a person's month)."""
    try:
        chosen = date.fromisoformat(day)
    except ValueError:
        return
    st.session_state[ASSIGN_OPEN] = True
    st.session_state["assign_day"] = chosen
    st.session_state.pop("assign_start", None)
    st.session_state.pop("assign_end", None)
    if name:
        st.session_state["assign_person"] = name


def _slot_runs(
    session: state.PlanSession, service: str, day: date
) -> list[tuple[datetime, datetime]]:
    """The open slots of ``service`` on ``day`` (start, end)."""
    return [
        (slot.start, slot.end)
        for slot in slot_grid(session.plan.horizon, session.plan.rules)
        if slot.service == service and slot.day == day
    ]


def _keep_choice(key: str, options: Sequence[object], default: object) -> None:
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def assign(session: state.PlanSession, outcome: Outcome) -> None:
    """Assign a person to a slot or a run of slots by hand, with the rule check first."""
    st.subheader(_("Assign a shift by hand"))
    if not st.toggle(_("Show the assign form"), key=ASSIGN_OPEN):
        st.caption(_("Or click a red hour in the week view, or a green day in a person's month."))
        return
    plan = session.plan
    cols = st.columns(4)
    services = list(plan.rules.services)
    _keep_choice("assign_service", services, services[0])
    service = cols[0].selectbox(
        _("Chat"), services, key="assign_service", format_func=lambda c: SERVICES[c].name
    )
    days = plan.horizon.days
    _keep_choice("assign_day", days, days[0])
    day = cols[1].selectbox(_("Day"), days, key="assign_day", format_func=short_day)
    slots = _slot_runs(session, service, day)
    if not slots:
        st.info(_("{chat} is closed on {day}.", chat=SERVICES[service].name, day=short_day(day)))
        return
    starts = [s for s, _e in slots]
    _keep_choice("assign_start", starts, starts[0])
    start = cols[2].selectbox(_("From"), starts, key="assign_start", format_func=lambda t: clock(t))
    ends: list[datetime] = []
    for s, e in slots:  # the slots from the start on, while they run on without a break
        if s < start:
            continue
        if ends and s != ends[-1]:
            break
        ends.append(e)
    low = start + timedelta(hours=plan.rules.min_shift_hours)
    default_end = next((e for e in ends if e >= low), ends[-1])
    _keep_choice("assign_end", ends, default_end)
    end = cols[3].selectbox(
        _("To"), ends, key="assign_end", format_func=lambda t: clock(t, end_of=start)
    )
    options = _cached_options(session, outcome, service, start, end)
    _options_table(options, key="assign_options")
    option = _person_pick(options, key="assign_person")
    if option is None:
        return
    after, breaks = edit_check(outcome, add=[option.shift])
    allowed = _rule_check(breaks, key="assign_anyway")
    if st.button(
        _(
            "Assign {name} to {chat} {day} {time}",
            name=option.person.name,
            chat=SERVICES[service].name,
            day=short_day(day),
            time=time_range(start, end),
        ),
        key="assign_save",
        type="primary",
        disabled=not allowed,
    ):
        _save_edit(
            session,
            after,
            _("assigned {shift}", shift=_shift_text(option.shift)),
            _("Assigned {shift}.", shift=_shift_text(option.shift)),
        )
        st.session_state[PICK_NEXT] = shift_id(option.shift)
        st.session_state.pop("assign_person", None)
        st.session_state.pop("assign_anyway", None)
        st.rerun()


# --------------------------------------------------------------------------- cancel from a date


def cancel(session: state.PlanSession, outcome: Outcome) -> None:
    """Cancel a person from a date: their later shifts leave; leave the gaps or re-plan."""
    st.subheader(_("Cancel a person from a date"))
    if not st.toggle(_("Someone cannot come any more (illness, a move)"), key="cancel_open"):
        return
    plan = session.plan
    names = sorted(p.name for p in plan.people)
    if not names:
        return
    cols = st.columns(2)
    name = cols[0].selectbox(
        _("Person"), names, index=None, key="cancel_person", placeholder=_("Pick the person")
    )
    first = cols[1].date_input(
        _("From (this day included)"),
        value=max(plan.horizon.start, min(date.today(), plan.horizon.end - timedelta(days=1))),
        min_value=plan.horizon.start,
        max_value=plan.horizon.end - timedelta(days=1),
        key="cancel_date",
        format="DD.MM.YYYY",
    )
    if not name or not isinstance(first, date):
        return
    changed, leaving = cancel_from(plan, outcome.version, name, first)
    if leaving:
        st.markdown(
            ngettext(
                "{n} shift leaves the roster:",
                "{n} shifts leave the roster:",
                len(leaving),
            )
            + "\n\n"
            + "\n".join(f"- {_shift_text(s)}" for s in leaving)
        )
    else:
        st.caption(_("{name} has no shifts from {day} on.", name=name, day=short_day(first)))
    modes = {
        "gaps": _("Leave the gaps (fill them by hand)"),
        "replan": _("Re-plan the gaps with the fewest changes"),
    }
    mode = st.radio(
        _("Then"), list(modes), key="cancel_mode", format_func=modes.__getitem__, horizontal=True
    )
    seconds = 30
    if mode == "replan":
        seconds = int(
            st.number_input(
                _("Time limit (seconds)"),
                1,
                3600,
                int(plan.settings.get("time_limit", 30)),
                key="cancel_seconds",
            )
        )
    st.caption(
        _(
            "{name} is marked away every day from {day} to the end of the period, so no "
            "re-plan puts them back; a new availability upload replaces this.",
            name=name,
            day=short_day(first),
        )
    )
    if st.button(
        _("Cancel {name} from {day}", name=name, day=short_day(first)),
        key="cancel_save",
        type="primary",
        disabled=session.job is not None,
    ):
        version = session.version
        assert version is not None
        remaining = [s for s in version.shifts if s not in set(leaving)]
        session.save(changed)
        session.keep(
            edited(
                version,
                remaining,
                _("cancelled {name} from {day}", name=name, day=short_day(first)),
            )
        )
        if mode == "replan":
            start_solve(
                session,
                float(seconds),
                previous=remaining,
                label=_(
                    "re-planned after cancelling {name} from {day}",
                    name=name,
                    day=short_day(first),
                ),
            )
            session.say(
                "info",
                _(
                    "{name} is cancelled from {day}; re-planning the gaps with the fewest changes.",
                    name=name,
                    day=short_day(first),
                ),
            )
        else:
            session.say(
                "success",
                ngettext(
                    "{name} is cancelled from {day}: {n} shift left the roster.",
                    "{name} is cancelled from {day}: {n} shifts left the roster.",
                    len(leaving),
                    name=name,
                    day=short_day(first),
                ),
            )
        st.session_state.pop("cancel_person", None)
        st.rerun()
