"""What the pages do to a plan, without any user interface: import, demand, evaluate, publish.

Everything here works on :class:`scheduler.store.Plan` and roster versions and can be
tested (and used from a script) without Streamlit.
"""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..domain import AvailabilityPiece, Horizon, Person, Problem, Rules, Shift
from ..hours import slot_grid
from ..i18n import N_, translate
from ..intake import DEFAULT_DAY_PARTS, ColumnMapping, load_availability, write_template
from ..intake.mapping import load_mappings
from ..kpi import (
    RECRUIT_COLUMNS,
    Evaluation,
    RecruitBlock,
    Violation,
    evaluate,
    recruit_blocks,
    summary,
    violations,
)
from ..plan import build_problem
from ..problem import Instance, build_instance
from ..publish.calendars import PreviousRoster
from ..roster import Result, Roster, SolveStatus
from ..rules import Checker
from ..store import Plan, RosterVersion

BUILTIN_SOURCE = N_("built-in profile")


def demand_source(info: Mapping[str, Any]) -> str:
    """Where the plan's demand came from, for the page: the built-in profile in the reader's
    language, else the file's name (``""`` when there is no demand)."""
    source = str(info.get("source") or "")
    return translate(source) if source == BUILTIN_SOURCE else source


MAPPINGS_KEY = "column_mappings"
DAY_PARTS_KEY = "day_parts"


# --------------------------------------------------------------------------- availability


def import_availability(
    plan: Plan, uploads: Sequence[tuple[str, bytes]], *, leave_out: Sequence[str] = ()
) -> tuple[Plan, bool]:
    """Read uploaded availability files (``(file name, content)``) into the plan.

    The plan's saved column mappings (``settings["column_mappings"]``) are applied to files
    with the headers they were made for, and its day-part hours (``settings["day_parts"]``)
    to words like ``ilta``. Files named in ``leave_out`` are not read (the report says so).

    The validation report always replaces the plan's ``findings``. People and their time
    replace the plan's only when the files read have no errors, so a bad upload never loses
    a good import. Returns the new plan and whether the people were replaced.
    """
    names = [name for name, _ in uploads]
    with tempfile.TemporaryDirectory(prefix="sekasin-upload-") as folder:
        paths = []
        for i, (name, content) in enumerate(uploads):
            path = Path(folder) / f"{i}{Path(name).suffix.lower()[:8]}"
            path.write_bytes(content)
            paths.append(path)
        intake = load_availability(
            paths,
            plan.horizon,
            plan.rules,
            display_names=names,
            mappings=plan_mappings(plan),
            day_parts=plan_day_parts(plan),
            leave_out=leave_out,
        )
    findings = tuple(intake.findings)
    if intake.findings.errors:
        return plan.but(findings=findings), False
    return plan.but(
        people=intake.people,
        availability=intake.availability,
        findings=findings,
        sources=tuple(n for n in names if n not in intake.left_out),
    ), True


def plan_mappings(plan: Plan) -> list[ColumnMapping]:
    """The column mappings saved with the plan."""
    return load_mappings(plan.settings.get(MAPPINGS_KEY))


def plan_day_parts(plan: Plan) -> dict[str, tuple[int, int]]:
    """The plan's hours for day-part words (the defaults where it has none)."""
    parts = dict(DEFAULT_DAY_PARTS)
    for key, value in (plan.settings.get(DAY_PARTS_KEY) or {}).items():
        if key in parts and isinstance(value, list | tuple) and len(value) == 2:
            parts[key] = (int(value[0]), int(value[1]))
    return parts


def with_mapping(plan: Plan, mapping: ColumnMapping) -> Plan:
    """The plan with ``mapping`` saved (replacing one made for the same headers)."""
    kept = [m for m in plan_mappings(plan) if m.key != mapping.key]
    stored = [m.to_json() for m in [*kept, mapping]]
    return plan.but(settings={**plan.settings, MAPPINGS_KEY: stored})


