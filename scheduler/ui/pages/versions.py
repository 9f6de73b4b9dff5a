"""The Roster page's versions: every saved version, what changed between any two (shifts
added, removed, moved, per person and per day; expected answered, empty and unsupervised
hours of each), and restoring an earlier one as a new version."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from ...domain import SERVICES, Shift
from ...i18n import _, current_language, fmt_number, fmt_percent
from ...store import PUBLISHED, RosterVersion
from .. import state
from ..charts import clock, local, short_day, time_range
from ..tables import local_numbers
from ..workflow import ADDED, MOVED, REMOVED, Change, VersionFigures, restored, roster_changes

COMPARED_FOR = "_compare_for"


def version_name(v: RosterVersion) -> str:
    """``5 · ti 3.3. 14.02 · removed Anna … (published)``."""
    when = f"{short_day(local(v.created).date())} {clock(v.created)}" if v.created else ""
    kind = f" ({_('published')})" if v.kind == PUBLISHED else ""
    return f"{v.id} · {when} · {v.label or v.status}{kind}"


def _shift_cell(change_shift: Shift | None) -> str:
    if change_shift is None:
        return ""
    return (
        f"{SERVICES[change_shift.service].name} {short_day(local(change_shift.start).date())} "
        f"{time_range(change_shift.start, change_shift.end)}"
    )


def _figures_table(a: VersionFigures, b: VersionFigures, names: tuple[str, str]) -> pd.DataFrame:
    lang = current_language()

    def hours(x: float) -> str:
        return fmt_number(x, lang, 1) + " h"

    rows = [
        (
            _("expected answered contacts"),
            fmt_number(a.expected_answered, lang),
            fmt_number(b.expected_answered, lang),
            fmt_number(b.expected_answered - a.expected_answered, lang, 1),
        ),
        (
            _("expected answer rate"),
            fmt_percent(a.answer_rate, lang),
            fmt_percent(b.answer_rate, lang),
            fmt_percent(b.answer_rate - a.answer_rate, lang, 2),
        ),
        (
            _("empty open hours"),
            hours(a.empty_hours),
            hours(b.empty_hours),
            hours(b.empty_hours - a.empty_hours),
        ),
        (
            _("hours below the minimum staff"),
            hours(a.short_hours),
            hours(b.short_hours),
            hours(b.short_hours - a.short_hours),
        ),
        (
            _("hours without supervision"),
            hours(a.unsupervised_hours),
            hours(b.unsupervised_hours),
            hours(b.unsupervised_hours - a.unsupervised_hours),
        ),
        (_("shifts"), str(a.shifts), str(b.shifts), f"{b.shifts - a.shifts:+d}"),
        (_("hours on duty"), hours(a.hours), hours(b.hours), hours(b.hours - a.hours)),
    ]
    return pd.DataFrame(rows, columns=[_("figure"), names[0], names[1], _("change")])


def _counts(changes: Sequence[Change], by: Callable[[Change], object]) -> pd.DataFrame:
    counted: dict[object, Counter[str]] = {}
    for c in changes:
        counted.setdefault(by(c), Counter())[c.kind] += 1
    return pd.DataFrame(
        [
            {
                "key": key,
                _("added"): n[ADDED],
                _("removed"): n[REMOVED],
                _("moved"): n[MOVED],
            }
            for key, n in counted.items()
        ]
    )


def _compare(session: state.PlanSession, listed: list[RosterVersion]) -> None:
    ids = [v.id for v in listed]
    names = {v.id: version_name(v) for v in listed}
    current = session.version.id if session.version is not None else ids[0]
    if st.session_state.get(COMPARED_FOR) != current or any(
        st.session_state.get(k) not in ids for k in ("compare_a", "compare_b")
    ):
        # a new current version: show what it changed against the one before it
        position = ids.index(current) if current in ids else 0
        older = ids[position + 1] if position + 1 < len(ids) else None
        if older is not None:
            st.session_state["compare_a"], st.session_state["compare_b"] = older, current
        else:  # the oldest is shown: what came after it
            st.session_state["compare_a"], st.session_state["compare_b"] = current, ids[0]
        st.session_state[COMPARED_FOR] = current
    cols = st.columns(2)
    a_id = cols[0].selectbox(
        _("Compare version"), ids, key="compare_a", format_func=names.__getitem__
    )
    b_id = cols[1].selectbox(_("with version"), ids, key="compare_b", format_func=names.__getitem__)
    if a_id is None or b_id is None:
        return
    store = state.store()
    a, b = store.load_roster(a_id), store.load_roster(b_id)
    labels = (_("A: version {id}", id=a.id), _("B: version {id}", id=b.id))
    st.dataframe(
        local_numbers(_figures_table(session.figures(a), session.figures(b), labels)),
        key="compare_figures",
        hide_index=True,
    )
    changes = roster_changes(a.shifts, b.shifts)
    kinds = Counter(c.kind for c in changes)
    if not changes:
        st.info(_("The two versions have the same shifts."))
        return
    st.markdown(
        _(
            "From version {a} to version {b}: **{added} added, {removed} removed, {moved} "
            "moved** shifts.",
            a=a.id,
            b=b.id,
            added=kinds[ADDED],
            removed=kinds[REMOVED],
            moved=kinds[MOVED],
        )
    )
    cols = st.columns(2)
    people = _counts(changes, lambda c: c.name).rename(columns={"key": _("person")})
    cols[0].dataframe(local_numbers(people), key="compare_people", hide_index=True, height=220)
    days = _counts(changes, lambda c: c.day).sort_values("key")
    days["key"] = [short_day(d) for d in days["key"]]
    cols[1].dataframe(
        local_numbers(days.rename(columns={"key": _("day")})),
        key="compare_days",
        hide_index=True,
        height=220,
    )
    words = {ADDED: _("added"), REMOVED: _("removed"), MOVED: _("moved")}
    st.dataframe(
        local_numbers(
            pd.DataFrame(
                [
                    {
                        _("day"): short_day(c.day),
                        _("person"): c.name,
                        _("change"): words[c.kind],
                        _("before"): _shift_cell(c.before),
                        _("after"): _shift_cell(c.after),
                    }
                    for c in changes
                ]
            )
        ),
        key="compare_changes",
        hide_index=True,
        width="stretch",
        height=240,
    )


def _restore(session: state.PlanSession, listed: list[RosterVersion]) -> None:
    current = session.version.id if session.version is not None else None
    earlier = [v for v in listed if v.id != current]
    if not earlier:
        return
    names = {v.id: version_name(v) for v in earlier}
    cols = st.columns([3, 1])
    chosen = cols[0].selectbox(
        _("Bring back an earlier version"),
        list(names),
        key="restore_pick",
        format_func=names.__getitem__,
        help=_(
            "Saves its shifts as a new version, which becomes the current one; every "
            "version stays as it was."
        ),
    )
    if cols[1].button(_("Restore"), key="restore_save", width="stretch") and chosen is not None:
        old = state.store().load_roster(chosen)
        session.keep(restored(old, _("restored version {id}", id=old.id)))
        session.say(
            "success",
            _(
                "Version {old} is back as version {new}, now the current roster.",
                old=old.id,
                new=session.version.id if session.version is not None else "",
            ),
        )
        st.rerun()


def render(session: state.PlanSession) -> None:
    st.subheader(_("Versions"))
    listed = state.store().rosters(session.id)
    if not listed:
        return
    current = session.version.id if session.version is not None else None
    st.dataframe(
        local_numbers(
            pd.DataFrame(
                [
                    {
                        _("version"): v.id,
                        _("saved"): (
                            f"{short_day(local(v.created).date())} {clock(v.created)}"
                            if v.created
                            else ""
                        ),
                        _("kind"): _("published") if v.kind == PUBLISHED else _("draft"),
                        _("how"): v.label or v.status,
                        _("current"): "✓" if v.id == current else "",
                    }
                    for v in listed
                ]
            )
        ),
        key="roster_versions_table",
        hide_index=True,
        width="stretch",
        height=min(240, 36 + 35 * len(listed)),
    )
    if len(listed) > 1:
        _compare(session, listed)
    _restore(session, listed)