def without_mapping(plan: Plan, index: int) -> Plan:
    mappings = plan_mappings(plan)
    stored = [m.to_json() for i, m in enumerate(mappings) if i != index]
    return plan.but(settings={**plan.settings, MAPPINGS_KEY: stored})


def with_day_parts(plan: Plan, parts: Mapping[str, tuple[int, int]]) -> Plan:
    """The plan with its own hours for the day-part words."""
    stored = {k: [int(a), int(b)] for k, (a, b) in parts.items()}
    return plan.but(settings={**plan.settings, DAY_PARTS_KEY: stored})


def template_bytes(horizon: Horizon) -> bytes:
    """The canonical availability workbook for the plan period, as a file's bytes."""
    with tempfile.TemporaryDirectory(prefix="sekasin-template-") as folder:
        path = Path(folder) / "availability-template.xlsx"
        write_template(path, horizon)
        return path.read_bytes()


# --------------------------------------------------------------------------- demand


def open_slot_keys(horizon: Horizon, rules: Rules) -> set[tuple[str, Any]]:
    return {slot.key for slot in slot_grid(horizon, rules)}


def with_builtin_demand(plan: Plan) -> Plan:
    """The plan with the built-in demand profile (labelled as an assumption)."""
    from ..demand import builtin_demand

    return plan.but(
        demand=builtin_demand(plan.horizon, plan.rules),
        demand_info={"source": BUILTIN_SOURCE, "assumption": True},
    )


def with_history_forecast(
    plan: Plan, name: str, content: bytes, quantile: float | None = None
) -> Plan:
    """The plan with demand forecast from an uploaded contact history.

    Raises :class:`scheduler.errors.InputError` (every located problem) on a bad file.
    """
    from ..demand import forecast, read_history

    with tempfile.TemporaryDirectory(prefix="sekasin-history-") as folder:
        path = Path(folder) / f"history{Path(name).suffix.lower()[:8]}"
        path.write_bytes(content)
        history = read_history(path, display_name=name)
    fc = forecast(history, plan.horizon, plan.rules, quantile=quantile)
    info: dict[str, Any] = {
        "source": f"forecast from {name}",
        "assumption": bool(fc.assumption),
        "detail": str(fc.source),
        "quantile": quantile,
        "notes": [str(n) for n in getattr(fc, "notes", ())],
    }
    if fc.backtest is not None:
        info["backtest"] = {
            **_plain(fc.backtest),
            "improvement": fc.backtest.improvement,
            "text": fc.backtest.describe(),
        }
    return plan.but(demand=dict(fc.demand), demand_info=info)


def with_demand_csv(plan: Plan, name: str, content: bytes) -> Plan:
    """The plan with demand read from a demand CSV (``service,start,contacts``).

    Raises :class:`scheduler.errors.InputError` (every located problem) on a bad file.
    """
    from ..demand import load_demand_csv

    with tempfile.TemporaryDirectory(prefix="sekasin-demand-") as folder:
        path = Path(folder) / "demand.csv"
        path.write_bytes(content)
        demand, findings = load_demand_csv(path, plan.horizon, plan.rules, display_name=name)
    return plan.but(
        demand=dict(demand),
        demand_info={
            "source": f"demand file {name}",
            "assumption": False,
            "notes": [str(f) for f in findings],
        },
    )


def _plain(value: Any) -> Any:
    """A JSON-storable copy of a backtest (a dataclass, a mapping or a number)."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def demand_fits(plan: Plan) -> bool:
    """Whether the plan's demand has a value for every open slot of its period and rules."""
    return bool(plan.demand) and open_slot_keys(plan.horizon, plan.rules) <= set(plan.demand)


def with_period_and_rules(plan: Plan, horizon: Horizon, rules: Rules) -> Plan:
    """The plan with a new period or rules; the built-in demand follows, a forecast that no
    longer fits the open slots is dropped (the demand page asks for it again)."""
    changed = plan.but(horizon=horizon, rules=rules)
    if changed.demand_info.get("source") == BUILTIN_SOURCE or not plan.demand:
        return with_builtin_demand(changed) if plan.demand else changed
    if demand_fits(changed):
        return changed
    return changed.but(
        demand={}, demand_info={"source": "", "dropped": plan.demand_info.get("source", "")}
    )


# --------------------------------------------------------------------------- rosters


def problem_of(plan: Plan, previous: Iterable[Shift] = ()) -> Problem:
    """The optimisation problem of the plan (pins and forbids included)."""
    return build_problem(
        plan,
        plan.horizon,
        plan.rules,
        plan.demand,
        pins=plan.pins,
        forbids=plan.forbids,
        previous=tuple(previous),
    )


@dataclass(frozen=True)
class Outcome:
    """A roster version with everything recomputed from its shifts: coverage, KPIs, gaps."""

    version: RosterVersion
    problem: Problem
    result: Result
    evaluation: Evaluation
    recruit: tuple[RecruitBlock, ...]
    summary: dict[str, Any]
    violations: tuple[Violation, ...] = ()
    """Hard rules the roster breaks under the plan as it is now (after its people, period
    or rules changed, or a pin was added), empty when it keeps them all."""
    instance: Instance | None = field(default=None, compare=False, repr=False)
    """The problem made concrete (slots, offered time), kept for the rule checks of edits."""


def outcome_of(
    plan: Plan,
    version: RosterVersion,
    settings: Mapping[str, Any] | None = None,
    *,
    instance: Instance | None = None,
) -> Outcome:
    """Evaluate a stored roster version against the plan as it is now (``instance``: the
    plan's problem made concrete already, reused when given)."""
    if instance is not None:
        problem, inst = instance.problem, instance
    else:
        problem = problem_of(plan)
        inst = build_instance(problem)
    ev = evaluate(problem, version.shifts, instance=inst)
    result = Result(
        status=SolveStatus(version.status),
        roster=Roster.of(version.shifts),
        objective=version.objective,
        best_bound=version.best_bound,
        gap=version.gap,
        solve_seconds=version.solve_seconds,
        breakdown=dict(version.breakdown),
        coverage=ev.coverage,
        uncovered=ev.uncovered,
        notes=version.notes,
    )
    data = summary(problem, result, settings, instance=inst)
    blocks = tuple(recruit_blocks(problem, version.shifts, instance=inst))
    broken = tuple(violations(problem, version.shifts, instance=inst))
    return Outcome(version, problem, result, ev, blocks, data, broken, inst)


def version_of(plan: Plan, result: Result, label: str) -> RosterVersion:
    """A draft roster version from a solve result."""
    assert plan.id is not None
    return RosterVersion(
        plan.id,
        tuple(result.roster),
        result.status,
        objective=result.objective,
        best_bound=result.best_bound,
        gap=result.gap,
        solve_seconds=result.solve_seconds,
        label=label,
        breakdown=dict(result.breakdown),
        notes=result.notes_text(),
    )


def edited(
    version: RosterVersion, shifts: Iterable[Shift], label: str, *, status: str = "EDITED"
) -> RosterVersion:
    """A new draft from a coordinator's change to a roster (status ``EDITED``)."""
    return RosterVersion(
        version.plan_id,
        tuple(shifts),
        status,
        objective=version.objective,
        best_bound=version.best_bound,
        gap=version.gap,
        solve_seconds=version.solve_seconds,
        label=label,
        breakdown=dict(version.breakdown),
        notes=version.notes,
    )


def recruit_csv(blocks: Sequence[RecruitBlock]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RECRUIT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(b.as_row(i) for i, b in enumerate(blocks, start=1))
    return out.getvalue()


# --------------------------------------------------------------------------- editing by hand


def shift_id(shift: Shift) -> str:
    """A shift's stable id (its person, service, start and end; never a list position), so
    an action always acts on the shift the coordinator sees, whatever the list shows now."""
    key = "\x1f".join(
        (shift.name, shift.service, str(shift.start.timestamp()), str(shift.end.timestamp()))
    )
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def find_shift(shifts: Iterable[Shift], wanted: str | None) -> Shift | None:
    """The shift with id ``wanted`` among ``shifts`` (None when it is not there any more)."""
    if not wanted:
        return None
    return next((s for s in shifts if shift_id(s) == wanted), None)


def with_people(
    version: RosterVersion, plan: Plan, earlier: Iterable[Person] = ()
) -> RosterVersion:
    """The version with its people as the plan knows them now; a name no longer in the plan
    keeps what ``earlier`` (a previous version's people) knew of them."""
    on = {s.name for s in version.shifts}
    known = {p.name: p for p in earlier}
    known.update({p.name: p for p in plan.people})
    return version.but(people=tuple(known[n] for n in sorted(on) if n in known))


def new_violations(
    problem: Problem,
    before: Sequence[Shift],
    after: Sequence[Shift],
    *,
    instance: Instance | None = None,
) -> tuple[Violation, ...]:
    """The hard rules ``after`` breaks that ``before`` did not, as the checker says them.

    The one place the app asks the rule checker about an edit (a hand assignment, a swap,
    a person given another's shift, a removal): it checks only what the edit touches.
    """
    was, now = set(before), set(after)
    return tuple(
        Checker(problem, instance).check_change(
            before,
            add=[s for s in after if s not in was],
            remove=[s for s in before if s not in now],
        )
    )


@dataclass(frozen=True)
class AssignmentOption:
    """One person of the plan for a shift to assign by hand, and what taking it would break."""

    person: Person
    shift: Shift
    breaks: tuple[Violation, ...]
    """The rules this assignment would break, as the checker says them (empty: free)."""
    offered: bool
    """They offered the whole time."""
    preferred: bool
    """All of it is time they prefer."""

    @property
    def free(self) -> bool:
        return not self.breaks


def assignment_options(
    plan: Plan,
    version: RosterVersion,
    service: str,
    start: datetime,
    end: datetime,
    *,
    replacing: Shift | None = None,
    outcome: Outcome | None = None,
) -> list[AssignmentOption]:
    """Everyone of the plan for ``service`` from ``start`` to ``end`` (in place of
    ``replacing`` when given), each with the rules taking it would break
    (:meth:`scheduler.rules.Checker.assignment_options`): who is free first (preferred time
    first), then by how much they would break. ``outcome`` (the version evaluated) saves
    rebuilding the problem."""
    if outcome is not None and outcome.instance is not None:
        problem, inst = outcome.problem, outcome.instance
    else:
        problem = problem_of(plan)
        inst = build_instance(problem)
    base = [s for s in version.shifts if s != replacing]
    slots = inst.slots_within(service, start, end)
    index = inst.person_index()
    options = []
    for person, broken in Checker(problem, inst).assignment_options(base, service, start, end):
        if replacing is not None and person.name == replacing.name:
            continue  # the shift is theirs already
        shift = Shift(person.name, service, start, end)
        if shift in base:
            continue
        offered = inst.offered[index[person.name]] if person.name in index else {}
        whole = bool(slots) and all(i in offered for i in slots)
        options.append(
            AssignmentOption(
                person, shift, tuple(broken), whole, whole and all(offered[i] for i in slots)
            )
        )
    options.sort(
        key=lambda o: (bool(o.breaks), not o.preferred, len(o.breaks), o.person.name.casefold())
    )
    return options


def swapped(first: Shift, second: Shift) -> tuple[Shift, Shift]:
    """Two people's shifts swapped: each takes the other's service and time."""
    return (
        Shift(second.name, first.service, first.start, first.end),
        Shift(first.name, second.service, second.start, second.end),
    )


def edit_check(
    outcome: Outcome, remove: Iterable[Shift] = (), add: Iterable[Shift] = ()
) -> tuple[list[Shift], tuple[Violation, ...]]:
    """The roster after an edit and the rules the edit would break (whole roster)."""
    gone = set(remove)
    before = list(outcome.version.shifts)
    after = [s for s in before if s not in gone] + [s for s in add if s not in before]
    return after, new_violations(outcome.problem, before, after, instance=outcome.instance)


def cancel_from(
    plan: Plan, version: RosterVersion, name: str, first: date
) -> tuple[Plan, list[Shift]]:
    """Cancel ``name`` from ``first`` on (illness, a move): the plan marks them away every
    day from then to the end of the period (so no re-plan puts them back, and their pins
    from then go) and the shifts that leave (their shifts starting that day or later)."""
    days = [d for d in plan.horizon.days if d >= first]
    have = {
        (a.day, a.start_minute, a.end_minute)
        for a in plan.availability
        if a.name == name and a.preference == "away"
    }
    away = [
        AvailabilityPiece(name, 0, 24 * 60, "away", day=d)
        for d in days
        if (d, 0, 24 * 60) not in have
    ]
    changed = plan.but(
        availability=(*plan.availability, *away),
        pins=tuple(s for s in plan.pins if not (s.name == name and s.day >= first)),
    )
    leaving = [s for s in version.shifts if s.name == name and s.day >= first]
    return changed, leaving


@dataclass(frozen=True)
class Change:
    """One difference between two rosters: a shift ``added``, ``removed`` or ``moved``
    (the same person's shift on the same day at another time or in another chat)."""

    kind: str
    name: str
    before: Shift | None
    after: Shift | None

    @property
    def day(self) -> date:
        shift = self.after or self.before
        assert shift is not None
        return shift.day


ADDED, REMOVED, MOVED = "added", "removed", "moved"


def roster_changes(old: Iterable[Shift], new: Iterable[Shift]) -> list[Change]:
    """What changed from ``old`` to ``new``, by day and person."""
    before, after = set(old), set(new)
    added: dict[tuple[str, date], list[Shift]] = defaultdict(list)
    for s in sorted(after - before, key=lambda s: s.start):
        added[(s.name, s.day)].append(s)
    changes = []
    for s in sorted(before - after, key=lambda s: s.start):
        pair = added.get((s.name, s.day))
        if pair:
            changes.append(Change(MOVED, s.name, s, pair.pop(0)))
        else:
            changes.append(Change(REMOVED, s.name, s, None))
    changes += [Change(ADDED, s.name, None, s) for items in added.values() for s in items]
    changes.sort(key=lambda c: (c.day, c.name.casefold(), c.kind))
    return changes


@dataclass(frozen=True)
class VersionFigures:
    """What a roster version achieves under the plan as it is now."""

    shifts: int
    hours: float
    expected_answered: float
    answer_rate: float
    empty_hours: float
    """Open hours with nobody on duty (where someone is needed)."""
    short_hours: float
    """Open hours below their minimum staff."""
    unsupervised_hours: float
    """Open Finnish-chat hours without a chat team member or staff on (when asked for)."""


def version_figures(
    problem: Problem, shifts: Sequence[Shift], *, instance: Instance | None = None
) -> VersionFigures:
    """Expected answered, empty, short and unsupervised hours of ``shifts``."""
    inst = instance if instance is not None else build_instance(problem)
    ev = evaluate(problem, shifts, instance=inst)
    slot_hours = inst.slot_minutes() / 60

    def hours(rows) -> float:
        return sum((r.end - r.start).total_seconds() / 3600 for r in rows)

    return VersionFigures(
        shifts=len(shifts),
        hours=sum(s.hours for s in shifts),
        expected_answered=ev.expected_answered,
        answer_rate=ev.expected_answer_rate,
        empty_hours=hours(u for u in ev.uncovered if u.staffed == 0),
        short_hours=hours(ev.uncovered),
        unsupervised_hours=ev.goals.unsupervised * slot_hours,
    )


def restored(version: RosterVersion, label: str) -> RosterVersion:
    """A new draft with an earlier version's shifts and figures (the earlier one stays)."""
    return edited(version, version.shifts, label, status=version.status)


# --------------------------------------------------------------------------- publishing


def previous_roster(published: RosterVersion | None) -> PreviousRoster:
    """What people already have in their calendars: the last published version, with its
    people as they were then (also those who have left the plan since)."""
    if published is None:
        return PreviousRoster()
    return PreviousRoster(published.shifts, {p.name: p for p in published.people})


@dataclass(frozen=True)
class PersonNews:
    """What one person will receive from a publish: their new, changed and cancelled
    shifts (against what they already have), in their language."""

    name: str
    email: str
    language: str
    new: tuple[Shift, ...]
    changed: tuple[Shift, ...]
    cancelled: tuple[Shift, ...]
    unchanged: int

    @property
    def any(self) -> bool:
        return bool(self.new or self.changed or self.cancelled)


def publish_preview(
    problem: Problem,
    shifts: Iterable[Shift],
    previous: PreviousRoster,
    *,
    lang: str | None = None,
) -> list[PersonNews]:
    """Per person, exactly what the calendars of a publish now will carry for them: the
    same comparison (and the same language) :func:`scheduler.publish.write_calendars` makes."""
    from ..i18n import current_language
    from ..publish.calendars import (
        CANCELLED_STATE,
        CHANGED,
        NEW,
        UNCHANGED,
        entries_by_person,
        person_language,
    )

    horizon = problem.horizon
    before = [s for s in previous if horizon.start_dt <= s.start < horizon.end_dt]
    people = {p.name: p for p in problem.people}
    shared = lang or current_language()
    news = []
    for name, entries in entries_by_person(shifts, before, bump=1, replan=bool(before)).items():
        person = people.get(name) or previous.people.get(name)

        def of(state: str, entries=entries) -> tuple[Shift, ...]:
            return tuple(e.shift for e in entries if e.state == state)

        news.append(
            PersonNews(
                name,
                person.email if person else "",
                person_language(name, people, previous.people, shared),
                of(NEW),
                of(CHANGED),
                of(CANCELLED_STATE),
                len(of(UNCHANGED)),
            )
        )
    return news


def publish_files(
    outcome: Outcome,
    previous: Iterable[Shift] = (),
    contact_info: str | None = None,
    *,
    now: datetime | None = None,
    revision_floor: int = 0,
    lang: str | None = None,
) -> dict[str, bytes]:
    """Every published file as bytes: ``roster.xlsx``, ``calendars.zip``, ``schedules.zip``
    (a text per person), the CSVs, ``summary.json`` and ``recruit.csv``, built in a
    temporary folder that is removed afterwards. ``previous`` (best a
    :class:`PreviousRoster`) are the shifts people already have; ``now`` and
    ``revision_floor`` set the calendars' revision (see :func:`publish_revision`);
    ``lang`` is the language of the workbook and the shared calendars."""
    import json

    from ..publish import publish_all

    with tempfile.TemporaryDirectory(prefix="sekasin-publish-") as folder:
        out = Path(folder)
        publish_all(
            out,
            outcome.problem,
            outcome.result,
            summary=outcome.summary,
            previous=previous if isinstance(previous, PreviousRoster) else tuple(previous),
            contact_info=contact_info,
            now=now,
            revision_floor=revision_floor,
            lang=lang,
        )
        files = {
            name: (out / name).read_bytes()
            for name in ("roster.xlsx", "roster.csv", "coverage.csv")
            if (out / name).is_file()
        }
        files["calendars.zip"] = zip_folder(out / "calendars")
        if (out / "schedules").is_dir():
            files["schedules.zip"] = zip_folder(out / "schedules")
    files["summary.json"] = (
        json.dumps(outcome.summary, ensure_ascii=False, indent=2) + "\n"
    ).encode()
    files["recruit.csv"] = recruit_csv(outcome.recruit).encode()
    return files


def zip_folder(folder: Path) -> bytes:
    """The files under ``folder`` as a zip (paths relative to it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()
